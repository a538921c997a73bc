"""The collection indexed for the site: papers by node, person, venue and year, and the counts.

Indexes hold ids; `paper(id)` gives the record. Every list is in a fixed order, so pages built
from the same records are the same bytes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property

from sitegen.model import Paper
from sitegen.pipeline import Collection
from sitegen.site import urls
from sitegen.site.people import People, Person, people_of
from sitegen.site.repository import Repository
from sitegen.taxonomy import Taxonomy


def newest_first(papers: list[Paper]) -> list[Paper]:
    """Newest year first; within a year by title, then id."""
    return sorted(papers, key=lambda p: (-p.year, p.title.casefold(), p.id))


@dataclass
class SiteIndex:
    taxonomy: Taxonomy
    papers: list[Paper]  # sorted by id
    repository: Repository = field(default_factory=Repository)
    collection: Collection | None = None
    site_url: str | None = None  # the public address, when known at build time (site/address.py)

    @classmethod
    def build(cls, collection: Collection, repository: Repository, site_url: str | None = None) -> "SiteIndex":
        return cls(collection.taxonomy, sorted(collection.papers, key=lambda p: p.id), repository, collection, site_url)

    def absolute(self, target: str) -> str | None:
        """A site path as a full address, or None for a local build (no address known)."""
        return urls.absolute(target, self.site_url) if self.site_url else None

    @cached_property
    def by_id(self) -> dict[str, Paper]:
        return {p.id: p for p in self.papers}

    def paper(self, paper_id: str) -> Paper:
        return self.by_id[paper_id]

    # --- taxonomy ------------------------------------------------------------------------

    @cached_property
    def under_node(self) -> dict[str, list[str]]:
        """Node id -> ids of papers labelled with it or with one of its sub-nodes."""
        found: dict[str, set[str]] = {n: set() for n in self.taxonomy.nodes}
        for paper in self.papers:
            for label in paper.all_labels:
                for node in (label, *self.taxonomy.ancestors(label)):
                    found[node].add(paper.id)
        return {n: sorted(ids) for n, ids in found.items()}

    @cached_property
    def on_node(self) -> dict[str, list[str]]:
        """Node id -> ids of papers labelled with exactly that node."""
        found: dict[str, list[str]] = {n: [] for n in self.taxonomy.nodes}
        for paper in self.papers:
            for label in paper.all_labels:
                found[label].append(paper.id)
        return found

    def axis_labelled(self, axis: str) -> int:
        """How many papers carry at least one label on `axis`."""
        return sum(1 for p in self.papers if p.labels(axis))

    # --- people, venues, years -----------------------------------------------------------

    @cached_property
    def _people(self) -> People:
        if self.collection is None:
            return people_of(self.papers)
        return people_of(self.papers, self.collection.registry, self.collection.attribution)

    @cached_property
    def people(self) -> list[Person]:
        return self._people.persons

    def author(self, paper: Paper, position: int) -> Person:
        """The person who is author number `position` (from 0) of `paper`."""
        return self._people.author[(paper.id, position)]

    @cached_property
    def by_venue(self) -> dict[str, list[str]]:
        """Venue id -> paper ids, for venues with papers, in registry order."""
        found: dict[str, list[str]] = defaultdict(list)
        for paper in self.papers:
            if paper.venue:
                found[paper.venue].append(paper.id)
        return {v: found[v] for v in self.taxonomy.venues if v in found}

    @cached_property
    def by_year(self) -> dict[int, list[str]]:
        """Year -> paper ids, newest year first."""
        found: dict[int, list[str]] = defaultdict(list)
        for paper in self.papers:
            found[paper.year].append(paper.id)
        return {y: found[y] for y in sorted(found, reverse=True)}

    # --- counts --------------------------------------------------------------------------

    @cached_property
    def scope_counts(self) -> Counter[str]:
        return Counter(p.scope for p in self.papers)

    @cached_property
    def added(self) -> dict[str, int | None]:
        """Paper id -> when its record was added: the first commit that added its file under its
        id or under any of its aliases (a renamed or merged record is as old as its oldest name);
        None for a record not committed yet, or when there is no history."""
        known = self.repository.added
        times: dict[str, int | None] = {}
        for paper in self.papers:
            found = [known[path] for path in (f"papers/{name}.yaml" for name in (paper.id, *paper.aliases)) if path in known]
            times[paper.id] = min(found) if found else None
        return times

    @cached_property
    def dated(self) -> bool:
        """Whether history tells when records were added: it gives at least two different times.
        A build without git, or from a shallow clone of one commit, dates nothing."""
        return len({t for t in self.added.values() if t is not None}) > 1

    def added_on(self, paper_id: str) -> str | None:
        """The day a record was added (ISO date, UTC), when history tells."""
        time = self.added[paper_id]
        return added_date(time) if self.dated and time is not None else None

    def newest_additions(self, count: int) -> tuple[str, list[Paper]]:
        """The most recently added records, by git history; by year when history cannot tell.

        Returns how they were chosen ('added' or 'published') and the papers.
        """
        if self.dated:
            return "added", by_addition(self.papers, self.added)[:count]
        return "published", newest_first(self.papers)[:count]


def by_addition(papers: list[Paper], added: dict[str, int | None]) -> list[Paper]:
    """Most recently added first; a record not committed yet is the newest of all. Ties (records
    of one commit) by year, newest first, then id."""
    return sorted(papers, key=lambda p: (added[p.id] is not None, -(added[p.id] or 0), -p.year, p.id))


def added_date(time: int) -> str:
    """A commit time as the ISO date of its day in UTC: the same for every reader and build."""
    return datetime.fromtimestamp(time, timezone.utc).date().isoformat()
