"""Cross-check the records against the survey's reference list (sources/survey/references.tsv).

Prints, for each survey reference, the record that holds it and every field on which the two
disagree; and the survey references no record holds. Used while curating; the curator decides.

    python scripts/survey_crosscheck.py [--json]
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from rapidfuzz import fuzz

from sitegen.dedupe import title_key
from sitegen.document import read_regular_file
from sitegen.importers.markdown import Entry, parse_entry
from sitegen.keys import family_part
from sitegen.pipeline import load_collection

ROOT = Path(__file__).resolve().parent.parent


def survey_references() -> dict[str, dict]:
    out = {}
    path = ROOT / "sources/survey/references.tsv"
    text = read_regular_file(path, "sources/survey/references.tsv", limit=10_000_000).decode("utf-8")  # never through a link
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        draft = parse_entry(Entry(0, 0, row["reference_text"]), "references.tsv")
        out[row["key"]] = {"text": row["reference_text"], "draft": None if isinstance(draft, str) else draft}
    return out


def main() -> int:
    collection = load_collection(ROOT)
    refs = survey_references()
    by_key = {p.sources.survey: p for p in collection.papers if p.sources and p.sources.survey}
    report = []
    for key, ref in refs.items():
        draft = ref["draft"]
        paper = by_key.get(key)
        if paper is None and draft is not None:
            best, score = None, 0.0
            for p in collection.papers:
                s = fuzz.ratio(title_key(p.title), title_key(draft.title))
                if p.year == draft.year and family_part(p.authors[0]) == family_part(draft.authors[0]):
                    s += 10
                if s > score:
                    best, score = p, s
            paper = best if score >= 85 else None
        row = {"key": key, "record": paper.id if paper else None, "diffs": {}}
        if paper and draft:
            for name, ours, theirs in (
                ("title", paper.title, draft.title),
                ("authors", paper.authors, draft.authors),
                ("et_al", paper.et_al, draft.et_al),
                ("year", paper.year, draft.year),
                ("venue", paper.venue, collection.taxonomy.find_venue(draft.venue_text) if draft.venue_text else None),
                ("volume", paper.volume, draft.volume),
                ("number", paper.number, draft.number),
                ("pages", paper.pages, draft.pages),
            ):
                if ours != theirs:
                    row["diffs"][name] = {"record": ours, "survey": theirs}
            if draft.venue_text and not collection.taxonomy.find_venue(draft.venue_text):
                row["diffs"]["venue_text"] = draft.venue_text
        report.append(row)
    held = [r["record"] for r in report if r["record"]]
    unmatched_records = sorted({p.id for p in collection.papers} - set(held))
    if "--json" in sys.argv:
        json.dump({"references": report, "records_without_reference": unmatched_records}, sys.stdout, indent=1, ensure_ascii=False)
        return 0
    for row in report:
        if row["record"] is None or row["diffs"]:
            print(f"{row['key']} -> {row['record']}")
            for name, diff in row["diffs"].items():
                print(f"    {name}: {diff}")
    print(f"records without a survey reference: {unmatched_records}")
    doubled = sorted({r for r in held if held.count(r) > 1})
    print(f"records matched by two references: {doubled}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
