"""`sitegen verify`: compare records with arXiv, Crossref and dblp; report each disagreement.

The recipe: choose the records (all, the paths given, or a branch's changes), ask each service
what it knows (through the cache, at each service's pace), compare every record with every
witness, print the warnings in check's format, then one summary line. A service that cannot be
reached is skipped with one line saying so; when none can be, nothing is verified and the
command says so in one line. With --record, a record that a service agrees with on everything
it shows, and that no service disagrees with, gets that page under `checked` (sitegen.verify.record).
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.commands.check import report, selected
from sitegen.errors import NetworkError, Problem, UsageError, count_summary, printable
from sitegen.files import write_all
from sitegen.fmt import reformat
from sitegen.importers.http import Unreachable
from sitegen.model import Paper
from sitegen.pipeline import load_collection
from sitegen.taxonomy import Taxonomy
from sitegen.verify import arxiv, crossref, dblp
from sitegen.verify.cache import Cache
from sitegen.verify.client import PoliteClient
from sitegen.verify.compare import compare
from sitegen.verify.record import checked_pages
from sitegen.verify.witness import Answer, Witness

SOURCES = ("arxiv", "crossref", "dblp")
SERVICE_NAMES = {"arxiv": arxiv.SERVICE.name, "crossref": crossref.SERVICE.name, "dblp": dblp.SERVICE.name}
CACHE_DIR = Path(".cache") / "sitegen" / "verify"


@dataclass
class Run:
    """What the services answered, per record, and which services failed."""

    answers: dict[str, list[Answer]] = field(default_factory=dict)
    failed: dict[str, NetworkError] = field(default_factory=dict)  # source -> what went wrong
    asked: set[str] = field(default_factory=set)  # sources that had something to look up

    def add(self, paper: Paper, answer: Answer) -> None:
        self.answers.setdefault(paper.id, []).append(answer)


def run_verify(args: argparse.Namespace) -> int:
    only, outside = selected(args.paths, args.root)
    if outside:
        raise UsageError(f"{outside[0]}: not a record of the collection (records live in papers/); verify checks records of the collection")
    if args.changed:
        from sitegen.changes import changed_records

        only = (only or set()) | changed_records(args.root, args.base)
    collection = load_collection(args.root, focus=only)
    papers = [p for p in collection.papers if only is None or (p.document and p.document.path in only)]
    invalid = {p.path for p in collection.problems if p.is_error and (only is None or p.path in only)}
    client = PoliteClient(mailto=args.mailto or os.environ.get("SITEGEN_MAILTO") or None)
    folder = None if args.no_cache else (args.cache or args.root / CACHE_DIR)
    cache = Cache(folder, datetime.timedelta(days=args.max_age))
    run = gather(papers, args.source or list(SOURCES), client, cache)
    if run.asked and set(run.failed) == run.asked and not any(isinstance(a, Witness) for a in _all(run)):
        failed = [s for s in SOURCES if s in run.failed]
        if not all(isinstance(run.failed[s], Unreachable) for s in failed):
            raise run.failed[failed[0]]
        names = [SERVICE_NAMES[s] for s in failed]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
        reason = run.failed[failed[0]].reason  # type: ignore[attr-defined]
        raise NetworkError(f"cannot reach {listed} ({reason}): no network? Nothing was verified")
    problems = sorted(p for paper in papers for p in disagreements(paper, run.answers.get(paper.id, []), collection.taxonomy))
    report(problems, args.format)
    notes = [f"sitegen verify: {message}" for message in run.failed.values()]
    if args.record:
        disputed = invalid | {problem.path for problem in problems}  # left to a curator, whichever service disagrees
        notes += record([p for p in papers if p.document and p.document.path not in disputed], run, collection.taxonomy)
    if invalid:
        notes.append(f"sitegen verify: {len(invalid)} record(s) with errors were not verified; run sitegen check")
    notes.append(summary(papers, run, cache, client, problems))
    for note in notes:
        print(note, file=sys.stderr)
    if args.output:
        lines = [p.format_github() if args.format == "github" else p.format() for p in problems] + notes
        args.output.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return 1 if run.failed or invalid or (args.strict and problems) else 0


def record(papers: list[Paper], run: Run, taxonomy: Taxonomy) -> list[str]:
    """Write each page a service agrees with into its record's `checked`; one line per page, then a count."""
    changes: list[tuple[Path, str]] = []
    lines: list[str] = []
    for paper in papers:
        witnesses = [a for a in run.answers.get(paper.id, []) if isinstance(a, Witness)]
        pages = checked_pages(paper, witnesses, taxonomy) if paper.document else []
        if not pages:
            continue
        path = Path(paper.document.path)
        updated = paper.model_copy(update={"checked": [*paper.checked, *pages]})
        changes.append((path, reformat(path.read_text(encoding="utf-8"), updated)))
        shown = printable(str(path))
        lines += [f"{shown}: checked against {page.url} ({', '.join(page.compared)}): recorded" for page in pages]
    write_all(changes)
    count = len(lines)
    lines.append(f"sitegen verify: recorded {count} checked page{'s' if count != 1 else ''} in {len(changes)} record{'s' if len(changes) != 1 else ''}")
    return lines


def _all(run: Run) -> list[Answer]:
    return [a for answers in run.answers.values() for a in answers]


def gather(papers: list[Paper], sources: list[str], client: PoliteClient, cache: Cache) -> Run:
    """Every service's answers about `papers`; a service that fails is noted and skipped."""
    run = Run()
    if "arxiv" in sources and any(p.arxiv for p in papers):
        run.asked.add("arxiv")
        try:
            found = arxiv.look_up([p.arxiv for p in papers if p.arxiv], client, cache)
            for paper in papers:
                if paper.arxiv in found:
                    run.add(paper, found[paper.arxiv])
        except NetworkError as exc:
            run.failed["arxiv"] = exc
    if "crossref" in sources and any(p.doi for p in papers):
        run.asked.add("crossref")
        try:
            answers = crossref.look_up([p.doi for p in papers if p.doi], client, cache)
            for paper in papers:
                if paper.doi in answers:
                    run.add(paper, answers[paper.doi])
        except NetworkError as exc:
            run.failed["crossref"] = exc
    if "dblp" in sources and papers:
        run.asked.add("dblp")
        for paper in papers:
            try:
                for answer in dblp.look_up(paper, client, cache):
                    run.add(paper, answer)
            except NetworkError as exc:
                run.failed["dblp"] = exc
                break
    return run


def disagreements(paper: Paper, answers: list[Answer], taxonomy: Taxonomy) -> list[Problem]:
    problems: list[Problem] = []
    for answer in answers:
        if isinstance(answer, Witness):
            problems += compare(paper, answer, taxonomy)
        else:
            problems.append(paper.problem((answer.field,), f"{answer.field}: {answer.message}", severity="warning"))
    return problems


def summary(papers: list[Paper], run: Run, cache: Cache, client: PoliteClient, problems: list[Problem]) -> str:
    witnessed = sum(any(isinstance(a, Witness) for a in run.answers.get(p.id, [])) for p in papers)
    what = "record" if len(papers) == 1 else "records"
    looked = f"{witnessed} found by a service ({client.requests} request{'s' if client.requests != 1 else ''}, {cache.hits} from the cache)"
    verdict = "incomplete" if run.failed else ("agree" if not problems else "disagreements")
    return f"verified {len(papers)} {what}, {looked}: {count_summary(problems)}: {verdict}"
