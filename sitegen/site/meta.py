"""What a page tells programs rather than readers: the description search engines show, and on
a paper's page the Highwire Press `citation_*` tags that Zotero's connector and Google Scholar
read (https://scholar.google.com/intl/en/scholar/inclusion.html#indexing).

Both go into the page's front matter as data; overrides/main.html writes them into <head>,
escaped there. Nothing is invented: a tag appears only where the record has the value.
"""

from __future__ import annotations

import html
import json
import re

from sitegen.model import Paper
from sitegen.site import urls
from sitegen.site.index import SiteIndex

# The BibTeX entry type -> the tag that names where the work appeared.
_CONTAINER_TAG = {
    "article": "citation_journal_title",
    "inproceedings": "citation_conference_title",
    "incollection": "citation_inbook_title",
}
_PAGE_RANGE = re.compile(r"^\s*(\S+?)\s*(?:-+|–|—)\s*(\S+)\s*$")
DESCRIPTION_LENGTH = 160  # about what result pages show


def citation_tags(paper: Paper, index: SiteIndex) -> list[tuple[str, str]]:
    """The Highwire tags of a paper, in the order the inclusion guidelines list them."""
    tags = [("citation_title", paper.title)]
    tags += [("citation_author", author) for author in paper.authors]
    tags.append(("citation_publication_date", str(paper.year)))
    venue = index.taxonomy.venues[paper.venue] if paper.venue else None
    container = _CONTAINER_TAG.get(paper.type)
    if venue and container:
        tags.append((container, venue.name))
    if paper.volume is not None:
        tags.append(("citation_volume", str(paper.volume)))
    if paper.number is not None:
        tags.append(("citation_issue", str(paper.number)))
    if paper.pages is not None:
        pages = str(paper.pages)
        span = _PAGE_RANGE.match(pages)
        tags += [("citation_firstpage", span.group(1)), ("citation_lastpage", span.group(2))] if span else [("citation_firstpage", pages)]
    if paper.publisher:
        tags.append(("citation_publisher", paper.publisher))
    if paper.institution:
        kind = "citation_dissertation_institution" if paper.type == "phdthesis" else "citation_technical_report_institution"
        tags.append((kind, paper.institution))
    if paper.doi:
        tags.append(("citation_doi", paper.doi))
    if paper.arxiv:
        tags.append(("citation_arxiv_id", paper.arxiv))
    if paper.pdf:
        tags.append(("citation_pdf_url", paper.pdf))
    page = index.absolute(urls.paper(paper.id))
    if page:
        tags.append(("citation_abstract_html_url", page))
    return tags


def paper_description(paper: Paper, index: SiteIndex) -> str:
    """'Title — G. Hinton, O. Vinyals, J. Dean (arXiv 2015). Response-based knowledge; …'"""
    from sitegen.site.people import display_name

    names = [display_name(a) for a in paper.authors[:6]]
    byline = ", ".join(names) + (" et al." if paper.et_al or len(paper.authors) > 6 else "")
    where = index.taxonomy.venues[paper.venue].short if paper.venue else paper.type
    labels = "; ".join(index.taxonomy.nodes[n].label for n in paper.all_labels)
    return shorten(f"{paper.title} — {byline} ({where} {paper.year}).{' ' + labels + '.' if labels else ''}")


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """`text` on one line, cut at a word to at most `limit` characters (with '…' if cut)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.·—–-")
    return cut + "…"


# --- a description for every page, from its own text --------------------------------------

_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
_PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>(.*?)</p>", re.DOTALL)
_SKIPPED_CLASSES = re.compile(r'class="[^"]*\b(kd-trail|kd-tags|kd-letters|kd-caption|kd-counts|kd-explore-status|kd-actions)\b')
_TAG = re.compile(r"<[^>]+>")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"[*_`]+|\{:[^}]*\}")


def _first_paragraph(body: str) -> str:
    """The text of the first paragraph of a page: an HTML <p> of the page's own text, or the
    first Markdown paragraph (not a heading, list, table, admonition or HTML block)."""
    for match in _PARAGRAPH.finditer(body):
        if _SKIPPED_CLASSES.search(match.group(0)[:200]):
            continue
        text = html.unescape(_TAG.sub("", match.group(1)))
        if len(text.split()) >= 4:
            return text
    for block in re.split(r"\n\s*\n", body):
        line = block.strip()
        if not line or line[0] in "#<-*|!>:" or line[:2] == "1." or line.startswith(("```", "===", "!!!", "???")):
            continue
        text = _MARKDOWN_MARKS.sub("", _MARKDOWN_LINK.sub(r"\1", line))
        if len(text.split()) >= 4:
            return text
    return ""


def with_description(source: str) -> str:
    """A page's Markdown with a `description` in its front matter, taken from its first
    paragraph, unless it has one (or has no paragraph: the site's description then stands).

    MkDocs' theme prints the description into HTML as it is, so it is written HTML-escaped,
    as a JSON string (which YAML reads).
    """
    match = _FRONT_MATTER.match(source)
    front, body = (match.group(1), source[match.end():]) if match else ("", source)
    if re.search(r"^description:", front, re.MULTILINE):
        return source
    text = _first_paragraph(body)
    if not text:
        return source
    line = "description: " + json.dumps(html.escape(shorten(text)), ensure_ascii=False) + "\n"
    return f"---\n{front}{line}---\n{body}"
