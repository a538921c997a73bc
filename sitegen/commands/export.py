"""`sitegen export`: the collection (or one part of it) as BibTeX, JSON, CSL-JSON or RIS."""

from __future__ import annotations

import argparse
import sys

from sitegen.errors import DataError, UsageError
from sitegen.pipeline import Collection, load_collection
from sitegen.model import Paper
from sitegen.messages import did_you_mean
from sitegen.output import to_file, to_stdout


def select(collection: Collection, where: list[str]) -> list[Paper]:
    """Papers labelled, on each AXIS=ID given, with ID or one of its sub-nodes."""
    taxonomy = collection.taxonomy
    papers = collection.papers
    for condition in where:
        axis, sep, node = condition.partition("=")
        if not sep:
            raise UsageError(f"--where {condition}: expected AXIS=ID, e.g. knowledge=feature-based")
        if axis not in taxonomy.axis_ids:
            raise UsageError(f"--where {condition}: unknown axis '{axis}'{did_you_mean(axis, taxonomy.axis_ids)}")
        if node not in taxonomy.axis_node_ids(axis):
            raise UsageError(f"--where {condition}: unknown {axis} id '{node}'{did_you_mean(node, taxonomy.axis_node_ids(axis))}")
        wanted = {node, *taxonomy.descendants(node)}
        papers = [p for p in papers if wanted & set(p.labels(axis))]
    return papers


def render(collection: Collection, papers: list[Paper], fmt: str) -> str:
    if fmt == "bibtex":
        from sitegen.export.bibtex import to_bibtex

        return to_bibtex(papers, collection.taxonomy)
    if fmt == "csl":
        from sitegen.export.csl import to_csl_json

        return to_csl_json(papers, collection.taxonomy)
    if fmt == "ris":
        from sitegen.export.ris import to_ris

        return to_ris(papers, collection.taxonomy)
    from sitegen.export.json import to_json

    return to_json(papers)


def run_export(args: argparse.Namespace) -> int:
    collection = load_collection(args.root)
    errors = [p for p in collection.problems if p.is_error]
    if errors:
        raise DataError(errors)
    text = render(collection, select(collection, args.where), args.format)
    if args.output:
        to_file(args.output, text)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        to_stdout(text)
    return 0
