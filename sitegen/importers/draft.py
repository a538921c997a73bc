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

from sitegen import dedupe, normalize
from sitegen.document import Document
from sitegen.identifiers import parse_arxiv, parse_doi
from sitegen.keys import base_key, next_free
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
    alt_titles: list[str] = field(default_factory=list)  # other forms of the title the source gives
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
    venue, venue_doubt = taxonomy.match_venue(draft.venue_text) if draft.venue_text else (None, None)
    doubts = list(draft.doubts)
    if draft.venue_text and venue is None:
        doubts.append(venue_doubt or f"venue '{draft.venue_text}' given by the source is not in the registry")
    if venue is None and not draft.venue_text and draft.arxiv:
        venue = "arxiv"
    kind = taxonomy.venues[venue].kind if venue else None
    key = dedupe.title_key(draft.title)
    alt_titles = [t for i, t in enumerate(draft.alt_titles)
                  if dedupe.title_key(t) != key and dedupe.title_key(t) not in map(dedupe.title_key, draft.alt_titles[:i])]
    record: dict[str, Any] = {
        "title": draft.title,
        "alt_titles": alt_titles,
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
    # A created record that probably duplicates another (existing or created): draft, its id, the other, why.
    probable: list[tuple[Draft, str, str, str]] = field(default_factory=list)
    # A created record whose key was taken, so it got '-N': draft, its id, the record that holds the key.
    collisions: list[tuple[Draft, str, str]] = field(default_factory=list)


def build(drafts: list[Draft], taxonomy: Taxonomy, existing: list[Paper], scope: str = "core",
          labels: dict[str, list[str]] | None = None) -> Outcome:
    """Turn drafts into new records: validated, normalized, merged, checked against `existing`.

    One mechanism decides, whatever the order of the drafts: `sitegen.dedupe`. A draft that is
    the same work as a record of the collection is reported and never written over; as another
    draft, it is merged into that draft's record; a probable duplicate becomes a record of its
    own, reported with the record it resembles.
    """
    outcome = Outcome()
    model = paper_model(taxonomy)
    taken = {p.id for p in existing} | {a for p in existing for a in p.aliases}
    index = dedupe.Index(existing)
    existing_ids = {id(p) for p in existing}
    kept: list[tuple[Draft, Paper]] = []
    slot_of: dict[int, int] = {}  # an indexed draft record (by identity) -> its place in `kept`
    probable: list[tuple[int, Paper, str]] = []  # kept slot, the record it resembles, why
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
        found = index.matches(paper)
        same = [(other, m) for other, m in found if m.verdict == "same"]
        if same:
            other, match = same[0]
            if id(other) in existing_ids:
                # A draft that matches a record already in the collection is reported, never written over.
                outcome.existing.append((draft, other.where, match.reason))
            else:
                slot = slot_of[id(other)]
                first_draft, first = kept[slot]
                merged = _absorb(first, paper, draft)
                kept[slot] = (first_draft, merged)
                index.add(merged)  # its new title forms find later drafts too
                slot_of[id(merged)] = slot
                outcome.merged.append((draft, first.id, match.reason))
            continue
        slot = len(kept)
        kept.append((draft, paper))
        index.add(paper)
        slot_of[id(paper)] = slot
        for other, match in found:
            probable.append((slot, other, match.reason))
    # Title-only entries (a link and a title, nothing else) join the work whose title they give.
    for draft in drafts:
        if draft.complete or not draft.title:
            continue
        key = dedupe.title_key(draft.title)
        targets = [i for i, (_, p) in enumerate(kept) if key in (dedupe.title_key(t) for t in (p.title, *p.alt_titles))]
        if targets:
            first_draft, first = kept[targets[0]]
            kept[targets[0]] = (first_draft, _absorb(first, None, draft))
            outcome.merged.append((draft, first.id, "same title (the entry gives only a title and a link)"))
            continue
        in_collection = [p for p in existing if key in (dedupe.title_key(t) for t in (p.title, *p.alt_titles))]
        if in_collection:
            outcome.existing.append((draft, in_collection[0].where, "same title"))
        else:
            outcome.invalid.append((draft, ["no authors or year, and no other entry has this title"]))
    # Ids last, in the order of the drafts: existing ids never change, a taken key gets '-N'.
    holder = {p.id: p.where for p in existing}
    for draft, paper in kept:
        new_id = next_free(paper.id, taken)
        taken.add(new_id)
        outcome.created.append((draft, paper.model_copy(update={"id": new_id})))
        if new_id != paper.id:
            outcome.collisions.append((draft, new_id, holder.get(paper.id, f"papers/{paper.id}.yaml")))
        holder.setdefault(new_id, f"papers/{new_id}.yaml")
    reported: set[tuple[int, str]] = set()
    for slot, other, why in probable:
        draft, record = outcome.created[slot]
        target = slot_of.get(id(other))
        where = other.where if target is None else f"papers/{outcome.created[target][1].id}.yaml"
        if target != slot and (slot, where) not in reported:
            reported.add((slot, where))
            outcome.probable.append((draft, record.id, where, why))
    return outcome


def existing_matches(paper: Paper, existing: Iterable[Paper]) -> list[tuple[Paper, str]]:
    """The records of `existing` that are `paper`'s work or probably so, each with why.

    The same mechanism as `check` (`sitegen.dedupe`), so `add` refuses exactly what `check`
    would warn about; pairs listed under distinct_from stay apart.
    """
    found = dedupe.matches_of(paper, list(existing))
    return [(other, match.reason if match.verdict == "same" else f"probable duplicate: {match.reason}") for other, match in found]  # type: ignore[misc]


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
        known = {dedupe.title_key(t) for t in (first.title, *first.alt_titles)}
        alt_titles = list(first.alt_titles)
        for title in (other.title, *other.alt_titles):
            if dedupe.title_key(title) not in known:
                known.add(dedupe.title_key(title))
                alt_titles.append(title)
        if alt_titles != first.alt_titles:
            update["alt_titles"] = alt_titles
        update["doubts"] = first.doubts + [d for d in other.doubts if d not in first.doubts]
    return first.model_copy(update=update)
