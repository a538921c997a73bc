"""`sitegen add --result-of ID`: one benchmark result added to a record, with the table it comes from.

The options give the result the way a paper's table prints it (networks and datasets by any
name the registries know, scores as numbers); the result is checked exactly as `check` checks
a record, and the record is rewritten in canonical form with its comments kept. The same
options given with --bibtex, --arxiv or --doi put the result in the new record.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sitegen.document import Document, display_path, parse_yaml, read_yaml
from sitegen.errors import SitegenError, UsageError
from sitegen.fmt import reformat
from sitegen.load import PAPERS_DIR
from sitegen.messages import did_you_mean, problems_from
from sitegen.model import Paper, paper_model
from sitegen.normalize import normalize
from sitegen.pipeline import load_collection
from sitegen.taxonomy import Taxonomy
from sitegen.validate import validate_document


def add_result_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "a result",
        "A benchmark result of the paper's method, as a table prints it: with --result-of ID it is added to that "
        "record; with --bibtex, --arxiv or --doi, to the new record. Names may be any form benchmarks.yaml and "
        "architectures.yaml know (ResNet-32x4, resnet32x4).",
    )
    group.add_argument("--dataset", metavar="NAME", help="the benchmark, e.g. CIFAR-100")
    group.add_argument("--metric", metavar="NAME", help="the metric, e.g. top1-accuracy (needed when the dataset reports several)")
    group.add_argument("--teacher", metavar="ARCH[=SCORE]", help="the teacher and its score trained alone; leave out for self-distillation")
    group.add_argument("--student", metavar="ARCH[=SCORE]", help="the student and its baseline score (trained alone)")
    group.add_argument("--distilled", metavar="SCORE", help="the student's score after distillation")
    group.add_argument("--gain", metavar="GAIN", help="the gain as the table prints it, if it prints one")
    group.add_argument("--table", metavar="TEXT", help="the paper's table the numbers come from, e.g. 'Table 2'")
    group.add_argument("--survey-table", metavar="ID", help="instead of --table: a table of the survey (table5, table6), with --survey-row")
    group.add_argument("--survey-row", metavar="TEXT", help="the survey table's row, as it prints its method cell")
    group.add_argument("--result-doubt", action="append", default=[], metavar="TEXT", help="a doubt about the result (why it is kept as printed); repeatable")


_RESULT_OPTIONS = ("dataset", "metric", "teacher", "student", "distilled", "gain", "table", "survey_table", "survey_row")


def _score(option: str, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        hint = " (write a decimal point, not a comma)" if "," in text else ""
        raise UsageError(f"--{option} {text}: '{text}' is not a number{hint}") from None


def _network(option: str, text: str) -> dict[str, Any]:
    arch, equals, score = text.rpartition("=") if "=" in text else (text, "", "")
    if not arch.strip():
        raise UsageError(f"--{option} {text}: give the network, e.g. --{option} ResNet56=72.34")
    network: dict[str, Any] = {"arch": arch.strip()}
    if equals:
        network["score"] = _score(option, score.strip())
    return network


def result_from_options(args: argparse.Namespace, taxonomy: Taxonomy) -> dict[str, Any] | None:
    """The result the options describe, as a record holds it; None when no result option is given."""
    if not any(getattr(args, name, None) for name in _RESULT_OPTIONS) and not args.result_doubt:
        if getattr(args, "result_of", None):
            raise UsageError("--result-of needs a result: --dataset, --student, --distilled and --table (see `sitegen add --help`)")
        return None
    for name in ("dataset", "student", "distilled"):
        if not getattr(args, name):
            raise UsageError(f"a result needs --{name.replace('_', '-')}")
    if bool(args.table) == bool(args.survey_table):
        raise UsageError("a result needs its source: --table (the paper's own table) or --survey-table with --survey-row")
    if args.survey_table and not args.survey_row:
        raise UsageError("--survey-table needs --survey-row (the row's method cell, as the table prints it)")
    registry = taxonomy.benchmarks
    metric = args.metric
    if metric is None:
        dataset_id = registry.resolve_dataset(args.dataset)
        if dataset_id is None:
            raise UsageError(f"--dataset {args.dataset}: unknown dataset{registry.hint(args.dataset, registry.dataset_keys, 'benchmarks.yaml')}")
        reported = registry.datasets[dataset_id].metrics
        if len(reported) > 1:
            raise UsageError(f"--metric: results on {dataset_id} are reported in {' or '.join(reported)}; say which")
        metric = reported[0]
    result: dict[str, Any] = {"dataset": args.dataset, "metric": metric}
    if args.teacher:
        result["teacher"] = _network("teacher", args.teacher)
    result["student"] = {**_network("student", args.student), "distilled": _score("distilled", args.distilled)}
    if args.gain is not None:
        result["gain"] = _score("gain", args.gain)
    if args.table:
        result["source"] = {"table": args.table}
    else:
        result["source"] = {"survey": args.survey_table, "row": args.survey_row}
    if args.result_doubt:
        result["doubts"] = list(args.result_doubt)
    return result


def with_result(paper: Paper, result: dict[str, Any], taxonomy: Taxonomy, origin: str) -> Paper:
    """`paper` with `result` added, validated and normalized; SitegenError saying why it cannot be."""
    model = paper_model(taxonomy)
    fields = paper.model_dump(exclude_defaults=True)
    fields["results"] = [r.model_dump(exclude_defaults=True) for r in paper.results] + [result]
    try:
        return normalize(model.model_validate(fields), taxonomy)
    except ValidationError as exc:
        messages = [p.message for p in problems_from(exc, Document(origin, fields), model, taxonomy)]
        raise SitegenError(f"{origin}: cannot add the result ({'; '.join(messages)}); nothing was written") from None


def run_add_result(args: argparse.Namespace) -> int:
    root: Path = args.root
    collection = load_collection(root)
    taxonomy = collection.taxonomy
    paper = collection.by_id.get(args.result_of)
    if paper is None:
        raise UsageError(f"--result-of {args.result_of}: no such record{did_you_mean(args.result_of, collection.by_id)}")
    result = result_from_options(args, taxonomy)
    assert result is not None  # result_from_options refuses --result-of without a result
    path = root / PAPERS_DIR / f"{paper.id}.yaml"
    shown = display_path(path)
    updated = with_result(paper, result, taxonomy, shown)
    original = read_yaml(path, shown)
    text = reformat(original.text, updated)
    _, problems = validate_document(parse_yaml(text.encode("utf-8"), shown), taxonomy)
    errors = [p.message for p in problems if p.is_error]
    if errors:
        raise SitegenError(f"{shown}: the record would not pass `check` with this result ({'; '.join(errors)}); nothing was written")
    position = len(updated.results) - 1
    added = updated.results[position]
    names = taxonomy.benchmarks
    what = (f"results[{position}]: {names.datasets[added.dataset].name}, "
            f"{names.architectures[added.teacher.arch].name if added.teacher else 'no teacher'} -> {names.architectures[added.student.arch].name}")
    if args.dry_run:
        sys.stdout.write(text)
        print(f"dry run: would add {what} to {shown}", file=sys.stderr)
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"added {what} to {shown}", file=sys.stderr)
    root_option = "" if root == Path(".") else f" --root {root}"
    print(f"next: read it over, then run: python -m sitegen{root_option} check {shown}", file=sys.stderr)
    return 0
