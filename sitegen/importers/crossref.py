"""Look a DOI up on Crossref, through its REST API, and describe the work as a Draft.

    GET https://api.crossref.org/works/10.1007/s11263-021-01453-z

The answer is JSON, `{"status": "ok", "message-type": "work", "message": {...}}`; a DOI Crossref
does not know is HTTP 404 with the plain text 'Resource not found.'. SITEGEN_CROSSREF_API
replaces the address (for a mirror, and for the tests' local server).
"""

from __future__ import annotations

import html
import json
import os
import re
from typing import Any
from urllib.parse import quote

from sitegen.errors import NetworkError, SitegenError, UsageError
from sitegen.identifiers import parse_doi
from sitegen.importers.draft import Draft, sort_link
from sitegen.importers.http import Response, get

API = "https://api.crossref.org/works"
SERVICE = "Crossref (api.crossref.org)"

# Crossref's work types that decide a record's type whatever the venue; others follow the venue.
_TYPES = {
    "book-chapter": "incollection",
    "book-part": "incollection",
    "book-section": "incollection",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "report": "techreport",
    "dissertation": "phdthesis",
}


def api_address() -> str:
    return os.environ.get("SITEGEN_CROSSREF_API") or API


def fetch_crossref(text: str, api: str | None = None) -> Draft:
    """The work Crossref has under the DOI (or doi.org link) `text`."""
    doi = parse_doi(text)
    if doi is None:
        raise UsageError(f"--doi {text}: not a DOI (expected a form like 10.1007/s11263-021-01453-z)")
    response = get_work(doi, api)
    if response.status == 404:
        raise SitegenError(f"Crossref has no record of DOI {doi}; check it at https://doi.org/{doi}, or add the paper with --bibtex")
    if response.status != 200:
        raise NetworkError(f"Crossref answered HTTP {response.status}; try again in a minute, or add the paper with --bibtex")
    try:
        answer = json.loads(response.body)
        work = answer["message"] if answer.get("status") == "ok" and answer.get("message-type") == "work" else None
    except (ValueError, AttributeError, KeyError):
        work = None
    if not isinstance(work, dict):
        raise NetworkError("Crossref answered with something other than a work record; try again later, or add the paper with --bibtex")
    return work_to_draft(work, doi)


def get_work(doi: str, api: str | None = None) -> Response:
    return get(f"{api or api_address()}/{quote(doi, safe='/')}", SERVICE, "application/json")


def _plain(text: str) -> str:
    """Crossref titles may hold JATS or HTML markup (<i>, <sub>) and entities."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def _first(values: Any) -> str:
    return _plain(values[0]) if isinstance(values, list) and values and isinstance(values[0], str) else ""


def _year(work: dict[str, Any]) -> int | None:
    # `issued` is the earliest of the print and online dates.
    for key in ("issued", "published", "published-print", "published-online", "created"):
        parts = (work.get(key) or {}).get("date-parts") or [[None]]
        if parts and parts[0] and isinstance(parts[0][0], int):
            return parts[0][0]
    return None


def _author(person: dict[str, Any]) -> str:
    family, given = _plain(person.get("family", "")), _plain(person.get("given", ""))
    if family:
        return f"{family}, {given}" if given else family
    return _plain(person.get("name", ""))  # an organisation


def work_to_draft(work: dict[str, Any], doi: str) -> Draft:
    """The draft for one Crossref work record."""
    draft = Draft(origin=f"doi:{doi}")
    draft.title = _first(work.get("title")).rstrip(".")
    subtitle = _first(work.get("subtitle"))
    if subtitle and subtitle.lower() not in draft.title.lower():
        draft.title = f"{draft.title}: {subtitle}"
    draft.authors = [name for name in map(_author, work.get("author") or []) if name]
    draft.year = _year(work)
    draft.venue_text = _first(work.get("container-title"))
    draft.volume = work.get("volume") or None
    draft.number = work.get("issue") or None
    draft.pages = work.get("page") or None
    draft.type = _TYPES.get(str(work.get("type")))
    if draft.type in ("book", "incollection", "techreport"):
        draft.publisher = work.get("publisher") or None
    draft.doi = parse_doi(str(work.get("DOI") or "")) or doi
    landing = ((work.get("resource") or {}).get("primary") or {}).get("URL")
    if isinstance(landing, str) and landing.startswith(("http://", "https://")):
        sort_link(draft, landing)
    return draft
