"""Text to and from the LaTeX that BibTeX fields hold.

Encoding escapes everything BibTeX or LaTeX would read as markup, keeps braces balanced
whatever the text holds (bibtex counts braces even after a backslash, so `{` is written
``\\textbraceleft{}``), breaks TeX ligatures that would change the text ("--" is not a dash
here), and writes accents and symbols as LaTeX macros through pylatexenc, which both bibtex and
biber read, but only macros a minimal document defines (kernel.py): a character without one
(𝔘, ą) stays UTF-8, which biber passes through, rather than become a macro that breaks the
document. Decoding is pylatexenc's LaTeX-to-text with the macros we write added, and LaTeX math
turned into the text it stands for where it has a plain-text form (math.py), so that
decode(encode(text)) == text.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from pylatexenc import latex2text, latexwalker, macrospec
from pylatexenc.latexencode import UnicodeToLatexEncoder

from sitegen.export import kernel, math

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

logging.getLogger("pylatexenc.latexencode").setLevel(logging.ERROR)
logging.getLogger("pylatexenc.latexwalker").setLevel(logging.ERROR)
_encoder = UnicodeToLatexEncoder(
    non_ascii_only=True, replacement_latex_protection="braces-all", unknown_char_policy="keep"
)
_MACRO = re.compile(r"\\([A-Za-z]+)")


def _compiles(latex: str) -> bool:
    """Whether pylatexenc's `latex` for one character uses only macros a minimal document defines."""
    inner = re.fullmatch(r"\{\\ensuremath\{(.*)\}\}", latex)
    if inner:
        return all(name in kernel.MATH for name in _MACRO.findall(inner.group(1)))
    return all(name in kernel.TEXT for name in _MACRO.findall(latex))


@lru_cache(maxsize=4096)
def _encode_char(char: str) -> str:
    latex = _encoder.unicode_to_latex(char)
    if latex != char and _compiles(latex) and decode(latex) == char:
        return latex
    # Superscript and subscript digits and signs (x², ℓ₁) have a kernel form pylatexenc lacks.
    if char in math.FROM_SUPERSCRIPT:
        return "{\\textsuperscript{" + math.FROM_SUPERSCRIPT[char] + "}}"
    if char in math.FROM_SUBSCRIPT:
        return "{\\textsubscript{" + math.FROM_SUBSCRIPT[char] + "}}"
    return char  # no LaTeX form a minimal document can print: UTF-8, for biber


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


def _script(table: dict[str, str]):
    def convert(node, l2tobj) -> str:  # type: ignore[no-untyped-def]  # pylatexenc passes l2tobj by name
        text = l2tobj.nodelist_to_text(node.nodeargd.argnlist[-1:]) if node.nodeargd else ""
        return "".join(table[c] for c in text) if text and all(c in table for c in text) else text

    return convert


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
        )] + [
            latex2text.MacroTextSpec("textsuperscript", simplify_repl=_script(math.SUPERSCRIPTS)),
            latex2text.MacroTextSpec("textsubscript", simplify_repl=_script(math.SUBSCRIPTS)),
        ],
    )
    return latex2text.LatexNodes2Text(latex_context=db, math_mode="verbatim", strict_latex_spaces=True)


_decode = _decoder()
_decode_math = latex2text.LatexNodes2Text(math_mode="text", strict_latex_spaces=True)
_walker_context = latexwalker.get_default_latex_context_db()  # built once: pylatexenc would rebuild it per call
_walker_context.add_context_category(
    "sitegen-scripts", prepend=True, macros=[macrospec.MacroSpec(name, "{") for name in ("textsuperscript", "textsubscript")]
)
# What pylatexenc changes in plain ASCII text: its specials, ligatures and math shifts.
_UNESCAPED_DOLLAR = re.compile(r"((?:^|[^\\])(?:\\\\)*)\$")  # after an even run of backslashes
_NEEDS_DECODING = re.compile(r"[%&\\{}~$]|!`|''|--|\?`|``")


def _to_text(latex: str, decoder: latex2text.LatexNodes2Text = _decode) -> str:
    nodes = latexwalker.LatexWalker(latex, latex_context=_walker_context, tolerant_parsing=True).get_latex_nodes()[0]
    return decoder.nodelist_to_text(nodes)


def decode_math(latex: str) -> str:
    """The text pylatexenc gives for math `latex` (\\alpha: α)."""
    return _to_text(f"${latex}$", _decode_math)


def decode(latex: str) -> str:
    """The characters a BibTeX field stands for (accents, escapes, braces and math resolved)."""
    if not _NEEDS_DECODING.search(latex):
        return latex
    if "$" not in latex:
        return _to_text(latex)
    # Math is taken out before decoding and put back as its plain text, or kept as `$math$`;
    # private-use characters the field does not hold stand in for it meanwhile.
    pieces = math.spans(latex, escaped=True)
    count = sum(is_math for _, is_math in pieces) or 1
    used = {ord(c) for c in latex}
    base = next(b for b in range(0xF0000, 0x10FFFE - count, count) if not any(b <= c < b + count for c in used))
    parts, kept = [], []
    for part, is_math in pieces:
        if not is_math:
            parts.append(_UNESCAPED_DOLLAR.sub(r"\1\\$", part))  # an unpaired dollar is a dollar
            continue
        content = " ".join(part.split())
        text = math.to_text(content)
        kept.append(text if text is not None else f"${content}$")
        parts.append(chr(base + len(kept) - 1))
    decoded = _to_text("".join(parts))
    return "".join(kept[ord(c) - base] if base <= ord(c) < base + count else c for c in decoded)
