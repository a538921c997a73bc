"""Read a Markdown paper list into drafts: the seed's reference forms, and the general importer.

Structure comes from markdown-it-py (`listdoc`): headings, list items, paragraphs, table rows,
reference-style links. Each entry is then read by one of two recognisers:
- the seed's own reference forms, matched as before (the seed test pins them):
    linked      ``12. [Title](link). Authors (Year). Venue.``  (also ``- [Title](link) ...``)
    title only  ``69. [Title](link)``  (the same work is described elsewhere in the list)
    plain       ``Authors (Year). Title. In: Venue.``  (a reference without a link)
- every other form, by `recognise` (titles, author lists, years, venues and links wherever they
  stand in the entry, table rows by their header names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sitegen.importers.draft import Draft, sort_link
from sitegen.importers.listdoc import Entry, ListDocument, read_structure
from sitegen.importers.recognise import Reading, Recogniser
from sitegen.importers.references import find_year, parse_authors, parse_venue
from sitegen.taxonomy import Taxonomy

Form = Literal["linked", "title-only", "plain"]  # the seed's forms; other entries are named by `recognise`

_LIST_ITEM = re.compile(r"^\s*(?:\d+\.|[-*+])\s*(?=\S)")
_LINKED = re.compile(r"^\s*(?:\d+\.|[-*+])\s*\[(?P<title>.+?)\]\((?P<link>[^)\s]+)\)\s*\.?\s*(?P<rest>.*)$")
_AUTHOR_START = re.compile(r"^(?:\d+\.\s+)?[A-Z][\w'\-]+(?:\s[A-Z][\w'\-]+)*,\s?[A-Z]")


@dataclass
class Skipped:
    line: int
    reason: str


def split_entries(text: str) -> tuple[list[Entry], list[Skipped]]:
    """The entries of a list that may be papers (in file order), and those that cannot be read."""
    parsed = read_list(text, "list.md")
    return parsed.entries, parsed.unreadable


def _is_complete(text: str) -> bool:
    """Whether a plain reference has its year and something after it."""
    year = find_year(text)
    return year is not None and bool(text[year.end():].strip(" ."))


def form_of(entry: Entry) -> Form | None:
    """The seed form the entry is written in, or None for the general recogniser."""
    if entry.kind not in ("item", "paragraph"):
        return None
    match = _LINKED.match(entry.text)
    if match:
        rest = match.group("rest").strip()
        if find_year(rest):
            return "linked"
        link = match.group("link")
        seed_like = link.startswith("http") and not re.search(r"github\.com|gitlab\.com", link)  # code and anchors are no papers
        return "title-only" if not rest.strip(" .") and seed_like else None
    body = re.sub(r"^\d+\.\s*", "", entry.text)
    year = find_year(body)
    if year and _AUTHOR_START.match(body) and _is_complete(body):
        return "plain"
    return None


def parse_entry(entry: Entry, origin: str, record_lines: bool = False) -> Draft | str:
    """A draft for the entry, or the reason it cannot be read.

    With `record_lines` the entry's line goes to the record's `sources.seed` (for the seed list).
    """
    draft = Draft(origin=f"{origin}:{entry.line}", line=entry.line, seed_lines=[entry.line] if record_lines else [])
    linked = _LINKED.match(entry.text)
    if linked:
        draft.title = _clean_title(linked.group("title"))
        sort_link(draft, linked.group("link"))
        rest = linked.group("rest").strip()
        if not find_year(rest):
            return draft if draft.title else "no title"
        authors_text, year, after = _split_at_year(rest)
        venue_text = after
    else:
        body = re.sub(r"^\d+\.\s*", "", entry.text)
        year_match = find_year(body)
        if year_match is None:
            return "no year in parentheses, e.g. (2019)"
        authors_text, year, after = _split_at_year(body)
        title, venue_text = _split_title_venue(after)
        if not title:
            return "no title after the year"
        draft.title = _clean_title(title)
    draft.year = year
    authors = parse_authors(authors_text)
    if not authors.names:
        return "no authors before the year"
    draft.authors, draft.et_al = authors.names, authors.et_al
    if authors.repairs:
        draft.corrections.append({
            "field": "authors", "was": " ".join(authors_text.split()), "now": authors.names,
            "source": f"{origin} line {entry.line}; importer: " + "; ".join(authors.repairs),
        })
    for name in authors.names:
        if "," not in name:
            draft.doubts.append(f"author '{name}' has no given name in the source")
    _apply_venue(draft, venue_text)
    return draft


def _split_at_year(text: str) -> tuple[str, int, str]:
    match = find_year(text)
    assert match is not None
    after = text[match.end():].strip()
    after = re.sub(r"^[.\s]+", "", after)
    return text[: match.start()].strip(), int(match.group("year")), after


def _split_title_venue(text: str) -> tuple[str, str]:
    """'Title. In: Venue.' or 'Title. arXiv preprint arXiv:x' or 'Title. Journal 7: 1-2.'"""
    text = text.strip()
    inside = re.search(r"\.?\s+In:?\s+(?=[A-Z])", text)
    if inside:
        return text[: inside.start()].strip(" ."), text[inside.end():]
    preprint = re.search(r"\.?\s+arXiv preprint", text, re.IGNORECASE)
    if preprint:
        return text[: preprint.start()].strip(" ."), text[preprint.start():].strip(" .")
    cut = text.rstrip(" .").rfind(". ")
    if cut == -1:
        return text.strip(" ."), ""
    return text[:cut].strip(), text[cut + 2:]


def _apply_venue(draft: Draft, venue_text: str) -> None:
    venue_text = venue_text.strip()
    if draft.title and venue_text.lower().startswith(draft.title.lower()):
        venue_text = venue_text[len(draft.title):].lstrip(" .")  # the title repeated before the venue
    if ". " in venue_text.strip(" ."):
        dropped, venue_text = venue_text.strip(" .").rsplit(". ", 1)
        draft.doubts.append(f"text '{dropped}' before the venue was dropped")
    details = parse_venue(venue_text)
    draft.venue_text = details.name
    draft.volume, draft.number, draft.pages = details.volume, details.number, details.pages
    if details.arxiv:
        draft.arxiv = draft.arxiv or details.arxiv
    if details.doi:
        draft.doi = draft.doi or details.doi


def _clean_title(title: str) -> str:
    return " ".join(title.split()).strip(" .")


@dataclass
class Parsed:
    drafts: list[Draft]  # papers, complete or not (a draft without authors becomes a candidate)
    entries: list[Entry]  # entries that may be papers: every one but the not-papers
    forms: dict[int, str]  # entry line -> how it is written
    unreadable: list[Skipped]
    readings: list[tuple[Entry, Reading]] = field(default_factory=list)  # every entry, with what it is

    @property
    def not_papers(self) -> list[tuple[Entry, Reading]]:
        return [(e, r) for e, r in self.readings if r.kind == "not-paper"]

    @property
    def code_links(self) -> list[tuple[Entry, Reading]]:
        return [(e, r) for e, r in self.readings if r.kind == "code"]


def read_list(text: str, origin: str, record_lines: bool = False, taxonomy: Taxonomy | None = None) -> Parsed:
    """Every entry of the Markdown list `text`, read."""
    document: ListDocument = read_structure(text)
    recogniser = Recogniser(taxonomy, document, origin)
    parsed = Parsed([], [], {}, [])
    for entry in document.entries:
        form = form_of(entry)
        if form is not None:
            result = parse_entry(entry, origin, record_lines)
            reading = Reading("unreadable", reason=result, form=form) if isinstance(result, str) else Reading("paper", result, form=form)
        else:
            reading = recogniser.read(entry)
        if reading.draft is not None:
            reading.draft.section = entry.section_path
        parsed.readings.append((entry, reading))
    _code_sections(parsed.readings)
    for entry, reading in parsed.readings:
        if reading.kind == "not-paper":
            continue
        parsed.entries.append(entry)
        parsed.forms[entry.line] = reading.form
        if reading.kind == "unreadable":
            parsed.unreadable.append(Skipped(entry.line, reading.reason))
        elif reading.kind == "paper" and reading.draft is not None:
            parsed.drafts.append(reading.draft)
    return parsed


def _code_sections(readings: list[tuple[Entry, Reading]]) -> None:
    """In a section that links code to papers by title (most entries a code link and nothing else,
    as dkozlov's 'PyTorch'), a title with another link is a code link too, not a paper."""
    by_section: dict[str, list[Reading]] = {}
    for entry, reading in readings:
        if reading.kind in ("paper", "code"):
            by_section.setdefault(entry.section_path, []).append(reading)
    for section, found in by_section.items():
        if len(found) < 3 or sum(r.kind == "code" for r in found) < 0.6 * len(found):
            continue
        for reading in found:
            draft = reading.draft
            if reading.kind == "paper" and draft is not None and not draft.authors and not draft.year and not draft.arxiv:
                draft.code = draft.code or draft.url or draft.pdf
                draft.url = draft.pdf = None
                reading.kind, reading.form = "code", "code link"


def read_markdown(path: Path, record_lines: bool = False, taxonomy: Taxonomy | None = None) -> Parsed:
    return read_list(path.read_text(encoding="utf-8"), path.name, record_lines, taxonomy)
