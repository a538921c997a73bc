"""The recipe: read the taxonomy, read every record, validate, normalize, find duplicates.

Everything is gathered and checked before any command writes a file.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from sitegen import dedupe, fingerprint, load, normalize, validate
from sitegen.document import display_path
from sitegen.errors import DataError, Problem, cap_per_file
from sitegen.model import Paper
from sitegen.people import Attribution, Registry, attribute, attribution_problems, family_key
from sitegen.sources import Candidate, PaperList, lines_named, read_candidates, read_lists, stale_candidates
from sitegen.taxonomy import Taxonomy


@dataclass
class Collection:
    """Valid records in canonical form, and every problem found on the way."""

    taxonomy: Taxonomy
    papers: list[Paper]
    problems: list[Problem] = field(default_factory=list)
    groups: list[dedupe.Group] = field(default_factory=list)
    files: int = 0  # record files read, valid or not
    layout: list[Problem] = field(default_factory=list)  # what papers/ holds that is not a record file
    registry: Registry = field(default_factory=Registry)  # people.yaml
    attribution: Attribution | None = None  # who each author of `papers` is
    lists: dict[str, PaperList] = field(default_factory=dict)  # sources/lists.yaml, by name
    candidates: list[Candidate] = field(default_factory=list)  # sources/candidates.yaml

    @property
    def by_id(self) -> dict[str, Paper]:
        return {p.id: p for p in self.papers}


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    # Reading builds many small objects and keeps most of them, and none forms a reference
    # cycle: the cyclic collector would only walk the growing heap again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_collection(root: Path, focus: set[str] | None = None) -> Collection:
    """Read and check the collection under `root`.

    With `focus` (display paths), only those records are validated in full; every other record
    takes part in the collection-wide checks (ids, aliases, duplicates) through its fingerprint.
    """
    try:
        taxonomy = Taxonomy.load(root)
    except DataError as exc:
        try:
            Registry.load(root)
        except DataError as more:  # report the problems of both registries at once
            raise DataError([*exc.problems, *more.problems]) from None
        raise
    registry = Registry.load(root)
    files, layout = load.record_files(root)
    problems = list(layout)
    full = files if focus is None else [f for f in files if f.shown in focus]
    with _no_cycle_collection():
        documents, read_problems = load.read_documents(full)
        problems += read_problems
        papers = []
        for document in documents:
            paper, found = validate.validate_document(document, taxonomy)
            problems += found
            if paper is not None:
                canonical = normalize.normalize(paper, taxonomy)
                problems += normalize.differences(paper, canonical)
                papers.append(canonical)
        others = _fingerprints([f for f in files if focus is not None and f.shown not in focus], taxonomy)
    everyone = [*papers, *others]
    problems += validate.collection_problems(everyone)
    # With a focus, only pairs that involve a focused record: the others are not reported.
    groups = dedupe.group(dedupe.find_matches(everyone, focus=None if focus is None else {p.id for p in papers}))
    problems += dedupe.problems(groups, {p.id: p for p in everyone})
    everyone = _unique_ids(everyone)
    # With a focus, only the families of the focused records' authors matter to their warnings.
    families = None if focus is None else {family_key(a) for p in papers for a in p.authors}
    attribution = attribute(everyone, registry, families)
    problems += attribution_problems(everyone, attribution, registry)
    papers.sort(key=lambda p: p.id)
    if focus is not None:  # the site and the exports read only the records read in full
        attribution = attribute(papers, registry)
    # The registered lists and the candidates: the home page and the audit count records by source.
    lists, candidates = read_lists(root, taxonomy), read_candidates(root)
    problems += stale_candidates(root, candidates, lines_named(papers))
    return Collection(taxonomy, papers, cap_per_file(problems), groups, len(files), layout, registry, attribution, lists, candidates)


def _unique_ids(records: list) -> list:
    """The records with an id not used before (a second record of one id is an error already)."""
    seen: set[str] = set()
    unique = []
    for record in records:
        if record.id not in seen:
            seen.add(record.id)
            unique.append(record)
    return unique


def _fingerprints(files: list[load.RecordFile], taxonomy: Taxonomy) -> list[fingerprint.Fingerprint]:
    """Fingerprints of records outside the focus; a record not in canonical form is read in full."""
    out = []
    for file in files:
        found = fingerprint.read(file.path, file.shown)
        if found is None:
            documents, _ = load.read_documents([file])
            paper = validate.validate_document(documents[0], taxonomy)[0] if documents else None
            found = fingerprint.Fingerprint.of(normalize.normalize(paper, taxonomy)) if paper else None
        if found is not None:
            out.append(found)
    return out


def check_files(paths: list[Path], taxonomy: Taxonomy) -> tuple[list[Paper], list[Problem]]:
    """Files outside the collection (drafts) read and checked as records on their own: every rule
    of one record, none across records. Messages name each file as given."""
    files = [load.RecordFile(path, display_path(path)) for path in paths]
    documents, problems = load.read_documents(files)
    papers = []
    for document in documents:
        paper, found = validate.validate_document(document, taxonomy)
        problems += found
        if paper is not None:
            canonical = normalize.normalize(paper, taxonomy)
            problems += normalize.differences(paper, canonical)
            papers.append(canonical)
    return papers, sorted(problems)
