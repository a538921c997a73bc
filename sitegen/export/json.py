"""Records to JSON: the fields of every record as written, sorted by id."""

from __future__ import annotations

import json
from typing import Any, Iterable

from sitegen.model import Paper


def record_dict(paper: Paper) -> dict[str, Any]:
    return paper.model_dump(mode="json", exclude_defaults=True)


def to_json(papers: Iterable[Paper]) -> str:
    records = [record_dict(p) for p in sorted(papers, key=lambda p: p.id)]
    return json.dumps(records, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
