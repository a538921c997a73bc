"""Sites built once per session: the real collection of the repository, and the tiny one in
tests/data/site/ (real records plus one hostile record), each served on a free localhost port."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

from sitegen.pipeline import Collection, load_collection
from sitegen.site.build import build_site

REPO = Path(__file__).resolve().parents[2]
TINY_PAPERS = REPO / "tests" / "data" / "site" / "papers"


@dataclass
class BuiltSite:
    root: Path
    site: Path
    docs: Path
    collection: Collection


def make_tiny_collection(folder: Path) -> Path:
    """The tiny collection: the repository's taxonomy and registries, the records of tests/data/site."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("taxonomy.yaml", "venues.yaml", "benchmarks.yaml", "architectures.yaml"):
        shutil.copyfile(REPO / name, folder / name)
    shutil.copytree(TINY_PAPERS, folder / "papers")
    return folder


def build(root: Path, out: Path) -> BuiltSite:
    result = build_site(root, site_dir=out / "site", docs_dir=out / "docs")
    assert result.site_dir is not None
    return BuiltSite(root, result.site_dir, result.docs_dir, load_collection(root))


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = make_tiny_collection(tmp_path_factory.mktemp("tiny") / "collection")
    return build(root, tmp_path_factory.mktemp("tiny-out"))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's own collection; the build fails (and so do the tests) if it has errors."""
    return build(REPO, tmp_path_factory.mktemp("real-out"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def real_url(real_site: BuiltSite) -> Iterator[str]:
    yield from serve(real_site.site)


@pytest.fixture(scope="session")
def tiny_url(tiny_site: BuiltSite) -> Iterator[str]:
    yield from serve(tiny_site.site)


# --- the browser: Debian's chromium, driven by Playwright, shared by every browser test -------
# (one per session: Playwright's sync API cannot run two at once in one process)

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


SEARCH_READY = "() => !/Initializing/.test(document.querySelector('.md-search-result__meta').textContent)"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (scripts/test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


class Watched:
    """A browser page, with what it logged and what it tried to fetch from elsewhere."""

    def __init__(self, context: object):
        self.errors: list[str] = []
        self.external: list[str] = []
        self.dialogs: list[str] = []
        context.route("**/*", self._route)  # type: ignore[attr-defined]
        self.page = context.new_page()  # type: ignore[attr-defined]
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("dialog", self._dialog)

    def _route(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if urlsplit(url).hostname == "127.0.0.1" or not url.startswith("http"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.external.append(url)
            route.abort()  # type: ignore[attr-defined]

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]


@pytest.fixture
def watched(browser: object) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    view = Watched(context)
    yield view
    context.close()
    assert view.errors == [], "console errors"
    assert view.external == [], "requests to other hosts"
    assert view.dialogs == [], "dialogs opened"
