"""The `checked` field: what a record was compared with. Validated like every field, written in
canonical form by fmt, counted by the audit report."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from sitegen.model import CheckedPage
from sitegen.pipeline import load_collection
from sitegen.report import audit, checked_share, counts

GOOD = """\
id: smith2020good
title: A good record
authors:
  - Smith, A.
year: 2020
venue: cvpr
type: inproceedings
scope: core
taxonomy:
  knowledge: [response-based]
  scheme: [offline]
checked:
  - url: https://openaccess.thecvf.com/content_CVPR_2020/html/Smith_A_Good_Record_CVPR_2020_paper.html
    kind: publisher
    date: 2024-05-01
"""


def _write(text: str) -> None:
    Path("papers/smith2020good.yaml").write_text(text, encoding="utf-8")


def test_a_checked_record_is_valid(collection: Path, cli) -> None:
    _write(GOOD)
    result = cli("check", "--strict", "papers/smith2020good.yaml")
    assert (result.code, result.out) == (0, "")


@pytest.mark.parametrize(
    "before, after, message",
    [
        pytest.param("kind: publisher", "kind: web",
                     "14:11: error: checked[0].kind: 'web' is not one of arxiv, publisher, dblp, crossref, paper", id="unknown_kind"),
        pytest.param("date: 2024-05-01", "date: 2024-13-01",
                     "15:11: error: checked[0].date: '2024-13-01' is not a day of the calendar", id="impossible_day"),
        pytest.param("date: 2024-05-01", "date: 1 May 2024",
                     "15:11: error: checked[0].date: '1 May 2024' is not a day written YYYY-MM-DD", id="day_in_words"),
        pytest.param("date: 2024-05-01", "date: 2024",
                     "15:11: error: checked[0].date: expected a day written YYYY-MM-DD", id="day_as_a_number"),
        pytest.param("date: 2024-05-01", "date: 2999-01-01",
                     "15:11: error: checked[0].date: 2999-01-01 is in the future", id="day_in_the_future"),
        pytest.param("    date: 2024-05-01\n", "",
                     "13:5: error: missing required field 'date' in checked[0]", id="no_day"),
        pytest.param("  - url: https://openaccess", "  - url: ftp://openaccess",
                     "13:10: error: checked[0].url: a link must start with https:// or http:// (found ftp:)", id="not_a_web_link"),
        pytest.param("kind: publisher", "kind: publisher\n    seen: yes",
                     "15:5: error: unknown field 'seen' in checked[0]", id="unknown_field"),
        pytest.param("kind: publisher", "kind: arxiv",
                     "14:11: error: checked[0].kind: 'arxiv' does not fit https://openaccess.thecvf.com/content_CVPR_2020/html/"
                     "Smith_A_Good_Record_CVPR_2020_paper.html (a publisher address); give the page's own address in url, "
                     "and a mirror or copy under via", id="kind_does_not_fit_the_address"),
        pytest.param("  - url: https://openaccess.thecvf.com/content_CVPR_2020/html/Smith_A_Good_Record_CVPR_2020_paper.html",
                     "  - url: https://dblp.org/rec/conf/cvpr/Smith20",
                     "14:11: error: checked[0].kind: 'publisher' does not fit https://dblp.org/rec/conf/cvpr/Smith20 (a dblp address); "
                     "give the page's own address in url, and a mirror or copy under via", id="dblp_entry_called_a_publisher_page"),
        pytest.param("  - url: https://openaccess.thecvf.com/content_CVPR_2020/html/Smith_A_Good_Record_CVPR_2020_paper.html\n    kind: publisher",
                     "  - url: https://dblp.org/rec/conf/cvpr/Smith20\n    kind: paper",
                     "14:11: error: checked[0].kind: 'paper' does not fit https://dblp.org/rec/conf/cvpr/Smith20 (a dblp address); "
                     "give the page's own address in url, and a mirror or copy under via", id="dblp_entry_called_the_paper"),
        pytest.param("kind: publisher", "kind: publisher\n    compared: [title, abstract]",
                     "15:23: error: checked[0].compared[1]: 'abstract' is not one of title, authors, year, venue, volume, number, pages, arxiv, doi",
                     id="unknown_compared_field"),
        pytest.param(GOOD[GOOD.index("checked:"):], "checked: https://arxiv.org/abs/1503.02531\n",
                     "12:10: error: checked: expected a list, got text 'https://arxiv.org/abs/1503.02531'", id="a_link_instead_of_a_list"),
    ],
)
def test_bad_checked_entries(collection: Path, cli, before: str, after: str, message: str) -> None:
    assert before in GOOD
    _write(GOOD.replace(before, after))
    result = cli("check", "papers/smith2020good.yaml")
    assert result.code == 1
    assert result.out == f"papers/smith2020good.yaml:{message}\n"


def test_a_mirror_is_named_under_via(collection: Path, cli) -> None:
    _write(GOOD.replace("kind: publisher", "kind: publisher\n    via: stored copy seen through a library proxy"))
    assert cli("check", "--strict", "papers/smith2020good.yaml").code == 0


def test_the_papers_own_text_and_a_partial_comparison_are_recorded(collection: Path, cli) -> None:
    """A stored arXiv page without its author line is named with the fields it showed; the
    paper's text, read from a copy, is a page of its own kind."""
    _write(GOOD.replace(
        "  - url: https://openaccess.thecvf.com/content_CVPR_2020/html/Smith_A_Good_Record_CVPR_2020_paper.html\n    kind: publisher\n",
        "  - url: https://arxiv.org/abs/2001.00001\n    kind: arxiv\n    compared: [title, year]\n",
    ) + "  - url: https://example.org/papers/cvpr2020/smith.txt\n    kind: paper\n    date: 2024-05-01\n    via: a text copy of the CVPR PDF\n")
    assert cli("check", "--strict", "papers/smith2020good.yaml").code == 0
    assert cli("fmt", "papers/smith2020good.yaml").code == 0
    text = Path("papers/smith2020good.yaml").read_text(encoding="utf-8")
    assert "    date: '2024-05-01'\n    compared: [title, year]\n" in text
    loaded = load_collection(Path("."))
    report = audit(loaded)
    assert "1 of the 1 records were compared on both title and authors" in report
    assert ("| `smith2020good` | [arXiv abstract page (title, year)](https://arxiv.org/abs/2001.00001), "
            "[the paper's own text](https://example.org/papers/cvpr2020/smith.txt) | 2024-05-01 |") in report


def test_a_record_compared_only_on_its_title_is_counted_apart(collection: Path) -> None:
    _write(GOOD.replace("    kind: publisher\n", "    kind: publisher\n    compared: [title]\n"))
    report = audit(load_collection(Path(".")))
    assert "0 of the 1 records were compared on both title and authors" in report


def test_fmt_writes_the_day_quoted_and_in_key_order(collection: Path, cli) -> None:
    _write(GOOD.replace("checked:", "doubts: [Is it good?]\nchecked:").replace(
        "    date: 2024-05-01\n", "    date: 2024-05-01\n    via: a stored copy\n"))
    assert cli("fmt", "papers/smith2020good.yaml").code == 0
    text = Path("papers/smith2020good.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "checked:\n"
        "  - url: https://openaccess.thecvf.com/content_CVPR_2020/html/Smith_A_Good_Record_CVPR_2020_paper.html\n"
        "    kind: publisher\n"
        "    date: '2024-05-01'\n"
        "    via: a stored copy\n"
        "doubts:\n"
        "  - Is it good?\n"
    )
    assert cli("fmt", "--check", "papers/smith2020good.yaml").code == 0
    assert cli("check", "--strict", "papers/smith2020good.yaml").code == 0


def test_a_day_read_as_a_date_or_as_text_is_the_same_day() -> None:
    url = "https://arxiv.org/abs/1503.02531"
    as_date = CheckedPage.model_validate({"url": url, "kind": "arxiv", "date": datetime.date(2024, 5, 1)})
    as_text = CheckedPage.model_validate({"url": url, "kind": "arxiv", "date": "2024-05-01"})
    assert as_date == as_text
    assert as_date.label == "arXiv abstract page"


def test_the_audit_report_gives_the_share_checked(collection: Path) -> None:
    _write(GOOD)
    loaded = load_collection(Path("."))
    assert counts(loaded.papers)["checked against a primary page"] == 1
    assert checked_share(loaded.papers) == "1 of 11 records (9.1 %)"
    report = audit(loaded)
    assert "## Checked against the paper (1 of 11 records (9.1 %))" in report
    assert "| proceedings or publisher page | 1 |" in report
    assert ("| `smith2020good` | [proceedings or publisher page](https://openaccess.thecvf.com/content_CVPR_2020/html/"
            "Smith_A_Good_Record_CVPR_2020_paper.html) | 2024-05-01 |") in report
