"""The committed JSON Schema: up to date with the model and the taxonomy, and agreeing with `check`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from sitegen.document import read_yaml
from sitegen.fmt import SCHEMA_LINE
from sitegen.schema import REGENERATE, SCHEMA_FILE, render_schema
from sitegen.taxonomy import Taxonomy
from tests.contrib import DATA, REPO, enter_collection, run_cli


@pytest.fixture
def contrib_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return enter_collection(tmp_path, monkeypatch)


def test_committed_schema_is_up_to_date() -> None:
    committed = (REPO / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == render_schema(Taxonomy.load(REPO)), f"{SCHEMA_FILE} is stale; regenerate it: {REGENERATE}"


def test_records_point_editors_at_the_committed_schema() -> None:
    relative = SCHEMA_LINE.split("$schema=", 1)[1]
    assert (REPO / "papers" / relative).resolve() == (REPO / SCHEMA_FILE).resolve()


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / SCHEMA_FILE).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", sorted((DATA / "papers").glob("*.yaml")), ids=lambda p: p.stem)
def test_valid_records_satisfy_the_schema(validator, path: Path) -> None:
    assert list(validator.iter_errors(read_yaml(path).data)) == []


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        pytest.param({"taxonomy": {"knowledge": ["feature-base"]}}, "'feature-base' is not one of", id="unknown_taxonomy_id"),
        pytest.param({"taxonomy": {"knowlege": ["feature-based"]}}, "Additional properties are not allowed", id="unknown_axis"),
        pytest.param({"venue": "cvrp"}, "is not valid under any of the given schemas", id="unknown_venue"),
        pytest.param({"survey": ["9.9"]}, "'9.9' is not one of", id="unknown_survey_section"),
        pytest.param({"titel": "x"}, "Additional properties are not allowed ('titel' was unexpected)", id="misspelt_field"),
        pytest.param({"year": "2019"}, "'2019' is not of type 'integer'", id="year_as_text"),
        pytest.param({"scope": "central"}, "'central' is not one of ['core', 'related']", id="unknown_scope"),
    ],
)
def test_records_check_rejects_break_the_schema_too(validator, change: dict, complaint: str) -> None:
    record = read_yaml(DATA / "papers/park2019relational.yaml").data | change
    messages = [error.message for error in validator.iter_errors(record)]
    assert any(complaint in m for m in messages), messages


def test_schema_command(capsys, monkeypatch, contrib_root: Path) -> None:
    wrote = run_cli(capsys, monkeypatch, "schema", "-o", "schema/paper.schema.json")
    assert (wrote.code, wrote.out, wrote.err) == (0, "", "wrote schema/paper.schema.json\n")
    fresh = run_cli(capsys, monkeypatch, "schema", "--check", "-o", "schema/paper.schema.json")
    assert (fresh.code, fresh.out, fresh.err) == (0, "", "schema/paper.schema.json is up to date\n")
    with (contrib_root / "venues.yaml").open("a", encoding="utf-8") as out:
        out.write("  - id: new-venue\n    short: NV\n    name: A New Venue\n    kind: conference\n")
    stale = run_cli(capsys, monkeypatch, "schema", "--check", "-o", "schema/paper.schema.json")
    assert (stale.code, stale.out, stale.err) == (
        1, "", "schema/paper.schema.json is out of date; regenerate it: python -m sitegen schema -o schema/paper.schema.json\n"
    )
    printed = run_cli(capsys, monkeypatch, "schema")
    assert printed.code == 0 and "new-venue" in json.loads(printed.out)["properties"]["venue"]["anyOf"][0]["enum"]


def test_schema_check_needs_a_file(capsys, monkeypatch, contrib_root: Path) -> None:
    result = run_cli(capsys, monkeypatch, "schema", "--check")
    assert (result.code, result.out, result.err) == (2, "", "sitegen schema: --check needs --output, the file to compare with\n")
