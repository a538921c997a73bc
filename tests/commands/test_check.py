"""`sitegen check`: every problem of a run, as `path:line:col:`, then one exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

GOOD = """\
id: smith2020good
title: A good record
authors:
  - Smith, A.
  - Jones, B. C.
year: 2020
venue: cvpr
type: inproceedings
scope: core
taxonomy:
  knowledge: [response-based]
  scheme: [offline]
"""


def test_the_test_collection_is_valid(collection: Path, cli) -> None:
    result = cli("check", "--strict")
    assert result.code == 0
    assert result.out == ""
    assert result.err == "checked 10 records: 0 errors, 0 warnings in 0 files: ok\n"


def _write(folder: Path, name: str, text: str) -> None:
    (folder / "papers" / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "name, text, expected",
    [
        pytest.param(
            "smith2020good.yaml", GOOD.replace("[response-based]", "[feature-base]"),
            "papers/smith2020good.yaml:11:15: error: unknown knowledge id 'feature-base'; did you mean 'feature-based'?",
            id="mistyped_taxonomy_id",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("[response-based]", "[online]"),
            "papers/smith2020good.yaml:11:15: error: 'online' is a scheme id, not a knowledge id; list it under taxonomy.scheme",
            id="taxonomy_id_on_the_wrong_axis",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("  knowledge:", "  knowlege:"),
            "papers/smith2020good.yaml:11:3: error: unknown taxonomy axis 'knowlege'; did you mean 'knowledge'?",
            id="mistyped_axis",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("year: 2020\n", ""),
            "papers/smith2020good.yaml:1:1: error: missing required field 'year'",
            id="missing_required_field",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("year: 2020", "year: '2020'"),
            "papers/smith2020good.yaml:6:7: error: year: expected a whole number, got text '2020'",
            id="year_as_text",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("title: A good record", "title: [A, good, record]"),
            "papers/smith2020good.yaml:2:8: error: title: expected text, got a list",
            id="title_as_list",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("venue: cvpr", "venue: CVRP"),
            "papers/smith2020good.yaml:7:8: error: unknown venue 'CVRP'; did you mean 'cvpr'?",
            id="unknown_venue",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("title:", "titel:"),
            "papers/smith2020good.yaml:1:1: error: missing required field 'title'\n"
            "papers/smith2020good.yaml:2:1: error: unknown field 'titel'; did you mean 'title'?",
            id="misspelt_field",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("title: A good record", "title: [unclosed"),
            "papers/smith2020good.yaml:3:8: error: YAML syntax error: while parsing a flow sequence; did not find expected ',' or ']'",
            id="malformed_yaml",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("id: smith2020good", "id: smith2020good\nid: smith2020other"),
            "papers/smith2020good.yaml:2:1: error: key 'id' appears twice in one mapping (first on line 1)",
            id="key_given_twice",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("  - Smith, A.\n  - Jones, B. C.\n", "  - Smith, A. & Jones, B. C.\n"),
            "papers/smith2020good.yaml:4:5: error: authors[0]: 'Smith, A. & Jones, B. C.' holds more than one name; list each author separately",
            id="two_authors_in_one",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("  - Smith, A.\n  - Jones, B. C.\n", "  [Smith, A., Jones, B. C.]\n").replace("authors:\n", "authors:"),
            # 'Smith' and 'Jones' alone are family names without given names (issue 9): valid;
            # the initials split off from them are not names.
            "papers/smith2020good.yaml:3:19: error: authors[1]: 'A.' is not of the form 'Family, Given' (in a [bracketed] list commas split names: write one author per line)\n"
            "papers/smith2020good.yaml:3:30: error: authors[3]: 'B. C.' is not of the form 'Family, Given' (in a [bracketed] list commas split names: write one author per line)",
            id="authors_in_a_flow_list",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("  - Jones, B. C.\n", "  - et al.\n"),
            "papers/smith2020good.yaml:5:5: error: authors[1]: write 'et_al: true' instead of listing 'et al.' as an author",
            id="et_al_as_author",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("  - Smith, A.\n  - Jones, B. C.\n", " []\n").replace("authors:\n", "authors:"),
            "papers/smith2020good.yaml:3:10: error: authors: must not be empty",
            id="empty_author_list",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("year: 2020", "year: 1899"),
            "papers/smith2020good.yaml:6:7: error: year: year 1899 is outside 1900-2027",
            id="year_before_1900",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD + "url: javascript:alert(1)\n",
            "papers/smith2020good.yaml:13:6: error: url: a link must start with https:// or http:// (found javascript:)",
            id="javascript_url",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD + "arxiv: '15030.2531'\n",
            "papers/smith2020good.yaml:13:8: error: arxiv: '15030.2531' is not an arXiv id (expected a form like 1503.02531)",
            id="malformed_arxiv_id",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("scope: core", "scope: core\nsurvey: [2.1]"),
            "papers/smith2020good.yaml:10:10: error: survey[0]: expected text, got the number 2.1; write it in quotes: '2.1'",
            id="survey_section_unquoted",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("type: inproceedings", "type: article"),
            "papers/smith2020good.yaml:8:7: error: type 'article' does not fit venue 'cvpr' (a conference); use 'inproceedings'",
            id="type_does_not_fit_venue",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("taxonomy:\n  knowledge: [response-based]\n  scheme: [offline]\n", ""),
            "papers/smith2020good.yaml:9:8: error: a core record needs at least one taxonomy label (or scope: related)",
            id="core_without_labels",
        ),
        pytest.param(
            "smith2020other.yaml", GOOD,
            "papers/smith2020other.yaml:1:5: error: id 'smith2020good' does not match the file name 'smith2020other.yaml'; the file must be named smith2020good.yaml",
            id="file_name_differs_from_id",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("title: A good record", "title: The best record"),
            "papers/smith2020good.yaml:1:5: error: id 'smith2020good' does not follow the key rule (first author's family name, year, first significant title word): expected 'smith2020best'",
            id="id_breaks_the_key_rule",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("id: smith2020good", "id: ../../etc/passwd"),
            "papers/smith2020good.yaml:1:5: error: id: '../../etc/passwd' is not a record id (lowercase familyYEARword, e.g. hinton2015distilling)",
            id="id_with_a_path",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("id: smith2020good", "id: smith 2020 good"),
            "papers/smith2020good.yaml:1:5: error: id: 'smith 2020 good' is not a record id (lowercase familyYEARword, e.g. hinton2015distilling)",
            id="id_with_spaces",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("year: 2020", "year: 2999"),
            "papers/smith2020good.yaml:6:7: error: year: year 2999 is outside 1900-2027",
            id="year_in_the_future",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD + "pdf: 'data:text/html,<script>alert(1)</script>'\n",
            "papers/smith2020good.yaml:13:6: error: pdf: a link must start with https:// or http:// (found data:)",
            id="data_url",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD + "url: https:///no-host\n",
            "papers/smith2020good.yaml:13:6: error: url: a link must name a host",
            id="url_without_host",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD + "doi: 10.abc/x\n",
            "papers/smith2020good.yaml:13:6: error: doi: '10.abc/x' is not a DOI (expected a form like 10.1007/s11263-021-01453-z)",
            id="malformed_doi",
        ),
        pytest.param(
            "smith2020good.yaml", "just some text\n",
            "papers/smith2020good.yaml:1:1: error: a record must be a mapping of fields, not text 'just some text'",
            id="scalar_at_top_level",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("title: A good record", "title: \"A bell\\a in the title\""),
            "papers/smith2020good.yaml:2:8: error: title: must not contain control characters",
            id="control_character",
        ),
        pytest.param(
            "smith2020good.yaml", "- just\n- a list\n",
            "papers/smith2020good.yaml:1:1: error: a record must be a mapping of fields, not a list",
            id="list_at_top_level",
        ),
    ],
)
def test_bad_records_are_reported_with_file_and_line(collection: Path, cli, name: str, text: str, expected: str) -> None:
    _write(collection, name, text)
    result = cli("check")
    assert result.code == 1
    assert result.out == expected + "\n"
    assert "Traceback" not in result.err


def test_two_records_with_one_id(collection: Path, cli) -> None:
    _write(collection, "smith2020good.yaml", GOOD)
    _write(collection, "smith2020good-2.yaml", GOOD)
    result = cli("check")
    assert result.code == 1
    assert result.out == (
        "papers/smith2020good-2.yaml:1:5: error: id 'smith2020good' does not match the file name 'smith2020good-2.yaml'; the file must be named smith2020good.yaml\n"
        "papers/smith2020good-2.yaml:1:5: error: id 'smith2020good' is also used by papers/smith2020good.yaml:1\n"
        "papers/smith2020good.yaml:1:5: error: id 'smith2020good' is also used by papers/smith2020good-2.yaml:1\n"
    )


def test_all_problems_of_all_files_are_reported_once(collection: Path, cli) -> None:
    _write(collection, "smith2020good.yaml", GOOD.replace("venue: cvpr", "venue: nope"))
    _write(collection, "broken.yaml", "id: [\n")
    result = cli("check")
    assert result.code == 1
    assert result.out.splitlines() == [
        "papers/broken.yaml:2:1: error: YAML syntax error: while parsing a flow node; did not find expected node content",
        "papers/smith2020good.yaml:7:8: error: unknown venue 'nope' (add it to venues.yaml if it is a new venue)",
    ]
    assert result.err == "checked 12 records: 2 errors, 0 warnings in 2 files: failed\n"


def test_warnings_fail_only_in_strict_mode(collection: Path, cli) -> None:
    _write(collection, "smith2020good.yaml", GOOD.replace("venue: cvpr", "venue: CVPR"))
    assert cli("check").code == 0
    strict = cli("check", "--strict")
    assert strict.code == 1
    assert strict.out == "papers/smith2020good.yaml:7:8: warning: venue is not in canonical form; `sitegen fmt` would write 'cvpr'\n"


def test_probable_duplicates_are_warnings_with_the_reason(collection: Path, cli) -> None:
    copy = (collection / "papers" / "park2019relational.yaml").read_text().replace("park2019relational", "park2019relational-2")
    _write(collection, "park2019relational-2.yaml", copy.replace("title: Relational knowledge distillation", "title: Relational Knowledge Distillation."))
    result = cli("check", "--strict")
    assert result.code == 1
    assert result.out.splitlines() == [
        "papers/park2019relational-2.yaml:12:8: warning: probable duplicate of papers/park2019relational.yaml:2 (same arXiv id 1904.05068); "
        "merge them (keep one, list the other id under aliases) or list each other under distinct_from",
        "papers/park2019relational.yaml:12:8: warning: probable duplicate of papers/park2019relational-2.yaml:2 (same arXiv id 1904.05068); "
        "merge them (keep one, list the other id under aliases) or list each other under distinct_from",
    ]


def test_only_the_named_paths_are_reported(collection: Path, cli) -> None:
    _write(collection, "smith2020good.yaml", GOOD.replace("venue: cvpr", "venue: nope"))
    assert cli("check", "papers/park2019relational.yaml").code == 0
    assert cli("check", "papers/smith2020good.yaml").code == 1


@pytest.mark.parametrize(
    "args, message",
    [
        pytest.param(["check", "papers/nope.yaml"], "sitegen check: papers/nope.yaml: no such file or folder\n", id="missing_path"),
        pytest.param(["--root", "elsewhere", "check"], "sitegen check: elsewhere: not a collection (no taxonomy.yaml); run from the repository or pass --root\n", id="not_a_collection"),
    ],
)
def test_usage_errors_exit_2(collection: Path, cli, args: list[str], message: str) -> None:
    result = cli(*args)
    assert result.code == 2
    assert result.err == message


def test_an_unknown_command_is_a_usage_error(collection: Path, cli) -> None:
    result = cli("chekc")
    assert result.code == 2
    assert "invalid choice: 'chekc'" in result.err
