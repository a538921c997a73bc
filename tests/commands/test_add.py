"""`sitegen add`: each path a contributor can take, with its exact output and exit code."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Iterator

import pytest

from sitegen.load import collection_lock
from tests.contrib import DATA, RecordedServer, Result, closed_port, enter_collection, recorded_web, run_cli


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[RecordedServer]:
    yield from recorded_web(monkeypatch)


@pytest.fixture
def contrib_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return enter_collection(tmp_path, monkeypatch)


BIBTEX = DATA / "bibtex"
DKD = (BIBTEX / "dblp-conference.bib").read_text(encoding="utf-8")
DKD_LABELS = ("--knowledge", "response-based", "--scheme", "offline", "--application", "image-classification,object-detection")
DKD_RECORD = """\
# yaml-language-server: $schema=../schema/paper.schema.json
id: zhao2022decoupled
title: Decoupled Knowledge Distillation
authors:
  - Zhao, Borui
  - Cui, Quan
  - Song, Renjie
  - Qiu, Yiyu
  - Liang, Jiajun
year: 2022
venue: cvpr
type: inproceedings
publisher: IEEE
doi: 10.1109/CVPR52688.2022.01165
scope: core
taxonomy:
  knowledge: [response-based]
  scheme: [offline]
  application: [image-classification, object-detection]
labels_by:
  by: curator
"""
WROTE_DKD = (
    "wrote papers/zhao2022decoupled.yaml\n"
    "next: read it over, then run: python -m sitegen check papers/zhao2022decoupled.yaml\n"
)


@pytest.fixture
def add(capsys, monkeypatch, contrib_root):
    def run(*argv: str, stdin: str = "") -> Result:
        return run_cli(capsys, monkeypatch, "add", *argv, stdin=stdin)

    return run


@pytest.fixture
def sitegen(capsys, monkeypatch, contrib_root):
    def run(*argv: str) -> Result:
        return run_cli(capsys, monkeypatch, *argv)

    return run


def records(root: Path) -> set[str]:
    return {p.name for p in (root / "papers").iterdir()}


# --- from BibTeX -----------------------------------------------------------------------


def test_dblp_entry_on_stdin_becomes_a_record_that_passes_check(add, sitegen, contrib_root: Path) -> None:
    result = add("--bibtex", "-", *DKD_LABELS, stdin=DKD)
    assert (result.code, result.out, result.err) == (0, "", WROTE_DKD)
    assert (contrib_root / "papers/zhao2022decoupled.yaml").read_text(encoding="utf-8") == DKD_RECORD
    check = sitegen("check", "--strict", "papers/zhao2022decoupled.yaml")
    assert (check.code, check.out, check.err) == (0, "", "checked 1 record: 0 errors, 0 warnings in 0 files: ok\n")
    fmt = sitegen("fmt", "--check")
    assert (fmt.code, fmt.out) == (0, "")


def test_the_same_entry_again_is_refused_naming_the_first_record(add, contrib_root: Path) -> None:
    assert add("--bibtex", "-", *DKD_LABELS, stdin=DKD).code == 0
    before = records(contrib_root)
    again = add("--bibtex", "-", *DKD_LABELS, stdin=DKD)
    assert (again.code, again.out, again.err) == (
        1,
        "",
        "sitegen add: refused: the collection already has this paper: papers/zhao2022decoupled.yaml:2 "
        "(same DOI 10.1109/cvpr52688.2022.01165). Improve that record instead; if this is another work, "
        "add it again with --distinct-from zhao2022decoupled\n",
    )
    assert records(contrib_root) == before


PARK = "papers/park2019relational.yaml:2"


@pytest.mark.parametrize(
    ("entry", "why"),
    [
        pytest.param(
            "@inproceedings{k, title={{RELATIONAL} Knowledge-Distillation!}, author={Park, Wonpyo}, year={2019},"
            " booktitle={CVPR}}",
            "ids collide, same title, same first author, same year (2019)",
            id="title_differs_in_case_and_punctuation",
        ),
        pytest.param(
            "@misc{k, title={Relational knowledge distilation}, author={Park, W.}, year={2019}}",
            "ids collide, titles 99% alike, same first author, same year (2019)",
            id="title_with_a_typo_same_author_and_year",
        ),
        pytest.param(
            "@misc{k, title={RKD}, author={Park, W.}, year={2019}, eprint={1904.05068v2}, archivePrefix={arXiv}}",
            "same arXiv id 1904.05068",
            id="arxiv_id_with_a_version",
        ),
        pytest.param(
            "@misc{k, title={RKD}, author={Park, W.}, year={2019}, url={https://arxiv.org/abs/1904.05068v3}}",
            "same arXiv id 1904.05068",
            id="arxiv_link_with_a_version",
        ),
        pytest.param(
            "@article{k, title={Relational Knowledge Distillation}, author={Wonpyo Park and Dongju Kim}, year={2019},"
            " journal={arXiv preprint arXiv:1904.05068}}",
            "same arXiv id 1904.05068",
            id="scholar_preprint_of_a_conference_paper",
        ),
    ],
)
def test_duplicates_are_refused_with_the_reason(add, contrib_root: Path, entry: str, why: str) -> None:
    before = records(contrib_root)
    result = add("--bibtex", "-", "--knowledge", "relation-based", stdin=entry)
    assert (result.code, result.out, result.err) == (
        1,
        "",
        f"sitegen add: refused: the collection already has this paper: {PARK} ({why}). Improve that record instead; "
        "if this is another work, add it again with --distinct-from park2019relational\n",
    )
    assert records(contrib_root) == before


def test_doi_in_another_case_is_the_same_doi(add) -> None:
    assert add("--bibtex", "-", *DKD_LABELS, stdin=DKD).code == 0
    entry = "@misc{k, title={DKD}, author={Zhao, B.}, year={2022}, doi={10.1109/cvpr52688.2022.01165}}"
    result = add("--bibtex", "-", "--knowledge", "response-based", stdin=entry)
    assert result.code == 1
    assert "papers/zhao2022decoupled.yaml:2 (same DOI 10.1109/cvpr52688.2022.01165)" in result.err


def test_a_look_alike_declared_distinct_is_added(add, sitegen, contrib_root: Path) -> None:
    entry = "@misc{k, title={Relational knowledge distillation}, author={Park, Sungho}, year={2019}}"
    refused = add("--bibtex", "-", "--knowledge", "relation-based", "--scheme", "offline", stdin=entry)
    assert refused.code == 1
    result = add("--bibtex", "-", "--knowledge", "relation-based", "--scheme", "offline", "--distinct-from", "park2019relational", stdin=entry)
    path = "papers/park2019relational-2.yaml"
    collision = f"note: {path} has a suffixed id because its key is taken by papers/park2019relational.yaml:2; check they are different works\n"
    assert (result.code, result.err) == (0, f"wrote {path}\n{collision}next: read it over, then run: python -m sitegen check {path}\n")
    assert "distinct_from: [park2019relational]\n" in (contrib_root / path).read_text(encoding="utf-8")
    check = sitegen("check", "--strict")
    assert (check.code, check.out, check.err) == (0, "", "checked 7 records: 0 errors, 0 warnings in 0 files: ok\n")


def test_distinct_from_must_name_a_record(add) -> None:
    result = add("--bibtex", "-", *DKD_LABELS, "--distinct-from", "park2019relatinal", stdin=DKD)
    assert (result.code, result.out, result.err) == (
        2, "", "sitegen add: --distinct-from park2019relatinal: no such record; did you mean 'park2019relational'?\n"
    )


# --- labels ----------------------------------------------------------------------------

MISSING_LABELS = """\
sitegen add: a core record needs at least one taxonomy label; nothing was written. Give one or more of:
  --knowledge      response-based, feature-based, relation-based, rationale-based, feedback-based
  --scheme         offline, online, self-distillation
  --architecture   simplified-network, quantized-network, efficient-network, searched-network,
                   same-network
  --algorithm      adversarial, multi-teacher, cross-modal, graph-based, attention-based, data-free,
                   quantized, lifelong, nas-based, few-step-sampling, dataset-distillation
  --application    visual-recognition, image-classification, object-detection, segmentation,
                   face-recognition, pose-estimation, video-action, person-reid, image-retrieval,
                   depth-and-motion, image-generation, vision-language, anomaly-detection, nlp,
                   machine-translation, question-answering, language-models, large-language-models,
                   text-generation, structured-prediction, dialogue-and-retrieval, speech,
                   speech-recognition, speaker-and-language-id, speech-synthesis,
                   audio-classification, other-applications, recommender-systems,
                   adversarial-robustness, privacy-federated, interpretability, graph-learning,
                   reinforcement-learning, tabular-data
or --scope related for background work (architectures, datasets, general compression).
docs/curation.md ('Scope and labels') says which labels fit.
"""


def test_a_core_record_without_labels_says_which_options_to_give(add, contrib_root: Path) -> None:
    before = records(contrib_root)
    result = add("--bibtex", "-", stdin=DKD)
    assert (result.code, result.out, result.err) == (2, "", MISSING_LABELS)
    assert records(contrib_root) == before


def test_a_related_record_needs_no_label(add, contrib_root: Path) -> None:
    entry = (BIBTEX / "scholar-others.bib").read_text(encoding="utf-8")
    result = add("--bibtex", "-", "--scope", "related", stdin=entry)
    assert (result.code, result.err) == (
        0, "wrote papers/brown2020language.yaml\nnext: read it over, then run: python -m sitegen check papers/brown2020language.yaml\n"
    )
    assert (contrib_root / "papers/brown2020language.yaml").read_text(encoding="utf-8") == """\
# yaml-language-server: $schema=../schema/paper.schema.json
id: brown2020language
title: Language models are few-shot learners
authors:
  - Brown, Tom
  - Mann, Benjamin
  - Ryder, Nick
  - Subbiah, Melanie
  - Kaplan, Jared D
  - Dhariwal, Prafulla
  - Neelakantan, Arvind
  - Shyam, Pranav
  - Sastry, Girish
  - Askell, Amanda
et_al: true
year: 2020
venue: neurips
type: inproceedings
volume: '33'
pages: 1877-1901
scope: related
"""


@pytest.mark.parametrize(
    ("options", "message"),
    [
        pytest.param(("--knowledge", "feature"), "--knowledge feature: unknown knowledge id; did you mean 'feature-based'? "
                     "(`sitegen add --help` lists them)", id="unknown_id_with_suggestion"),
        pytest.param(("--knowledge", "offline"), "--knowledge offline: 'offline' is a scheme id; give it as --scheme offline",
                     id="id_of_another_axis"),
        pytest.param(("--scheme", "offline,onlin"), "--scheme onlin: unknown scheme id; did you mean 'online'? "
                     "(`sitegen add --help` lists them)", id="comma_separated_with_a_typo"),
    ],
)
def test_wrong_labels_are_usage_errors(add, options: tuple[str, ...], message: str) -> None:
    result = add("--bibtex", "-", *options, stdin=DKD)
    assert (result.code, result.out, result.err) == (2, "", f"sitegen add: {message}\n")


def test_repeated_and_comma_separated_labels_are_put_in_taxonomy_order(add, contrib_root: Path) -> None:
    result = add("--bibtex", "-", "--knowledge", "relation-based", "--knowledge", "feature-based,response-based", stdin=DKD)
    assert result.code == 0
    assert "  knowledge: [response-based, feature-based, relation-based]\n" in (contrib_root / "papers/zhao2022decoupled.yaml").read_text()


def test_code_link_is_validated(add, contrib_root: Path) -> None:
    result = add("--bibtex", "-", *DKD_LABELS, "--code", "github.com/megvii-research/mdistiller", stdin=DKD)
    assert (result.code, result.out, result.err) == (
        1, "", "sitegen add: <stdin>:1: cannot make a valid record (code: a link must start with https:// or http:// "
        "(found no scheme)); nothing was written\n"
    )


def test_code_link_is_recorded(add, contrib_root: Path) -> None:
    result = add("--bibtex", "-", *DKD_LABELS, "--code", "https://github.com/megvii-research/mdistiller", stdin=DKD)
    assert result.code == 0
    text = (contrib_root / "papers/zhao2022decoupled.yaml").read_text()
    assert text == DKD_RECORD.replace("scope: core\n", "code: https://github.com/megvii-research/mdistiller\nscope: core\n")


# --- reading the entry -----------------------------------------------------------------


def test_dry_run_prints_the_record_and_writes_nothing(add, contrib_root: Path) -> None:
    before = records(contrib_root)
    result = add("--bibtex", "-", *DKD_LABELS, "--dry-run", stdin=DKD)
    assert (result.code, result.out, result.err) == (0, DKD_RECORD, "dry run: would write papers/zhao2022decoupled.yaml\n")
    assert records(contrib_root) == before


def test_an_entry_from_a_file(add, contrib_root: Path) -> None:
    (contrib_root / "dkd.bib").write_text(DKD, encoding="utf-8")
    result = add("--bibtex", "dkd.bib", *DKD_LABELS)
    assert (result.code, result.out, result.err) == (0, "", WROTE_DKD)


def test_a_venue_not_in_the_registry_is_left_as_a_doubt(add, contrib_root: Path) -> None:
    entry = ("@inproceedings{k, title={Distilling Across Imaginary Venues}, author={Doe, Jane},"
             " booktitle={Proceedings of the Workshop on Things Not Listed}, year={2023}}")
    result = add("--bibtex", "-", "--knowledge", "response-based", stdin=entry)
    assert (result.code, result.err) == (
        0,
        "wrote papers/doe2023distilling.yaml\n"
        "doubt: venue 'Proceedings of the Workshop on Things Not Listed' given by the source is not in the registry\n"
        "next: read it over, then run: python -m sitegen check papers/doe2023distilling.yaml\n",
    )
    assert "type: misc\n" in (contrib_root / "papers/doe2023distilling.yaml").read_text()


@pytest.mark.parametrize(
    ("stdin", "code", "message"),
    [
        pytest.param("", 2, "--bibtex -: expected one BibTeX entry, found no entry; `sitegen import bibtex` takes many",
                     id="empty_input"),
        pytest.param(DKD + "\n" + (BIBTEX / "acl-anthology.bib").read_text(), 2,
                     "--bibtex -: expected one BibTeX entry, found 2 entries (lines 1, 18); `sitegen import bibtex` takes many",
                     id="two_entries"),
        pytest.param("@misc{k,\n  title = {Unclosed,\n  year = 2020\n", 1,
                     "<stdin>:2: unbalanced braces: the '{' at column 11 opens the value of field 'title' and is never closed, "
                     "so field 'year' on line 3 is read as part of that value; add the '}' it needs",
                     id="unclosed_entry"),
        pytest.param("@misc{k, title={T}, year={2020}}", 1, "<stdin>:1: entry 'k' has no author", id="entry_without_author"),
        pytest.param("@misc{k, title={Thermodynamics}, author={Carnot, Sadi}, year={1824}}", 1,
                     f"<stdin>:1: cannot make a valid record (year: year 1824 is outside 1900-{date.today().year + 1}); nothing was written",
                     id="year_out_of_range"),
    ],
)
def test_unusable_input(add, contrib_root: Path, stdin: str, code: int, message: str) -> None:
    before = records(contrib_root)
    result = add("--bibtex", "-", *DKD_LABELS, stdin=stdin)
    assert (result.code, result.out, result.err) == (code, "", f"sitegen add: {message}\n")
    assert records(contrib_root) == before


def test_missing_file(add) -> None:
    result = add("--bibtex", "nowhere.bib", *DKD_LABELS)
    assert (result.code, result.out, result.err) == (2, "", "sitegen add: --bibtex nowhere.bib: no such file\n")


def test_outside_a_collection(capsys, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(capsys, monkeypatch, "add", "--bibtex", "-", stdin=DKD)
    assert (result.code, result.out, result.err) == (
        2, "", "sitegen add: .: not a collection (no taxonomy.yaml); run from the repository or pass --root\n"
    )


def test_root_option_is_kept_in_the_next_command(capsys, monkeypatch, contrib_root: Path) -> None:
    monkeypatch.chdir(contrib_root.parent)
    result = run_cli(capsys, monkeypatch, "--root", "kd", "add", "--bibtex", "-", *DKD_LABELS, stdin=DKD)
    assert (result.code, result.err) == (
        0, "wrote kd/papers/zhao2022decoupled.yaml\n"
        "next: read it over, then run: python -m sitegen --root kd check kd/papers/zhao2022decoupled.yaml\n"
    )


# --- from arXiv and Crossref -----------------------------------------------------------

HINTON_RECORD = """\
# yaml-language-server: $schema=../schema/paper.schema.json
id: hinton2015distilling
title: Distilling the Knowledge in a Neural Network
authors:
  - Hinton, Geoffrey
  - Vinyals, Oriol
  - Dean, Jeff
year: 2015
venue: arxiv
type: misc
arxiv: '1503.02531'
scope: core
taxonomy:
  knowledge: [response-based]
  scheme: [offline]
labels_by:
  by: curator
checked:
  - url: https://arxiv.org/abs/1503.02531
    kind: arxiv
    date: '2026-11-29'
    via: "sitegen add: the arXiv API's entry for this id"
    compared: [title, authors, year, arxiv]
"""


@pytest.fixture
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """The day a looked-up record names as the day its page was read."""
    import datetime

    monkeypatch.setattr("sitegen.verify.record.today", lambda: datetime.date(2026, 11, 29))


def test_arxiv_link_becomes_a_record_and_a_later_version_is_refused(add, sitegen, web: RecordedServer, contrib_root: Path, fixed_day) -> None:
    """The record names the arXiv page its facts came from (through the API) under `checked`."""
    result = add("--arxiv", "https://arxiv.org/abs/1503.02531v1", "--knowledge", "response-based", "--scheme", "offline")
    assert (result.code, result.out, result.err) == (
        0, "", "wrote papers/hinton2015distilling.yaml\n"
        "next: read it over, then run: python -m sitegen check papers/hinton2015distilling.yaml\n"
    )
    assert (contrib_root / "papers/hinton2015distilling.yaml").read_text() == HINTON_RECORD
    assert sitegen("check", "--strict").code == 0
    again = add("--arxiv", "1503.02531v2", "--knowledge", "response-based")
    assert (again.code, again.out, again.err) == (
        1, "", "sitegen add: refused: the collection already has this paper: papers/hinton2015distilling.yaml:2 "
        "(same arXiv id 1503.02531). Improve that record instead; if this is another work, add it again with "
        "--distinct-from hinton2015distilling\n"
    )
    # The Google Scholar entry of the same paper, in sentence case, is the same work too.
    scholar = add("--bibtex", "-", "--knowledge", "response-based", stdin=(BIBTEX / "scholar-arxiv.bib").read_text())
    assert scholar.code == 1
    assert "papers/hinton2015distilling.yaml:2 (same arXiv id 1503.02531)" in scholar.err


def test_doi_becomes_a_record(add, sitegen, web: RecordedServer, contrib_root: Path, fixed_day) -> None:
    result = add("--doi", "https://doi.org/10.1007/s11263-021-01453-z", "--knowledge", "response-based,feature-based,relation-based",
                 "--scheme", "offline,online,self-distillation")
    assert (result.code, result.out, result.err) == (
        0, "", "wrote papers/gou2021knowledge.yaml\nnext: read it over, then run: python -m sitegen check papers/gou2021knowledge.yaml\n"
    )
    assert (contrib_root / "papers/gou2021knowledge.yaml").read_text() == """\
# yaml-language-server: $schema=../schema/paper.schema.json
id: gou2021knowledge
title: 'Knowledge Distillation: A Survey'
authors:
  - Gou, Jianping
  - Yu, Baosheng
  - Maybank, Stephen J.
  - Tao, Dacheng
year: 2021
venue: ijcv
type: article
volume: '129'
number: '6'
pages: 1789-1819
doi: 10.1007/s11263-021-01453-z
url: https://link.springer.com/10.1007/s11263-021-01453-z
scope: core
taxonomy:
  knowledge: [response-based, feature-based, relation-based]
  scheme: [offline, online, self-distillation]
labels_by:
  by: curator
checked:
  - url: https://doi.org/10.1007/s11263-021-01453-z
    kind: crossref
    date: '2026-11-29'
    via: "sitegen add: Crossref's REST API record of this DOI"
    compared: [title, authors, year, doi]
"""
    assert sitegen("check", "--strict").code == 0


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        pytest.param("--arxiv", "2412.99999", "arXiv has no paper 2412.99999; check the id at https://arxiv.org/abs/2412.99999",
                     id="arxiv_not_found"),
        pytest.param("--arxiv", "1513.00001", "arXiv refused the look-up of 1513.00001: incorrect id format for 1513.00001",
                     id="arxiv_error_answer"),
        pytest.param("--arxiv", "1412.6550", "arXiv answered HTTP 503 (Rate exceeded.); try again in a minute, or add the paper with --bibtex",
                     id="arxiv_throttled"),
        pytest.param("--doi", "10.5555/does-not-exist", "Crossref has no record of DOI 10.5555/does-not-exist; check it at "
                     "https://doi.org/10.5555/does-not-exist, or add the paper with --bibtex", id="doi_not_found"),
        pytest.param("--doi", "10.5555/12345678", "Crossref answered HTTP 503; try again in a minute, or add the paper with --bibtex",
                     id="crossref_unavailable"),
    ],
)
def test_failed_look_ups_are_one_line_and_exit_1(add, web: RecordedServer, contrib_root: Path, option: str, value: str, message: str) -> None:
    before = records(contrib_root)
    result = add(option, value, "--knowledge", "response-based")
    assert (result.code, result.out, result.err) == (1, "", f"sitegen add: {message}\n")
    assert records(contrib_root) == before


@pytest.mark.parametrize(
    ("option", "variable", "service"),
    [
        pytest.param("--arxiv", "SITEGEN_ARXIV_API", "arXiv (export.arxiv.org)", id="arxiv"),
        pytest.param("--doi", "SITEGEN_CROSSREF_API", "Crossref (api.crossref.org)", id="crossref"),
    ],
)
def test_without_network_the_command_says_so_in_one_line(add, monkeypatch, option: str, variable: str, service: str) -> None:
    monkeypatch.setenv(variable, f"http://127.0.0.1:{closed_port()}/api")
    value = "1503.02531" if option == "--arxiv" else "10.1007/s11263-021-01453-z"
    result = add(option, value, "--knowledge", "response-based")
    assert (result.code, result.out, result.err) == (
        1, "", f"sitegen add: cannot reach {service} (connection refused); check the connection, or add the paper with --bibtex\n"
    )


# --- prompts on a terminal -------------------------------------------------------------


class Script:
    """Answers given in turn to a Prompter, and everything it asked and said."""

    def __init__(self, *answers: str):
        self.answers = list(answers)
        self.asked: list[str] = []
        self.said: list[str] = []

    def ask(self, prompt: str) -> str:
        self.asked.append(prompt)
        return self.answers.pop(0)


@pytest.fixture
def taxonomy():
    from sitegen.taxonomy import Taxonomy
    from tests.contrib import REPO

    return Taxonomy.load(REPO)


def test_prompts_offer_each_axis_and_take_numbers_or_ids(taxonomy) -> None:
    from sitegen.commands.add import Prompter

    script = Script("1, feature-based", "", "", "", "2,object-detection")
    labels = Prompter(taxonomy, script.ask, script.said.append).labels({})
    assert labels == {"knowledge": ["response-based", "feature-based"], "application": ["image-classification", "object-detection"]}
    assert script.asked == [f"{axis} (numbers or ids, separated by commas; empty for none): " for axis in taxonomy.axis_ids]
    assert script.said[:4] == [
        "\nknowledge: What the student is taught to imitate.",
        "   1 response-based  (Response-based knowledge)",
        "   2 feature-based  (Feature-based knowledge)",
        "   3 relation-based  (Relation-based knowledge)",
    ]
    # Sub-nodes are indented under their parent.
    assert "   2   image-classification  (Image classification)" in script.said


def test_prompts_skip_axes_given_as_options_and_ask_again_after_a_wrong_answer(taxonomy) -> None:
    from sitegen.commands.add import Prompter

    script = Script("7", "offlin", "offline", "", "", "")
    labels = Prompter(taxonomy, script.ask, script.said.append).labels({"knowledge": ["feature-based"]})
    assert labels == {"knowledge": ["feature-based"], "scheme": ["offline"]}
    assert "  not a choice: 7" in script.said
    assert "  not a choice: offlin; did you mean 'offline'?" in script.said


def test_a_core_record_is_asked_again_when_every_axis_was_left_empty(taxonomy) -> None:
    from sitegen.commands.add import Prompter

    script = Script("", "", "", "", "", "3", "", "", "", "")
    assert Prompter(taxonomy, script.ask, script.said.append).labels({}) == {"knowledge": ["relation-based"]}
    assert "a core record needs at least one label; choose again (or interrupt, and use --scope related)" in script.said


@pytest.mark.parametrize(("answers", "scope"), [(("",), "core"), (("r",), "related"), (("maybe", "core"), "core")])
def test_scope_prompt(taxonomy, answers: tuple[str, ...], scope: str) -> None:
    from sitegen.commands.add import Prompter

    assert Prompter(taxonomy, Script(*answers).ask, lambda _: None).scope() == scope


def converse(cwd: Path, argv: list[str], answers: list[tuple[str, str]], ci: bool = False) -> tuple[int, str]:
    """Run `python -m sitegen ARGV` on a pseudo-terminal, answering each expected prompt in turn."""
    import os
    import pty
    import select
    import subprocess
    import sys
    import time

    env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": "true"} if ci else {})
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "sitegen", *argv], cwd=cwd, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    output = ""

    def read(until: str | None) -> None:
        nonlocal output
        deadline = time.monotonic() + 30
        while until is None or until not in output:
            ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise AssertionError(f"waited in vain for {until!r}; the terminal shows {output!r}")
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the program ended and closed the terminal
                chunk = b""
            if not chunk:
                if until is None:
                    return
                raise AssertionError(f"the program ended before {until!r}; the terminal shows {output!r}")
            output += chunk.decode("utf-8", errors="replace").replace("\r\n", "\n")

    try:
        for prompt, answer in answers:
            read(prompt)
            os.write(master, answer.encode() + b"\n")
        read(None)
        return proc.wait(timeout=30), output
    finally:
        proc.kill()
        os.close(master)


def test_on_a_terminal_add_asks_for_scope_and_labels(contrib_root: Path) -> None:
    (contrib_root / "dkd.bib").write_text(DKD, encoding="utf-8")
    code, shown = converse(contrib_root, ["add", "--bibtex", "dkd.bib"], [
        ("[core] ", ""),
        ("knowledge (numbers", "1"),
        ("scheme (numbers", "offline"),
        ("architecture (numbers", ""),
        ("algorithm (numbers", ""),
        ("application (numbers", "2,object-detection"),
    ])
    assert code == 0, shown
    assert shown.endswith(WROTE_DKD)
    assert (contrib_root / "papers/zhao2022decoupled.yaml").read_text(encoding="utf-8") == DKD_RECORD


@pytest.mark.parametrize("how", ["ci", "no_input"])
def test_on_a_terminal_in_ci_or_with_no_input_add_never_waits(contrib_root: Path, how: str) -> None:
    (contrib_root / "dkd.bib").write_text(DKD, encoding="utf-8")
    argv = ["add", "--bibtex", "dkd.bib"] + (["--no-input"] if how == "no_input" else [])
    code, shown = converse(contrib_root, argv, [], ci=how == "ci")
    assert (code, shown) == (2, MISSING_LABELS)


# --- untrusted entries: names in any script, absurd words, invisible characters ---------------


def test_a_title_whose_first_word_is_300_letters_gets_a_usable_id(add, contrib_root: Path) -> None:
    entry = "@misc{x, title={" + "W" * 300 + " distillation}, author={Smith, Anna}, year={2021}, howpublished={arXiv}}"
    result = add("--bibtex", "-", "--scope", "related", stdin=entry)
    record = "smith2021" + "w" * 40
    assert (result.code, result.err.splitlines()[0]) == (0, f"wrote papers/{record}.yaml")
    assert (contrib_root / "papers" / f"{record}.yaml").is_file()


def test_a_chinese_name_gets_a_romanized_id(add, contrib_root: Path) -> None:
    entry = "@misc{x, title={知识蒸馏综述}, author={张, 伟}, year={2021}}"
    result = add("--bibtex", "-", "--scope", "related", stdin=entry)
    assert (result.code, result.err.splitlines()[0]) == (0, "wrote papers/zhang2021zhishizhengliuzongshu.yaml")


def test_an_entry_with_a_right_to_left_override_is_refused(add, contrib_root: Path) -> None:
    before = records(contrib_root)
    entry = "@misc{x, title={\u202eA reversed title}, author={Smith, Anna}, year={2021}}"
    result = add("--bibtex", "-", "--scope", "related", stdin=entry)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "sitegen add: <stdin>:1: cannot make a valid record (title: invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) "
        "is not allowed in text: it changes how text displays or splits a word in two; remove it); nothing was written\n"
    )
    assert records(contrib_root) == before


# --- two `add` at once: the duplicate check and the write hold the collection's lock ----------


def _start_add(root: Path) -> "subprocess.Popen[str]":
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "SITEGEN_DEBUG")}
    process = subprocess.Popen(
        [sys.executable, "-m", "sitegen", "add", "--bibtex", "-", *DKD_LABELS],
        cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    assert process.stdin is not None
    process.stdin.write(DKD)
    process.stdin.close()
    return process


REFUSED_DKD = (
    "sitegen add: refused: the collection already has this paper: papers/zhao2022decoupled.yaml:2 "
    "(same DOI 10.1109/cvpr52688.2022.01165). Improve that record instead; if this is another work, "
    "add it again with --distinct-from zhao2022decoupled\n"
)


@pytest.mark.parametrize("attempt", range(3))
def test_concurrent_adds_of_one_paper_write_one_record(tmp_path: Path, attempt: int) -> None:
    from tests.contrib import make_collection

    root = make_collection(tmp_path / "kd")
    before = records(root)
    processes = [_start_add(root) for _ in range(3)]
    outcomes = sorted((p.wait(timeout=120), p.stderr.read()) for p in processes)  # type: ignore[union-attr]
    assert outcomes == [(0, WROTE_DKD), (1, REFUSED_DKD), (1, REFUSED_DKD)]
    assert records(root) - before == {"zhao2022decoupled.yaml"}


def _waiting_for_a_lock(pid: int) -> bool:
    """Whether process `pid` is blocked on a file lock (Linux lists waiters with '->')."""
    return any("->" in line and f" {pid} " in line for line in Path("/proc/locks").read_text().splitlines())


def test_add_waits_for_the_lock_and_then_refuses_what_was_written_meanwhile(tmp_path: Path) -> None:
    from tests.contrib import make_collection

    root = make_collection(tmp_path / "kd")
    with collection_lock(root):  # as another `add` would hold it while writing
        process = _start_add(root)
        deadline = time.monotonic() + 60
        while not _waiting_for_a_lock(process.pid):
            assert process.poll() is None, process.stderr.read()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "add never waited for the lock"
            time.sleep(0.05)
        (root / "papers" / "zhao2022decoupled.yaml").write_text(DKD_RECORD, encoding="utf-8")
    assert process.wait(timeout=120) == 1
    assert process.stderr.read() == REFUSED_DKD  # type: ignore[union-attr]
    assert not (root / "papers" / "zhao2022decoupled-2.yaml").exists()


def test_pages_that_yaml_would_read_as_a_number_are_written_quoted(add, sitegen, contrib_root: Path) -> None:
    entry = "@misc{x, title={Sexagesimal pages}, author={Smith, Anna}, year={2021}, pages={1:20}}"
    result = add("--bibtex", "-", "--scope", "related", stdin=entry)
    assert result.code == 0, result.err
    text = (contrib_root / "papers" / "smith2021sexagesimal.yaml").read_text(encoding="utf-8")
    assert "\npages: '1:20'\n" in text
    check = sitegen("check", "--strict", "papers/smith2021sexagesimal.yaml")
    assert (check.code, check.out) == (0, "")
    exported = sitegen("export", "bibtex")
    assert "pages = {1:20}" in exported.out


# --- workshops are not conferences (issue 19) --------------------------------------------


@pytest.mark.parametrize(
    ("booktitle", "venue_line", "doubt"),
    [
        pytest.param("2021 IEEE/CVF Conference on Computer Vision and Pattern Recognition Workshops (CVPRW)", "venue: cvpr-workshops", None,
                     id="cvpr_workshops"),
        pytest.param("ICML 2021 Workshop on Overparameterization: Pitfalls and Opportunities", "venue: icml-workshop", None, id="icml_workshop"),
        pytest.param("AAAI Workshop on Reasoning", None,
                     "doubt: venue 'AAAI Workshop on Reasoning' names a workshop variant of AAAI, which venues.yaml does not list; "
                     "add it there rather than file the work under AAAI", id="unregistered_workshop_is_a_doubt"),
    ],
)
def test_a_workshop_paper_is_not_filed_under_its_conference(add, booktitle: str, venue_line: str | None, doubt: str | None) -> None:
    entry = f"@inproceedings{{k, title={{A workshop paper on distillation}}, author={{Smith, Ann}}, year={{2021}}, booktitle={{{booktitle}}}}}"
    result = add("--bibtex", "-", "--knowledge", "response-based", "--dry-run", stdin=entry)
    assert result.code == 0
    lines = result.out.splitlines()
    if venue_line:
        assert venue_line in lines and "type: inproceedings" in lines
    else:
        assert not any(line.startswith("venue:") for line in lines)
        assert doubt is not None and any(doubt.split(": ", 1)[1] in line for line in lines)


def test_a_copy_with_look_alike_letters_is_refused(add, contrib_root: Path) -> None:
    """Issue 20: a Cyrillic 'а' in the title and in the author's name does not make a new work."""
    entry = ("@inproceedings{k, title={Rel\u0430tional Knowledge Distill\u0430tion}, author={P\u0430rk, Wonpyo and Kim, Dongju}, "
             "booktitle={CVPR}, year={2019}}")
    result = add("--bibtex", "-", "--knowledge", "relation-based", stdin=entry)
    assert result.code == 1
    assert result.err.startswith("sitegen add: refused: the collection already has this paper: papers/park2019relational.yaml:2 (")
    assert records(contrib_root) == {p.name for p in (DATA / "papers").iterdir()}
