"""dblp's account of a record, found by its title through dblp's publication search.

    GET https://dblp.org/search/publ/api?q=born+again+neural+networks&format=json&h=10&c=0

The answer lists hits; each hit's `info` has the title (ending in a full stop), the authors
(one object, or a list, each with dblp's name, which may end in a homonym number), the venue
as dblp abbreviates it, the year, the key and the links. A paper often has two entries: the
published version and the arXiv preprint (venue 'CoRR', key 'journals/corr/...'). The hit
whose title matches the record's (ignoring case and punctuation) is the witness; the published
version is preferred, and the CoRR entry is kept for its arXiv id. dblp asks clients to go
slowly: one request every few seconds, and Retry-After is honoured.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any
from urllib.parse import urlencode

from rapidfuzz import fuzz

from sitegen.errors import NetworkError
from sitegen.identifiers import parse_arxiv, parse_doi
from sitegen.importers.bibtex import split_names
from sitegen.model import Paper
from sitegen.titles import words
from sitegen.verify.cache import Cache, Kept
from sitegen.verify.client import PoliteClient, Service
from sitegen.verify.witness import Answer, NotFound, Refused, Witness

API = "https://dblp.org/search/publ/api"
SERVICE = Service("dblp (dblp.org)", interval=4.0, accept="application/json")
CACHE = "dblp"
HITS = 10
SAME_TITLE = 92  # rapidfuzz ratio between folded titles from which two titles are one


def api_address() -> str:
    return os.environ.get("SITEGEN_DBLP_API") or API


def fold(title: str) -> str:
    """A title without case, accents' marks or punctuation: what 'the same words' compares."""
    return " ".join(w.casefold() for w in words(title))


def query(title: str) -> str:
    # dblp's search reads '-' before a word as NOT and '|' as OR: only the words are sent.
    return " ".join(words(title))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _hit_witness(info: dict[str, Any]) -> Witness:
    names = [a.get("text", "") if isinstance(a, dict) else str(a) for a in _as_list((info.get("authors") or {}).get("author"))]
    authors, _ = split_names(" and ".join(n for n in names if n))
    venue = " ".join(str(v) for v in _as_list(info.get("venue")))
    key = str(info.get("key", ""))
    preprint = venue == "CoRR" or key.startswith("journals/corr/")
    arxiv = None
    for link in _as_list(info.get("ee")):
        arxiv = arxiv or parse_arxiv(str(link))
    if preprint and arxiv is None:
        volume = re.fullmatch(r"abs/(.+)", str(info.get("volume", "")))
        arxiv = parse_arxiv(volume.group(1)) if volume else None
    year = str(info.get("year", ""))
    doi = parse_doi(str(info.get("doi", ""))) if info.get("doi") else None
    return Witness(
        source="dblp",
        url=str(info.get("url") or f"https://dblp.org/rec/{key}"),
        title=str(info.get("title", "")).rstrip("."),
        authors=tuple(authors),
        year=int(year) if year.isdigit() else None,
        venue=venue,
        of_record=not preprint,
        arxiv=arxiv,
        doi=None if preprint else doi,
    )


def witnesses(body: str, paper: Paper) -> list[Witness]:
    """The hits of a search answer that are `paper`: the published version first, then CoRR."""
    answer = json.loads(body)
    hits = _as_list((((answer.get("result") or {}).get("hits")) or {}).get("hit"))
    wanted = fold(paper.title)
    matching = []
    for hit in hits:
        info = hit.get("info") if isinstance(hit, dict) else None
        if isinstance(info, dict) and fuzz.ratio(fold(str(info.get("title", ""))), wanted) >= SAME_TITLE:
            matching.append(_hit_witness(info))
    published = sorted((w for w in matching if w.of_record), key=lambda w: abs((w.year or 0) - paper.year))
    return published[:1] + [w for w in matching if not w.of_record][:1]


def look_up(paper: Paper, client: PoliteClient, cache: Cache, api: str | None = None) -> list[Answer]:
    """dblp's witnesses of `paper` (the published entry and the CoRR entry, where dblp has them)."""
    key = query(paper.title)
    kept = cache.get(CACHE, key)
    if kept is None:
        url = f"{api or api_address()}?{urlencode({'q': key, 'format': 'json', 'h': HITS, 'c': 0})}"
        response = client.get(SERVICE, url)
        if response.status != 200:
            raise NetworkError(f"{SERVICE.name} answered HTTP {response.status}; try again later")
        kept = Kept(True, response.text())
        cache.put(CACHE, key, kept)
    try:
        found = witnesses(kept.body, paper)
    except (ValueError, AttributeError, TypeError):
        return [Refused("dblp", "dblp's answer could not be read", "title")]
    if not found:
        return [NotFound("dblp", f"dblp has no entry with this title (searched: {key})", "title")]
    return list(found)
