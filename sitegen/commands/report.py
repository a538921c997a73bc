"""`sitegen report`: the curation audit report (merges, corrections, doubts) as Markdown."""

from __future__ import annotations

import argparse
import sys

from sitegen.errors import DataError
from sitegen.output import to_file, to_stdout
from sitegen.pipeline import load_collection
from sitegen.report import audit


def run_report(args: argparse.Namespace) -> int:
    collection = load_collection(args.root)
    errors = [p for p in collection.problems if p.is_error]
    if errors:
        raise DataError(errors)
    text = audit(collection)
    if args.output:
        to_file(args.output, text)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        to_stdout(text)
    return 0
