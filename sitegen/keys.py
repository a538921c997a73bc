"""Record ids, which are also file names and BibTeX keys: ``familyYEARword``.

`family` is the first author's family name in ASCII letters, `YEAR` the year, `word` the first
significant word of the title. Names and titles in any script get one: accents are dropped and
other scripts romanized (张 -> zhang, Иванов -> ivanov), and each part is cut to 40 characters so
that an id is always a usable file name. When that key is taken, the next record gets ``-2``, then
``-3``, and so on: existing ids never change, so permalinks and citations stay valid.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from anyascii import anyascii

from sitegen.names import whole_name

ID_PATTERN = r"^[a-z]+[0-9]{4}[a-z0-9]+(-[2-9]|-[1-9][0-9]+)?$"
MAX_PART = 40  # of the family name and of the word: the longest real ones are far shorter

# Words a citation key skips, as Google Scholar and most reference managers do.
_STOPWORDS = frozenset(
    """a an the and or but nor for of on in at to by with from as via into onto over under
    about after before between through toward towards upon within without is are was were be
    been being do does did can could should would will shall may might must how what when where
    which who whom why whose this that these those it its we our you your their""".split()
)


def ascii_fold(text: str) -> str:
    """Letters and digits of `text` without accents, lower case."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def transliterate(text: str) -> str:
    """`text` in ASCII lower case: accents dropped, other scripts romanized, for ids and slugs."""
    if text.isascii():
        return text.lower()
    return anyascii(unicodedata.normalize("NFC", text)).lower()


def family_part(author: str) -> str:
    """The family name of a ``Family, Given`` author (or a name kept whole), as ASCII letters only."""
    family = whole_name(author) or author.split(",", 1)[0]
    return re.sub(r"[^a-z]", "", transliterate(family))[:MAX_PART] or "anon"


def first_word(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", transliterate(title))
    for word in words:
        if word not in _STOPWORDS:
            return word[:MAX_PART]
    return words[0][:MAX_PART] if words else "untitled"


def base_key(first_author: str, year: int, title: str) -> str:
    return f"{family_part(first_author)}{year}{first_word(title)}"


def matches_base(record_id: str, base: str) -> bool:
    """Whether `record_id` is `base` or `base` with a collision suffix."""
    return record_id == base or re.fullmatch(re.escape(base) + r"-([2-9]|[1-9][0-9]+)", record_id) is not None


def next_free(base: str, taken: Iterable[str]) -> str:
    """`base`, or the first of base-2, base-3, ... not in `taken`."""
    taken = set(taken)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
