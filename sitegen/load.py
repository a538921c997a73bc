"""Find the record files of a collection and read each into a positioned Document."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from sitegen.document import Document, display_path, read_yaml
from sitegen.errors import DataError, Problem

PAPERS_DIR = "papers"


@dataclass(frozen=True)
class RecordFile:
    path: Path
    shown: str  # as messages name it: relative to the working folder when inside it


def record_files(root: Path) -> tuple[list[RecordFile], list[Problem]]:
    """Every record file under root/papers, sorted by name; files that cannot be records are problems."""
    folder = root / PAPERS_DIR
    shown_folder = display_path(folder)  # once: a relative path per file costs more than reading it
    if not folder.is_dir():
        return [], [Problem(shown_folder, 1, 1, "folder of records not found")]
    files, problems = [], []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.startswith("."):
                continue
            shown = f"{shown_folder}/{entry.name}"
            if entry.name.endswith(".yaml") and entry.is_file():
                files.append(RecordFile(folder / entry.name, shown))
            else:
                problems.append(Problem(shown, 1, 1, f"{PAPERS_DIR}/ holds only <id>.yaml record files"))
    return files, problems


def read_documents(files: Iterable[RecordFile]) -> tuple[list[Document], list[Problem]]:
    """Read every file, gathering the problems of all of them."""
    documents, problems = [], []
    for file in files:
        try:
            documents.append(read_yaml(file.path, file.shown))
        except DataError as exc:
            problems.extend(exc.problems)
    return documents, problems
