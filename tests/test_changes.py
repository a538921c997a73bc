"""`changed_records`: what a branch adds or changes since it left its base, read from git."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.changes import changed_records
from sitegen.errors import UsageError
from tests.contrib import clone_of_main, git, make_collection

@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = clone_of_main(tmp_path / "kd")
    monkeypatch.chdir(repo)
    return repo


def edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "note: edited on the branch\n", encoding="utf-8")


def test_nothing_changed(repo: Path) -> None:
    assert changed_records(repo, "origin/main") == set()


def test_new_changed_and_committed_records_count_deleted_ones_do_not(repo: Path) -> None:
    edit(repo / "papers/park2019relational.yaml")
    git(repo, "commit", "-qam", "committed on the branch")
    edit(repo / "papers/he2016deep.yaml")  # not staged
    edit(repo / "papers/sanh2019distilbert.yaml")
    git(repo, "add", "papers/sanh2019distilbert.yaml")  # staged
    (repo / "papers/new2024paper.yaml").write_text("id: new2024paper\n", encoding="utf-8")  # not yet added
    (repo / "papers/howard2017mobilenets.yaml").unlink()
    assert changed_records(repo, "origin/main") == {
        "papers/park2019relational.yaml",
        "papers/he2016deep.yaml",
        "papers/sanh2019distilbert.yaml",
        "papers/new2024paper.yaml",
    }


def test_changes_on_the_base_after_the_branch_left_it_are_not_the_branchs(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    edit(repo / "papers/he2016deep.yaml")
    git(repo, "commit", "-qam", "main moves on")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(repo, "checkout", "-q", "add-paper")
    edit(repo / "papers/park2019relational.yaml")
    assert changed_records(repo, "origin/main") == {"papers/park2019relational.yaml"}


def test_a_renamed_record_counts_under_its_new_name(repo: Path) -> None:
    git(repo, "mv", "papers/he2016deep.yaml", "papers/he2016residual.yaml")
    git(repo, "commit", "-qm", "rename")
    assert changed_records(repo, "origin/main") == {"papers/he2016residual.yaml"}


@pytest.mark.parametrize("data_file", ["venues.yaml", "taxonomy.yaml", "protected-words.yaml", "benchmarks.yaml", "architectures.yaml"])
def test_a_changed_registry_selects_every_record(repo: Path, data_file: str) -> None:
    with (repo / data_file).open("a", encoding="utf-8") as out:
        out.write("# edited\n")
    assert changed_records(repo, "origin/main") == {f"papers/{p.name}" for p in (repo / "papers").iterdir()}


def test_paths_are_shown_from_the_working_folder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo / "papers/park2019relational.yaml")
    monkeypatch.chdir(repo.parent)
    assert changed_records(Path("kd"), "origin/main") == {"kd/papers/park2019relational.yaml"}


def test_a_collection_in_a_subfolder_of_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    top = tmp_path / "top"
    make_collection(top / "data")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "collection")
    edit(top / "data/papers/park2019relational.yaml")
    monkeypatch.chdir(top / "data")
    assert changed_records(Path("."), "main") == {"papers/park2019relational.yaml"}


def test_an_unknown_base_says_how_to_get_it(repo: Path) -> None:
    with pytest.raises(UsageError) as caught:
        changed_records(repo, "upstream/main")
    assert str(caught.value) == "--base upstream/main: no such commit or branch here; fetch it first (git fetch upstream main) or give another --base"


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_collection(tmp_path / "plain")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(UsageError) as caught:
        changed_records(folder, "origin/main")
    assert str(caught.value) == "--changed: . is not in a git repository"
