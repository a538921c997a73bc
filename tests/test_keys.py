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
