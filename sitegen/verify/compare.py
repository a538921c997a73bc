"""The disagreements between a record and a witness, as warnings in check's `path:line:col:` form.

Titles are compared twice: by their words (case and punctuation ignored), then, where the words
agree, by their capitals. Capitals, the year and the venue are only compared with an account of
the version of record, unless the record itself is a preprint: arXiv's year is the preprint's,
and its title is written as the authors typed it. Authors are compared by number, by family
names in order, and by order alone.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

from sitegen.errors import Problem
from sitegen.model import Paper
from sitegen.taxonomy import Taxonomy
from sitegen.verify.dblp import fold
from sitegen.verify.witness import Witness

_ON = {"arXiv": "on arXiv", "Crossref": "on Crossref", "dblp": "on dblp"}


def family(name: str) -> str:
    """A family name compared without accents, case, spaces or hyphens ('Pouget-Abadie' = 'pougetabadie')."""
    part = name.split(",")[0]
    plain = unicodedata.normalize("NFKD", part)
    return re.sub(r"[\W_]+", "", "".join(c for c in plain if not unicodedata.combining(c))).casefold()


def _names(authors: tuple[str, ...] | list[str]) -> str:
    return "; ".join(authors)


def compare(paper: Paper, witness: Witness, taxonomy: Taxonomy) -> list[Problem]:
    """Every disagreement between `paper` and `witness`, one warning each."""
    on = _ON.get(witness.source, f"on {witness.source}")
    judged = witness.of_record or taxonomy.is_preprint(paper.venue)  # may speak to capitals, year, venue
    found: list[Problem] = []

    def warn(loc: tuple, message: str) -> None:
        found.append(paper.problem(loc, message, severity="warning"))

    if witness.title:
        words = fold(witness.title)
        if words != fold(paper.title) and words not in {fold(t) for t in paper.alt_titles}:
            warn(("title",), f"title: other words {on}: '{witness.title}' ({witness.url})")
        elif words == fold(paper.title) and judged and _letters(witness.title) != _letters(paper.title):
            warn(("title",), f"title: other capitals {on}: '{witness.title}' ({witness.url})")
    _authors(paper, witness, on, warn)
    if judged and witness.year is not None and witness.year != paper.year:
        warn(("year",), f"year: {paper.year} here, {witness.year} {on} ({witness.url})")
    if witness.of_record and witness.venue:
        venue = taxonomy.find_venue(witness.venue)
        if venue is not None and venue != paper.venue and taxonomy.venues[venue].kind != "preprint":
            here = paper.venue or "none"
            warn(("venue",) if paper.venue else ("type",), f"venue: {here} here, '{witness.venue}' ({venue}) {on} ({witness.url})")
        elif venue is None and taxonomy.is_preprint(paper.venue):
            warn(("venue",) if paper.venue else ("type",), f"venue: {paper.venue or 'none'} here; published in '{witness.venue}' {on}, a venue venues.yaml does not know ({witness.url})")
    if witness.journal_ref and taxonomy.is_preprint(paper.venue):
        warn(("venue",) if paper.venue else ("type",), f"venue: {paper.venue or 'none'} here; arXiv gives the journal reference '{witness.journal_ref}' ({witness.url})")
    if witness.arxiv and paper.arxiv and witness.arxiv != paper.arxiv:
        warn(("arxiv",), f"arxiv: {paper.arxiv} here, {witness.arxiv} {on} ({witness.url})")
    if witness.doi and paper.doi and witness.of_record and witness.doi.casefold() != paper.doi.casefold():
        warn(("doi",), f"doi: {paper.doi} here, {witness.doi} {on} ({witness.url})")
    if witness.arxiv and not paper.arxiv:
        warn(("id",), f"arxiv: none here; {witness.source} links the arXiv version {witness.arxiv} ({witness.url})")
    if witness.doi and not paper.doi and witness.of_record:
        warn(("id",), f"doi: none here; {witness.source} gives {witness.doi} ({witness.url})")
    return found


def _letters(title: str) -> str:
    """The title's letters and digits, capitals kept: 'the same but for capitals' compares these."""
    return "".join(c for c in title if c.isalnum())


def _authors(paper: Paper, witness: Witness, on: str, warn: Callable[[tuple, str], None]) -> None:
    theirs = list(witness.authors)
    if not theirs:
        return
    ours = list(paper.authors)
    if len(ours) != len(theirs):
        if paper.et_al and len(ours) < len(theirs):
            warn(("et_al",), f"authors: the list here stops after {len(ours)} (et_al); {len(theirs)} {on}: {_names(theirs)} ({witness.url})")
        else:
            warn(("authors",), f"authors: {len(ours)} here, {len(theirs)} {on}: {_names(theirs)} ({witness.url})")
        return
    mine, other = [family(a) for a in ours], [family(a) for a in theirs]
    if mine == other:
        return
    if sorted(mine) == sorted(other):
        warn(("authors",), f"authors: another order {on}: {_names(theirs)} ({witness.url})")
        return
    for i, (a, b) in enumerate(zip(mine, other)):
        if a != b:
            warn(("authors", i), f"authors[{i}]: family name '{ours[i].split(',')[0]}' here, '{theirs[i].split(',')[0]}' {on} ({witness.url})")
