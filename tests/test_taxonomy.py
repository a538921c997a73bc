"""The taxonomy and the venue registry are data; their lookup tables and their own checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.errors import DataError
from sitegen.taxonomy import Taxonomy

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return Taxonomy.load(ROOT)


def _survey_nodes(taxonomy: Taxonomy, axis: str) -> tuple[str, ...]:
    return tuple(n for n in taxonomy.top_nodes(axis) if not taxonomy.nodes[n].extension)


def test_the_survey_axes_and_main_nodes_have_the_agreed_ids(taxonomy: Taxonomy) -> None:
    assert taxonomy.axis_ids == ("knowledge", "scheme", "architecture", "algorithm", "application")
    assert _survey_nodes(taxonomy, "knowledge") == ("response-based", "feature-based", "relation-based")
    assert taxonomy.top_nodes("scheme") == ("offline", "online", "self-distillation")
    assert _survey_nodes(taxonomy, "algorithm") == (
        "adversarial", "multi-teacher", "cross-modal", "graph-based", "attention-based",
        "data-free", "quantized", "lifelong", "nas-based",
    )
    assert taxonomy.top_nodes("application") == ("visual-recognition", "nlp", "speech", "other-applications")
    assert len(taxonomy.top_nodes("architecture")) == 5


def test_every_node_names_a_survey_section_or_is_an_extension_and_describes_itself(taxonomy: Taxonomy) -> None:
    for info in taxonomy.nodes.values():
        assert (info.node.section in taxonomy.sections) != info.extension
        assert info.node.description.endswith(".")
    assert taxonomy.nodes["feature-based"].node.section == "2.2"
    assert taxonomy.nodes["data-free"].node.section == "5.6"


def test_application_tasks_hang_under_their_area(taxonomy: Taxonomy) -> None:
    assert taxonomy.ancestors("object-detection") == ("visual-recognition",)
    assert "machine-translation" in taxonomy.descendants("nlp")
    assert taxonomy.nodes["recommender-systems"].axis == "application"


@pytest.mark.parametrize(
    "written, venue",
    [
        ("NIPS", "neurips"), ("NeurIPS", "neurips"), ("IEEE TPAMI", "tpami"), ("Pattern Recogn", "pattern-recognition"),
        ("NAACL-HLT", "naacl"), ("Neu-rocomputing", "neurocomputing"), ("International Journal of Computer Vision", "ijcv"),
        ("arXiv preprint", "arxiv"), ("SLTW", "slt"), ("iclr", "iclr"),
    ],
)
def test_venue_aliases_resolve_without_regard_to_case_or_punctuation(taxonomy: Taxonomy, written: str, venue: str) -> None:
    assert taxonomy.resolve_venue(written) == venue


@pytest.mark.parametrize(
    "booktitle, venue",
    [
        ("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)", "cvpr"),
        ("{IEEE/CVF} Conference on Computer Vision and Pattern Recognition, {CVPR} 2020, Seattle, WA, USA", "cvpr"),
        ("Proceedings of the 57th Annual Meeting of the Association for Computational Linguistics", "acl"),
        ("Advances in Neural Information Processing Systems 32", "neurips"),
        ("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition Workshops", "cvpr-workshops"),
        ("Nature Methods", None),
    ],
)
def test_free_form_booktitles_find_their_venue(taxonomy: Taxonomy, booktitle: str, venue: str | None) -> None:
    assert taxonomy.find_venue(booktitle) == venue


def _copy(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "taxonomy.yaml", tmp_path)
    shutil.copy(ROOT / "venues.yaml", tmp_path)
    return tmp_path


def test_the_extensions_the_field_needs_are_marked_apart_from_the_survey(taxonomy: Taxonomy) -> None:
    assert taxonomy.extension_ids == (
        "rationale-based", "feedback-based", "few-step-sampling", "dataset-distillation", "large-language-models",
    )
    assert taxonomy.nodes["large-language-models"].parent == "nlp"
    assert not taxonomy.nodes["language-models"].extension


@pytest.mark.parametrize(
    "replace, message",
    [
        pytest.param(("        extension: true\n", "        extension: true\n        section: \"2.1\"\n"),
                     "node 'rationale-based' is an extension (not from the survey) but names survey section '2.1'; drop one",
                     id="extension-with-a-section"),
        pytest.param(("        section: \"2.2\"\n", ""),
                     "node 'feature-based' names no survey section; give its 'section', or mark it 'extension: true'",
                     id="survey-node-without-a-section"),
    ],
)
def test_a_node_is_from_a_survey_section_or_an_extension(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replace: tuple[str, str], message: str) -> None:
    root = _copy(tmp_path)
    monkeypatch.chdir(root)
    text = (root / "taxonomy.yaml").read_text().replace(*replace, 1)
    (root / "taxonomy.yaml").write_text(text)
    with pytest.raises(DataError) as caught:
        Taxonomy.load(root)
    formatted = [p.format() for p in caught.value.problems]
    assert len(formatted) == 1 and formatted[0].startswith("taxonomy.yaml:") and formatted[0].endswith(message), formatted


def test_a_node_id_used_twice_is_reported_where_it_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _copy(tmp_path)
    monkeypatch.chdir(root)
    text = (root / "taxonomy.yaml").read_text().replace("- id: lifelong", "- id: quantized", 1)
    (root / "taxonomy.yaml").write_text(text)
    line = [n for n, l in enumerate(text.splitlines(), 1) if l.strip() == "- id: quantized"][1]
    with pytest.raises(DataError) as caught:
        Taxonomy.load(root)
    assert [p.format() for p in caught.value.problems] == [f"taxonomy.yaml:{line}:13: error: node id 'quantized' is used twice"]


def test_an_alias_naming_two_venues_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _copy(tmp_path)
    monkeypatch.chdir(root)
    text = (root / "venues.yaml").read_text().replace("aliases: [TPAMI, PAMI]", "aliases: [TPAMI, PAMI, NIPS]")
    (root / "venues.yaml").write_text(text)
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "NIPS]" in l and "TPAMI" in l)
    with pytest.raises(DataError) as caught:
        Taxonomy.load(root)
    assert [p.format() for p in caught.value.problems] == [f"venues.yaml:{line}:28: error: alias 'NIPS' of venue 'tpami' also names venue 'neurips'"]


def test_a_malformed_taxonomy_field_is_reported_with_a_suggestion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _copy(tmp_path)
    monkeypatch.chdir(root)
    text = (root / "taxonomy.yaml").read_text().replace("    label: Knowledge\n", "    lable: Knowledge\n", 1)
    (root / "taxonomy.yaml").write_text(text)
    with pytest.raises(DataError) as caught:
        Taxonomy.load(root)
    assert [p.format() for p in caught.value.problems] == [
        "taxonomy.yaml:17:5: error: missing required field 'label' in axes[0]",
        "taxonomy.yaml:18:5: error: unknown field 'lable' in axes[0]; did you mean 'label'?",
    ]


# Booktitles and journal names as real exports write them (dblp, Google Scholar, the ACL Anthology,
# publishers) and as the community lists write them: a qualifier such as 'Workshop' or 'Findings'
# is never dropped.
@pytest.mark.parametrize(
    ("text", "venue"),
    [
        pytest.param("CVPR Workshops", "cvpr-workshops", id="cvpr_workshops_short"),
        pytest.param("CVPRW", "cvpr-workshops", id="cvprw_list_form"),
        pytest.param("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR) Workshops",
                     "cvpr-workshops", id="cvf_open_access_workshops"),
        pytest.param("IEEE/CVF Conference on Computer Vision and Pattern Recognition Workshops, CVPR Workshops 2021, virtual, June 19-25, 2021",
                     "cvpr-workshops", id="dblp_cvpr_workshops"),
        pytest.param("2019 IEEE/CVF International Conference on Computer Vision Workshop (ICCVW)", "iccv-workshops", id="ieee_iccvw"),
        pytest.param("European Conference on Computer Vision Workshops", "eccv-workshops", id="eccv_workshops"),
        pytest.param("ECCVW", "eccv-workshops", id="eccvw_list_form"),
        pytest.param("ICML 2021 Workshop on Overparameterization: Pitfalls and Opportunities", "icml-workshop", id="icml_named_workshop"),
        pytest.param("Advances in Neural Information Processing Systems (NeurIPS), Workshop on Efficient Natural Language and Speech Processing",
                     "neurips-workshop", id="neurips_comma_workshop"),
        pytest.param("NIPS Workshop", "neurips-workshop", id="nips_workshop_list_form"),
        pytest.param("NIPS 2014 Deep Learning Workshop", "neurips-workshop", id="nips_year_named_workshop"),
        pytest.param("ICLR 2018 Workshop Track", "iclr-workshop", id="iclr_workshop_track"),
        pytest.param("IEEE Spoken Language Technology Workshop (SLT)", "slt", id="a_workshop_that_is_a_venue"),
        pytest.param("Findings of ACL", "findings-acl", id="findings_of_acl"),
        pytest.param("Findings of the Association for Computational Linguistics: ACL 2023", "findings-acl", id="anthology_findings_acl"),
        pytest.param("Findings of the Association for Computational Linguistics: ACL-IJCNLP 2021", "findings-acl", id="anthology_findings_acl_ijcnlp"),
        pytest.param("Findings of the Association for Computational Linguistics: EMNLP 2020", "findings-emnlp", id="anthology_findings_emnlp"),
        pytest.param("EMNLP Findings", "findings-emnlp", id="emnlp_findings_list_form"),
        pytest.param("Findings of EMNLP", "findings-emnlp", id="findings_of_emnlp_list_form"),
        pytest.param("Findings of the Association for Computational Linguistics: NAACL 2022", "findings-naacl", id="anthology_findings_naacl"),
        pytest.param("Findings of EACL", "findings-eacl", id="findings_of_eacl_list_form"),
        pytest.param("Advances in Neural Information Processing Systems 36, Datasets and Benchmarks Track", "neurips-datasets-benchmarks",
                     id="neurips_datasets_and_benchmarks"),
        pytest.param("Proceedings of the Neural Information Processing Systems Track on Datasets and Benchmarks", "neurips-datasets-benchmarks",
                     id="neurips_datasets_and_benchmarks_2021"),
        pytest.param("NeurIPS 2019", "neurips", id="neurips_with_year"),
        pytest.param("NIPS", "neurips", id="nips"),
        pytest.param("Transactions on Machine Learning Research", "tmlr", id="tmlr"),
        pytest.param("Trans. Mach. Learn. Res.", "tmlr", id="tmlr_dblp_abbreviation"),
        pytest.param("Transactions of the Association for Computational Linguistics", "tacl", id="tacl"),
        pytest.param("Proceedings of the 28th International Conference on Computational Linguistics", "coling", id="coling"),
        pytest.param("Proceedings of the 16th Conference of the European Chapter of the Association for Computational Linguistics", "eacl", id="eacl"),
        pytest.param("Proceedings of the 27th Conference on Computational Natural Language Learning (CoNLL)", "conll", id="conll"),
        pytest.param("Conference on Robot Learning", "corl", id="corl"),
        pytest.param("2020 IEEE International Conference on Robotics and Automation (ICRA)", "icra", id="icra"),
        pytest.param("2021 IEEE/RSJ International Conference on Intelligent Robots and Systems (IROS)", "iros", id="iros"),
        pytest.param("Medical Image Computing and Computer Assisted Intervention - MICCAI 2020", "miccai", id="miccai"),
        pytest.param("Proceedings of The Web Conference 2020", "www", id="the_web_conference"),
        pytest.param("WWW 2020", "www", id="www_list_form"),
        pytest.param("Proceedings of the 14th ACM Conference on Recommender Systems", "recsys", id="recsys"),
        pytest.param("IEEE Transactions on Circuits and Systems for Video Technology", "tcsvt", id="tcsvt"),
        pytest.param("Neural Networks", "neural-networks", id="neural_networks_journal"),
        pytest.param("Proceedings of the 29th ACM International Conference on Information & Knowledge Management", "cikm", id="ampersand_is_and"),
        pytest.param("ACM-MM", "acm-mm", id="acm_mm_hyphen"),
        pytest.param("INTERSPEECH 2020", "interspeech", id="interspeech"),
        pytest.param("WACV 2021", "wacv", id="wacv"),
    ],
)
def test_venues_of_the_field_today_and_their_variants(taxonomy: Taxonomy, text: str, venue: str) -> None:
    assert taxonomy.match_venue(text) == (venue, None)


@pytest.mark.parametrize(
    ("text", "doubt"),
    [
        pytest.param(
            "Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics: System Demonstrations",
            "names a demonstrations variant of ACL",
            id="acl_system_demonstrations",
        ),
        pytest.param("Companion Proceedings of the Web Conference 2021", "names a companion variant of WWW", id="www_companion"),
        pytest.param("AAAI Workshop on Reasoning", "names a workshop variant of AAAI", id="aaai_workshop"),
        pytest.param("Findings of the Association for Computational Linguistics: COLING 2025", "names a findings variant of COLING", id="coling_findings"),
    ],
)
def test_a_qualified_venue_the_registry_lacks_is_a_doubt_never_the_main_venue(taxonomy: Taxonomy, text: str, doubt: str) -> None:
    venue, reason = taxonomy.match_venue(text)
    assert venue is None
    assert reason == (f"venue '{text}' {doubt}, which venues.yaml does not list; add it there rather than file the work under "
                      f"{doubt.rsplit(' of ', 1)[1]}")
