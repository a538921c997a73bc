"""Site benchmark: build the real collection and synthetic ones, measure, write docs/performance.md.

    python -m benchmarks.site_benchmark            # real, 1,000 and 10,000 papers
    python -m benchmarks.site_benchmark --sizes 1000 --no-write

For each collection: the time `sitegen build` takes (page generation and the MkDocs build), the
size of the site, of the search index and of the Explore data, and, in headless chromium over
localhost, the time from opening the home page to the first search result, from opening
Explore to a filled table, and for one facet click to redraw it. Synthetic collections come
from benchmarks/synthetic.py and are written under benchmarks/out/ (not committed).
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import http.server
import json
import os
import platform
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.synthetic import generate
from sitegen.pipeline import load_collection
from sitegen.site import urls
from sitegen.site.build import build_site

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
PAGE = REPO / "docs" / "performance.md"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass
class Figures:
    name: str
    papers: int
    pages: int
    build_seconds: float
    site_bytes: int
    site_files: int
    search_index_bytes: int
    search_index_gzip_bytes: int
    explore_bytes: int
    explore_gzip_bytes: int
    first_search_result_seconds: float
    explore_ready_seconds: float
    facet_click_seconds: float


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def _browser_times(site: Path, query: str, axis: str, node: str) -> tuple[float, float, float]:
    """Seconds to the first search result, to Explore's filled table, and for one facet click."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            start = time.perf_counter()
            page.goto(base)
            # Typing before the index is loaded may lose the query, so wait for it (and count it).
            page.wait_for_function(
                "() => !/Initializing/.test(document.querySelector('.md-search-result__meta').textContent)",
                timeout=300_000,
            )
            page.click("input.md-search__input")
            page.keyboard.type(query)  # the theme searches on key presses
            page.wait_for_selector(".md-search-result__item a.md-search-result__link", state="attached", timeout=120_000)
            search = time.perf_counter() - start
            start = time.perf_counter()
            page.goto(base + urls.EXPLORE)
            page.wait_for_selector("#kd-explore[data-ready=true]", timeout=300_000)
            explore = time.perf_counter() - start
            before = page.get_attribute("#kd-explore", "data-shown")
            start = time.perf_counter()
            page.check(f'#kd-explore input[data-facet="{axis}"][value="{node}"]')
            page.wait_for_function(f"document.getElementById('kd-explore').dataset.shown !== '{before}'", timeout=300_000)
            click = time.perf_counter() - start
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return search, explore, click


def measure(name: str, root: Path, out: Path) -> Figures:
    collection = load_collection(root)
    result = build_site(root, site_dir=out / "site", docs_dir=out / "docs")
    site = out / "site"
    size, files = _size(site)
    index = site / "search" / "search_index.json"
    explore = site / urls.EXPLORE_DATA
    paper = collection.papers[len(collection.papers) // 2]
    axis = collection.taxonomy.axis_ids[0]
    node = next(n for n in collection.taxonomy.axis_node_ids(axis) if any(n in p.all_labels for p in collection.papers))
    search, ready, click = _browser_times(site, paper.title, axis, node)
    return Figures(
        name, len(collection.papers), result.pages, round(result.seconds, 1), size, files,
        index.stat().st_size, _gzip_size(index), explore.stat().st_size, _gzip_size(explore),
        round(search, 2), round(ready, 2), round(click, 2),
    )


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.0f} kB"


def markdown(figures: list[Figures]) -> str:
    rows = [
        ("Papers", lambda f: f"{f.papers:,}"),
        ("Pages generated", lambda f: f"{f.pages:,}"),
        ("Build time (`sitegen build`)", lambda f: f"{f.build_seconds:.1f} s"),
        ("Site size", lambda f: f"{_mb(f.site_bytes)} in {f.site_files:,} files"),
        ("Search index (gzipped)", lambda f: f"{_mb(f.search_index_bytes)} ({_mb(f.search_index_gzip_bytes)})"),
        ("Explore data (gzipped)", lambda f: f"{_mb(f.explore_bytes)} ({_mb(f.explore_gzip_bytes)})"),
        ("Open home page → first search result", lambda f: f"{f.first_search_result_seconds:.2f} s"),
        ("Open Explore → table filled", lambda f: f"{f.explore_ready_seconds:.2f} s"),
        ("One facet click → table redrawn", lambda f: f"{f.facet_click_seconds:.2f} s"),
    ]
    head = "| | " + " | ".join(f.name for f in figures) + " |"
    lines = [head, "|---|" + "---:|" * len(figures)]
    lines += [f"| {label} | " + " | ".join(cell(f) for f in figures) + " |" for label, cell in rows]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, headless Debian chromium over localhost"
    return "\n".join(
        [
            "# Performance",
            "",
            "How the site scales, measured by `python -m benchmarks.site_benchmark` on "
            f"{datetime.date.today().isoformat()} ({machine}). The synthetic collections are valid records from "
            "`benchmarks/synthetic.py`, shaped like the real one (about four authors a paper, every "
            "taxonomy axis used); the benchmark rewrites this page.",
            "",
            *lines,
            "",
            "What the figures mean:",
            "",
            "- **Build time** covers the whole `sitegen build`: reading and checking the records, "
            "generating every page and download, and the strict MkDocs build. Every paper, author, "
            "node, venue and year has its own page, so the page count grows with the collection.",
            "- **Search index** is the file the theme's search downloads once and indexes in a web "
            "worker; paper lists on the overview pages are left out of it, so each paper is indexed "
            "once, on its own page.",
            "- **Explore data** is the one file Explore downloads; the table, facets and counts are "
            "computed in the browser from it.",
            "- **Times in the browser** are wall-clock from `page.goto` on a site served from "
            "localhost, so they include downloading (without network latency) and, for search, "
            "building the index. Over a real connection add the transfer of the gzipped sizes "
            "(GitHub Pages compresses JSON).",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000], help="synthetic collection sizes")
    parser.add_argument("--no-real", action="store_true", help="skip the repository's own collection")
    parser.add_argument("--no-write", action="store_true", help="print the figures; leave docs/performance.md alone")
    args = parser.parse_args()
    figures = []
    if not args.no_real:
        figures.append(measure("Real collection", REPO, OUT / "real"))
        print(figures[-1], file=sys.stderr)
    for n in args.sizes:
        root = OUT / f"synthetic-{n}"
        generate(n, root)
        figures.append(measure(f"Synthetic {n:,}", root, OUT / f"synthetic-{n}-out"))
        print(figures[-1], file=sys.stderr)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps([asdict(f) for f in figures], indent=2) + "\n", encoding="utf-8")
    text = markdown(figures)
    if args.no_write:
        print(text)
    else:
        PAGE.write_text(text, encoding="utf-8")
        print(f"wrote {PAGE}", file=sys.stderr)


if __name__ == "__main__":
    main()
