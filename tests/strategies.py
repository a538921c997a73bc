"""Hypothesis strategies for valid records with arbitrary Unicode text."""

from __future__ import annotations

import re

from hypothesis import strategies as st

from sitegen.keys import base_key

# Any character a person could type into a record: no surrogates, control or separator codes.
_CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))


def _one_line(text: str) -> str:
    return " ".join(text.split())


titles = st.text(_CHARS, min_size=1, max_size=50).map(_one_line).filter(bool)
_name_part = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters=",&"), min_size=1, max_size=16)
    .map(_one_line)
    .filter(lambda s: bool(s) and not re.search(r"\sand\s", f" {s} ") and not re.fullmatch(r"(et\.? ?al\.?|others|\.\.\.|…)", s, re.I))
)
authors = st.lists(st.tuples(_name_part, _name_part).map(lambda t: f"{t[0]}, {t[1]}"), min_size=1, max_size=4)
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
        record["arxiv"] = f"{draw(st.integers(1001, 2412))}.{draw(st.integers(10000, 99999))}"
    if draw(st.booleans()):
        record["note"] = draw(st.text(_CHARS, min_size=1, max_size=40)).strip() or "note"
    return record
