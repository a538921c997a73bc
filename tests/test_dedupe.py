"""Probable duplicates: blocked candidate pairs, grouped, each with its reason."""

from __future__ import annotations

from sitegen import dedupe


def _reasons(papers) -> list[tuple[str, str, str]]:
    return [(m.a, m.b, m.reason) for m in dedupe.find_matches(papers)]


def test_same_arxiv_id_or_doi(make_paper) -> None:
    a = make_paper(id="smith2020good", arxiv="1503.02531", doi="10.1234/X")
    b = make_paper(id="smith2020good-2", title="Another title", arxiv="1503.02531")
    c = make_paper(id="smith2020good-3", title="Third title", doi="10.1234/x")
    assert _reasons([a, b, c]) == [
        ("smith2020good", "smith2020good-2", "same arXiv id 1503.02531"),
        ("smith2020good", "smith2020good-3", "same DOI 10.1234/x"),
    ]


def test_near_identical_titles_with_same_first_author_and_year(make_paper) -> None:
    a = make_paper(id="smith2020good", title="Knowledge distillation via route constrained optimization")
    b = make_paper(id="smith2020good-2", title="Knowledge Distillation via Route-Constrained Optimisation")
    assert _reasons([a, b]) == [("smith2020good", "smith2020good-2", "titles 98% similar, same first author (smith) and year (2020)")]


def test_look_alikes_by_other_authors_or_years_stay_apart(make_paper) -> None:
    a = make_paper(id="smith2020good", title="Knowledge distillation via route constrained optimization")
    b = make_paper(id="smith2021good", year=2021, title="Knowledge distillation via route constrained optimisation")
    c = make_paper(id="jones2020good", authors=["Jones, B."], title="Knowledge distillation via route constrained optimizations")
    assert _reasons([a, b, c]) == []


def test_the_same_title_is_flagged_whatever_the_year(make_paper) -> None:
    a = make_paper(id="xu2018data", authors=["Xu, Z."], year=2018, title="Data-distortion guided self-distillation for deep neural networks")
    b = make_paper(id="xu2019data", authors=["Xu, T. B."], year=2019, title="Data-distortion guided self-distillation for deep neural networks")
    assert _reasons([a, b]) == [("xu2018data", "xu2019data", "same title")]


def test_distinct_from_explains_a_pair_away(make_paper) -> None:
    a = make_paper(id="smith2020good", arxiv="1503.02531", distinct_from=["smith2020good-2"])
    b = make_paper(id="smith2020good-2", title="Another title", arxiv="1503.02531")
    assert _reasons([a, b]) == []


def test_matches_join_into_groups(make_paper) -> None:
    a = make_paper(id="smith2020good", arxiv="1503.02531")
    b = make_paper(id="smith2020good-2", title="Other", arxiv="1503.02531", doi="10.1234/y")
    c = make_paper(id="smith2020good-3", title="Third", doi="10.1234/y")
    d = make_paper(id="smith2020alone", title="Alone")
    groups = dedupe.group(dedupe.find_matches([a, b, c, d]))
    assert [g.ids for g in groups] == [["smith2020good", "smith2020good-2", "smith2020good-3"]]
    assert len(groups[0].matches) == 2
