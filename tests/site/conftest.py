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

import pytest

from sitegen.pipeline import Collection, load_collection
from sitegen.site.build import build_site

from tests.site.browsing import browser, watched  # noqa: F401 - fixtures for every browser test

REPO = Path(__file__).resolve().parents[2]
TINY_PAPERS = REPO / "tests" / "data" / "site" / "papers"


@dataclass
class BuiltSite:
    root: Path
    site: Path
    docs: Path
    collection: Collection


def make_tiny_collection(folder: Path) -> Path:
    """The tiny collection: the repository's taxonomy and venues, the records of tests/data/site."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("taxonomy.yaml", "venues.yaml"):
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
