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


def test_the_survey_axes_and_main_nodes_have_the_agreed_ids(taxonomy: Taxonomy) -> None:
    assert taxonomy.axis_ids == ("knowledge", "scheme", "architecture", "algorithm", "application")
    assert taxonomy.top_nodes("knowledge") == ("response-based", "feature-based", "relation-based")
    assert taxonomy.top_nodes("scheme") == ("offline", "online", "self-distillation")
    assert taxonomy.top_nodes("algorithm") == (
        "adversarial", "multi-teacher", "cross-modal", "graph-based", "attention-based",
        "data-free", "quantized", "lifelong", "nas-based",
    )
    assert taxonomy.top_nodes("application") == ("visual-recognition", "nlp", "speech", "other-applications")
    assert len(taxonomy.top_nodes("architecture")) == 5


def test_every_node_names_a_survey_section_and_describes_itself(taxonomy: Taxonomy) -> None:
    for info in taxonomy.nodes.values():
        assert info.node.section in taxonomy.sections
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
        "taxonomy.yaml:15:5: error: missing required field 'label' in axes[0]",
        "taxonomy.yaml:16:5: error: unknown field 'lable' in axes[0]; did you mean 'label'?",
    ]
