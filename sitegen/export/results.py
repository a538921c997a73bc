"""The results of every record as CSV and JSON, and both read back.

One row per result. The CSV is flat, for spreadsheets: the record's context (paper, year,
method, the record's labels on every axis), then every field of the result, networks by
registry id, the gain as the source prints it beside the gain the scores give, the source's
labels one column per axis, and the doubts as a JSON list (a doubt may hold any text). The JSON
holds the same context with the result exactly as the record does. Reading either back gives
the records' results again, field for field (`from_csv`, `from_json`).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable

from sitegen.model import Paper, Result, result_model
from sitegen.results import gain_from_scores
from sitegen.taxonomy import Taxonomy


def method_name(paper: Paper) -> str:
    """The method's short name, or the paper as an author-year citation when it has none."""
    if paper.short_name:
        return paper.short_name
    families = [author.split(",")[0].strip() for author in paper.authors]
    if len(families) == 1 and not paper.et_al:
        return f"{families[0]} ({paper.year})"
    if len(families) == 2 and not paper.et_al:
        return f"{families[0]} and {families[1]} ({paper.year})"
    return f"{families[0]} et al. ({paper.year})"


# Text a spreadsheet would run as a formula starts with one of these; such a cell gets a leading
# apostrophe (spreadsheets hide it and show the text), which `from_csv` takes off again.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
TEXT_COLUMNS = ("method", "source_table", "source_row", "source_method")


def _inert(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def _number(value: float | None) -> str:
    return "" if value is None else repr(value)


def _computed(result: Result, taxonomy: Taxonomy) -> float | None:
    metric = taxonomy.benchmarks.metrics.get(result.metric)
    return gain_from_scores(result, metric) if metric else None


def columns(taxonomy: Taxonomy) -> list[str]:
    axes = list(taxonomy.axis_ids)
    return [
        "paper", "year", "method", *axes, "result", "dataset", "metric",
        "teacher", "teacher_ensemble", "teacher_score", "teacher_distilled",
        "student", "student_score", "student_distilled", "gain", "gain_from_scores",
        "source_table", "source_survey", "source_row", "source_method", *(f"source_{axis}" for axis in axes), "doubts",
    ]


def _csv_row(paper: Paper, i: int, result: Result, taxonomy: Taxonomy) -> dict[str, str]:
    teacher = result.teacher
    row = {
        "paper": paper.id, "year": str(paper.year), "method": method_name(paper),
        **{axis: ";".join(paper.labels(axis)) for axis in taxonomy.axis_ids},
        "result": str(i), "dataset": result.dataset, "metric": result.metric,
        "teacher": teacher.arch if teacher else "",
        "teacher_ensemble": ("yes" if teacher.ensemble else "no") if teacher else "",
        "teacher_score": _number(teacher.score if teacher else None),
        "teacher_distilled": _number(teacher.distilled if teacher else None),
        "student": result.student.arch, "student_score": _number(result.student.score),
        "student_distilled": _number(result.student.distilled),
        "gain": _number(result.gain), "gain_from_scores": _number(_computed(result, taxonomy)),
        "source_table": result.source.table or "", "source_survey": result.source.survey or "",
        "source_row": result.source.row or "", "source_method": result.source.method or "",
        **{f"source_{axis}": ";".join(nodes) for axis, nodes in result.source.taxonomy.items()},
        "doubts": json.dumps(result.doubts, ensure_ascii=False) if result.doubts else "",
    }
    return row | {name: _inert(row[name]) for name in TEXT_COLUMNS}


def _all(papers: Iterable[Paper]) -> list[tuple[Paper, int, Result]]:
    return [(paper, i, result) for paper in sorted(papers, key=lambda p: p.id) for i, result in enumerate(paper.results)]


def to_csv(papers: Iterable[Paper], taxonomy: Taxonomy) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns(taxonomy), lineterminator="\n")
    writer.writeheader()
    for paper, i, result in _all(papers):
        writer.writerow(_csv_row(paper, i, result, taxonomy))
    return out.getvalue()


def to_json(papers: Iterable[Paper], taxonomy: Taxonomy) -> str:
    rows = [
        {
            "paper": paper.id,
            "year": paper.year,
            "method": method_name(paper),
            "labels": {axis: paper.labels(axis) for axis in taxonomy.axis_ids},
            "result": result.model_dump(mode="json", exclude_defaults=True),
            "gain_from_scores": _computed(result, taxonomy),
        }
        for paper, _, result in _all(papers)
    ]
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


# --- reading back --------------------------------------------------------------------------


def _float(text: str) -> float | None:
    return float(text) if text else None


def _result_from_csv(row: dict[str, str], taxonomy: Taxonomy) -> dict[str, Any]:
    row = row | {name: row[name][1:] if row[name].startswith("'") else row[name] for name in TEXT_COLUMNS}
    result: dict[str, Any] = {"dataset": row["dataset"], "metric": row["metric"]}
    if row["teacher"]:
        teacher: dict[str, Any] = {"arch": row["teacher"], "ensemble": row["teacher_ensemble"] == "yes"}
        for name in ("score", "distilled"):
            if row[f"teacher_{name}"]:
                teacher[name] = float(row[f"teacher_{name}"])
        result["teacher"] = teacher
    result["student"] = {"arch": row["student"], "score": _float(row["student_score"]), "distilled": float(row["student_distilled"])}
    result["gain"] = _float(row["gain"])
    source: dict[str, Any] = {name: row[f"source_{name}"] or None for name in ("table", "survey", "row", "method")}
    source["taxonomy"] = {axis: row[f"source_{axis}"].split(";") if row[f"source_{axis}"] else [] for axis in taxonomy.axis_ids}
    result["source"] = source
    result["doubts"] = json.loads(row["doubts"]) if row["doubts"] else []
    return result


def from_csv(text: str, taxonomy: Taxonomy) -> list[tuple[str, Result]]:
    """(paper id, result) for every row of a CSV that `to_csv` wrote."""
    model = result_model(taxonomy)
    return [(row["paper"], model.model_validate(_result_from_csv(row, taxonomy))) for row in csv.DictReader(io.StringIO(text))]


def from_json(text: str, taxonomy: Taxonomy) -> list[tuple[str, Result]]:
    """(paper id, result) for every row of a JSON file that `to_json` wrote."""
    model = result_model(taxonomy)
    return [(row["paper"], model.model_validate(row["result"])) for row in json.loads(text)]
