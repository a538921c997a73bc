"""`fmt`: canonical key order and quoting, comments kept, a second run changes nothing."""

from __future__ import annotations

from pathlib import Path

MESSY = """\
# a comment at the top
title: "A   good record"   # about the title
id: smith2020good
scope: core
year: 2020
authors:
- "Smith, A."
venue: NIPS
type: inproceedings
arxiv: arXiv:1503.02531v3
taxonomy:
  scheme: [offline]
  knowledge:
  - response-based
"""

CANONICAL = """\
# yaml-language-server: $schema=../schema/paper.schema.json
# a comment at the top
id: smith2020good
title: A good record       # about the title
authors:
  - Smith, A.
year: 2020
venue: neurips
type: inproceedings
arxiv: '1503.02531'
scope: core
taxonomy:
  knowledge: [response-based]
  scheme: [offline]
"""


def test_fmt_writes_the_canonical_form_and_keeps_comments(collection: Path, cli) -> None:
    path = collection / "papers" / "smith2020good.yaml"
    path.write_text(MESSY)
    check = cli("fmt", "--check", "papers/smith2020good.yaml")
    assert check.code == 1
    assert check.out.startswith("--- papers/smith2020good.yaml\n+++ papers/smith2020good.yaml (formatted)\n")
    assert path.read_text() == MESSY
    result = cli("fmt", "papers/smith2020good.yaml")
    assert result.code == 0
    assert result.err == "reformatted papers/smith2020good.yaml\n1 file(s) reformatted\n"
    assert path.read_text() == CANONICAL
    again = cli("fmt", "--check")
    assert (again.code, again.out) == (0, "")


def test_fmt_refuses_a_record_it_cannot_read(collection: Path, cli) -> None:
    path = collection / "papers" / "smith2020good.yaml"
    path.write_text(MESSY.replace("year: 2020", "year: soon"))
    result = cli("fmt", "papers/smith2020good.yaml")
    assert result.code == 1
    assert path.read_text() == MESSY.replace("year: 2020", "year: soon")
    assert "papers/smith2020good.yaml:5:7: error: year: expected a whole number, got text 'soon'" in result.err
