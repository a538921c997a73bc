"""The repository's web address: taken from GitHub Actions or the origin remote, never invented."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sitegen.site.repository import Repository, web_url


@pytest.mark.parametrize(
    "remote, expected",
    [
        pytest.param("git@github.com:owner/name.git", "https://github.com/owner/name", id="scp_form"),
        pytest.param("https://github.com/owner/name.git", "https://github.com/owner/name", id="https"),
        pytest.param("https://x-access-token:secret@github.com/owner/name.git", "https://github.com/owner/name", id="credentials_dropped"),
        pytest.param("ssh://git@github.com/owner/name.git", "https://github.com/owner/name", id="ssh_url"),
        pytest.param("https://git.example.org:8443/a/b", "https://git.example.org:8443/a/b", id="port_kept"),
        pytest.param("/srv/git/name.git", None, id="local_path"),
        pytest.param("file:///srv/git/name.git", None, id="file_url"),
        pytest.param("https://github.com/just-owner", None, id="no_repository_path"),
    ],
)
def test_web_url(remote: str, expected: str | None) -> None:
    assert web_url(remote) == expected


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("GITHUB_REPOSITORY", "GITHUB_SERVER_URL", "GITHUB_BASE_REF", "GITHUB_REF_NAME", "GITHUB_REF_TYPE"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_github_actions_variables(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("GITHUB_SERVER_URL", "https://github.com")
    clean_env.setenv("GITHUB_REPOSITORY", "kd/bibliography")
    clean_env.setenv("GITHUB_REF_NAME", "main")
    clean_env.setenv("GITHUB_REF_TYPE", "branch")
    repo = Repository.discover(tmp_path)
    assert repo.edit_url("papers/a2020b.yaml") == "https://github.com/kd/bibliography/edit/main/papers/a2020b.yaml"


def test_pull_request_edits_its_base_branch(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("GITHUB_REPOSITORY", "kd/bibliography")
    clean_env.setenv("GITHUB_REF_NAME", "12/merge")
    clean_env.setenv("GITHUB_REF_TYPE", "branch")
    clean_env.setenv("GITHUB_BASE_REF", "main")
    assert Repository.discover(tmp_path).branch == "main"


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def test_origin_remote_and_history(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "remote", "add", "origin", "https://token@github.com/kd/bibliography.git")
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "a2020b.yaml").write_text("id: a2020b\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "one", "--date", "2020-01-02T00:00:00Z")
    repo = Repository.discover(tmp_path)
    assert repo.url == "https://github.com/kd/bibliography"
    assert repo.branch == "main"
    assert set(repo.added) == {"papers/a2020b.yaml"}
    assert repo.commit_time is not None


def test_unknown_repository_gives_no_links(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    repo = Repository.discover(tmp_path)  # not a git folder, no Actions variables
    assert repo.url is None
    assert repo.edit_url("papers/a2020b.yaml") is None


def test_history_of_a_collection_inside_a_repository(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    """A collection in a folder of a larger repository: record paths are relative to it, and
    files outside its papers/ are not records."""
    _git(tmp_path, "init", "-q", "-b", "main")
    collection = tmp_path / "bibliography"
    (collection / "papers").mkdir(parents=True)
    (collection / "papers" / "a2020b.yaml").write_text("id: a2020b\n")
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "other2020x.yaml").write_text("id: other2020x\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "one")
    assert set(Repository.discover(collection).added) == {"papers/a2020b.yaml"}
