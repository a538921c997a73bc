"""Driving Debian's chromium with Playwright: the launch flags, and a page that records what it
logged and what it tried to fetch from another host (such requests are blocked)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


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
