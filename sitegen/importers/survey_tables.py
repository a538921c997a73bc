"""Read the survey's result tables (Tables 5 and 6: methods compared on CIFAR-10 and CIFAR-100)
from sources/survey/citations.tsv into results as a record holds them.

A row reads, cell by cell (` | ` between cells):

    Offline;FeaK | AE-KD (Du et al., 2020) | FeaK | ResNet56 (-) | MobileNetV2 (75.97) | 77.07 (1.10 ↑ )

the part of the table the row sits in and its knowledge (read off the layout), the method as
printed, the knowledge column, the teacher and its score, the student and its baseline, and the
distilled score with the gain. The forms the tables use, and how each is read:

- a teacher score of `(-)`: the survey gives none, so the teacher has no score (not zero);
- a teacher of `-`: no teacher (self-distillation);
- a teacher of `Student ensemble` or `ResNet32+ONE`: an ensemble of networks trained together,
  of the student's architecture or of the one named;
- two distilled scores, `95.75, 93.18`: teacher and student both trained (online distillation),
  the teacher's score first; the gain printed is the student's;
- a decimal comma (`58,65`): read as a decimal point, and reported as a repair.

The gain is kept as printed, even where the scores give another: that is for the curator to
judge (see `sitegen.results`). The table's notation for knowledge and scheme is the survey's
own, mapped to taxonomy ids here.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.taxonomy import Taxonomy

RESULT_TABLES = {"table5": "cifar-10", "table6": "cifar-100"}  # the survey's tables of results, and their dataset
METRIC = "top1-accuracy"  # both tables give top-1 accuracy in per cent
# The survey's abbreviations in its tables, as taxonomy ids.
KNOWLEDGE = {"ResK": "response-based", "FeaK": "feature-based", "RelK": "relation-based"}
SCHEME = {"Offline": "offline", "Online": "online", "Self": "self-distillation"}

_NUMBER = r"\d+(?:[.,]\d+)?"
_NETWORK = re.compile(rf"^(?P<arch>.+?)\s*\((?P<score>{_NUMBER}|-)\)$")
_DISTILLED = re.compile(rf"^(?P<scores>{_NUMBER}(?:\s*,\s*{_NUMBER})?)\s*\((?P<gain>-?{_NUMBER})\s*[↑↓]?\s*\)$")
_ENSEMBLE = re.compile(r"^(?P<arch>.+?)\+(?P<method>\w+)$")


@dataclass
class SurveyRow:
    """One row of a result table: where it is, what it says, and how it reads as a result."""

    key: str  # the survey's reference key of the work the row cites
    table: str  # table5, table6
    text: str  # the row as citations.tsv gives it
    result: dict[str, Any] = field(default_factory=dict)
    repairs: list[str] = field(default_factory=list)
    failure: str | None = None


def _number(text: str, repairs: list[str], what: str) -> float:
    if "," in text:
        repairs.append(f"{what} '{text}' read as {text.replace(',', '.')} (a decimal comma)")
        text = text.replace(",", ".")
    return float(text)


def parse_row(key: str, table: str, text: str, taxonomy: Taxonomy) -> SurveyRow:
    """The row as a result mapping (architectures as registry ids), or with a failure that says why."""
    row = SurveyRow(key, table, text)
    cells = [c.strip() for c in text.split(" | ")]
    if len(cells) != 6:
        row.failure = f"expected 6 cells, found {len(cells)}"
        return row
    layout, method_cell, knowledge_cell, teacher_cell, student_cell, distilled_cell = cells
    registry = taxonomy.benchmarks

    def arch(name: str) -> str | None:
        found = registry.resolve_architecture(name)
        if found is None:
            row.failure = f"network '{name}' is not in architectures.yaml"
        return found

    scheme = SCHEME.get(layout.split(";")[0])
    knowledge = [KNOWLEDGE.get(k.strip()) for k in knowledge_cell.split(",")]
    if scheme is None or None in knowledge:
        row.failure = f"unknown scheme or knowledge in '{layout}' / '{knowledge_cell}'"
        return row
    student = _NETWORK.match(student_cell)
    distilled = _DISTILLED.match(distilled_cell)
    if not student or student.group("score") == "-" or not distilled:
        row.failure = f"cannot read the student '{student_cell}' or the result '{distilled_cell}'"
        return row
    student_arch = arch(student.group("arch"))
    # '95.75, 93.18' is two scores; '58,65' (no space) is one, with a decimal comma.
    scores = [_number(part, row.repairs, "distilled score") for part in re.split(r",\s+", distilled.group("scores"))]
    result: dict[str, Any] = {"dataset": RESULT_TABLES[table], "metric": METRIC}
    teacher: dict[str, Any] | None = None
    network = _NETWORK.match(teacher_cell)
    ensemble = _ENSEMBLE.match(teacher_cell)
    if teacher_cell == "-":
        teacher = None
    elif teacher_cell.casefold() == "student ensemble":
        teacher = {"arch": student_arch, "ensemble": True}
    elif ensemble:
        teacher = {"arch": arch(ensemble.group("arch")), "ensemble": True}
    elif network:
        teacher = {"arch": arch(network.group("arch"))}
        if network.group("score") != "-":
            teacher["score"] = _number(network.group("score"), row.repairs, "teacher score")
    else:
        row.failure = f"cannot read the teacher '{teacher_cell}'"
        return row
    if len(scores) == 2:
        if teacher is None:
            row.failure = "two distilled scores but no teacher"
            return row
        teacher["distilled"] = scores[0]
    if teacher is not None:
        result["teacher"] = teacher
    result["student"] = {
        "arch": student_arch,
        "score": _number(student.group("score"), row.repairs, "student score"),
        "distilled": scores[-1],
    }
    result["gain"] = _number(distilled.group("gain"), row.repairs, "gain")
    named = re.match(r"^(?P<method>.+?) \((?P<cite>[^()]*\d{4}[a-z]?)\)$", method_cell)
    source: dict[str, Any] = {"survey": table, "row": method_cell}
    if named and "," in named.group("cite"):  # 'FT (Kim et al., 2018)' names a method; 'Xu and Liu (2019)' only cites
        source["method"] = named.group("method")
    source["taxonomy"] = {"knowledge": knowledge, "scheme": [scheme]}
    result["source"] = source
    if row.failure is None:  # a network not in the registry leaves no result
        row.result = result
    return row


def read_survey_results(citations: Path, taxonomy: Taxonomy) -> list[SurveyRow]:
    """Every row of the survey's result tables, in the file's order."""
    rows = []
    with open(citations, encoding="utf-8") as handle:
        for entry in csv.DictReader(handle, delimiter="\t"):
            if entry["section"] in RESULT_TABLES:
                rows.append(parse_row(entry["key"], entry["section"], entry["table_row"], taxonomy))
    return rows
