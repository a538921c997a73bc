"""Validate records: types and allowed values (the model), then rules across fields and records."""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePath
from typing import Iterable
from urllib.parse import urlsplit

from pydantic import ValidationError

from sitegen.document import Document
from sitegen.errors import Problem
from sitegen.identifiers import arxiv_year
from sitegen.keys import base_key, matches_base
from sitegen.messages import did_you_mean, describe, problems_from
from sitegen.model import FIELD_NAMES, Paper, paper_model
from sitegen.results import result_problems
from sitegen.taxonomy import Taxonomy
from sitegen.titles import title_problems

# Which BibTeX entry types suit each kind of venue.
_TYPES_FOR_KIND = {
    "conference": ("inproceedings",),
    "workshop": ("inproceedings",),
    "journal": ("article",),
    "preprint": ("misc", "techreport"),
    "book": ("book", "incollection"),
    "report": ("techreport",),
}

# Where each kind of checked page lives; a publisher page is anywhere else. The paper's own
# text (its PDF, or a full-text copy) may be on arXiv or anywhere else, never dblp or Crossref.
_KIND_HOSTS = {
    "arxiv": ("arxiv.org",),
    "dblp": ("dblp.org", "dblp.uni-trier.de", "dblp.dagstuhl.de"),
    "crossref": ("api.crossref.org", "search.crossref.org", "doi.org"),
}


def _host_kind(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for kind, hosts in _KIND_HOSTS.items():
        if any(host == h or host.endswith("." + h) for h in hosts):
            return kind
    return "publisher"


def validate_document(doc: Document, taxonomy: Taxonomy) -> tuple[Paper | None, list[Problem]]:
    """The record in `doc` as a Paper (None if it is unusable) and every problem found."""
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), f"a record must be a mapping of fields, not {describe(doc.data)}")]
    model = paper_model(taxonomy)
    try:
        paper = model.model_validate(doc.data)
    except ValidationError as exc:
        return None, problems_from(exc, doc, model, taxonomy)
    paper._document = doc
    return paper, record_problems(paper, doc, taxonomy)


def record_problems(paper: Paper, doc: Document, taxonomy: Taxonomy) -> list[Problem]:
    """Rules that involve more than one field of one record."""
    problems = []
    stem = PurePath(doc.path).name.removesuffix(".yaml")
    if stem != paper.id:
        problems.append(doc.problem(("id",), f"id '{paper.id}' does not match the file name '{PurePath(doc.path).name}'; the file must be named {paper.id}.yaml"))
    expected = base_key(paper.authors[0], paper.year, paper.title)
    if not matches_base(paper.id, expected):
        problems.append(doc.problem(("id",), f"id '{paper.id}' does not follow the key rule (first author's family name, year, first significant title word): expected '{expected}'"))
    if paper.venue is not None:
        venue_id = taxonomy.resolve_venue(paper.venue)
        venue = taxonomy.venues[venue_id] if venue_id else None
        if venue and paper.type not in _TYPES_FOR_KIND[venue.kind]:
            fits = " or ".join(f"'{t}'" for t in _TYPES_FOR_KIND[venue.kind])
            problems.append(doc.problem(("type",), f"type '{paper.type}' does not fit venue '{venue.id}' (a {venue.kind}); use {fits}"))
    elif paper.type in ("article", "inproceedings", "incollection"):
        problems.append(doc.problem(("type",), f"type '{paper.type}' needs a venue (the journal or proceedings)"))
    problems += _preprint_year(paper, doc, taxonomy)
    if paper.type == "techreport" and not paper.institution and paper.venue is None:
        problems.append(doc.problem(("type",), "type 'techreport' needs an institution"))
    if paper.type == "book" and not paper.publisher:
        problems.append(doc.problem(("type",), "type 'book' needs a publisher"))
    if paper.type in ("inproceedings", "incollection", "book") and paper.volume and paper.number:
        problems.append(doc.problem(("number",), f"number: BibTeX's styles refuse both volume and number in {'an' if paper.type[0] in 'aeiou' else 'a'} {paper.type} "
                                    "(\"can't use both volume and number fields\"); keep the volume", severity="warning"))
    if paper.scope == "core" and not paper.all_labels:
        problems.append(doc.problem(("scope",), "a core record needs at least one taxonomy label (or scope: related)"))
    problems += _axis_problems(paper, doc, taxonomy)
    for i, correction in enumerate(paper.corrections):
        if correction.field not in FIELD_NAMES:
            problems.append(doc.problem(("corrections", i, "field"), f"corrections[{i}].field: '{correction.field}' is not a record field{did_you_mean(correction.field, FIELD_NAMES)}"))
    for message in title_problems(paper.title, taxonomy.protected_words):
        problems.append(doc.problem(("title",), f"title: {message}", severity="warning"))
    for i, page in enumerate(paper.checked):
        found = _host_kind(page.url)
        if found != page.kind and not (page.kind == "paper" and found in ("publisher", "arxiv")):
            problems.append(doc.problem(("checked", i, "kind"), f"checked[{i}].kind: '{page.kind}' does not fit {page.url} (a {found} address); give the page's own address in url, and a mirror or copy under via"))
    for name in ("aliases", "distinct_from"):
        for i, other in enumerate(getattr(paper, name)):
            if other == paper.id:
                problems.append(doc.problem((name, i), f"{name} lists the record's own id '{other}'"))
    if paper.results:
        problems += result_problems(paper, taxonomy)
    return problems


def _preprint_year(paper: Paper, doc: Document, taxonomy: Taxonomy) -> list[Problem]:
    """A preprint's year is its first version's, which its arXiv id dates (a paper sent in the
    last days of December may get January's id, so the year before is accepted too)."""
    given = arxiv_year(paper.arxiv) if paper.arxiv and taxonomy.is_preprint(paper.venue) else None
    if given is None or paper.year in (given, given - 1):
        return []
    return [doc.problem(("year",), f"year: {paper.year} here, but arXiv gave the id {paper.arxiv} in {given}; a preprint's year is "
                        "its first version's, and a published paper takes its venue's year", severity="note")]


def _axis_problems(paper: Paper, doc: Document, taxonomy: Taxonomy) -> list[Problem]:
    """Every core record is labelled on the axes taxonomy.yaml marks `core`, or a curator says
    under labels_by.absent why none of the axis's nodes applies; an absent axis has no labels."""
    absent = paper.labels_by.absent if paper.labels_by else {}
    problems = []
    for axis_id in absent:
        if axis_id not in taxonomy.axis_ids:
            problems.append(doc.problem(("labels_by", "absent", axis_id), f"labels_by.absent: '{axis_id}' is not a taxonomy axis{did_you_mean(axis_id, taxonomy.axis_ids)}"))
        elif paper.labels(axis_id):
            problems.append(doc.problem(("labels_by", "absent", axis_id), f"labels_by.absent: the record has '{axis_id}' labels ({', '.join(paper.labels(axis_id))}); remove them or the absent entry"))
    if paper.scope != "core" or not paper.all_labels:
        return problems  # a core record without any label has an error of its own, which says more
    for axis_id in taxonomy.axis_ids:
        axis = taxonomy.axis(axis_id)
        if axis.core and not paper.labels(axis_id) and axis_id not in absent:
            problems.append(doc.problem(("taxonomy",) if "taxonomy" in doc.data else ("scope",),
                                        f"a core record without a '{axis_id}' label ({axis.label.lower()}): add one, or say under labels_by.absent.{axis_id} why none applies", severity="warning"))
    return problems


def collection_problems(papers: Iterable[Paper]) -> list[Problem]:
    """Rules across records: ids and aliases name one record each; references resolve."""
    papers = list(papers)
    problems: list[Problem] = []
    by_id: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        by_id[paper.id].append(paper)
    for record_id, same in by_id.items():
        if len(same) > 1:
            for paper in same:
                others = ", ".join(p.where for p in same if p is not paper)
                problems.append(paper.problem(("id",), f"id '{record_id}' is also used by {others}"))
    for paper in papers:
        for i, alias in enumerate(paper.aliases):
            if alias in by_id:
                problems.append(paper.problem(("aliases", i), f"alias '{alias}' is the id of a record ({by_id[alias][0].where}); merge it or remove the alias"))
        for i, other in enumerate(paper.distinct_from):
            if other not in by_id:
                problems.append(paper.problem(("distinct_from", i), f"distinct_from names '{other}', which is not a record"))
    owners: dict[str, Paper] = {}
    for paper in papers:
        for i, alias in enumerate(paper.aliases):
            if alias in owners and owners[alias] is not paper:
                problems.append(paper.problem(("aliases", i), f"alias '{alias}' is also claimed by {owners[alias].where}"))
            owners.setdefault(alias, paper)
    return problems
