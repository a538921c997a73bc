"""Author pages' names and addresses (who is who: tests/test_people.py)."""

from __future__ import annotations

import re

import pytest

from sitegen.site import urls
from sitegen.site.people import display_name, group_forms, slug_for

from tests.site.conftest import BuiltSite, build


@pytest.mark.parametrize(
    "forms, expected",
    [
        pytest.param(["Gómez, A.", "Gomez, A."], [["Gomez, A.", "Gómez, A."]], id="accents"),
        pytest.param(["Müller, R.", "Mueller, R."], [["Mueller, R."], ["Müller, R."]], id="transliteration_is_not_folded"),
        pytest.param(["Tao, D.", "Xu, D."], [["Tao, D."], ["Xu, D."]], id="other_family"),
        pytest.param(["张, 伟", "李, 伟"], [["张, 伟"], ["李, 伟"]], id="two_chinese_family_names_are_two_people"),
        pytest.param(["张, 伟", "Zhang, Wei"], [["Zhang, Wei"], ["张, 伟"]], id="scripts_are_never_merged"),
        pytest.param(["Østergaard, M.", "Ostergaard, M."], [["Ostergaard, M.", "Østergaard, M."]], id="latin_letter_variants"),
    ],
)
def test_names_in_any_script_are_grouped_by_their_letters(forms: list[str], expected: list[list[str]]) -> None:
    assert group_forms(forms) == expected


@pytest.mark.parametrize(
    "name, shown, slug",
    [
        ("Hinton, G. E.", "G. E. Hinton", "hinton-g-e"),
        ("Gómez, Ángel M.", "Ángel M. Gómez", "gomez-angel-m"),  # given names in full make the address
        ("Li, Yuanzhi", "Yuanzhi Li", "li-yuanzhi"),
        ("King, Jr., M. L.", "M. L. King Jr.", "king-m-l"),
        ("van der Maaten, L.", "L. van der Maaten", "van-der-maaten-l"),
        ("Plato", "Plato", "plato"),
        pytest.param("张, 伟", "伟 张", "zhang-w", id="chinese"),
        pytest.param("Иванов, Иван", "Иван Иванов", "ivanov-ivan", id="cyrillic"),
        pytest.param("عبدالله‌زاده, علی", "علی عبدالله‌زاده", "bdllhzdh-ly", id="persian_with_zero_width_non_joiner"),
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


@pytest.fixture(scope="module")
def people_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """tests/data/people (two people written 'Li, Y.', one person in two forms) as a site."""
    from tests.test_people import collection_copy

    root = collection_copy(tmp_path_factory.mktemp("people") / "collection")
    return build(root, tmp_path_factory.mktemp("people-out"))


def listed(site: BuiltSite, slug: str) -> list[str]:
    text = (site.site / urls.author(slug) / "index.html").read_text(encoding="utf-8")
    return sorted(re.findall(r'<li id="([a-z0-9-]+)"><a class="kd-title"', text))


def test_author_pages_are_per_person(people_site: BuiltSite) -> None:
    assert listed(people_site, "li-yuanzhi") == ["allenzhu2019learning"]
    assert listed(people_site, "li-yazhe") == ["vandenoord2018parallel"]
    assert listed(people_site, "li-y") == ["nie2019dynamic"]
    assert listed(people_site, "hinton-geoffrey-e") == ["hinton2015distilling", "krizhevsky2012imagenet"]
    assert sorted(p.name for p in (people_site.site / "authors").iterdir() if p.name.startswith(("li-", "hinton"))) == [
        "hinton-geoffrey-e", "li-y", "li-yazhe", "li-yuanzhi",
    ]


def test_a_paper_links_each_author_to_that_persons_page(people_site: BuiltSite) -> None:
    text = (people_site.site / urls.paper("vandenoord2018parallel") / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../authors/li-yazhe/">Y. Li</a>' in text  # written 'Li, Y.', named by author_ids
    text = (people_site.site / urls.paper("nie2019dynamic") / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../authors/li-y/">Y. Li</a>' in text


def test_an_ambiguous_name_points_to_whom_it_may_be(people_site: BuiltSite) -> None:
    text = (people_site.site / urls.author("li-y") / "index.html").read_text(encoding="utf-8")
    note = re.search(r'<p class="kd-ambiguous">(.*?)</p>', text, re.DOTALL)
    assert note is not None
    assert re.sub(r"\s+", " ", note.group(1)) == (
        'The records write this name without the given names that would tell apart '
        '<a href="../li-yazhe/">Yazhe Li</a>, <a href="../li-yuanzhi/">Yuanzhi Li</a>: '
        "the papers below are not yet attributed to one person."
    )
    hinton = (people_site.site / urls.author("hinton-geoffrey-e") / "index.html").read_text(encoding="utf-8")
    assert "<h1 id=\"title\">Geoffrey E. Hinton</h1>" in hinton
    assert "(written as <em>Hinton, G.</em>; <em>Hinton, G. E.</em>)" in hinton
