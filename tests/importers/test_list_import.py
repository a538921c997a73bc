"""The general list importer: each form of entry, read into the exact draft, and every entry accounted for.

The samples in tests/data/lists/ are hand-written in the forms of three public lists (numbered
references, linked entries with full names, tables); the lists themselves are not committed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from sitegen.importers.markdown import read_list, read_markdown
from sitegen.importers.names import parse_name_list

DATA = Path(__file__).resolve().parents[1] / "data" / "lists"
LISTS = """\
lists:
  - name: numbered
    repository: example/numbered
    commit: 0123456789abcdef0123456789abcdef01234567
    licence: none given
    headings:
      From logits: [response-based]
  - name: linked
    repository: example/linked
    commit: 1111111111111111111111111111111111111abc
    licence: Apache-2.0
  - name: table
    repository: example/table
    commit: 2222222222222222222222222222222222222abc
    licence: none given
"""


def _draft(text: str, taxonomy, line: int = 1):
    parsed = read_list(text, "list.md", taxonomy=taxonomy)
    readings = [(e, r) for e, r in parsed.readings if e.line == line]
    assert len(readings) == 1, parsed.readings
    return readings[0][1]


@pytest.mark.parametrize(
    "text, title, authors, et_al, year, venue, arxiv, code",
    [
        pytest.param("1. Distilling the knowledge in a neural network. Hinton et al. arXiv:1503.02531",
                     "Distilling the knowledge in a neural network", ["Hinton"], True, 2015, "arXiv", "1503.02531", None, id="family_et_al_arxiv_id"),
        pytest.param("2. Learning from Noisy Labels with Distillation. Li, Yuncheng et al. ICCV 2017",
                     "Learning from Noisy Labels with Distillation", ["Li, Yuncheng"], True, 2017, "ICCV", None, None, id="family_given_et_al_venue_year"),
        pytest.param("7. On the Efficacy of Knowledge Distillation. Cho, Jang Hyun & Hariharan, Bharath. arXiv:1910.01348. ICCV 2019",
                     "On the Efficacy of Knowledge Distillation", ["Cho, Jang Hyun", "Hariharan, Bharath"], False, 2019, "ICCV", "1910.01348", None, id="ampersand_published_venue"),
        pytest.param("20. Conditional teacher-student learning. Z. Meng et al. ICASSP 2019",
                     "Conditional teacher-student learning", ["Meng, Z."], True, 2019, "ICASSP", None, None, id="initial_then_family"),
        pytest.param("13. Similarity-Preserving Knowledge Distillation. Tung, Frederick, and Mori Greg. ICCV 2019",
                     "Similarity-Preserving Knowledge Distillation", ["Tung, Frederick", "Greg, Mori"], False, 2019, "ICCV", None, None, id="comma_and_full_name"),
        pytest.param("- [Distilling the Knowledge in a Neural Network](https://arxiv.org/pdf/1503.02531.pdf), Geoffrey Hinton, Oriol Vinyals, Jeff Dean, 2015",
                     "Distilling the Knowledge in a Neural Network", ["Hinton, Geoffrey", "Vinyals, Oriol", "Dean, Jeff"], False, 2015, "", "1503.02531", None, id="full_names_year"),
        pytest.param("- [Knowledge Distillation](https://example.org/a_(b)), Alice Smith AND Bob Jones, 2020",
                     "Knowledge Distillation", ["Smith, Alice", "Jones, Bob"], False, 2020, "", None, None, id="upper_case_AND_and_parenthesised_link"),
        pytest.param("- [Gemini Models](https://arxiv.org/abs/2301.00001), Gemini Team, 2023",
                     "Gemini Models", ["{Gemini Team}"], False, 2023, "", "2301.00001", None, id="corporate_author"),
        pytest.param("1. Ensemble Distribution Distillation. ICLR 2020",
                     "Ensemble Distribution Distillation", [], False, 2020, "ICLR", None, None, id="title_venue_year_no_authors"),
        pytest.param("8. Topology Distillation for Recommender System [KDD 2021]",
                     "Topology Distillation for Recommender System", [], False, 2021, "KDD", None, None, id="bracketed_venue_year"),
        pytest.param("- **Title in Bold Type**, Alice Smith, 2023-06",
                     "Title in Bold Type", ["Smith, Alice"], False, 2023, "", None, None, id="bold_title_year_month"),
        pytest.param("1. Findings Paper. Smith, Alice et al. Findings of ACL 2023",
                     "Findings Paper", ["Smith, Alice"], True, 2023, "Findings of ACL", None, None, id="findings_venue"),
    ],
)
def test_entry_forms(taxonomy, text, title, authors, et_al, year, venue, arxiv, code) -> None:
    reading = _draft(text, taxonomy)
    assert reading.kind == "paper", reading
    draft = reading.draft
    assert (draft.title, draft.authors, draft.et_al, draft.year, draft.venue_text, draft.arxiv, draft.code) == (
        title, authors, et_al, year, venue, arxiv, code)


def test_a_link_with_parentheses_is_kept_whole(taxonomy) -> None:
    draft = _draft("- [Knowledge Distillation](https://example.org/a_(b)), Alice Smith AND Bob Jones, 2020", taxonomy).draft
    assert draft.url == "https://example.org/a_(b)"


def test_an_alternative_title_and_a_reference_style_code_link_are_kept(taxonomy) -> None:
    text = (
        "8. Revisit Knowledge Distillation: a Teacher-free Framework (Revisiting Knowledge Distillation via Label "
        "Smoothing Regularization). Yuan, Li et al. CVPR 2020 [[code]][1.10]\n\n[1.10]: https://github.com/yuanli2333/tf-kd\n"
    )
    draft = _draft(text, taxonomy).draft
    assert draft.title == "Revisit Knowledge Distillation: a Teacher-free Framework"
    assert draft.alt_titles == ["Revisiting Knowledge Distillation via Label Smoothing Regularization"]
    assert draft.code == "https://github.com/yuanli2333/tf-kd"


def test_a_missing_year_is_taken_from_the_arxiv_id_with_a_doubt(taxonomy) -> None:
    draft = _draft("1. Self-Distillation from the Last Mini-Batch [paper](https://arxiv.org/pdf/2203.16172.pdf)", taxonomy).draft
    assert (draft.year, draft.arxiv) == (2022, "2203.16172")
    assert draft.doubts == ["year 2022 taken from the arXiv id 2203.16172 (the list gives no year)"]


def test_an_entry_over_two_lines_is_one_entry(taxonomy) -> None:
    parsed = read_markdown(DATA / "numbered.md", taxonomy=taxonomy)
    entry, reading = next((e, r) for e, r in parsed.readings if e.line == 17)
    assert (entry.line, entry.end) == (17, 18)
    assert reading.draft.title == "Weakly Supervised Dense Video Captioning via Jointly Usage of Knowledge Distillation and Cross-modal Matching"


def test_nested_items_with_details_are_one_entry(taxonomy) -> None:
    parsed = read_markdown(DATA / "table.md", taxonomy=taxonomy)
    entry, reading = next((e, r) for e, r in parsed.readings if e.line == 18)
    assert (entry.line, entry.end, entry.section_path) == (18, 21, "LLM distillation (hand-written sample in the form of Tebmer's list) > Nested")
    draft = reading.draft
    assert (draft.title, draft.authors, draft.year, draft.venue_text, draft.arxiv, draft.code) == (
        "Multi-line entry: Title on One Item", ["Smith, Alice", "Jones, Bob"], 2019, "NeurIPS", "1910.01234", "https://github.com/example/multi")


def test_an_unknown_venue_is_reported_with_a_did_you_mean_and_kept(taxonomy) -> None:
    table = "| Title | Venue | Date |\n|---|---|---|\n| [**A Sample Title**](https://example.org/a) | NeurlPS | 2024-03 |\n"
    parsed = read_list(table, "t.md", taxonomy=taxonomy)
    (entry, reading), = [(e, r) for e, r in parsed.readings if e.kind == "row"]
    assert reading.draft.venue_text == "NeurlPS"
    assert reading.notes == ["venue 'NeurlPS' is not in the registry; did you mean 'NeurIPS'?"]


def test_table_rows_are_read_by_their_header_names(taxonomy) -> None:
    parsed = read_markdown(DATA / "table.md", taxonomy=taxonomy)
    rows = {e.line: r for e, r in parsed.readings if e.kind == "row"}
    assert rows[5].kind == "not-paper" and rows[5].reason == "table row without a Title column"
    aligned = rows[12].draft
    assert (aligned.title, aligned.year, aligned.venue_text, aligned.pdf, aligned.code, aligned.authors) == (
        "Aligning Large and Small Language Models via Chain-of-Thought Reasoning", 2024, "EACL",
        "https://aclanthology.org/2024.eacl-long.109.pdf", "https://github.com/lranaldii/Aligning_LLMs", [])
    assert rows[12].notes == []  # EACL is a registered venue
    assert rows[14].draft.code == "https://github.com/sahil280114/codealpaca"  # the Data column is set aside
    assert rows[11].draft.arxiv == "2311.11045"


@pytest.mark.parametrize(
    "text, reason",
    [
        pytest.param("- [Forms](#forms)\n  - [Logits](#logits)", "table of contents", id="table_of_contents"),
        pytest.param("![counter](https://img.shields.io/badge/Number-9-green)", "badges or images", id="badge"),
        pytest.param("We will update this collection every week.", "prose", id="prose"),
        pytest.param("The papers follow [the survey](https://arxiv.org/pdf/2006.05525.pdf)", "prose that links to a page", id="prose_with_a_link"),
        pytest.param('<p align="center">Xiaohan Xu</p>', "HTML block", id="html_block"),
        pytest.param("```\npip install x\n```", "code block", id="code_block"),
        pytest.param("- [Dark knowledge](https://www.youtube.com/watch?v=x), Geoffrey Hinton, 2014", "a video", id="video"),
    ],
)
def test_not_papers(taxonomy, text: str, reason: str) -> None:
    reading = _draft(text, taxonomy)
    assert (reading.kind, reading.reason) == ("not-paper", reason)


def test_author_list_forms() -> None:
    assert parse_name_list("Müller, Rafael, Kornblith, and Hinton").names == ["Müller, Rafael", "Kornblith", "Hinton"]
    assert parse_name_list("Ba,Jimmy, and Rich Caruana").names == ["Ba, Jimmy", "Caruana, Rich"]
    mirzadeh = parse_name_list("Mirzadeh et al.")
    assert (mirzadeh.names, mirzadeh.et_al) == (["Mirzadeh"], True)
    marks = parse_name_list("Jiasen Lu1, Anitha Kannan")
    assert (marks.names, marks.repairs) == (["Lu, Jiasen", "Kannan, Anitha"], ["affiliation marks after names removed"])
    google = parse_name_list("Xie, Qizhe et al.(Google)")
    assert (google.names, google.et_al) == (["Xie, Qizhe"], True)


# --- the command -----------------------------------------------------------------------


@pytest.fixture
def lists_collection(collection: Path) -> Path:
    (collection / "sources").mkdir()
    (collection / "sources" / "lists.yaml").write_text(LISTS)
    for sample in DATA.glob("*.md"):
        shutil.copy(sample, collection / sample.name)
    return collection


def test_import_accounts_for_every_entry_and_writes_provenance(lists_collection: Path, cli) -> None:
    result = cli("import", "markdown", "numbered.md")
    assert result.code == 0, result.out + result.err
    assert result.err.splitlines()[0] == (
        "12 entries (8 reference, 1 title link; 1 over several lines); created 4, matched 1, candidate 4, "
        "not a paper 3, out of scope 0, unreadable 0; 0 probable duplicates to check; 1 records of the collection enriched"
    )
    assert "numbered.md:16: note: venue 'MLR' is not in the registry; did you mean 'JMLR'?" in result.out
    assert "numbered.md:12: already in the collection as papers/hinton2015distilling.yaml:2 (same arXiv id 1503.02531); not written" in result.out
    yuan = yaml.safe_load((lists_collection / "papers" / "yuan2020revisit.yaml").read_text())
    assert (yuan["authors"], yuan["et_al"], yuan["venue"], yuan["code"]) == (["Yuan, Li"], True, "cvpr", "https://github.com/yuanli2333/Teacher-free-Knowledge-Distillation")
    assert yuan["alt_titles"] == ["Revisiting Knowledge Distillation via Label Smoothing Regularization"]
    assert yuan["sources"] == {"lists": [{"list": "numbered", "commit": "0123456789abcdef0123456789abcdef01234567", "line": 13}]}
    assert yuan["taxonomy"] == {"knowledge": ["response-based"]}
    # The heading's labels are suggestions: the record says so in labels_by (no doubt written).
    assert yuan["labels_by"] == {
        "by": "list-heading", "list": "numbered",
        "heading": "A numbered list (hand-written sample in the form of FLHonker's list) > Forms of knowledge > From logits",
    }
    assert "doubts" not in yuan
    candidates = yaml.safe_load((lists_collection / "sources" / "candidates.yaml").read_text())["candidates"]
    assert [(c["title"], c["source"]["line"], c["missing"]) for c in candidates] == [
        ("Ensemble Distribution Distillation", 14, ["authors"]),
        ("Self-Distillation from the Last Mini-Batch for Consistency Regularization", 19, ["authors"]),
        ("Topology Distillation for Recommender System", 20, ["authors"]),
        ("Distiller: A Python Package For DNN Compression Research", 24, ["authors"]),
    ]
    check = cli("check", "papers/yuan2020revisit.yaml")
    assert check.code == 0, check.err
    # The record the list matched is one work with every source listed: its line is added.
    assert "numbered.md:12: added to papers/hinton2015distilling.yaml:2: its line under sources.lists" in result.out
    hinton = yaml.safe_load((lists_collection / "papers" / "hinton2015distilling.yaml").read_text())
    assert hinton["sources"]["lists"] == [{"list": "numbered", "commit": "0123456789abcdef0123456789abcdef01234567", "line": 12}]
    assert cli("check", "--strict", "papers/hinton2015distilling.yaml").code == 0


def test_importing_twice_changes_nothing(lists_collection: Path, cli) -> None:
    cli("import", "markdown", "numbered.md")
    before = {p: p.read_bytes() for p in [*lists_collection.glob("papers/*.yaml"), lists_collection / "sources" / "candidates.yaml"]}
    again = cli("import", "markdown", "numbered.md")
    after = {p: p.read_bytes() for p in [*lists_collection.glob("papers/*.yaml"), lists_collection / "sources" / "candidates.yaml"]}
    assert before == after
    assert again.err.splitlines()[0].endswith("created 0, matched 5, candidate 4, not a paper 3, out of scope 0, unreadable 0; 0 probable duplicates to check; 0 records of the collection enriched")


def test_a_dry_run_writes_nothing_and_reads_any_list(lists_collection: Path, cli) -> None:
    (lists_collection / "other.md").write_text((DATA / "linked.md").read_text())
    before = sorted(p.name for p in (lists_collection / "papers").iterdir())
    result = cli("import", "markdown", "other.md", "--dry-run")
    assert result.code == 0
    assert "would create" in result.out
    assert sorted(p.name for p in (lists_collection / "papers").iterdir()) == before
    assert not (lists_collection / "sources" / "candidates.yaml").exists()
    refused = cli("import", "markdown", "other.md")
    assert refused.code == 2
    assert refused.err.startswith("sitegen import: other.md: not a list registered in sources/lists.yaml")


def test_code_only_sections_add_code_and_create_nothing(lists_collection: Path, cli) -> None:
    result = cli("import", "markdown", "linked.md", "--list", "linked")
    lines = result.out.splitlines()
    assert "linked.md:16: same work as papers/kim2016sequence.yaml (code link for the same title); merged into it" in lines
    assert "linked.md:17" not in result.out  # a code repository without a paper: counted only
    kim = yaml.safe_load((lists_collection / "papers" / "kim2016sequence.yaml").read_text())
    assert kim["code"] == "https://github.com/harvardnlp/seq2seq-attn"
    assert "created 3, matched 3, candidate 1, not a paper 3, out of scope 0, unreadable 0" in result.err


def test_a_bibtex_block_and_a_table_give_records_and_candidates(lists_collection: Path, cli) -> None:
    result = cli("import", "markdown", "table.md")
    assert "table.md:15: same work as the candidate at line 11 (same work); merged into it" in result.out
    assert "created 2, matched 1, candidate 4" in result.err
    assert (lists_collection / "papers" / "xu2024survey.yaml").is_file()


def test_candidates_lists_each_with_the_command_that_completes_it(lists_collection: Path, cli) -> None:
    cli("import", "markdown", "numbered.md")
    result = cli("candidates")
    assert result.code == 0
    assert result.out.splitlines() == [
        "numbered:14: Ensemble Distribution Distillation (2020); no authors; complete with: sitegen add --bibtex FILE",
        "numbered:19: Self-Distillation from the Last Mini-Batch for Consistency Regularization (2022); no authors; complete with: sitegen add --arxiv 2203.16172",
        "numbered:20: Topology Distillation for Recommender System (2021); no authors; complete with: sitegen add --bibtex FILE",
        "numbered:24: Distiller: A Python Package For DNN Compression Research (2019); no authors; complete with: sitegen add --arxiv 1910.12232",
        "4 candidates in sources/candidates.yaml",
    ]


def test_adding_a_candidate_removes_it_from_the_file(lists_collection: Path, cli) -> None:
    cli("import", "markdown", "numbered.md")
    (lists_collection / "entry.bib").write_text(
        "@misc{x, title={Self-Distillation from the Last Mini-Batch for Consistency Regularization},\n"
        " author={Shen, Yiqing and Xu, Liwu}, year={2022}, eprint={2203.16172}, archivePrefix={arXiv}}\n"
    )
    result = cli("add", "--bibtex", "entry.bib", "--scheme", "self-distillation", "--no-input")
    assert result.code == 0, result.err
    assert "removed the candidate numbered:19 from sources/candidates.yaml" in result.err
    left = yaml.safe_load((lists_collection / "sources" / "candidates.yaml").read_text())["candidates"]
    assert [c["source"]["line"] for c in left] == [14, 20, 24]
    # The record keeps the list entry it completes as its provenance.
    record = yaml.safe_load((lists_collection / "papers" / "shen2022self.yaml").read_text())
    assert record["sources"] == {"lists": [{"list": "numbered", "commit": "0123456789abcdef0123456789abcdef01234567", "line": 19}]}


def test_check_warns_of_a_candidate_whose_line_a_record_already_names(lists_collection: Path, cli) -> None:
    cli("import", "markdown", "numbered.md")
    assert "sources/candidates.yaml" not in cli("check").out
    # A curator completes the candidate by hand: the record names the list line, the candidate stays.
    hinton = lists_collection / "papers" / "hinton2015distilling.yaml"
    hinton.write_text(hinton.read_text().replace(
        "      line: 12\n", "      line: 12\n    - list: numbered\n      commit: 0123456789abcdef0123456789abcdef01234567\n      line: 20\n"))
    result = cli("check")
    assert result.code == 0  # a warning, not an error: --strict refuses it
    text = (lists_collection / "sources" / "candidates.yaml").read_text()
    entry = text.splitlines().index("- title: Topology Distillation for Recommender System") + 1
    assert (f"sources/candidates.yaml:{entry}:3: warning: candidate 'Topology Distillation for Recommender System' (numbered line 20) "
            "is already in the collection: papers/hinton2015distilling.yaml names that line under sources.lists; delete the candidate") in result.out.splitlines()
    assert sum("sources/candidates.yaml" in line for line in result.out.splitlines()) == 1


def test_soft_hyphens_from_pdf_copies_are_removed_and_logged(taxonomy) -> None:
    # FLHonker's list has titles copied from PDFs with invisible soft hyphens ('End-\u00adto-End').
    text = "1. Diverse Knowledge Distillation for End-\u00adto\u2010End Person Search. Zhang, Xinyu et al. AAAI 2021\n"
    parsed = read_list(text, "l.md", taxonomy=taxonomy)
    (entry, reading), = parsed.readings
    assert reading.draft.title == "Diverse Knowledge Distillation for End-to\u2010End Person Search"
    assert reading.notes == ["removed 1 soft hyphen(s) (U+00AD) left by copying from a PDF"]
    assert reading.draft.corrections == [{
        "field": "title", "was": "the list's text with 1 soft hyphen(s) (U+00AD, invisible)",
        "now": "the same text without them", "source": "l.md:1: importer (soft hyphens are PDF extraction debris)",
    }]


def test_an_entry_a_curator_left_out_is_out_of_scope_with_the_reason(lists_collection: Path, cli) -> None:
    # A tool, not a paper about distillation: the curator records why, by the entry's line.
    registry = lists_collection / "sources" / "lists.yaml"
    registry.write_text(LISTS.replace("    headings:\n      From logits: [response-based]\n",
                                      "    headings:\n      From logits: [response-based]\n    excluded:\n      - line: 24\n        reason: a software package, not a paper\n", 1))
    result = cli("import", "markdown", "numbered.md")
    assert result.code == 0, result.err
    assert "numbered.md:24: out of scope (sources/lists.yaml): a software package, not a paper" in result.out
    assert "created 4, matched 1, candidate 3, not a paper 3, out of scope 1, unreadable 0" in result.err.splitlines()[0]
    candidates = yaml.safe_load((lists_collection / "sources" / "candidates.yaml").read_text())["candidates"]
    assert [c["source"]["line"] for c in candidates] == [14, 19, 20]


def test_a_matched_record_gains_the_published_venue_and_a_wrong_id_is_not_a_match(lists_collection: Path, cli) -> None:
    # A hand-written list in the numbered form (made-up facts, for this test only).
    (lists_collection / "numbered.md").write_text(
        "# Sample\n\n"
        "1. Distilling the Knowledge in a Neural Network. Hinton, Geoffrey et al. ICLR 2015 arXiv:1503.02531\n"
        "2. A Study of Spiking Networks Entirely Unrelated. Smith, Alice et al. CVPR 2016 arXiv:1503.02531\n",
        encoding="utf-8",
    )
    result = cli("import", "markdown", "numbered.md")
    assert "numbered.md:3: added to papers/hinton2015distilling.yaml:2: venue iclr (was arxiv), type inproceedings, its line under sources.lists, a correction" in result.out
    hinton = yaml.safe_load((lists_collection / "papers" / "hinton2015distilling.yaml").read_text())
    assert (hinton["venue"], hinton["type"]) == ("iclr", "inproceedings")
    assert hinton["corrections"][-1] == {"field": "venue", "was": "arxiv", "now": "iclr",
                                         "source": "the published venue, as the numbered list line 3 (commit 0123456) gives it"}
    # The same arXiv id under another title: one source links the wrong paper; the entry is kept.
    assert "numbered.md:4: created papers/smith2016study.yaml" in result.out
    assert "numbered.md:4: warning: probable duplicate of papers/hinton2015distilling.yaml:2 (same arXiv id 1503.02531" in result.out


def test_a_line_a_record_lists_is_that_records_work_whatever_it_reads(lists_collection: Path, cli) -> None:
    # A curator corrected a record the list gave (its first author, so its id): importing the list
    # again finds the record by its sources.lists line, and creates nothing.
    assert cli("import", "markdown", "numbered.md").code == 0
    old = lists_collection / "papers" / "yuan2020revisit.yaml"
    text = old.read_text(encoding="utf-8").replace("id: yuan2020revisit", "id: tay2020revisit").replace("  - Yuan, Li\n", "  - Tay, Francis\n")
    old.unlink()
    (lists_collection / "papers" / "tay2020revisit.yaml").write_text(text, encoding="utf-8")
    again = cli("import", "markdown", "numbered.md")
    assert "numbered.md:13: already in the collection as papers/tay2020revisit.yaml:2 (its line is under the record's sources.lists); not written" in again.out
    assert not (lists_collection / "papers" / "yuan2020revisit.yaml").exists()
    assert "created 0," in again.err.splitlines()[0]
