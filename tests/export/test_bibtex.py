"""BibTeX export: parsed back to the same fields, and accepted by bibtex, biber and LaTeX."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import bibtexparser
import pybtex.database
import pytest

from sitegen.export.bibtex import protect_title, to_bibtex
from sitegen.importers.bibtex import read_bibtex
from sitegen.pipeline import load_collection

tex = pytest.mark.tex


@pytest.fixture
def exported(collection: Path):
    loaded = load_collection(collection)
    text = to_bibtex(loaded.papers, loaded.taxonomy)
    (collection / "all.bib").write_text(text, encoding="utf-8")
    return loaded, text


@pytest.mark.parametrize(
    "title, protected",
    [
        ("FitNets: Hints for thin deep nets", "{FitNets}: Hints for thin deep nets"),
        ("DistilBERT, a distilled version of BERT: smaller", "{DistilBERT}, a distilled version of {BERT}: smaller"),
        ("ImageNet classification with deep convolutional neural networks", "{ImageNet} classification with deep convolutional neural networks"),
        ("Self-distillation amplifies regularization in Hilbert space", "Self-distillation amplifies regularization in {Hilbert} space"),
        ("Mastering the game of Go with deep neural networks and tree search", "Mastering the game of {Go} with deep neural networks and tree search"),
        ("Data-Free Learning of Student Networks", "Data-Free Learning of Student Networks"),
        ("GAN-Knowledge Distillation for one-stage Object Detection", "{GAN}-Knowledge Distillation for one-stage Object Detection"),
        ("Advancing multi-accented LSTM-CTC speech recognition", "Advancing multi-accented {LSTM}-{CTC} speech recognition"),
        ("Representation learning: A review", "Representation learning: A review"),
        ("Learning with {braces} & 100%", "Learning with \\textbraceleft{}braces\\textbraceright{} \\& 100\\%"),
    ],
)
def test_names_and_acronyms_keep_their_capitals(title: str, protected: str) -> None:
    assert protect_title(title) == protected


def test_every_record_is_one_entry_in_key_order(exported) -> None:
    loaded, text = exported
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == sorted(p.id for p in loaded.papers)
    assert len(pybtex.database.parse_string(text, "bibtex").entries) == len(loaded.papers)


def test_export_then_import_gives_the_same_fields(exported) -> None:
    loaded, text = exported
    drafts, failures = read_bibtex(text, "all.bib")
    assert failures == []
    by_line = {d.title: d for d in drafts}
    for paper in loaded.papers:
        draft = by_line[paper.title]
        assert draft.authors == paper.authors
        assert draft.et_al == paper.et_al
        assert draft.year == paper.year
        assert loaded.taxonomy.find_venue(draft.venue_text) == paper.venue
        assert draft.arxiv == paper.arxiv
        assert draft.doi == paper.doi
        assert (draft.volume, draft.number) == tuple(None if v is None else str(v) for v in (paper.volume, paper.number))


def test_a_truncated_author_list_ends_with_and_others(exported) -> None:
    _, text = exported
    assert "Audhkhasi, K. and others}" in text
    persons = pybtex.database.parse_string(text, "bibtex").entries["cui2017knowledge"].persons["author"]
    assert str(persons[-1]) == "others"


def test_the_same_data_gives_the_same_bytes(collection: Path) -> None:
    loaded = load_collection(collection)
    assert to_bibtex(loaded.papers, loaded.taxonomy) == to_bibtex(list(reversed(loaded.papers)), loaded.taxonomy)


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


@tex
def test_bibtex_reads_it_without_a_warning(exported, collection: Path) -> None:
    (collection / "t.aux").write_text("\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{all}\n")
    result = _run(["bibtex", "t"], collection)
    log = (collection / "t.blg").read_text()
    assert result.returncode == 0, log
    assert "Warning" not in log and "error" not in log.lower(), log
    bbl = (collection / "t.bbl").read_text()
    assert '{DistilBERT}' in bbl and 'Sch{\\"o}lkopf' in bbl and "Lathuili{\\`e}re" in bbl


@tex
def test_biber_validates_it_against_its_data_model(exported, collection: Path) -> None:
    result = _run(["biber", "--tool", "--validate-datamodel", "all.bib"], collection)
    log = (collection / "all.bib.blg").read_text()
    assert result.returncode == 0, log
    assert "WARN" not in log and "ERROR" not in log, log


DOCUMENT = r"""\documentclass{article}
%s
\begin{document}
\nocite{*}
%s
\end{document}
"""


@tex
@pytest.mark.parametrize(
    "preamble, bibliography, tool",
    [
        pytest.param(r"\usepackage[utf8]{inputenc}", r"\bibliographystyle{plain}\bibliography{all}", "bibtex", id="bibtex_plain"),
        pytest.param(r"\usepackage[backend=biber]{biblatex}\addbibresource{all.bib}", r"\printbibliography", "biber", id="biblatex_biber"),
    ],
)
def test_latex_compiles_it_first_time(exported, collection: Path, preamble: str, bibliography: str, tool: str) -> None:
    (collection / "paper.tex").write_text(DOCUMENT % (preamble, bibliography))
    latex = ["pdflatex", "-interaction=nonstopmode", "paper.tex"]
    for step in (latex, [tool, "paper"], latex, latex):  # the usual sequence, run once
        result = _run(step, collection)
        assert result.returncode == 0, result.stdout[-3000:]
    log = (collection / "paper.log").read_text(errors="replace")
    assert "There were undefined references" not in log
    assert "! " not in log
    assert shutil.which("pdflatex")
