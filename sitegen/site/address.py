"""The site's public address, known at build time: given, derived in GitHub Actions, or none.

With an address MkDocs writes a canonical link on every page, absolute sitemap entries and a
404 page whose links work at any depth; whatever is read away from the site (feeds) can link
back with `absolute`. Without one (a local build) every link stays relative, as the pages are.

Where the address comes from, first found wins:

1. `sitegen build --site-url URL`, or the SITE_URL environment variable;
2. in GitHub Actions, the custom domain in a CNAME file (docs/CNAME, which MkDocs copies into
   the site, or CNAME at the collection's root), else GitHub Pages' address for the repository:
   https://OWNER.github.io/REPO/, or https://OWNER.github.io/ for the OWNER.github.io repository;
3. nothing: the address is not guessed (GitHub Enterprise's Pages addresses depend on its setup).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

from sitegen.errors import DataError, Problem, UsageError

CNAME_FILES = ("docs/CNAME", "CNAME")  # the project's hand-written pages first, then the root
_HOST = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def normalize(url: str, origin: str) -> str:
    """`url` as the site's root address: http(s), a host, no credentials, query or fragment, a
    final slash. `origin` names where the value came from, for the message."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{origin} '{url}': not an http(s) address such as https://owner.github.io/repository/")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise UsageError(f"{origin} '{url}': the site's address may not hold a user, password, query or #fragment")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme}://{parts.netloc.lower()}{path}"


def _custom_domain(folders: list[Path]) -> str | None:
    """The host name in the first CNAME file found, as GitHub Pages reads it (its first line)."""
    for folder in folders:
        for name in CNAME_FILES:
            path = folder / name
            if not path.is_file():
                continue
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            host = (lines[0] if lines else "").strip().lower()
            if not _HOST.fullmatch(host):
                raise DataError([Problem(str(path), 1, 1, f"'{host}' is not a host name such as kd.example.org; the CNAME file holds the site's custom domain alone")])
            return f"https://{host}/"
    return None


def github_pages_url(repository: str, server: str = "https://github.com") -> str | None:
    """GitHub Pages' address for 'OWNER/REPO' on github.com; None on any other server."""
    if urlsplit(server).hostname != "github.com" or not re.fullmatch(r"[\w.\-]+/[\w.\-]+", repository):
        return None
    owner, name = repository.split("/")
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/"


def site_url(given: str | None, folders: list[Path], env: Mapping[str, str]) -> str | None:
    """The site's address (ending in '/'), or None when it is not known. `folders`: where a
    CNAME file may be (the project, then the collection)."""
    if given:
        return normalize(given, "--site-url")
    if env.get("SITE_URL", "").strip():
        return normalize(env["SITE_URL"], "SITE_URL")
    if env.get("GITHUB_ACTIONS") == "true" and env.get("GITHUB_REPOSITORY"):
        return _custom_domain(folders) or github_pages_url(env["GITHUB_REPOSITORY"], env.get("GITHUB_SERVER_URL", "https://github.com"))
    return None
