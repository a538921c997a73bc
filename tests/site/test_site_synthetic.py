"""The synthetic collections the benchmarks build: valid, without duplicates, reproducible."""

from __future__ import annotations

from pathlib import Path

from benchmarks.synthetic import generate
from sitegen.pipeline import load_collection


def test_synthetic_records_pass_check(tmp_path: Path) -> None:
    paths = generate(120, tmp_path / "c", seed=3)
    collection = load_collection(tmp_path / "c")
    assert len(paths) == len(collection.papers) == 120
    assert collection.problems == []  # no error, no warning, no probable duplicate
    assert {p.scope for p in collection.papers} == {"core", "related"}
    for axis in collection.taxonomy.axis_ids:
        assert any(p.labels(axis) for p in collection.papers), axis


def test_same_seed_same_files(tmp_path: Path) -> None:
    first = generate(30, tmp_path / "a", seed=7)
    second = generate(30, tmp_path / "b", seed=7)
    assert [p.name for p in first] == [p.name for p in second]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second))
    assert [p.name for p in generate(30, tmp_path / "c", seed=8)] != [p.name for p in first]
