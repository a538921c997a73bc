"""Find the record files of a collection and read each into a positioned Document."""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no lock (CI and the tests run on Linux)
    fcntl = None  # type: ignore[assignment]

from sitegen.document import LINK_MESSAGE, NOT_REGULAR_MESSAGE, Document, display_path, read_yaml
from sitegen.errors import DataError, Problem

PAPERS_DIR = "papers"


@dataclass(frozen=True)
class RecordFile:
    path: Path
    shown: str  # as messages name it: relative to the working folder when inside it


def record_files(root: Path) -> tuple[list[RecordFile], list[Problem]]:
    """Every record file under root/papers, sorted by name, and a problem for everything else there.

    papers/ holds only <id>.yaml regular files. Anything else is an error, never skipped: a
    sub-folder or a hidden file would be a record that `check` never reads, and a symbolic link
    could make it read (and print) any file on the machine.
    """
    folder = root / PAPERS_DIR
    shown_folder = display_path(folder)  # once: a relative path per file costs more than reading it
    if folder.is_symlink():
        return [], [Problem(shown_folder, 1, 1, f"{PAPERS_DIR}/ {LINK_MESSAGE}")]
    if not folder.is_dir():
        return [], [Problem(shown_folder, 1, 1, "folder of records not found")]
    files, problems = [], []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            shown = f"{shown_folder}/{os.fsdecode(entry.name)}"
            why = _not_a_record(entry)
            if why:
                problems.append(Problem(shown, 1, 1, why))
            else:
                files.append(RecordFile(folder / entry.name, shown))
    return files, problems


def _not_a_record(entry: os.DirEntry) -> str | None:
    """Why a folder entry cannot be a record file, or None if it can."""
    if entry.is_symlink():
        return LINK_MESSAGE
    if entry.is_dir(follow_symlinks=False):
        return f"a folder inside {PAPERS_DIR}/ is never read; records are <id>.yaml files directly in {PAPERS_DIR}/"
    if entry.name.startswith("."):
        return f"a hidden file is never read as a record; {PAPERS_DIR}/ holds only <id>.yaml record files"
    if not entry.is_file(follow_symlinks=False):
        return NOT_REGULAR_MESSAGE
    if not entry.name.endswith(".yaml"):
        return f"{PAPERS_DIR}/ holds only <id>.yaml record files"
    return None


def read_documents(files: Iterable[RecordFile]) -> tuple[list[Document], list[Problem]]:
    """Read every file, gathering the problems of all of them."""
    documents, problems = [], []
    for file in files:
        try:
            documents.append(read_yaml(file.path, file.shown))
        except DataError as exc:
            problems.extend(exc.problems)
    return documents, problems


@contextmanager
def collection_lock(root: Path) -> Iterator[None]:
    """Hold the collection's exclusive lock (an flock on papers/ itself, so no lock file is left).

    `add` and `import` check for duplicates and write under it: two runs at once cannot both
    find a paper missing and both write it. The lock is released when the process ends, even
    by a crash, so it can never be left stale.
    """
    folder = root / PAPERS_DIR
    folder.mkdir(exist_ok=True)
    if fcntl is None:
        yield
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
