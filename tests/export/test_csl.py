"""CSL-JSON export: read back by an independent citeproc processor (citeproc-py)."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from sitegen.export.csl import csl_name, item, to_csl_json
from sitegen.pipeline import Collection, load_collection

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "data" / "site" / "papers"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Collection:
    folder = tmp_path_factory.mktemp("csl")
    for name in ("taxonomy.yaml", "venues.yaml"):
        shutil.copyfile(ROOT / name, folder / name)
    shutil.copytree(TINY, folder / "papers")
    return load_collection(folder)


def render_bibliography(items: list[dict]) -> list[str]:
    """The items as a formatted bibliography, by citeproc-py with its bundled Harvard style."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # citeproc-py does not know 'citation-key' yet
        source = CiteProcJSON(items)
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        for entry in items:
            bibliography.register(Citation([CitationItem(entry["id"])]))
        return [str(text) for text in bibliography.bibliography()]


def test_citeproc_formats_every_record(tiny: Collection) -> None:
    items = json.loads(to_csl_json(tiny.papers, tiny.taxonomy))
    rendered = render_bibliography(items)
    assert len(rendered) == len(tiny.papers)
    for paper in tiny.papers:
        family = paper.authors[0].split(",")[0]
        # citeproc quotes and keeps the title; find the entry by its first author and year
        match = [r for r in rendered if r.startswith(family) and f"({paper.year})" in r and paper.title[:20] in r]
        assert match, paper.id


def test_items_are_sorted_and_stable(tiny: Collection) -> None:
    text = to_csl_json(reversed(tiny.papers), tiny.taxonomy)
    assert text == to_csl_json(tiny.papers, tiny.taxonomy)
    ids = [i["id"] for i in json.loads(text)]
    assert ids == sorted(ids)


def test_real_collection_converts(tmp_path: Path) -> None:
    collection = load_collection(ROOT)
    items = json.loads(to_csl_json(collection.papers, collection.taxonomy))
    assert [i["id"] for i in items] == [p.id for p in collection.papers]
    assert all(i["title"] and i["author"] and i["issued"]["date-parts"][0][0] for i in items)


def test_types_and_venues(tiny: Collection) -> None:
    by_id = {p.id: p for p in tiny.papers}
    conference = item(by_id["park2019relational"], tiny.taxonomy)
    assert conference["type"] == "paper-conference"
    assert conference["container-title"] == tiny.taxonomy.venues["cvpr"].name
    assert conference["title-short"] == "RKD"
    preprint = item(by_id["hinton2015distilling"], tiny.taxonomy)
    assert preprint["type"] == "article"
    assert preprint["number"] == "arXiv:1503.02531"
    assert "container-title" not in preprint
    assert preprint["URL"] == "https://arxiv.org/abs/1503.02531"


@pytest.mark.parametrize(
    "written, expected",
    [
        pytest.param("Hinton, G. E.", {"family": "Hinton", "given": "G. E."}, id="family_given"),
        pytest.param("King, Jr., M. L.", {"family": "King", "given": "M. L.", "suffix": "Jr."}, id="suffix"),
        pytest.param("Plato", {"family": "Plato"}, id="one_name"),
    ],
)
def test_names(written: str, expected: dict[str, str]) -> None:
    assert csl_name(written) == expected


def test_text_survives_json_round_trip(tiny: Collection) -> None:
    hostile = next(p for p in tiny.papers if p.id == "hostile2020script")
    back = json.loads(to_csl_json([hostile], tiny.taxonomy))[0]
    assert back["title"] == hostile.title
    assert back["author"][1] == {"family": "<b>Bold</b>", "given": "Q."}


def test_a_name_kept_whole_is_a_literal_name() -> None:
    from sitegen.export.csl import csl_name

    assert csl_name("{OpenAI}") == {"literal": "OpenAI"}
    assert csl_name("{Google, Inc.}") == {"literal": "Google, Inc."}
