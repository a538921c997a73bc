"""`sitegen verify --record`: a record a service agrees with names that service's page under
`checked`; a record it disagrees with is left for a curator, byte for byte."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tests.verify.conftest import Clock
from tests.verify.test_command import PAPERS

DAY = datetime.date(2026, 11, 29)


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sitegen.verify.record.today", lambda: DAY)


def settled(root: Path, name: str, *edits: tuple[str, str], renamed: str | None = None) -> Path:
    """The test record `name` with the curator's corrections applied, as after settling the warnings."""
    path = root / "papers" / name
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    if renamed:
        path.unlink()
        path = root / "papers" / renamed
    path.write_text(text, encoding="utf-8")
    return path


# The survey with the journal's capitals and year; the id follows the year, the old one stays an alias.
SURVEY_FIXED = (("id: gou2020knowledge", "id: gou2021knowledge\naliases: [gou2020knowledge]"),
                ("title: 'Knowledge distillation: A survey'", "title: 'Knowledge Distillation: A Survey'"), ("year: 2020", "year: 2021"))
SURVEY = "papers/gou2021knowledge.yaml"
SURVEY_CHECKED = """\
checked:
  - url: https://doi.org/10.1007/s11263-021-01453-z
    kind: crossref
    date: '2026-11-29'
    via: "sitegen verify: Crossref's REST API record of this DOI"
    compared: [title, authors, year, venue, doi]
"""


def test_a_record_that_agrees_with_crossref_names_its_record_under_checked(root: Path, services, clock: Clock, sitegen) -> None:
    record = settled(root, "gou2020knowledge.yaml", *SURVEY_FIXED, renamed="gou2021knowledge.yaml")
    assert sitegen("fmt", SURVEY).code == 0
    before = record.read_text(encoding="utf-8")
    result = sitegen("verify", "--record", "--source", "crossref", "--mailto", "curator@example.org", SURVEY)
    assert (result.code, result.out) == (0, "")
    assert result.err.splitlines() == [
        f"{SURVEY}: checked against https://doi.org/10.1007/s11263-021-01453-z (title, authors, year, venue, doi): recorded",
        "sitegen verify: recorded 1 checked page in 1 record",
        "verified 1 record, 1 found by a service (2 requests, 0 from the cache): 0 errors, 0 warnings in 0 files: agree",
    ]
    # The page is added after what the record says; the rest of the file, its comment too, is as it was.
    assert record.read_text(encoding="utf-8") == before + SURVEY_CHECKED
    assert sitegen("check", "--strict", SURVEY).code == 0


def test_an_arxiv_entry_that_agrees_is_recorded_with_the_fields_it_shows(root: Path, services, clock: Clock, sitegen) -> None:
    record = settled(root, "hinton2015distilling.yaml", ("title: Distilling the knowledge in a neural network", "title: Distilling the Knowledge in a Neural Network"))
    result = sitegen("verify", "--record", "--source", "arxiv", "papers/hinton2015distilling.yaml", "papers/smith2020preprint.yaml",
                     "papers/zhou2019understanding.yaml")
    # zhou2019understanding is the ICLR paper: arXiv's account of the preprint speaks to its title's
    # words, its authors and its id, not to the published year or capitals, so only those are named.
    assert result.err.splitlines()[:3] == [
        "papers/hinton2015distilling.yaml: checked against https://arxiv.org/abs/1503.02531 (title, authors, year, arxiv): recorded",
        "papers/zhou2019understanding.yaml: checked against https://arxiv.org/abs/1911.02727 (title, authors, arxiv): recorded",
        "sitegen verify: recorded 2 checked pages in 2 records",
    ]
    assert record.read_text(encoding="utf-8").endswith(
        "checked:\n"
        "  - url: https://arxiv.org/abs/1503.02531\n"
        "    kind: arxiv\n"
        "    date: '2026-11-29'\n"
        "    via: \"sitegen verify: the arXiv API's entry for this id\"\n"
        "    compared: [title, authors, year, arxiv]\n"
    )
    assert "checked:" not in (root / "papers/smith2020preprint.yaml").read_text(encoding="utf-8")  # arXiv does not know its id


def test_no_record_is_touched_where_a_service_disagrees(root: Path, services, clock: Clock, sitegen) -> None:
    before = {name: (root / name).read_bytes() for name in PAPERS}
    result = sitegen("verify", "--record", *PAPERS)
    assert result.code == 0
    # Each record disagrees with some service, though arXiv alone agrees with zhou2019understanding:
    # its authors' order on dblp is for a curator to settle first.
    assert result.out.count(": warning: ") == 14
    assert "sitegen verify: recorded 0 checked pages in 0 records" in result.err.splitlines()
    assert {name: (root / name).read_bytes() for name in PAPERS} == before


def test_a_page_already_named_is_not_recorded_twice(root: Path, services, clock: Clock, sitegen) -> None:
    record = settled(root, "gou2020knowledge.yaml", *SURVEY_FIXED, renamed="gou2021knowledge.yaml")
    arguments = ("verify", "--record", "--source", "crossref", "--mailto", "curator@example.org", SURVEY)
    sitegen(*arguments)
    once = record.read_text(encoding="utf-8")
    second = sitegen(*arguments)
    assert "sitegen verify: recorded 0 checked pages in 0 records" in second.err.splitlines()
    assert record.read_text(encoding="utf-8") == once
    assert once.count("https://doi.org/10.1007/s11263-021-01453-z") == 1


def test_without_record_nothing_is_written(root: Path, services, clock: Clock, sitegen) -> None:
    record = settled(root, "gou2020knowledge.yaml", *SURVEY_FIXED, renamed="gou2021knowledge.yaml")
    before = record.read_text(encoding="utf-8")
    result = sitegen("verify", "--source", "crossref", "--mailto", "curator@example.org", SURVEY)
    assert result.err.splitlines() == ["verified 1 record, 1 found by a service (2 requests, 0 from the cache): 0 errors, 0 warnings in 0 files: agree"]
    assert record.read_text(encoding="utf-8") == before
