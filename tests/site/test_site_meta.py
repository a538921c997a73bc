"""What pages tell programs: the Highwire citation_* tags of every paper page, read back and
compared with the record; each paper's .bib; a description per page from its own text."""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser

from sitegen.export.bibtex import to_bibtex
from sitegen.model import Paper
from sitegen.site import urls

from tests.site.conftest import BuiltSite, ServedSite
from tests.site.test_site_build import any_site  # noqa: F401 - the fixture: both sites


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: list[tuple[str, str]] = []
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("name"):
            self.meta.append((values["name"] or "", values.get("content") or ""))
        if tag == "a":
            self.links.append(values)


def head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def expected_tags(paper: Paper, site: BuiltSite, page_url: str | None) -> list[tuple[str, str]]:
    """The tags the inclusion guidelines ask for, written out here from the record's fields."""
    venue = site.collection.taxonomy.venues[paper.venue].name if paper.venue else None
    tags = [("citation_title", paper.title), *[("citation_author", a) for a in paper.authors]]
    tags.append(("citation_publication_date", str(paper.year)))
    where = {"article": "citation_journal_title", "inproceedings": "citation_conference_title", "incollection": "citation_inbook_title"}
    if venue and paper.type in where:
        tags.append((where[paper.type], venue))
    if paper.volume is not None:
        tags.append(("citation_volume", str(paper.volume)))
    if paper.number is not None:
        tags.append(("citation_issue", str(paper.number)))
    if paper.pages is not None:
        first, _, last = re.sub(r"\s*(--?|–)\s*", "-", str(paper.pages)).partition("-")
        tags.append(("citation_firstpage", first))
        if last:
            tags.append(("citation_lastpage", last.lstrip("-")))
    if paper.publisher:
        tags.append(("citation_publisher", paper.publisher))
    if paper.institution:
        tags.append(("citation_dissertation_institution" if paper.type == "phdthesis" else "citation_technical_report_institution", paper.institution))
    for name, value in (("citation_doi", paper.doi), ("citation_arxiv_id", paper.arxiv), ("citation_pdf_url", paper.pdf)):
        if value:
            tags.append((name, value))
    if page_url:
        tags.append(("citation_abstract_html_url", page_url))
    return tags


def citation(path: Path) -> list[tuple[str, str]]:
    return [(name, value) for name, value in head(path).meta if name.startswith("citation_")]


def test_every_paper_page_carries_its_record_as_citation_tags(real_site: BuiltSite, tiny_site: BuiltSite) -> None:
    checked = 0
    for site in (real_site, tiny_site):
        for paper in site.collection.papers:
            page = site.site / urls.paper(paper.id) / "index.html"
            assert citation(page) == expected_tags(paper, site, None), paper.id
            checked += 1
    assert checked == len(real_site.collection.papers) + len(tiny_site.collection.papers)
    kinds = Counter(name for p in real_site.collection.papers for name, _ in citation(real_site.site / urls.paper(p.id) / "index.html"))
    assert kinds["citation_conference_title"] and kinds["citation_journal_title"] and kinds["citation_arxiv_id"] and kinds["citation_doi"]


def test_served_paper_pages_name_their_own_address(served_site: ServedSite) -> None:
    site = served_site.built
    for paper in site.collection.papers[:20]:
        url = served_site.url + urls.paper(paper.id)
        assert citation(site.site / urls.paper(paper.id) / "index.html") == expected_tags(paper, site, url)


def test_retired_and_other_pages_have_no_citation_tags(tiny_site: BuiltSite) -> None:
    for path in ("", urls.EXPLORE, urls.paper("hostile2020old"), urls.author("hinton-g-e")):
        assert citation(tiny_site.site / path / "index.html") == [], path


def test_each_paper_has_its_bib_linked_from_its_page(any_site: BuiltSite) -> None:
    for paper in any_site.collection.papers:
        folder = any_site.site / urls.paper(paper.id)
        bib = (folder / f"{paper.id}.bib").read_text(encoding="utf-8")
        assert bib == to_bibtex([paper], any_site.collection.taxonomy)
        assert [e.key for e in bibtexparser.parse_string(bib).entries] == [paper.id]
        links = [a for a in head(folder / "index.html").links if a.get("href") == f"{paper.id}.bib"]
        assert len(links) == 1 and "download" in links[0]


def description(path: Path) -> str:
    found = [value for name, value in head(path).meta if name == "description"]
    assert len(found) == 1, path
    return found[0]


def test_every_page_has_a_description_of_its_own(real_site: BuiltSite) -> None:
    site_wide = "A curated, classified bibliography of knowledge distillation research."
    pages = [p for p in sorted(real_site.site.rglob("index.html"))]
    described = {p: description(p) for p in pages}
    own = [p for p, text in described.items() if text != site_wide]
    # Every page says something of its own, but for the retired ids' short notes.
    retired = {real_site.site / urls.paper(old) / "index.html" for p in real_site.collection.papers for old in p.aliases}
    assert set(pages) - set(own) <= retired
    assert all(len(text) <= 160 for text in described.values())
    paper = real_site.collection.papers[0]
    text = described[real_site.site / urls.paper(paper.id) / "index.html"]
    assert text.startswith(paper.title[:100] if len(paper.title) < 100 else paper.title[:50])
    home = described[real_site.site / "index.html"]
    assert home.startswith("A curated list of research on knowledge distillation")
    curation = described[real_site.site / "curation" / "index.html"]
    assert curation.startswith("How the records in papers/ are curated")


def test_a_description_is_escaped_once(tiny_site: BuiltSite) -> None:
    text = (tiny_site.site / urls.paper("hostile2020script") / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<meta name="description" content="([^"]*)"', text)
    assert found is not None
    assert "<script>" not in found.group(1)
    assert html.unescape(found.group(1)).startswith(tiny_site.collection.by_id["hostile2020script"].title[:40])
