"""Duplicates: blocked candidate pairs, scored into 'same work', 'probable duplicate' or apart, each with its reason.

The cases are the ones issue 19 found on real lists: first authors that differ or are written the
other way round, a preprint and its proceedings a year apart, an arXiv title and its published
title, a plural, a list that links the wrong arXiv id, and ids that collide.
"""

from __future__ import annotations

from sitegen import dedupe


def _found(papers) -> list[tuple[str, str, str, str]]:
    return [(m.a, m.b, m.verdict, m.reason) for m in dedupe.find_matches(papers)]


def test_same_arxiv_id_or_doi(make_paper) -> None:
    a = make_paper(id="smith2020good", arxiv="1503.02531", doi="10.1234/X")
    b = make_paper(id="smith2020good-2", title="Another title", arxiv="1503.02531")
    c = make_paper(id="smith2020good-3", title="Third title", doi="10.1234/x")
    assert _found([a, b, c]) == [
        ("smith2020good", "smith2020good-2", "same", "same arXiv id 1503.02531"),
        ("smith2020good", "smith2020good-3", "same", "same DOI 10.1234/x"),
    ]


def test_near_identical_titles_with_same_first_author_and_year(make_paper) -> None:
    a = make_paper(id="smith2020good", title="Knowledge distillation via route constrained optimization")
    b = make_paper(id="smith2020good-2", title="Knowledge Distillation via Route-Constrained Optimisation")
    assert _found([a, b]) == [
        ("smith2020good", "smith2020good-2", "same", "ids collide, titles 98% alike, same first author, same year (2020)")
    ]


def test_a_preprint_and_its_proceedings_a_year_apart_are_one_work(make_paper) -> None:
    # gupta2015 (dkozlov's list, arXiv 2015) and gupta2016cross (CVPR 2016)
    a = make_paper(id="gupta2015cross", authors=["Gupta, Saurabh", "Hoffman, Judy"], year=2015,
                   title="Cross Modal Distillation for Supervision Transfer")
    b = make_paper(id="gupta2016cross", authors=["Gupta, S.", "Hoffman, J.", "Malik, J."], year=2016,
                   title="Cross modal distillation for supervision transfer")
    assert _found([a, b]) == [("gupta2015cross", "gupta2016cross", "same", "same title, same first author, years 2015 and 2016")]


def test_first_author_disagreement_lowers_the_score_and_never_vetoes(make_paper) -> None:
    # A list credits Lan, the collection Zhu, for one NeurIPS 2018 paper.
    a = make_paper(id="lan2018knowledge", authors=["Lan, Xu"], et_al=True, year=2018, title="Knowledge distillation by on-the-fly native ensemble")
    b = make_paper(id="zhu2018knowledge", authors=["Zhu, X.", "Gong, S."], year=2018, title="Knowledge distillation by on-the-fly native ensemble")
    c = make_paper(id="zhu2018knowledge-2", authors=["Lan, X.", "Zhu, X.", "Gong, S."], year=2018,
                   title="Knowledge Distillation by On-the-Fly Native Ensemble")
    assert _found([a, b, c]) == [
        ("lan2018knowledge", "zhu2018knowledge", "probable", "same title, other first authors, same year (2018)"),
        ("lan2018knowledge", "zhu2018knowledge-2", "same", "same title, same first author, same year (2018)"),
        ("zhu2018knowledge", "zhu2018knowledge-2", "same", "ids collide, same title, the same authors in another order, same year (2018)"),
    ]


def test_a_name_written_the_other_way_round_is_the_same_person(make_paper) -> None:
    # FLHonker's list writes 'Changyong, Shu'; the collection 'Shu, C.'
    a = make_paper(id="changyong2020knowledge", authors=["Changyong, Shu"], et_al=True, year=2020,
                   title="Knowledge Squeezed Adversarial Network Compression")
    b = make_paper(id="shu2019knowledge", authors=["Shu, C.", "Li, P."], year=2019, title="Knowledge squeezed adversarial network compression")
    assert _found([a, b]) == [("changyong2020knowledge", "shu2019knowledge", "same", "same title, same first author, years 2019 and 2020")]


def test_a_plural_a_year_apart_is_one_work(make_paper) -> None:
    a = make_paper(id="lee2020stochasticity", authors=["Lee, Kwangjin"], year=2020, title="Stochasticity and Skip Connection Improve Knowledge Transfer")
    b = make_paper(id="lee2019stochasticity", authors=["Lee, K.", "Nguyen, L. T."], year=2019,
                   title="Stochasticity and skip connections improve knowledge transfer")
    assert _found([a, b]) == [
        ("lee2019stochasticity", "lee2020stochasticity", "same", "titles 99% alike, same first author, years 2019 and 2020")
    ]


def test_an_arxiv_title_and_its_published_title_are_a_probable_duplicate(make_paper) -> None:
    a = make_paper(id="he2020group", authors=["He, Chaoyang"], et_al=True, arxiv="2007.14513",
                   title="Group Knowledge Transfer: Collaborative Training of Large CNNs on the Edge")
    b = make_paper(id="he2020group-2", authors=["He, C.", "Annavaram, M."], title="Group Knowledge Transfer: Federated Learning of Large CNNs at the Edge")
    c = make_paper(id="luo2018graph", authors=["Luo, Zelun"], year=2018, title="Graph Distillation for Action Detection with Privileged Information in RGB-D Videos")
    d = make_paper(id="luo2018graph-2", authors=["Luo, Z.", "Hsieh, J. T."], year=2018, title="Graph distillation for action detection with privileged modalities")
    assert _found([a, b, c, d]) == [
        ("he2020group", "he2020group-2", "probable", "ids collide, titles 80% alike, same first author, same year (2020)"),
        ("luo2018graph", "luo2018graph-2", "probable", "ids collide, titles 76% alike, same first author, same year (2018)"),
    ]


def test_look_alikes_by_other_authors_stay_apart(make_paper) -> None:
    relational = make_paper(id="park2019relational", authors=["Park, W."], year=2019, title="Relational Knowledge Distillation")
    residual = make_paper(id="gao2020residual", authors=["Gao, M."], title="Residual Knowledge Distillation")
    wasserstein = make_paper(id="chen2021wasserstein", authors=["Chen, L."], year=2021, title="Wasserstein Contrastive Representation Distillation")
    contrastive = make_paper(id="tian2020contrastive", authors=["Tian, Y."], title="Contrastive representation distillation")
    assert _found([relational, residual, wasserstein, contrastive]) == []


def test_a_new_version_of_a_method_is_another_work(make_paper) -> None:
    v1 = make_paper(id="wang2020minilm", authors=["Wang, W."], title="MiniLM: Deep Self-Attention Distillation for Task-Agnostic Compression of Pre-Trained Transformers")
    v2 = make_paper(id="wang2020minilmv2", authors=["Wang, W."], title="MiniLMv2: Multi-Head Self-Attention Relation Distillation for Compressing Pretrained Transformers")
    assert _found([v1, v2]) == []


def test_a_shared_arxiv_id_with_unrelated_titles_leaves_a_doubt(make_paper) -> None:
    # FLHonker's list links 'Distilling Spikes' to the arXiv id of Passalis et al. (CVPR 2020).
    a = make_paper(id="passalis2020heterogeneous", authors=["Passalis, N."], arxiv="2005.00727",
                   title="Heterogeneous Knowledge Distillation using Information Flow Modeling")
    b = make_paper(id="anon2020distilling", authors=["Anon, A."], arxiv="2005.00727", title="Distilling Spikes: Knowledge Distillation in Spiking Neural Networks")
    [match] = dedupe.find_matches([a, b])
    assert (match.verdict, match.reason) == (
        "probable",
        "same arXiv id 2005.00727, but titles 37% alike, other first authors, same year (2020): one source may give the wrong arXiv id",
    )


def test_different_arxiv_ids_lower_the_score(make_paper) -> None:
    a = make_paper(id="smith2020good", title="Distilling spikes in spiking neural networks", arxiv="2005.00288")
    b = make_paper(id="jones2020good", authors=["Jones, B."], title="Distilling spikes in spiking neural networks", arxiv="2005.00999")
    assert _found([a, b]) == []


def test_the_same_title_is_flagged_whatever_the_year(make_paper) -> None:
    a = make_paper(id="xu2018data", authors=["Xu, Z."], year=2018, title="Data-distortion guided self-distillation for deep neural networks")
    b = make_paper(id="xu2019data", authors=["Xu, T. B."], year=2019, title="Data-distortion guided self-distillation for deep neural networks")
    c = make_paper(id="xu2023data", authors=["Xu, Z."], year=2023, title="Data-distortion guided self-distillation for deep neural networks")
    assert _found([a, b, c]) == [
        ("xu2018data", "xu2019data", "probable", "same title, other first authors, years 2018 and 2019"),
        ("xu2018data", "xu2023data", "probable", "same title, same first author, years 2018 and 2023"),
    ]


def test_look_alike_letters_do_not_make_a_new_work(make_paper) -> None:
    # issue 20: a Cyrillic 'а' in the title and in the author's name
    a = make_paper(id="smith2020good", title="Patient knowledge distillation for BERT model compression")
    b = make_paper(id="smith2020good-2", authors=["Smith, \u0410."], title="P\u0430tient knowledge distill\u0430tion for BERT model compression")
    assert _found([a, b]) == [("smith2020good", "smith2020good-2", "same", "ids collide, same title, same first author, same year (2020)")]


def test_titles_in_other_scripts_are_kept_and_compared(make_paper) -> None:
    english = make_paper(id="wang2018dataset", year=2018, title="Dataset Distillation")
    headline = make_paper(id="wang2018dataset-2", year=2018, authors=["Li, B."], title="数据集蒸馏 Dataset Distillation 新闻报道")
    assert _found([english, headline]) == []


def test_distinct_from_explains_a_pair_away(make_paper) -> None:
    a = make_paper(id="smith2020good", arxiv="1503.02531", distinct_from=["smith2020good-2"])
    b = make_paper(id="smith2020good-2", title="Another title", arxiv="1503.02531")
    assert _found([a, b]) == []


def test_colliding_ids_are_compared_even_when_titles_share_no_rare_word(make_paper) -> None:
    a = make_paper(id="yuan2020revisit", authors=["Yuan, L."], title="Revisit knowledge distillation: a teacher-free framework")
    b = make_paper(id="yuan2020revisit-2", authors=["Yuan, Li"], title="Revisiting Knowledge Distillation via Label Smoothing Regularization")
    assert _found([a, b]) == []  # compared (their ids collide), and not alike enough to warn
    assert dedupe.Index([a]).matches(b) == []


def test_matches_join_into_groups(make_paper) -> None:
    a = make_paper(id="smith2020good", arxiv="1503.02531")
    b = make_paper(id="smith2020good-2", title="Other", arxiv="1503.02531", doi="10.1234/y")
    c = make_paper(id="smith2020good-3", title="Third", doi="10.1234/y")
    d = make_paper(id="jones2020alone", authors=["Jones, B."], title="Alone")
    groups = dedupe.group(dedupe.find_matches([a, b, c, d]))
    assert [g.ids for g in groups] == [["smith2020good", "smith2020good-2", "smith2020good-3"]]
    assert len(groups[0].matches) == 2


def test_focus_limits_the_pairs_to_the_records_in_it(make_paper) -> None:
    a = make_paper(id="smith2020good", arxiv="1503.02531")
    b = make_paper(id="smith2020good-2", title="Other", arxiv="1503.02531")
    c = make_paper(id="jones2020good", authors=["Jones, B."], title="Third", doi="10.1234/y")
    d = make_paper(id="jones2020good-2", authors=["Jones, B."], title="Fourth", doi="10.1234/y")
    assert [(m.a, m.b) for m in dedupe.find_matches([a, b, c, d], focus={"jones2020good-2"})] == [("jones2020good", "jones2020good-2")]


def test_the_index_answers_for_one_record_at_a_time(make_paper) -> None:
    a = make_paper(id="gupta2016cross", authors=["Gupta, S."], year=2016, title="Cross modal distillation for supervision transfer")
    b = make_paper(id="other2016title", authors=["Other, A."], year=2016, title="A title with nothing in common")
    index = dedupe.Index([a, b])
    draft = make_paper(id="gupta2015cross", authors=["Gupta, Saurabh"], year=2015, title="Cross Modal Distillation for Supervision Transfer")
    [(other, match)] = index.matches(draft)
    assert (other.id, match.verdict, match.reason) == ("gupta2016cross", "same", "same title, same first author, years 2015 and 2016")
