"""`sitegen check`: every problem of a run, as `path:line:col:`, then one exit code."""

from __future__ import annotations

import os
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
            "smith2020good.yaml", GOOD.replace("year: 2020", "year: 0x7E4"),
            "papers/smith2020good.yaml:6:7: error: '0x7E4' is not a plain decimal number: YAML would read this hexadecimal form as 2020; write whole numbers in decimal digits only",
            id="hexadecimal_year",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("year: 2020", "year: 33:40"),
            "papers/smith2020good.yaml:6:7: error: '33:40' is not a plain decimal number: YAML would read this base-60 (sexagesimal) form as 2020; write whole numbers in decimal digits only",
            id="base_60_year",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD + "note: !!null Checked against the PDF\n",
            "papers/smith2020good.yaml:13:7: error: YAML tag !!null is not allowed",
            id="null_tag_would_hide_the_note",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD + "note: !!timestamp hello\n",
            "papers/smith2020good.yaml:13:7: error: YAML tag !!timestamp is not allowed",
            id="timestamp_tag_that_crashed_fmt",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("year: 2020", "year: !!int twenty"),
            "papers/smith2020good.yaml:6:7: error: YAML tag !!int is not allowed",
            id="int_tag_on_text",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD + "pages: " + "9" * 5000 + "\n",
            "papers/smith2020good.yaml:13:8: error: a number of 5,000 digits; the limit is 30 (write it in quotes if it is text)",
            id="five_thousand_digit_number",
        ),
        pytest.param(
            "smith2020good.yaml", GOOD.replace("title: A good record", "title: \"A good\u2028record\"\nnote: 'x\u2029y'").replace("venue: cvpr", "venue: nope"),
            "papers/smith2020good.yaml:8:8: error: unknown venue 'nope' (add it to venues.yaml if it is a new venue)",
            id="line_separators_do_not_shift_line_numbers",
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


def test_volume_and_number_in_proceedings_are_a_warning_that_strict_refuses(collection: Path, cli) -> None:
    """BibTeX's standard styles print a warning for both in an @inproceedings: the export would
    not compile cleanly, so check says so before a maintainer looks."""
    _write(collection, "smith2020good.yaml", GOOD + "volume: '34'\nnumber: '04'\n")
    expected = ("papers/smith2020good.yaml:14:9: warning: number: BibTeX's styles refuse both volume and number in an inproceedings "
                "(\"can't use both volume and number fields\"); keep the volume\n")
    assert (cli("check").code, cli("check").out) == (0, expected)
    assert (cli("check", "--strict").code, cli("check", "--strict").out) == (1, expected)


def test_a_preprint_dated_other_than_its_arxiv_id_is_a_note(collection: Path, cli) -> None:
    """A preprint's year is its first version's: an arXiv id of October 2017 on a record of 2018
    is a year taken from a later version, or a venue left out. A published paper may be later."""
    preprint = GOOD.replace("venue: cvpr", "venue: arxiv").replace("type: inproceedings", "type: misc")
    _write(collection, "smith2020good.yaml", preprint + "arxiv: '1710.06169'\n")
    result = cli("check", "--strict")
    assert (result.code, result.out) == (0, (
        "papers/smith2020good.yaml:6:7: note: year: 2020 here, but arXiv gave the id 1710.06169 in 2017; a preprint's year is "
        "its first version's, and a published paper takes its venue's year\n"))
    for arxiv, venue in (("2001.03182", "arxiv"), ("2101.00001", "arxiv"), ("1710.06169", "cvpr")):
        text = GOOD if venue == "cvpr" else preprint  # the same year, a December paper with January's id, a published paper
        _write(collection, "smith2020good.yaml", text + f"arxiv: '{arxiv}'\n")
        assert cli("check", "--strict").out == "", arxiv


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
        "papers/park2019relational-2.yaml:12:8: warning: duplicate of papers/park2019relational.yaml:2 (same arXiv id 1904.05068); "
        "merge them (keep one, list the other id under aliases) or list each other under distinct_from",
        "papers/park2019relational.yaml:12:8: warning: duplicate of papers/park2019relational-2.yaml:2 (same arXiv id 1904.05068); "
        "merge them (keep one, list the other id under aliases) or list each other under distinct_from",
    ]


def test_a_copy_with_look_alike_letters_is_reported_as_a_duplicate(collection: Path, cli) -> None:
    """Issue 20: a Cyrillic 'а' in the title and in the first author's name, and no arXiv id, still make the same work."""
    text = (collection / "papers" / "park2019relational.yaml").read_text()
    text = text.replace("park2019relational", "park2019relational-2").replace("Relational knowledge distillation", "Rel\u0430tional knowledge distill\u0430tion")
    text = text.replace("  - Park, W.", "  - P\u0430rk, W.")
    text = "\n".join(line for line in text.splitlines() if not line.startswith(("arxiv:", "pdf:", "url:"))) + "\n"
    _write(collection, "park2019relational-2.yaml", text)
    result = cli("check", "--strict")
    assert result.code == 1
    assert (
        "papers/park2019relational-2.yaml:3:8: warning: duplicate of papers/park2019relational.yaml:2 "
        "(ids collide, same title, same first author, same year (2019)); "
        "merge them (keep one, list the other id under aliases) or list each other under distinct_from"
    ) in result.out.splitlines()


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


def test_volume_and_pages_keep_their_text_through_check_fmt_and_export(collection: Path, cli) -> None:
    # volume: 010 was read as 8 and pages: 1:30 as 90, and exported and rewritten so.
    record = GOOD.replace("venue: cvpr\ntype: inproceedings", "venue: tpami\ntype: article\nvolume: 010\npages: 1:30")
    _write(collection, "smith2020good.yaml", record)
    assert cli("check", "--strict").code == 0
    assert cli("fmt").code == 0
    written = (collection / "papers" / "smith2020good.yaml").read_text(encoding="utf-8")
    assert "volume: '010'\n" in written and "pages: '1:30'\n" in written  # quoted: the writer quotes what YAML 1.1 would read as a number
    exported = cli("export", "bibtex", "--where", "scheme=offline").out
    entry = exported[exported.index("@article{smith2020good"):]
    assert "  volume = 010,\n" in entry and "  pages = {1:30}\n" in entry  # bibtex reads a bare number as its digits
    assert '"volume": "010"' in cli("export", "json").out


def test_a_file_outside_papers_is_read_and_checked_as_a_record(collection: Path, cli) -> None:
    # printf 'id: [unclosed\n' > bad.yaml; sitegen check bad.yaml  -- was: exit 0, the file never read
    (collection / "bad.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    result = cli("check", "bad.yaml")
    assert result.code == 1
    assert result.out == "bad.yaml:2:1: error: YAML syntax error: while parsing a flow sequence; did not find expected ',' or ']'\n"
    assert result.err == "checked 1 record: 1 error, 0 warnings in 1 file: failed\n"


def test_a_draft_outside_papers_is_checked_by_every_rule_of_one_record(collection: Path, cli) -> None:
    (collection / "drafts").mkdir()
    (collection / "drafts" / "smith2020good.yaml").write_text(GOOD, encoding="utf-8")
    assert cli("check", "drafts/smith2020good.yaml").err == "checked 1 record: 0 errors, 0 warnings in 0 files: ok\n"
    (collection / "drafts" / "draft.yaml").write_text(GOOD.replace("year: 2020", "year: 2021"), encoding="utf-8")
    result = cli("check", "drafts/draft.yaml", "papers/park2019relational.yaml")
    assert result.code == 1
    assert result.out == (
        "drafts/draft.yaml:1:5: error: id 'smith2020good' does not follow the key rule (first author's family name, year, first significant title word): expected 'smith2021good'\n"
        "drafts/draft.yaml:1:5: error: id 'smith2020good' does not match the file name 'draft.yaml'; the file must be named smith2020good.yaml\n"
    )
    assert result.err == "checked 2 records: 2 errors, 0 warnings in 1 file: failed\n"


def test_a_folder_outside_papers_is_refused(collection: Path, cli) -> None:
    (collection / "drafts").mkdir()
    (collection / "drafts" / "smith2020good.yaml").write_text(GOOD, encoding="utf-8")
    for command in ("check", "fmt"):
        result = cli(command, "drafts")
        assert result.code == 2
        assert result.err == f"sitegen {command}: drafts: holds no record of the collection (records live in papers/); name a file to check it as a record\n"


def test_fmt_formats_a_draft_outside_papers_and_never_one_it_cannot_read(collection: Path, cli) -> None:
    draft = collection / "smith2020good.yaml"
    draft.write_text(GOOD.replace("title: A good record", "title:   'A good record'"), encoding="utf-8")
    broken = collection / "broken.yaml"
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    refused = cli("fmt", "smith2020good.yaml", "broken.yaml")
    assert refused.code == 1
    assert refused.err.startswith("broken.yaml:2:1: error: YAML syntax error")
    assert "title:   'A good record'" in draft.read_text(encoding="utf-8")
    done = cli("fmt", "smith2020good.yaml")
    assert done.code == 0
    assert done.err == "reformatted smith2020good.yaml\n1 file(s) reformatted\n"
    assert draft.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schema/paper.schema.json\nid: smith2020good\ntitle: A good record\n")
    assert broken.read_text(encoding="utf-8") == "id: [unclosed\n"


def test_an_organisation_is_recorded_as_one_name_in_braces(collection: Path, cli) -> None:
    record = GOOD.replace("id: smith2020good", "id: openai2020good").replace("  - Smith, A.\n", "  - '{OpenAI}'\n  - '{Ernst and Young}'\n")
    _write(collection, "openai2020good.yaml", record)
    result = cli("check", "--strict", "papers/openai2020good.yaml")
    assert (result.code, result.out) == (0, "")
    entry = cli("export", "bibtex").out.split("@inproceedings{openai2020good,", 1)[1]
    assert "  author = {{OpenAI} and {Ernst and Young} and Jones, B. C.},\n" in entry
    import pybtex.database

    persons = pybtex.database.parse_string("@misc{openai2020good," + entry, "bibtex").entries["openai2020good"].persons["author"]
    assert [str(p) for p in persons] == ["{OpenAI}", "{Ernst and Young}", "Jones, B. C."]


# --- papers/ holds only <id>.yaml regular files -----------------------------------------------

LINK = "is a symbolic link, which is never followed; put the file itself here"


def test_a_record_that_is_a_symbolic_link_is_not_followed(collection: Path, cli) -> None:
    secret = collection.parent / "secret.txt"
    secret.write_text("vm-private-content\n")
    (collection / "papers" / "evil2020link.yaml").symlink_to(secret)
    result = cli("check")
    assert (result.code, result.out) == (1, f"papers/evil2020link.yaml:1:1: error: {LINK}\n")
    assert "vm-private" not in result.out + result.err
    assert cli("check", "papers/evil2020link.yaml").out == f"papers/evil2020link.yaml:1:1: error: {LINK}\n"


@pytest.mark.parametrize("name", ["taxonomy.yaml", "venues.yaml"])
def test_taxonomy_and_venues_must_not_be_links(collection: Path, cli, name: str) -> None:
    real = collection / name
    moved = collection.parent / f"elsewhere-{name}"
    real.rename(moved)
    real.symlink_to(moved)
    result = cli("check")
    assert result.code == 1
    assert result.err == f"{name}:1:1: error: {LINK}\n1 error, 0 warnings in 1 file\n"


@pytest.mark.parametrize(
    "make, name, message",
    [
        pytest.param(lambda p: (p / "sub").mkdir() or (p / "sub" / "smith2020good.yaml").write_text("id: [\n"), "sub",
                     "a folder inside papers/ is never read; records are <id>.yaml files directly in papers/", id="sub_folder"),
        pytest.param(lambda p: (p / ".smith2020good.yaml").write_text("id: [\n"), ".smith2020good.yaml",
                     "a hidden file is never read as a record; papers/ holds only <id>.yaml record files", id="hidden_file"),
        pytest.param(lambda p: os.mkfifo(p / "smith2020good.yaml"), "smith2020good.yaml",
                     "is not a regular file (a folder, device or pipe); put the file itself here", id="named_pipe"),
        pytest.param(lambda p: (p / "sub").symlink_to(p.parent), "sub", LINK, id="link_to_a_folder"),
    ],
)
def test_anything_in_papers_but_record_files_is_an_error(collection: Path, cli, make, name: str, message: str) -> None:
    make(collection / "papers")
    result = cli("check")
    assert (result.code, result.out) == (1, f"papers/{name}:1:1: error: {message}\n")


def test_an_explicit_path_in_a_sub_folder_fails(collection: Path, cli) -> None:
    (collection / "papers" / "sub").mkdir()
    (collection / "papers" / "sub" / "a.yaml").write_text(GOOD)
    result = cli("check", "papers/sub/a.yaml")
    assert (result.code, result.out) == (1, "papers/sub:1:1: error: a folder inside papers/ is never read; records are <id>.yaml files directly in papers/\n")


def test_import_refuses_a_linked_list(collection: Path, cli) -> None:
    (collection / "list.md").symlink_to("/etc/hostname")
    result = cli("import", "markdown", "list.md")
    assert (result.code, result.err) == (2, f"sitegen import: list.md: {LINK}\n")


def test_thousands_of_problems_in_one_file_are_capped(collection: Path, cli) -> None:
    _write(collection, "smith2020good.yaml", GOOD + "".join(f"k{i}: {i}\n" for i in range(8000)))
    result = cli("check")
    lines = result.out.splitlines()
    assert (result.code, len(lines)) == (1, 101)
    assert lines[0] == "papers/smith2020good.yaml:13:1: error: unknown field 'k0'"
    assert lines[-1] == "papers/smith2020good.yaml:112:1: error: 7,900 more problems in this file are not shown (at most 100 are reported per file)"
    assert result.err == "checked 11 records: 101 errors, 0 warnings in 1 file: failed\n"
