"""Sites built once per session: the real collection of the repository, and the tiny one in
tests/data/site/ (real records plus one hostile record), each served on a free localhost port."""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from sitegen.pipeline import Collection, load_collection
from sitegen.site.build import build_site

from tests.site.browsing import Watched, browser, watched, watching  # noqa: F401 - fixtures for every browser test

REPO = Path(__file__).resolve().parents[2]
TINY_PAPERS = REPO / "tests" / "data" / "site" / "papers"
CANDIDATES = REPO / "tests" / "data" / "complete"


@dataclass
class BuiltSite:
    root: Path
    site: Path
    docs: Path
    collection: Collection


def make_tiny_collection(folder: Path) -> Path:
    """The tiny collection: the repository's taxonomy and registries, the records of tests/data/site,
    and the candidates of tests/data/complete."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("taxonomy.yaml", "venues.yaml", "benchmarks.yaml", "architectures.yaml"):
        shutil.copyfile(REPO / name, folder / name)
    shutil.copytree(TINY_PAPERS, folder / "papers")
    (folder / "sources").mkdir()
    for name in ("lists.yaml", "candidates.yaml"):  # the Wanted page's candidates, one with markup in its title
        shutil.copyfile(CANDIDATES / name, folder / "sources" / name)
    return folder


def build(root: Path, out: Path, site_url: str | None = None) -> BuiltSite:
    """A build of `root` into `out`; a local one (no public address, whatever the environment
    says) unless `site_url` is given."""
    result = build_site(root, site_dir=out / "site", docs_dir=out / "docs", site_url=site_url, env={})
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


class QuietServer(http.server.ThreadingHTTPServer):
    """A test server that says nothing when the browser drops a connection it no longer needs:
    socketserver prints that traceback to stderr from its own thread, where it lands in whatever
    test runs at that moment (a test of a command's stderr then fails at random)."""

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001 - the base class's signature
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(folder: Path) -> Iterator[str]:
    server = QuietServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
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


SUB_PATH = "/kd-bib/"  # where the served site lives, as a project's site does on GitHub Pages


class _SubPath(_Quiet):
    """Serves the site under SUB_PATH only, and answers a missing page with the site's 404.html
    and status 404, as GitHub Pages does."""

    def translate_path(self, path: str) -> str:
        route = path.split("?", 1)[0].split("#", 1)[0]
        if not (route + "/").startswith(SUB_PATH):
            return str(Path(self.directory) / "no-such-file-outside-the-sub-path")  # a 404
        return super().translate_path("/" + path[len(SUB_PATH):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@dataclass
class ServedSite:
    built: BuiltSite
    url: str  # the site's address: http://127.0.0.1:PORT/kd-bib/


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The repository's collection built for, and served at, an address under a project path."""
    out = tmp_path_factory.mktemp("served-out")
    server = QuietServer(("127.0.0.1", 0), functools.partial(_SubPath, directory=str(out / "site")))
    url = f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    built = build(REPO, out, site_url=url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield ServedSite(built, url)
    finally:
        server.shutdown()
        server.server_close()
