"""`sitegen fmt`: rewrite records in canonical form, or with --check list what would change."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from sitegen.commands.check import selected
from sitegen.errors import DataError, printable
from sitegen.files import write_all
from sitegen.fmt import reformat
from sitegen.pipeline import check_files, load_collection


def run_fmt(args: argparse.Namespace) -> int:
    only, outside = selected(args.paths, args.root)
    collection = load_collection(args.root, focus=only)
    drafts, draft_problems = check_files(outside, collection.taxonomy)  # files outside papers/, each on its own
    errors = [p for p in collection.problems if p.is_error and (only is None or p.path in only)]
    errors += [p for p in draft_problems if p.is_error]
    if errors:
        raise DataError(errors)  # formatting a record we cannot read could lose what it says
    chosen = [p for p in collection.papers if only is None or (p.document is not None and p.document.path in only)]
    changes: list[tuple[Path, str, str]] = []
    for paper in chosen + drafts:
        doc = paper.document
        if doc is None:
            continue
        path = Path(doc.path)
        old = path.read_text(encoding="utf-8")
        new = reformat(old, paper)
        if new != old:
            changes.append((path, old, new))
    if args.check:
        for path, old, new in changes:
            diff = difflib.unified_diff(old.split("\n"), new.split("\n"), printable(str(path)), f"{printable(str(path))} (formatted)", lineterm="")
            sys.stdout.writelines(printable(line, keep="\t") + "\n" for line in diff)
        print(f"{len(changes)} file(s) would be reformatted", file=sys.stderr)
        return 1 if changes else 0
    write_all([(path, new) for path, _, new in changes])
    for path, _, _ in changes:
        print(f"reformatted {printable(str(path))}", file=sys.stderr)
    print(f"{len(changes)} file(s) reformatted", file=sys.stderr)
    return 0
