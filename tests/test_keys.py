"""Record ids: familyYEARword, ASCII, with a stable rule for collisions."""

from __future__ import annotations

import pytest

from sitegen.keys import base_key, matches_base, next_free


@pytest.mark.parametrize(
    "author, year, title, key",
    [
        ("Hinton, G.", 2015, "Distilling the knowledge in a neural network", "hinton2015distilling"),
        ("Ba, J.", 2014, "Do deep nets really need to be deep?", "ba2014deep"),
        ("Lopez-Paz, D.", 2016, "Unifying distillation and privileged information", "lopezpaz2016unifying"),
        ("Schölkopf, B.", 2001, "Learning with kernels", "scholkopf2001learning"),
        ("van der Maaten, L.", 2008, "Visualizing data using t-SNE", "vandermaaten2008visualizing"),
        ("Ashok, A.", 2018, "N2N learning: Network to network compression", "ashok2018n2n"),
        ("Zhao, M.", 2018, "Through-wall human pose estimation using radio signals", "zhao2018wall"),
        ("Zhang, L.", 2019, "Be your own teacher", "zhang2019own"),
        pytest.param("张, 伟", 2020, "知识蒸馏", "zhang2020zhishizhengliu", id="chinese_name_and_title"),
        pytest.param("Иванов, И.", 2021, "Дистилляция знаний", "ivanov2021distillyatsiya", id="cyrillic"),
        pytest.param("Παπαδόπουλος, Γ.", 2019, "Απόσταξη γνώσης", "papadopoylos2019apostaxi", id="greek"),
        pytest.param("Østergaard, M.", 2020, "Łatwa destylacja", "ostergaard2020latwa", id="latin_letters_without_decomposition"),
        pytest.param("…, A.", 2020, "!!!", "anon2020untitled", id="no_letters_at_all"),
        pytest.param("Smith, A.", 2020, "A " + "x" * 300 + " model", "smith2020" + "x" * 40, id="three_hundred_letter_word"),
        pytest.param("W" * 300 + ", A.", 2020, "Model", "w" * 40 + "2020model", id="three_hundred_letter_family_name"),
    ],
)
def test_base_key(author: str, year: int, title: str, key: str) -> None:
    assert base_key(author, year, title) == key


def test_a_taken_key_gets_the_next_free_number() -> None:
    assert next_free("xu2018training", set()) == "xu2018training"
    assert next_free("xu2018training", {"xu2018training"}) == "xu2018training-2"
    assert next_free("xu2018training", {"xu2018training", "xu2018training-2"}) == "xu2018training-3"


def test_a_suffixed_id_still_matches_its_base() -> None:
    assert matches_base("xu2018training-2", "xu2018training")
    assert not matches_base("xu2018trainings", "xu2018training")
    assert not matches_base("xu2018training-1", "xu2018training")


def test_the_key_of_a_name_kept_whole_uses_all_of_it() -> None:
    from sitegen.keys import base_key

    assert base_key("{OpenAI}", 2023, "GPT-4 technical report") == "openai2023gpt"
    assert base_key("{Ernst and Young}", 2020, "A report") == "ernstandyoung2020report"


def test_every_base_key_is_an_id_and_a_usable_file_name() -> None:
    from sitegen.keys import ID_PATTERN
    import re

    for author, title in [("张, 伟", "知识蒸馏"), ("Smith, A.", "x" * 1000), ("عبدالله‌زاده, علی", "تقطیر دانش")]:
        key = base_key(author, 2020, title)
        assert re.fullmatch(ID_PATTERN, key) and len(f"{key}-99.yaml") < 255, key
