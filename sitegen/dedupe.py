"""Find duplicates: one mechanism for `import`, `add` and `check`; it proposes and explains, never drops.

Candidate pairs come from blocks, so the work grows with the collection, not with its square:
records that share an arXiv id, a DOI, a folded title (any of their title forms) or an id up to
its collision suffix ('he2020group' and 'he2020group-2'); and records within a year of each
other whose titles share a rare word or a rare pair of neighbouring words, whatever their
authors. A block that holds more than `BLOCK_LIMIT` records in one year is a word that nearly
every title has ('knowledge distillation') and says nothing; it is skipped.

Each candidate pair is scored by `sitegen.similarity`: 'same' (one work: the importers merge it
or report it as already in the collection, `add` refuses it), 'probable' (a warning, for a
curator to decide), or apart. A pair that the records list under `distinct_from` stays apart.

Entry points: `Index` (records indexed once, then asked about one record at a time, as the
importers and `add` do), `find_matches` (every pair in a collection, as `check` does), `group`
and `problems` (warnings for `check`).
"""

from __future__ import annotations

import gc
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from rapidfuzz import fuzz, process

from sitegen.errors import Problem
from sitegen.fold import title_key

from sitegen.similarity import CANDIDATE_FLOOR, COLLISION_SUFFIX, Comparable, Profile, Verdict, compare, might_match

__all__ = ["Match", "Group", "Index", "find_matches", "matches_of", "group", "problems", "describe", "title_key"]

BLOCK_LIMIT = 20


@dataclass(frozen=True)
class Match:
    """Records `a` and `b` (ids, a < b) are one work or probably so, and why."""

    a: str
    b: str
    reason: str
    field: str  # where in the record the evidence is
    verdict: Verdict = "probable"
    score: float = 0.0


@dataclass
class Group:
    ids: list[str]
    matches: list[Match] = field(default_factory=list)


def _base(record_id: str) -> str:
    return COLLISION_SUFFIX.sub("", record_id)


def _exact_keys(record: Comparable, profile: Profile) -> list[str]:
    keys = [f"title:{form}" for form in profile.forms]
    if record.arxiv:
        keys.append(f"arxiv:{record.arxiv}")
    if record.doi:
        keys.append(f"doi:{record.doi.lower()}")
    keys.append(f"id:{_base(record.id)}")
    return keys


class Index:
    """Records indexed by their blocking keys, to find the records a given one may duplicate."""

    def __init__(self, records: Iterable[Comparable] = (), words_for: Callable[[Comparable], bool] | None = None):
        self.records: list[Comparable] = []
        self.profiles: list[Profile] = []
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._words: dict[tuple[str, int], list[int]] = defaultdict(list)
        for record in records:
            self.add(record, words=words_for is None or words_for(record))

    def add(self, record: Comparable, words: bool = True) -> None:
        n = len(self.records)
        profile = Profile(record)
        self.records.append(record)
        self.profiles.append(profile)
        for key in _exact_keys(record, profile):
            self._exact[key].append(n)
        if words:
            for word in profile.blocks:
                self._words[(word, record.year)].append(n)

    def _candidates(self, record: Comparable, profile: Profile) -> set[int]:
        found: set[int] = set()
        for key in _exact_keys(record, profile):
            found.update(self._exact.get(key, ()))
        for word in profile.blocks:
            for year in (record.year - 1, record.year, record.year + 1):
                block = self._words.get((word, year), ())
                if len(block) <= BLOCK_LIMIT:
                    found.update(block)
        return found

    def matches(self, record: Comparable) -> list[tuple[Comparable, Match]]:
        """The indexed records that are `record`'s work or probably so, each with the match, most
        alike first. `record` may share its id with an indexed record (a draft whose key is taken)."""
        profile = Profile(record)
        found = []
        for n in sorted(self._candidates(record, profile)):
            other = self.records[n]
            if other is record:
                continue
            match = _match(record, profile, other, self.profiles[n])
            if match is not None:
                found.append((other, match))
        found.sort(key=lambda item: (-item[1].score, item[0].id))
        return found


def _explained(a: Comparable, b: Comparable) -> bool:
    return b.id in getattr(a, "distinct_from", ()) or a.id in getattr(b, "distinct_from", ())


def _match(a: Comparable, pa: Profile, b: Comparable, pb: Profile) -> Match | None:
    if _explained(a, b):
        return None
    collision = _base(a.id) == _base(b.id)
    evidence = compare(pa, pb, collision)
    if evidence.verdict is None:
        return None
    x, y = (a.id, b.id) if a.id <= b.id else (b.id, a.id)
    return Match(x, y, evidence.reason, evidence.field, evidence.verdict, round(evidence.score, 1))


def find_matches(records: Iterable[Comparable], focus: set[str] | None = None) -> list[Match]:
    """Every pair of `records` that is one work or probably so; with `focus` (ids), only pairs
    with at least one record in it, as `check` of a few files needs."""
    enabled = gc.isenabled()
    gc.disable()  # many small objects, no cycles: the cyclic collector would only walk the heap again and again
    try:
        return _find_matches(records, focus)
    finally:
        if enabled:
            gc.enable()


def _find_matches(records: Iterable[Comparable], focus: set[str] | None) -> list[Match]:
    records = sorted(records, key=lambda r: r.id)
    if focus is not None:
        # Only pairs with a focused record: others are indexed by their exact keys, and by their
        # title words only when a focused record is within a year of them.
        years = {y + d for r in records if r.id in focus for y in (r.year,) for d in (-1, 0, 1)}
        index = Index(records, words_for=lambda r: r.id in focus or r.year in years)
    else:
        index = Index(records)
    in_focus = [focus is None or r.id in focus for r in index.records]
    matches = []
    for i, (record, profile) in enumerate(zip(index.records, index.profiles)):
        if not in_focus[i]:
            continue
        pairs: set[int] = set()
        for key in _exact_keys(record, profile):
            pairs.update(index._exact[key])
        near: set[int] = set()
        for word in profile.blocks:
            for year in (record.year - 1, record.year, record.year + 1):
                block = index._words.get((word, year), ())
                if len(block) <= BLOCK_LIMIT:
                    near.update(block)
        # Each pair once: from its first record, or from the one in focus.
        pairs = {j for j in pairs if j > i or not in_focus[j]}
        near = {j for j in near if (j > i or not in_focus[j]) and j not in pairs}
        if len(profile.forms) == 1 and near:
            # Titles too unlike to matter are dropped in one call into rapidfuzz, not pair by pair.
            single = {j: index.profiles[j].forms[0] for j in near if len(index.profiles[j].forms) == 1}
            kept = process.extract(profile.forms[0], single, scorer=fuzz.ratio, score_cutoff=CANDIDATE_FLOOR, limit=None)
            near = (near - single.keys()) | {j for _, score, j in kept if might_match(profile, index.profiles[j], score)}
        for j in sorted(pairs | near):
            other = index.records[j]
            if record.id == other.id:
                continue  # one id in two files: the id check reports it
            match = _match(record, profile, other, index.profiles[j])
            if match is not None:
                matches.append(match)
    return sorted(matches, key=lambda m: (m.a, m.b))


def group(matches: Iterable[Match]) -> list[Group]:
    """Connected groups of matched records, each with the matches that join it."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    matches = list(matches)
    for m in matches:
        parent[root(m.a)] = root(m.b)
    groups: dict[str, Group] = {}
    for m in matches:
        g = groups.setdefault(root(m.a), Group([]))
        g.matches.append(m)
        for x in (m.a, m.b):
            if x not in g.ids:
                g.ids.append(x)
    for g in groups.values():
        g.ids.sort()
    return sorted(groups.values(), key=lambda g: g.ids)


def describe(match: Match) -> str:
    """'duplicate' or 'probable duplicate', as messages name a match."""
    return "duplicate" if match.verdict == "same" else "probable duplicate"


def problems(groups: Iterable[Group], papers: dict[str, Comparable]) -> list[Problem]:
    """A warning on each member of each group, naming the others and the reason."""
    out = []
    hint = "merge them (keep one, list the other id under aliases) or list each other under distinct_from"
    for g in groups:
        for m in g.matches:
            for this, other in ((m.a, m.b), (m.b, m.a)):
                out.append(
                    papers[this].problem(  # type: ignore[attr-defined]
                        (m.field,), f"{describe(m)} of {papers[other].where} ({m.reason}); {hint}", severity="warning"  # type: ignore[attr-defined]
                    )
                )
    return out


def matches_of(record: Comparable, others: Sequence[Comparable]) -> list[tuple[Comparable, Match]]:
    """`record`'s matches among `others`, most alike first (an index built for one question)."""
    return Index(others).matches(record)
