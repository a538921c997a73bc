"""`sitegen schema`: write the records' JSON Schema, or with --check say whether a file is stale."""

from __future__ import annotations

import argparse
import sys

from sitegen.document import display_path
from sitegen.errors import UsageError
from sitegen.output import to_file, to_stdout
from sitegen.schema import render_schema
from sitegen.taxonomy import Taxonomy


def run_schema(args: argparse.Namespace) -> int:
    text = render_schema(Taxonomy.load(args.root))
    if args.check:
        if args.output is None:
            raise UsageError("--check needs --output, the file to compare with")
        shown = display_path(args.output)
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else None
        if current != text:
            print(f"{shown} is out of date; regenerate it: python -m sitegen schema -o {shown}", file=sys.stderr)
            return 1
        print(f"{shown} is up to date", file=sys.stderr)
        return 0
    if args.output is None:
        to_stdout(text)
        return 0
    to_file(args.output, text)
    print(f"wrote {display_path(args.output)}", file=sys.stderr)
    return 0
