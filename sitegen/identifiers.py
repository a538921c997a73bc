"""Recognise the forms in which sources write arXiv ids, DOIs and links.

Validation uses these to accept any recognisable form; normalization uses them to write the
one canonical form.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_ARXIV_ID = r"(?P<id>\d{4}\.\d{4,5}|[a-z][a-z.\-]*(?:\.[A-Z]{2})?/\d{7})(?P<version>v\d+)?"
_ARXIV_FORMS = [
    re.compile(rf"^(?:arxiv:\s*)?{_ARXIV_ID}$", re.IGNORECASE),
    re.compile(
        rf"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|ftp/arxiv/papers/\d{{4}})/{_ARXIV_ID}(?:\.pdf)?/?$",
        re.IGNORECASE,
    ),
]
# A DOI may hold almost any character, but not a brace or a backslash here: BibTeX's doi field is
# verbatim, and those would unbalance the entry or be printed (no registered DOI uses them).
_DOI = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(?P<doi>10\.\d{4,9}/[^\s{}\\]+)$", re.IGNORECASE)
_SPACE = re.compile(r"\s")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
ARXIV_PATTERN = r"^(\d{4}\.\d{4,5}|[a-z][a-z.\-]*(\.[A-Z]{2})?/\d{7})$"
DOI_PATTERN = r"^10\.\d{4,9}/[^\s{}\\]+$"


def parse_arxiv(text: str) -> str | None:
    """The bare arXiv id (no version) written in `text`, or None if it is not one."""
    text = text.strip()
    for form in _ARXIV_FORMS:
        match = form.match(text)
        if match:
            return match.group("id")
    return None


def arxiv_year(arxiv_id: str) -> int | None:
    """The year an arXiv id was assigned: '1503.02531' is March 2015, 'cs/9901001' January 1999."""
    match = re.fullmatch(r"(\d{2})(\d{2})\.\d{4,5}|[a-z][a-z.\-]*(?:\.[A-Z]{2})?/(\d{2})(\d{2})\d{3}", arxiv_id, re.IGNORECASE)
    if not match:
        return None
    yy, mm = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    if not 1 <= int(mm) <= 12:
        return None
    return (1900 if int(yy) >= 91 else 2000) + int(yy)  # arXiv began in August 1991


def parse_doi(text: str) -> str | None:
    """The DOI written in `text` (bare, or as a doi: or doi.org form), or None."""
    match = _DOI.match(text.strip())
    return match.group("doi") if match else None


def url_problem(text: str) -> str | None:
    """Why `text` is not a usable web link, or None when it is one."""
    if _SPACE.search(text):
        return "a link must not contain spaces"
    if _CONTROL.search(text):
        return "a link must not contain control characters"
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return "a link must be a well-formed web address"
    if parts.scheme.lower() not in ("http", "https"):
        shown = parts.scheme + ":" if parts.scheme else "no scheme"
        return f"a link must start with https:// or http:// (found {shown})"
    if not host:
        return "a link must name a host"
    return None


def arxiv_abs_url(arxiv_id: str) -> str:
    return f"https://arxiv.org/abs/{arxiv_id}"


def doi_url(doi: str) -> str:
    return f"https://doi.org/{doi}"
