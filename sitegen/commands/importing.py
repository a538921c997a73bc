"""`sitegen import`: draft records from a Markdown paper list or a .bib file.

Every entry is accounted for in the report: created, merged into another entry's record,
already in the collection (never written over), or unreadable, each with its line.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from sitegen.document import LINK_MESSAGE, display_path
from sitegen.errors import DataError, Problem, SitegenError, UsageError
from sitegen.files import write_all
from sitegen.fmt import render
from sitegen.importers.draft import Outcome, build
from sitegen.load import PAPERS_DIR
from sitegen.pipeline import load_collection


def run_import(args: argparse.Namespace) -> int:
    if args.file.is_symlink():  # a list in sources/ (or from anywhere) is read only as itself
        raise UsageError(f"{args.file}: {LINK_MESSAGE}")
    if not args.file.is_file():
        raise UsageError(f"{args.file}: no such file")
    collection = load_collection(args.root)
    shown = display_path(args.file)
    summary: list[str] = []
    unreadable: list[tuple[int, str]] = []
    if args.format == "markdown":
        from sitegen.importers.markdown import read_markdown

        _require_utf8(args.file.read_bytes(), shown)
        parsed = read_markdown(args.file, record_lines=args.seed)
        drafts = parsed.drafts
        forms = Counter(parsed.forms.values())
        multi = sum(e.lines > 1 for e in parsed.entries)
        summary.append(
            f"{len(parsed.entries)} entries ({forms['linked']} linked, {forms['plain']} plain, "
            f"{forms['title-only']} title only; {multi} over several lines)"
        )
        unreadable = [(s.line, s.reason) for s in parsed.unreadable]
    else:
        from sitegen.importers.bibtex import decode_bytes, read_bibtex

        text, warning = decode_bytes(args.file.read_bytes(), shown)
        if warning:
            print(warning, file=sys.stderr)
        drafts, failures = read_bibtex(text, shown)
        summary.append(f"{len(drafts) + len(failures)} entries")
        unreadable = failures
    outcome = build(drafts, collection.taxonomy, collection.papers)
    folder = args.root / PAPERS_DIR
    targets = [(folder / f"{paper.id}.yaml", paper) for _, paper in outcome.created]
    clashes = [path for path, _ in targets if path.exists()]
    if clashes:  # gather everything first: write nothing if any file would be replaced
        raise UsageError(f"{display_path(clashes[0])} exists; the importer never replaces a record")
    _report(shown, outcome, unreadable, args.dry_run)
    if not args.dry_run:
        folder.mkdir(exist_ok=True)
        try:
            write_all([(path, render(paper)) for path, paper in targets], replace=False)
        except FileExistsError as exc:
            raise SitegenError(f"{display_path(Path(exc.filename))} appeared while importing; it was left as it is, and the records after it were not written") from None
    verb = "would create" if args.dry_run else "created"
    summary.append(
        f"{verb} {len(outcome.created)} records, {len(outcome.merged)} entries merged into them, "
        f"{len(outcome.existing)} already in the collection, {len(outcome.probable)} probable duplicates to check, "
        f"{len(unreadable) + len(outcome.invalid)} unreadable"
    )
    print("; ".join(summary), file=sys.stderr)
    if outcome.created and not args.dry_run:
        print("next: classify the new records (scope, taxonomy), then run `sitegen check`", file=sys.stderr)
    return 1 if unreadable or outcome.invalid else 0


def _require_utf8(raw: bytes, shown: str) -> None:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError([Problem(shown, line, column, f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8 and import it again")]) from None


def _report(shown: str, outcome: Outcome, unreadable: list[tuple[int, str]], dry_run: bool) -> None:
    lines: list[tuple[int, str]] = []
    for draft, paper in outcome.created:
        lines.append((draft.line, f"{'would create' if dry_run else 'created'} {PAPERS_DIR}/{paper.id}.yaml"))
    for draft, into, why in outcome.merged:
        lines.append((draft.line, f"same work as {PAPERS_DIR}/{into}.yaml ({why}); merged into it"))
    for draft, where, why in outcome.existing:
        lines.append((draft.line, f"already in the collection as {where} ({why}); not written"))
    for draft, new_id, where, why in outcome.probable:
        lines.append((draft.line, f"warning: {PAPERS_DIR}/{new_id}.yaml is a probable duplicate of {where} ({why}); "
                                  "merge them or list each other under distinct_from"))
    for draft, new_id, holder in outcome.collisions:
        lines.append((draft.line, f"note: {PAPERS_DIR}/{new_id}.yaml has a suffixed id because its key is taken by {holder}; "
                                  "check they are different works"))
    for draft, reasons in outcome.invalid:
        lines.append((draft.line, "error: " + "; ".join(reasons)))
    for line, reason in unreadable:
        lines.append((line, f"error: cannot read this entry: {reason}"))
    for line, text in sorted(lines, key=lambda item: item[0]):
        print(f"{shown}:{line}: {text}")

