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
    ("flhonker", "FLHonker__Awesome-Knowledge-Distillation.md", 719, 587, 111, 19, 2),
    ("tebmer", "Tebmer__Awesome-Knowledge-Distillation-of-LLMs.md", 382, 41, 305, 35, 1),
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
