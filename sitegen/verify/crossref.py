"""Crossref's account of the records that have a DOI: the publisher's own metadata.

    GET https://api.crossref.org/works/10.1007/s11263-021-01453-z?mailto=curator@example.org

With an address (`--mailto`, or SITEGEN_MAILTO) the request goes to Crossref's polite pool,
as its etiquette asks; the address also goes in the User-Agent. A DOI Crossref does not know
is a 404: the DOI may be wrong, or registered elsewhere (DataCite registers arXiv's).
"""

from __future__ import annotations

import json
from typing import Iterable
from urllib.parse import quote, urlencode

from sitegen.errors import NetworkError
from sitegen.identifiers import doi_url
from sitegen.importers.crossref import api_address, work_to_draft
from sitegen.verify.cache import Cache, Kept
from sitegen.verify.client import PoliteClient, Service
from sitegen.verify.witness import Answer, NotFound, Refused, Witness

SERVICE = Service("Crossref (api.crossref.org)", interval=1.0, accept="application/json")
CACHE = "crossref"


def witness(body: str, doi: str) -> Witness:
    answer = json.loads(body)
    work = answer["message"] if isinstance(answer, dict) and answer.get("message-type") == "work" else None
    if not isinstance(work, dict):
        raise ValueError("not a Crossref work")
    draft = work_to_draft(work, doi)
    return Witness(
        source="Crossref",
        url=doi_url(doi),
        title=draft.title,
        authors=tuple(draft.authors),
        year=draft.year,
        venue=draft.venue_text,
        of_record=True,
        doi=doi,
    )


def _answer(doi: str, kept: Kept) -> Answer:
    if not kept.found:
        return NotFound("Crossref", f"Crossref has no record of DOI {doi} (see {doi_url(doi)})", "doi")
    try:
        return witness(kept.body, doi)
    except (ValueError, KeyError, TypeError):
        return Refused("Crossref", f"Crossref's record of DOI {doi} could not be read", "doi")


def look_up(dois: Iterable[str], client: PoliteClient, cache: Cache, api: str | None = None) -> dict[str, Answer]:
    """Crossref's answer for each DOI."""
    answers: dict[str, Answer] = {}
    for doi in dict.fromkeys(dois):
        key = doi.lower()  # DOIs are case-insensitive
        kept = cache.get(CACHE, key)
        if kept is None:
            query = f"?{urlencode({'mailto': client.mailto})}" if client.mailto else ""
            response = client.get(SERVICE, f"{api or api_address()}/{quote(doi, safe='/')}{query}")
            if response.status == 404:
                kept = Kept(False, "")
            elif response.status == 200:
                kept = Kept(True, response.text())
            else:
                raise NetworkError(f"{SERVICE.name} answered HTTP {response.status}; try again later")
            cache.put(CACHE, key, kept)
        answers[doi] = _answer(doi, kept)
    return answers
