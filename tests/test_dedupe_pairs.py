"""Duplicate detection on labelled real pairs: precision and recall above 95 % (the figures are in docs/matching.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.matching_benchmark import PAIRS, load_pairs, measure, table

DOCS = Path(__file__).resolve().parent.parent / "docs" / "matching.md"


@pytest.fixture(scope="module")
def pairs() -> list[dict]:
    return load_pairs(PAIRS)


def test_the_pair_set_holds_both_kinds_and_says_why(pairs) -> None:
    assert len(pairs) >= 300
    assert sum(p["same"] for p in pairs) >= 200 and sum(not p["same"] for p in pairs) >= 50
    assert all(p["evidence"] and p["a"]["source"] and p["b"]["source"] for p in pairs)


def test_precision_and_recall_above_95_percent_as_sources_give_the_pairs(pairs) -> None:
    scores = measure(pairs, with_ids=True)
    assert scores.flagged_precision > 0.95, scores.misses
    assert scores.flagged_recall > 0.95, scores.misses
    assert scores.merged_precision == 1.0, [m for m in scores.misses if m[0] == "wrongly merged"]
    assert scores.merged_recall > 0.95


def test_titles_authors_and_years_alone_still_find_most_pairs(pairs) -> None:
    scores = measure(pairs, with_ids=False)
    assert scores.flagged_precision > 0.95
    assert scores.flagged_recall > 0.95
    assert scores.merged_precision == 1.0


def test_the_docs_state_the_measured_figures(pairs) -> None:
    assert table(pairs) in DOCS.read_text(encoding="utf-8")
