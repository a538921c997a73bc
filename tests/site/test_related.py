"""Related work: the ranking from shared labels, shared people and similar titles, and the page."""

from __future__ import annotations

from sitegen.site.index import SiteIndex
from sitegen.site.repository import Repository
from sitegen.site.related import SHOWN, related_work, title_words
from tests.site.conftest import BuiltSite


def _index(taxonomy, papers) -> SiteIndex:
    return SiteIndex(taxonomy, sorted(papers, key=lambda p: p.id))


def test_rare_shared_labels_rank_above_common_ones(taxonomy, make_paper) -> None:
    common = {"knowledge": ["response-based"]}
    rare = {"knowledge": ["response-based"], "scheme": ["online"]}
    papers = [
        make_paper(id="a2020one", title="Alpha", authors=["A, X."], taxonomy=rare),
        make_paper(id="b2020two", title="Beta", authors=["B, X."], taxonomy=rare),
        make_paper(id="c2020three", title="Gamma", authors=["C, X."], taxonomy=common),
        *[make_paper(id=f"z2020filler{k}", title=f"Delta {k}", authors=[f"Z{k}, X."], taxonomy=common) for k in range(6)],
    ]
    related = related_work(_index(taxonomy, papers))["a2020one"]
    assert related[0].paper_id == "b2020two"
    assert related[0].reason == "also Online distillation · Response-based knowledge"


def test_the_same_person_under_two_written_forms_is_a_shared_author(taxonomy, make_paper) -> None:
    papers = [
        make_paper(id="hinton2015one", title="Alpha", authors=["Hinton, Geoffrey E."], taxonomy={}),
        make_paper(id="hinton2016two", title="Beta", authors=["Hinton, Geoffrey"], taxonomy={}),
        make_paper(id="other2016three", title="Gamma", authors=["Other, Q."], taxonomy={}),
    ]
    related = related_work(_index(taxonomy, papers))
    assert [(r.paper_id, r.reason) for r in related["hinton2015one"]] == [("hinton2016two", "same author: Geoffrey E. Hinton")]
    assert related["other2016three"] == []


def test_similar_titles_are_related_without_labels_or_authors(taxonomy, make_paper) -> None:
    papers = [
        make_paper(id="a2020one", title="Contrastive representation distillation", authors=["A, X."], taxonomy={}),
        make_paper(id="b2021two", title="Contrastive representation distillation for graphs", authors=["B, Y."], taxonomy={}),
        make_paper(id="c2021three", title="Unrelated words entirely", authors=["C, Z."], taxonomy={}),
    ]
    related = related_work(_index(taxonomy, papers))["a2020one"]
    assert [(r.paper_id, r.reason) for r in related] == [("b2021two", "similar title")]


def test_at_most_eight_ties_broken_by_year_then_id(taxonomy, make_paper) -> None:
    labels = {"knowledge": ["response-based"], "scheme": ["online"]}
    papers = [make_paper(id=f"p{2000 + k}x", title=f"T{k}", authors=[f"P{k}, X."], year=2000 + k % 4, taxonomy=labels) for k in range(12)]
    papers.append(make_paper(id="zzz2020a", title="Other", authors=["Q, X."], taxonomy={"knowledge": ["feature-based"]}))
    related = related_work(_index(taxonomy, papers))["p2000x"]
    assert len(related) == SHOWN
    keys = [(-r.score, -next(p.year for p in papers if p.id == r.paper_id), r.paper_id) for r in related]
    assert keys == sorted(keys)
    assert related == related_work(_index(taxonomy, list(reversed(papers))))["p2000x"]


def test_title_words_drop_stopwords_and_fold() -> None:
    assert title_words("Distilling the Knowledge in a Neural Network") == ["distilling", "knowledge", "network", "neural"]


def test_paper_page_shows_related_work_with_reasons(tiny_site: BuiltSite) -> None:
    related = related_work(SiteIndex.build(tiny_site.collection, Repository()))
    paper_id, items = next((k, v) for k, v in sorted(related.items()) if v)
    html = (tiny_site.site / "papers" / paper_id / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="related-work">Related work</h2>' in html
    for item in items:
        assert f'href="../{item.paper_id}/"' in html
        assert item.reason.replace("&", "&amp;") in html
