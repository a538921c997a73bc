"""Author name variants: merged only where one person is the only reading."""

from __future__ import annotations

import pytest

from sitegen.site.people import NameForm, display_name, group_forms, slug_for


@pytest.mark.parametrize(
    "forms, expected",
    [
        pytest.param(["Hinton, G.", "Hinton, G. E."], [["Hinton, G.", "Hinton, G. E."]], id="initial_prefix"),
        pytest.param(["Hinton, G. E.", "Hinton, Geoffrey E."], [["Hinton, G. E.", "Hinton, Geoffrey E."]], id="initials_and_full_name"),
        pytest.param(["Gómez, A.", "Gomez, A."], [["Gomez, A.", "Gómez, A."]], id="accents"),
        pytest.param(["Müller, R.", "MÜLLER, R."], [["MÜLLER, R.", "Müller, R."]], id="case"),
        pytest.param(["Li, J.-P.", "Li, Jian-Ping", "Li, J. P."], [["Li, J. P.", "Li, J.-P.", "Li, Jian-Ping"]], id="hyphenated_given_names"),
        pytest.param(["Müller, R.", "Mueller, R."], [["Mueller, R."], ["Müller, R."]], id="transliteration_is_not_folded"),
        pytest.param(["Hinton, G.", "Hinton, E."], [["Hinton, E."], ["Hinton, G."]], id="different_initials"),
        pytest.param(["Wang, Xin", "Wang, Xiao"], [["Wang, Xiao"], ["Wang, Xin"]], id="different_full_names"),
        pytest.param(
            ["Wang, X.", "Wang, X. Y.", "Wang, X. Z."],
            [["Wang, X."], ["Wang, X. Y."], ["Wang, X. Z."]],
            id="ambiguous_short_form_stays_apart",
        ),
        pytest.param(["Smith", "Smith, J.", "Smith, K."], [["Smith"], ["Smith, J."], ["Smith, K."]], id="family_only_is_ambiguous"),
        pytest.param(["Tao, D.", "Xu, D."], [["Tao, D."], ["Xu, D."]], id="other_family"),
        pytest.param(["张, 伟", "李, 伟"], [["张, 伟"], ["李, 伟"]], id="two_chinese_family_names_are_two_people"),
        pytest.param(["张, 伟", "Zhang, Wei"], [["Zhang, Wei"], ["张, 伟"]], id="scripts_are_never_merged"),
        pytest.param(["Østergaard, M.", "Ostergaard, M."], [["Ostergaard, M.", "Østergaard, M."]], id="latin_letter_variants"),
    ],
)
def test_group_forms(forms: list[str], expected: list[list[str]]) -> None:
    assert group_forms(forms) == expected


def test_grouping_does_not_depend_on_order() -> None:
    forms = ["Hinton, G.", "Wang, X. Y.", "Hinton, G. E.", "Wang, X.", "Wang, X. Z.", "Gomez, A.", "Gómez, A."]
    assert group_forms(forms) == group_forms(list(reversed(forms)))


def test_name_form_reads_initials_written_together() -> None:
    assert NameForm.parse("Hinton, G.E.").given == (("g", None), ("e", None))
    assert NameForm.parse("Kahou, Samira E.").given == (("s", "samira"), ("e", None))


@pytest.mark.parametrize(
    "name, shown, slug",
    [
        ("Hinton, G. E.", "G. E. Hinton", "hinton-g-e"),
        ("Gómez, Ángel M.", "Ángel M. Gómez", "gomez-a-m"),
        ("King, Jr., M. L.", "M. L. King Jr.", "king-m-l"),
        ("van der Maaten, L.", "L. van der Maaten", "van-der-maaten-l"),
        ("Plato", "Plato", "plato"),
        pytest.param("张, 伟", "伟 张", "zhang-w", id="chinese"),
        pytest.param("Иванов, Иван", "Иван Иванов", "ivanov-i", id="cyrillic"),
        pytest.param("عبدالله‌زاده, علی", "علی عبدالله‌زاده", "bdllhzdh-l", id="persian_with_zero_width_non_joiner"),
        pytest.param("…, A.", "A. …", "author-a", id="no_letters_in_the_family_name"),
    ],
)
def test_display_name_and_slug(name: str, shown: str, slug: str) -> None:
    assert display_name(name) == shown
    assert slug_for(name) == slug


@pytest.mark.parametrize(
    "forms, expected",
    [
        pytest.param(["{Google}", "Google, J."], [["Google, J."], ["{Google}"]], id="organisation_apart_from_a_person_of_that_name"),
        pytest.param(["{OpenAI}", "{OpenAI}"], [["{OpenAI}"]], id="organisation_written_twice"),
    ],
)
def test_names_kept_whole_are_one_person_each(forms: list[str], expected: list[list[str]]) -> None:
    assert group_forms(forms) == expected


def test_a_name_kept_whole_is_shown_and_linked_whole() -> None:
    assert display_name("{Ernst and Young}") == "Ernst and Young"
    assert slug_for("{Google, Inc.}") == "google-inc"
    assert display_name("Hinton, G. E.") == "G. E. Hinton"
