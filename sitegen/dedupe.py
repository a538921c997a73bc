"""Find probable duplicates: propose groups and say why; never drop anything.

Pairs come from blocks, so the work grows with the collection, not with its square:
records sharing an arXiv id, a DOI or a normalized title; and, within each block of one first
author and one year, titles that rapidfuzz scores as near-identical.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Iterable

from rapidfuzz import fuzz

from sitegen.errors import Problem
from sitegen.keys import ascii_fold, family_part
from sitegen.model import Paper

TITLE_SIMILARITY = 90.0


@dataclass(frozen=True)
class Match:
    a: str
    b: str
    reason: str
    field: str  # where in the record the evidence is


@dataclass
class Group:
    ids: list[str]
    matches: list[Match] = field(default_factory=list)


def title_key(title: str) -> str:
    """A title reduced to lowercase ASCII words, for comparison."""
    return " ".join(re.findall(r"[a-z0-9]+", ascii_fold(title)))


def find_matches(papers: Iterable[Paper]) -> list[Match]:
    papers = sorted(papers, key=lambda p: p.id)
    explained = {(p.id, o) for p in papers for o in p.distinct_from}
    matches: dict[tuple[str, str], Match] = {}

    def add(a: Paper, b: Paper, reason: str, where: str) -> None:
        pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if a.id == b.id or pair in matches or (a.id, b.id) in explained or (b.id, a.id) in explained:
            return
        matches[pair] = Match(pair[0], pair[1], reason, where)

    for key, where, label in (
        (lambda p: p.arxiv, "arxiv", "same arXiv id"),
        (lambda p: p.doi.lower() if p.doi else None, "doi", "same DOI"),
    ):
        blocks: dict[str, list[Paper]] = defaultdict(list)
        for paper in papers:
            value = key(paper)
            if value:
                blocks[value].append(paper)
        for value, block in blocks.items():
            for a, b in combinations(block, 2):
                add(a, b, f"{label} {value}", where)

    titles = {p.id: title_key(p.title) for p in papers}
    by_title: dict[str, list[Paper]] = defaultdict(list)
    by_author_year: dict[tuple[str, int], list[Paper]] = defaultdict(list)
    for paper in papers:
        by_title[titles[paper.id]].append(paper)
        by_author_year[(family_part(paper.authors[0]), paper.year)].append(paper)
    for block in by_title.values():
        for a, b in combinations(block, 2):
            add(a, b, "same title", "title")
    for (family, year), block in by_author_year.items():
        for a, b in combinations(block, 2):
            score = fuzz.ratio(titles[a.id], titles[b.id])
            if score >= TITLE_SIMILARITY:
                add(a, b, f"titles {score:.0f}% similar, same first author ({family}) and year ({year})", "title")
    return sorted(matches.values(), key=lambda m: (m.a, m.b))


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


def problems(groups: Iterable[Group], papers: dict[str, Paper]) -> list[Problem]:
    """A warning on each member of each group, naming the others and the reason."""
    out = []
    hint = "merge them (keep one, list the other id under aliases) or list each other under distinct_from"
    for g in groups:
        for m in g.matches:
            for this, other in ((m.a, m.b), (m.b, m.a)):
                out.append(
                    papers[this].problem(
                        (m.field,), f"probable duplicate of {papers[other].where} ({m.reason}); {hint}", severity="warning"
                    )
                )
    return out
