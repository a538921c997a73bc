"""`sitegen complete`: candidates with an arXiv id become records, through recorded arXiv answers."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from sitegen.verify.client import PoliteClient
from tests.contrib import REPO, RecordedServer, Result, closed_port, run_cli
from tests.verify.conftest import Clock

DATA = Path(__file__).resolve().parent.parent / "data" / "complete"
HINTON = DATA.parent / "verify" / "papers" / "hinton2015distilling.yaml"
BATCH = "/arxiv/api/query?id_list=1503.02531,2412.99999,1911.02727&max_results=3"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A collection without records whose list gave four candidates."""
    folder = tmp_path / "kd"
    (folder / "papers").mkdir(parents=True)
    (folder / "sources").mkdir()
    for name in ("taxonomy.yaml", "venues.yaml"):
        shutil.copy(REPO / name, folder / name)
    for name in ("lists.yaml", "candidates.yaml"):
        shutil.copy(DATA / name, folder / "sources" / name)
    monkeypatch.chdir(folder)
    monkeypatch.delenv("CI", raising=False)
    return folder


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr("sitegen.commands.complete.PoliteClient", functools.partial(PoliteClient, sleep=clock.sleep, clock=clock.clock))
    return clock


@pytest.fixture
def arxiv(monkeypatch: pytest.MonkeyPatch, clock: Clock) -> Iterator[RecordedServer]:
    with RecordedServer(responses=DATA / "responses") as server:
        monkeypatch.setenv("SITEGEN_ARXIV_API", f"{server.url}/arxiv/api/query")
        yield server


@pytest.fixture
def sitegen(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    def run(*argv: str) -> Result:
        return run_cli(capsys, monkeypatch, *argv)

    return run


def candidates(root: Path) -> dict[str, dict]:
    data = yaml.safe_load((root / "sources" / "candidates.yaml").read_text(encoding="utf-8"))
    return {c.get("arxiv", c["title"]): c for c in data["candidates"]}


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and ".cache" not in p.parts}


def test_completes_and_removes_from_candidates(root: Path, arxiv: RecordedServer, sitegen) -> None:
    result = sitegen("complete")
    assert result.code == 0, result.err
    record = yaml.safe_load((root / "papers" / "zhou2020understanding.yaml").read_text(encoding="utf-8"))
    assert record["title"] == "Understanding Knowledge Distillation in Non-autoregressive Machine Translation"
    assert "alt_titles" not in record
    assert record["authors"] == ["Zhou, Chunting", "Neubig, Graham", "Gu, Jiatao"]
    assert (record["year"], record["venue"], record["arxiv"]) == (2020, "iclr", "1911.02727")
    assert record["taxonomy"] == {"knowledge": ["response-based"], "application": ["machine-translation"]}
    assert record["sources"] == {"lists": [{"list": "sample", "commit": "0123456789abcdef0123456789abcdef01234567", "line": 8}]}
    assert record["labels_by"] == {"by": "list-heading", "list": "sample", "heading": "Knowledge from logits > Machine translation"}
    assert "the list gives the year 2020, arXiv's first version 2019; the list's year is kept" in record["doubts"]
    assert "1911.02727" not in candidates(root)
    assert "sources/candidates.yaml: sample:8: wrote papers/zhou2020understanding.yaml (arXiv 1911.02727)" in result.out
    assert "completed 1 of 3 candidates with an arXiv id (2 requests to arXiv, 0 from the cache); 3 left in sources/candidates.yaml" in result.err
    # The list's heading gave no distillation scheme: check asks the curator for one, and nothing else.
    check = sitegen("check", "--strict")
    assert (check.code, check.out) == (1, (
        "papers/zhou2020understanding.yaml:15:3: warning: a core record without a 'scheme' label (distillation scheme): "
        "add one, or say under labels_by.absent.scheme why none applies\n"
    ))


def test_a_candidate_without_labels_stays_with_its_reason(root: Path, arxiv: RecordedServer, sitegen) -> None:
    sitegen("complete")
    assert candidates(root)["1503.02531"]["reason"] == (
        "no labels: its list's heading 'Classics' suggests no taxonomy label; add it with `sitegen add --arxiv 1503.02531` and its labels"
    )
    assert not (root / "papers" / "hinton2015distilling.yaml").exists()


def test_a_not_found_stays_with_its_reason(root: Path, arxiv: RecordedServer, sitegen) -> None:
    result = sitegen("complete")
    assert candidates(root)["2412.99999"]["reason"] == "not found: arXiv has no paper 2412.99999"
    assert "sources/candidates.yaml: sample:5: stays a candidate: not found: arXiv has no paper 2412.99999" in result.out


def test_a_duplicate_of_a_record_stays_with_its_reason(root: Path, arxiv: RecordedServer, sitegen) -> None:
    shutil.copy(HINTON, root / "papers")
    text = (root / "sources" / "candidates.yaml").read_text(encoding="utf-8")
    (root / "sources" / "candidates.yaml").write_text(text.replace("section: Classics", "section: Knowledge from logits", 1), encoding="utf-8")
    sitegen("complete")
    assert candidates(root)["1503.02531"]["reason"].startswith("duplicate of papers/hinton2015distilling.yaml:2 (")
    assert sorted(p.name for p in (root / "papers").iterdir()) == ["hinton2015distilling.yaml", "zhou2020understanding.yaml"]


def test_waits_when_arxiv_says_rate_exceeded(root: Path, arxiv: RecordedServer, clock: Clock, sitegen) -> None:
    assert sitegen("complete").code == 0
    assert arxiv.requests == [BATCH, BATCH]  # the 503 "Rate exceeded.", then the answer
    assert clock.sleeps == [3.0]


def test_limit_asks_only_the_first_candidates(root: Path, arxiv: RecordedServer, sitegen) -> None:
    result = sitegen("complete", "--limit", "1")
    assert arxiv.requests == ["/arxiv/api/query?id_list=1503.02531&max_results=1"]
    assert "completed 0 of 1 candidates with an arXiv id (1 request to arXiv, 0 from the cache); 4 left" in result.err
    assert "reason" not in candidates(root)["2412.99999"]


def test_limit_must_be_positive(root: Path, sitegen) -> None:
    with pytest.raises(SystemExit) as exit:
        sitegen("complete", "--limit", "0")
    assert exit.value.code == 2


def test_a_second_run_asks_nothing_new_and_changes_nothing(root: Path, arxiv: RecordedServer, sitegen) -> None:
    sitegen("complete")
    before, asked = snapshot(root), len(arxiv.requests)
    result = sitegen("complete")
    assert result.code == 0
    assert len(arxiv.requests) == asked
    assert snapshot(root) == before
    assert "completed 0 of 2 candidates with an arXiv id (0 requests to arXiv, 2 from the cache); 3 left" in result.err


def test_without_network_says_so_in_one_line_and_changes_nothing(root: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch, sitegen) -> None:
    monkeypatch.setenv("SITEGEN_ARXIV_API", f"http://127.0.0.1:{closed_port()}/api/query")
    before = snapshot(root)
    result = sitegen("complete")
    assert result.code == 1
    assert result.err == "sitegen complete: cannot reach arXiv (export.arxiv.org) (connection refused): no network? Nothing was completed\n"
    assert snapshot(root) == before
