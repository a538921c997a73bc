"""Precision and recall of duplicate detection on the labelled real pairs (tests/data/dedupe/pairs.yaml).

    python -m benchmarks.matching_benchmark [--write docs/matching.md]

Each pair is scored by the one mechanism that `import`, `add` and `check` use
(sitegen.similarity.compare). A pair is *flagged* when the verdict is 'same' or 'probable' (a
warning at least); it is *merged* when the verdict is 'same' (the importer writes one record).
Two runs: the pairs as the sources give them, and the same pairs without their arXiv ids (as if
no source had linked the paper), which measures matching on titles, authors and years alone.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sitegen.similarity import Profile, compare

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "data" / "dedupe" / "pairs.yaml"


@dataclass
class Side:
    """One side of a pair, shaped like the record fields duplicate detection reads."""

    id: str
    title: str
    authors: list[str]
    year: int
    arxiv: str | None = None
    doi: str | None = None
    alt_titles: list[str] = field(default_factory=list)


@dataclass
class Scores:
    pairs: int
    same: int
    flagged_precision: float
    flagged_recall: float
    merged_precision: float
    merged_recall: float
    misses: list[tuple[str, dict]]  # 'false positive' / 'missed' / 'wrongly merged', the pair


def load_pairs(path: Path = PAIRS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]


def side(fields: dict, name: str, with_ids: bool) -> Side:
    return Side(name, fields["title"], list(fields.get("authors", [])), fields["year"],
                str(fields["arxiv"]) if with_ids and fields.get("arxiv") else None, None, list(fields.get("alt_titles", [])))


def measure(pairs: list[dict], with_ids: bool = True) -> Scores:
    flagged_right = flagged_wrong = merged_right = merged_wrong = 0
    misses = []
    for pair in pairs:
        evidence = compare(Profile(side(pair["a"], "pair-a", with_ids)), Profile(side(pair["b"], "pair-b", with_ids)))
        if evidence.verdict is not None:
            flagged_right += pair["same"]
            flagged_wrong += not pair["same"]
            if not pair["same"]:
                misses.append(("false positive", pair))
        elif pair["same"]:
            misses.append(("missed", pair))
        if evidence.verdict == "same":
            merged_right += pair["same"]
            merged_wrong += not pair["same"]
            if not pair["same"]:
                misses.append(("wrongly merged", pair))
    same = sum(p["same"] for p in pairs)
    return Scores(len(pairs), same, flagged_right / max(1, flagged_right + flagged_wrong), flagged_right / max(1, same),
                  merged_right / max(1, merged_right + merged_wrong), merged_right / max(1, same), misses)


def table(pairs: list[dict]) -> str:
    lines = ["| pairs | flagged: precision | flagged: recall | merged: precision | merged: recall |", "|---|---:|---:|---:|---:|"]
    for label, with_ids in (("as the sources give them", True), ("without arXiv ids", False)):
        s = measure(pairs, with_ids)
        lines.append(f"| {label} | {s.flagged_precision:.1%} | {s.flagged_recall:.1%} | {s.merged_precision:.1%} | {s.merged_recall:.1%} |")
    same = sum(p["same"] for p in pairs)
    return "\n".join(lines) + f"\n\n{len(pairs)} pairs: {same} one work, {len(pairs) - same} different works."


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="Markdown file whose table to replace")
    args = parser.parse_args()
    pairs = load_pairs()
    text = table(pairs)
    print(text)
    for kind, pair in measure(pairs).misses:
        print(f"{kind}: {pair['a']['title']!r} / {pair['b']['title']!r}", file=sys.stderr)
    if args.write:
        page = args.write.read_text(encoding="utf-8")
        start, end = "<!-- matching-table -->", "<!-- /matching-table -->"
        before, rest = page.split(start, 1)
        after = rest.split(end, 1)[1]
        args.write.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
