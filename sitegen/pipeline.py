"""The recipe: read the taxonomy, read every record, validate, normalize, find duplicates.

Everything is gathered and checked before any command writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sitegen import dedupe, load, normalize, validate
from sitegen.errors import Problem
from sitegen.model import Paper
from sitegen.taxonomy import Taxonomy


@dataclass
class Collection:
    """Valid records in canonical form, and every problem found on the way."""

    taxonomy: Taxonomy
    papers: list[Paper]
    problems: list[Problem] = field(default_factory=list)
    groups: list[dedupe.Group] = field(default_factory=list)
    files: int = 0  # record files read, valid or not

    @property
    def by_id(self) -> dict[str, Paper]:
        return {p.id: p for p in self.papers}

    def failed(self, strict: bool = False) -> bool:
        return any(p.is_error or strict for p in self.problems)


def load_collection(root: Path) -> Collection:
    taxonomy = Taxonomy.load(root)
    paths, problems = load.record_paths(root)
    documents, read_problems = load.read_documents(paths)
    problems += read_problems
    papers = []
    for document in documents:
        paper, found = validate.validate_document(document, taxonomy)
        problems += found
        if paper is not None:
            canonical = normalize.normalize(paper, taxonomy)
            problems += normalize.differences(paper, canonical)
            papers.append(canonical)
    problems += validate.collection_problems(papers)
    groups = dedupe.group(dedupe.find_matches(papers))
    problems += dedupe.problems(groups, {p.id: p for p in papers})
    papers.sort(key=lambda p: p.id)
    return Collection(taxonomy, papers, sorted(problems), groups, len(paths))
