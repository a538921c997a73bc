"""`sitegen check`: validate every record and report every problem, then exit once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitegen.document import display_path
from sitegen.errors import Problem, UsageError, count_summary
from sitegen.pipeline import load_collection


def selected(paths: list[Path], root: Path) -> set[str] | None:
    """Display paths of the record files named by `paths` (files or folders), or None for all."""
    if not paths:
        return None
    chosen: set[str] = set()
    for path in paths:
        if path.is_dir():
            chosen.update(display_path(p) for p in path.rglob("*.yaml"))
        elif path.exists():
            chosen.add(display_path(path))
        else:
            raise UsageError(f"{path}: no such file or folder")
    return chosen


def run_check(args: argparse.Namespace) -> int:
    only = selected(args.paths, args.root)
    if args.changed:
        from sitegen.changes import changed_records

        only = (only or set()) | changed_records(args.root, args.base)
    collection = load_collection(args.root, focus=only)
    # What papers/ holds besides record files is reported whatever was chosen: a branch that
    # adds papers/sub/x.yaml or papers/.x.yaml must not pass because nothing reads those files.
    layout = set(collection.layout)
    problems = [p for p in collection.problems if only is None or p.path in only or p in layout]
    report(problems, args.format)
    failed = any(p.is_error or args.strict for p in problems)
    shown = len(only) if only is not None else collection.files
    what = "record" if shown == 1 else "records"
    verdict = "failed" if failed else "ok"
    print(f"checked {shown} {what}: {count_summary(problems)}: {verdict}", file=sys.stderr)
    return 1 if failed else 0


def report(problems: list[Problem], style: str) -> None:
    for problem in problems:
        print(problem.format_github() if style == "github" else problem.format())
