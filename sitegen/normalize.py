"""Normalization: small named steps, each idempotent, that give a record its canonical form.

Validation accepts any recognisable form (an arXiv URL, a venue alias, a DOI link); these steps
write the one canonical form. `check` reports where a file differs from it, and `fmt` writes it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Callable

from sitegen.errors import Problem
from sitegen.identifiers import parse_arxiv, parse_doi
from sitegen.model import Paper
from sitegen.taxonomy import Taxonomy

Step = Callable[[Paper, Taxonomy], Paper]

# author_ids is keyed by author names: its keys are normalized as the names are.
ONE_LINE_FIELDS = ("title", "alt_titles", "authors", "author_ids", "publisher", "institution", "short_name")
FREE_TEXT_FIELDS = ("note", "doubts")


def _map_text(paper: Paper, fields: tuple[str, ...], fn: Callable[[str], str]) -> Paper:
    update: dict[str, Any] = {}
    for name in fields:
        value = getattr(paper, name)
        if isinstance(value, str):
            new: Any = fn(value)
        elif isinstance(value, list):
            new = [fn(v) for v in value]
        elif isinstance(value, dict):
            new = {fn(k): v for k, v in value.items()}
        else:
            continue
        if new != value:
            update[name] = new
    return paper.model_copy(update=update) if update else paper


def unicode_nfc(paper: Paper, taxonomy: Taxonomy) -> Paper:
    """Compose accents (NFC), so that 'ö' is one character however it was typed."""
    return _map_text(paper, ONE_LINE_FIELDS + FREE_TEXT_FIELDS, lambda s: unicodedata.normalize("NFC", s))


def collapse_whitespace(paper: Paper, taxonomy: Taxonomy) -> Paper:
    """One space between words in one-line fields; no spaces around free text."""
    paper = _map_text(paper, ONE_LINE_FIELDS, lambda s: " ".join(s.split()))
    return _map_text(paper, FREE_TEXT_FIELDS, str.strip)


def canonical_venue(paper: Paper, taxonomy: Taxonomy) -> Paper:
    """A venue alias ('NIPS', 'IEEE TPAMI') becomes the registry id."""
    if paper.venue is None:
        return paper
    venue_id = taxonomy.resolve_venue(paper.venue)
    return paper.model_copy(update={"venue": venue_id}) if venue_id and venue_id != paper.venue else paper


def canonical_arxiv(paper: Paper, taxonomy: Taxonomy) -> Paper:
    """'arXiv:1503.02531v2' or an arxiv.org link becomes '1503.02531'."""
    if paper.arxiv is None:
        return paper
    bare = parse_arxiv(paper.arxiv)
    return paper.model_copy(update={"arxiv": bare}) if bare and bare != paper.arxiv else paper


def canonical_doi(paper: Paper, taxonomy: Taxonomy) -> Paper:
    """'doi:10.x/y' or 'https://doi.org/10.x/y' becomes '10.x/y'."""
    if paper.doi is None:
        return paper
    bare = parse_doi(paper.doi)
    return paper.model_copy(update={"doi": bare}) if bare and bare != paper.doi else paper


_PAGE_RANGE = re.compile(r"^\s*([A-Za-z]?\d+)\s*(?:-{1,2}|\u2013|\u2014|\u2212)\s*([A-Za-z]?\d+)\s*$")


def canonical_pages(paper: Paper, taxonomy: Taxonomy) -> Paper:
    """A page range is written 'first-last' with one hyphen, whatever dash the source used."""
    if not isinstance(paper.pages, str):
        return paper
    match = _PAGE_RANGE.match(paper.pages)
    if not match:
        return paper
    pages = f"{match.group(1)}-{match.group(2)}"
    return paper.model_copy(update={"pages": pages}) if pages != paper.pages else paper


def ordered_labels(paper: Paper, taxonomy: Taxonomy) -> Paper:
    """Taxonomy ids and survey sections in the taxonomy's order, each once."""
    update: dict[str, Any] = {}
    labels = {}
    for axis, nodes in paper.taxonomy.items():
        labels[axis] = sorted(set(nodes), key=lambda n: taxonomy.nodes[n].order)
    if labels != dict(paper.taxonomy.items()):
        update["taxonomy"] = paper.taxonomy.model_copy(update=labels)
    survey = sorted(set(paper.survey), key=taxonomy.section_order)
    if survey != paper.survey:
        update["survey"] = survey
    return paper.model_copy(update=update) if update else paper


def _one_line(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def canonical_results(paper: Paper, taxonomy: Taxonomy) -> Paper:
    """In results, a dataset, metric or network alias ('CIFAR100', 'ResNet-32x4') becomes the
    registry id, and the labels the source gives are in the taxonomy's order, each once."""
    if not paper.results:
        return paper
    registry = taxonomy.benchmarks

    def canonical(text: str, resolve: Callable[[str], str | None]) -> str:
        return resolve(text) or text

    results = []
    for result in paper.results:
        update: dict[str, Any] = {
            "dataset": canonical(result.dataset, registry.resolve_dataset),
            "metric": canonical(result.metric, registry.resolve_metric),
            "student": result.student.model_copy(update={"arch": canonical(result.student.arch, registry.resolve_architecture)}),
        }
        if result.teacher is not None:
            update["teacher"] = result.teacher.model_copy(update={"arch": canonical(result.teacher.arch, registry.resolve_architecture)})
        given = result.source.taxonomy
        source: dict[str, Any] = {
            name: _one_line(getattr(result.source, name)) for name in ("table", "row", "method") if getattr(result.source, name) is not None
        }
        source["taxonomy"] = given.model_copy(update={axis: sorted(set(nodes), key=lambda n: taxonomy.nodes[n].order) for axis, nodes in given.items()})
        update["source"] = result.source.model_copy(update=source)
        update["doubts"] = [unicodedata.normalize("NFC", d).strip() for d in result.doubts]
        results.append(result.model_copy(update=update))
    return paper.model_copy(update={"results": results}) if results != paper.results else paper


STEPS: tuple[Step, ...] = (
    unicode_nfc,
    collapse_whitespace,
    canonical_venue,
    canonical_arxiv,
    canonical_doi,
    canonical_pages,
    ordered_labels,
    canonical_results,
)


def normalize(paper: Paper, taxonomy: Taxonomy) -> Paper:
    for step in STEPS:
        paper = step(paper, taxonomy)
    return paper


def _leaf_differences(paper: Paper, loc: tuple, old: Any, new: Any) -> list[Problem]:
    """A warning at each value of a nested field (results) that normalization changed."""
    if isinstance(old, dict) and isinstance(new, dict):
        return [p for key in new for p in _leaf_differences(paper, loc + (key,), old.get(key), new[key])]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new) and any(isinstance(v, (dict, list)) for v in new):
        return [p for i, (o, n) in enumerate(zip(old, new)) for p in _leaf_differences(paper, loc + (i,), o, n)]
    if old == new:
        return []
    where = "".join(f"[{part}]" if isinstance(part, int) else (f".{part}" if k else part) for k, part in enumerate(loc))
    return [paper.problem(loc, f"{where} is not in canonical form; `sitegen fmt` would write {new!r}", severity="warning")]


def differences(before: Paper, after: Paper) -> list[Problem]:
    """A warning for each field that normalization changed: the file is not in canonical form."""
    problems = []
    for name in type(before).model_fields:
        old, new = getattr(before, name), getattr(after, name)
        if name == "results" and old != new:
            problems += _leaf_differences(before, (name,), [r.model_dump(mode="json") for r in old], [r.model_dump(mode="json") for r in new])
        elif old != new:
            shown = new.model_dump() if hasattr(new, "model_dump") else new
            problems.append(before.problem((name,), f"{name} is not in canonical form; `sitegen fmt` would write {shown!r}", severity="warning"))
    return problems
