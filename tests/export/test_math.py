"""LaTeX math in titles: read as the Unicode text it stands for, or kept as math, marked by dollars."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from sitegen.export.bibtex import protect_title
from sitegen.export.latex import decode
from sitegen.export.math import is_kept_math, spans, to_text


@pytest.mark.parametrize(
    "latex, text",
    [
        pytest.param("Subclass Distillation with $\\alpha$-Divergence", "Subclass Distillation with α-Divergence", id="greek_letter"),
        pytest.param("{$\\beta$}-{VAE}", "β-VAE", id="braced_greek_letter"),
        pytest.param("{$k$}-means++", "k-means++", id="single_letter"),
        pytest.param("Sparsity through {$L_0$} Regularization", "Sparsity through L₀ Regularization", id="subscript_digit"),
        pytest.param("under $\\ell_1$ constraints", "under ℓ₁ constraints", id="ell_one"),
        pytest.param("$x^2$ and $x^{-1}$", "x² and x⁻¹", id="superscripts"),
        pytest.param("$\\Gamma \\leq \\infty$", "Γ ≤ ∞", id="symbols"),
        pytest.param("in $\\mathcal{O}(n \\log n)$ time", "in $\\mathcal{O}(n \\log n)$ time", id="no_plain_form_kept_as_math"),
        pytest.param("$\\ell_{2,1}$-norm", "$\\ell_{2,1}$-norm", id="subscript_without_unicode_form"),
        pytest.param("a $\\frac{1}{2}$ bit", "a $\\frac{1}{2}$ bit", id="fraction"),
        pytest.param("Save \\$5 and \\$10", "Save $5 and $10", id="escaped_dollars"),
        pytest.param("one $ sign", "one $ sign", id="unpaired_dollar"),
        pytest.param("x\\textsubscript{1} and 5\\textsuperscript{2}", "x₁ and 5²", id="text_scripts"),
    ],
)
def test_import_reads_math_as_text_or_keeps_it(latex: str, text: str) -> None:
    assert decode(latex) == text


@pytest.mark.parametrize(
    "text, latex",
    [
        pytest.param("α-Divergence", "{\\ensuremath{\\alpha}}-{Divergence}", id="greek_letter"),
        pytest.param("ℓ₁ and x²", "{\\ensuremath{\\ell}}{\\textsubscript{1}} and x{\\texttwosuperior}", id="scripts"),
        pytest.param("in $\\mathcal{O}(n)$ time", "in {$\\mathcal{O}(n)$} time", id="kept_math"),
        pytest.param("$\\mathbb{R}^n$", "{$\\mathbb{R}^n$}", id="ams_math"),
        pytest.param("Save $5 and $10", "Save \\$5 and \\$10", id="dollars_that_are_not_math"),
        pytest.param("$\\alpha$", "\\$\\textbackslash{}alpha\\$", id="math_with_a_plain_form_is_text"),
        pytest.param("$\\input{/etc/passwd}$", "\\$\\textbackslash{}input\\textbraceleft{}/etc/passwd\\textbraceright{}\\$", id="unknown_macro_is_text"),
        pytest.param("$\\frac{1}{2$", "\\$\\textbackslash{}frac\\textbraceleft{}1\\textbraceright{}\\textbraceleft{}2\\$", id="open_brace_is_text"),
        pytest.param("$^^5cinput$", "\\$\\textasciicircum{}\\textasciicircum{}5cinput\\$", id="tex_character_code_is_text"),
        pytest.param("𝔘 and ą", "𝔘 and ą", id="no_kernel_form_stays_utf8"),
    ],
)
def test_export_writes_what_compiles_to_the_same_symbols(text: str, latex: str) -> None:
    assert protect_title(text) == latex
    assert decode(latex) == text


def test_spans_pair_dollars_left_to_right() -> None:
    assert spans("a $x$ b $y", escaped=False) == [("a ", False), ("x", True), (" b $y", False)]
    assert spans("\\$ $x$", escaped=True) == [("\\$ ", False), ("x", True)]


@pytest.mark.parametrize(
    "math, kept",
    [("\\sqrt{n}", True), ("\\{0,1\\}^n", True), ("\\{0,1^n", False), ("\\alpha", False), ("n", False), (" n ", False), ("a\\\\b", False)],
)
def test_which_math_is_kept(math: str, kept: bool) -> None:
    assert is_kept_math(math) is kept


def test_plain_text_forms() -> None:
    assert to_text("\\alpha_1") == "α₁"
    assert to_text("\\mathcal{O}") is None
    assert to_text("x^{12}") == "x¹²"
    assert to_text("x^{ab}") is None


_TITLE_CHARS = st.sampled_from(list("ab $\\{}_^12αℓ²₁") + ["\\alpha", "\\mathcal{O}", "\\frac{1}{2}", "$k$", "$\\sqrt{n}$"])


@given(st.lists(_TITLE_CHARS, max_size=20).map("".join))
def test_import_of_the_export_gives_the_title_back(title: str) -> None:
    title = " ".join(title.split())
    assert decode(protect_title(title)) == title
