"""Results in a record: what `check` says of each bad one, as `path:line:col:` with a hint, and
what it accepts (aliases, a printed gain the scores contradict when a doubt says why)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.results import gain_from_scores, tolerance

from tests.conftest import ROOT

RECORD = "papers/park2019relational.yaml"
# The survey's Table 6 row for RKD, as the record holds it: results start on line 24.
RESULT = """\
results:
  - dataset: cifar-100
    metric: top1-accuracy
    teacher:
      arch: resnet50
      score: 77.76
    student:
      arch: vgg11
      score: 71.26
      distilled: 74.66
    gain: 3.4
    source:
      survey: table6
      row: RKD (Park et al., 2019)
      method: RKD
      taxonomy:
        knowledge: [relation-based]
        scheme: [offline]
"""


@pytest.fixture
def results_collection(collection: Path) -> Path:
    """The tiny test collection with the benchmark and architecture registries beside it."""
    for name in ("benchmarks.yaml", "architectures.yaml"):
        shutil.copy(ROOT / name, collection / name)
    return collection


def _with(folder: Path, results: str) -> None:
    path = folder / RECORD
    path.write_text(path.read_text(encoding="utf-8") + results, encoding="utf-8")


def test_a_result_as_the_survey_prints_it_passes(results_collection: Path, cli) -> None:
    _with(results_collection, RESULT)
    result = cli("check", "--strict")
    assert (result.code, result.err) == (0, "checked 10 records: 0 errors, 0 warnings in 0 files: ok\n")


BAD = [
    pytest.param(
        RESULT.replace("distilled: 74.66", "distilled: 746.6"),
        ["papers/park2019relational.yaml:33:18: error: results[0].student.distilled: 746.6 is outside the range of Top-1 accuracy (0-100 %); did you mean 74.66?"],
        id="score_above_the_metric_range",
    ),
    pytest.param(
        RESULT.replace("score: 77.76", "score: -77.76"),
        ["papers/park2019relational.yaml:29:14: error: results[0].teacher.score: -77.76 is outside the range of Top-1 accuracy (0-100 %); did you mean 77.76?"],
        id="negative_score",
    ),
    pytest.param(
        RESULT.replace("gain: 3.4", "gain: 4.3"),
        ["papers/park2019relational.yaml:34:11: error: results[0].gain: 4.3 does not match the scores (74.66 - 71.26 = 3.40); did you mean 3.40? "
         "If the source prints 4.3, keep it and say so under results[0].doubts"],
        id="gain_that_does_not_match_the_scores",
    ),
    pytest.param(
        RESULT.replace("dataset: cifar-100", "dataset: CIFAR-1000"),
        ["papers/park2019relational.yaml:25:14: error: results[0].dataset: unknown dataset 'CIFAR-1000'; did you mean 'cifar-100'?"],
        id="unknown_dataset",
    ),
    pytest.param(
        RESULT.replace("arch: resnet50", "arch: ResNt-50"),
        ["papers/park2019relational.yaml:28:13: error: results[0].teacher.arch: unknown architecture 'ResNt-50'; did you mean 'resnet50'?"],
        id="unknown_architecture",
    ),
    pytest.param(
        RESULT.replace("arch: vgg11", "arch: EfficientNet-B0"),
        ["papers/park2019relational.yaml:31:13: error: results[0].student.arch: unknown architecture 'EfficientNet-B0' (add it to architectures.yaml if it is new)"],
        id="architecture_not_in_the_registry",
    ),
    pytest.param(
        RESULT.replace("metric: top1-accuracy", "metric: top1-acuracy"),
        ["papers/park2019relational.yaml:26:13: error: results[0].metric: unknown metric 'top1-acuracy'; did you mean 'top1-accuracy'?"],
        id="unknown_metric",
    ),
    pytest.param(
        RESULT.replace("metric: top1-accuracy", "metric: top5-accuracy"),
        ["papers/park2019relational.yaml:26:13: error: results[0].metric: results on cifar-100 are not reported in top5-accuracy "
         "(benchmarks.yaml lists top1-accuracy, top1-error); did you mean 'top1-accuracy'?"],
        id="metric_the_dataset_does_not_report",
    ),
    pytest.param(
        RESULT.replace("score: 71.26", "score: '71,26'"),
        ["papers/park2019relational.yaml:32:14: error: results[0].student.score: expected a number, got text '71,26'"],
        id="score_written_as_text",
    ),
    pytest.param(
        RESULT.replace("      distilled: 74.66\n", ""),
        ["papers/park2019relational.yaml:31:7: error: missing required field 'distilled' in results[0].student"],
        id="student_without_distilled_score",
    ),
    pytest.param(
        RESULT.replace("    teacher:", "    techer:"),
        ["papers/park2019relational.yaml:27:5: error: unknown field 'techer' in results[0]; did you mean 'teacher'?"],
        id="mistyped_field_inside_a_result",
    ),
    pytest.param(
        RESULT.replace("      survey: table6\n      row: RKD (Park et al., 2019)\n", ""),
        ["papers/park2019relational.yaml:36:7: error: results[0].source: give either the paper's own table (table: Table 2) "
         "or the survey's table and row (survey: table6, row: ...), not neither"],
        id="source_without_a_table",
    ),
    pytest.param(
        RESULT.replace("      row: RKD (Park et al., 2019)\n", "      table: Table 3\n"),
        ["papers/park2019relational.yaml:36:7: error: results[0].source: give either the paper's own table (table: Table 2) "
         "or the survey's table and row (survey: table6, row: ...), not both",
         "papers/park2019relational.yaml:36:15: error: results[0].source: a survey table needs the row, as the table prints its method cell (row: ...)"],
        id="source_with_both_tables_and_no_row",
    ),
    pytest.param(
        RESULT.replace("survey: table6", "survey: table9"),
        ["papers/park2019relational.yaml:36:15: error: results[0].source.survey: unknown survey table 'table9'; did you mean 'table1'?"],
        id="unknown_survey_table",
    ),
    pytest.param(
        RESULT.replace("survey: table6", "survey: table5"),
        ["papers/park2019relational.yaml:36:15: error: results[0].source.survey: table5 is not among the record's survey sections; add it to survey"],
        id="survey_table_the_record_does_not_cite",
    ),
    pytest.param(
        RESULT.replace("knowledge: [relation-based]", "knowledge: [feature-based]"),
        ["papers/park2019relational.yaml:40:20: error: results[0].source.taxonomy.knowledge: the source gives feature-based, the record's labels are "
         "relation-based; keep the record's labels and say why under results[0].doubts, or change the labels"],
        id="source_labels_that_disagree_with_the_record",
    ),
    pytest.param(
        RESULT.replace("method: RKD", "method: SP"),
        ["papers/park2019relational.yaml:38:15: error: results[0].source.method: the source names the method 'SP', the record's short name is 'RKD'; "
         "a result belongs to the record of its method: move it there, or say why under results[0].doubts"],
        id="method_that_is_not_the_records",
    ),
    pytest.param(
        RESULT + RESULT.split("\n", 1)[1].replace("gain: 3.4", "gain: 3.40"),
        ["papers/park2019relational.yaml:42:5: error: results[1] repeats results[0] (same dataset, networks, scores and source)"],
        id="the_same_result_twice",
    ),
]


@pytest.mark.parametrize("results, expected", BAD)
def test_check_reports_each_bad_result_where_it_is(results_collection: Path, cli, results: str, expected: list[str]) -> None:
    _with(results_collection, results)
    result = cli("check")
    assert result.code == 1
    assert [line for line in result.out.splitlines() if ": error: " in line] == expected


def test_a_printed_gain_the_scores_contradict_passes_with_a_doubt(results_collection: Path, cli) -> None:
    _with(results_collection, RESULT.replace("gain: 3.4", "gain: 4.3") + "    doubts:\n      - The survey prints 4.3; the scores give 3.40.\n")
    assert cli("check", "--strict").code == 0


def test_a_gain_within_one_unit_of_rounding_passes(results_collection: Path, cli) -> None:
    # 74.66 - 71.26 = 3.40; sources round scores and gains apart, so 3.41 is the same gain.
    _with(results_collection, RESULT.replace("gain: 3.4", "gain: 3.41"))
    assert cli("check", "--strict").code == 0


def test_an_error_metric_gains_when_the_error_falls(results_collection: Path, cli) -> None:
    _with(results_collection, RESULT.replace("top1-accuracy", "top1-error").replace("gain: 3.4", "gain: -3.4"))
    assert cli("check", "--strict").code == 0


@pytest.mark.parametrize("written", ["ResNet-50", "ResNet50", "resnet50", "RESNET 50"])
def test_any_form_of_an_architecture_name_is_one_network_and_fmt_writes_its_id(results_collection: Path, cli, written: str) -> None:
    _with(results_collection, RESULT.replace("arch: resnet50", f"arch: {written}").replace("dataset: cifar-100", "dataset: CIFAR100"))
    checked = cli("check")
    assert checked.code == 0
    if written != "resnet50":
        assert f"papers/park2019relational.yaml:28:13: warning: results[0].teacher.arch is not in canonical form; `sitegen fmt` would write 'resnet50'" in checked.out
    assert cli("fmt", RECORD).code == 0
    assert (results_collection / RECORD).read_text(encoding="utf-8").endswith(RESULT)
    assert cli("check", "--strict").code == 0


def test_gain_from_scores_and_its_tolerance(taxonomy) -> None:
    from sitegen.model import paper_model

    record = paper_model(taxonomy).model_validate({
        "id": "smith2020good", "title": "A good record", "authors": ["Smith, A."], "year": 2020, "venue": "cvpr",
        "type": "inproceedings", "scope": "core", "taxonomy": {"knowledge": ["response-based"]},
        "results": [{"dataset": "cifar-10", "metric": "top1-accuracy", "student": {"arch": "resnet32", "score": 93.07, "distilled": 94.01},
                     "gain": 0.84, "source": {"table": "Table 1"}}],
    })
    metric = taxonomy.benchmarks.metrics["top1-accuracy"]
    assert gain_from_scores(record.results[0], metric) == 0.94
    assert tolerance(metric) == pytest.approx(0.01)
    no_baseline = record.results[0].model_copy(update={"student": record.results[0].student.model_copy(update={"score": None})})
    assert gain_from_scores(no_baseline, metric) is None


def test_fmt_writes_a_score_of_zero(taxonomy) -> None:
    # 0.0 equals False in Python: a score of zero must not be taken for an unset value.
    from sitegen.fmt import render
    from sitegen.model import paper_model

    record = paper_model(taxonomy).model_validate({
        "id": "smith2020good", "title": "A good record", "authors": ["Smith, A."], "year": 2020, "venue": "cvpr",
        "type": "inproceedings", "scope": "core", "taxonomy": {"knowledge": ["response-based"]},
        "results": [{"dataset": "cifar-10", "metric": "top1-error", "teacher": {"arch": "resnet56", "score": 0.0},
                     "student": {"arch": "resnet20", "score": 0, "distilled": 0.0}, "gain": 0, "source": {"table": "Table 1"}}],
    })
    assert render(record).endswith(
        "    teacher:\n      arch: resnet56\n      score: 0.0\n    student:\n      arch: resnet20\n      score: 0.0\n"
        "      distilled: 0.0\n    gain: 0.0\n    source:\n      table: Table 1\n"
    )
