"""The safe YAML reader: values keep their positions; malformed and hostile files are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.document import MAX_BYTES, parse_yaml, read_yaml
from sitegen.errors import DataError


def test_values_remember_line_and_column() -> None:
    doc = parse_yaml(b"id: x\ntaxonomy:\n  knowledge: [a, b]\nauthors:\n  - 'One, A.'\n", "r.yaml")
    assert doc.data == {"id": "x", "taxonomy": {"knowledge": ["a", "b"]}, "authors": ["One, A."]}
    assert doc.locate(("taxonomy", "knowledge", 1)) == (3, 18)
    assert doc.locate(("authors", 0)) == (5, 5)
    assert doc.locate(("authors",), key=True) == (4, 1)
    assert doc.locate(("no", "such", "place")) == (1, 1)


def test_scalars_keep_their_yaml_types_and_dates_stay_text() -> None:
    doc = parse_yaml(b"a: 1\nb: '1'\nc: 1.5\nd: true\ne: null\nf: 2019-01-01\n", "r.yaml")
    assert doc.data == {"a": 1, "b": "1", "c": 1.5, "d": True, "e": None, "f": "2019-01-01"}


BOMB = b"""a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]
"""


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param(b"", "r.yaml:1:1: error: file is empty; expected a mapping of fields", id="empty_file"),
        pytest.param(b"# only a comment\n", "r.yaml:1:1: error: file is empty; expected a mapping of fields", id="only_comments"),
        pytest.param(b"id: x\ntitle: [unclosed\n", "r.yaml:3:1: error: YAML syntax error: while parsing a flow sequence; did not find expected ',' or ']'", id="unclosed_flow_list"),
        pytest.param(b"id: x\n\ttitle: y\n", "r.yaml:2:1: error: YAML syntax error: a tab is used for indentation; YAML allows only spaces there", id="tab_indentation"),
        pytest.param(b"id: x\ntitle: a\nid: y\n", "r.yaml:3:1: error: key 'id' appears twice in one mapping (first on line 1)", id="duplicate_key"),
        pytest.param(b"\xef\xbb\xbfid: x\n", "r.yaml:1:1: error: file starts with a byte-order mark; save it as UTF-8 without BOM", id="byte_order_mark"),
        pytest.param(b"id: x\ntitle: caf\xe9\n", "r.yaml:2:11: error: file is not valid UTF-8 (byte 0xe9)", id="latin1_bytes"),
        pytest.param(b"a: !!python/object/apply:os.system ['echo hi']\n", "r.yaml:1:4: error: YAML tag !!python/object/apply:os.system is not allowed", id="python_tag"),
        pytest.param(b"a: !custom x\n", "r.yaml:1:4: error: YAML tag !custom is not allowed", id="custom_tag"),
        pytest.param(b"a: !!set {x, y}\n", "r.yaml:1:4: error: YAML tag !!set is not allowed", id="set_tag"),
        pytest.param(b"other:\n  <<: {x: 1}\n", "r.yaml:2:3: error: merge keys (<<) are not allowed in records", id="merge_key"),
        pytest.param(b"a: &x 1\nb: 2\n", "r.yaml:1:4: error: anchors and aliases (&name, *name) are not allowed in records", id="unused_anchor"),
        pytest.param(BOMB, "r.yaml:1:4: error: anchors and aliases (&name, *name) are not allowed in records", id="billion_laughs"),
        pytest.param(b"a: " + b"[" * 30 + b"]" * 30 + b"\n", "r.yaml:1:24: error: values are nested more than 20 levels deep", id="deep_nesting"),
        pytest.param(b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n", "r.yaml:1:1003: error: YAML syntax error: while increasing flow level; exceeded maximum nesting depth", id="very_deep_nesting"),
        pytest.param(b"? [a, b]\n: c\n", "r.yaml:1:3: error: a key must be a plain name, not a list or mapping", id="complex_key"),
        pytest.param(b"a: 1\n---\nb: 2\n", "r.yaml:2:1: error: YAML syntax error: expected a single document in the stream; but found another document", id="two_documents"),
    ],
)
def test_bad_files_are_refused_with_a_position(raw: bytes, expected: str) -> None:
    with pytest.raises(DataError) as caught:
        parse_yaml(raw, "r.yaml")
    assert caught.value.problems[0].format() == expected


def test_every_problem_of_a_file_is_reported() -> None:
    with pytest.raises(DataError) as caught:
        parse_yaml(b"a: 1\na: 2\nb: !x y\n", "r.yaml")
    assert [p.format() for p in caught.value.problems] == [
        "r.yaml:2:1: error: key 'a' appears twice in one mapping (first on line 1)",
        "r.yaml:3:4: error: YAML tag !x is not allowed",
    ]


def test_a_file_over_the_size_limit_is_not_parsed(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"note: '" + b"x" * MAX_BYTES + b"'\n")
    with pytest.raises(DataError) as caught:
        read_yaml(big, "big.yaml")
    assert caught.value.problems[0].format() == f"big.yaml:1:1: error: file is {MAX_BYTES + 9:,} bytes; the limit is {MAX_BYTES:,}"


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param(b"year: 0x7E4\n", "r.yaml:1:7: error: '0x7E4' is not a plain decimal number: YAML would read this hexadecimal form as 2020; write whole numbers in decimal digits only", id="hexadecimal_year"),
        pytest.param(b"year: 33:40\n", "r.yaml:1:7: error: '33:40' is not a plain decimal number: YAML would read this base-60 (sexagesimal) form as 2020; write whole numbers in decimal digits only", id="base_60_year"),
        pytest.param(b"year: 03744\n", "r.yaml:1:7: error: '03744' is not a plain decimal number: YAML would read this octal form as 2020; write whole numbers in decimal digits only", id="octal_year"),
        pytest.param(b"year: 2_020\n", "r.yaml:1:7: error: '2_020' is not a plain decimal number: YAML would read this digits separated by underscores form as 2020; write whole numbers in decimal digits only", id="underscore_year"),
        pytest.param(b"year: 0b11111100100\n", "r.yaml:1:7: error: '0b11111100100' is not a plain decimal number: YAML would read this binary form as 2020; write whole numbers in decimal digits only", id="binary_year"),
        pytest.param(b"sources:\n  seed: [12, 010]\n", "r.yaml:2:14: error: '010' is not a plain decimal number: YAML would read this octal form as 8; write whole numbers in decimal digits only", id="octal_seed_line"),
    ],
)
def test_whole_numbers_only_in_plain_decimal(raw: bytes, expected: str) -> None:
    with pytest.raises(DataError) as caught:
        parse_yaml(raw, "r.yaml")
    assert [p.format() for p in caught.value.problems] == [expected]


@pytest.mark.parametrize(
    "raw, value",
    [
        pytest.param(b"volume: 010\n", {"volume": "010"}, id="volume_with_a_leading_zero"),
        pytest.param(b"pages: 1:30\n", {"pages": "1:30"}, id="pages_with_a_colon"),
        pytest.param(b"number: 0x10\n", {"number": "0x10"}, id="number_that_looks_hexadecimal"),
        pytest.param(b"volume: 1.10\n", {"volume": "1.10"}, id="volume_that_looks_like_a_float"),
        pytest.param(b"number: 1_2\n", {"number": "1_2"}, id="number_with_an_underscore"),
        pytest.param(b"volume: 12\npages: 7\n", {"volume": 12, "pages": 7}, id="plain_decimal_stays_a_number"),
        pytest.param(b"volume: '010'\n", {"volume": "010"}, id="quoted_text"),
    ],
)
def test_volume_number_and_pages_keep_the_text_written(raw: bytes, value: dict) -> None:
    assert parse_yaml(raw, "r.yaml").data == value


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param(b"a: !!bool maybe\n", "r.yaml:1:4: error: YAML tag !!bool is not allowed", id="bool_tag_on_text"),
        pytest.param(b"a: !!int twenty\n", "r.yaml:1:4: error: YAML tag !!int is not allowed", id="int_tag_on_text"),
        pytest.param(b"a: !!float abc\n", "r.yaml:1:4: error: YAML tag !!float is not allowed", id="float_tag_on_text"),
        pytest.param(b"note: !!null Checked against the PDF\n", "r.yaml:1:7: error: YAML tag !!null is not allowed", id="null_tag_hides_a_note"),
        pytest.param(b"note: !!timestamp hello\n", "r.yaml:1:7: error: YAML tag !!timestamp is not allowed", id="timestamp_tag"),
        pytest.param(b"year: !!int '2020'\n", "r.yaml:1:7: error: YAML tag !!int is not allowed", id="int_tag_on_quoted_text"),
        pytest.param(b"et_al: !!bool yes\n", "r.yaml:1:8: error: YAML tag !!bool is not allowed", id="bool_tag_even_where_it_agrees"),
        pytest.param(b"!!int 1: x\n", "r.yaml:1:1: error: YAML tag !!int is not allowed", id="tag_on_a_key"),
        pytest.param(b"pages: " + b"7" * 5000 + b"\n", "r.yaml:1:8: error: a number of 5,000 digits; the limit is 30 (write it in quotes if it is text)", id="five_thousand_digit_number"),
    ],
)
def test_explicit_tags_and_huge_numbers_are_refused(raw: bytes, expected: str) -> None:
    with pytest.raises(DataError) as caught:
        parse_yaml(raw, "r.yaml")
    assert [p.format() for p in caught.value.problems] == [expected]


def test_plain_str_tags_and_yaml_indicator_words_are_text() -> None:
    doc = parse_yaml(b"a: !!str 2020\nb: =\nc: !!str yes\nd: 2020\n", "r.yaml")
    assert doc.data == {"a": "2020", "b": "=", "c": "yes", "d": 2020}


def test_line_numbers_count_only_newlines() -> None:
    # YAML also breaks lines at U+2028, U+2029 and U+0085; editors and git do not.
    raw = "note: 'one\u2028two\u2029three\x85four'\ntitle: x\nyear: [\n".encode()
    with pytest.raises(DataError) as caught:
        parse_yaml(raw, "r.yaml")
    assert caught.value.problems[0].format() == "r.yaml:4:1: error: YAML syntax error: while parsing a flow node; did not find expected node content"
    doc = parse_yaml(raw.replace(b"year: [\n", b"year: 2020\n"), "r.yaml")
    assert doc.locate(("year",)) == (3, 7)
    assert doc.locate(("title",), key=True) == (2, 1)
    with pytest.raises(DataError) as twice:
        parse_yaml(raw.replace(b"year: [\n", b"title: y\n"), "r.yaml")
    assert twice.value.problems[0].format() == "r.yaml:3:1: error: key 'title' appears twice in one mapping (first on line 2)"


def test_at_most_a_hundred_problems_are_reported_per_file() -> None:
    raw = b"id: x\n" + b"".join(b"a: %d\n" % i for i in range(5000))
    with pytest.raises(DataError) as caught:
        parse_yaml(raw, "r.yaml")
    shown = [p.format() for p in caught.value.problems]
    assert len(shown) == 101
    assert shown[0] == "r.yaml:3:1: error: key 'a' appears twice in one mapping (first on line 2)"
    assert shown[-1] == "r.yaml:102:1: error: 4,899 more problems in this file are not shown (at most 100 are reported per file)"
