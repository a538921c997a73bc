"""The macros the export may write compile in a minimal document (kernel.py's lists are true)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from sitegen.export import kernel
from sitegen.export.latex import encode

# Latin-1, Latin Extended-A and -B, Greek, punctuation, super- and subscripts, letterlike
# symbols, arrows, mathematical operators, and some mathematical alphanumerics.
_BLOCKS = [(0xA0, 0x250), (0x370, 0x400), (0x2000, 0x20A0), (0x2100, 0x2300), (0x1D400, 0x1D420), (0x1D504, 0x1D520)]
_USAGE = {  # how a structural macro is used; the others take one argument or none
    "frac": "\\frac{1}{2}", "sqrt": "\\sqrt{n}", "left": "\\left( x \\right)", "right": "\\left( x \\right)",
    "big": "\\big(", "Big": "\\Big(", "bigg": "\\bigg(", "Bigg": "\\Bigg(", "limits": "\\sum\\limits_{i}",
    "nolimits": "\\int\\nolimits_0", "not": "\\not=", "mathop": "\\mathop{x}", "mathbin": "\\mathbin{x}",
    "mathrel": "\\mathrel{x}", "operatorname": "\\operatorname{KL}",
}
_ONE_ARGUMENT = {"acute", "bar", "breve", "check", "ddot", "dot", "grave", "hat", "tilde", "vec", "widehat", "widetilde",
                 "overline", "underline", "mathcal", "mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathnormal",
                 "mathbb", "mathfrak", "text", "boldsymbol"}


def _usage(name: str) -> str:
    if name in _USAGE:
        return _USAGE[name]
    return f"\\{name}{{x}}" if name in _ONE_ARGUMENT else f"\\{name}"


def _compile(folder: Path, preamble: str, lines: list[str]) -> list[str]:
    """The lines of `lines` (one paragraph each) that pdflatex reports an error on."""
    head = ["\\documentclass{article}", *preamble.splitlines(), "\\begin{document}"]
    (folder / "k.tex").write_text("\n".join(head + [line + "\\par" for line in lines] + ["\\end{document}"]) + "\n", encoding="utf-8")
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "k.tex"], cwd=folder, capture_output=True, timeout=300)
    log = (folder / "k.log").read_text(errors="replace")
    bad = {int(n) - len(head) - 1 for n in re.findall(r"^l\.(\d+)", log, re.MULTILINE)}
    assert "Emergency stop" not in log and "Output written" in log, log[-2000:]
    assert "Missing character" not in log  # a glyph the font lacks is not an error, but prints nothing
    return [lines[i] for i in sorted(bad) if 0 <= i < len(lines)]


@pytest.mark.tex
def test_every_character_the_export_writes_as_a_macro_compiles(tmp_path: Path) -> None:
    written = []
    for first, last in _BLOCKS:
        for char in map(chr, range(first, last)):
            if unicodedata.category(char) in ("Cn", "Cc", "Cs", "Zl", "Zp", "Mn", "Cf"):
                continue
            latex = encode(char)
            if latex != char:
                written.append(latex)
    assert len(written) > 400  # accents, Greek, symbols: most of these blocks have a kernel form
    assert _compile(tmp_path, "", written) == []


@pytest.mark.tex
def test_kernel_math_macros_compile_without_packages(tmp_path: Path) -> None:
    lines = [f"${_usage(name)}$" for name in sorted(kernel.MATH)]
    assert _compile(tmp_path, "", lines) == []


@pytest.mark.tex
def test_ams_math_macros_compile_with_amssymb_and_amsmath(tmp_path: Path) -> None:
    lines = [f"${_usage(name)}$" for name in sorted(kernel.MATH_AMS)]
    assert _compile(tmp_path, "\\usepackage{amssymb}\n\\usepackage{amsmath}", lines) == []
    assert len(_compile(tmp_path, "", lines)) == len(lines)  # and need them: none is in the kernel
