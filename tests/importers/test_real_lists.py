"""The three community lists the collection was curated from, imported again (issue 10).

The lists are not ours to republish, so they are not in the repository; where a checkout has
them beside it (../shared/lists/, as on the curators' machine) this test re-runs the import as
a dry run and asserts that every entry is accounted for: none is created again (each is a
record, a candidate, not a paper, or out of scope with the reason in sources/lists.yaml) and
none is unreadable.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.contrib import REPO

LISTS = REPO.parent / "shared" / "lists"

# list name in sources/lists.yaml, file, and the outcome of importing it again:
# entries, matched, candidate, not a paper, out of scope
EXPECTED = [
    ("dkozlov", "dkozlov__awesome-knowledge-distillation.md", 230, 181, 1, 47, 1),
    ("flhonker", "FLHonker__Awesome-Knowledge-Distillation.md", 719, 653, 45, 19, 2),
    ("tebmer", "Tebmer__Awesome-Knowledge-Distillation-of-LLMs.md", 382, 276, 70, 35, 1),
]


@pytest.mark.skipif(not LISTS.is_dir(), reason="the community lists are not beside this checkout (../shared/lists)")
@pytest.mark.parametrize("name, file, entries, matched, candidate, not_paper, out_of_scope", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_every_entry_of_each_list_is_accounted_for(cli, name, file, entries, matched, candidate, not_paper, out_of_scope) -> None:
    result = cli("--root", str(REPO), "import", "markdown", str(LISTS / file), "--list", name, "--dry-run")
    assert result.code == 0, result.err
    summary = result.err.splitlines()[0]
    assert summary.startswith(f"{entries} entries")
    assert (
        f"would create 0, matched {matched}, candidate {candidate}, not a paper {not_paper}, "
        f"out of scope {out_of_scope}, unreadable 0; 0 probable duplicates to check; 0 records of the collection enriched"
    ) in summary
    assert matched + candidate + not_paper + out_of_scope == entries


@pytest.mark.skipif(not LISTS.is_dir(), reason="the community lists are not beside this checkout (../shared/lists)")
def test_no_record_is_held_as_a_preprint_where_its_list_names_a_venue() -> None:
    """Where a list's line names a conference or journal (by the short name venues.yaml knows,
    e.g. 'ICLR 2020'), the record is not left an arXiv preprint, unless a correction of its
    venue says with its evidence why (a withdrawn submission, say)."""
    import re

    from sitegen.pipeline import load_collection

    real = load_collection(REPO)
    files = {name: (LISTS / file).read_text(encoding="utf-8").splitlines() for name, file, *_ in EXPECTED}
    published = [v for v in real.taxonomy.venues.values() if v.kind != "preprint"]
    names = re.compile(r"\b(" + "|".join(sorted({re.escape(v.short) for v in published}, key=len, reverse=True)) + r")\s+(19|20)\d\d\b")
    held = []
    for paper in real.papers:
        venue = real.taxonomy.venues.get(paper.venue) if paper.venue else None
        if venue is None or venue.kind != "preprint" or not paper.sources:
            continue
        # Only a correction that moved the record off a published venue argues the point.
        argued = any(c.field == "venue" and c.now == paper.venue and c.was in real.taxonomy.venues
                     and real.taxonomy.venues[c.was].kind != "preprint" and c.source for c in paper.corrections)
        for source in paper.sources.lists:
            line = files[source.list][source.line - 1]
            found = names.search(line)
            if found and not argued:
                held.append((paper.id, source.list, source.line, found.group(0)))
    assert held == []
