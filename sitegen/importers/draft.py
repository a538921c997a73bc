"""Drafts: what an importer read about one work, on the way to becoming a record.

Every importer (Markdown list, BibTeX, arXiv, Crossref) fills a `Draft`; this module turns
drafts into records through the same model and normalization as `check`, merges drafts that
are one work, refuses drafts that match a record already in the collection, and gives each new
record its id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from pydantic import ValidationError
from rapidfuzz import fuzz

from sitegen import dedupe, normalize
from sitegen.document import Document
from sitegen.identifiers import parse_arxiv, parse_doi
from sitegen.keys import base_key, family_part, next_free
from sitegen.messages import problems_from
from sitegen.model import ListSource, Paper, Sources, paper_model
from sitegen.taxonomy import Taxonomy

_TYPE_FOR_KIND = {
    "conference": "inproceedings",
    "workshop": "inproceedings",
    "journal": "article",
    "preprint": "misc",
    "book": "book",
    "report": "techreport",
}


@dataclass
class Draft:
    """One work as a source describes it. `origin` says where, e.g. 'seed.md:12'."""

    origin: str
    line: int = 0
    title: str = ""
    alt_titles: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    et_al: bool = False
    year: int | None = None
    venue_text: str = ""
    volume: str | None = None
    number: str | None = None
    pages: str | None = None
    publisher: str | None = None
    institution: str | None = None
    type: str | None = None
    arxiv: str | None = None
    doi: str | None = None
    url: str | None = None
    pdf: str | None = None
    code: str | None = None
    seed_lines: list[int] = field(default_factory=list)
    list_lines: list[dict[str, Any]] = field(default_factory=list)  # sources.lists entries: list, commit, line
    section: str = ""  # the list's headings above the entry
    doubts: list[str] = field(default_factory=list)
    corrections: list[dict[str, Any]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.title and self.authors and self.year)


def sort_link(draft: Draft, link: str) -> None:
    """Put a link where it belongs: an arXiv id, a DOI, the PDF, or the landing page."""
    arxiv = parse_arxiv(link)
    if arxiv:
        draft.arxiv = draft.arxiv or arxiv
        if "/pdf/" in link or link.endswith(".pdf"):
            draft.pdf = draft.pdf or link
        return
    doi = re.search(r"(?:doi\.org/|/doi/(?:abs/|full/|pdf/)?)(10\.\d{4,9}/[^?#\s]+)", link)
    if doi:
        draft.doi = draft.doi or doi.group(1)
    # PDF links: a .pdf file, arXiv/OpenReview/NeurIPS file links, IEEE's stamp viewer, and
    # an OJS galley ('article/view/<article>/<galley>').
    is_pdf = bool(re.search(r"(\.pdf$|\.PDF$|/pdf[/?]|/file/|stamp\.jsp|attachment\?|\.pdf[;?]|/article/view/\d+/\d+$)", link))
    if is_pdf:
        draft.pdf = draft.pdf or link
    else:
        draft.url = draft.url or link


def to_record(draft: Draft, taxonomy: Taxonomy, scope: str = "core", labels: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The record fields for `draft` (without an id yet)."""
    venue = taxonomy.find_venue(draft.venue_text) if draft.venue_text else None
    doubts = list(draft.doubts)
    if draft.venue_text and venue is None:
        doubts.append(f"venue '{draft.venue_text}' given by the source is not in the registry")
    if venue is None and not draft.venue_text and draft.arxiv:
        venue = "arxiv"
    kind = taxonomy.venues[venue].kind if venue else None
    record: dict[str, Any] = {
        "title": draft.title,
        "alt_titles": [t for t in draft.alt_titles if t != draft.title],
        "authors": draft.authors,
        "et_al": draft.et_al,
        "year": draft.year,
        "venue": venue,
        "type": draft.type or (_TYPE_FOR_KIND[kind] if kind else "misc"),
        "volume": draft.volume,
        "number": draft.number,
        "pages": draft.pages,
        "publisher": draft.publisher,
        "institution": draft.institution,
        "arxiv": draft.arxiv,
        "doi": parse_doi(draft.doi) if draft.doi else None,
        "url": draft.url,
        "pdf": draft.pdf,
        "code": draft.code,
        "scope": scope,
        "taxonomy": labels or {},
        "sources": _sources(draft),
        "corrections": draft.corrections,
        "doubts": doubts,
    }
    return {k: v for k, v in record.items() if v not in (None, [], {}, False)}


def _sources(draft: Draft) -> dict[str, Any] | None:
    sources: dict[str, Any] = {}
    if draft.seed_lines:
        sources["seed"] = sorted(draft.seed_lines)
    if draft.list_lines:
        sources["lists"] = draft.list_lines
    return sources or None


@dataclass
class Outcome:
    """What importing a list of drafts did, for the report."""

    created: list[tuple[Draft, Paper]] = field(default_factory=list)
    merged: list[tuple[Draft, str, str]] = field(default_factory=list)  # draft, into id, why
    existing: list[tuple[Draft, str, str]] = field(default_factory=list)  # draft, record path, why
    invalid: list[tuple[Draft, list[str]]] = field(default_factory=list)


def build(drafts: list[Draft], taxonomy: Taxonomy, existing: list[Paper], scope: str = "core",
          labels: dict[str, list[str]] | None = None) -> Outcome:
    """Turn drafts into new records: validated, normalized, merged, checked against `existing`."""
    outcome = Outcome()
    model = paper_model(taxonomy)
    taken = {p.id for p in existing} | {a for p in existing for a in p.aliases}
    candidates: list[tuple[Draft, Paper]] = []
    for draft in drafts:
        if not draft.complete:
            continue
        fields = to_record(draft, taxonomy, scope, labels)
        fields["id"] = base_key(draft.authors[0], draft.year or 0, draft.title)
        try:
            paper = normalize.normalize(model.model_validate(fields), taxonomy)
        except ValidationError as exc:
            doc = Document(draft.origin, fields)
            outcome.invalid.append((draft, [p.message for p in problems_from(exc, doc, model, taxonomy)]))
            continue
        candidates.append((draft, paper))
    # A draft that matches a record already in the collection is reported, never written over.
    fresh: list[tuple[Draft, Paper]] = []
    for draft, paper in candidates:
        match = _same_work(paper, existing)
        if match:
            outcome.existing.append((draft, match[0].where, match[1]))
        else:
            fresh.append((draft, paper))
    # Drafts that are one work become one record: the first keeps it, the others add to it.
    kept: list[tuple[Draft, Paper]] = []
    for draft, paper in fresh:
        match = _same_work(paper, [p for _, p in kept])
        if match is None:
            kept.append((draft, paper))
            continue
        index = next(i for i, (_, p) in enumerate(kept) if p is match[0])
        first_draft, first = kept[index]
        kept[index] = (first_draft, _absorb(first, paper, draft))
        outcome.merged.append((draft, first.id, match[1]))
    # Title-only entries (a link and a title, nothing else) join the work whose title they give.
    for draft in drafts:
        if draft.complete or not draft.title:
            continue
        key = dedupe.title_key(draft.title)
        targets = [p for _, p in kept if dedupe.title_key(p.title) == key] or [p for p in existing if dedupe.title_key(p.title) == key]
        if not targets:
            outcome.invalid.append((draft, ["no authors or year, and no other entry has this title"]))
            continue
        target = targets[0]
        if target in existing:
            outcome.existing.append((draft, target.where, "same title"))
            continue
        index = next(i for i, (_, p) in enumerate(kept) if p is target)
        first_draft, first = kept[index]
        kept[index] = (first_draft, _absorb(first, None, draft))
        outcome.merged.append((draft, first.id, "same title (the entry gives only a title and a link)"))
    for draft, paper in kept:
        new_id = next_free(paper.id, taken)
        taken.add(new_id)
        outcome.created.append((draft, paper.model_copy(update={"id": new_id})))
    return outcome


def _same_work(paper: Paper, others: list[Paper]) -> tuple[Paper, str] | None:
    """The first of `others` that is the same work as `paper`, and why.

    Stricter than the duplicate warnings of `check`: a shared arXiv id, DOI, or the same title
    with the same first author and year. Look-alikes with another year stay apart.
    """
    key = dedupe.title_key(paper.title)
    family = family_part(paper.authors[0])
    for other in others:
        if paper.arxiv and paper.arxiv == other.arxiv:
            return other, f"same arXiv id {paper.arxiv}"
        if paper.doi and other.doi and paper.doi.lower() == other.doi.lower():
            return other, f"same DOI {paper.doi}"
        if key == dedupe.title_key(other.title) and paper.year == other.year and family == family_part(other.authors[0]):
            return other, "same title, first author and year"
    return None


def existing_matches(paper: Paper, existing: Iterable[Paper]) -> list[tuple[Paper, str]]:
    """The records of `existing` that `check` would flag as probable duplicates of `paper`, each with why.

    The rules are dedupe's own (same arXiv id or DOI, the same title, or near-identical titles
    with the same first author and year; pairs listed under distinct_from stay apart), so `add`
    refuses exactly what `check` would warn about. Ids and DOIs are compared in canonical form,
    so an arXiv version or a DOI's case makes no difference; titles without case, accents or
    punctuation, and a title match says how similar the titles are. `paper` needs an id of
    its own (see keys.next_free).
    """
    existing = list(existing)
    by_id = {p.id: p for p in existing}
    found = []
    for match in dedupe.find_matches([paper, *existing]):
        if paper.id not in (match.a, match.b):
            continue
        other = by_id[match.b if match.a == paper.id else match.a]
        why = match.reason
        if match.field == "title" and "%" not in why:
            score = fuzz.ratio(dedupe.title_key(paper.title), dedupe.title_key(other.title))
            why = f"{why}: {score:.0f}% similar, ignoring case, accents and punctuation"
        found.append((other, why))
    return found


def _absorb(first: Paper, other: Paper | None, draft: Draft) -> Paper:
    """`first` with what `other` (from `draft`) adds: its seed lines, missing fields, its title form."""
    update: dict[str, Any] = {}
    seed = sorted(set((first.sources.seed if first.sources else []) + draft.seed_lines))
    lists = list(first.sources.lists if first.sources else [])
    lists += [ListSource(**line) for line in draft.list_lines if ListSource(**line) not in lists]
    if first.sources is not None or seed or lists:
        base = first.sources or Sources()
        update["sources"] = base.model_copy(update={"seed": seed, "lists": lists})
    if other is not None:
        for name in ("venue", "volume", "number", "pages", "arxiv", "doi", "url", "pdf", "code"):
            if getattr(first, name) is None and getattr(other, name) is not None:
                update[name] = getattr(other, name)
                if name == "venue":
                    update["type"] = other.type
        if dedupe.title_key(other.title) != dedupe.title_key(first.title) and other.title not in first.alt_titles:
            update["alt_titles"] = first.alt_titles + [other.title]
        update["doubts"] = first.doubts + [d for d in other.doubts if d not in first.doubts]
    return first.model_copy(update=update)
