"""The on-disk cache: kept answers come back until they are too old; a damaged entry is asked again."""

from __future__ import annotations

import datetime
from pathlib import Path

from sitegen.verify.cache import Cache, Kept

NOW = datetime.datetime(2024, 5, 1, 12, tzinfo=datetime.timezone.utc)


def test_kept_answers_come_back_until_they_are_too_old(tmp_path: Path) -> None:
    Cache(tmp_path, datetime.timedelta(days=30), now=NOW).put("dblp", "born again neural networks", Kept(True, '{"result": {}}'))
    later = Cache(tmp_path, datetime.timedelta(days=30), now=NOW + datetime.timedelta(days=30))
    assert later.get("dblp", "born again neural networks") == Kept(True, '{"result": {}}')
    assert later.hits == 1
    too_late = Cache(tmp_path, datetime.timedelta(days=30), now=NOW + datetime.timedelta(days=31))
    assert too_late.get("dblp", "born again neural networks") is None
    assert later.get("arxiv", "born again neural networks") is None  # another service, another entry


def test_not_found_is_kept_too(tmp_path: Path) -> None:
    cache = Cache(tmp_path, datetime.timedelta(days=1), now=NOW)
    cache.put("arxiv", "2412.99999", Kept(False, ""))
    assert cache.get("arxiv", "2412.99999") == Kept(False, "")


def test_a_damaged_entry_is_asked_again_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    cache = Cache(tmp_path, datetime.timedelta(days=1), now=NOW)
    cache.put("crossref", "10.1007/s11263-021-01453-z", Kept(True, "{}"))
    [entry] = list(tmp_path.rglob("*.json"))
    entry.write_text('{"key": "10.1007/s11263-021-01453-z", "fetched": "yesterday"')
    assert cache.get("crossref", "10.1007/s11263-021-01453-z") is None
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [entry.name]


def test_without_a_folder_nothing_is_kept(tmp_path: Path) -> None:
    cache = Cache(None, datetime.timedelta(days=1), now=NOW)
    cache.put("dblp", "x", Kept(True, "{}"))
    assert cache.get("dblp", "x") is None
