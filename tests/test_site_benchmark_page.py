"""The performance page the site benchmark writes (benchmarks/site_benchmark.py): every stage it
times has its row, as a share of the build it belongs to."""

from __future__ import annotations

import dataclasses

from benchmarks.site_benchmark import REFERENCES_COLD, STAGES, Figures, markdown


def _figures() -> Figures:
    numbers = {f.name: 1 for f in dataclasses.fields(Figures) if f.name not in ("name", "query", "stages")}
    numbers.update(build_seconds=200.0, rebuild_seconds=100.0)
    return Figures(name="Synthetic 10", query="a query", stages={stage: 5.0 for stage in STAGES}, **numbers)


def test_every_timed_stage_has_its_row_and_share() -> None:
    rows = {line.split(" | ")[0].lstrip("| "): line for line in markdown([_figures()]).splitlines() if line.startswith("| … of which")}
    for stage in STAGES:
        row = next((line for label, line in rows.items() if stage.split(" (")[0].split(",")[0].lower() in label.lower()), None)
        assert row is not None, f"no row for the stage {stage!r}"
    # A stage's share is of the rebuild, the references without a cache of the first build.
    assert rows["… of which related work (every paper page)"].endswith("| 5.0 s (5 %) |")
    cold = next(line for label, line in rows.items() if "first build" in label)
    assert cold.endswith("| 5.0 s (2 %) |") and REFERENCES_COLD.startswith("APA and IEEE references")
    # Rendered while the rest of the build runs, the references add what the page generation
    # takes with an empty cache beyond its time from the cache: a share of the first build.
    added = next(line for label, line in rows.items() if "what they add" in label)
    assert added.endswith("| 5.0 s (2 %) |")
