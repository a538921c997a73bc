"""Answers kept on disk, one small JSON file per look-up.

A weekly run over a thousand records would otherwise ask each service the same questions every
week. What is kept is the service's own text for one paper (an Atom entry, a Crossref work, a
dblp answer) or the fact that it has none; answers that say "try later" (429, 5xx) are never
kept. An entry older than `max_age` counts as absent. Writes go through a temporary file and a
rename, so an interrupted run leaves no half-written entry.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

FORMAT = 1  # bumped when what is kept changes shape


@dataclass(frozen=True)
class Kept:
    found: bool
    body: str  # the service's text for the paper ('' when not found)


class Cache:
    def __init__(self, folder: Path | None, max_age: datetime.timedelta, now: datetime.datetime | None = None):
        self.folder = folder
        self.max_age = max_age
        self.now = now or datetime.datetime.now(datetime.timezone.utc)
        self.hits = 0

    def _path(self, service: str, key: str) -> Path:
        assert self.folder is not None
        digest = hashlib.sha256(f"{FORMAT}\n{service}\n{key}".encode()).hexdigest()
        return self.folder / service / digest[:2] / f"{digest}.json"

    def get(self, service: str, key: str) -> Kept | None:
        if self.folder is None:
            return None
        path = self._path(service, key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            fetched = datetime.datetime.fromisoformat(data["fetched"])
            kept = Kept(bool(data["found"]), str(data["body"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent, or not ours: ask again
        if data.get("key") != key or self.now - fetched > self.max_age:
            return None
        self.hits += 1
        return kept

    def put(self, service: str, key: str, kept: Kept) -> None:
        if self.folder is None:
            return
        path = self._path(service, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"key": key, "fetched": self.now.isoformat(timespec="seconds"), "found": kept.found, "body": kept.body}
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, sort_keys=True)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
