"""Hypothesis strategies for valid records with arbitrary Unicode text."""

from __future__ import annotations

import re

from hypothesis import strategies as st

from sitegen.keys import base_key

# Any character a person could type into a record: no surrogates, control or separator codes.
_CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp"))  # Cf: refused in records


def _one_line(text: str) -> str:
    return " ".join(text.split())


titles = st.text(_CHARS, min_size=1, max_size=50).map(_one_line).filter(bool)
_name_part = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp"), blacklist_characters=",&"), min_size=1, max_size=16)
    .map(_one_line)
    .filter(lambda s: bool(s) and not re.search(r"\sand\s", f" {s} ") and not re.fullmatch(r"(et\.? ?al\.?|others|\.\.\.|…)", s, re.I))
)
_person = st.tuples(_name_part, _name_part).map(lambda t: f"{t[0]}, {t[1]}")
# A name kept whole (an organisation, a single name): braces around any text without braces.
_whole_name = st.one_of(
    st.sampled_from(["{OpenAI}", "{Ernst and Young}", "{Google, Inc.}", "{DeepMind & co}"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="{}"), min_size=1, max_size=12)
    .map(_one_line).filter(bool).map(lambda s: "{" + s + "}"),
)
authors = st.lists(st.one_of(_person, _person, _person, _whole_name), min_size=1, max_size=4)
# LaTeX math as records keep it (no plain-text form), and dollars that are only dollars.
_math = st.sampled_from(["$\\mathcal{O}(n \\log n)$", "$\\frac{1}{2}$", "$\\ell_{2,1}$", "$\\{0,1\\}^n$", "$\\mathbb{R}^d$",
                         "$\\alpha$", "$5 and $", "$", "$k$-NN", "α-divergence", "ℓ₁", "x²"])
# The field forms BibTeX treats apart: verbatim DOIs with < > _ ~ ; ( ), page text with _ and a
# range dash, volume and number text that YAML 1.1 would read as other numbers.
_doi_tail = st.text(st.sampled_from("abcXYZ0123456789<>_~;:()/.-#%"), min_size=1, max_size=24).filter(lambda s: not s.startswith((" ",)))
_page = st.text(st.sampled_from("abcxyzAE0123456789_:.^&%$#"), min_size=1, max_size=6)
_pages = st.one_of(_page, st.tuples(_page, _page).map(lambda t: f"{t[0]}-{t[1]}"), st.integers(1, 9999))
_number = st.one_of(st.sampled_from(["010", "1:30", "0x10", "1_2", "1.10", "S1", "12", "yes"]), st.integers(1, 99))
_VENUES = [("cvpr", "inproceedings"), ("tpami", "article"), ("arxiv", "misc"), (None, "misc")]


@st.composite
def records(draw) -> dict:
    names = draw(authors)
    title = draw(titles)
    year = draw(st.integers(1950, 2025))
    venue, kind = draw(st.sampled_from(_VENUES))
    record = {
        "id": base_key(names[0], year, title),
        "title": title,
        "authors": names,
        "et_al": draw(st.booleans()),
        "year": year,
        "type": kind,
        "scope": "core",
        "taxonomy": {"knowledge": [draw(st.sampled_from(["response-based", "feature-based", "relation-based"]))]},
    }
    if venue:
        record["venue"] = venue
    if draw(st.booleans()):  # who the first author is, by a people registry id
        record["author_ids"] = {names[0]: draw(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True))}
    if kind == "article":
        record["volume"] = draw(st.integers(1, 99))
        record["pages"] = f"{draw(st.integers(1, 500))}-{draw(st.integers(501, 999))}"
    if draw(st.booleans()):
        record["title"] = " ".join(f"{title} {draw(_math)} {draw(titles)}".split())
    if draw(st.booleans()):
        record["doi"] = f"10.5555/{draw(_doi_tail)}"
    for name in ("volume", "number", "pages"):
        if draw(st.integers(0, 3)) == 0:
            record[name] = draw(_pages if name == "pages" else _number)
    if draw(st.booleans()):
        record["arxiv"] = f"{draw(st.integers(1001, 2412))}.{draw(st.integers(10000, 99999))}"
    if draw(st.booleans()):
        record["note"] = draw(st.text(_CHARS, min_size=1, max_size=40)).strip() or "note"
    return record


_ARCHITECTURES = ["resnet56", "ResNet-20", "resnet32x4", "WRN-40-1", "mobilenetv2", "resnet20-x0.5"]
_texts = st.text(_CHARS, min_size=1, max_size=30).map(_one_line).filter(bool)
_scores = st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2))


@st.composite
def results(draw) -> dict:
    """A valid result: any networks the registry knows (by any spelling), scores in range, any text."""
    student: dict = {"arch": draw(st.sampled_from(_ARCHITECTURES)), "distilled": draw(_scores)}
    if draw(st.booleans()):
        student["score"] = draw(_scores)
    result: dict = {"dataset": draw(st.sampled_from(["cifar-10", "CIFAR100", "ImageNet"])), "metric": "top1-accuracy", "student": student}
    if draw(st.booleans()):
        teacher: dict = {"arch": draw(st.sampled_from(_ARCHITECTURES)), "ensemble": draw(st.booleans())}
        for name in ("score", "distilled"):
            if draw(st.booleans()):
                teacher[name] = draw(_scores)
        result["teacher"] = teacher
    result["source"] = {"table": draw(_texts)}
    if draw(st.booleans()):
        result["source"]["row"] = draw(_texts)
    # A doubt, so that any printed gain is allowed; doubts are free text.
    result["doubts"] = [draw(st.text(_CHARS, min_size=1, max_size=40)).strip() or "doubt"]
    if draw(st.booleans()):
        result["gain"] = draw(st.floats(-100, 100, allow_nan=False).map(lambda x: round(x, 2)))
    return result
