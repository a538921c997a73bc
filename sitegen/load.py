"""Find the record files of a collection and read each into a positioned Document."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from sitegen.document import Document, display_path, read_yaml
from sitegen.errors import DataError, Problem

PAPERS_DIR = "papers"


def record_paths(root: Path) -> tuple[list[Path], list[Problem]]:
    """Every record file under root/papers, sorted; files that cannot be records are problems."""
    folder = root / PAPERS_DIR
    if not folder.is_dir():
        return [], [Problem(display_path(folder), 1, 1, "folder of records not found")]
    paths, problems = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.suffix == ".yaml" and path.is_file():
            paths.append(path)
        else:
            problems.append(Problem(display_path(path), 1, 1, f"{PAPERS_DIR}/ holds only <id>.yaml record files"))
    return paths, problems


def read_documents(paths: Iterable[Path]) -> tuple[list[Document], list[Problem]]:
    """Read every file, gathering the problems of all of them."""
    documents, problems = [], []
    for path in paths:
        try:
            documents.append(read_yaml(path))
        except DataError as exc:
            problems.extend(exc.problems)
    return documents, problems
