"""A record's results: the gain their scores give, and the rules that involve more than one field.

The model checks each value on its own (a known dataset, metric and network; a number). These
rules check a result against its metric (every score within the metric's range, the metric one
the dataset reports), against itself (a printed gain that the scores contradict) and against its
record (the source's labels and method name against the record's). A result that contradicts
itself or its record is kept as its source prints it only when it says why under `doubts`:
then `check` accepts it, and the site shows the doubt beside it.
"""

from __future__ import annotations

from typing import Iterator

from sitegen.benchmarks import Metric
from sitegen.document import Loc
from sitegen.errors import Problem
from sitegen.messages import suggest
from sitegen.model import Paper, Result
from sitegen.taxonomy import Taxonomy, alias_key


def gain_from_scores(result: Result, metric: Metric) -> float | None:
    """The student's improvement over its baseline in the metric's direction, or None without a baseline."""
    if result.student.score is None:
        return None
    difference = result.student.distilled - result.student.score
    return round(difference if metric.higher_is_better else -difference, metric.decimals + 3)


def tolerance(metric: Metric) -> float:
    # Sources round each score and the gain separately: the gain of the rounded scores can
    # differ from the printed gain by one unit in the last place, never more.
    return 10.0 ** -metric.decimals + 1e-9


def gain_disagrees(result: Result, metric: Metric) -> bool:
    computed = gain_from_scores(result, metric)
    return result.gain is not None and computed is not None and abs(result.gain - computed) > tolerance(metric)


def scores(result: Result) -> Iterator[tuple[Loc, float]]:
    """Every score of a result, with where it is inside the result."""
    if result.teacher is not None:
        for name in ("score", "distilled"):
            value = getattr(result.teacher, name)
            if value is not None:
                yield ("teacher", name), value
    if result.student.score is not None:
        yield ("student", "score"), result.student.score
    yield ("student", "distilled"), result.student.distilled


def _in_range(value: float, metric: Metric) -> bool:
    return metric.minimum <= value <= metric.maximum


def _range_hint(value: float, metric: Metric) -> str:
    """A likely typo: a lost decimal point (9315 for 93.15) or a stray minus sign."""
    candidates = [abs(value)] + [abs(value) / 10**k for k in range(1, 5)]
    for candidate in candidates:
        shown = metric.shown(candidate)
        if _in_range(candidate, metric) and abs(float(shown) - candidate) < 1e-9:
            return f"; did you mean {shown}?"
    return ""


def _shown(value: float) -> str:
    return f"{value:g}"


def result_problems(paper: Paper, taxonomy: Taxonomy) -> list[Problem]:
    """Every problem of the record's results that no single field shows."""
    problems: list[Problem] = []
    registry = taxonomy.benchmarks
    seen: dict[str, int] = {}
    for i, result in enumerate(paper.results):
        at: Loc = ("results", i)
        where = f"results[{i}]"
        dataset_id = registry.resolve_dataset(result.dataset)
        metric_id = registry.resolve_metric(result.metric)
        if dataset_id is None or metric_id is None:  # the model reported it; a registry changed since
            continue
        dataset = registry.datasets[dataset_id]
        metric = registry.metrics[metric_id]
        if metric_id not in dataset.metrics:
            best = suggest(metric_id, dataset.metrics) or (dataset.metrics[0] if len(dataset.metrics) == 1 else None)
            hint = f"; did you mean '{best}'?" if best else ""
            problems.append(paper.problem(at + ("metric",), (
                f"{where}.metric: results on {dataset_id} are not reported in {metric_id} "
                f"(benchmarks.yaml lists {', '.join(dataset.metrics)}){hint}"
            )))
        outside = [(loc, value) for loc, value in scores(result) if not _in_range(value, metric)]
        for loc, value in outside:
            problems.append(paper.problem(at + loc, f"{where}.{'.'.join(loc)}: {_shown(value)} is outside the range of {metric.name} ({metric.range_text}){_range_hint(value, metric)}"))
        computed = gain_from_scores(result, metric)
        if gain_disagrees(result, metric) and not result.doubts and not outside:
            assert computed is not None and result.gain is not None
            after, before = metric.shown(result.student.distilled), metric.shown(result.student.score or 0.0)
            difference = f"{after} - {before}" if metric.higher_is_better else f"{before} - {after}"
            problems.append(paper.problem(at + ("gain",), (
                f"{where}.gain: {_shown(result.gain)} does not match the scores ({difference} = {metric.shown(computed)}); "
                f"did you mean {metric.shown(computed)}? If the source prints {_shown(result.gain)}, keep it and say so under {where}.doubts"
            )))
        problems += _source_problems(paper, result, at, where, taxonomy)
        key = result.model_dump_json(exclude={"doubts", "gain"})
        if key in seen:
            problems.append(paper.problem(at, f"{where} repeats results[{seen[key]}] (same dataset, networks, scores and source)"))
        seen.setdefault(key, i)
    return problems


def _source_problems(paper: Paper, result: Result, at: Loc, where: str, taxonomy: Taxonomy) -> list[Problem]:
    problems = []
    source = result.source
    if (source.table is None) == (source.survey is None):
        problems.append(paper.problem(at + ("source",), f"{where}.source: give either the paper's own table (table: Table 2) or the survey's table and row (survey: table6, row: ...), not {'both' if source.table else 'neither'}"))
    if source.survey is not None:
        if source.row is None:
            problems.append(paper.problem(at + ("source", "survey"), f"{where}.source: a survey table needs the row, as the table prints its method cell (row: ...)"))
        if source.survey not in paper.survey:
            problems.append(paper.problem(at + ("source", "survey"), f"{where}.source.survey: {source.survey} is not among the record's survey sections; add it to survey"))
    if result.doubts:
        return problems  # the curator has said why the result differs from its record
    for axis, given in source.taxonomy.items():
        labels = paper.labels(axis)
        if given and set(given) != set(labels):
            problems.append(paper.problem(at + ("source", "taxonomy", axis), (
                f"{where}.source.taxonomy.{axis}: the source gives {', '.join(given)}, the record's labels are {', '.join(labels) or 'none'}; "
                f"keep the record's labels and say why under {where}.doubts, or change the labels"
            )))
    if source.method and paper.short_name and alias_key(source.method) != alias_key(paper.short_name):
        problems.append(paper.problem(at + ("source", "method"), (
            f"{where}.source.method: the source names the method '{source.method}', the record's short name is '{paper.short_name}'; "
            f"a result belongs to the record of its method: move it there, or say why under {where}.doubts"
        )))
    return problems
