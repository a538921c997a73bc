"""BibTeX fields by kind: verbatim fields as biblatex reads them, pages with their range dash,
characters and math written so that a minimal document compiles them; the importer undoes
exactly what the export does."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sitegen import normalize
from sitegen.export.bibtex import to_bibtex
from sitegen.importers.bibtex import read_bibtex
from sitegen.importers.draft import to_record
from sitegen.model import paper_model
from tests.contrib import DATA

SICI = "10.5555/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"  # the form of a SICI DOI


def _field(text: str, name: str) -> str:
    line = next(line for line in text.splitlines() if line.startswith(f"  {name} = "))
    return line.split(" = ", 1)[1].rstrip(",")


@pytest.mark.parametrize(
    "fields, name, written",
    [
        pytest.param({"doi": "10.5555/978-3-030-22796-8_7"}, "doi", "{10.5555/978-3-030-22796-8_7}", id="doi_with_underscore"),
        pytest.param({"doi": SICI}, "doi", "{" + SICI + "}", id="sici_doi_with_angle_brackets"),
        pytest.param({"doi": "10.5555/a~b"}, "doi", "{10.5555/a~b}", id="doi_with_tilde"),
        pytest.param({"arxiv": "1503.02531"}, "eprint", "{1503.02531}", id="eprint"),
        pytest.param({"url": "https://example.org/a_b~c%20d"}, "url", "{https://example.org/a_b~c%20d}", id="url"),
        pytest.param({"pages": "x_1-y_2"}, "pages", "{x\\_1--y\\_2}", id="pages_with_underscores"),
        pytest.param({"pages": "e1-e10"}, "pages", "{e1--e10}", id="pages_range"),
        pytest.param({"pages": "1:30"}, "pages", "{1:30}", id="pages_that_are_not_a_range"),
        pytest.param({"title": "Unitary 𝔘 groups"}, "title", "{Unitary {𝔘} groups}", id="character_without_kernel_form_stays_utf8"),
        pytest.param({"authors": ["{OpenAI}", "Smith, A."]}, "author", "{{OpenAI} and Smith, A.}", id="name_kept_whole"),
        pytest.param({"authors": ["{Ernst and Young}"]}, "author", "{{Ernst and Young}}", id="braced_and_never_splits"),
    ],
)
def test_each_field_is_written_by_its_kind(make_paper, taxonomy, fields: dict, name: str, written: str) -> None:
    fields = {"venue": "tpami", "type": "article", **fields}
    text = to_bibtex([make_paper(**fields)], taxonomy)
    assert _field(text, name) == written


def _round_trip(taxonomy, paper):
    first = to_bibtex([paper], taxonomy)
    drafts, failures = read_bibtex(first, "all.bib")
    assert failures == []
    back = to_record(drafts[0], taxonomy)
    back.update({"id": paper.id, "scope": paper.scope, "taxonomy": paper.taxonomy.model_dump(exclude_defaults=True)})
    again = normalize.normalize(paper_model(taxonomy).model_validate(back), taxonomy)
    return first, again


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"doi": SICI}, id="sici_doi"),
        pytest.param({"doi": "10.5555/978-3-030-22796-8_7"}, id="doi_with_underscore"),
        pytest.param({"pages": "x_1-y_2"}, id="pages_with_underscores"),
        pytest.param({"volume": "010", "number": "1:30"}, id="numbers_kept_as_text"),
        pytest.param({"authors": ["{Ernst and Young}", "{OpenAI}", "Smith, A."]}, id="names_kept_whole"),
        pytest.param({"title": "Distillation in $\\mathcal{O}(n)$ time, α-divergence and ℓ₁"}, id="title_with_math"),
    ],
)
def test_import_undoes_the_export_exactly(make_paper, taxonomy, fields: dict) -> None:
    paper = make_paper(venue="tpami", type="article", **fields)
    first, again = _round_trip(taxonomy, paper)
    for name in fields:
        assert getattr(again, name) == getattr(paper, name)
    assert to_bibtex([again], taxonomy) == first


def test_an_old_export_with_escaped_verbatim_fields_is_read_right() -> None:
    old = (
        "@article{a, author = {Smith, A.}, title = {T}, year = 2020, journal = {J},\n"
        "  doi = {10.1002/(SICI)1097-4571(199806)49:8\\textless{}693::AID-ASI4\\textgreater{}3.0.CO;2-0},\n"
        "  pages = {x\\_1--y\\_2}}\n"
    )
    drafts, failures = read_bibtex(old, "old.bib")
    assert failures == []
    assert drafts[0].doi == "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"
    assert drafts[0].pages == "x_1-y_2"


# --- real titles with LaTeX math, through bibtex, biber and pdflatex ---------------------------

EXPECTED_TITLES = [
    "β-VAE: Learning Basic Visual Concepts with a Constrained Variational Framework",
    "β-VAE: Learning Basic Visual Concepts with a Constrained Variational Framework",
    "k-means++: The Advantages of Careful Seeding",
    "Learning Sparse Neural Networks through L₀ Regularization",
    "Subclass Distillation with α-Divergence",
    "Distilling Attention in $\\mathcal{O}(n \\log n)$ Time with $\\ell_{2,1}$ Penalties and $\\frac{1}{2}$-Bit Students",
]


@pytest.fixture
def math_titles(taxonomy, tmp_path: Path):
    drafts, failures = read_bibtex((DATA / "bibtex" / "math-titles.bib").read_text(encoding="utf-8"), "math-titles.bib")
    assert failures == []
    model = paper_model(taxonomy)
    papers = []
    for i, draft in enumerate(drafts):
        fields = to_record(draft, taxonomy)
        fields.update({"id": f"example{draft.year}title{i + 2}", "scope": "related"})
        papers.append(normalize.normalize(model.model_validate(fields), taxonomy))
    text = to_bibtex(papers, taxonomy)
    (tmp_path / "all.bib").write_text(text, encoding="utf-8")
    return papers, text


def test_math_in_titles_is_read_as_text_or_kept_as_math(math_titles) -> None:
    papers, text = math_titles
    assert sorted(p.title for p in papers) == sorted(EXPECTED_TITLES[1:] + ["beta-VAE: Learning Basic Visual Concepts with a Constrained Variational Framework"])
    assert "{\\ensuremath{\\beta}}-{VAE}" in text and "{\\ensuremath{\\alpha}}-{Divergence}" in text
    assert "{$\\mathcal{O}(n \\log n)$} Time with {$\\ell_{2,1}$} Penalties and {$\\frac{1}{2}$}-Bit" in text
    assert "L{\\textsubscript{0}} Regularization" in text
    again, failures = read_bibtex(text, "all.bib")
    assert failures == [] and sorted(d.title for d in again) == sorted(p.title for p in papers)


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


DOCUMENT = "\\documentclass{article}\n%s\n\\begin{document}\n\\nocite{*}\n%s\n\\end{document}\n"


@pytest.mark.tex
@pytest.mark.parametrize(
    "preamble, bibliography, tool",
    [
        pytest.param("", "\\bibliographystyle{plain}\\bibliography{all}", "bibtex", id="bibtex_plain"),
        pytest.param("\\usepackage[backend=biber]{biblatex}\\addbibresource{all.bib}", "\\printbibliography", "biber", id="biblatex_biber"),
    ],
)
def test_math_titles_compile_to_the_same_symbols(math_titles, tmp_path: Path, preamble: str, bibliography: str, tool: str) -> None:
    (tmp_path / "paper.tex").write_text(DOCUMENT % (preamble, bibliography), encoding="utf-8")
    latex = ["pdflatex", "-interaction=nonstopmode", "paper.tex"]
    for step in (latex, [tool, "paper"], latex, latex):
        result = _run(step, tmp_path)
        assert result.returncode == 0, result.stdout[-3000:]
    log = (tmp_path / "paper.log").read_text(errors="replace")
    assert "! " not in log and "Missing character" not in log
    bbl = (tmp_path / "paper.bbl").read_text(encoding="utf-8")
    for symbol in ("\\ensuremath{\\beta}", "\\ensuremath{\\alpha}", "$\\mathcal{O}(n \\log n)$", "$\\frac{1}{2}$", "\\textsubscript{0}"):
        assert symbol in bbl
    assert "\\$" not in bbl and "textbackslash" not in bbl  # no math printed as its source


@pytest.mark.tex
@pytest.mark.parametrize(
    "preamble, bibliography, tool",
    [
        pytest.param("", "\\bibliographystyle{plain}\\bibliography{all}", "bibtex", id="bibtex_plain"),
        pytest.param("\\usepackage[backend=biber]{biblatex}\\addbibresource{all.bib}", "\\printbibliography", "biber", id="biblatex_biber"),
    ],
)
def test_verbatim_fields_and_page_text_compile(make_paper, taxonomy, tmp_path: Path, preamble: str, bibliography: str, tool: str) -> None:
    # pages = {x_1--y_2}, written unescaped, stopped pdflatex with "Missing $".
    papers = [
        make_paper(id="smith2020good", venue="tpami", type="article", doi=SICI, pages="x_1-y_2"),
        make_paper(id="smith2020good-2", venue="tpami", type="article", doi="10.5555/978-3-030-22796-8_7", pages="S1-S2"),
    ]
    (tmp_path / "all.bib").write_text(to_bibtex(papers, taxonomy), encoding="utf-8")
    (tmp_path / "paper.tex").write_text(DOCUMENT % (preamble, bibliography), encoding="utf-8")
    latex = ["pdflatex", "-interaction=nonstopmode", "paper.tex"]
    for step in (latex, [tool, "paper"], latex, latex):
        result = _run(step, tmp_path)
        assert result.returncode == 0, result.stdout[-3000:]
    assert "! " not in (tmp_path / "paper.log").read_text(errors="replace")
    bbl = (tmp_path / "paper.bbl").read_text(encoding="utf-8")
    if tool == "biber":  # biblatex keeps the DOI verbatim, as written: no backslash to print
        assert f"\\verb {SICI}\n" in bbl and "\\verb 10.5555/978-3-030-22796-8_7\n" in bbl
        assert "\\field{pages}{x\\_1\\bibrangedash y\\_2}" in bbl
    else:
        assert "x\\_1--y\\_2" in bbl


@pytest.mark.tex
def test_a_character_without_a_latex_form_reaches_biber_as_utf8(make_paper, taxonomy, tmp_path: Path) -> None:
    # Was written \ensuremath{\mathfrak{U}}, undefined without amssymb.
    (tmp_path / "all.bib").write_text(to_bibtex([make_paper(title="A good record on 𝔘")], taxonomy), encoding="utf-8")
    assert "mathfrak" not in (tmp_path / "all.bib").read_text(encoding="utf-8")
    result = _run(["biber", "--tool", "--validate-datamodel", "--output-file", "out.bib", "all.bib"], tmp_path)
    assert result.returncode == 0, result.stdout
    assert "{𝔘}" in (tmp_path / "out.bib").read_text(encoding="utf-8")
