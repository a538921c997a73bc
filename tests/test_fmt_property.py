"""`fmt` as a property: on any valid record with comments, formatting twice gives what formatting
once gives, every comment survives, and the record says the same after as before."""

from __future__ import annotations

import re
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from pydantic import ValidationError
from hypothesis import strategies as st

from sitegen.document import parse_yaml
from sitegen.fmt import reformat
from sitegen.keys import base_key
from sitegen.model import Paper
from sitegen.normalize import differences, normalize
from sitegen.taxonomy import Taxonomy
from sitegen.validate import validate_document
from tests.contrib import REPO

TAXONOMY = Taxonomy.load(REPO)

# Text as people paste it: any printable character, YAML's own indicators included.
any_char = st.characters(blacklist_categories=("Cc", "Cs", "Cf"))  # Cf (invisible format characters) is refused in records
text = st.text(any_char, min_size=1, max_size=40).filter(lambda s: s.strip())
name_char = st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x24F) | st.sampled_from(" -'.")
name = st.text(name_char, min_size=1, max_size=12).map(str.strip).filter(lambda s: s and s[0].isalpha())
author = st.builds(lambda family, given: f"{family}, {given}", name, name)
venue_and_type = st.sampled_from([("cvpr", "inproceedings"), ("CVPR", "inproceedings"), ("ijcv", "article"), ("arxiv", "misc"), (None, "misc")])
arxiv = st.sampled_from(["1503.02531", "1503.02531v2", "arXiv:1412.6550", "https://arxiv.org/abs/1904.05068v1"])
doi = st.sampled_from(["10.1007/s11263-021-01453-z", "https://doi.org/10.1109/CVPR52688.2022.01165"])
sections = st.lists(st.sampled_from(list(TAXONOMY.sections)), max_size=4)
comment = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=20).map(lambda s: " ".join(s.split()))


@st.composite
def labels(draw: st.DrawFn) -> dict[str, list[str]]:
    out = {}
    for axis in draw(st.lists(st.sampled_from(TAXONOMY.axis_ids), min_size=1, max_size=3, unique=True)):
        out[axis] = draw(st.lists(st.sampled_from(TAXONOMY.axis_node_ids(axis)), min_size=1, max_size=3))
    return out


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    title, authors, year = draw(text), draw(st.lists(author, min_size=1, max_size=4)), draw(st.integers(1950, 2025))
    venue, kind = draw(venue_and_type)
    record: dict[str, Any] = {"id": base_key(authors[0], year, title), "title": title, "authors": authors, "year": year, "type": kind}
    if venue:
        record["venue"] = venue
    optional = {
        "arxiv": arxiv,
        "doi": doi,
        "pages": st.sampled_from(["1--9", "101\u2013110", 7]),
        "et_al": st.just(True),
        "survey": sections,
        "short_name": text,
        "note": st.text(any_char, min_size=1, max_size=80).filter(lambda s: s.strip()),
        "doubts": st.lists(text, max_size=2),
        "alt_titles": st.lists(text, max_size=2),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            record[key] = draw(strategy)
    if draw(st.booleans()):
        record["scope"], record["taxonomy"] = "core", draw(labels())
    else:
        record["scope"] = "related"
    return record


@st.composite
def record_files(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A record written by hand: keys in any order, block or flow lists, comments on their own lines and after values."""
    record = draw(records())
    keys = draw(st.permutations(list(record)))
    comments: list[str] = []

    def new_comment() -> str:
        comments.append(f"c{len(comments)} {draw(comment)}".rstrip())
        return comments[-1]

    lines: list[str] = []
    for key in keys:
        if draw(st.booleans()):
            lines.append(f"# {new_comment()}")
        flow = isinstance(record[key], list) and draw(st.booleans())
        if flow:
            block = f"{key}: " + yaml.safe_dump(record[key], allow_unicode=True, width=10**6, default_flow_style=True)
        else:
            block = yaml.safe_dump({key: record[key]}, allow_unicode=True, width=10**6, default_flow_style=False, sort_keys=False)
        block_lines = block.splitlines()
        if len(block_lines) == 1 and not block_lines[0].endswith(("|", "|-", ">", ">-")) and draw(st.booleans()):
            block_lines[0] += f"  # {new_comment()}"
        elif isinstance(record[key], (list, dict)) and len(block_lines) > 1 and draw(st.booleans()):  # inside a block list or mapping
            at = draw(st.integers(1, len(block_lines)))
            indent = len(block_lines[at]) - len(block_lines[at].lstrip()) if at < len(block_lines) else 0
            block_lines.insert(at, " " * indent + f"# {new_comment()}")
        lines.extend(block_lines)
    if draw(st.booleans()):
        lines.append(f"# {new_comment()}")
    return "\n".join(lines) + "\n", comments


def read(text: str) -> tuple[Paper, Paper]:
    """The record in `text` as `check` reads it, and its canonical form; it must be valid."""
    path = f"papers/{yaml.safe_load(text)['id']}.yaml"
    paper, problems = validate_document(parse_yaml(text.encode("utf-8"), path), TAXONOMY)
    assert paper is not None and not [p for p in problems if p.is_error], (problems, text)
    return paper, normalize(paper, TAXONOMY)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_files())
def test_fmt_is_idempotent_and_loses_no_comment_and_no_value(written: tuple[str, list[str]]) -> None:
    text, comments = written
    _, canonical = read(text)
    once = reformat(text, canonical)
    assert reformat(once, canonical) == once
    for note in comments:
        assert f"# {note}" in once, (note, text, once)
    as_formatted, again = read(once)
    assert again.model_dump() == canonical.model_dump()
    assert differences(as_formatted, again) == []  # what fmt writes is already canonical


def test_schema_line_is_written_once() -> None:
    record = {"id": "smith2020good", "title": "Good", "authors": ["Smith, A."], "year": 2020, "type": "misc", "scope": "related"}
    source = yaml.safe_dump(record, sort_keys=False)
    _, canonical = read(source)
    once = reformat(source, canonical)
    assert once.startswith("# yaml-language-server: $schema=../schema/paper.schema.json\nid: smith2020good\n")
    assert len(re.findall("yaml-language-server", reformat(once, canonical))) == 1


# --- what fmt and add write, check reads back as the same record ------------------------------

# Words and characters that mean something else to a YAML 1.1 reader (the one `check` uses) or
# that YAML folds, breaks or strips, alone and inside other text.
TRICKY = [
    "ON", "off", "Yes", "no", "y", "n", "~", "null", "NULL", "true", "False", "1:20", "190:20:30", "0x1F", "0o17",
    "0b101", "1_000", "007", "1e3", "1.0e+3", "+1", "-1", ".5", "-.inf", ".NaN", "2019-01-01", "2019-01-01 10:00:00",
    "=", "<<", "- x", "? x", ": x", "x: y", "#x", "x #y", "'q'", '"dq"', "[a]", "{b}", "!tag", "&a", "*a", "|", ">",
    "%x", "@x", "`x`", " lead", "trail ", "a\u2028b", "a\u2029b", "a\x85b", "a\u00a0b", "tab\tin", "a\r\nb",
    "line one\nline two", "ends with newline\n", "\n leading newline", "  indented\n  block", "x\n\n\ny", "é",
]
_text_char = st.characters(blacklist_categories=("Cc", "Cs", "Cf")) | st.sampled_from("\t\n\u2028\u2029\x85 #:'\"-")
tricky_text = st.one_of(
    st.sampled_from(TRICKY),
    st.text(_text_char, min_size=1, max_size=30),
    st.builds(lambda a, b: a + b, st.sampled_from(TRICKY), st.text(_text_char, max_size=8)),
).filter(lambda s: s.strip() and "\r" not in s.replace("\r\n", ""))
scalar = (st.none() | st.booleans() | st.integers(-10**15, 10**15) | st.floats(allow_nan=False, allow_infinity=False)
          | st.sampled_from([1e300, 1.5e-7, 1e16, -0.0]) | tricky_text)
any_value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(tricky_text, inner, max_size=3), max_leaves=8)


@st.composite
def any_record(draw: st.DrawFn) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "smith2020good", "title": draw(tricky_text), "authors": ["Smith, A."], "year": 2020,
        "type": "misc", "scope": "related",
    }
    optional = {
        "alt_titles": st.lists(tricky_text, min_size=1, max_size=2),
        "short_name": tricky_text,
        "note": tricky_text,
        "doubts": st.lists(tricky_text, min_size=1, max_size=2),
        "publisher": tricky_text,
        "institution": tricky_text,
        "pages": tricky_text | st.integers(1, 10**6),
        "volume": tricky_text | st.integers(1, 999),
        "sources": st.builds(lambda s: {"survey": s}, tricky_text),
        "corrections": st.lists(st.builds(lambda w, n, s: {"field": "title", "was": w, "now": n, "source": s},
                                          any_value, any_value, tricky_text), min_size=1, max_size=2),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            record[key] = draw(strategy)
    return record


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_record())
def test_what_fmt_writes_is_read_back_as_the_same_record(record: dict[str, Any]) -> None:
    from sitegen.fmt import render
    from sitegen.model import paper_model

    try:
        paper = paper_model(TAXONOMY).model_validate(record)
    except ValidationError:  # a value the model refuses (a too long or blank text): nothing to write
        assume(False)
    written = render(paper)
    again, problems = validate_document(parse_yaml(written.encode("utf-8"), "papers/smith2020good.yaml"), TAXONOMY)
    assert again is not None, (problems, written)
    assert again.model_dump() == paper.model_dump(), written
    assert reformat(written, again) == written  # and fmt leaves it as it is
