"""What the tools write: only into their output places, the same bytes every time, and the
committed records already in the form `fmt` writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


@pytest.mark.parametrize("args", [["export", "bibtex", "-o", "out.bib"], ["export", "json", "-o", "out.json"], ["build", "--no-mkdocs"]])
def test_an_id_that_names_a_path_writes_nothing_anywhere(collection: Path, cli, args: list[str]) -> None:
    evil = (collection / "papers" / "park2019relational.yaml").read_text().replace("id: park2019relational", "id: ../../../escaped")
    (collection / "papers" / "park2019relational.yaml").write_text(evil)
    before = _files(collection.parent)
    result = cli(*args)
    assert result.code == 1
    assert "id: '../../../escaped' is not a record id" in result.err
    assert _files(collection.parent) == before


def test_exports_are_byte_identical_from_run_to_run(collection: Path, cli) -> None:
    for fmt in ("bibtex", "json", "csl"):
        cli("export", fmt, "-o", f"a.{fmt}")
        os.utime(collection / "papers" / "park2019relational.yaml")  # touching a file changes nothing
        cli("export", fmt, "-o", f"b.{fmt}")
        assert (collection / f"a.{fmt}").read_bytes() == (collection / f"b.{fmt}").read_bytes(), fmt


def test_the_committed_records_are_in_canonical_form(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = cli("fmt", "--check")
    assert (result.code, result.out) == (0, "")
