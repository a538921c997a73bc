"""The title rule's mechanical part: the registry of protected words, the checks on a title,
the BibTeX protection of registered words, and the collection following both."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.errors import DataError
from sitegen.export.bibtex import protect_title
from sitegen.pipeline import load_collection
from sitegen.taxonomy import Taxonomy
from sitegen.titles import PROTECTED_WORDS_FILE, title_problems

ROOT = Path(__file__).resolve().parent.parent
WORDS = frozenset({"BERT", "CNN", "GANs", "Hilbert", "ImageNet"})


@pytest.mark.parametrize(
    "title, problems",
    [
        pytest.param("Patient knowledge distillation for BERT model compression", [], id="acronym_in_capitals"),
        pytest.param("Patient knowledge distillation for bert model compression",
                     ["'bert' is written in lower case; the registry of protected words (protected-words.yaml) writes it 'BERT'"],
                     id="acronym_lowered"),
        pytest.param("Cnn-based distillation",
                     [], id="acronym_in_another_case_is_not_lower_case"),
        pytest.param("A cnn-based student for imagenet, and another cnn",
                     ["'cnn' is written in lower case; the registry of protected words (protected-words.yaml) writes it 'CNN'",
                      "'imagenet' is written in lower case; the registry of protected words (protected-words.yaml) writes it 'ImageNet'"],
                     id="each_lowered_word_once_in_title_order"),
        pytest.param("Regularization in hilbert space", ["'hilbert' is written in lower case; the registry of protected words "
                                                         "(protected-words.yaml) writes it 'Hilbert'"], id="name_lowered"),
        pytest.param("Training gans with distillation", ["'gans' is written in lower case; the registry of protected words "
                                                         "(protected-words.yaml) writes it 'GANs'"], id="plural_as_listed"),
        pytest.param("Berths and bertha", [], id="only_whole_words"),
        pytest.param("DISTILLING THE KNOWLEDGE IN A NEURAL NETWORK",
                     ["the title is in capitals throughout; write it as the version of record prints it (docs/curation.md, Titles)"],
                     id="all_capitals"),
        pytest.param("MEAL: Multi-Model Ensemble", [], id="an_acronym_and_words_is_not_all_capitals"),
        pytest.param("XOR GAN", [], id="two_words_in_capitals_may_be_acronyms"),
    ],
)
def test_title_rules(title: str, problems: list[str]) -> None:
    assert title_problems(title, WORDS) == problems


@pytest.mark.parametrize(
    "title, protected",
    [
        ("Self-Distillation Amplifies Regularization in Hilbert Space", "Self-Distillation Amplifies Regularization in {Hilbert} Space"),
        ("Bayesian Dark Knowledge", "{Bayesian} Dark Knowledge"),
        ("Born Again Neural Networks", "Born Again Neural Networks"),
    ],
)
def test_registered_names_are_braced_even_in_title_case(title: str, protected: str) -> None:
    assert protect_title(title, frozenset({"Hilbert", "Bayesian"})) == protected


def test_check_warns_where_the_title_breaks_the_rule(collection: Path, cli) -> None:
    (collection / PROTECTED_WORDS_FILE).write_text("acronyms: [BERT]\n", encoding="utf-8")
    record = collection / "papers" / "sanh2019distilbert.yaml"
    record.write_text(record.read_text().replace("version of BERT", "version of bert"), encoding="utf-8")
    result = cli("check", "--strict", "papers/sanh2019distilbert.yaml")
    assert result.code == 1
    assert result.out == ("papers/sanh2019distilbert.yaml:3:8: warning: title: 'bert' is written in lower case; "
                          "the registry of protected words (protected-words.yaml) writes it 'BERT'\n")


@pytest.mark.parametrize(
    "text, message",
    [
        pytest.param("acronyms: [CNN, cnn]\n", "protected-words.yaml:1:11: error: acronyms: 'cnn' has no capital to protect", id="no_capital"),
        pytest.param("acronyms: [CNN]\nnames: [Cnn]\n", "protected-words.yaml:2:9: error: 'Cnn' is listed twice (as written or in another case)",
                     id="listed_twice"),
        pytest.param("acronyms: [LSTM-CTC]\n", "protected-words.yaml:1:11: error: acronyms: 'LSTM-CTC' is not one word (letters and digits only)",
                     id="two_words_in_one"),
        pytest.param("acronym: [CNN]\n", "protected-words.yaml:1:1: error: unknown field 'acronym'; did you mean 'acronyms'?", id="misspelt_key"),
    ],
)
def test_a_bad_registry_is_reported_where_it_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str) -> None:
    for name in ("taxonomy.yaml", "venues.yaml"):
        (tmp_path / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / PROTECTED_WORDS_FILE).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError) as caught:
        Taxonomy.load(Path("."))
    assert [p.format() for p in caught.value.problems] == [message]


def test_the_collection_follows_the_mechanical_title_rules() -> None:
    """No title in capitals throughout; no word of the registry in lower case (docs/curation.md, Titles)."""
    real = load_collection(ROOT)
    assert len(real.taxonomy.protected_words) >= 40  # the registry is the repository's, not an empty stand-in
    broken = {p.id: title_problems(p.title, real.taxonomy.protected_words) for p in real.papers}
    assert {k: v for k, v in broken.items() if v} == {}
