"""Text to and from the LaTeX that BibTeX fields hold.

Encoding escapes everything BibTeX or LaTeX would read as markup, keeps braces balanced
whatever the text holds (bibtex counts braces even after a backslash, so `{` is written
``\\textbraceleft{}``), breaks TeX ligatures that would change the text ("--" is not a dash
here), and writes accents as LaTeX macros through pylatexenc, which both bibtex and biber read.
Decoding is pylatexenc's LaTeX-to-text with the macros we write added, so that
decode(encode(text)) == text.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from pylatexenc import latex2text
from pylatexenc.latexencode import UnicodeToLatexEncoder

_ASCII_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}
# Pairs TeX fonts turn into other characters ("--" into a dash, "``" into a quote): split them.
_LIGATURES = {("-", "-"), ("`", "`"), ("'", "'"), ("?", "`"), ("!", "`"), (",", ",")}

# Characters with no LaTeX form (CJK, emoji) stay as UTF-8, which bibtex and biber pass through.
logging.getLogger("pylatexenc.latexencode").setLevel(logging.ERROR)
_encoder = UnicodeToLatexEncoder(
    non_ascii_only=True, replacement_latex_protection="braces-all", unknown_char_policy="keep"
)


@lru_cache(maxsize=4096)
def _encode_char(char: str) -> str:
    latex = _encoder.unicode_to_latex(char)
    # Keep the character itself where its LaTeX form would read back as something else.
    return latex if decode(latex) == char else char


def encode(text: str) -> str:
    """`text` as the body of a BibTeX field, read back as the same characters."""
    out = []
    previous = ""
    for char in text:
        if (previous, char) in _LIGATURES:
            out.append("{}")
        if char in _ASCII_ESCAPES:
            out.append(_ASCII_ESCAPES[char])
        elif char.isascii():
            out.append(char)
        else:
            out.append(_encode_char(char))
        previous = char
    return "".join(out)


def _decoder() -> latex2text.LatexNodes2Text:
    db = latex2text.get_default_latex_context_db()
    db.add_context_category(
        "sitegen-escapes",
        prepend=True,
        macros=[latex2text.MacroTextSpec(name, text) for name, text in (
            ("textbraceleft", "{"),
            ("textbraceright", "}"),
            ("textbackslash", "\\"),
            ("textasciitilde", "~"),
            ("textasciicircum", "^"),
            ("textless", "<"),
            ("textgreater", ">"),
            ("textbar", "|"),
        )],
    )
    return latex2text.LatexNodes2Text(latex_context=db, math_mode="verbatim", strict_latex_spaces=True)


_decode = _decoder()


def decode(latex: str) -> str:
    """The characters a BibTeX field stands for (accents, escapes and braces resolved)."""
    return _decode.latex_to_text(latex)
