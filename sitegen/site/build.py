"""The site build, as a recipe: load and check the records, index them, render every page and
download in memory, check that no two files claim one path, write the docs folder, run MkDocs.

Page generation is plain Python writing Markdown and data files into build/docs/; MkDocs (or
any builder that reads mkdocs.yml, such as Zensical) only turns that folder into the site.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from sitegen.errors import DataError, Problem, SitegenError
from sitegen.files import check_output_folder, replace_folder
from sitegen.pipeline import load_collection
from sitegen.site import urls
from sitegen.site.address import site_url as find_site_url
from sitegen.site.downloads import Downloads
from sitegen.site.explore import explore_bibtex_json, explore_json
from sitegen.site.feeds import feed_files
from sitegen.site.index import SiteIndex
from sitegen.site.meta import with_description
from sitegen.site.mkdocs_run import run_mkdocs
from sitegen.site.pages import generated_pages
from sitegen.site.references import CACHE_FILE as REFERENCE_CACHE, ReferenceCache, start_references
from sitegen.sources import read_candidates, read_lists
from sitegen.site.render import Renderer
from sitegen.site.repository import Repository
from sitegen.site.search import search_documents, terms

# The project's own files (templates, hand-written pages, mkdocs.yml) live beside the package;
# the collection it builds may live anywhere (--root).
PROJECT = Path(__file__).resolve().parents[2]
CONFIG_FILE = "mkdocs.yml"
TEMPLATES = "templates"
HAND_WRITTEN = "docs"
DOCS_DIR = Path("build") / "docs"
SITE_DIR = Path("site")
DOCS_OPTION = "--root (the pages are generated in build/docs under it)"


@dataclass(frozen=True)
class BuildResult:
    docs_dir: Path
    site_dir: Path | None
    pages: int
    papers: int
    seconds: float
    site_url: str | None = None


def gather(
    root: Path, project: Path = PROJECT, site_url: str | None = None, reference_cache: ReferenceCache | None = None
) -> tuple[dict[str, bytes], SiteIndex]:
    """Every file of the docs folder (relative path -> bytes), built in memory from `root`,
    for the site at `site_url` (None: a local build), with the formatted references taken from
    `reference_cache` where it has them (the caller saves it once the build is written).

    Raises DataError when the records have errors, as `sitegen check` reports them.
    """
    collection = load_collection(root)
    errors = [p for p in collection.problems if p.is_error]
    if errors:
        raise DataError(errors)
    index = SiteIndex.build(collection, Repository.discover(root), site_url)
    renderer = Renderer(project / TEMPLATES, index)
    downloads = Downloads(index)
    files: dict[str, bytes] = {}
    clashes: list[Problem] = []

    def add(path: str, data: bytes, origin: str) -> None:
        if path in files:
            clashes.append(Problem(origin, 1, 1, f"{path} is also generated from the records; rename one of them"))
        if path.endswith(".md"):  # every page gets a description of its own, from its text
            data = with_description(data.decode("utf-8")).encode("utf-8")
        files[path] = data

    lists = read_lists(root, collection.taxonomy)
    # The references render in other processes while everything else is made; the paper
    # pages, which show them, come last.
    references = start_references(index.papers, index.taxonomy, reference_cache)
    try:
        for download in (*downloads.whole, *downloads.results, *downloads.by_node, *downloads.ris_by_node.values(), *downloads.by_paper):
            add(download.path, download.data, "downloads")
        for path, data in feed_files(index).items():
            add(path, data, "feeds")
        add(urls.EXPLORE_DATA, explore_json(index).encode("utf-8"), "explore")
        add(urls.EXPLORE_BIBTEX, explore_bibtex_json(downloads).encode("utf-8"), "explore")
        for path, document in search_documents(index, renderer).items():
            add(path, document, "search")
        for path, data in terms(index).items():
            add(path, data, "search")
        for page in generated_pages(index, renderer, downloads, read_candidates(root), lists, references):
            add(page.source, page.text.encode("utf-8"), "templates")
    finally:
        references.close()
    hand_written = project / HAND_WRITTEN
    for path in sorted(p for p in hand_written.rglob("*") if p.is_file()):
        relative = path.relative_to(hand_written).as_posix()
        add(relative, path.read_bytes(), f"{HAND_WRITTEN}/{relative}")
    if clashes:
        raise DataError(clashes)
    return files, index


def _check_output(folder: Path, root: Path, project: Path, option: str) -> None:
    """Refuse an output folder whose replacement would delete the collection, the project, or
    anything the user keeps there (see files.check_output_folder)."""
    real = folder.resolve()
    for precious in (root, project, root / "papers"):
        if real == precious or real in precious.parents:
            raise SitegenError(f"{folder}: refusing to replace a folder that holds {precious}; choose another output folder")
    check_output_folder(folder, str(folder), option)


def write_tree(folder: Path, files: dict[str, bytes]) -> None:
    """Replace `folder` with exactly `files` (and the marker that says a build wrote it)."""

    def fill(new: Path) -> None:
        for relative in sorted(files):
            path = new / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(files[relative])

    replace_folder(folder, str(folder), DOCS_OPTION, fill)


def _absolute(path: Path) -> Path:
    """`path` made absolute without following a link at its end: the link itself is what a
    build would replace, so it must be seen (and refused) as a link."""
    path = Path(os.path.abspath(path))
    return path.parent.resolve() / path.name


def build_site(
    root: Path,
    site_dir: Path | None = None,
    run_mkdocs_build: bool = True,
    project: Path = PROJECT,
    verbose: bool = False,
    docs_dir: Path | None = None,
    site_url: str | None = None,
    env: Mapping[str, str] | None = None,
) -> BuildResult:
    """Generate the docs folder (default `root`/build/docs) and build the site into `site_dir`
    (default `root`/site).

    The site's public address is `site_url`, else found from `env` (default: this process's
    environment) as site/address.py describes; without one the build is a local one.
    """
    start = time.perf_counter()
    root = root.resolve()
    docs_dir = _absolute(docs_dir or root / DOCS_DIR)
    site_dir = _absolute(site_dir or root / SITE_DIR)
    outputs = [(docs_dir, DOCS_OPTION)] + ([(site_dir, "--site-dir")] if run_mkdocs_build else [])
    for folder, option in outputs:  # before the work, so that a refusal comes at once
        _check_output(folder, root, project.resolve(), option)
    address = find_site_url(site_url, [project, root], os.environ if env is None else env)
    cache_file = root / REFERENCE_CACHE
    # An output folder is replaced whole by every build: a cache inside one would not survive it.
    inside_output = any(folder == cache_file.parent or folder in cache_file.parents for folder, _ in outputs)
    reference_cache = ReferenceCache(None if inside_output else cache_file)
    files, index = gather(root, project, address, reference_cache)
    write_tree(docs_dir, files)
    reference_cache.save()
    pages = sum(1 for f in files if f.endswith(".md"))
    if not run_mkdocs_build:
        return BuildResult(docs_dir, None, pages, len(index.papers), time.perf_counter() - start, address)
    repository = index.repository

    def fill(new: Path) -> None:
        run_mkdocs(project / CONFIG_FILE, docs_dir, new, repository.url, repository.commit_time or 0, verbose, address)

    replace_folder(site_dir, str(site_dir), "--site-dir", fill)
    return BuildResult(docs_dir, site_dir, pages, len(index.papers), time.perf_counter() - start, address)


def report(result: BuildResult) -> None:
    where = f"site in {result.site_dir}" if result.site_dir else f"pages in {result.docs_dir}"
    where += f" for {result.site_url}" if result.site_url else " (local build: no public address)"
    print(f"built {result.pages:,} pages for {result.papers:,} papers: {where} ({result.seconds:.1f} s)", file=sys.stderr)
