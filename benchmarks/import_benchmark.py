"""Benchmark `sitegen import bibtex` on a reference manager's library: 2,000 entries by default.

    python -m benchmarks.import_benchmark [--sizes 2000] [--write docs/scale.md]

The .bib is synthetic but written the way real exports are (`synthetic_bib`): Google Scholar's
`@inproceedings` with `Family, Given` names and `--` page ranges; dblp's entries with
`crossref` and the `@proceedings` volume they share; ACM's `@article` with a DOI and LaTeX math
in some titles; arXiv's `@misc` with `eprint`. Names carry accents written as LaTeX macros and
titles carry case-protecting braces, so the importer does all of its decoding work. The file is
imported into a copy of the real collection (taxonomy, venues and the curated records, against
which every entry is matched), in a fresh Python process, timed from start to exit.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.synthetic import _Authors, _title
from sitegen.export.latex import encode
from sitegen.taxonomy import TAXONOMY_FILE, VENUES_FILE, Taxonomy

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
# Real title forms: a Greek letter, a norm, a k-NN and an O(...) in LaTeX math, and acronyms in braces.
_MATH = ("with $\\alpha$-divergence", "under $\\ell_1$ constraints", "for $k$-NN retrieval", "in $\\mathcal{O}(n)$ time")


def _bib_name(name: str) -> str:
    family, _, given = name.partition(", ")
    return f"{encode(family)}, {encode(given)}"


def synthetic_bib(n: int, taxonomy: Taxonomy, seed: int = 0) -> str:
    """`n` entries in the forms Scholar, dblp, ACM and arXiv export, with distinct titles."""
    rng = random.Random(seed)
    authors = _Authors(max(8, int(n * 1.3)), rng)
    conferences = sorted(v.name for v in taxonomy.venues.values() if v.kind == "conference")
    journals = sorted(v.name for v in taxonomy.venues.values() if v.kind == "journal")
    seen: set[str] = set()
    entries: list[str] = []
    volumes: dict[str, str] = {}
    for i in range(n):
        title = _title(rng)
        while title.casefold() in seen:
            title = _title(rng)
        seen.add(title.casefold())
        if rng.random() < 0.1:
            title = f"{title} {rng.choice(_MATH)}"
        words = title.split()
        words[0] = "{" + words[0] + "}" if rng.random() < 0.3 else words[0]
        title = " ".join(words)
        names = " and ".join(_bib_name(a) for a in authors.draw(rng.choice((1, 2, 3, 3, 4, 4, 5, 6))))
        year = rng.randint(2012, 2025)
        first = rng.randint(1, 9000)
        kind = rng.random()
        if kind < 0.4:  # Google Scholar
            entries.append(
                f"@inproceedings{{scholar{i},\n  title={{{title}}},\n  author={{{names}}},\n"
                f"  booktitle={{Proceedings of the {rng.choice(conferences)}}},\n"
                f"  pages={{{first}--{first + 9}}},\n  year={{{year}}}\n}}\n"
            )
        elif kind < 0.65:  # dblp, with the volume it cites by crossref
            venue = rng.choice(conferences)
            volume = f"DBLP:conf/{venue.split()[0].lower()}{i % 7}/{year}"
            volumes.setdefault(volume, f"@proceedings{{{volume},\n  title = {{{venue}, {year}}},\n  publisher = {{Example Press}},\n  year = {{{year}}}\n}}\n")
            entries.append(
                f"@inproceedings{{DBLP:conf/x/Entry{i},\n  author    = {{{names}}},\n  title     = {{{title}}},\n"
                f"  pages     = {{{first}--{first + 7}}},\n  crossref  = {{{volume}}},\n"
                f"  url       = {{https://example.org/dblp/{i}}},\n  bibsource = {{dblp computer science bibliography, https://dblp.org}}\n}}\n"
            )
        elif kind < 0.85:  # ACM / publisher
            entries.append(
                f"@article{{10.5555/{i},\n  author = {{{names}}},\n  title = {{{title}}},\n  year = {{{year}}},\n"
                f"  publisher = {{Example Press}},\n  volume = {{{rng.randint(1, 40)}}},\n  number = {{{rng.randint(1, 12)}}},\n"
                f"  journal = {{{rng.choice(journals)}}},\n  pages = {{{first}--{first + 12}}},\n"
                f"  doi = {{10.5555/kd-import.{seed}.{i}}},\n  numpages = {{13}}\n}}\n"
            )
        else:  # arXiv
            entries.append(
                f"@misc{{arxiv{i},\n  title={{{title}}},\n  author={{{names}}},\n  year={{{year}}},\n"
                f"  eprint={{{year % 100:02d}{rng.randint(1, 12):02d}.{i:05d}}},\n  archivePrefix={{arXiv}},\n  primaryClass={{cs.LG}}\n}}\n"
            )
    return "\n".join(entries + sorted(volumes.values()))


_COUNT = "import sys; from sitegen.importers.bibtex import read_bibtex; d, f = read_bibtex(open(sys.argv[1], encoding='utf-8').read(), 'x'); print(len(d), len(f))"


def measure(n: int) -> dict[str, object]:
    root = OUT / f"import-{n}"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name in (TAXONOMY_FILE, VENUES_FILE):
        shutil.copyfile(REPO / name, root / name)
    shutil.copytree(REPO / "papers", root / "papers")
    before = len(list((root / "papers").glob("*.yaml")))
    bib = root / "library.bib"
    bib.write_text(synthetic_bib(n, Taxonomy.load(root)), encoding="utf-8")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "sitegen", "import", "bibtex", str(bib)], cwd=root, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    created = len(list((root / "papers").glob("*.yaml"))) - before
    summary = done.stderr.strip().splitlines()[-2] if done.stderr.strip() else ""
    if done.returncode not in (0, 1) or created == 0:
        raise SystemExit(f"import failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return {"n": n, "seconds": seconds, "created": created, "existing": before, "exit": done.returncode, "summary": summary}


def table(rows: list[dict]) -> str:
    lines = ["| entries | records already in the collection | records created | `sitegen import bibtex` |", "|---:|---:|---:|---:|"]
    for row in rows:
        lines.append(f"| {row['n']:,} | {row['existing']:,} | {row['created']:,} | {row['seconds']:.2f} s |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000])
    parser.add_argument("--write", type=Path, help="Markdown file whose import table to replace")
    args = parser.parse_args()
    rows = [measure(n) for n in args.sizes]
    text = table(rows)
    machine = f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}"
    print(text)
    print(f"\n{machine}")
    if args.write:
        page = args.write.read_text(encoding="utf-8")
        start, end = "<!-- import-table -->", "<!-- /import-table -->"
        before, rest = page.split(start, 1)
        after = rest.split(end, 1)[1]
        args.write.write_text(f"{before}{start}\n{text}\n\nMeasured on {machine}, {time.strftime('%Y-%m-%d')}.\n{end}{after}", encoding="utf-8")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "import.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
