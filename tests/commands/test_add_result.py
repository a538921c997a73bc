"""`sitegen add --result-of`: a result added to a record as CONTRIBUTING.md shows, and each refusal."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from sitegen.cli import main

from tests.contrib import REPO, Result, run_cli

GUIDE = REPO / "CONTRIBUTING.md"
RECORD = "papers/chen2021cross.yaml"


def _guide(kind: str) -> str:
    (block,) = re.findall(rf"^```{kind}\n(.*?)^```$", GUIDE.read_text(encoding="utf-8"), flags=re.M | re.S)
    return block


@pytest.fixture
def repo_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The repository's collection, with the results of chen2021cross taken out, as the working folder."""
    root = tmp_path / "kd"
    root.mkdir()
    for name in ("taxonomy.yaml", "venues.yaml", "benchmarks.yaml", "architectures.yaml"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "papers", root / "papers")
    record = root / RECORD
    text = record.read_text(encoding="utf-8")
    record.write_text(text[: text.index("results:\n")] + "# a comment the contributor wrote\n", encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.delenv("CI", raising=False)
    return root


def add(capsys, monkeypatch, *argv: str) -> Result:
    return run_cli(capsys, monkeypatch, "add", *argv)


def test_the_guides_example_adds_the_result_as_the_collection_holds_it(repo_copy: Path, capsys, monkeypatch) -> None:
    argv = shlex.split(_guide("shell"))
    assert argv[:4] == ["python", "-m", "sitegen", "add"]
    done = add(capsys, monkeypatch, *argv[4:])
    assert (done.code, done.out) == (0, "")
    assert done.err == _guide("console")
    text = (repo_copy / RECORD).read_text(encoding="utf-8")
    held = (REPO / RECORD).read_text(encoding="utf-8")
    # What the command gives is the record's result, less what only the survey's table gives
    # (the method's name and labels), and the contributor's comment is kept.
    expected = re.sub(r"      method: .*\n      taxonomy:\n(        .*\n)+", "", held[held.index("results:\n"):])
    assert text.endswith(expected + "# a comment the contributor wrote\n")  # a comment closing the file stays last
    assert main(["check", "--strict", RECORD]) == 0


def test_a_result_the_record_holds_is_refused(repo_copy: Path, capsys, monkeypatch) -> None:
    argv = shlex.split(_guide("shell"))[4:]
    assert add(capsys, monkeypatch, *argv).code == 0
    before = (repo_copy / RECORD).read_text(encoding="utf-8")
    again = add(capsys, monkeypatch, *argv)
    assert again.code == 1
    assert again.err == (
        "sitegen add: papers/chen2021cross.yaml: the record would not pass `check` with this result "
        "(results[1] repeats results[0] (same dataset, networks, scores and source)); nothing was written\n"
    )
    assert (repo_copy / RECORD).read_text(encoding="utf-8") == before


COMMON = ["--result-of", "chen2021cross", "--dataset", "CIFAR-100", "--metric", "top1-accuracy"]


@pytest.mark.parametrize(
    "argv, code, message",
    [
        pytest.param(["--result-of", "chen2021cros", "--dataset", "CIFAR-100", "--student", "VGG13", "--distilled", "70", "--table", "Table 2"], 2,
                     "sitegen add: --result-of chen2021cros: no such record; did you mean 'chen2021cross'?", id="unknown_record"),
        pytest.param(["--result-of", "chen2021cross"], 2,
                     "sitegen add: --result-of needs a result: --dataset, --student, --distilled and --table (see `sitegen add --help`)", id="no_result"),
        pytest.param([*COMMON, "--student", "VGG13=74.82", "--table", "Table 2"], 2, "sitegen add: a result needs --distilled", id="no_distilled_score"),
        pytest.param([*COMMON, "--student", "VGG13=74.82", "--distilled", "79.43"], 2,
                     "sitegen add: a result needs its source: --table (the paper's own table) or --survey-table with --survey-row", id="no_source"),
        pytest.param([*COMMON, "--student", "VGG13=74,82", "--distilled", "79.43", "--table", "Table 2"], 2,
                     "sitegen add: --student 74,82: '74,82' is not a number (write a decimal point, not a comma)", id="decimal_comma"),
        pytest.param(["--result-of", "chen2021cross", "--dataset", "CIFAR-100", "--student", "VGG13=74.82", "--distilled", "79.43", "--table", "Table 2"], 2,
                     "sitegen add: --metric: results on cifar-100 are reported in top1-accuracy or top1-error; say which", id="metric_needed"),
        pytest.param([*COMMON, "--student", "VGG-31=74.82", "--distilled", "79.43", "--table", "Table 2"], 1,
                     "sitegen add: papers/chen2021cross.yaml: cannot add the result (results[0].student.arch: unknown architecture 'VGG-31'; "
                     "did you mean 'vgg11'?); nothing was written", id="unknown_network"),
        pytest.param([*COMMON, "--student", "VGG13=74.82", "--distilled", "179.43", "--table", "Table 2"], 1,
                     "sitegen add: papers/chen2021cross.yaml: the record would not pass `check` with this result (results[0].student.distilled: "
                     "179.43 is outside the range of Top-1 accuracy (0-100 %)); nothing was written", id="score_out_of_range"),
        pytest.param([*COMMON, "--student", "VGG13=74.82", "--distilled", "79.43", "--gain", "3", "--table", "Table 2"], 1,
                     "sitegen add: papers/chen2021cross.yaml: the record would not pass `check` with this result (results[0].gain: 3 does not match "
                     "the scores (79.43 - 74.82 = 4.61); did you mean 4.61? If the source prints 3, keep it and say so under results[0].doubts); "
                     "nothing was written", id="gain_that_the_scores_contradict"),
    ],
)
def test_each_refusal_writes_nothing(repo_copy: Path, capsys, monkeypatch, argv: list[str], code: int, message: str) -> None:
    before = (repo_copy / RECORD).read_text(encoding="utf-8")
    done = add(capsys, monkeypatch, *argv)
    assert (done.code, done.err.strip()) == (code, message)
    assert (repo_copy / RECORD).read_text(encoding="utf-8") == before


def test_a_printed_gain_with_a_doubt_and_a_paper_table(repo_copy: Path, capsys, monkeypatch) -> None:
    done = add(capsys, monkeypatch, *COMMON, "--teacher", "ResNet-32x4", "--student", "VGG13=74.82", "--distilled", "79.43",
               "--gain", "3", "--table", "Table 2", "--result-doubt", "The table prints 3.")
    assert done.code == 0, done.err
    text = (repo_copy / RECORD).read_text(encoding="utf-8")
    assert text.endswith(
        "results:\n  - dataset: cifar-100\n    metric: top1-accuracy\n    teacher:\n      arch: resnet32x4\n"
        "    student:\n      arch: vgg13\n      score: 74.82\n      distilled: 79.43\n    gain: 3.0\n"
        "    source:\n      table: Table 2\n    doubts:\n      - The table prints 3.\n"
        "# a comment the contributor wrote\n"
    )


def test_dry_run_prints_the_record_and_writes_nothing(repo_copy: Path, capsys, monkeypatch) -> None:
    before = (repo_copy / RECORD).read_text(encoding="utf-8")
    done = add(capsys, monkeypatch, *shlex.split(_guide("shell"))[4:], "--dry-run")
    assert done.code == 0
    assert done.out.startswith(before.replace("# a comment the contributor wrote\n", "")[:40]) and "      row: SemCKD (Chen et al., 2021)\n" in done.out
    assert done.err == "dry run: would add results[0]: CIFAR-100, ResNet-32x4 -> VGG13 to papers/chen2021cross.yaml\n"
    assert (repo_copy / RECORD).read_text(encoding="utf-8") == before


def test_a_new_paper_can_come_with_a_result(repo_copy: Path, capsys, monkeypatch) -> None:
    from tests.contrib import DATA

    bib = str(DATA / "bibtex" / "dblp-conference.bib")
    # The entry's paper (DKD) is in the collection now: the copy is taken back to before it was.
    (repo_copy / "papers" / "zhao2022decoupled.yaml").unlink()
    # The scores are made up for this test, in a temporary copy; no record holds them.
    done = add(capsys, monkeypatch, "--bibtex", bib, "--knowledge", "response-based", "--scheme", "offline", "--no-input",
               "--dataset", "CIFAR-100", "--metric", "top1-accuracy", "--teacher", "ResNet56=72.5", "--student", "ResNet20=69.5",
               "--distilled", "71.0", "--table", "Table 1")
    assert done.code == 0, done.err
    text = (repo_copy / "papers" / "zhao2022decoupled.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "results:\n  - dataset: cifar-100\n    metric: top1-accuracy\n    teacher:\n      arch: resnet56\n      score: 72.5\n"
        "    student:\n      arch: resnet20\n      score: 69.5\n      distilled: 71.0\n    source:\n      table: Table 1\n"
    )
    assert main(["check", "--strict", "papers/zhao2022decoupled.yaml"]) == 0
