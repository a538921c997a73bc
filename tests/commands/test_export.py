"""`sitegen export`: formats, files, parts of the taxonomy, and refusal on bad data."""

from __future__ import annotations

import json
from pathlib import Path


def test_export_bibtex_to_a_file(collection: Path, cli) -> None:
    result = cli("export", "bibtex", "-o", "out/all.bib")
    assert result.code == 0
    assert result.err == "wrote out/all.bib\n"
    assert (collection / "out" / "all.bib").read_text().count("\n@") == 9


def test_where_selects_a_node_and_its_sub_nodes(collection: Path, cli) -> None:
    result = cli("export", "json", "--where", "application=visual-recognition")
    ids = [r["id"] for r in json.loads(result.out)]
    assert ids == ["hinton2015distilling", "park2019relational", "pilzer2019refine", "romero2015fitnets", "zhang2018deep"]
    both = cli("export", "json", "--where", "application=visual-recognition", "--where", "scheme=online")
    assert [r["id"] for r in json.loads(both.out)] == ["zhang2018deep"]


def test_where_with_a_typo_is_a_usage_error(collection: Path, cli) -> None:
    result = cli("export", "bibtex", "--where", "knowledge=feature-base")
    assert result.code == 2
    assert result.err == "sitegen export: --where knowledge=feature-base: unknown knowledge id 'feature-base'; did you mean 'feature-based'?\n"
    assert cli("export", "bibtex", "--where", "knowledge").code == 2


def test_nothing_is_exported_from_invalid_data(collection: Path, cli) -> None:
    (collection / "papers" / "broken.yaml").write_text("id: [\n")
    result = cli("export", "bibtex", "-o", "all.bib")
    assert result.code == 1
    assert not (collection / "all.bib").exists()
    assert result.err.splitlines()[-1] == "1 error, 0 warnings in 1 file"
