"""Each normalization step on its own: what it changes, and that a second run changes nothing."""

from __future__ import annotations

import pytest

from sitegen import normalize


@pytest.mark.parametrize(
    "step, fields, expected",
    [
        pytest.param(normalize.unicode_nfc, {"authors": ["Scho\u0308lkopf, B."]}, {"authors": ["Sch\u00f6lkopf, B."]}, id="nfc_composes_accents"),
        pytest.param(normalize.collapse_whitespace, {"title": "  A   good\n record "}, {"title": "A good record"}, id="whitespace_in_titles"),
        pytest.param(normalize.collapse_whitespace, {"authors": ["Smith,  A. "]}, {"authors": ["Smith, A."]}, id="whitespace_in_names"),
        pytest.param(
            normalize.collapse_whitespace,
            {"authors": ["Li,  Y. "], "author_ids": {"Li,  Y. ": "li-yazhe"}},
            {"authors": ["Li, Y."], "author_ids": {"Li, Y.": "li-yazhe"}},
            id="author_ids_keys_follow_the_names",
        ),
        pytest.param(normalize.collapse_whitespace, {"note": "  line one\nline two  "}, {"note": "line one\nline two"}, id="notes_keep_their_lines"),
        pytest.param(normalize.canonical_venue, {"venue": "NIPS", "type": "inproceedings"}, {"venue": "neurips"}, id="venue_alias"),
        pytest.param(normalize.canonical_venue, {"venue": "IEEE TPAMI", "type": "article"}, {"venue": "tpami"}, id="journal_alias"),
        pytest.param(normalize.canonical_arxiv, {"arxiv": "arXiv:1503.02531v2"}, {"arxiv": "1503.02531"}, id="arxiv_prefix_and_version"),
        pytest.param(normalize.canonical_arxiv, {"arxiv": "https://arxiv.org/pdf/1503.02531.pdf"}, {"arxiv": "1503.02531"}, id="arxiv_link"),
        pytest.param(normalize.canonical_arxiv, {"arxiv": "hep-th/9901001v1"}, {"arxiv": "hep-th/9901001"}, id="old_style_arxiv_id"),
        pytest.param(normalize.canonical_doi, {"doi": "https://doi.org/10.1145/3281659"}, {"doi": "10.1145/3281659"}, id="doi_link"),
        pytest.param(normalize.canonical_doi, {"doi": "doi:10.1109/TNNLS.2020.2995884"}, {"doi": "10.1109/TNNLS.2020.2995884"}, id="doi_prefix_keeps_case"),
        pytest.param(normalize.canonical_pages, {"pages": "1798\u20131828"}, {"pages": "1798-1828"}, id="en_dash_pages"),
        pytest.param(normalize.canonical_pages, {"pages": "1798 -- 1828"}, {"pages": "1798-1828"}, id="double_hyphen_pages"),
        pytest.param(normalize.canonical_pages, {"pages": "e1001"}, {"pages": "e1001"}, id="article_number_unchanged"),
        pytest.param(
            normalize.ordered_labels,
            {"taxonomy": {"knowledge": ["relation-based", "response-based", "relation-based"]}, "survey": ["table1", "2.2", "1"]},
            {"survey": ["1", "2.2", "table1"]},
            id="labels_in_taxonomy_order_once",
        ),
    ],
)
def test_step_changes_what_it_should_and_is_idempotent(make_paper, taxonomy, step, fields, expected) -> None:
    once = step(make_paper(**fields), taxonomy)
    for name, value in expected.items():
        assert getattr(once, name) == value
    assert step(once, taxonomy) == once


def test_ordered_labels_sorts_each_axis(make_paper, taxonomy) -> None:
    paper = normalize.ordered_labels(make_paper(taxonomy={"knowledge": ["relation-based", "response-based"]}), taxonomy)
    assert paper.labels("knowledge") == ["response-based", "relation-based"]


def test_differences_name_each_field_fmt_would_change(make_paper, taxonomy) -> None:
    before = make_paper(venue="NIPS", arxiv="arXiv:1503.02531")
    after = normalize.normalize(before, taxonomy)
    messages = [p.message for p in normalize.differences(before, after)]
    assert messages == [
        "venue is not in canonical form; `sitegen fmt` would write 'neurips'",
        "arxiv is not in canonical form; `sitegen fmt` would write '1503.02531'",
    ]
    assert normalize.normalize(after, taxonomy) == after
