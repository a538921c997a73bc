"""Fingerprints read from canonical text agree with the full reading of every record."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.fingerprint import Fingerprint, scan
from sitegen.pipeline import load_collection

ROOT = Path(__file__).resolve().parent.parent


def test_scanning_each_record_gives_what_the_full_reading_gives() -> None:
    collection = load_collection(ROOT)
    for paper in collection.papers:
        text = (ROOT / "papers" / f"{paper.id}.yaml").read_text(encoding="utf-8")
        assert scan(text, paper.document.path) == Fingerprint.of(paper), paper.id


CANONICAL = """\
# yaml-language-server: $schema=../schema/paper.schema.json
id: smith2020good
title: 'It''s a good record'   # a comment
authors:
  - Smith, A.
year: 2020
arxiv: '1503.02531'
distinct_from: [smith2020other]
"""


def test_quoted_values_comments_and_lists() -> None:
    found = scan(CANONICAL, "papers/smith2020good.yaml")
    assert found == Fingerprint("smith2020good", "papers/smith2020good.yaml", 2, "It's a good record", ("Smith, A.",), 2020,
                                "1503.02531", None, (), ("smith2020other",))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(("title: 'It''s a good record'   # a comment", 'title: "It\'s a \\u0067ood record"'), id="double_quoted"),
        pytest.param(("authors:\n  - Smith, A.", "authors: ['Smith, A.']"), id="flow_authors"),
        pytest.param(("year: 2020", "year: 2020\nyear: 2021"), id="key_twice"),
        pytest.param(("title: 'It''s a good record'   # a comment", "title: >\n  folded"), id="block_scalar"),
        pytest.param(("arxiv: '1503.02531'", "arxiv: not-an-id"), id="unreadable_arxiv"),
    ],
)
def test_text_not_in_canonical_form_is_left_to_the_full_reader(change: tuple[str, str]) -> None:
    assert scan(CANONICAL.replace(*change), "p.yaml") is None


def test_block_lists_without_indentation_are_read_too() -> None:
    """PyYAML writes '- item' at the key's own indentation (the benchmark collections are written so)."""
    text = CANONICAL.replace("authors:\n  - Smith, A.", "authors:\n- Smith, A.\n- Jones, B.").replace(
        "year: 2020", "alt_titles:\n- Another form\nyear: 2020")
    found = scan(text, "papers/smith2020good.yaml")
    assert found is not None
    assert (found.authors, found.alt_titles) == (("Smith, A.", "Jones, B."), ("Another form",))


def test_a_double_quoted_title_without_escapes_is_read_as_written() -> None:
    """fmt writes a title with both an apostrophe and a colon in double quotes."""
    text = CANONICAL.replace("title: 'It''s a good record'   # a comment", 'title: "It\'s: a good record"')
    found = scan(text, "papers/smith2020good.yaml")
    assert found is not None and found.title == "It's: a good record"
