"""BibTeX as Google Scholar, dblp, the ACL Anthology and arXiv export it, and malformed entries."""

from __future__ import annotations

import pytest

from sitegen.importers.bibtex import expand, read_bibtex, split_names
from tests.contrib import DATA

BIBTEX = DATA / "bibtex"


def read_one(name: str):
    drafts, failures = read_bibtex((BIBTEX / name).read_text(encoding="utf-8"), name)
    assert failures == []
    assert len(drafts) == 1
    return drafts[0]


def fields(draft) -> dict:
    return {k: v for k, v in vars(draft).items() if v not in (None, [], "", False)}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param(
            "scholar-arxiv.bib",
            {"title": "Distilling the knowledge in a neural network", "authors": ["Hinton, Geoffrey", "Vinyals, Oriol", "Dean, Jeff"],
             "year": 2015, "venue_text": "arXiv", "arxiv": "1503.02531"},
            id="scholar_arxiv_preprint_journal",
        ),
        pytest.param(
            "scholar-conference.bib",
            {"title": "Relational knowledge distillation", "authors": ["Park, Wonpyo", "Kim, Dongju", "Lu, Yan", "Cho, Minsu"], "year": 2019,
             "venue_text": "Proceedings of the IEEE/CVF conference on computer vision and pattern recognition", "pages": "3967-3976"},
            id="scholar_conference",
        ),
        pytest.param(
            "scholar-accents.bib",
            {"title": "Unifying distillation and privileged information",
             "authors": ["Lopez-Paz, David", "Bottou, L\u00e9on", "Sch\u00f6lkopf, Bernhard", "Vapnik, Vladimir"],
             "year": 2015, "venue_text": "arXiv", "arxiv": "1511.03643"},
            id="scholar_latex_accents",
        ),
        pytest.param(
            "scholar-others.bib",
            {"title": "Language models are few-shot learners",
             "authors": ["Brown, Tom", "Mann, Benjamin", "Ryder, Nick", "Subbiah, Melanie", "Kaplan, Jared D", "Dhariwal, Prafulla",
                         "Neelakantan, Arvind", "Shyam, Pranav", "Sastry, Girish", "Askell, Amanda"],
             "et_al": True, "year": 2020, "venue_text": "Advances in neural information processing systems", "volume": "33",
             "pages": "1877-1901"},
            id="scholar_and_others",
        ),
        pytest.param(
            "dblp-corr.bib",
            {"title": "Distilling the Knowledge in a Neural Network", "authors": ["Hinton, Geoffrey E.", "Vinyals, Oriol", "Dean, Jeffrey"],
             "year": 2015, "venue_text": "arXiv", "arxiv": "1503.02531"},
            id="dblp_corr_volume_abs",
        ),
        pytest.param(
            "dblp-conference.bib",
            {"title": "Decoupled Knowledge Distillation", "authors": ["Zhao, Borui", "Cui, Quan", "Song, Renjie", "Qiu, Yiyu", "Liang, Jiajun"],
             "year": 2022, "venue_text": "IEEE/CVF Conference on Computer Vision and Pattern Recognition, CVPR 2022, New Orleans, LA, USA, June 18-24, 2022",
             "publisher": "IEEE", "doi": "10.1109/CVPR52688.2022.01165"},
            id="dblp_conference_url_is_the_doi",
        ),
        pytest.param(
            "acl-anthology.bib",
            {"title": "Patient Knowledge Distillation for BERT Model Compression", "authors": ["Sun, Siqi", "Cheng, Yu", "Gan, Zhe", "Liu, Jingjing"],
             "year": 2019,
             "venue_text": "Proceedings of the 2019 Conference on Empirical Methods in Natural Language Processing and the 9th International Joint "
                           "Conference on Natural Language Processing (EMNLP-IJCNLP)",
             "pages": "4323-4332", "publisher": "Association for Computational Linguistics", "doi": "10.18653/v1/D19-1441",
             "url": "https://aclanthology.org/D19-1441"},
            id="acl_anthology_quotes_and_month_macro",
        ),
        pytest.param(
            "arxiv-export.bib",
            {"title": "Distilling the Knowledge in a Neural Network", "authors": ["Hinton, Geoffrey", "Vinyals, Oriol", "Dean, Jeff"],
             "year": 2015, "arxiv": "1503.02531"},
            id="arxiv_export_camel_case_archiveprefix",
        ),
        pytest.param(
            "macros.bib",
            {"title": "FitNets: Hints for Thin Deep Nets",
             "authors": ["Romero, Adriana", "Ballas, Nicolas", "Kahou, Samira Ebrahimi", "Chassang, Antoine", "Gatta, Carlo", "Bengio, Yoshua"],
             "year": 2015, "venue_text": "Proceedings of the International Conference on Learning Representations", "arxiv": "1412.6550"},
            id="string_macros_concatenation_capitalised_fields",
        ),
    ],
)
def test_exported_entries_read_as_drafts(name: str, expected: dict) -> None:
    draft = read_one(name)
    found = fields(draft)
    assert found.pop("origin") == f"{name}:{draft.line}"
    found.pop("line")
    assert found == expected


@pytest.mark.parametrize(
    ("text", "failures"),
    [
        pytest.param(
            "@article{a,\n  title = {Unclosed,\n  author = {Hinton, G.},\n  year = 2015\n}\n@misc{b, title={T}, author={A, B}, year={2019}}\n",
            [(2, "unbalanced braces: the '{' at column 11 opens the value of field 'title' and is never closed, so field 'author' "
                 "on line 3 is read as part of that value; add the '}' it needs")],
            id="entry_without_closing_brace",
        ),
        pytest.param(
            "@misc{key title = {T}, author = {A, B}, year = {2019}}\n",
            [(1, "not valid BibTeX: Expected comma after entry key, but found =")],
            id="entry_key_without_comma",
        ),
        pytest.param(
            "@misc{key,\n  title = {One},\n  title = {Two},\n  author = {A, B},\n  year = {2019}\n}\n",
            [(1, "not valid BibTeX: field 'title' given twice in one entry")],
            id="field_given_twice",
        ),
        pytest.param("@misc{key, author = {A, B}, year = {2019}}\n", [(1, "entry 'key' has no title")], id="entry_without_title"),
        pytest.param("@misc{key, title = {T}, year = {2019}}\n", [(1, "entry 'key' has no author")], id="entry_without_author"),
        pytest.param("\n\n@misc{key, title = {T}, author = {A, B}, year = {n.d.}}\n", [(3, "entry 'key' has no year")], id="year_not_a_number"),
    ],
)
def test_malformed_entries_are_failures_with_their_line(text: str, failures: list[tuple[int, str]]) -> None:
    drafts, found = read_bibtex(text, "bad.bib")
    assert found == failures
    assert len(drafts) == (1 if "@misc{b" in text else 0)


@pytest.mark.parametrize(
    ("authors", "names", "et_al"),
    [
        pytest.param("Laurens van der Maaten and Geoffrey Hinton", ["van der Maaten, Laurens", "Hinton, Geoffrey"], False, id="particle"),
        pytest.param("Wei Liu 0001 and Liu 0002, Wei", ["Liu, Wei", "Liu, Wei"], False, id="dblp_homonym_numbers"),
        pytest.param("Hinton, G. E. and others", ["Hinton, G. E."], True, id="and_others"),
        pytest.param("Dean, Jr., Jeff", ["Dean, Jr., Jeff"], False, id="family_jr_given"),
        pytest.param("OpenAI", ["OpenAI"], False, id="single_name"),
    ],
)
def test_split_names(authors: str, names: list[str], et_al: bool) -> None:
    assert split_names(authors) == (names, et_al)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        pytest.param("{Braced {Words}}", "Braced {Words}", id="braces"),
        pytest.param('"Quoted {"}inner"', 'Quoted {"}inner', id="quotes"),
        pytest.param('proc # " " # iclr', "Proc. of ICLR", id="macros_and_literal"),
        pytest.param("jan", "January", id="month_macro"),
        pytest.param("2015", "2015", id="number"),
        pytest.param("undefined", "undefined", id="unknown_macro_kept"),
    ],
)
def test_expand(raw: str, text: str) -> None:
    assert expand(raw, {"proc": "Proc. of", "iclr": "ICLR"}) == text


def test_our_export_reads_back_as_the_same_work(tmp_path) -> None:
    """Round trip: the collection exported as BibTeX, read by the importer, gives each record's facts."""
    from sitegen.export.bibtex import to_bibtex
    from sitegen.pipeline import load_collection
    from tests.contrib import make_collection

    collection = load_collection(make_collection(tmp_path / "kd"))
    drafts, failures = read_bibtex(to_bibtex(collection.papers, collection.taxonomy), "export.bib")
    assert failures == []
    assert [(d.title, d.authors, d.et_al, d.year, d.arxiv, d.doi) for d in drafts] == [
        (p.title, p.authors, p.et_al, p.year, p.arxiv, p.doi) for p in collection.papers
    ]


def test_dblp_crossref_entry_inherits_from_its_proceedings() -> None:
    # Was: "entry 'DBLP:conf/cvpr/2022' has no author", and the paper without booktitle or year.
    draft = read_one("dblp-crossref.bib")
    assert (draft.title, draft.year, draft.publisher, draft.doi) == (
        "Decoupled Knowledge Distillation", 2022, "IEEE", "10.1109/CVPR52688.2022.01165"
    )
    assert draft.venue_text == "IEEE/CVF Conference on Computer Vision and Pattern Recognition, CVPR 2022, New Orleans, LA, USA, June 18-24, 2022"
    assert draft.authors[0] == "Zhao, Borui"


@pytest.mark.parametrize(
    "text, failures",
    [
        pytest.param(
            "@inproceedings{a, author = {Zhao, B.}, title = {T}, crossref = {DBLP:conf/x/2022}}\n",
            [(1, "entry 'a' has no year (its crossref 'dblp:conf/x/2022' is not in this file)")],
            id="crossref_to_a_volume_not_in_the_file",
        ),
        pytest.param(
            "@proceedings{DBLP:conf/x/2022, title = {X 2022}, year = {2022}}\n",
            [(1, "entry 'DBLP:conf/x/2022' is a @proceedings volume, not a paper (entries name it with crossref)")],
            id="proceedings_volume_alone",
        ),
        pytest.param(  # found by the property test: the message must stay on one line
            "@inproceedings{a, author = {Zhao, B.}, title = {T}, crossref = {x\ny}}\n",
            [(1, "entry 'a' has no year (its crossref 'x\\ny' is not in this file)")],
            id="crossref_key_with_a_line_break",
        ),
    ],
)
def test_crossref_problems(text: str, failures: list) -> None:
    assert read_bibtex(text, "x.bib") == ([], failures)


GOOD_ENTRY = "@misc{b,\n  title = {Fine},\n  author = {Jones, K.},\n  year = {2021}\n}\n"


@pytest.mark.parametrize(
    "entry, failure",
    [
        pytest.param(
            "@article{a,\n  title = {Knowledge}} distillation},\n  author = {Smith, J.},\n  year = {2020}\n}\n",
            (2, "unbalanced braces: the '}' at column 22 closes entry 'a', but more of its fields follow; remove it, or add the '{' it should close"),
            id="extra_brace_closes_the_entry",
        ),
        pytest.param(
            "@article{a,\n  title = {Know}ledge distillation},\n  author = {Smith, J.},\n  year = {2020}\n}\n",
            (2, "unbalanced braces: the '}' at column 16 closes the value of field 'title' before the value ends; remove it, or add the '{' it should close"),
            id="extra_brace_inside_a_title",
        ),
        pytest.param(
            "@article{a,\n  title = {Knowledge {distillation},\n  author = {Smith, J.},\n  year = {2020}\n}\n",
            (2, "unbalanced braces: the '{' at column 11 opens the value of field 'title' and is never closed, so field 'author' on line 3 is read as part of that value; add the '}' it needs"),
            id="missing_brace_swallows_the_next_field",
        ),
        pytest.param(
            "@article{a,\n  title = {A},\n  author = {Smith, J.},\n  year = {2020}\n\n",
            (1, "unbalanced braces: entry 'a' (@article) is never closed: its '{' at column 9 has no '}'; add it"),
            id="entry_never_closed",
        ),
    ],
)
def test_unbalanced_braces_are_reported_at_the_brace(entry: str, failure: tuple) -> None:
    drafts, failures = read_bibtex(entry + GOOD_ENTRY, "bad.bib")
    assert failures == [failure]
    assert [d.title for d in drafts] == ["Fine"]  # the entry after it is still read


@pytest.mark.parametrize(
    "authors, names",
    [
        pytest.param("{Ernst and Young}", ["{Ernst and Young}"], id="braced_and_is_one_name"),
        pytest.param("{OpenAI} and Hinton, Geoffrey", ["{OpenAI}", "Hinton, Geoffrey"], id="organisation_and_person"),
        pytest.param("{{Google Research}}", ["{Google Research}"], id="double_braces"),
        pytest.param("{\\\"O}zt{\\\"u}rk, A. and {van der} Maaten, L.", ["Öztürk, A.", "van der Maaten, L."], id="braces_inside_a_name"),
        pytest.param("Smith, J. and {Ernst \\& Young}", ["Smith, J.", "{Ernst & Young}"], id="escaped_ampersand"),
    ],
)
def test_names_in_braces_are_kept_whole(authors: str, names: list[str]) -> None:
    drafts, failures = read_bibtex(f"@misc{{k, title = {{T}}, author = {{{authors}}}, year = 2020}}\n", "x.bib")
    assert failures == []
    assert drafts[0].authors == names


def test_a_file_that_is_not_utf8_is_read_as_windows_1252_with_a_warning() -> None:
    from sitegen.importers.bibtex import decode_bytes

    raw = "@misc{k,\n  title = {Caf\u00e9 \u2013 na\u00efve},\n".encode("cp1252")
    assert decode_bytes(raw, "old.bib") == (
        "@misc{k,\n  title = {Caf\u00e9 \u2013 na\u00efve},\n",
        "old.bib:2:15: warning: the file is not UTF-8 (byte 0xe9); read as Windows-1252 (cp1252). "
        "Check the accented letters of the records it gives",
    )
    assert decode_bytes("caf\u00e9".encode("utf-8"), "new.bib") == ("caf\u00e9", None)
    assert decode_bytes(b"\x81\xe9", "odd.bib")[0] == "\x81\u00e9"  # a byte cp1252 leaves undefined: Latin-1


# --- what the importer keeps (issue 19): every entry whatever its key, code links, other titles, years from arXiv ids


def one(text: str):
    drafts, failures = read_bibtex(text, "list.bib")
    assert failures == []
    [draft] = drafts
    return draft


@pytest.mark.parametrize(
    ("text", "year", "doubt"),
    [
        pytest.param("@misc{k, title={T}, author={A, B}, eprint={1503.02531}, archivePrefix={arXiv}}", 2015,
                     "year 2015 taken from the arXiv id 1503.02531", id="eprint_without_year"),
        pytest.param("@article{k, title={T}, author={A, B}, journal={CoRR}, volume={abs/2002.09168}}", 2020,
                     "year 2020 taken from the arXiv id 2002.09168", id="dblp_corr_without_year"),
        pytest.param("@misc{k, title={T}, author={A, B}, url={https://arxiv.org/abs/hep-th/9901001}}", 1999,
                     "year 1999 taken from the arXiv id hep-th/9901001", id="old_style_arxiv_link_without_year"),
        pytest.param("@misc{k, title={T}, author={A, B}, year={2016}, eprint={1503.02531}}", 2016, None, id="a_given_year_wins"),
    ],
)
def test_a_missing_year_is_taken_from_the_arxiv_id_with_a_doubt(text: str, year: int, doubt: str | None) -> None:
    draft = one(text)
    assert draft.year == year
    if doubt is None:
        assert draft.doubts == []
    else:
        assert draft.doubts == [f"{doubt} (when the preprint first appeared); the source gives no year, and the published version may be later"]


def test_no_year_and_no_arxiv_id_is_still_a_failure() -> None:
    assert read_bibtex("@misc{k, title={T}, author={A, B}, url={https://example.org/t}}", "x.bib") == ([], [(1, "entry 'k' has no year")])


@pytest.mark.parametrize(
    ("field", "code"),
    [
        pytest.param("code = {https://github.com/HobbitLong/RepDistiller}", "https://github.com/HobbitLong/RepDistiller", id="code_field"),
        pytest.param("github = {https://github.com/HobbitLong/RepDistiller}", "https://github.com/HobbitLong/RepDistiller", id="github_field"),
        pytest.param("url = {https://github.com/HobbitLong/RepDistiller}", "https://github.com/HobbitLong/RepDistiller", id="url_to_a_code_host"),
        pytest.param("url = {https://gitlab.com/group/repo}", "https://gitlab.com/group/repo", id="url_to_gitlab"),
        pytest.param("code = {see the paper}", None, id="code_field_without_a_link"),
    ],
)
def test_code_links_are_kept(field: str, code: str | None) -> None:
    draft = one(f"@misc{{k, title={{T}}, author={{A, B}}, year={{2020}}, {field}}}")
    assert draft.code == code
    assert draft.url is None


@pytest.mark.parametrize(
    "field",
    [pytest.param("alttitle", id="alttitle"), pytest.param("origtitle", id="biblatex_origtitle")],
)
def test_other_titles_are_kept(field: str) -> None:
    draft = one(f"@misc{{k, title={{Revisit Knowledge Distillation: a Teacher-free Framework}}, author={{Yuan, Li}}, year={{2020}}, "
                f"{field}={{Revisiting Knowledge Distillation via Label Smoothing Regularization}}}}")
    assert draft.alt_titles == ["Revisiting Knowledge Distillation via Label Smoothing Regularization"]


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        pytest.param("@misc{k, title={One}, author={A, B}, year=2020}\n@misc{k, title={Two}, author={C, D}, year=2021}\n",
                     [(1, "One"), (2, "Two")], id="two_papers_sharing_one_key"),
        pytest.param("@misc{title={One}, author={A, B}, year=2020}\n", [(1, "One")], id="entry_without_a_key"),
        pytest.param("@misc{, title={One}, author={A, B}, year=2020}\n", [(1, "One")], id="entry_with_an_empty_key"),
        pytest.param("@misc{ключ 1, title={One}, author={A, B}, year=2020}\n", [(1, "One")], id="key_with_a_space_and_cyrillic"),
    ],
)
def test_every_entry_is_read_whatever_its_key(text: str, titles: list[tuple[int, str]]) -> None:
    drafts, failures = read_bibtex(text, "x.bib")
    assert failures == []
    assert [(d.line, d.title) for d in drafts] == titles


def test_an_entry_without_a_key_is_named_by_its_line_in_messages() -> None:
    assert read_bibtex("\n@misc{author={A, B}, year=2020}\n", "x.bib") == ([], [(2, "an entry without a key has no title")])
