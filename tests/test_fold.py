"""Keys for comparing titles and names: every script kept, dashes as one, look-alike letters folded."""

from __future__ import annotations

import pytest

from sitegen.fold import fold, title_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("Multi\u2010Teacher Knowledge Distillation", "Multi-Teacher Knowledge Distillation", id="unicode_hyphen_u2010"),
        pytest.param("Multi\u2011Teacher", "Multi-Teacher", id="non_breaking_hyphen"),
        pytest.param("Teacher\u2013Student Learning", "Teacher-Student Learning", id="en_dash"),
        pytest.param("Teacher\u2212Student", "Teacher-Student", id="minus_sign"),
        pytest.param("Self\u00addistillation", "Self-distillation", id="soft_hyphen"),
        pytest.param("Selfdistillation amplifies regularization", "Self-Distillation Amplifies Regularization", id="glued_word_and_hyphen"),
        pytest.param("Distillation \u2014 a survey", "Distillation: A Survey", id="em_dash_between_words"),
        pytest.param("Pati\u0435nt knowl\u0435dge", "Patient knowledge", id="cyrillic_ie_homoglyph"),
        pytest.param("P\u0430tient", "Patient", id="cyrillic_a_homoglyph"),
        pytest.param("\u0391lexNet", "AlexNet", id="greek_capital_alpha_homoglyph"),
        pytest.param("\uff26\uff49\uff54\uff2e\uff45\uff54\uff53", "FitNets", id="full_width_letters"),
        pytest.param("\ufb01ne-tuning", "fine-tuning", id="ligature"),
        pytest.param("Sch\u00f6lkopf", "Scho\u0308lkopf", id="composed_and_decomposed_accent"),
        pytest.param("Scholkopf", "Sch\u00f6lkopf", id="accent_dropped"),
        pytest.param("STRASSE", "Straße", id="case_folded"),
    ],
)
def test_forms_of_one_title_have_one_key(a: str, b: str) -> None:
    assert title_key(a) == title_key(b)


@pytest.mark.parametrize(
    ("title", "kept"),
    [
        pytest.param("数据集蒸馏：一篇新闻", "数据集蒸馏", id="chinese"),
        pytest.param("知識蒸留の研究", "知識蒸留の研究", id="japanese"),
        pytest.param("지식 증류", "지식 증류", id="korean"),
        pytest.param("Дистилляция знаний", "дистилляция", id="russian"),
        pytest.param("Απόσταξη γνώσης", "γνωσης", id="greek"),
        pytest.param("ज्ञान आसवन", "ज्ञान आसवन", id="devanagari_with_its_vowel_signs"),
    ],
)
def test_letters_of_every_script_are_kept(title: str, kept: str) -> None:
    key = title_key(title)
    assert fold(kept) in key
    assert any(not c.isascii() for c in key)  # the other script's letters, not an empty or Latin-only key


def test_a_headline_in_another_script_is_not_the_english_title() -> None:
    assert title_key("数据集蒸馏 Dataset Distillation") != title_key("Dataset Distillation")
    assert title_key("数据集蒸馏") != title_key("知识蒸馏") != ""


def test_punctuation_and_spacing_do_not_matter() -> None:
    assert title_key("  BAM!  Born-again   multi-task networks. ") == title_key("BAM: born-again multi-task networks")
