"""`sitegen import`: draft records from a Markdown paper list or a .bib file.

Every entry is accounted for: created, matched (a record of the collection, never written over,
or another entry of the list), candidate (written to sources/candidates.yaml), not a paper
(counted only), or unreadable (with its line and why). Everything is decided before anything
is written; `--dry-run` writes nothing, and a second import of the same list changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from sitegen.document import LINK_MESSAGE, display_path
from sitegen.errors import DataError, Problem, SitegenError, UsageError
from sitegen.files import write_all
from sitegen.fmt import reformat, render
from sitegen.importers.enrich import plan
from sitegen.importers.draft import Outcome, build
from sitegen.load import PAPERS_DIR
from sitegen.messages import did_you_mean
from sitegen.pipeline import load_collection
from sitegen.sources import CANDIDATES_FILE, LISTS_FILE, list_for_file, read_candidates, read_lists, write_candidates


def run_import(args: argparse.Namespace) -> int:
    if args.file.is_symlink():  # a list in sources/ (or from anywhere) is read only as itself
        raise UsageError(f"{args.file}: {LINK_MESSAGE}")
    if not args.file.is_file():
        raise UsageError(f"{args.file}: no such file")
    if args.format == "markdown":
        return _import_markdown(args)
    collection = load_collection(args.root)
    shown = display_path(args.file)
    from sitegen.importers.bibtex import decode_bytes, read_bibtex

    text, warning = decode_bytes(args.file.read_bytes(), shown)
    if warning:
        print(warning, file=sys.stderr)
    drafts, failures = read_bibtex(text, shown)
    outcome = build(drafts, collection.taxonomy, collection.papers)
    folder = args.root / PAPERS_DIR
    targets = [(folder / f"{paper.id}.yaml", paper) for _, paper in outcome.created]
    _refuse_clashes([path for path, _ in targets])
    _report(shown, outcome, failures, args.dry_run)
    if not args.dry_run:
        _write_records(targets)
    verb = "would create" if args.dry_run else "created"
    print(
        f"{len(drafts) + len(failures)} entries; {verb} {len(outcome.created)} records, {len(outcome.merged)} entries merged into them, "
        f"{len(outcome.existing)} already in the collection, {len(outcome.probable)} probable duplicates to check, "
        f"{len(failures) + len(outcome.invalid)} unreadable",
        file=sys.stderr,
    )
    if outcome.created and not args.dry_run:
        print("next: classify the new records (scope, taxonomy), then run `sitegen check`", file=sys.stderr)
    return 1 if failures or outcome.invalid else 0


def _refuse_clashes(paths: list) -> None:
    clashes = [path for path in paths if path.exists()]
    if clashes:  # gather everything first: write nothing if any file would be replaced
        raise UsageError(f"{display_path(clashes[0])} exists; the importer never replaces a record")


def _write_records(targets: list) -> None:
    if not targets:
        return
    targets[0][0].parent.mkdir(exist_ok=True)
    try:
        write_all([(path, render(paper)) for path, paper in targets], replace=False)
    except FileExistsError as exc:
        raise SitegenError(f"{display_path(Path(exc.filename))} appeared while importing; it was left as it is, and the records after it were not written") from None


def _import_markdown(args: argparse.Namespace) -> int:
    from sitegen.importers.accounting import account
    from sitegen.importers.markdown import read_markdown

    collection = load_collection(args.root)
    taxonomy = collection.taxonomy
    lists = read_lists(args.root, taxonomy)
    source = list_for_file(lists, args.file, args.list)
    if args.list and source is None:
        raise UsageError(f"--list {args.list}: not in {LISTS_FILE}{did_you_mean(args.list, lists)}")
    if source is None and not (args.dry_run or args.seed):
        raise UsageError(
            f"{args.file}: not a list registered in {LISTS_FILE} (name, repository, commit, licence); "
            "register it, or pass --list NAME; --dry-run reads any list"
        )
    shown = display_path(args.file)
    _require_utf8(args.file.read_bytes(), shown)
    parsed = read_markdown(args.file, record_lines=args.seed, taxonomy=taxonomy)
    listed = read_candidates(args.root)
    result = account(parsed.readings, taxonomy, collection.papers, listed, source, args.file.name)
    folder = args.root / PAPERS_DIR
    targets = [(folder / f"{paper.id}.yaml", paper) for _, paper in result.created]
    _refuse_clashes([path for path, _ in targets])
    enriched = plan(result.matched, taxonomy) if source is not None else []
    verb = "would create" if args.dry_run else "created"
    lines: list[tuple[int, str]] = []
    for record, _, added in enriched:
        lines += [(line, f"warning: matched {record.where} by an identifier, but {what[2:]}" if what.startswith("! ")
                   else f"{'would add' if args.dry_run else 'added'} to {record.where}: {what}") for line, what in added]
    for draft, paper in result.created:
        lines.append((draft.line, f"{verb} {PAPERS_DIR}/{paper.id}.yaml"))
    for match in result.matched:
        facts = f"; new facts for the curator: {', '.join(match.facts)}" if match.facts else ""
        if match.merged:
            lines.append((match.line, f"same work as {match.target} ({match.why}); merged into it"))
        else:
            lines.append((match.line, f"already in the collection as {match.target} ({match.why}); not written{facts}"))
    for draft, candidate in result.candidates:
        lines.append((draft.line, f"candidate (no {' or '.join(candidate.missing)}): {'would list' if args.dry_run else 'listed'} in {CANDIDATES_FILE}"))
    for draft, candidate in result.listed:
        lines.append((draft.line, f"candidate, already listed in {CANDIDATES_FILE}"))
    for line, new_id, holder in result.collisions:
        lines.append((line, f"note: {PAPERS_DIR}/{new_id}.yaml has a suffixed id because its key is taken by {holder}; check they are different works"))
    for line, where, why in result.probable:
        lines.append((line, f"warning: probable duplicate of {where} ({why}); the record is written: merge them or list each other under distinct_from"))
    for line, reason in result.unreadable:
        lines.append((line, f"error: cannot read this entry: {reason}"))
    for line, reason in result.excluded:
        lines.append((line, f"out of scope ({LISTS_FILE}): {reason}"))
    for entry, reading in parsed.readings:
        for note in reading.notes if reading.kind != "not-paper" else []:
            lines.append((entry.line, f"note: {note}"))
    for line, text in sorted(lines, key=lambda item: item[0]):
        print(f"{shown}:{line}: {text}")
    if not args.dry_run:
        _write_records(targets)
        write_all([(Path(record.document.path), reformat(Path(record.document.path).read_text(encoding="utf-8"), after))
                   for record, after, _ in enriched if record.document is not None and after is not record])
        write_candidates(args.root, listed + [c for _, c in result.candidates])
    forms = Counter(parsed.forms.values())
    multi = sum(e.lines > 1 for e in parsed.entries)
    shape = ", ".join(f"{n} {form}" for form, n in sorted(forms.items(), key=lambda kv: (-kv[1], kv[0])))
    counts = result.counts
    print(
        f"{len(parsed.readings)} entries ({shape}; {multi} over several lines); "
        f"{verb} {counts['created']}, matched {counts['matched']}, candidate {counts['candidate']}, "
        f"not a paper {counts['not a paper']}, out of scope {counts['out of scope']}, unreadable {counts['unreadable']}; "
        f"{len(result.probable)} probable duplicates to check; {sum(after is not record for record, after, _ in enriched)} records of the collection enriched",
        file=sys.stderr,
    )
    if result.created and not args.dry_run:
        print("next: classify the new records (scope, taxonomy), then run `sitegen check`", file=sys.stderr)
    return 1 if result.unreadable else 0
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

