"""Related work for each paper page: up to eight papers close to it, each with the reason.

Closeness comes from three signals, computed at build time:

- shared taxonomy labels, each weighted by its rarity (sharing 'online' says more than sharing
  'response-based', which a third of the collection carries);
- shared authors, as sitegen/people.py attributes them (the same person under two written
  forms counts; two people who share a written name do not);
- title similarity: the cosine of the titles' TF-IDF vectors over their words.

Comparing every pair would be quadratic, so candidates come only from blocks: papers with a
label, an author or a title word in common. A block larger than BLOCK (a label most papers
carry) is not enumerated whole: for a label each paper meets its WINDOW nearest
neighbours in the block by year; a title word in more than WORD_BLOCK titles gives no
candidates (it still counts, with its small weight, between candidates found otherwise).
So the work is about papers × (BLOCK + labels × WINDOW), not papers².

Everything is ordered by score, then year (newest first), then id: the same records give the
same lists.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from sitegen.keys import transliterate
from sitegen.site.index import SiteIndex
from sitegen.site.people import display_name

SHOWN = 8
BLOCK = 100  # largest label or author block enumerated whole
WORD_BLOCK = 30  # largest title-word block enumerated: rarer words are the telling ones
WINDOW = 8  # neighbours met on each side in a larger label or author block, by year
AUTHOR_WEIGHT = 2.5  # per shared person
TITLE_WEIGHT = 3.0  # times the title cosine
SIMILAR_TITLE = 0.3  # the cosine from which 'similar title' is given as a reason
MIN_SCORE = 1.0  # below this, a candidate is not shown: one common label alone is not related work
STOPWORDS = frozenset(
    "a an and are as at by for from in into is its of on or the to via with without towards toward using we our".split()
)


@dataclass(frozen=True)
class Related:
    paper_id: str
    score: float
    reason: str


def title_words(title: str) -> list[str]:
    """The words of a title that tell titles apart: romanized, lower case, no stopwords."""
    words = re.findall(r"[a-z0-9]+", transliterate(title).lower())
    return sorted({w for w in words if w not in STOPWORDS and len(w) > 1})


def _pairs_in(block: list[str], found: dict[str, set[str]], window: int | None) -> None:
    """Add the candidate pairs of one block (ids in a fixed order) to `found`."""
    if window is None:
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                found[a].add(b)
                found[b].add(a)
        return
    for i, a in enumerate(block):
        for b in block[i + 1 : i + 1 + window]:
            found[a].add(b)
            found[b].add(a)


def related_work(index: SiteIndex, shown: int = SHOWN) -> dict[str, list[Related]]:
    """Paper id -> its related papers, closest first (at most `shown`)."""
    papers = index.papers
    n = max(len(papers), 1)
    year = {p.id: p.year for p in papers}
    labels = {p.id: set(p.all_labels) for p in papers}
    people = {p.id: {index.author(p, k).slug: index.author(p, k).name for k in range(len(p.authors))} for p in papers}
    words = {p.id: title_words(p.title) for p in papers}

    by_label: dict[str, list[str]] = defaultdict(list)
    by_person: dict[str, list[str]] = defaultdict(list)
    by_word: dict[str, list[str]] = defaultdict(list)
    for p in papers:  # papers are sorted by id, so every block is too
        for label in labels[p.id]:
            by_label[label].append(p.id)
        for slug in people[p.id]:
            by_person[slug].append(p.id)
        for word in words[p.id]:
            by_word[word].append(p.id)

    label_weight = {label: math.log(n / len(ids)) + 0.5 for label, ids in by_label.items()}
    word_idf = {w: math.log(n / len(ids)) + 1.0 for w, ids in by_word.items()}
    norm = {pid: math.sqrt(sum(word_idf[w] ** 2 for w in ws)) or 1.0 for pid, ws in words.items()}

    candidates: dict[str, set[str]] = defaultdict(set)
    for ids in by_label.values():
        if len(ids) <= BLOCK:
            _pairs_in(ids, candidates, None)
        else:
            _pairs_in(sorted(ids, key=lambda i: (year[i], i)), candidates, WINDOW)
    for ids in by_person.values():
        if len(ids) <= BLOCK:
            _pairs_in(ids, candidates, None)
        else:
            _pairs_in(sorted(ids, key=lambda i: (year[i], i)), candidates, WINDOW)
    for ids in by_word.values():
        if 1 < len(ids) <= WORD_BLOCK:
            _pairs_in(ids, candidates, None)

    # Each pair is scored once (the score is symmetric, term by term, so either order gives the
    # same float); only the papers shown get their reason written.
    label_rank = {label: rank for rank, label in enumerate(sorted(label_weight, key=lambda l: (-label_weight[l], l)))}
    idf_squared = {w: idf ** 2 for w, idf in word_idf.items()}
    word_set = {pid: set(ws) for pid, ws in words.items()}
    scored: dict[str, list[tuple[float, int, str]]] = {p.id: [] for p in papers}
    for p in papers:
        mine_labels, mine_people, mine_words = labels[p.id], people[p.id].keys(), word_set[p.id]
        for other in candidates.get(p.id, ()):
            if other < p.id:
                continue
            shared_labels = sorted(mine_labels & labels[other], key=label_rank.__getitem__)
            shared_people = len(mine_people & people[other].keys())
            cosine = sum(idf_squared[w] for w in mine_words.intersection(words[other])) / (norm[p.id] * norm[other])
            score = sum(label_weight[l] for l in shared_labels) + AUTHOR_WEIGHT * shared_people + TITLE_WEIGHT * cosine
            if score < MIN_SCORE:
                continue
            scored[p.id].append((-score, -year[other], other))
            scored[other].append((-score, -year[p.id], p.id))

    nodes = index.taxonomy.nodes

    def reason(pid: str, other: str) -> str:
        shared_labels = sorted(labels[pid] & labels[other], key=label_rank.__getitem__)
        shared_people = sorted(people[pid].keys() & people[other].keys())
        shared_words = word_set[pid].intersection(words[other])
        cosine = sum(idf_squared[w] for w in shared_words) / (norm[pid] * norm[other])
        reasons = []
        if shared_people:
            reasons.append("same author: " + ", ".join(display_name(people[pid][s]) for s in shared_people[:2]))
        if shared_labels:
            reasons.append("also " + " · ".join(nodes[l].label for l in shared_labels[:3]))
        if cosine >= SIMILAR_TITLE:
            reasons.append("similar title")
        return "; ".join(reasons) or "related"

    result: dict[str, list[Related]] = {}
    for p in papers:
        closest = sorted(scored[p.id])[:shown]  # ids differ, so no two entries tie
        result[p.id] = [Related(other, round(-s, 6), reason(p.id, other)) for s, _, other in closest]
    return result
