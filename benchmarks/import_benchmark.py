"""Benchmark `sitegen import bibtex` on a reference manager's library (2,000 entries by default),
and `sitegen import markdown` on a community paper list (2,000 entries into 10,000 records).

    python -m benchmarks.import_benchmark [--sizes 2000] [--list-sizes 2000] [--records 10000] [--write docs/scale.md]

The .bib is synthetic but written the way real exports are (`synthetic_bib`): Google Scholar's
`@inproceedings` with `Family, Given` names and `--` page ranges; dblp's entries with
`crossref` and the `@proceedings` volume they share; ACM's `@article` with a DOI and LaTeX math
in some titles; arXiv's `@misc` with `eprint`. Names carry accents written as LaTeX macros and
titles carry case-protecting braces, so the importer does all of its decoding work. The file is
imported into a copy of the real collection (taxonomy, venues and the curated records, against
which every entry is matched), in a fresh Python process, timed from start to exit.

The Markdown list (`synthetic_list`) is written in the forms the three public lists use:
FLHonker's numbered references (`N. Title. Family, G. & Family, G. CVPR 2019` with `[[code]]`
links), dkozlov's linked items (`- [Title](arXiv link), Given Family, Given Family, 2019`),
Tebmer's tables (title, venue, date, code: no authors, so candidates), under headings that the
list's registry entry maps to taxonomy ids, with a share of entries naming works the collection
already has. It is imported into a synthetic collection (`benchmarks.synthetic.generate`), the
list registered in its sources/lists.yaml, in a fresh process timed from start to exit.
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

import yaml

from benchmarks.synthetic import _Authors, _title, generate
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


_HEADINGS = {  # heading of the synthetic list -> the taxonomy ids its registry entry suggests
    "Knowledge from logits": ["response-based"],
    "Knowledge from intermediate layers": ["feature-based"],
    "Self-KD": ["self-distillation"],
    "Data-free KD": ["data-free"],
    "Multi-teacher and Ensemble KD": ["multi-teacher"],
    "Other": [],
}
LIST_COMMIT = "0" * 40


def _given_first(name: str) -> str:
    family, _, given = name.partition(", ")
    return f"{given} {family}".strip()


def synthetic_list(n: int, taxonomy: Taxonomy, known: list[dict], seed: int = 0) -> str:
    """`n` entries in the forms of the three public lists; about one in ten names a work of `known`."""
    rng = random.Random(seed)
    authors = _Authors(max(8, int(n * 1.3)), rng)
    shorts = sorted(v.short for v in taxonomy.venues.values() if v.kind == "conference" and v.short)
    seen = {str(k["title"]).casefold() for k in known}
    lines = ["# Awesome knowledge distillation (synthetic)", "", "![badge](https://img.shields.io/badge/papers-many-green)", ""]
    headings = list(_HEADINGS)
    per_section = max(1, n // (3 * len(headings)))
    i = 0
    while i < n:
        form = (i // per_section) % 3  # sections alternate between the three lists' forms
        lines += [f"## {headings[(i // per_section) % len(headings)]}", ""]
        if form == 2:
            lines += ["| Title | Venue | Date | Code |", "|:--|:--:|:--:|:--:|"]
        for k in range(min(per_section, n - i)):
            if known and rng.random() < 0.1:
                work = rng.choice(known)
                title, names, year = str(work["title"]), list(work["authors"]), int(work["year"])
            else:
                title = _title(rng)
                while title.casefold() in seen:
                    title = _title(rng)
                names, year = authors.draw(rng.choice((1, 2, 3, 3, 4, 5))), rng.randint(2015, 2025)
            seen.add(title.casefold())
            arxiv = f"{year % 100:02d}{rng.randint(1, 12):02d}.{70000 + i:05d}"
            if form == 0:  # FLHonker
                spelled = "." not in names[0]  # lists write 'Family, Given et al.' with a given name spelled out
                written = f"{names[0]} et al" if len(names) > 2 and spelled else " & ".join(names[:3] if len(names) > 2 else names)
                code = f" [[code]][{i}]" if rng.random() < 0.3 else ""
                lines.append(f"{k + 1}. {title}. {written.rstrip('.')}. {rng.choice(shorts)} {year}{code}")
                if code:
                    lines.append(f"\n[{i}]: https://github.com/example/repo{i}")
            elif form == 1:  # dkozlov
                lines.append(f"- [{title}](https://arxiv.org/abs/{arxiv}), {', '.join(_given_first(a) for a in names)}, {year}")
            else:  # Tebmer
                lines.append(f"| [**{title}**](https://arxiv.org/pdf/{arxiv}.pdf) | {rng.choice(shorts + ['arXiv'])} | {year}-{rng.randint(1, 12):02d} | [Github](https://github.com/example/t{i}) |")
            i += 1
        lines.append("")
    return "\n".join(lines) + "\n"


def measure_list(n: int, records: int) -> dict[str, object]:
    """`sitegen import markdown` of an `n`-entry list into a synthetic collection of `records`."""
    root = OUT / f"import-list-{n}-{records}"
    if root.exists():
        shutil.rmtree(root)
    paths = generate(records, root)
    known = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in paths[:: max(1, len(paths) // 300)]]
    (root / "sources").mkdir()
    registry = {"lists": [{"name": "bench", "repository": "example/synthetic-list", "commit": LIST_COMMIT, "licence": "CC0-1.0",
                           "headings": {h: ids for h, ids in _HEADINGS.items() if ids}}]}
    (root / "sources" / "lists.yaml").write_text(yaml.safe_dump(registry, sort_keys=False), encoding="utf-8")
    listed = root / "list.md"
    listed.write_text(synthetic_list(n, Taxonomy.load(root), known), encoding="utf-8")
    start, cpu = time.perf_counter(), _child_cpu()
    done = subprocess.run([sys.executable, "-m", "sitegen", "import", "markdown", str(listed), "--list", "bench"],
                          cwd=root, capture_output=True, text=True)
    seconds, cpu = time.perf_counter() - start, _child_cpu() - cpu
    created = len(list((root / "papers").glob("*.yaml"))) - records
    summary = next((line for line in done.stderr.splitlines() if " entries (" in line), "")
    if done.returncode not in (0, 1) or created == 0:
        raise SystemExit(f"list import failed ({done.returncode}):\n{done.stderr[-3000:]}")
    counts: dict[str, int] = {}
    for outcome in ("matched", "candidate", "unreadable"):
        after = summary.split(f"{outcome} ", 1)
        counts[outcome] = int(after[1].split(",")[0].split(";")[0]) if len(after) > 1 else 0
    return {"n": n, "records": records, "seconds": seconds, "cpu": cpu, "created": created, "exit": done.returncode, "summary": summary, **counts}


def _child_cpu() -> float:
    """CPU seconds (user and system) of the finished child processes: the wall time's share that
    is the import's own when other work shares the machine."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def list_table(rows: list[dict]) -> str:
    lines = ["| list entries | records in the collection | created | matched | candidates | unreadable | `sitegen import markdown` | CPU time |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        lines.append(f"| {row['n']:,} | {row['records']:,} | {row['created']:,} | {row['matched']:,} | {row['candidate']:,} | "
                     f"{row['unreadable']:,} | {row['seconds']:.2f} s | {row['cpu']:.2f} s |")
    return "\n".join(lines)


def _replace(page: str, name: str, text: str) -> str:
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    before, rest = page.split(start, 1)
    after = rest.split(end, 1)[1]
    return f"{before}{start}\n{text}\n{end}{after}"


def table(rows: list[dict]) -> str:
    lines = ["| entries | records already in the collection | records created | `sitegen import bibtex` |", "|---:|---:|---:|---:|"]
    for row in rows:
        lines.append(f"| {row['n']:,} | {row['existing']:,} | {row['created']:,} | {row['seconds']:.2f} s |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000], help="entries of the .bib files (none: skip)")
    parser.add_argument("--list-sizes", type=int, nargs="*", default=[2000], help="entries of the Markdown lists (none: skip)")
    parser.add_argument("--records", type=int, default=10000, help="records of the synthetic collection the lists are imported into")
    parser.add_argument("--write", type=Path, help="Markdown file whose import tables to replace")
    args = parser.parse_args()
    rows = [measure(n) for n in args.sizes]
    list_rows = [measure_list(n, args.records) for n in args.list_sizes]
    machine = f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}"
    measured = f"Measured on {machine}, {time.strftime('%Y-%m-%d')}."
    for shown in ([table(rows)] if rows else []) + ([list_table(list_rows)] if list_rows else []):
        print(shown + "\n")
    print(machine)
    if args.write:
        page = args.write.read_text(encoding="utf-8")
        if rows:
            page = _replace(page, "import-table", f"{table(rows)}\n\n{measured}")
        if list_rows:
            page = _replace(page, "list-import-table", f"{list_table(list_rows)}\n\n{measured}")
        args.write.write_text(page, encoding="utf-8")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "import.json").write_text(json.dumps({"bibtex": rows, "markdown": list_rows}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
