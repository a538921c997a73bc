"""Shared by the verify tests: the verify test records, the three services as recorded, a clock."""

from __future__ import annotations

import functools
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest

from sitegen.verify.client import PoliteClient
from tests.contrib import REPO, RecordedServer, Result, run_cli

DATA = Path(__file__).resolve().parent.parent / "data" / "verify"


@dataclass
class Clock:
    """Time that passes only when the client sleeps: pauses are recorded, never waited."""

    now: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr("sitegen.commands.verify.PoliteClient", functools.partial(PoliteClient, sleep=clock.sleep, clock=clock.clock))
    return clock


@pytest.fixture
def services(monkeypatch: pytest.MonkeyPatch) -> Iterator[RecordedServer]:
    """arXiv, Crossref and dblp as recorded in tests/data/verify/responses."""
    with RecordedServer(responses=DATA / "responses") as server:
        monkeypatch.setenv("SITEGEN_ARXIV_API", f"{server.url}/arxiv/api/query")
        monkeypatch.setenv("SITEGEN_CROSSREF_API", f"{server.url}/crossref/works")
        monkeypatch.setenv("SITEGEN_DBLP_API", f"{server.url}/dblp/search/publ/api")
        monkeypatch.delenv("SITEGEN_MAILTO", raising=False)
        yield server


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The verify test records with the repository's taxonomy and venues, as the working folder."""
    folder = tmp_path / "kd"
    folder.mkdir()
    for name in ("taxonomy.yaml", "venues.yaml"):
        shutil.copy(REPO / name, folder / name)
    shutil.copytree(DATA / "papers", folder / "papers")
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def sitegen(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    def run(*argv: str) -> Result:
        return run_cli(capsys, monkeypatch, *argv)

    return run
