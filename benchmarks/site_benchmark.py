"""Site benchmark: build the real collection and synthetic ones, measure, write docs/performance.md.

    python -m benchmarks.site_benchmark            # real, 1,000 and 10,000 papers
    python -m benchmarks.site_benchmark --sizes 1000 --no-write

For each collection: the time `sitegen build` takes (page generation, the strict MkDocs build
and the search index), the part of it the search stage takes, the size of the site, of the
search index and of the Explore data, and, in headless chromium over localhost, the site search
measured beside the theme's lunr search it replaced, in the same run and by the same protocol
(the lunr site is the same generated pages built by MkDocs with the theme's search plugin):
from the first use of the search box to the first result, what that first query downloads,
and (for the site's search) the time from each keystroke to its results. Then Explore: from
opening it to a filled table, and for one facet click to redraw it. Synthetic collections
come from benchmarks/synthetic.py and are written under benchmarks/out/ (not committed).
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
import re
import shutil
import statistics
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.synthetic import commit_history, generate
from sitegen.pipeline import load_collection
from sitegen.site import urls
from sitegen.site.build import CONFIG_FILE, PROJECT, TEMPLATES, build_site, gather
from sitegen.site.index import SiteIndex
from sitegen.site.mkdocs_run import run_mkdocs
from sitegen.site.pagefind_plugin import OUTPUT, document_kinds, run_pagefind
from sitegen.site.references import CACHE_FILE as REFERENCE_CACHE
from sitegen.site.render import Renderer
from sitegen.site.repository import Repository
from sitegen.site.search import DOCUMENTS, search_documents, terms

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
PAGE = REPO / "docs" / "performance.md"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Results for the query are on screen ('shown': papers with some of the words may still follow).
PANEL_SHOWN = "q => { const p = document.getElementById('kd-search-panel'); return p && p.dataset.query === q && (p.dataset.state === 'shown' || p.dataset.state === 'done'); }"
PANEL_DONE = "q => { const p = document.getElementById('kd-search-panel'); return p && p.dataset.query === q && p.dataset.state === 'done'; }"
READING = 1000  # ms a reader looks at a loaded page before searching
TYPING = 100  # ms between two keys, a quick typist's pace


@dataclass
class Figures:
    name: str
    papers: int
    pages: int
    build_seconds: float  # the first build: no reference cache
    rebuild_seconds: float  # the same records built again, with the cache the first build left
    search_stage_seconds: float
    lunr_mkdocs_seconds: float
    site_mkdocs_seconds: float
    site_bytes: int
    site_files: int
    pagefind_bytes: int
    pagefind_files: int
    lunr_index_bytes: int
    lunr_index_gzip_bytes: int
    query: str
    first_query_seconds: float
    first_query_bytes: int
    lunr_first_query_seconds: float
    lunr_first_query_bytes: int
    open_to_result_seconds: float
    lunr_open_to_result_seconds: float
    keystroke_median_ms: float
    keystroke_max_ms: float
    explore_bytes: int
    explore_gzip_bytes: int
    explore_ready_seconds: float
    facet_click_seconds: float
    stages: dict[str, float] = field(default_factory=dict)  # seconds of each stage STAGES times
    short_query: str = ""  # two words of the same title, typed the same way: a reader's usual query
    short_query_bytes: int = 0


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def _transfer_size(data: bytes) -> int:
    """What a file costs over a connection that compresses: Pagefind's own files come gzipped."""
    if data[:2] == b"\x1f\x8b":
        return len(data)
    return min(len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Served:
    """A folder served on a free localhost port while the block runs."""

    def __init__(self, folder: Path):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self.base

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def _downloads(page: object) -> list[tuple[str, int]]:
    """A list that fills with (url, transfer size) of every response the page receives."""
    seen: list[tuple[str, int]] = []

    def record(response: object) -> None:
        try:
            seen.append((response.url, _transfer_size(response.body())))  # type: ignore[attr-defined]
        except Exception:  # a response without a body (a redirect)
            pass

    page.on("response", record)  # type: ignore[attr-defined]
    return seen


def _site_search(browser: object, base: str, query: str) -> tuple[float, int, list[float]]:
    """The site's search: milliseconds from the last key of a query typed on a freshly loaded page
    to its first results, what the search downloaded for it (from loading the page on), and
    milliseconds from each keystroke of the query typed again to that key's results."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    seen = _downloads(page)
    page.goto(base)
    page.wait_for_load_state("load")
    page.wait_for_timeout(READING)
    page.keyboard.press("/")
    page.keyboard.type(query[:-1], delay=TYPING)
    page.wait_for_timeout(TYPING)
    start = time.perf_counter()
    page.keyboard.type(query[-1])
    page.wait_for_function(PANEL_SHOWN, arg=query, timeout=300_000)
    first = time.perf_counter() - start
    page.wait_for_function(PANEL_DONE, arg=query, timeout=300_000)
    page.wait_for_timeout(500)  # responses still arriving belong to the first query too
    search_files = ("/pagefind/", "/search/", "/assets/search.")
    downloaded = sum(size for url, size in seen if any(part in url for part in search_files))
    # Each keystroke of the query typed again, waiting for the results of a key before the next.
    page.fill("#kd-search-input", "")
    keystrokes = []
    for i in range(1, len(query) + 1):
        start = time.perf_counter()
        page.keyboard.type(query[i - 1])
        page.wait_for_function(PANEL_SHOWN, arg=query[:i], timeout=60_000)
        keystrokes.append((time.perf_counter() - start) * 1000)
    page.close()
    return first, downloaded, keystrokes


def _lunr_search(browser: object, base: str, query: str) -> tuple[float, int]:
    """The theme's lunr search, by the same protocol: from the last key of the query to its first
    result, and what its search downloaded (its index and worker, fetched when the page loads)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    seen = _downloads(page)
    page.goto(base)
    page.wait_for_load_state("load")
    page.wait_for_timeout(READING)
    page.click("input.md-search__input")
    page.keyboard.type(query[:-1], delay=TYPING)  # the theme searches on key presses
    page.wait_for_timeout(TYPING)
    start = time.perf_counter()
    page.keyboard.type(query[-1])
    page.wait_for_function(
        "q => { const i = document.querySelector('.md-search__input'); const r = document.querySelector('.md-search-result__item a.md-search-result__link');"
        " return i.value === q && r !== null; }",
        arg=query,
        timeout=300_000,
    )
    first = time.perf_counter() - start
    page.wait_for_timeout(500)
    downloaded = sum(size for url, size in seen if "/search/" in url or "workers" in url)
    page.close()
    return first, downloaded


def _open_to_result(browser: object, base: str, query: str, box: str, shown: str) -> float:
    """Seconds from opening the home page to the first result of a query typed at once into
    the search box (`box`), the measure this page gave before the site had its own search."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    start = time.perf_counter()
    page.goto(base)
    page.click(box)
    page.keyboard.type(query)
    page.wait_for_function(shown, arg=query, timeout=300_000)
    seconds = time.perf_counter() - start
    page.close()
    return seconds


LUNR_SHOWN = (
    "q => { const i = document.querySelector('.md-search__input');"
    " return i.value === q && document.querySelector('.md-search-result__item a.md-search-result__link') !== null; }"
)


def _explore_times(browser: object, base: str, axis: str, node: str) -> tuple[float, float]:
    """Seconds to Explore's filled table, and for one facet click to redraw it."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    start = time.perf_counter()
    page.goto(base + urls.EXPLORE)
    page.wait_for_selector("#kd-explore[data-ready=true]", timeout=300_000)
    ready = time.perf_counter() - start
    before = page.get_attribute("#kd-explore", "data-shown")
    start = time.perf_counter()
    page.check(f'#kd-explore input[data-facet="{axis}"][value="{node}"]')
    page.wait_for_function(f"document.getElementById('kd-explore').dataset.shown !== '{before}'", timeout=300_000)
    click = time.perf_counter() - start
    page.close()
    return ready, click


def _search_stage(root: Path, docs: Path) -> float:
    """Seconds the search adds to a build: its documents, terms and people files, Pagefind's
    index, and the kinds file read from it."""
    collection = load_collection(root)
    index = SiteIndex.build(collection, Repository.discover(root))
    start = time.perf_counter()
    search_documents(index, Renderer(PROJECT / TEMPLATES, index))
    terms(index)
    made = time.perf_counter() - start
    scratch = docs.parent / "pagefind-again"
    start = time.perf_counter()
    run_pagefind(docs / DOCUMENTS, scratch)
    document_kinds(scratch, [])  # the same work whichever pages are the site's own
    indexed = time.perf_counter() - start
    shutil.rmtree(scratch)
    return made + indexed


RELATED = "Related work (every paper page)"
REFERENCES_COLD = "APA and IEEE references (citeproc-py), empty cache"
REFERENCES_WARM = "APA and IEEE references, from the cache"
REFERENCES_ADDED = "APA and IEEE references, what they add to page generation"
RIS = "RIS records"
DATES = "Addition dates (one git log)"
FEEDS = "Atom feeds (collection and every node)"
NODES = "Node charts and source counts"
STAGES = (RELATED, REFERENCES_COLD, REFERENCES_WARM, REFERENCES_ADDED, RIS, DATES, FEEDS, NODES)


def _timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def feature_stages(root: Path, scratch: Path) -> dict[str, float]:
    """Seconds each page feature adds to a build, timed on its own from a loaded index (issue 12:
    each must stay under 10 % of the whole build). The references are timed as a first build
    renders them (empty cache, two processes) and as a rebuild takes them (reading the cache
    file the first one saved, in `scratch`, and looking each paper up)."""
    from sitegen.export.ris import to_ris
    from sitegen.site.feeds import feed_files
    from sitegen.site.index import newest_first
    from sitegen.site.pages import node_shape
    from sitegen.site.references import ReferenceCache, render_references, style
    from sitegen.site.related import related_work
    from sitegen.site.repository import _added_times

    index = SiteIndex.build(load_collection(root), Repository.discover(root))

    def node_shapes() -> None:
        for node_id in index.taxonomy.nodes:
            node_shape(index, node_id, newest_first([index.paper(i) for i in index.under_node[node_id]]))

    index.people, index.under_node  # shared by every page (attribution, node lists): not a cost of any one stage
    style("apa"), style("ieee")  # parsed once per build
    cache_file = scratch / "references.json"
    cache_file.unlink(missing_ok=True)
    cold = ReferenceCache(cache_file)
    figures = {
        RELATED: _timed(lambda: related_work(index)),
        REFERENCES_COLD: _timed(lambda: render_references(index.papers, index.taxonomy, cold)),
    }
    cold.save()
    figures[REFERENCES_WARM] = _timed(lambda: render_references(index.papers, index.taxonomy, ReferenceCache(cache_file)))
    # In a build the references render in two other processes while the page generation makes
    # everything else; what they add is its time with an empty cache less its time from the cache
    # (after one generation that warms this process up, as a build's own process is by then).
    _timed(lambda: gather(root, PROJECT, None, ReferenceCache(cache_file)))
    figures[REFERENCES_ADDED] = (_timed(lambda: gather(root, PROJECT, None, ReferenceCache(None)))
                                 - _timed(lambda: gather(root, PROJECT, None, ReferenceCache(cache_file))))
    figures[RIS] = _timed(lambda: to_ris(index.papers, index.taxonomy))
    figures[DATES] = _timed(lambda: (_added_times(root), index.added))
    figures[FEEDS] = _timed(lambda: feed_files(index))
    figures[NODES] = _timed(node_shapes)
    cache_file.unlink()
    return {stage: round(seconds, 2) for stage, seconds in figures.items()}


def measure(name: str, root: Path, out: Path) -> Figures:
    from playwright.sync_api import sync_playwright

    collection = load_collection(root)
    (root / REFERENCE_CACHE).unlink(missing_ok=True)  # the first build renders every reference
    result = build_site(root, site_dir=out / "site", docs_dir=out / "docs")
    rebuild = build_site(root, site_dir=out / "site", docs_dir=out / "docs")
    site, docs = out / "site", out / "docs"
    start = time.perf_counter()
    run_mkdocs(PROJECT / CONFIG_FILE, docs, out / "site-again", None, 0)
    site_mkdocs = time.perf_counter() - start
    shutil.rmtree(out / "site-again")
    # The same pages with the theme's lunr search instead of the site's.
    start = time.perf_counter()
    run_mkdocs(PROJECT / CONFIG_FILE, docs, out / "site-lunr", None, 0, plugins=["search"], extra_javascript=[])
    lunr_mkdocs = time.perf_counter() - start
    search_stage = _search_stage(root, docs)
    size, files = _size(site)
    pagefind_size, pagefind_files = _size(site / OUTPUT)
    lunr_index = out / "site-lunr" / "search" / "search_index.json"
    explore = site / urls.EXPLORE_DATA
    query = collection.papers[len(collection.papers) // 2].title
    short_query = " ".join([word for word in re.findall(r"\w+", query) if len(word) > 3][:2])
    axis = collection.taxonomy.axis_ids[0]
    node = next(n for n in collection.taxonomy.axis_node_ids(axis) if any(n in p.all_labels for p in collection.papers))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        with _Served(out / "site-lunr") as base:
            lunr_first, lunr_bytes = _lunr_search(browser, base, query)
            lunr_open = _open_to_result(browser, base, query, "input.md-search__input", LUNR_SHOWN)
        with _Served(site) as base:
            first, first_bytes, keystrokes = _site_search(browser, base, query)
            _, short_bytes, _ = _site_search(browser, base, short_query)
            site_open = _open_to_result(browser, base, query, "#kd-search-input", PANEL_SHOWN)
            ready, click = _explore_times(browser, base, axis, node)
        browser.close()
    return Figures(
        name, len(collection.papers), result.pages, round(result.seconds, 1), round(rebuild.seconds, 1), round(search_stage, 1),
        round(lunr_mkdocs, 1), round(site_mkdocs, 1), size, files, pagefind_size, pagefind_files,
        lunr_index.stat().st_size, _gzip_size(lunr_index), query,
        round(first, 3), first_bytes, round(lunr_first, 3), lunr_bytes, round(site_open, 2), round(lunr_open, 2),
        round(statistics.median(keystrokes), 1), round(max(keystrokes), 1),
        explore.stat().st_size, _gzip_size(explore), round(ready, 2), round(click, 2),
        feature_stages(root, out), short_query, short_bytes,
    )


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1_000_000 else f"{n / 1e3:.0f} kB"


def _share(seconds: float, build: float) -> str:
    return f"{seconds:.1f} s ({100 * seconds / build:.0f} %)"


def markdown(figures: list[Figures]) -> str:
    rows = [
        ("Papers", lambda f: f"{f.papers:,}"),
        ("Pages generated", lambda f: f"{f.pages:,}"),
        ("Build time (`sitegen build`), first build: no reference cache", lambda f: f"{f.build_seconds:.1f} s"),
        ("Build time, rebuild of the same records (reference cache)", lambda f: f"{f.rebuild_seconds:.1f} s"),
        ("… of which the search stage (documents and Pagefind index)", lambda f: f"{f.search_stage_seconds:.1f} s ({100 * f.search_stage_seconds / f.rebuild_seconds:.0f} %)"),
        ("… of which related work (every paper page)", lambda f: _share(f.stages[RELATED], f.rebuild_seconds)),
        ("… of which APA and IEEE references (citeproc-py), first build: rendered alone, two processes", lambda f: _share(f.stages[REFERENCES_COLD], f.build_seconds)),
        ("… of which APA and IEEE references, first build: what they add to it (page generation with an empty cache − from the cache)", lambda f: _share(f.stages[REFERENCES_ADDED], f.build_seconds) if REFERENCES_ADDED in f.stages else "not measured"),
        ("… of which APA and IEEE references, rebuild: from the cache", lambda f: _share(f.stages[REFERENCES_WARM], f.rebuild_seconds)),
        ("… of which RIS records", lambda f: _share(f.stages[RIS], f.rebuild_seconds)),
        ("… of which addition dates (one git log)", lambda f: _share(f.stages[DATES], f.rebuild_seconds)),
        ("… of which Atom feeds (collection and every node)", lambda f: _share(f.stages[FEEDS], f.rebuild_seconds)),
        ("… of which node charts and source counts", lambda f: _share(f.stages[NODES], f.rebuild_seconds)),
        ("MkDocs build of the same pages: site search / theme's lunr search", lambda f: f"{f.site_mkdocs_seconds:.1f} s / {f.lunr_mkdocs_seconds:.1f} s"),
        ("Site size", lambda f: f"{_mb(f.site_bytes)} in {f.site_files:,} files"),
        ("Search index on disk: site search (Pagefind)", lambda f: f"{_mb(f.pagefind_bytes)} in {f.pagefind_files:,} files"),
        ("Search index: theme's lunr (gzipped)", lambda f: f"{_mb(f.lunr_index_bytes)} ({_mb(f.lunr_index_gzip_bytes)})"),
        ("First query, last key → first results: site search", lambda f: f"{1000 * f.first_query_seconds:.0f} ms"),
        ("First query, last key → first results: theme's lunr", lambda f: f"{1000 * f.lunr_first_query_seconds:.0f} ms"),
        ("First query downloads (gzipped): site search / lunr", lambda f: f"{_mb(f.first_query_bytes)} / {_mb(f.lunr_first_query_bytes)}"),
        ("First query downloads (gzipped), site search, two of the title's words", lambda f: _mb(f.short_query_bytes) if f.short_query_bytes else "not measured"),
        ("Open page → first result, query typed at once: site search / lunr", lambda f: f"{f.open_to_result_seconds:.2f} s / {f.lunr_open_to_result_seconds:.2f} s"),
        ("Keystroke → results, site search: median / slowest", lambda f: f"{f.keystroke_median_ms:.0f} ms / {f.keystroke_max_ms:.0f} ms"),
        ("Explore data (gzipped)", lambda f: f"{_mb(f.explore_bytes)} ({_mb(f.explore_gzip_bytes)})"),
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
            "generating every page and download, the strict MkDocs build and the search index. Every "
            "paper, author, node, venue and year has its own page, so the page count grows with the "
            "collection. The **search stage** is writing a search document per paper, topic and venue "
            "and the terms and people files, Pagefind indexing them, and reading its fragments for "
            "the kinds file, timed on its own.",
            "- **First build and rebuild**: the paper pages' APA and IEEE references are rendered by "
            "citeproc-py, about 1.5 ms a paper and style, and kept in `build/cache/references.json` "
            "under the collection, keyed by a hash of the paper's CSL-JSON item, the style file, "
            "citeproc-py's version and the site's formatting; the first build renders them all (over "
            "two processes, while the build makes every other page and download: the paper pages "
            "come last), a rebuild renders only the references of records that changed. The "
            "benchmark deletes the cache, builds, and builds the same records again. What the "
            "references add to a first build is the page generation's time with an empty cache less "
            "its time from the cache, both in a warmed-up process (the difference of the two whole "
            "builds also holds the first build's one-off costs, such as importing MkDocs); their time "
            "rendered alone (two processes, nothing else running) is given beside it. The page "
            "features of issues 12 and 17 (related work, references, RIS records, addition dates, feeds, "
            "node charts) are each timed on their own from a loaded collection; their share is of the rebuild, and for the references "
            "without a cache, of the first build.",
            "- **Site search against the theme's lunr search**: the same generated pages are built a "
            "second time by MkDocs with the theme's search plugin, and both sites are measured in the "
            "same run by the same protocol. A fresh browser opens the home page, waits a second (a "
            f"reader looking at it), and types the title of the paper in the middle of the collection "
            f"into the search box at a quick typist's pace ({TYPING} ms a key); the time runs from the "
            "last key to the first results on screen. The theme downloads its whole index when the "
            "page loads and builds it in a web worker before it can answer; the site search loads "
            "Pagefind once the page is idle, and a query then fetches only the parts of the index "
            "its words need.",
            "- **First query downloads** add up what the browser fetched for it (for lunr, its index "
            "and worker), each file at its gzipped size, as GitHub Pages serves it; Pagefind's index "
            "files are gzipped already. Most of it is the same for every query: Pagefind's program "
            "(its WebAssembly, script and worker) and its list of every indexed page; each word of "
            "the query then costs the one part of the index that holds it, and each result shown its "
            "fragment (title, authors, links). At 10,000 papers the fixed part is about 180 kB, of "
            "which Pagefind's list of pages is 62 kB: people are not in it (they have small files of "
            "their own, fetched only for a query of up to three words), and which results are topics, "
            "venues or site pages the kinds file says (under 1 kB), so no part of the index is fetched "
            "for that. A part of the index holds about 20,000 word positions (Pagefind sets that, not "
            "the site), 17 kB on average; keys typed less than 150 ms apart wait for the pause, so a "
            "word still being typed ('ma' before 'manifold') fetches no part of its own. The two-word "
            "row types two words of the same title the same way.",
            "- **Open page → first result** is the measure this page gave before: a fresh browser "
            "opens the home page and types the query into the box at once; it includes loading the "
            "page and the search (for lunr, downloading and building its whole index).",
            "- **Keystroke → results** types the same query again one key at a time, waiting for the "
            "results of each key before the next, and times each key: results as you type. A key "
            "that comes less than 150 ms after the one before waits for that pause before it is "
            "searched, which this measure includes; papers with only some of the words are sought "
            "once the typing pauses (250 ms), so they are not part of a key's time.",
            "- **Explore data** is the one file Explore downloads; the table, facets and counts are "
            "computed in the browser from it.",
            "- **Times in the browser** are wall-clock on a site served from localhost, so they "
            "include downloading (without network latency). Over a real connection add the transfer "
            "of the gzipped sizes.",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000], help="synthetic collection sizes")
    parser.add_argument("--no-real", action="store_true", help="skip the repository's own collection")
    parser.add_argument("--no-write", action="store_true", help="print the figures; leave docs/performance.md alone")
    parser.add_argument("--stages-only", action="store_true", help="time only the page features' stages (no build, no browser)")
    parser.add_argument("--page-only", action="store_true", help="write docs/performance.md again from the last run's results.json")
    args = parser.parse_args()
    if args.page_only:
        saved = json.loads((OUT / "results.json").read_text(encoding="utf-8"))
        PAGE.write_text(markdown([Figures(**f) for f in saved]), encoding="utf-8")
        return
    if args.stages_only:
        for n in args.sizes:
            root = OUT / f"synthetic-{n}"
            if not (root / "papers").is_dir() or not (root / ".git").is_dir():
                commit_history(root, generate(n, root))
            print(f"Synthetic {n:,}:", json.dumps(feature_stages(root, OUT)))
        return
    figures = []
    if not args.no_real:
        figures.append(measure("Real collection", REPO, OUT / "real"))
        print(figures[-1], file=sys.stderr)
    for n in args.sizes:
        root = OUT / f"synthetic-{n}"
        commit_history(root, generate(n, root))  # addition dates, as a real collection has: the feeds
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
