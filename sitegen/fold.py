"""How text is compared when looking for duplicates: one key for every way of writing the same words.

A title or a name is folded before it is compared: compatibility forms unified (NFKC: 'ﬁ' is
'fi', full-width letters are letters), case folded, every Unicode dash and the soft hyphen
treated as one, accents dropped, and characters that look alike mapped to one prototype by the
Unicode confusables skeleton (UTS #39, computed by ICU), so that a Cyrillic 'а' in a title or
a name cannot make a copy look like a new work. Letters of every script are kept: a Chinese or
Greek title has a key of its own, never an empty one.

The keys are for comparison only; nothing here is shown to a reader or written to a record.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu

# Dashes: Unicode's Pd category plus the minus sign; the soft hyphen is an invisible break point.
_DASH = "-"
_SOFT_HYPHEN = "\u00ad"
# Accents on Latin, Greek and Cyrillic letters (and the marks ICU's skeleton adds, such as the
# stroke of 'ø'); marks of other scripts (Devanagari vowel signs, ...) are part of the letters.
_ACCENT_BLOCKS = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))

_SKELETON = icu.SpoofChecker()
# The skeleton maps each character on its own, so for ASCII text (most titles and names) it is a
# translation table, computed once from ICU: the same result without a call per string.
_ASCII_SKELETON = {code: _SKELETON.getSkeleton(0, chr(code)) for code in range(128)}


class _CharClass(dict):
    """A str.translate table, filled on first use: dashes to '-', accents removed, letters,
    digits and marks kept, anything else (punctuation, symbols, spaces) a space."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        category = unicodedata.category(char)
        value: str | None
        if char == _SOFT_HYPHEN:
            value = None
        elif category == "Pd" or char == "\u2212":
            value = _DASH
        elif category.startswith("M") and any(lo <= code <= hi for lo, hi in _ACCENT_BLOCKS):
            value = None
        elif category[0] in "LNM":
            value = char
        else:
            value = " "
        self[code] = value
        return value


_CLASSES = _CharClass()
_INNER_DASH = re.compile(r"(?<=[^\s-])-+(?=[^\s-])")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """`text` as lowercase words separated by single spaces, for comparison.

    A dash inside a word joins its parts ('self-distillation', 'self‐distillation' and
    'selfdistillation' fold alike); a dash between words separates them.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(_CLASSES)  # dashes first: the skeleton would map some to other letters
    text = _INNER_DASH.sub("", text).replace(_DASH, " ")
    # NFD, look-alikes mapped to one prototype
    text = (text.translate(_ASCII_SKELETON) if text.isascii() else _SKELETON.getSkeleton(0, text)).casefold()
    text = unicodedata.normalize("NFC", text.translate(_CLASSES))
    return " ".join(text.split())


def title_key(title: str) -> str:
    """A title as folded words: two titles with one key are one title written two ways."""
    return fold(title)


def family_key(author: str) -> str:
    """The family name of a 'Family, Given' author, folded and without spaces ('vandermaaten')."""
    return fold(author.split(",", 1)[0]).replace(" ", "")


def name_parts(author: str) -> frozenset[str]:
    """Every folded word of a name, family and given, for names a source wrote the other way round."""
    return frozenset(fold(author.replace(",", " ")).split())
