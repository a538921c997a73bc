"""Dangerous but legitimate text survives BibTeX export: escaped, inert, and read back exactly."""

from __future__ import annotations

import subprocess
from pathlib import Path

import bibtexparser
import pytest

from sitegen.export.bibtex import to_bibtex
from sitegen.export.latex import decode
from sitegen.pipeline import load_collection


@pytest.fixture
def exported(hostile: Path):
    loaded = load_collection(hostile)
    assert [p.format() for p in loaded.problems] == []
    text = to_bibtex(loaded.papers, loaded.taxonomy)
    (hostile / "all.bib").write_text(text, encoding="utf-8")
    return loaded, text


def test_every_entry_parses_back_to_the_text_as_typed(exported) -> None:
    loaded, text = exported
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [] and library.comments == []
    entries = {e.key: e for e in library.entries}
    assert sorted(entries) == sorted(p.id for p in loaded.papers)
    for paper in loaded.papers:
        assert decode(entries[paper.id]["title"]) == paper.title
    assert decode(entries["evil2020script"]["title"]) == "<script>alert(1)</script>"
    assert decode(entries["evil2020unbalanced"]["author"]) == "Evil, E. and Brace}, Close and Back\\slash, B."


def test_no_field_can_end_the_entry_or_start_a_command(exported) -> None:
    _, text = exported
    body = text.split("@inproceedings{evil2020unbalanced,", 1)[1].split("\n}\n", 1)[0]
    assert body.count("{") == body.count("}")
    assert "\\input" not in text
    assert "@comment{" not in text


@pytest.mark.tex
def test_bibtex_and_biber_accept_the_file(exported, hostile: Path) -> None:
    (hostile / "t.aux").write_text("\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{all}\n")
    assert subprocess.run(["bibtex", "t"], cwd=hostile, capture_output=True).returncode == 0
    blg = (hostile / "t.blg").read_text()
    assert "warning$ -- 0" in blg and "error" not in blg.lower(), blg
    assert (hostile / "t.bbl").read_text().count("\\bibitem") == 4
    biber = subprocess.run(["biber", "--tool", "--validate-datamodel", "all.bib"], cwd=hostile, capture_output=True, text=True)
    assert biber.returncode == 0
    log = (hostile / "all.bib.blg").read_text()
    assert "WARN" not in log and "ERROR" not in log, log


@pytest.mark.tex
def test_latex_compiles_a_document_citing_them(exported, hostile: Path) -> None:
    (hostile / "p.tex").write_text(
        "\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\\begin{document}\n\\nocite{*}\n"
        "\\bibliographystyle{plain}\\bibliography{all}\n\\end{document}\n"
    )
    latex = ["pdflatex", "-interaction=nonstopmode", "p.tex"]
    for step in (latex, ["bibtex", "p"], latex, latex):
        result = subprocess.run(step, cwd=hostile, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout[-2000:]
    log = (hostile / "p.log").read_text(errors="replace")
    assert "! " not in log
