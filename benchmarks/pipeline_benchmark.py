"""Benchmark the pipeline at scale: check, dedupe, BibTeX export, page generation, check --changed.

    python -m benchmarks.pipeline_benchmark [--sizes 1000 10000 100000] [--write docs/scale.md]

For each size a synthetic collection of valid records (benchmarks/synthetic.py) is written under
benchmarks/out/, and each stage runs in a fresh Python process so that its wall time and peak
memory are its own. In the same run, the floor: only parsing the same YAML files with PyYAML's
C loader. The table goes to standard output, and into the docs with --write.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.synthetic import generate

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"

# Each stage: what is read first (untimed), then the timed part. Peak memory is the process's.
STAGES = {
    "parse floor": (
        "import yaml; paths = sorted((root / 'papers').glob('*.yaml'))",
        "[yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader) for p in paths]",
    ),
    "check": (
        "from sitegen.pipeline import load_collection",
        "c = load_collection(root); assert not [p for p in c.problems if p.is_error]",
    ),
    "dedupe": (
        "from sitegen.pipeline import load_collection; from sitegen import dedupe; papers = load_collection(root).papers",
        "dedupe.group(dedupe.find_matches(papers))",
    ),
    "BibTeX export": (
        "from sitegen.pipeline import load_collection; from sitegen.export.bibtex import to_bibtex; c = load_collection(root)",
        "to_bibtex(c.papers, c.taxonomy)",
    ),
    "page generation": (
        "from sitegen.site.build import gather",
        "gather(root)",
    ),
}

_RUNNER = """
import json, resource, sys, time
from pathlib import Path
root = Path(sys.argv[1])
{setup}
start = time.perf_counter()
{timed}
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def run_stage(name: str, root: Path) -> dict[str, float]:
    setup, timed = STAGES[name]
    code = _RUNNER.format(setup=setup, timed=timed)
    done = subprocess.run([sys.executable, "-c", code, str(root)], cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def check_changed(root: Path) -> float:
    """Wall time of `sitegen check --changed` for a branch that changes one record."""
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    if not (root / ".git").exists():
        subprocess.run([*git, "init", "-q", "."], cwd=root, check=True)
        subprocess.run([*git, "add", "-A"], cwd=root, check=True)
        subprocess.run([*git, "commit", "-qm", "base"], cwd=root, check=True)
    subprocess.run(["git", "checkout", "-q", "--", "papers"], cwd=root, check=True)
    first = sorted((root / "papers").glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "# changed on this branch\n", encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sitegen", "check", "--changed", "--base", "HEAD"], cwd=root, capture_output=True, check=True)
    seconds = time.perf_counter() - start
    subprocess.run(["git", "checkout", "-q", "--", "papers"], cwd=root, check=True)
    return seconds


def measure(n: int) -> dict[str, object]:
    root = OUT / f"collection-{n}"
    if not (root / "papers").is_dir() or len(list((root / "papers").glob("*.yaml"))) != n:
        print(f"generating {n} records ...", file=sys.stderr)
        generate(n, root)
    results: dict[str, object] = {"n": n}
    for name in STAGES:
        print(f"  {n}: {name} ...", file=sys.stderr)
        results[name] = run_stage(name, root)
    results["check --changed"] = check_changed(root)
    return results


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def table(rows: list[dict]) -> str:
    head = "| records | parse floor | check | check ÷ floor | dedupe | BibTeX export | page generation | `check --changed`, one record |"
    lines = [head, "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        def cell(name: str) -> str:
            stage = row[name]
            return f"{_seconds(stage['seconds'])}, {stage['peak_mb']:.0f} MB"

        ratio = row["check"]["seconds"] / row["parse floor"]["seconds"]
        lines.append(
            f"| {row['n']:,} | {cell('parse floor')} | {cell('check')} | {ratio:.1f}× | {cell('dedupe')} | "
            f"{cell('BibTeX export')} | {cell('page generation')} | {_seconds(row['check --changed'])} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--write", type=Path, help="Markdown file whose table to replace")
    args = parser.parse_args()
    rows = [measure(n) for n in args.sizes]
    text = table(rows)
    machine = f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}"
    print(text)
    print(f"\n{machine}")
    if args.write:
        page = args.write.read_text(encoding="utf-8")
        start, end = "<!-- pipeline-table -->", "<!-- /pipeline-table -->"
        before, rest = page.split(start, 1)
        after = rest.split(end, 1)[1]
        args.write.write_text(f"{before}{start}\n{text}\n\nMeasured on {machine}, {time.strftime('%Y-%m-%d')}.\n{end}{after}", encoding="utf-8")
    (OUT / "pipeline.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
