"""A record at every limit of the schema still makes a small site: what one record can make the
build write is bounded (the build's time for it is measured in benchmarks, not here)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sitegen.keys import base_key
from sitegen.model import MAX_AUTHOR, MAX_AUTHORS, MAX_CORRECTIONS, MAX_ITEMS, MAX_NOTE, MAX_TITLE
from tests.site.conftest import build, make_tiny_collection


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def largest_record() -> dict:
    """As much as one record may hold, within the 1 MB a record file may have."""
    authors = [f"Family{i:03d}{'x' * (MAX_AUTHOR - 20)}, Given {i}" for i in range(MAX_AUTHORS)]
    title = ("Distillation " + "w" * 30 + " ") * (MAX_TITLE // 44)
    title = title[:MAX_TITLE].strip()
    return {
        "id": base_key(authors[0], 2021, title), "title": title, "alt_titles": [f"{title[:-3]}{i}" for i in range(MAX_ITEMS)],
        "authors": authors, "year": 2021, "venue": "cvpr", "type": "inproceedings", "scope": "core",
        "taxonomy": {"knowledge": ["response-based", "feature-based", "relation-based"]},
        "note": "n" * MAX_NOTE, "doubts": [f"{'d' * (MAX_NOTE - 3)}{i}" for i in range(MAX_ITEMS)],
        "corrections": [{"field": "title", "was": f"{'w' * 1000}{i}", "now": "n" * 1000, "source": "s" * 1000} for i in range(MAX_CORRECTIONS)],
    }


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def sizes(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, int]:
    """Bytes written for the tiny collection, and for it with the largest record added."""
    plain = make_tiny_collection(tmp_path_factory.mktemp("plain") / "collection")
    big = make_tiny_collection(tmp_path_factory.mktemp("big") / "collection")
    record = largest_record()
    text = yaml.dump(record, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=10**6)
    assert len(text.encode()) < 1_000_000
    (big / "papers" / f"{record['id']}.yaml").write_text(text, encoding="utf-8")
    out = []
    for root in (plain, big):
        built = build(root, root.parent / "out")
        assert built.site is not None
        out.append(_size(built.site) + _size(built.docs))
    return out[0], out[1]


def test_one_record_at_every_limit_adds_a_few_megabytes_at_most(sizes: tuple[int, int]) -> None:
    plain, big = sizes
    assert big - plain < 8_000_000, f"{(big - plain) / 1e6:.1f} MB for one record"
