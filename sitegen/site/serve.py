"""Preview: serve the built site on localhost and rebuild when the data or the site sources change.

Changes are found by polling file times once a second, which needs no extra package and costs
little next to a build. A build that fails (a record with an error, say) is reported and the
last good site stays up until the next change.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Iterable

Snapshot = dict[str, tuple[int, int]]


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """(mtime, size) of every file under `paths`, so any edit, addition or removal shows."""
    found: Snapshot = {}
    for path in paths:
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for file in files:
            try:
                stat = file.stat()
            except OSError:
                continue
            found[str(file)] = (stat.st_mtime_ns, stat.st_size)
    return found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def start_server(site_dir: Path, port: int, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """An HTTP server for `site_dir`, answering in a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def watch(paths: list[Path], rebuild: Callable[[], None], interval: float = 1.0, stop: threading.Event | None = None) -> None:
    """Call `rebuild` whenever a file under `paths` changes, until `stop` is set."""
    stop = stop or threading.Event()
    last = snapshot(paths)
    while not stop.wait(interval):
        now = snapshot(paths)
        if now != last:
            last = now
            print(f"change seen at {time.strftime('%H:%M:%S')}; rebuilding", file=sys.stderr)
            rebuild()
