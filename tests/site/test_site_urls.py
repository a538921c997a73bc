"""The URL layout: links relative to the page, so the site works under any base path."""

from __future__ import annotations

import posixpath

import pytest

from sitegen.site import urls


@pytest.mark.parametrize(
    "target, page, expected",
    [
        pytest.param("papers/x/", "", "papers/x/", id="from_home"),
        pytest.param("", "papers/x/", "../../", id="home_from_paper"),
        pytest.param("papers/x/", "papers/x/", "./", id="self"),
        pytest.param("taxonomy/#knowledge", "taxonomy/", "#knowledge", id="anchor_on_same_page"),
        pytest.param("taxonomy/#knowledge", "papers/y/", "../../taxonomy/#knowledge", id="anchor_elsewhere"),
        pytest.param("downloads/kd.bib", "papers/x/", "../../downloads/kd.bib", id="file"),
        pytest.param("explore/papers.json", "explore/", "papers.json", id="file_beside_page"),
        pytest.param("years/2019/", "years/", "2019/", id="child"),
        pytest.param("years/", "years/2019/", "../", id="parent"),
    ],
)
def test_relative(target: str, page: str, expected: str) -> None:
    assert urls.relative(target, page) == expected


@pytest.mark.parametrize("target", ["", "papers/a/", "taxonomy/b/", "downloads/taxonomy/c.bib", "authors/"])
@pytest.mark.parametrize("page", ["", "papers/x/", "authors/", "years/2020/"])
def test_relative_link_resolves_to_target(target: str, page: str) -> None:
    resolved = posixpath.normpath(posixpath.join("/" + page, urls.relative(target, page)))
    expected = posixpath.normpath("/" + target)
    assert resolved == expected


def test_every_page_is_a_folder_with_an_index() -> None:
    assert urls.source_file(urls.paper("hinton2015distilling")) == "papers/hinton2015distilling/index.md"
    assert urls.source_file(urls.HOME) == "index.md"
    assert urls.source_file(urls.node("index")) == "taxonomy/index/index.md"  # cannot hide the overview
