"""The compact links every list of papers shows beside a title: the paper itself (its PDF, or
else its landing page or DOI), its arXiv page and its code, each only when the record has it.

One definition for the paper lists of the pages, Explore and the search results, so a reader
finds the same links wherever a paper is listed.
"""

from __future__ import annotations

from sitegen.identifiers import arxiv_abs_url, doi_url
from sitegen.model import Paper


def quick_links(paper: Paper) -> list[tuple[str, str]]:
    """(label, address) pairs, in the order they are shown."""
    links: list[tuple[str, str]] = []
    if paper.pdf:
        links.append(("PDF", paper.pdf))
    elif paper.url:
        links.append(("Page", paper.url))
    elif paper.doi:
        links.append(("DOI", doi_url(paper.doi)))
    if paper.arxiv:
        links.append(("arXiv", arxiv_abs_url(paper.arxiv)))
    if paper.code:
        links.append(("Code", paper.code))
    return links
