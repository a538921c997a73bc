"""`sitegen check`: validate every record and report every problem, then exit once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitegen.document import display_path
from sitegen.errors import Problem, UsageError, count_summary
from sitegen.load import PAPERS_DIR
from sitegen.pipeline import check_files, load_collection


def selected(paths: list[Path], root: Path) -> tuple[set[str] | None, list[Path]]:
    """The record files that `paths` (files or folders) name: display paths of the collection's
    records (None for all), and files outside root/papers, which are read and checked as records
    on their own (a draft checked before it is moved into papers/)."""
    if not paths:
        return None, []
    papers = (root / PAPERS_DIR).resolve()
    chosen: set[str] = set()
    outside: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = [p for p in sorted(path.rglob("*.yaml")) if _folder_of(p) == papers]
            if not found and path.resolve() != papers:
                raise UsageError(
                    f"{path}: holds no record of the collection (records live in {display_path(papers)}/); "
                    "name a file to check it as a record"
                )
            chosen.update(display_path(p) for p in found)
        elif not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        elif _folder_of(path) == papers:
            chosen.add(display_path(path))
        elif papers not in _folder_of(path).parents:  # deeper under papers/: the layout check reports it
            outside.append(path)
    return chosen, outside


def _folder_of(path: Path) -> Path:
    """The real folder holding `path`; a link itself is not followed (it is reported, never read)."""
    return path.absolute().parent.resolve()


def run_check(args: argparse.Namespace) -> int:
    only, outside = selected(args.paths, args.root)
    if args.changed:
        from sitegen.changes import changed_records

        only = (only or set()) | changed_records(args.root, args.base)
    collection = load_collection(args.root, focus=only)
    # What papers/ holds besides record files is reported whatever was chosen: a branch that
    # adds papers/sub/x.yaml or papers/.x.yaml must not pass because nothing reads those files.
    layout = set(collection.layout)
    problems = [p for p in collection.problems if only is None or p.path in only or p in layout]
    problems += check_files(outside, collection.taxonomy)[1]
    report(problems, args.format)
    failed = any(p.is_error or (args.strict and not p.is_note) for p in problems)
    shown = (len(only) if only is not None else collection.files) + len(outside)
    what = "record" if shown == 1 else "records"
    verdict = "failed" if failed else "ok"
    print(f"checked {shown} {what}: {count_summary(problems)}: {verdict}", file=sys.stderr)
    return 1 if failed else 0


def report(problems: list[Problem], style: str) -> None:
    for problem in problems:
        print(problem.format_github() if style == "github" else problem.format())
