"""Author lists as paper lists write them, into 'Family, Given' names.

Forms: `Family, G. & Family, G.` (the seed's), `Full Name, Full Name`, `A and B and C` (also
`AND`), `Family et al.`, `Family, Given et al.`, `Family, Given, and Full Name`, and corporate
names (`{Gemini Team}`). A name written as one word is a family name whose given name the list
does not give: it stays one word, and no given name is ever made up. Names written 'Given
Family' are turned round, as BibTeX reads them; the family name starts at a lower-case particle
('Laurens van der Maaten').
"""

from __future__ import annotations

import re

from sitegen.importers.references import Authors, parse_authors, repair_accents

_PARTICLES = {"van", "von", "der", "den", "de", "di", "da", "du", "del", "della", "le", "la", "ter", "ten", "al", "el", "bin", "dos", "ul", "ibn", "das", "zu"}
_CORPORATE = re.compile(r"\b(?:Team|Group|Lab|Labs|Laboratory|Inc\.?|Corporation|Consortium|Institute|Collaboration|Foundation)$")
_ET_AL = re.compile(r"(?:,|&|\band\b)?\s*\bet\.?\s*al\b\.?.*$|(?:,|&|\band\b)?\s*\bothers\s*$", re.IGNORECASE)
_AFFILIATION = re.compile(r"\s*\(([^()]{1,60})\)")
_SPLIT = re.compile(r"\s*,?\s*\b(?:and|AND|And)\b\s*|\s*&\s*|\s*;\s*")
_WORD = re.compile(r"^(?:[^\W\d_][\w'’.\-]*|[A-Z]\.(?:-?[A-Z]\.)*)$")
_INITIALS_FORM = re.compile(r"(?:^|,\s*)[^\W\d_][\w'\-]+,\s*[A-Z]\.")  # 'Aditya, S.'
MAX_NAME_WORDS = 5


def parse_name_list(text: str) -> Authors:
    """The names in `text`, in order; `et_al` when the list truncates them."""
    result = Authors()
    text = " ".join(text.split()).strip(" .,;:")
    fixed = repair_accents(text)
    if fixed != text:
        result.repairs.append("detached accent composed")
        text = fixed
    for found in _AFFILIATION.findall(text):
        result.repairs.append(f"'({found})' after the names left out (an affiliation, not an author)")
    text = _AFFILIATION.sub(" ", text)
    cut = _ET_AL.search(text)
    if cut:
        result.et_al = True
        text = text[: cut.start()]
    text = text.strip(" .,;:&")
    marks = re.sub(r"(?<=[^\W\d_]{2})\d+\b", "", text)  # 'Jiasen Lu1': an affiliation mark
    if marks != text:
        result.repairs.append("affiliation marks after names removed")
        text = marks
    if not text:
        return result
    if _INITIALS_FORM.search(text) and not re.search(r"\band\b", text, re.IGNORECASE):
        seed = parse_authors(text + (" et al." if result.et_al else ""))
        seed.repairs = result.repairs + seed.repairs
        return seed
    for piece in _SPLIT.split(text):
        piece = piece.strip(" ,.")
        if piece:
            result.names.extend(_names_in(piece))
    return result


def _names_in(piece: str) -> list[str]:
    parts = [p.strip() for p in piece.split(",") if p.strip()]
    if len(parts) == 1 or all(len(p.split()) >= 2 for p in parts):
        return [written_name(p) for p in parts]
    names, i = [], 0
    while i < len(parts):
        family = parts[i]
        given = parts[i + 1] if i + 1 < len(parts) else None
        if given is not None and len(family.split()) == 1 and len(given.split()) <= 3:
            names.append(f"{family}, {given}")  # 'Li, Yuncheng': written family name first
            i += 2
        else:
            names.append(written_name(family))
            i += 1
    return names


def written_name(text: str) -> str:
    """One name as 'Family, Given', a family name alone, or a braced corporate name."""
    text = re.sub(r"(?<=\.)(?=[^\W\d_]{2})", " ", text.strip())  # 'E.H.Tay' -> 'E.H. Tay'
    words = text.split()
    if _CORPORATE.search(text):
        return "{" + text + "}"
    if len(words) <= 1:
        return text
    cut = next((i for i, w in enumerate(words[:-1]) if i > 0 and w.casefold() in _PARTICLES and w[:1].islower()), len(words) - 1)
    return f"{' '.join(words[cut:])}, {' '.join(words[:cut])}"


def looks_like_names(text: str) -> bool:
    """Whether `text` reads as a list of people rather than a title or prose."""
    text = " ".join(text.split()).strip(" .,;:")
    if not text or len(text) > 2000:
        return False
    had_et_al = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", _AFFILIATION.sub(" ", text)).strip(" .,;:&")
    text = re.sub(r"(?<=[^\W\d_]{2})\d+\b", "", text)
    if not text:
        return had_et_al
    for piece in _SPLIT.split(text):
        for part in piece.split(","):
            words = part.replace(".", ". ").split()
            if not words:
                continue
            if len(words) > MAX_NAME_WORDS:
                return False
            for word in words:
                if word.casefold() in _PARTICLES and word[:1].islower():
                    continue
                if not _WORD.match(word) or word[:1].islower():
                    return False
    return True
