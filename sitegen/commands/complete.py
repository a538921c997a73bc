"""`sitegen complete`: turn candidates with an arXiv id into records, with what arXiv says of them.

The recipe: read the candidates (sources/candidates.yaml) and take those with an arXiv id (the
first N with --limit); ask arXiv for them in batches, through verify's polite client and on-disk
cache (one request every 3 seconds, up to 100 ids a request); make each answer a record with the
candidate's list provenance and the labels its list's headings suggest; keep as a candidate, with
the reason, each one arXiv does not know, that gets no labels, that is a record already (the one
duplicate mechanism, `sitegen.dedupe`, as the importer asks it) or that would not pass `check`.
Everything is decided before anything is written: the records, then the candidates file, each
atomically. Without network it says so in one line and changes nothing.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from sitegen.commands.add import _taken_ids, checked_text
from sitegen.commands.importing import _write_records
from sitegen.commands.verify import CACHE_DIR
from sitegen.errors import NetworkError, SitegenError, printable
from sitegen.importers.accounting import _Pool, draft_record, same_work
from sitegen.importers.arxiv import entry_to_draft
from sitegen.importers.draft import Draft
from sitegen.importers.http import Unreachable
from sitegen.keys import next_free
from sitegen.load import PAPERS_DIR
from sitegen.model import Paper
from sitegen.pipeline import load_collection
from sitegen.sources import CANDIDATES_FILE, Candidate, PaperList, read_candidates, read_lists, write_candidates
from sitegen.taxonomy import Taxonomy
from sitegen.verify import arxiv
from sitegen.verify.cache import Cache, Kept
from sitegen.verify.client import PoliteClient

BATCH = 100  # ids per request: arXiv's API serves many, the issue asks for no more than this
MAX_AGE = datetime.timedelta(days=30)  # as verify's default: both read the same cache


@dataclass
class Decision:
    candidate: Candidate
    paper: Paper | None = None  # the record to write
    reason: str | None = None  # why it stays a candidate


def run_complete(args: argparse.Namespace) -> int:
    root: Path = args.root
    collection = load_collection(root)
    taxonomy = collection.taxonomy
    lists = read_lists(root, taxonomy)
    candidates = read_candidates(root)
    chosen = [c for c in sorted(candidates, key=lambda c: (c.source.list, c.source.line)) if c.arxiv]
    if args.limit is not None:
        chosen = chosen[: args.limit]
    if not chosen:
        print(f"no candidate with an arXiv id in {CANDIDATES_FILE}; nothing to look up", file=sys.stderr)
        return 0
    client = PoliteClient()
    cache = Cache(root / CACHE_DIR, MAX_AGE)
    try:
        found = arxiv.entries([c.arxiv for c in chosen if c.arxiv], client, cache, batch=BATCH)
    except Unreachable as exc:
        raise NetworkError(f"cannot reach {arxiv.SERVICE.name} ({exc.reason}): no network? Nothing was completed") from None
    except NetworkError as exc:
        raise NetworkError(f"{exc}; nothing was completed (the answers already received are cached)") from None
    pool = _Pool(collection.papers)
    taken = _taken_ids(root, collection)
    decisions: list[Decision] = []
    for candidate in chosen:
        decision = decide(candidate, found[candidate.arxiv or ""], taxonomy, lists.get(candidate.source.list), pool, taken)
        if decision.paper is not None:
            path = root / PAPERS_DIR / f"{decision.paper.id}.yaml"
            try:
                checked_text(decision.paper, path, taxonomy, f"arXiv:{candidate.arxiv}")
            except SitegenError as exc:
                decision = Decision(candidate, reason=f"the record would not pass check: {exc}")
            else:
                pool.add(decision.paper)
                taken.add(decision.paper.id)
        decisions.append(decision)
    made = [d for d in decisions if d.paper is not None]
    left = {id(d.candidate): d.reason for d in decisions if d.paper is None}
    done = {id(d.candidate) for d in made}
    remaining = [c.model_copy(update={"reason": left[id(c)]}) if id(c) in left else c for c in candidates if id(c) not in done]
    for d in decisions:
        where = f"{CANDIDATES_FILE}: {d.candidate.source.list}:{d.candidate.source.line}"
        if d.paper is not None:
            print(f"{where}: wrote {PAPERS_DIR}/{d.paper.id}.yaml (arXiv {d.candidate.arxiv})")
        else:
            print(f"{where}: stays a candidate: {printable(d.reason or '')}")
    _write_records([(root / PAPERS_DIR / f"{d.paper.id}.yaml", d.paper) for d in made if d.paper is not None])
    write_candidates(root, remaining)
    print(
        f"completed {len(made)} of {len(chosen)} candidates with an arXiv id ({client.requests} request"
        f"{'s' if client.requests != 1 else ''} to arXiv, {cache.hits} from the cache); {len(remaining)} left in {CANDIDATES_FILE}",
        file=sys.stderr,
    )
    if made:
        print("next: confirm the suggested labels of the new records, then run `sitegen check`", file=sys.stderr)
    return 0


def decide(candidate: Candidate, answer: Kept | str, taxonomy: Taxonomy, source: PaperList | None, pool: _Pool, taken: set[str]) -> Decision:
    """The record `candidate` becomes with arXiv's answer, or why it stays a candidate."""
    if isinstance(answer, str):
        return Decision(candidate, reason=answer)
    if not answer.found:
        return Decision(candidate, reason=f"not found: arXiv has no paper {candidate.arxiv}")
    try:
        draft = draft_for(candidate, entry_to_draft(ET.fromstring(answer.body), candidate.arxiv or ""))
    except (ET.ParseError, SitegenError) as exc:
        return Decision(candidate, reason=f"arXiv's entry could not be read ({exc})")
    made = draft_record(draft, taxonomy, source)
    if isinstance(made, str):
        return Decision(candidate, reason=f"not a valid record: {made}")
    match = same_work(made, pool)
    if match is not None:
        return Decision(candidate, reason=f"duplicate of {match[0].where} ({match[1]})")
    if made.scope == "core" and not made.all_labels:
        heading = f"its list's heading '{candidate.section}' suggests" if candidate.section else "its list gives no heading and so"
        return Decision(candidate, reason=f"no labels: {heading} no taxonomy label; add it with `{candidate.command}` and its labels")
    return Decision(candidate, made.model_copy(update={"id": next_free(made.id, taken)}))


def draft_for(candidate: Candidate, found: Draft) -> Draft:
    """arXiv's draft with what the list said: its links, venue, year, section and line."""
    found.origin = f"arXiv:{candidate.arxiv}"
    found.line = candidate.source.line
    found.section = candidate.section or ""
    if candidate.title and candidate.title != found.title:
        found.alt_titles.append(candidate.title)
    if candidate.venue:
        found.venue_text = candidate.venue
    if candidate.year and found.year and candidate.year != found.year:
        found.doubts.append(f"the list gives the year {candidate.year}, arXiv's first version {found.year}; the list's year is kept")
    found.year = candidate.year or found.year
    for name in ("url", "pdf", "code", "doi"):
        if getattr(found, name) is None and getattr(candidate, name) is not None:
            setattr(found, name, getattr(candidate, name))
    if candidate.source.commit:
        found.list_lines = [{"list": candidate.source.list, "commit": candidate.source.commit, "line": candidate.source.line}]
    return found
