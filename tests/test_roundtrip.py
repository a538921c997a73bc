"""Every format we write reads back to the same record: YAML, JSON and BibTeX, on arbitrary text
and on the field forms that need care: verbatim DOIs, page text, numbers kept as text, names
kept whole, LaTeX math in titles (tests/strategies.py)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sitegen import normalize
from sitegen.document import parse_yaml
from sitegen.export.bibtex import to_bibtex
from sitegen.export.json import record_dict, to_json
from sitegen.fmt import render
from sitegen.importers.bibtex import read_bibtex
from sitegen.importers.draft import to_record
from sitegen.model import paper_model
from tests.strategies import records, results

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _paper(taxonomy, fields):
    try:
        return normalize.normalize(paper_model(taxonomy).model_validate(fields), taxonomy)
    except ValidationError:
        assume(False)


@SETTINGS
@given(records())
def test_yaml_round_trip(taxonomy, fields) -> None:
    paper = _paper(taxonomy, fields)
    text = render(paper)
    again = paper_model(taxonomy).model_validate(parse_yaml(text.encode("utf-8"), "r.yaml").data)
    assert again.model_dump() == paper.model_dump()
    assert render(again) == text


@SETTINGS
@given(records())
def test_json_round_trip(taxonomy, fields) -> None:
    paper = _paper(taxonomy, fields)
    text = to_json([paper])
    again = _paper(taxonomy, json.loads(text)[0])
    assert to_json([again]) == text


@SETTINGS
@given(records())
def test_bibtex_export_import_export_is_a_fixpoint(taxonomy, fields) -> None:
    paper = _paper(taxonomy, fields)
    first = to_bibtex([paper], taxonomy)
    drafts, failures = read_bibtex(first, "all.bib")
    assert failures == []
    assert len(drafts) == 1
    back = to_record(drafts[0], taxonomy)
    # What BibTeX does not carry (scope, labels, notes) comes from the original record.
    back.update({k: v for k, v in record_dict(paper).items() if k in ("id", "scope", "taxonomy", "note")})
    again = _paper(taxonomy, back)
    assert to_bibtex([again], taxonomy) == first
    assert (again.title, again.authors, again.year) == (paper.title, paper.authors, paper.year)
    # Verbatim fields, page text and numbers written as text come back exactly (a number may come
    # back as its digits: BibTeX does not tell 12 from '12').
    assert again.doi == paper.doi
    for name in ("volume", "number", "pages"):
        before, after = getattr(paper, name), getattr(again, name)
        assert (None if after is None else str(after)) == (None if before is None else str(before)), name


@SETTINGS
@given(records(), st.lists(results(), min_size=1, max_size=3))
def test_results_round_trip_through_yaml_csv_and_json(taxonomy, fields, written) -> None:
    from sitegen.export.results import from_csv, from_json, to_csv, to_json as results_json

    paper = _paper(taxonomy, {**fields, "results": written})
    text = render(paper)
    again = paper_model(taxonomy).model_validate(parse_yaml(text.encode("utf-8"), "r.yaml").data)
    assert again.model_dump() == paper.model_dump()
    assert render(again) == text
    held = [(paper.id, r.model_dump()) for r in paper.results]
    assert [(i, r.model_dump()) for i, r in from_csv(to_csv([paper], taxonomy), taxonomy)] == held
    assert [(i, r.model_dump()) for i, r in from_json(results_json([paper], taxonomy), taxonomy)] == held
