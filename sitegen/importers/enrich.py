"""What a list entry adds to the record it matched: its provenance, and the facts the record lacks.

A record is never written over: an entry adds its line to `sources.lists` (one work, every
source listed), fills only fields the record leaves empty (arXiv id, DOI, links, code), gives
the published venue where the record holds only the arXiv preprint (logged as a correction with
the list and line), and keeps another form of the title under `alt_titles`. Disagreements
(another year, other authors) are the curator's: the import report lists them as new facts.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from sitegen import dedupe, normalize
from sitegen.importers.draft import _TYPE_FOR_KIND, Draft
from sitegen.identifiers import parse_arxiv, parse_doi
from sitegen.model import ListSource, Paper, Sources, paper_model
from sitegen.taxonomy import Taxonomy

FILLED = ("arxiv", "doi", "url", "pdf", "code")


def enrich(record: Paper, entry: Paper | None, draft: Draft, taxonomy: Taxonomy) -> Paper:
    """`record` with what the list entry (`entry` when it reads as a record, else `draft`) adds."""
    update: dict[str, Any] = {}
    lists = list(record.sources.lists if record.sources else [])
    added = [ListSource(**line) for line in draft.list_lines]
    lists += [line for line in added if line not in lists]
    if lists != list(record.sources.lists if record.sources else []):
        update["sources"] = (record.sources or Sources()).model_copy(update={"lists": lists})
    given = _given(entry, draft)
    for name in FILLED:
        if getattr(record, name) is None and given.get(name):
            update[name] = given[name]
    venue = entry.venue if entry is not None else None
    if venue and venue != "arxiv" and record.venue in (None, "arxiv") and taxonomy.venues[venue].kind != "preprint":
        where = ", ".join(f"{line.list} list line {line.line} (commit {line.commit[:7]})" for line in added) or draft.origin
        update["venue"] = venue
        update["type"] = _TYPE_FOR_KIND[taxonomy.venues[venue].kind]
        update["corrections"] = [*(c.model_dump() for c in record.corrections),
                                 {"field": "venue", "was": record.venue, "now": venue, "source": f"the published venue, as the {where} gives it"}]
    title = entry.title if entry is not None else draft.title
    # A form that differs only in spacing ('Generations:A More') is the list's typo, not a title.
    forms = {dedupe.title_key(t).replace(" ", "") for t in (record.title, *record.alt_titles)}
    if title and dedupe.title_key(title).replace(" ", "") not in forms:
        update["alt_titles"] = [*record.alt_titles, title]
    if not update:
        return record
    fields = {**record.model_dump(exclude_defaults=True), **{k: v.model_dump() if hasattr(v, "model_dump") else v for k, v in update.items()}}
    try:
        enriched = normalize.normalize(paper_model(taxonomy).model_validate(fields), taxonomy)
    except ValidationError:  # a link the record model refuses: the record stays as it is
        return record
    if record.document is not None:
        enriched._document = record.document
    return enriched


def _given(entry: Paper | None, draft: Draft) -> dict[str, str | None]:
    if entry is not None:
        return {name: getattr(entry, name) for name in FILLED}
    return {"arxiv": parse_arxiv(draft.arxiv) if draft.arxiv else None, "doi": parse_doi(draft.doi) if draft.doi else None,
            "url": draft.url, "pdf": draft.pdf, "code": draft.code}


def plan(matched: list, taxonomy: Taxonomy) -> list[tuple[Paper, Paper, list[tuple[int, str]]]]:
    """For each record of the collection that entries matched: the record, what it becomes, and
    per entry line what it added, or, starting with '!', why it added nothing (records the entries
    leave unchanged are left out)."""
    from sitegen.importers.accounting import titles_alike

    order: list[str] = []
    now: dict[str, Paper] = {}
    first: dict[str, Paper] = {}
    said: dict[str, list[tuple[int, str]]] = {}
    for match in matched:
        if match.record is None or match.draft is None or match.merged:
            continue
        key = match.record.id
        if key not in now:
            order.append(key)
            now[key] = first[key] = match.record
            said[key] = []
        before = now[key]
        title = match.entry.title if match.entry is not None else match.draft.title
        if title and not titles_alike(title, before):
            # Matched by an identifier, yet another title: one source links the wrong paper.
            said[key].append((match.line, f"! its title '{title}' is not the record's: one of the two links another paper's identifier (check it); nothing added"))
            continue
        after = enrich(before, match.entry, match.draft, taxonomy)
        changed = [name for name in type(before).model_fields if getattr(before, name) != getattr(after, name)]
        if changed:
            said[key].append((match.line, ", ".join(_describe(name, before, after) for name in changed)))
            now[key] = after
    return [(first[k], now[k], said[k]) for k in order if said[k]]





def _describe(name: str, before: Paper, after: Paper) -> str:
    if name == "sources":
        return "its line under sources.lists"
    if name == "corrections":
        return "a correction"
    if name == "alt_titles":
        return f"the title form '{after.alt_titles[-1]}'"
    if name == "venue":
        return f"venue {after.venue} (was {before.venue or 'none'})"
    return f"{name} {getattr(after, name)}"
