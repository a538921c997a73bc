"""The record model on hostile text: invisible format characters and the limits on lengths."""

from __future__ import annotations

import pytest

from sitegen.document import parse_yaml
from sitegen.validate import validate_document

RECORD = """\
id: smith2020good
title: A good record
authors:
  - Smith, A.
  - Jones, B. C.
year: 2020
type: misc
scope: related
"""

INVISIBLE = "is not allowed in text: it changes how text displays or splits a word in two; remove it"


def _problems(text: str, taxonomy) -> list[str]:
    _, problems = validate_document(parse_yaml(text.encode("utf-8"), "papers/smith2020good.yaml"), taxonomy)
    return [p.format() for p in problems if p.is_error]


@pytest.mark.parametrize(
    "change, expected",
    [
        pytest.param(("title: A good", "title: \u202eA good"), f"2:8: error: title: invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) {INVISIBLE}", id="title_starts_with_right_to_left_override"),
        pytest.param(("Jones, B. C.", "Jo\u200bnes, B. C."), f"5:7: error: authors[1]: invisible character U+200B (ZERO WIDTH SPACE) {INVISIBLE}", id="zero_width_space_in_an_author"),
        pytest.param(("title: A good record", 'title: "A good \\u2066record"'), f"2:8: error: title: invisible character U+2066 (LEFT-TO-RIGHT ISOLATE) {INVISIBLE}", id="escaped_isolate_points_at_the_value"),
        pytest.param(("title: A good", "title: A go\ufeffod"), f"2:12: error: title: invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE) {INVISIBLE}", id="byte_order_mark_inside_text"),
        pytest.param(("title: A good", "title: A go\u00adod"), f"2:12: error: title: invisible character U+00AD (SOFT HYPHEN) {INVISIBLE}", id="soft_hyphen"),
        pytest.param(("scope: related", "scope: related\nnote: one\u2060two"), f"9:10: error: note: invisible character U+2060 (WORD JOINER) {INVISIBLE}", id="word_joiner_in_a_note"),
        pytest.param(("scope: related", "scope: related\nurl: https://exa\u200dmple.org/"), f"9:17: error: url: invisible character U+200D (ZERO WIDTH JOINER) {INVISIBLE}", id="joiner_in_a_link"),
        pytest.param(("scope: related", "scope: related\ndoubts: [\u202bwhich year?]"), f"9:10: error: doubts[0]: invisible character U+202B (RIGHT-TO-LEFT EMBEDDING) {INVISIBLE}", id="embedding_in_a_doubt"),
        pytest.param(("scope: related", "scope: related\ncorrections:\n  - {field: year, was: \"20\u200c19\", now: 2020, source: PDF}"),
                     f"10:27: error: corrections[0].was: invisible character U+200C (ZERO WIDTH NON-JOINER) {INVISIBLE}", id="non_joiner_between_digits_in_a_correction"),
        pytest.param(("Smith, A.", "Smith, \u200cA."), f"4:12: error: authors[0]: invisible character U+200C (ZERO WIDTH NON-JOINER) {INVISIBLE}", id="non_joiner_at_the_start_of_a_name"),
        pytest.param(("scope: related", "scope: related\nsources: {survey: \"Smith\U000e0041|2020\"}"), f"9:25: error: sources.survey: invisible character U+E0041 (TAG LATIN CAPITAL LETTER A) {INVISIBLE}", id="tag_character_in_a_source_key"),
    ],
)
def test_invisible_format_characters_are_refused_where_they_are(taxonomy, change: tuple[str, str], expected: str) -> None:
    assert _problems(RECORD.replace(*change, 1), taxonomy) == [f"papers/smith2020good.yaml:{expected}"]


@pytest.mark.parametrize(
    "author",
    [
        pytest.param("عبدالله\u200cزاده, علی", id="persian_name_with_zero_width_non_joiner"),
        pytest.param("Perera, \u0dc1\u0dca\u200d\u0dbb\u0dd3", id="sinhala_sri_with_zero_width_joiner"),
        pytest.param("\u0915\u094d\u200d\u0937\u0924\u094d\u0930\u093f\u092f, A.", id="devanagari_half_form_with_zero_width_joiner"),
    ],
)
def test_joiners_that_real_names_need_are_kept(taxonomy, author: str) -> None:
    assert _problems(RECORD.replace("Jones, B. C.", author), taxonomy) == []


@pytest.mark.parametrize(
    "change, expected",
    [
        pytest.param(("title: A good record", "title: " + "x" * 100_000), "2:8: error: title: 100,000 characters; the limit is 1,000", id="title_of_100000_characters"),
        pytest.param(("  - Jones, B. C.\n", "".join(f"  - Jones{i}, B.\n" for i in range(10_000))), "4:3: error: authors: 10,001 items; the limit is 100", id="ten_thousand_authors"),
        pytest.param(("Jones, B. C.", "Jones, " + "B" * 400), "5:5: error: authors[1]: 407 characters; the limit is 100", id="author_name_of_400_characters"),
        pytest.param(("scope: related", "scope: related\nnote: " + "n" * 6000), "9:7: error: note: 6,000 characters; the limit is 5,000", id="note_of_6000_characters"),
        pytest.param(("scope: related", "scope: related\ndoubts: [" + ", ".join(["why?"] * 60) + "]"), "9:9: error: doubts: 60 items; the limit is 50", id="sixty_doubts"),
        pytest.param(("scope: related", "scope: related\npages: '" + "1" * 101 + "'"), "9:8: error: pages: 101 characters; the limit is 100", id="pages_of_101_characters"),
        pytest.param(("scope: related", "scope: related\ncorrections:\n  - {field: title, was: '" + "w" * 6000 + "', source: PDF}"),
                     "10:25: error: corrections[0].was: written out, it is longer than 5,000 characters", id="correction_value_too_long"),
        pytest.param(("scope: related", "scope: related\ncorrections:\n  - {field: year, was: .inf, source: PDF}"),
                     "10:24: error: corrections[0].was: inf is not a number a record can keep; write it in quotes", id="infinite_correction_value"),
    ],
)
def test_limits_keep_every_record_small(taxonomy, change: tuple[str, str], expected: str) -> None:
    assert _problems(RECORD.replace(*change, 1), taxonomy) == [f"papers/smith2020good.yaml:{expected}"]


def test_the_limits_are_stated_in_the_schema(taxonomy) -> None:
    from sitegen.schema import paper_schema

    schema = paper_schema(taxonomy)
    properties = schema["properties"]
    assert properties["authors"]["maxItems"] == 100
    assert properties["authors"]["items"]["maxLength"] == 100
    assert properties["title"]["maxLength"] == 1000
    assert properties["doubts"]["maxItems"] == 50
    assert properties["doubts"]["items"]["maxLength"] == 5000


@pytest.mark.parametrize(
    "labels_by, expected",
    [
        pytest.param("{by: list-heading, list: flhonker}", "9:12: error: labels_by: labels_by: list-heading needs the 'list' and the 'heading' that suggested the labels", id="list_heading_without_its_heading"),
        pytest.param("{by: curator, list: flhonker, heading: Self-KD}", "9:12: error: labels_by: labels_by: curator takes no 'list' or 'heading' (those say where unreviewed labels came from)", id="curator_with_a_list_heading"),
        pytest.param("{by: someone}", "9:17: error: labels_by.by: 'someone' is not one of curator, list-heading", id="unknown_decider"),
        pytest.param("{by: curator, date: 2026-13-01}", "9:32: error: labels_by.date: '2026-13-01' is not a day of the calendar", id="impossible_date"),
    ],
)
def test_labels_by_says_who_decided_the_labels_and_nothing_else(taxonomy, labels_by: str, expected: str) -> None:
    problems = _problems(RECORD + f"labels_by: {labels_by}\n", taxonomy)
    assert len(problems) == 1 and problems[0].startswith(f"papers/smith2020good.yaml:{expected}"), problems


def test_labels_by_accepts_a_curator_with_who_and_when_and_a_list_heading(taxonomy) -> None:
    assert _problems(RECORD + "labels_by: {by: curator, who: A. Curator, date: 2026-03-01}\n", taxonomy) == []
    assert _problems(RECORD + "labels_by: {by: list-heading, list: tebmer, heading: KD Algorithms > Feedback}\n", taxonomy) == []


CORE = RECORD.replace("scope: related", "scope: core\ntaxonomy:\n  application: [image-classification]")


def _all_problems(text: str, taxonomy) -> list[str]:
    _, problems = validate_document(parse_yaml(text.encode("utf-8"), "papers/smith2020good.yaml"), taxonomy)
    return [p.format() for p in problems]


def test_a_core_record_without_knowledge_or_scheme_labels_is_warned_of(taxonomy) -> None:
    assert [a.id for a in taxonomy.axes if a.core] == ["knowledge", "scheme"]  # as taxonomy.yaml says
    assert _all_problems(CORE + "labels_by: {by: curator}\n", taxonomy) == [
        "papers/smith2020good.yaml:10:3: warning: a core record without a 'knowledge' label (knowledge): add one, or say under labels_by.absent.knowledge why none applies",
        "papers/smith2020good.yaml:10:3: warning: a core record without a 'scheme' label (distillation scheme): add one, or say under labels_by.absent.scheme why none applies",
    ]


def test_a_curator_says_why_an_axis_does_not_apply(taxonomy) -> None:
    text = CORE.replace("  application:", "  scheme: [offline]\n  application:") + (
        "labels_by:\n  by: curator\n  absent:\n    knowledge: a survey of the field, with no method of its own\n")
    assert _all_problems(text, taxonomy) == []


@pytest.mark.parametrize(
    "absent, expected",
    [
        pytest.param("{knowledge: why}", "error: labels_by.absent: the record has 'knowledge' labels (response-based); remove them or the absent entry", id="absent_axis_that_has_labels"),
        pytest.param("{knowlege: why}", "error: labels_by.absent: 'knowlege' is not a taxonomy axis; did you mean 'knowledge'?", id="misspelt_axis"),
    ],
)
def test_an_absent_axis_must_be_an_unlabelled_axis(taxonomy, absent: str, expected: str) -> None:
    text = CORE.replace("  application:", "  knowledge: [response-based]\n  scheme: [offline]\n  application:") + (
        f"labels_by: {{by: curator, absent: {absent}}}\n")
    problems = _all_problems(text, taxonomy)
    assert len(problems) == 1 and expected in problems[0], problems


def test_only_a_curator_says_an_axis_does_not_apply(taxonomy) -> None:
    text = CORE + "labels_by: {by: list-heading, list: tebmer, heading: Survey, absent: {knowledge: a survey}}\n"
    assert any("only a curator says which axes do not apply" in p for p in _problems(text, taxonomy))
