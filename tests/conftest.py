"""Shared fixtures: a copy of the tiny test collection as the working folder, and the CLI."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitegen.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Result:
    code: int
    out: str
    err: str


def enter_copy(papers: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`papers` with the real taxonomy and venues, copied into `folder`, as the working folder."""
    shutil.copy(ROOT / "taxonomy.yaml", folder)
    shutil.copy(ROOT / "venues.yaml", folder)
    shutil.copytree(papers, folder / "papers")
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def collection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the tiny test collection (tests/data/collection) as the working folder."""
    return enter_copy(DATA / "collection" / "papers", tmp_path, monkeypatch)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run `sitegen ARGS...` in this process; return its exit code and what it printed."""

    def run(*args: str) -> Result:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's own usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def taxonomy():
    from sitegen.taxonomy import Taxonomy

    return Taxonomy.load(ROOT)


@pytest.fixture
def make_paper(taxonomy):
    """A valid Paper with the given fields changed."""
    from sitegen.model import paper_model

    def make(**fields):
        base = {
            "id": "smith2020good",
            "title": "A good record",
            "authors": ["Smith, A."],
            "year": 2020,
            "venue": "cvpr",
            "type": "inproceedings",
            "scope": "core",
            "taxonomy": {"knowledge": ["response-based"], "scheme": ["offline"]},
        }
        base.update(fields)
        return paper_model(taxonomy).model_validate(base)

    return make


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A collection of legitimate but dangerous records (script tags, template syntax, TeX specials)."""
    return enter_copy(DATA / "hostile" / "papers", tmp_path, monkeypatch)
