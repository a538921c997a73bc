"""The site build, as a recipe: load and check the records, index them, render every page and
download in memory, check that no two files claim one path, write the docs folder, run MkDocs.

Page generation is plain Python writing Markdown and data files into build/docs/; MkDocs (or
any builder that reads mkdocs.yml, such as Zensical) only turns that folder into the site.
"""

from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sitegen.errors import DataError, Problem, SitegenError
from sitegen.pipeline import load_collection
from sitegen.site import urls
from sitegen.site.downloads import Downloads
from sitegen.site.explore import explore_bibtex_json, explore_json
from sitegen.site.index import SiteIndex
from sitegen.site.mkdocs_run import run_mkdocs
from sitegen.site.pages import generated_pages
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


@dataclass(frozen=True)
class BuildResult:
    docs_dir: Path
    site_dir: Path | None
    pages: int
    papers: int
    seconds: float


def gather(root: Path, project: Path = PROJECT) -> tuple[dict[str, bytes], SiteIndex]:
    """Every file of the docs folder (relative path -> bytes), built in memory from `root`.

    Raises DataError when the records have errors, as `sitegen check` reports them.
    """
    collection = load_collection(root)
    errors = [p for p in collection.problems if p.is_error]
    if errors:
        raise DataError(errors)
    index = SiteIndex.build(collection, Repository.discover(root))
    renderer = Renderer(project / TEMPLATES, index)
    downloads = Downloads(index)
    files: dict[str, bytes] = {}
    clashes: list[Problem] = []

    def add(path: str, data: bytes, origin: str) -> None:
        if path in files:
            clashes.append(Problem(origin, 1, 1, f"{path} is also generated from the records; rename one of them"))
        files[path] = data

    for page in generated_pages(index, renderer, downloads):
        add(page.source, page.text.encode("utf-8"), "templates")
    for download in (*downloads.whole, *downloads.by_node):
        add(download.path, download.data, "downloads")
    add(urls.EXPLORE_DATA, explore_json(index).encode("utf-8"), "explore")
    add(urls.EXPLORE_BIBTEX, explore_bibtex_json(downloads).encode("utf-8"), "explore")
    for path, document in search_documents(index, renderer).items():
        add(path, document, "search")
    for path, data in terms(index).items():
        add(path, data, "search")
    hand_written = project / HAND_WRITTEN
    for path in sorted(p for p in hand_written.rglob("*") if p.is_file()):
        relative = path.relative_to(hand_written).as_posix()
        add(relative, path.read_bytes(), f"{HAND_WRITTEN}/{relative}")
    if clashes:
        raise DataError(clashes)
    return files, index


def _check_output(folder: Path, root: Path, project: Path) -> None:
    """Refuse an output folder whose cleaning would delete the collection or the project."""
    for precious in (root, project, root / "papers"):
        if folder == precious or folder in precious.parents:
            raise SitegenError(f"{folder}: refusing to replace a folder that holds {precious}; choose another output folder")


def write_tree(folder: Path, files: dict[str, bytes]) -> None:
    """Replace `folder` with exactly `files`."""
    if folder.exists():
        shutil.rmtree(folder)
    for relative in sorted(files):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[relative])


def build_site(
    root: Path,
    site_dir: Path | None = None,
    run_mkdocs_build: bool = True,
    project: Path = PROJECT,
    verbose: bool = False,
    docs_dir: Path | None = None,
) -> BuildResult:
    """Generate the docs folder (default `root`/build/docs) and build the site into `site_dir`
    (default `root`/site)."""
    start = time.perf_counter()
    root = root.resolve()
    files, index = gather(root, project)
    docs_dir = (docs_dir or root / DOCS_DIR).resolve()
    site_dir = (site_dir or root / SITE_DIR).resolve()
    for folder in (docs_dir, site_dir) if run_mkdocs_build else (docs_dir,):
        _check_output(folder, root, project.resolve())
    write_tree(docs_dir, files)
    pages = sum(1 for f in files if f.endswith(".md"))
    if not run_mkdocs_build:
        return BuildResult(docs_dir, None, pages, len(index.papers), time.perf_counter() - start)
    repository = index.repository
    run_mkdocs(
        project / CONFIG_FILE,
        docs_dir,
        site_dir,
        repository.url,
        repository.commit_time or 0,
        verbose,
    )
    return BuildResult(docs_dir, site_dir, pages, len(index.papers), time.perf_counter() - start)


def report(result: BuildResult) -> None:
    where = f"site in {result.site_dir}" if result.site_dir else f"pages in {result.docs_dir}"
    print(f"built {result.pages:,} pages for {result.papers:,} papers: {where} ({result.seconds:.1f} s)", file=sys.stderr)
