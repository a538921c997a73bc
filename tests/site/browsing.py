"""The browser the site tests use: Debian's chromium, driven by Playwright, one for the whole
session, and a watched page per test that fails the test on a console error, a dialog, or a
request to another host (such requests are blocked and reported). conftest.py makes the
fixtures available to every test of the site."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


# The search panel says which query its results are for, and when they are all shown.
SEARCH_DONE = "q => { const p = document.getElementById('kd-search-panel'); return p.dataset.query === q && p.dataset.state === 'done'; }"


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


def watching(browser: object, width: int = 1280, height: int = 900) -> Iterator[Watched]:
    """A fresh browser context with one watched page; on leaving, nothing may have gone wrong."""
    context = browser.new_context(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    view = Watched(context)
    yield view
    context.close()
    assert view.errors == [], "console errors"
    assert view.external == [], "requests to other hosts"
    assert view.dialogs == [], "dialogs opened"


@pytest.fixture
def watched(browser: object) -> Iterator[Watched]:
    yield from watching(browser)


def search(view: Watched, base: str, query: str, path: str = "") -> list[str]:
    """The result links the site search shows for `query`, typed after pressing / on `path`."""
    page = view.page
    page.goto(base + path)
    page.keyboard.press("/")
    page.keyboard.type(query)  # real key presses, as a reader types
    page.wait_for_function(SEARCH_DONE, arg=query)
    return page.eval_on_selector_all("#kd-search-panel a.kd-search-hit", "els => els.map(e => e.href)")
