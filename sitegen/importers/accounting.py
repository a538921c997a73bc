"""Account for every entry of a list: created, matched, candidate, not a paper, or unreadable.

Drafts that have a title, authors and a year become records (validated and normalized as
`check` would); drafts without authors (or without any year) become candidates; code links
named by a paper's title add `code` to that paper. Every match with a record already in the
collection goes through `same_work`, one call site for the duplicate rules of `draft` and
`dedupe`, and is reported with why and with the facts the entry would add; the record itself is
never changed. Nothing is written here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from rapidfuzz import fuzz

from sitegen import dedupe, normalize
from sitegen.document import Document
from sitegen.importers.draft import Draft, _absorb, to_record
from sitegen.importers.listdoc import Entry
from sitegen.importers.recognise import Reading
from sitegen.keys import base_key, next_free
from sitegen.messages import problems_from
from sitegen.model import Paper, paper_model
from sitegen.sources import Candidate, CandidateSource, PaperList, lines_named
from sitegen.taxonomy import Taxonomy

FACT_FIELDS = ("venue", "arxiv", "doi", "url", "pdf", "code")


@dataclass
class Matched:
    line: int
    target: str  # 'papers/x.yaml:2', 'papers/x.yaml' (created in this run) or 'candidate at line N'
    why: str
    facts: list[str] = field(default_factory=list)
    merged: bool = False  # joined a record or candidate of this run
    record: Paper | None = None  # the record of the collection it matched, which the import enriches
    entry: Paper | None = None  # the entry as a record, when it is complete enough to be one
    draft: Draft | None = None


@dataclass
class Accounting:
    created: list[tuple[Draft, Paper]] = field(default_factory=list)
    matched: list[Matched] = field(default_factory=list)
    candidates: list[tuple[Draft, Candidate]] = field(default_factory=list)  # new candidates
    listed: list[tuple[Draft, Candidate]] = field(default_factory=list)  # already in the candidates file
    not_papers: list[tuple[int, str]] = field(default_factory=list)
    unreadable: list[tuple[int, str]] = field(default_factory=list)
    excluded: list[tuple[int, str]] = field(default_factory=list)  # line, the curator's reason (sources/lists.yaml)
    probable: list[tuple[int, str, str]] = field(default_factory=list)  # line, the record it may duplicate, why
    collisions: list[tuple[int, str, str]] = field(default_factory=list)  # line, the suffixed id, the record holding the key

    @property
    def counts(self) -> dict[str, int]:
        return {
            "created": len(self.created),
            "matched": len(self.matched),
            "candidate": len(self.candidates) + len(self.listed),
            "not a paper": len(self.not_papers),
            "unreadable": len(self.unreadable),
            "out of scope": len(self.excluded),
        }


class _Pool:
    """Records indexed for the one duplicate mechanism (`sitegen.dedupe.Index`), and by the exact
    keys (arXiv id, DOI, title) a work without authors can be found by."""

    def __init__(self, papers: list[Paper]):
        self.by_key: dict[str, list[Paper]] = defaultdict(list)
        self.index = dedupe.Index()
        self.current: dict[int, Paper] = {}  # id() of any paper added -> what it became by merges
        for paper in papers:
            self.add(paper)

    def add(self, paper: Paper) -> None:
        self.index.add(paper)
        self.current[id(paper)] = paper
        for key in self._keys(paper.arxiv, paper.doi, paper.title):
            self.by_key[key].append(paper)

    def replace(self, old: Paper, new: Paper) -> None:
        """`new` (a merge) in the place of `old`; found by the keys of both."""
        for bucket in self.by_key.values():
            for i, paper in enumerate(bucket):
                if paper is old:
                    bucket[i] = new
        for key, paper in list(self.current.items()):
            if paper is old:
                self.current[key] = new
        self.add(new)

    @staticmethod
    def _keys(arxiv: str | None, doi: str | None, title: str) -> list[str]:
        keys = [f"t:{dedupe.title_key(title)}"]
        if arxiv:
            keys.append(f"a:{arxiv}")
        if doi:
            keys.append(f"d:{doi.lower()}")
        return keys

    def shortlist(self, arxiv: str | None, doi: str | None, title: str) -> list[Paper]:
        seen: dict[int, Paper] = {}
        for key in self._keys(arxiv, doi, title):
            for paper in self.by_key.get(key, []):
                seen.setdefault(id(paper), paper)
        return list(seen.values())

    def matches(self, paper: Paper) -> list[tuple[Paper, dedupe.Match]]:
        """The papers that are `paper`'s work or probably so (dedupe's rules), most alike first, each once."""
        found: dict[int, tuple[Paper, dedupe.Match]] = {}
        for other, match in self.index.matches(paper):
            now = self.current.get(id(other), other)
            if now is not paper:
                found.setdefault(id(now), (now, match))  # type: ignore[arg-type]
        return list(found.values())


def same_work(paper: Paper | None, pool: _Pool, arxiv: str | None = None, doi: str | None = None, title: str = "") -> tuple[Paper, str] | None:
    """The one place import asks whether a work is already known, and why.

    A full record is compared by the duplicate mechanism of `check` and `add` (`sitegen.dedupe`):
    only a 'same work' verdict counts here; a work without authors (a candidate, a code link) is
    found by arXiv id, DOI or the same title.
    """
    if paper is not None:
        # One work by the rules of `check`; an identifier shared under another title is one source
        # linking the wrong paper: a probable duplicate for the curator, never a silent merge.
        return next(((other, match.reason) for other, match in pool.matches(paper)
                     if match.verdict == "same" and (match.field == "title" or titles_alike(paper.title, other))), None)
    for other in pool.shortlist(arxiv, doi, title):
        if title and not titles_alike(title, other):
            continue  # the same identifier for another title: one source links the wrong paper
        if arxiv and other.arxiv == arxiv:
            return other, f"same arXiv id {arxiv}"
        if doi and other.doi and other.doi.lower() == doi.lower():
            return other, f"same DOI {doi}"
        if title and dedupe.title_key(title) == dedupe.title_key(other.title):
            return other, "same title"
    return None


def titles_alike(title: str, record: Paper) -> bool:
    """Whether `title` is a form of the record's title (a subtitle more or less, some words other)."""
    key = dedupe.title_key(title)
    return any(fuzz.token_set_ratio(key, dedupe.title_key(t)) >= 60 for t in (record.title, *record.alt_titles))


def shared_identifier(draft: Draft, pool: "_Pool") -> list[tuple[Paper, str]]:
    """Records that hold the entry's arXiv id or DOI under another title."""
    found = []
    for other in pool.shortlist(draft.arxiv, draft.doi, ""):
        if draft.arxiv and other.arxiv == draft.arxiv:
            found.append((other, f"same arXiv id {draft.arxiv}, another title: one of the two links another paper's id"))
        elif draft.doi and other.doi and other.doi.lower() == draft.doi.lower():
            found.append((other, f"same DOI {draft.doi}, another title: one of the two links another paper's DOI"))
    return found


def new_facts(draft: Draft, paper: Paper | None, record: Paper, taxonomy: Taxonomy) -> list[str]:
    """What the entry says that the record lacks: a code link, a published venue, an identifier, a title form."""
    facts = []
    venue = paper.venue if paper is not None else (taxonomy.find_venue(draft.venue_text) if draft.venue_text else None)
    values = {"venue": venue, "arxiv": draft.arxiv, "doi": draft.doi, "url": draft.url, "pdf": draft.pdf, "code": draft.code}
    for name in FACT_FIELDS:
        value = values[name]
        current = getattr(record, name)
        if value and not current:
            facts.append(f"{name} {value}")
        elif name == "venue" and value and current == "arxiv" and value != "arxiv":
            facts.append(f"published venue {value} (the record has arxiv)")
    title = paper.title if paper is not None else draft.title
    if title and dedupe.title_key(title) != dedupe.title_key(record.title) and title not in record.alt_titles:
        facts.append(f"title form '{title}'")
    return facts


def account(readings: list[tuple[Entry, Reading]], taxonomy: Taxonomy, existing: list[Paper], listed: list[Candidate],
            source: PaperList | None, origin_name: str, scope: str = "core") -> Accounting:
    """Decide each entry's outcome; write nothing."""
    result = Accounting()
    model = paper_model(taxonomy)
    pool = _Pool(existing)
    fresh = _Pool([])
    taken = {p.id for p in existing} | {a for p in existing for a in p.aliases}
    kept: dict[int, tuple[Draft, Paper]] = {}  # id(paper) -> first draft and the record
    for entry, reading in readings:
        # A code section's line gives a record its code link, not a description of the work.
        if reading.draft is not None and source is not None and reading.kind != "code":
            reading.draft.list_lines = [{"list": source.name, "commit": source.commit, "line": entry.line}]
    excluded = source.excluded_lines if source is not None else {}
    # A record that lists an entry's line under sources.lists is that entry's work: a curator
    # decided so (a merge, a corrected author or title), whatever the entry now reads as.
    provenance = lines_named(existing)
    incomplete: list[tuple[Entry, Reading]] = []
    codes: list[tuple[Entry, Reading]] = []
    for entry, reading in readings:
        draft = reading.draft
        if reading.kind == "not-paper":
            result.not_papers.append((entry.line, reading.reason))
        elif entry.line in excluded:
            result.excluded.append((entry.line, excluded[entry.line]))
        elif reading.kind == "unreadable" or draft is None:
            result.unreadable.append((entry.line, reading.reason or "nothing could be read"))
        elif source is not None and (source.name, entry.line) in provenance and reading.kind != "code":
            record = provenance[(source.name, entry.line)]
            result.matched.append(Matched(entry.line, record.where, f"its line is under the record's sources.lists"))
        elif reading.kind == "code":
            codes.append((entry, reading))
        elif not draft.complete:
            incomplete.append((entry, reading))
        else:
            paper = _record(draft, taxonomy, model, source, scope, result)
            if paper is None:
                continue
            match = same_work(paper, pool)
            if match:
                result.matched.append(Matched(draft.line, match[0].where, match[1], new_facts(draft, paper, match[0], taxonomy), record=match[0], entry=paper, draft=draft))
                continue
            match = same_work(paper, fresh)
            if match:
                first_draft, first = kept.pop(id(match[0]))
                merged = _absorb(first, paper, draft)
                kept[id(merged)] = (first_draft, merged)
                fresh.replace(first, merged)
                result.matched.append(Matched(draft.line, f"papers/{first.id}.yaml", match[1], merged=True))
                continue
            for other, found in pool.matches(paper) + fresh.matches(paper):
                result.probable.append((draft.line, other.where, found.reason))
            kept[id(paper)] = (draft, paper)
            fresh.add(paper)
    known = _CandidatePool(listed)
    new_candidates = _CandidatePool([])
    for entry, reading in incomplete:
        draft = reading.draft
        assert draft is not None
        match = same_work(None, pool, draft.arxiv, draft.doi, draft.title)
        if match:
            result.matched.append(Matched(draft.line, match[0].where, match[1], new_facts(draft, None, match[0], taxonomy), record=match[0], draft=draft))
            continue
        match = same_work(None, fresh, draft.arxiv, draft.doi, draft.title)
        if match:
            first_draft, first = kept.pop(id(match[0]))
            merged = _absorb(first, None, draft)
            kept[id(merged)] = (first_draft, merged)
            fresh.replace(first, merged)
            why = "same title (the entry gives only a title and a link)" if match[1] == "same title" else match[1]
            result.matched.append(Matched(draft.line, f"papers/{first.id}.yaml", why, merged=True))
            continue
        try:
            candidate = to_candidate(draft, source, origin_name)
        except ValidationError as exc:  # text no record may hold (e.g. an invisible character)
            reasons = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            result.unreadable.append((draft.line, f"not a valid candidate ({reasons})"))
            continue
        old = known.find(candidate)
        if old is not None:
            result.listed.append((draft, old))
            continue
        twin = new_candidates.find(candidate)
        if twin is not None:
            result.matched.append(Matched(draft.line, f"the candidate at line {twin.source.line}", "same work", merged=True))
            continue
        new_candidates.add(candidate)
        result.candidates.append((draft, candidate))
        result.probable += [(draft.line, other.where, why) for other, why in shared_identifier(draft, pool)]
    for entry, reading in codes:
        draft = reading.draft
        assert draft is not None
        _code_link(draft, taxonomy, pool, fresh, kept, new_candidates, result)
    holders = {p.id: p for p in existing}  # `where` only for a collision: it locates the id in the file's YAML
    for draft, paper in kept.values():
        new_id = next_free(paper.id, taken)
        taken.add(new_id)
        if new_id != paper.id:  # the strongest hint of a duplicate: always said
            holder = holders[paper.id].where if paper.id in holders else f"papers/{paper.id}.yaml"
            result.collisions.append((draft.line, new_id, holder))
        result.created.append((draft, paper.model_copy(update={"id": new_id})))
    result.created.sort(key=lambda pair: pair[0].line)
    result.candidates = [(d, new_candidates.current(c)) for d, c in result.candidates]
    return result


def _record(draft: Draft, taxonomy: Taxonomy, model: type[Paper], source: PaperList | None, scope: str, result: Accounting) -> Paper | None:
    made = draft_record(draft, taxonomy, source, scope, model)
    if isinstance(made, str):
        result.unreadable.append((draft.line, made))
        return None
    return made


def suggest_labels(draft: Draft, taxonomy: Taxonomy, source: PaperList | None) -> dict[str, list[str]]:
    """The labels the list's headings above the entry suggest (the record's `labels_by` says so)."""
    labels = source.suggested_labels(draft.section, taxonomy) if source is not None and draft.section else {}
    return labels


def draft_record(draft: Draft, taxonomy: Taxonomy, source: PaperList | None, scope: str = "core",
                 model: type[Paper] | None = None) -> Paper | str:
    """The draft as a normalized record with the list's label suggestions (id from its key), or why it cannot be one."""
    model = model or paper_model(taxonomy)
    labels = suggest_labels(draft, taxonomy, source)
    fields = to_record(draft, taxonomy, scope, labels)
    if labels and source is not None:  # suggestions, not yet reviewed: the record and its page say so
        fields["labels_by"] = {"by": "list-heading", "list": source.name, "heading": draft.section}
    fields["id"] = base_key(draft.authors[0], draft.year or 0, draft.title)
    try:
        return normalize.normalize(model.model_validate(fields), taxonomy)
    except ValidationError as exc:
        return "; ".join(p.message for p in problems_from(exc, Document(draft.origin, fields), model, taxonomy))


def _code_link(draft: Draft, taxonomy: Taxonomy, pool: _Pool, fresh: _Pool, kept: dict[int, tuple[Draft, Paper]],
               candidates: "_CandidatePool", result: Accounting) -> None:
    """A code link named by a paper's title: `code` for the paper of this run, a fact for an existing record."""
    match = same_work(None, fresh, title=draft.title)
    if match:
        first_draft, first = kept.pop(id(match[0]))
        merged = first if first.code else first.model_copy(update={"code": draft.code})
        kept[id(merged)] = (first_draft, merged)
        fresh.replace(first, merged)
        result.matched.append(Matched(draft.line, f"papers/{first.id}.yaml", "code link for the same title", merged=True))
        return
    match = same_work(None, pool, title=draft.title)
    if match:
        facts = [f"code {draft.code}"] if draft.code and not match[0].code else []
        result.matched.append(Matched(draft.line, match[0].where, "code link for the same title", facts, record=match[0], draft=draft))
        return
    twin = candidates.find_title(draft.title)
    if twin is not None:
        candidates.update(twin, code=twin.code or draft.code)
        result.matched.append(Matched(draft.line, f"the candidate at line {twin.source.line}", "code link for the same title", merged=True))
        return
    result.not_papers.append((draft.line, "a code repository; no paper of the list or the collection has this title"))


def to_candidate(draft: Draft, source: PaperList | None, origin_name: str) -> Candidate:
    missing = [name for name, value in (("authors", draft.authors), ("year", draft.year)) if not value]
    fields: dict[str, Any] = {
        "title": draft.title,
        "year": draft.year,
        "authors": draft.authors,
        "et_al": draft.et_al,
        "arxiv": draft.arxiv,
        "doi": draft.doi,
        "url": draft.url,
        "pdf": draft.pdf,
        "code": draft.code,
        "venue": draft.venue_text or None,
        "section": draft.section or None,
        "source": CandidateSource(list=source.name if source else origin_name, commit=source.commit if source else None, line=draft.line),
        "missing": missing,
    }
    return Candidate(**{k: v for k, v in fields.items() if v not in (None, [], False)})


class _CandidatePool:
    """Candidates indexed by arXiv id and title key."""

    def __init__(self, candidates: list[Candidate]):
        self.items: list[Candidate] = []
        self.keys: dict[str, Candidate] = {}
        for candidate in candidates:
            self.add(candidate)

    def add(self, candidate: Candidate) -> None:
        self.items.append(candidate)
        for key in self._keys(candidate):
            self.keys.setdefault(key, candidate)

    @staticmethod
    def _keys(candidate: Candidate) -> list[str]:
        keys = [f"t:{dedupe.title_key(candidate.title)}"]
        return keys + ([f"a:{candidate.arxiv}"] if candidate.arxiv else [])

    def find(self, candidate: Candidate) -> Candidate | None:
        return next((self.keys[k] for k in reversed(self._keys(candidate)) if k in self.keys), None)

    def find_title(self, title: str) -> Candidate | None:
        return self.keys.get(f"t:{dedupe.title_key(title)}")

    def update(self, candidate: Candidate, **changes: Any) -> None:
        new = candidate.model_copy(update=changes)
        self.items = [new if c is candidate else c for c in self.items]
        self.keys = {k: (new if c is candidate else c) for k, c in self.keys.items()}

    def current(self, candidate: Candidate) -> Candidate:
        """The candidate as it is now (a later code link may have updated it)."""
        return next((c for c in self.items if c.source == candidate.source), candidate)
