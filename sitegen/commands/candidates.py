"""`sitegen candidates`: the works lists name that are not records yet, each with the command that completes it."""

from __future__ import annotations

import argparse

from sitegen.sources import CANDIDATES_FILE, read_candidates


def run_candidates(args: argparse.Namespace) -> int:
    candidates = read_candidates(args.root)
    for candidate in sorted(candidates, key=lambda c: (c.source.list, c.source.line)):
        year = f" ({candidate.year})" if candidate.year else ""
        missing = f"no {' or '.join(candidate.missing)}" if candidate.missing else "incomplete"
        print(f"{candidate.source.list}:{candidate.source.line}: {candidate.title}{year}; {missing}; complete with: {candidate.command}")
    print(f"{len(candidates)} candidate{'s' if len(candidates) != 1 else ''} in {CANDIDATES_FILE}")
    return 0
