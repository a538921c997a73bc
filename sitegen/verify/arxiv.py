"""arXiv's account of the records that have an arXiv id, through its API, in batches.

    GET https://export.arxiv.org/api/query?id_list=1503.02531,1805.04770&max_results=2

One request asks for up to BATCH ids; the feed has one entry per id arXiv knows, and none for
an id it does not. A feed whose entry is titled 'Error' refuses the whole request (an id of a
form arXiv rejects): each id of that batch is then asked alone, so that one bad id does not
hide the others.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Iterable
from urllib.parse import quote

from sitegen.errors import NetworkError, SitegenError
from sitegen.identifiers import arxiv_abs_url, parse_arxiv
from sitegen.importers.arxiv import api_address, entry_to_draft
from sitegen.verify.cache import Cache, Kept
from sitegen.verify.client import PoliteClient, Service
from sitegen.verify.witness import Answer, NotFound, Refused, Witness

SERVICE = Service("arXiv (export.arxiv.org)", interval=3.0, accept="application/atom+xml")
CACHE = "arxiv"
BATCH = 50
_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"


def _text(element: ET.Element, tag: str) -> str:
    found = element.find(tag)
    return " ".join((found.text or "").split()) if found is not None else ""


def _feed(body: bytes) -> ET.Element | None:
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return None
    return root if root.tag == f"{_ATOM}feed" else None


def _error(feed: ET.Element) -> str | None:
    for entry in feed.findall(f"{_ATOM}entry"):
        if "/api/errors" in _text(entry, f"{_ATOM}id") or _text(entry, f"{_ATOM}title") == "Error":
            return _text(entry, f"{_ATOM}summary") or "error without explanation"
    return None


def witness(entry_xml: str, arxiv_id: str) -> Witness:
    entry = ET.fromstring(entry_xml)
    draft = entry_to_draft(entry, arxiv_id)
    return Witness(
        source="arXiv",
        url=arxiv_abs_url(arxiv_id),
        title=draft.title,
        authors=tuple(draft.authors),
        year=draft.year,
        of_record=False,
        arxiv=arxiv_id,
        doi=draft.doi,
        journal_ref=_text(entry, f"{_ARXIV}journal_ref"),
    )


def _answer(arxiv_id: str, kept: Kept) -> Answer:
    if not kept.found:
        return NotFound("arXiv", f"arXiv has no paper {arxiv_id} (see {arxiv_abs_url(arxiv_id)})", "arxiv")
    try:
        return witness(kept.body, arxiv_id)
    except (ET.ParseError, SitegenError):
        return Refused("arXiv", f"arXiv's entry for {arxiv_id} could not be read", "arxiv")


def look_up(ids: Iterable[str], client: PoliteClient, cache: Cache, api: str | None = None) -> dict[str, Answer]:
    """arXiv's answer for each id (bare, without version)."""
    return {arxiv_id: _answer(arxiv_id, kept) if isinstance(kept, Kept) else Refused("arXiv", kept, "arxiv")
            for arxiv_id, kept in entries(ids, client, cache, api).items()}


def entries(ids: Iterable[str], client: PoliteClient, cache: Cache, api: str | None = None, batch: int = BATCH) -> dict[str, Kept | str]:
    """arXiv's text for each id (an Atom entry, or not found), through the cache; or why arXiv refused it.

    Used by `verify` (as witnesses) and `complete` (as drafts of new records), so both share one
    client, one cache and one pace.
    """
    found: dict[str, Kept | str] = {}
    wanted: list[str] = []
    for arxiv_id in dict.fromkeys(ids):
        kept = cache.get(CACHE, arxiv_id)
        if kept is None:
            wanted.append(arxiv_id)
        else:
            found[arxiv_id] = kept
    for start in range(0, len(wanted), batch):
        chunk = wanted[start:start + batch]
        answer = _ask(chunk, client, api)
        if isinstance(answer, str):  # the batch was refused: ask each id alone
            for arxiv_id in chunk:
                alone = _ask([arxiv_id], client, api) if len(chunk) > 1 else answer
                if isinstance(alone, str):
                    found[arxiv_id] = f"arXiv refused the look-up of {arxiv_id}: {alone}"
                else:
                    found[arxiv_id] = _keep(arxiv_id, alone, cache)
            continue
        for arxiv_id in chunk:
            found[arxiv_id] = _keep(arxiv_id, answer, cache)
    return found


def _keep(arxiv_id: str, answer: dict[str, str], cache: Cache) -> Kept:
    kept = Kept(arxiv_id in answer, answer.get(arxiv_id, ""))
    cache.put(CACHE, arxiv_id, kept)
    return kept


def _ask(batch: list[str], client: PoliteClient, api: str | None) -> dict[str, str] | str:
    """Each id's entry (as XML text) from one request, or the reason arXiv refused it."""
    ids = ",".join(quote(i, safe="/") for i in batch)
    response = client.get(SERVICE, f"{api or api_address()}?id_list={ids}&max_results={len(batch)}")
    feed = _feed(response.body)
    if feed is not None:
        error = _error(feed)
        if error is not None:
            return error
    if response.status != 200 or feed is None:
        raise NetworkError(f"{SERVICE.name} answered HTTP {response.status} with something other than an Atom feed; try again later")
    entries: dict[str, str] = {}
    for entry in feed.findall(f"{_ATOM}entry"):
        found = parse_arxiv(_text(entry, f"{_ATOM}id"))
        if found in batch and _text(entry, f"{_ATOM}title"):
            entries[found] = ET.tostring(entry, encoding="unicode")
    return entries
