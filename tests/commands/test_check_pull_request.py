"""`check` as the pull-request workflow runs it: `--changed --base REF` and `--format github`."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.errors import Problem
from tests.contrib import clone_of_main, git, run_cli

NEW_RECORD = """\
# yaml-language-server: $schema=../schema/paper.schema.json
id: zhao2022decoupled
title: Decoupled Knowledge Distillation
authors:
  - Zhao, Borui
  - Cui, Quan
  - Song, Renjie
  - Qiu, Yiyu
  - Liang, Jiajun
year: 2022
venue: cvpr
type: inproceedings
doi: 10.1109/CVPR52688.2022.01165
scope: core
taxonomy:
  knowledge: [response-based]
  scheme: [offline]
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clone whose main already has a broken record (not this branch's doing), on a new branch."""
    repo = clone_of_main(tmp_path / "kd")
    git(repo, "checkout", "-q", "main")
    path = repo / "papers/he2016deep.yaml"
    path.write_text(path.read_text().replace("year: 2016", "year: '2016'"))
    git(repo, "commit", "-qam", "a broken record on main")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(repo, "checkout", "-q", "-B", "add-paper")
    monkeypatch.chdir(repo)
    monkeypatch.delenv("CI", raising=False)
    return repo


@pytest.fixture
def check(capsys, monkeypatch, repo):
    return lambda *argv: run_cli(capsys, monkeypatch, "check", *argv)


def test_changed_reports_only_what_the_branch_adds(repo: Path, check) -> None:
    (repo / "papers/zhao2022decoupled.yaml").write_text(NEW_RECORD.replace("venue: cvpr", "venue: CVRP"))
    result = check("--changed", "--base", "origin/main")
    assert (result.code, result.out, result.err) == (
        1,
        "papers/zhao2022decoupled.yaml:11:8: error: unknown venue 'CVRP'; did you mean 'cvpr'?\n",
        "checked 1 record: 1 error, 0 warnings in 1 file: failed\n",
    )
    everything = check()
    assert everything.out == (
        "papers/he2016deep.yaml:9:7: error: year: expected a whole number, got text '2016'\n"
        "papers/zhao2022decoupled.yaml:11:8: error: unknown venue 'CVRP'; did you mean 'cvpr'?\n"
    )


def test_github_format_annotates_the_records_own_line(repo: Path, check) -> None:
    (repo / "papers/zhao2022decoupled.yaml").write_text(NEW_RECORD.replace("venue: cvpr", "venue: CVRP"))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "add a paper")
    result = check("--changed", "--base", "origin/main", "--format", "github")
    assert (result.code, result.out, result.err) == (
        1,
        "::error file=papers/zhao2022decoupled.yaml,line=11,col=8::unknown venue 'CVRP'; did you mean 'cvpr'?\n",
        "checked 1 record: 1 error, 0 warnings in 1 file: failed\n",
    )


def test_a_valid_new_record_passes(repo: Path, check) -> None:
    (repo / "papers/zhao2022decoupled.yaml").write_text(NEW_RECORD)
    result = check("--changed", "--base", "origin/main", "--format", "github")
    assert (result.code, result.out, result.err) == (0, "", "checked 1 record: 0 errors, 0 warnings in 0 files: ok\n")


def test_changed_records_probable_duplicates_in_the_whole_collection(repo: Path, check) -> None:
    copy = (repo / "papers/park2019relational.yaml").read_text()
    copy = copy.replace("id: park2019relational", "id: park2019relational-2").replace("title: Relational knowledge distillation",
                                                                                    "title: Relational Knowledge Distillation (extended)")
    (repo / "papers/park2019relational-2.yaml").write_text(copy)
    hint = "merge them (keep one, list the other id under aliases) or list each other under distinct_from"
    result = check("--changed", "--base", "origin/main", "--format", "github")
    assert (result.code, result.out, result.err) == (
        0,
        f"::warning file=papers/park2019relational-2.yaml,line=12,col=8::duplicate of papers/park2019relational.yaml:2 "
        f"(same arXiv id 1904.05068); {hint}\n",
        "checked 1 record: 0 errors, 1 warning in 1 file: ok\n",
    )
    strict = check("--changed", "--base", "origin/main", "--strict")
    assert (strict.code, strict.out) == (
        1,
        f"papers/park2019relational-2.yaml:12:8: warning: duplicate of papers/park2019relational.yaml:2 "
        f"(same arXiv id 1904.05068); {hint}\n",
    )


def test_an_unknown_base_is_a_usage_error(check) -> None:
    result = check("--changed", "--base", "origin/trunk")
    assert (result.code, result.out, result.err) == (
        2, "", "sitegen check: --base origin/trunk: no such commit or branch here; fetch it first (git fetch origin trunk) "
        "or give another --base\n"
    )


@pytest.mark.parametrize(
    ("problem", "annotation"),
    [
        pytest.param(Problem("papers/a.yaml", 3, 5, "year: expected a whole number, got text '2016'"),
                     "::error file=papers/a.yaml,line=3,col=5::year: expected a whole number, got text '2016'", id="plain"),
        pytest.param(Problem("papers/a,b:c.yaml", 1, 1, "50% done\r\nnext", "warning"),
                     "::warning file=papers/a%2Cb%3Ac.yaml,line=1,col=1::50%25 done%0D%0Anext", id="escapes"),
    ],
)
def test_github_annotation_escapes(problem: Problem, annotation: str) -> None:
    assert problem.format_github() == annotation


# --- what papers/ holds besides records: the gate must not pass what it never reads ---------


@pytest.mark.parametrize(
    "name, shown, message",
    [
        pytest.param("papers/sub/x.yaml", "papers/sub", "a folder inside papers/ is never read; records are <id>.yaml files directly in papers/", id="record_in_a_sub_folder"),
        pytest.param("papers/.hidden.yaml", "papers/.hidden.yaml", "a hidden file is never read as a record; papers/ holds only <id>.yaml record files", id="hidden_record"),
    ],
)
def test_changed_fails_a_branch_that_adds_what_check_never_reads(repo: Path, check, name: str, shown: str, message: str) -> None:
    path = repo / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("id: [broken\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "add a paper where nothing reads it")
    result = check("--changed", "--base", "origin/main")
    assert (result.code, result.out) == (1, f"{shown}:1:1: error: {message}\n")
    github = check("--changed", "--base", "origin/main", "--format", "github")
    assert (github.code, github.out) == (1, f"::error file={shown},line=1,col=1::{message}\n")


def test_changed_with_a_file_name_that_is_not_utf8(repo: Path, check) -> None:
    (repo / "papers" / "caf\udcff2020x.yaml").write_bytes(NEW_RECORD.encode())  # the name holds byte 0xff
    result = check("--changed", "--base", "origin/main")
    assert result.code == 1
    assert result.out == (
        "papers/caf\\xff2020x.yaml:2:5: error: id 'zhao2022decoupled' does not match the file name 'caf\\xff2020x.yaml'; "
        "the file must be named zhao2022decoupled.yaml\n"
    )
    assert result.err == "checked 1 record: 1 error, 0 warnings in 1 file: failed\n"
