"""CONTRIBUTING.md, followed literally in a copy of the repository, ends with a passing check.

The copy is the repository as it stands (every file git would commit), committed on main in a
repository of its own, with `origin/main` pointing there: what a fresh clone of a fork looks like.
The guide's shell blocks then run in order, in one shell, except the steps that only make sense
on the contributor's machine or on GitHub, which this machine has already done or cannot do.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.contrib import GIT_IDENTITY, REPO, git

GUIDE = REPO / "CONTRIBUTING.md"
# Lines the test does not run, and why: each stands for something already true of the copy.
NOT_RUN = {
    r"git clone \S+": "the copy is the clone",
    r"cd kd-bibliography": "the test runs in the copy",
    r"scripts/setup": "the test's own Python, with the project installed, stands for .venv",
    r"source \.venv/bin/activate": "the test's Python environment is put first on PATH instead",
    r"git push -u origin \S+": "there is no GitHub here",
}


def blocks(kind: str) -> list[str]:
    return re.findall(rf"^```{kind}\n(.*?)^```$", GUIDE.read_text(encoding="utf-8"), flags=re.M | re.S)


def script() -> tuple[str, list[str]]:
    """The guide's shell blocks as one script, and the lines left out."""
    kept, skipped = [], []
    for block in blocks("sh"):
        for line in block.splitlines():
            if any(re.fullmatch(pattern, line) for pattern in NOT_RUN):
                skipped.append(line)
            else:
                kept.append(line)
    return "\n".join(kept) + "\n", skipped


def copy_of_repository(target: Path) -> Path:
    """Every file git would commit from the repository, committed as main of a new repository."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO, check=True, capture_output=True
    ).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(source.read_bytes())
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "main of the fork")
    git(target, "update-ref", "refs/remotes/origin/main", "HEAD")
    return target


# The guide's example paper, Decoupled Knowledge Distillation, joined the collection after the
# guide was written (from the candidate below, checked on its CVF page). The copy is the
# repository as it was before: without that record, and with the list's candidate it came from.
EXAMPLE_RECORD = "papers/zhao2022decoupled.yaml"
EXAMPLE_CANDIDATE = """\
- title: Decoupled Knowledge Distillation
  year: 2022
  arxiv: '2203.08679'
  pdf: https://arxiv.org/pdf/2203.08679.pdf
  section: Awesome Knowledge-Distillation > Different forms of knowledge > Self-KD
  source:
    list: flhonker
    commit: 355fc31edad32adce81de89bf6d988d3cec69392
    line: 228
  missing:
  - authors
"""


def before_the_example(repo: Path) -> None:
    """Take the example paper back out of the copy, as a contributor's fork before it was added."""
    (repo / EXAMPLE_RECORD).unlink()
    candidates = repo / "sources" / "candidates.yaml"
    candidates.write_text(candidates.read_text(encoding="utf-8") + EXAMPLE_CANDIDATE, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "main of the fork, before the example paper")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")


def test_every_left_out_line_is_one_the_test_knows() -> None:
    _, skipped = script()
    assert len(skipped) == len(NOT_RUN), skipped


def test_following_the_guide_ends_with_a_passing_check(tmp_path: Path) -> None:
    commands, _ = script()
    assert commands.rstrip().splitlines()[-1] == "python -m sitegen check --changed"
    repo = copy_of_repository(tmp_path / "kd-bibliography")
    before_the_example(repo)
    env = {k: v for k, v in os.environ.items() if k != "CI"} | GIT_IDENTITY
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # as activating .venv does
    # `python -m sitegen` in the copy runs the copy's code.
    where = subprocess.run(["python", "-c", "import sitegen; print(sitegen.__file__)"], cwd=repo, env=env, capture_output=True, text=True)
    assert Path(where.stdout.strip()).is_relative_to(repo)
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", commands], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    # What the guide says `add` answers is what it answers.
    for expected in blocks("text"):
        assert expected in done.stderr
    assert done.stderr.rstrip().splitlines()[-1].startswith("checked 1 record: 0 errors")
    assert git(repo, "log", "-1", "--name-only", "--format=%s").split() == [
        "Add", "Zhao", "et", "al.", "2022,", "Decoupled", "Knowledge", "Distillation", "papers/zhao2022decoupled.yaml",
        "sources/candidates.yaml",  # a list named the paper without authors: add took it off the candidates
    ]
    assert git(repo, "status", "--porcelain") == ""
