"""Reading the survey's result tables: each form a row takes, as a named case."""

from __future__ import annotations

import pytest

from sitegen.importers.survey_tables import parse_row


@pytest.mark.parametrize(
    "row, teacher, student, gain, source",
    [
        pytest.param(
            "Offline;FeaK | FT (Kim et al., 2018) | FeaK | ResNet56 (93.61) | ResNet20 (92.22) | 93.15 (0.93 ↑ )",
            {"arch": "resnet56", "score": 93.61}, {"arch": "resnet20", "score": 92.22, "distilled": 93.15}, 0.93,
            {"survey": "table5", "row": "FT (Kim et al., 2018)", "method": "FT", "taxonomy": {"knowledge": ["feature-based"], "scheme": ["offline"]}},
            id="plain_row",
        ),
        pytest.param(
            "Offline;FeaK | AE-KD (Du et al., 2020) | FeaK | ResNet56 (-) | MobileNetV2 (75.97) | 77.07 (1.10 ↑ )",
            {"arch": "resnet56"}, {"arch": "mobilenetv2", "score": 75.97, "distilled": 77.07}, 1.10,
            {"survey": "table5", "row": "AE-KD (Du et al., 2020)", "method": "AE-KD", "taxonomy": {"knowledge": ["feature-based"], "scheme": ["offline"]}},
            id="teacher_score_not_given",
        ),
        pytest.param(
            "Self;ResK,FeaK | Xu and Liu (2019) | ResK, FeaK | - | ResNet32 (92.78) | 93.68 (0.90 ↑ )",
            None, {"arch": "resnet32", "score": 92.78, "distilled": 93.68}, 0.90,
            {"survey": "table5", "row": "Xu and Liu (2019)", "taxonomy": {"knowledge": ["response-based", "feature-based"], "scheme": ["self-distillation"]}},
            id="no_teacher_and_no_method_name",
        ),
        pytest.param(
            "Online;ResK | DML (Zhang et al., 2018b) | ResK | WRN-28-10 (95.01) | ResNet32 (92.47) | 95.75, 93.18 (0.71 ↑ )",
            {"arch": "wrn-28-10", "score": 95.01, "distilled": 95.75}, {"arch": "resnet32", "score": 92.47, "distilled": 93.18}, 0.71,
            {"survey": "table5", "row": "DML (Zhang et al., 2018b)", "method": "DML", "taxonomy": {"knowledge": ["response-based"], "scheme": ["online"]}},
            id="two_distilled_scores",
        ),
        pytest.param(
            "Online;ResK | PCL (Wu and Gong, 2021) | ResK | Student ensemble | ResNet110 (94.91) | 95.53 (0.62 ↑ )",
            {"arch": "resnet110", "ensemble": True}, {"arch": "resnet110", "score": 94.91, "distilled": 95.53}, 0.62,
            {"survey": "table5", "row": "PCL (Wu and Gong, 2021)", "method": "PCL", "taxonomy": {"knowledge": ["response-based"], "scheme": ["online"]}},
            id="student_ensemble_as_teacher",
        ),
        pytest.param(
            "Online;ResK | ONE (Zhu and Gong, 2018) | ResK | ResNet32+ONE | ResNet32 (93.07) | 94.01 (0.84 ↑ )",
            {"arch": "resnet32", "ensemble": True}, {"arch": "resnet32", "score": 93.07, "distilled": 94.01}, 0.84,
            {"survey": "table5", "row": "ONE (Zhu and Gong, 2018)", "method": "ONE", "taxonomy": {"knowledge": ["response-based"], "scheme": ["online"]}},
            id="branch_ensemble_as_teacher_and_gain_kept_as_printed",
        ),
    ],
)
def test_each_form_of_row(taxonomy, row: str, teacher, student, gain: float, source) -> None:
    read = parse_row("Key|2020", "table5", row, taxonomy)
    assert read.failure is None and read.repairs == []
    expected = {"dataset": "cifar-10", "metric": "top1-accuracy", **({"teacher": teacher} if teacher else {}),
                "student": student, "gain": gain, "source": source}
    assert read.result == expected


def test_a_decimal_comma_is_read_and_reported(taxonomy) -> None:
    read = parse_row("Liu|2019c", "table6", "Offline;FeaK | KR (Liu et al., 2019c) | FeaK | ResNet32 (64.06) | ResNet14 (58,65) | 63.95 (5.30 ↑ )", taxonomy)
    assert read.result["student"] == {"arch": "resnet14", "score": 58.65, "distilled": 63.95}
    assert read.result["dataset"] == "cifar-100"
    assert read.repairs == ["student score '58,65' read as 58.65 (a decimal comma)"]


@pytest.mark.parametrize(
    "row, failure",
    [
        pytest.param("Offline;FeaK | FT (Kim et al., 2018) | FeaK | ResNet56 (93.61)", "expected 6 cells, found 4", id="cells_missing"),
        pytest.param("Offline;FeaK | X (Y et al., 2020) | FeaK | ResNet56 (93.61) | GhostNet (70.00) | 71.00 (1.00 ↑ )",
                     "network 'GhostNet' is not in architectures.yaml", id="network_not_in_the_registry"),
        pytest.param("Sideways;FeaK | X (Y et al., 2020) | FeaK | ResNet56 (93.61) | ResNet20 (70.00) | 71.00 (1.00 ↑ )",
                     "unknown scheme or knowledge in 'Sideways;FeaK' / 'FeaK'", id="unknown_scheme"),
        pytest.param("Offline;FeaK | X (Y et al., 2020) | FeaK | ResNet56 (93.61) | ResNet20 (-) | 71.00 (1.00 ↑ )",
                     "cannot read the student 'ResNet20 (-)' or the result '71.00 (1.00 ↑ )'", id="student_without_baseline"),
        pytest.param("Self;ResK | X (Y et al., 2020) | ResK | - | ResNet20 (70.00) | 72.00, 71.00 (1.00 ↑ )",
                     "two distilled scores but no teacher", id="two_scores_without_a_teacher"),
    ],
)
def test_a_row_that_cannot_be_read_says_why(taxonomy, row: str, failure: str) -> None:
    read = parse_row("Key|2020", "table5", row, taxonomy)
    assert read.failure == failure and read.result == {}
