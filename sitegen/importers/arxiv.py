"""Look a paper up on arXiv, through its Atom API, and describe it as a Draft.

    GET https://export.arxiv.org/api/query?id_list=1503.02531&max_results=1

The API answers a bad id with an Atom feed whose one entry is titled 'Error' (and whose id is
under /api/errors), an id it does not know with a feed without entries, and throttling with a
plain-text body. Each becomes one clear message. SITEGEN_ARXIV_API replaces the address (for
a mirror, and for the tests' local server).
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote

from sitegen.errors import NetworkError, SitegenError, UsageError
from sitegen.identifiers import parse_arxiv
from sitegen.importers.draft import Draft
from sitegen.importers.bibtex import split_names
from sitegen.importers.http import get

API = "https://export.arxiv.org/api/query"
SERVICE = "arXiv (export.arxiv.org)"
_NS = {"atom": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom"}


def api_address() -> str:
    return os.environ.get("SITEGEN_ARXIV_API") or API


def fetch_arxiv(text: str, api: str | None = None) -> Draft:
    """The paper arXiv has under the id or link `text`."""
    arxiv_id = parse_arxiv(text)
    if arxiv_id is None:
        raise UsageError(f"--arxiv {text}: not an arXiv id or link (expected a form like 1503.02531 or https://arxiv.org/abs/1503.02531)")
    response = get(f"{api or api_address()}?id_list={quote(arxiv_id, safe='/')}&max_results=1", SERVICE, "application/atom+xml")
    feed = _parse_feed(response.body)
    if feed is not None:
        error = _error_entry(feed)
        if error is not None:
            raise SitegenError(f"arXiv refused the look-up of {arxiv_id}: {error}")
    if response.status != 200:
        detail = " ".join(response.text().split())[:80] if response.content_type.startswith("text/plain") else ""
        raise NetworkError(f"arXiv answered HTTP {response.status}{f' ({detail})' if detail else ''}; try again in a minute, or add the paper with --bibtex")
    if feed is None:
        raise NetworkError("arXiv answered with something other than an Atom feed; try again later, or add the paper with --bibtex")
    entries = [e for e in feed.findall("atom:entry", _NS) if _text(e, "atom:title")]
    if not entries:
        raise SitegenError(f"arXiv has no paper {arxiv_id}; check the id at https://arxiv.org/abs/{arxiv_id}")
    return entry_to_draft(entries[0], arxiv_id)


def _parse_feed(body: bytes) -> ET.Element | None:
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return None
    return root if root.tag == f"{{{_NS['atom']}}}feed" else None


def _error_entry(feed: ET.Element) -> str | None:
    for entry in feed.findall("atom:entry", _NS):
        if "/api/errors" in _text(entry, "atom:id") or _text(entry, "atom:title") == "Error":
            return _text(entry, "atom:summary") or "error without explanation"
    return None


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path, _NS)
    return " ".join((found.text or "").split()) if found is not None else ""


def entry_to_draft(entry: ET.Element, asked: str) -> Draft:
    """The draft for one Atom entry of the API's answer."""
    found = parse_arxiv(_text(entry, "atom:id"))
    if found != asked:
        raise SitegenError(f"arXiv answered about {found or 'another paper'} when asked about {asked}; add the paper with --bibtex")
    draft = Draft(origin=f"arXiv:{asked}")
    draft.title = _text(entry, "atom:title").rstrip(".")
    names = [_text(a, "atom:name") for a in entry.findall("atom:author", _NS)]
    draft.authors, draft.et_al = split_names(" and ".join(n for n in names if n))
    published = re.match(r"\d{4}", _text(entry, "atom:published"))
    draft.year = int(published.group()) if published else None
    draft.arxiv = asked
    draft.doi = _text(entry, "arxiv:doi") or None
    journal = _text(entry, "arxiv:journal_ref")
    if journal:
        draft.doubts.append(f"arXiv gives the journal reference '{journal}': the published version may have another venue and year")
    return draft
