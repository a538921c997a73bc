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


HEAD = """\
# yaml-language-server: $schema=../schema/paper.schema.json
id: smith2020good
title: A good record
authors:
  - Smith, A.
year: 2020
venue: cvpr
type: inproceedings
"""


def _fmt(collection: Path, cli, text: str) -> str:
    path = collection / "papers" / "smith2020good.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("fmt", "papers/smith2020good.yaml")
    assert result.code == 0, result.err
    again = cli("fmt", "--check", "papers/smith2020good.yaml")
    assert (again.code, again.out) == (0, "")
    return path.read_text(encoding="utf-8")


def test_a_quoted_word_that_yaml_reads_as_a_boolean_stays_quoted(collection: Path, cli) -> None:
    text = HEAD + "scope: core\ntaxonomy:\n  knowledge: [response-based]\n  scheme: [offline]\nshort_name: 'ON'\n"
    assert _fmt(collection, cli, text) == text
    assert cli("check", "--strict", "papers/smith2020good.yaml").code == 0


def test_a_comment_inside_a_multi_line_flow_list_is_kept_beside_its_label(collection: Path, cli) -> None:
    text = HEAD + "scope: core\ntaxonomy:\n  knowledge: [response-based,  # the logits only\n    feature-based]\n"
    assert _fmt(collection, cli, text) == HEAD + (
        "scope: core\n"
        "taxonomy:\n"
        "  knowledge:\n"
        "    - response-based           # the logits only\n"  # at the column it was written at
        "    - feature-based\n"
    )


def test_comments_move_with_the_labels_fmt_sorts(collection: Path, cli) -> None:
    text = HEAD + (
        "scope: core\n"
        "taxonomy:\n"
        "  knowledge:\n"
        "    # hints, section 3\n"
        "    - feature-based  # FitNets-style\n"
        "    - response-based  # soft targets\n"
        "    - feature-based  # said twice\n"
        "survey: ['3.1', '2']  # sections\n"
    )
    assert _fmt(collection, cli, text) == HEAD + (
        "scope: core\n"
        "taxonomy:\n"
        "  knowledge:\n"
        "    - response-based  # soft targets\n"
        "    # hints, section 3\n"
        "    - feature-based  # FitNets-style  # said twice\n"
        "survey: ['2', '3.1']  # sections\n"
    )


def test_comments_stay_with_keys_fmt_reorders(collection: Path, cli) -> None:
    text = (
        "# yaml-language-server: $schema=../schema/paper.schema.json\n"
        "id: smith2020good\n"
        "# checked against the PDF\n"
        "year: 2020  # not 2019\n"
        "title: A good record\n"
        "authors:\n"
        "  - Smith, A.\n"
        "  # no other author\n"
        "type: inproceedings\n"
        "venue: cvpr\n"
        "scope: related\n"
        "# the end\n"
    )
    assert _fmt(collection, cli, text) == (
        "# yaml-language-server: $schema=../schema/paper.schema.json\n"
        "id: smith2020good\n"
        "title: A good record\n"
        "authors:\n"
        "  - Smith, A.\n"
        "  # no other author\n"
        "# checked against the PDF\n"
        "year: 2020  # not 2019\n"
        "venue: cvpr\n"
        "type: inproceedings\n"
        "scope: related\n"
        "# the end\n"
    )
