"""JSON export: every record's fields as written, and back to the same records."""

from __future__ import annotations

import json
from pathlib import Path

from sitegen.export.json import to_json
from sitegen.model import paper_model
from sitegen.pipeline import load_collection


def test_json_round_trips_to_the_same_records(collection: Path) -> None:
    loaded = load_collection(collection)
    text = to_json(loaded.papers)
    records = json.loads(text)
    assert [r["id"] for r in records] == sorted(p.id for p in loaded.papers)
    model = paper_model(loaded.taxonomy)
    again = [model.model_validate(r) for r in records]
    assert [p.model_dump() for p in again] == [p.model_dump() for p in loaded.papers]
    assert to_json(again) == text


def test_json_keeps_accents_as_characters(collection: Path) -> None:
    text = to_json(load_collection(collection).papers)
    assert "Schölkopf, B." in text and "\\u00f6" not in text
