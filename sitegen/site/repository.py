"""What the site knows about the repository it is built from: web address, branch, history.

Nothing here is invented. The web address comes from GitHub Actions' variables or from the
`origin` remote; where neither gives one, the site has no repository links at all. Credentials
that a remote URL may carry are never copied into the site.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def web_url(remote: str) -> str | None:
    """The https address of a repository from a remote URL, without user or password.

    'git@github.com:owner/name.git' and 'https://token@github.com/owner/name.git' both give
    'https://github.com/owner/name'; anything that is not an owner/name path on a host gives None.
    """
    remote = remote.strip()
    scp = re.fullmatch(r"[\w.\-]+@([\w.\-]+):/?([\w.\-]+/[\w.\-]+?)(?:\.git)?/?", remote)
    if scp:
        return f"https://{scp.group(1)}/{scp.group(2)}"
    try:
        parts = urlsplit(remote)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("https", "http", "ssh", "git") or not host:
        return None
    path = re.fullmatch(r"/([\w.\-]+/[\w.\-]+?)(?:\.git)?/?", parts.path)
    if not path:
        return None
    netloc = host if parts.scheme == "ssh" or port in (None, 443) else f"{host}:{port}"
    return f"https://{netloc}/{path.group(1)}"


@dataclass(frozen=True)
class Repository:
    url: str | None = None  # https://host/owner/name
    branch: str | None = None
    added: dict[str, int] = field(default_factory=dict)  # record path -> time of the first commit that added it
    commit_time: int | None = None

    def edit_url(self, path: str) -> str | None:
        """The web editor's address for a file, or None when the repository is unknown."""
        if not self.url or not self.branch:
            return None
        return f"{self.url}/edit/{self.branch}/{path}"

    @classmethod
    def discover(cls, root: Path) -> "Repository":
        env = os.environ
        url = None
        if env.get("GITHUB_REPOSITORY"):
            url = web_url(f"{env.get('GITHUB_SERVER_URL', 'https://github.com')}/{env['GITHUB_REPOSITORY']}")
        if url is None:
            remote = _git(root, "remote", "get-url", "origin")
            url = web_url(remote) if remote else None
        # A pull request's own ref does not exist for editing: its base branch does.
        branch = env.get("GITHUB_BASE_REF") or (env.get("GITHUB_REF_NAME") if env.get("GITHUB_REF_TYPE") == "branch" else None)
        if not branch:
            branch = _git(root, "symbolic-ref", "--quiet", "--short", "HEAD")
        time = _git(root, "log", "-1", "--format=%ct")
        return cls(url, branch or None, _added_times(root), int(time) if time and time.isdigit() else None)


def _added_times(root: Path) -> dict[str, int]:
    """When each record file was first committed, from one `git log` over papers/: path (relative
    to `root`, which may be a folder inside the repository) -> commit time. Renames count as the
    addition of the new path (--no-renames); SiteIndex.added gives a renamed record the time of
    its oldest name. Empty without git or without history."""
    log = _git(root, "log", "--diff-filter=A", "--format=%x00%ct", "--name-only", "--no-renames", "--relative", "--", "papers")
    added: dict[str, int] = {}
    if not log:
        return added
    for chunk in log.split("\x00")[1:]:
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines or not lines[0].isdigit():
            continue
        time = int(lines[0])
        for path in lines[1:]:
            added[path] = min(time, added.get(path, time))  # log runs newest first; keep the first add
    return added
