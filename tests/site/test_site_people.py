"""Author pages' names and addresses (who is who: tests/test_people.py)."""

from __future__ import annotations

import re

import pytest

from sitegen.site import urls
from sitegen.site.people import display_name, slug_for

from tests.site.conftest import BuiltSite, build


@pytest.mark.parametrize(
    "name, shown, slug",
    [
        ("Hinton, G. E.", "G. E. Hinton", "hinton-g-e"),
        ("Gómez, Ángel M.", "Ángel M. Gómez", "gomez-angel-m"),  # given names in full make the address
        ("Li, Yuanzhi", "Yuanzhi Li", "li-yuanzhi"),
        ("King, Jr., M. L.", "M. L. King Jr.", "king-m-l"),
        ("van der Maaten, L.", "L. van der Maaten", "van-der-maaten-l"),
        ("Plato", "Plato", "plato"),
    ],
)
def test_display_name_and_slug(name: str, shown: str, slug: str) -> None:
    assert display_name(name) == shown
    assert slug_for(name) == slug


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
