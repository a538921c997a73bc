"""One work is one record, whoever lists it first: importing lists that share papers, in any order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from sitegen.importers.bibtex import read_bibtex

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "import"
WORKS = 7  # list A and list B hold six works each, five of them the same


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("taxonomy.yaml", "venues.yaml"):
        shutil.copy(ROOT / name, tmp_path)
    (tmp_path / "papers").mkdir()
    for bib in DATA.glob("*.bib"):
        shutil.copy(bib, tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def records(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "papers").glob("*.yaml"))


def test_the_same_list_twice_gives_one_record_per_work(empty: Path, cli) -> None:
    first = cli("import", "bibtex", "list-a.bib")
    assert first.code == 0
    assert len(records(empty)) == 6
    again = cli("import", "bibtex", "list-a.bib")
    assert "created" not in again.out
    assert again.out.count("already in the collection") == 6
    assert len(records(empty)) == 6


@pytest.mark.parametrize("order", [("list-a.bib", "list-b.bib"), ("list-b.bib", "list-a.bib")], ids=["a_then_b", "b_then_a"])
def test_two_lists_sharing_papers_give_one_record_per_work_in_either_order(empty: Path, cli, order: tuple[str, str]) -> None:
    for name in order:
        assert cli("import", "bibtex", name).code == 0
    assert len(records(empty)) == WORKS
    second = cli("import", "bibtex", order[0])
    assert second.out.count("already in the collection") == 6


def test_the_second_list_reports_each_shared_work_with_its_reason(empty: Path, cli) -> None:
    cli("import", "bibtex", "list-a.bib")
    result = cli("import", "bibtex", "list-b.bib")
    assert result.out.splitlines() == [
        "list-b.bib:1: already in the collection as papers/lee2020stochasticity.yaml:2 (titles 99% alike, same first author, years 2019 and 2020); not written",
        "list-b.bib:8: created papers/gao2020residual.yaml",
        "list-b.bib:16: already in the collection as papers/changyong2020knowledge.yaml:2 (same title, same first author, years 2019 and 2020); not written",
        "list-b.bib:24: already in the collection as papers/jiao2019tinybert.yaml:2 (same arXiv id 1909.10351); not written",
        "list-b.bib:33: already in the collection as papers/heo2018knowledge.yaml:2 (same title, same first author, years 2018 and 2019); not written",
        "list-b.bib:40: already in the collection as papers/gupta2015cross.yaml:2 (same title, same first author, years 2015 and 2016); not written",
    ]


def test_two_works_under_one_key_and_an_entry_without_a_key_are_all_read(empty: Path, cli) -> None:
    drafts, failures = read_bibtex((DATA / "shared-key.bib").read_text(encoding="utf-8"), "shared-key.bib")
    assert failures == []
    assert [(d.line, d.title) for d in drafts] == [
        (1, "Relational Knowledge Distillation"),
        (9, "Residual Knowledge Distillation"),
        (17, "Revisit Knowledge Distillation: a Teacher-free Framework"),
    ]
    result = cli("import", "bibtex", "shared-key.bib")
    assert result.code == 0
    assert records(empty) == ["gao2020residual", "park2019relational", "yuan2020revisit"]


def test_code_links_and_other_titles_are_kept(empty: Path, cli) -> None:
    cli("import", "bibtex", "shared-key.bib")
    record = yaml.safe_load((empty / "papers" / "yuan2020revisit.yaml").read_text(encoding="utf-8"))
    assert record["alt_titles"] == ["Revisiting Knowledge Distillation via Label Smoothing Regularization"]
    assert record["code"] == "https://github.com/yuanli2333/Teacher-free-Knowledge-Distillation"
    assert record["venue"] == "cvpr"
