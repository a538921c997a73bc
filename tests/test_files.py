"""Atomic writes and output folders: an interrupted command leaves every file as it was or
complete, and a build replaces only a folder an earlier build marked as its own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.errors import SitegenError, UsageError
from sitegen.files import MARKER, check_output_folder, replace_folder, write_atomic

REPO = Path(__file__).resolve().parent.parent


def test_write_atomic_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.yaml"]  # no temporary file left


def test_write_atomic_without_replace_never_replaces_a_file(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text("the user's record\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_atomic(path, "a draft\n", replace=False)
    assert path.read_text(encoding="utf-8") == "the user's record\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.yaml"]


def test_write_atomic_to_a_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    with pytest.raises(SitegenError) as raised:
        write_atomic(Path("out"), "text")
    assert str(raised.value) == "out: cannot write there: is a folder"


@pytest.mark.parametrize(
    "make, message",
    [
        pytest.param(
            lambda p: p.symlink_to(p.parent / "precious", target_is_directory=True),
            "out: is a symbolic link; a build replaces its output folder and never follows a link to replace what it "
            "points to. Nothing was deleted. Remove the link, or choose another folder with --site-dir",
            id="symbolic_link",
        ),
        pytest.param(
            lambda p: (p.mkdir(), (p / "thesis.tex").write_text("x")),
            "out: folder is not empty and was not written by sitegen (it has no .sitegen-output file), so a build "
            "will not replace it. Nothing was deleted. Move what it holds elsewhere (or delete the folder yourself "
            "if it is an old build), or choose another folder with --site-dir",
            id="folder_of_someone_else",
        ),
        pytest.param(
            lambda p: p.write_text("x"),
            "out: is a file, not a folder; nothing was deleted. Choose another folder with --site-dir",
            id="a_file",
        ),
    ],
)
def test_output_folders_that_are_not_ours_are_refused(tmp_path: Path, make, message: str) -> None:
    (tmp_path / "precious").mkdir()
    (tmp_path / "precious" / "thesis.tex").write_text("years of work")
    out = tmp_path / "out"
    make(out)
    with pytest.raises(UsageError) as raised:
        check_output_folder(out, "out", "--site-dir")
    assert str(raised.value) == message
    with pytest.raises(UsageError):
        replace_folder(out, "out", "--site-dir", lambda new: (new / "index.html").write_text("site"))
    assert (tmp_path / "precious" / "thesis.tex").read_text() == "years of work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "precious"]  # nothing written beside it


def test_an_empty_or_marked_folder_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    replace_folder(out, "out", "--site-dir", lambda new: (new / "old.html").write_text("old"))
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "old.html"]
    replace_folder(out, "out", "--site-dir", lambda new: (new / "new.html").write_text("new"))
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_failed_build_leaves_the_old_folder_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    replace_folder(out, "out", "--site-dir", lambda new: (new / "index.html").write_text("the last good site"))

    def fail(new: Path) -> None:
        (new / "index.html").write_text("half a site")
        raise SitegenError("mkdocs build --strict failed")

    with pytest.raises(SitegenError):
        replace_folder(out, "out", "--site-dir", fail)
    assert (out / "index.html").read_text() == "the last good site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# --- a command killed at a write ------------------------------------------------------------

# Runs `sitegen ARGS` in a child process that kills itself (SIGKILL, which nothing can catch or
# clean up after) at its Nth write inside the working folder. A write is the first write() call
# on a file just opened for writing there (the moment a truncating write_text would leave an
# empty file), or a rename there. An audit hook sees every open() and os.replace(); a profile
# function, set once a file is opened, sees the write() call. Nothing is mocked.
_KILL_AT_NTH_WRITE = r"""
import os, signal, sys
limit, here = int(sys.argv[1]), os.getcwd()
writes = 0

def count():
    global writes
    writes += 1
    if writes == limit:
        os.kill(os.getpid(), signal.SIGKILL)

def at_write(frame, event, arg):
    if event == "c_call" and getattr(arg, "__name__", "") == "write":
        sys.setprofile(None)
        count()

def hook(event, args):
    if event == "open":
        path, mode, flags = args
        writing = any(c in mode for c in "wax+") if isinstance(mode, str) else bool(flags & (os.O_WRONLY | os.O_RDWR))
        if writing and isinstance(path, str) and os.path.abspath(path).startswith(here):
            sys.setprofile(at_write)
    elif event in ("os.rename", "os.link") and os.path.abspath(str(args[0])).startswith(here):
        count()

sys.addaudithook(hook)
from sitegen.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _run_killed(folder: Path, limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-c", _KILL_AT_NTH_WRITE, str(limit), *args], cwd=folder, env=env, capture_output=True, text=True, timeout=120
    )


def _records(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "papers").glob("*.yaml"))}


def test_fmt_killed_at_any_write_leaves_every_record_as_it_was_or_finished(collection: Path) -> None:
    # Five records out of canonical form (the editor-schema line removed, a long note added on
    # its own continuation line, as in the report of a record cut at 524,288 bytes).
    for path in sorted((collection / "papers").glob("*.yaml"))[:5]:
        text = path.read_text(encoding="utf-8").split("\n", 1)[1]
        path.write_text(text + "note:\n  " + "a long note " * 400 + "\n", encoding="utf-8")
    before = _records(collection)
    finished_run = collection.parent / "finished"
    subprocess.run(["cp", "-a", str(collection), str(finished_run)], check=True)
    done = _run_killed(finished_run, 10_000, "fmt")
    assert done.returncode == 0, done.stderr
    assert done.stderr.endswith("5 file(s) reformatted\n")
    after = _records(finished_run)
    changed = {name for name in before if before[name] != after[name]}
    assert len(changed) == 5
    kills = 0
    for limit in range(1, 2 * len(changed) + 1):  # every temporary file written, then each renamed
        run = collection.parent / f"killed-{limit}"
        subprocess.run(["cp", "-a", str(collection), str(run)], check=True)
        result = _run_killed(run, limit, "fmt")
        assert result.returncode == -signal.SIGKILL, (limit, result.stderr)
        kills += 1
        now = _records(run)
        assert now.keys() == before.keys()
        for name, data in now.items():
            assert data in (before[name], after[name]), f"killed at write {limit}: {name} is neither as it was nor finished ({len(data)} bytes)"
        finished = sum(now[name] == after[name] for name in changed)
        assert finished == max(0, limit - 1 - len(changed))  # every record renamed before the kill is complete
    assert kills == 10
