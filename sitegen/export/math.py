"""LaTeX math in titles: `Subclass Distillation with $\\alpha$-Divergence`, `$\\ell_1$`, `$k$-NN`.

On import, math that has a plain-text form becomes that text ($\\alpha$ is α, $\\ell_1$ is ℓ₁,
$x^2$ is x², $k$ is k): Greek letters and symbols that LaTeX itself can print back, and sub- and
superscripts that Unicode has. Math with no such form ($\\mathcal{O}(n)$, $\\frac{1}{2}$,
$\\sqrt{n}$) stays in the record as LaTeX between dollar signs; that is how a record marks math.

On export, such a span is written as math again, but only if it is well formed and uses only
macros LaTeX or the AMS packages define (kernel.py): anything else (an unknown macro, a brace
left open, `\\input`) is text, and is escaped as text. A span with a plain-text form is text
too, so `Save $5 and $10` stays dollars.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitegen.export import kernel

SUPERSCRIPTS = dict(zip("0123456789+-=()in", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿ"))
SUBSCRIPTS = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
FROM_SUPERSCRIPT = {v: k for k, v in SUPERSCRIPTS.items()}
FROM_SUBSCRIPT = {v: k for k, v in SUBSCRIPTS.items()}

_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|\\$|[{}^_]|[^\\{}^_]")
_MATH_SOURCE = re.compile(r"[A-Za-z0-9 +\-=()\[\],.;:!?/|'*<>\\{}^_]+")  # what kept math may be written with
_PLAIN_MATH = re.compile(r"[A-Za-z0-9 +\-=()\[\],.;:!?/|'*<>]")  # characters math prints as themselves


def spans(text: str, escaped: bool) -> list[tuple[str, bool]]:
    """`text` cut into (part, is_math) at dollar signs paired left to right.

    With `escaped` (LaTeX source) a dollar after a backslash is a literal one. An unpaired dollar
    stays in the text part around it.
    """
    marks = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and escaped:
            i += 2
            continue
        if char == "$":
            marks.append(i)
        i += 1
    if len(marks) % 2:
        marks.pop()
    out: list[tuple[str, bool]] = []
    start = 0
    for open_, close in zip(marks[::2], marks[1::2]):
        if open_ > start:
            out.append((text[start:open_], False))
        out.append((text[open_ + 1:close], True))
        start = close + 1
    if start < len(text):
        out.append((text[start:], False))
    return out


def _tokens(math: str) -> list[str]:
    return _TOKEN.findall(math)


def to_text(math: str) -> str | None:
    """The plain text `math` stands for, or None when it has none (see the module's notes)."""
    tokens = _tokens(math)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("^", "_"):
            table = SUPERSCRIPTS if token == "^" else SUBSCRIPTS
            argument, i = _argument(tokens, i + 1)
            if argument is None or not argument or any(c not in table for c in argument):
                return None
            out.extend(table[c] for c in argument)
            continue
        if token == "{":
            inner, i = _group(tokens, i)
            text = to_text(inner) if inner is not None else None
            if text is None:
                return None
            out.append(text)
            continue
        if token.startswith("\\"):
            symbol = math_symbol(token[1:])
            if symbol is None:
                return None
            out.append(symbol)
        elif _PLAIN_MATH.fullmatch(token):
            out.append(token)
        else:
            return None
        i += 1
    return " ".join("".join(out).split())


def _argument(tokens: list[str], i: int) -> tuple[str | None, int]:
    """The argument of ^ or _ at `i` as plain characters, and the index after it."""
    if i >= len(tokens):
        return None, i
    if tokens[i] == "{":
        inner, j = _group(tokens, i)
        return (None, j) if inner is None or "\\" in inner else (inner.replace(" ", ""), j)
    token = tokens[i]
    return (None, i + 1) if token.startswith("\\") or token in "{}^_" else (token, i + 1)


def _group(tokens: list[str], i: int) -> tuple[str | None, int]:
    """The text inside the braces opening at `i`, and the index after the closing brace."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += {"{": 1, "}": -1}.get(tokens[j], 0)
        if depth == 0:
            return "".join(tokens[i + 1:j]), j + 1
    return None, len(tokens)


@lru_cache(maxsize=None)
def math_symbol(name: str) -> str | None:
    """The one character a kernel math macro prints (\\alpha: α), if the export can write it back."""
    if name not in kernel.MATH_SYMBOLS:
        return None
    from sitegen.export.latex import decode_math, encode

    char = decode_math(f"\\{name}")
    return char if len(char) == 1 and not char.isascii() and encode(char) != char else None


def is_kept_math(math: str) -> bool:
    """Whether a record's `$math$` is written to BibTeX as math: well formed, only known macros,
    and no plain-text form (which would be written as text)."""
    if math != " ".join(math.split()) or "^^" in math or not _MATH_SOURCE.fullmatch(math):
        return False  # as decoding writes it: trimmed, single spaces; and no TeX character codes
    depth = literal = 0
    for token in _tokens(math):
        if token == "\\":
            return False
        if token.startswith("\\"):
            name = token[1:]
            if len(name) == 1 and not name.isalpha():
                if name not in kernel.MATH_PUNCTUATION:
                    return False
            elif name not in kernel.MATH and name not in kernel.MATH_AMS:
                return False
        depth += {"{": 1, "}": -1}.get(token, 0)
        literal += {"\\{": 1, "\\}": -1}.get(token, 0)
        if depth < 0 or literal < 0:
            return False  # bibtex counts escaped braces too, so both kinds must balance
    return depth == 0 and literal == 0 and to_text(math) is None
