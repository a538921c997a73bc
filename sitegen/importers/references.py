"""Parse the parts of a reference as paper lists print them: authors, year, venue details.

Handles the damage such lists carry: authors joined by '&' without spaces, a missing space
after a comma, 'et al.' or '...' truncations, 'Family I' (Vancouver) names, hyphenated names
broken over lines, and venue tails like 'IEEE TPAMI 35(8): 1798-1828'.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# An initials group: "S.", "P. Y.", "CC.", "ST.", "Ph.", "Niraj K.", "G. E.."
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.?(?:[\s-]*[A-Z][a-z]?\.)*\.?|[A-Z]{1,3}\.?|[A-Z][a-z]+(?: [A-Z]\.)+)$")
_YEAR = re.compile(r"\((?P<year>(?:19|20)\d\d)(?P<suffix>[a-z]?)\.?\)")
_PARTICLES = {"van", "von", "der", "den", "de", "di", "da", "du", "del", "della", "le", "la", "ter", "ten"}
_SPACING_ACCENTS = {"¨": "\u0308", "´": "\u0301", "`": "\u0300", "ˆ": "\u0302", "˜": "\u0303", "¸": "\u0327"}


@dataclass
class Authors:
    names: list[str] = field(default_factory=list)
    et_al: bool = False
    repairs: list[str] = field(default_factory=list)


def repair_accents(text: str) -> str:
    """'Sch¨olkopf' (a PDF's detached accent) becomes 'Schölkopf'."""
    def compose(match: re.Match[str]) -> str:
        return unicodedata.normalize("NFC", match.group(2) + _SPACING_ACCENTS[match.group(1)])

    return re.sub(r"([¨´ˆ˜¸])([A-Za-z])", compose, text)


def parse_authors(text: str) -> Authors:
    """'Aditya, S., Saha, R. & Baral, C.' as ['Aditya, S.', 'Saha, R.', 'Baral, C.']."""
    result = Authors()
    text = " ".join(text.split()).strip().rstrip(",")
    fixed = repair_accents(text)
    if fixed != text:
        result.repairs.append("detached accent composed")
        text = fixed
    if re.search(r"(?:^|[,&]\s*)(?:&\s*)?(?:et\.? ?al\.?)\s*$", text):
        result.et_al = True
        text = re.sub(r"[,\s&]*(?:et\.? ?al\.?)\s*$", "", text)
    if re.search(r",\s*\.\.\.\s*(?:&|,)", text):
        # 'A, B, ... & Z': the list skips authors; keep those before the gap.
        result.et_al = True
        result.repairs.append("authors after '...' dropped (the source skipped some)")
        text = re.split(r",\s*\.\.\.\s*", text)[0]
    stray = re.sub(r"[\[\]{}]", "", text)
    if stray != text:
        result.repairs.append("stray brackets removed")
        text = stray
    text = re.sub(r"\s*&\s*", ", ", text)
    text = re.sub(r",(?=\S)", ", ", text)
    tokens = [t.strip() for t in text.split(", ") if t.strip()]
    if tokens and all(re.fullmatch(r"[A-Z][\w'\-]+(?: [A-Z][\w'\-]+)* [A-Z]{1,3}", t) for t in tokens):
        # Vancouver style: 'Zhou C, Neubig G, Gu J'
        result.names = [re.sub(r"^(.*) ([A-Z]+)$", lambda m: f"{m.group(1)}, {'. '.join(m.group(2))}.", t) for t in tokens]
        result.repairs.append("names in 'Family I' form rewritten as 'Family, I.'")
        return result
    i = 0
    while i < len(tokens):
        family = tokens[i]
        if family.casefold() in _PARTICLES and i + 1 < len(tokens) and not _INITIALS.match(tokens[i + 1]):
            # 'Van, Der Maaten, L.': a particle split off as if it were an author.
            words = (family + " " + tokens[i + 1]).split()
            merged = " ".join(w.lower() if w.casefold() in _PARTICLES else w for w in words)
            result.repairs.append(f"particle '{family}' rejoined to the family name '{merged}'")
            tokens[i + 1] = merged
            i += 1
            continue
        given = tokens[i + 1] if i + 1 < len(tokens) else ""
        if given.endswith(".."):
            result.repairs.append(f"doubled full stop removed from '{given}'")
            given = given[:-1]
        if given and _INITIALS.match(given):
            result.names.append(f"{family}, {given}")
            i += 2
            continue
        match = re.fullmatch(r"(.+?) ([A-Z]{1,2}\.)", family)
        if match:  # 'Vazquez D.' with the comma missing
            result.names.append(f"{match.group(1)}, {match.group(2)}")
            result.repairs.append(f"comma restored in '{family}'")
            i += 1
            continue
        result.names.append(family)
        i += 1
    return result


@dataclass
class VenueDetails:
    name: str = ""
    volume: str | None = None
    number: str | None = None
    pages: str | None = None
    arxiv: str | None = None
    doi: str | None = None


def parse_venue(text: str) -> VenueDetails:
    """'IEEE TPAMI 35(8): 1798–1828.' as name, volume, number and pages."""
    text = " ".join(text.split()).strip().strip(".").strip()
    details = VenueDetails()
    text = re.sub(r"^(?:In:?\s+)", "", text)
    doi = re.search(r"\s*\.?\s*DOI:\s*(10\.\S+?)\.?$", text, re.IGNORECASE)
    if doi:
        details.doi = doi.group(1)
        text = text[: doi.start()].strip(" .")
    arxiv = re.search(r"arxiv(?:\s+preprint)?\s+(?:arxiv:|arxiv\.org/abs/)?\s*(\d{4}\.\d{4,5})", text, re.IGNORECASE)
    if arxiv:
        details.arxiv = arxiv.group(1)
        details.name = "arXiv"
        return details
    pages_only = re.search(r",\s*(\d+)\s*[-–—]+\s*(\d+)$", text)
    if pages_only:
        details.pages = f"{pages_only.group(1)}-{pages_only.group(2)}"
        details.name = text[: pages_only.start()].strip(" ,.")
        return details
    tail = re.search(r"\s*,?\s*(\d+)\s*(?:\((\w+)\))?\s*(?::\s*([\w]+(?:\s*[-–—]+\s*\w+)?))?\s*$", text)
    if tail and (tail.group(2) or tail.group(3) or re.search(r"\D", text[: tail.start()])):
        details.volume = tail.group(1)
        details.number = tail.group(2)
        details.pages = re.sub(r"\s*[-–—]+\s*", "-", tail.group(3)) if tail.group(3) else None
        text = text[: tail.start()]
    details.name = text.strip(" ,.")
    return details


def find_year(text: str) -> re.Match[str] | None:
    return _YEAR.search(text)
