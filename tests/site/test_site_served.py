"""The site as it is really served: built for an address under a project path (/kd-bib/, as
GitHub Pages serves a project), served there by a server that answers a missing page with the
site's 404 page; on a phone-sized screen; and, for a local build, opened from disk."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

from sitegen.site import urls

from tests.site.browsing import Watched
from tests.site.conftest import BuiltSite, ServedSite, watching
from tests.site.sitecheck import crawl, external_resources

pytestmark = pytest.mark.browser

INDIGO = "rgb(64, 81, 181)"  # the theme's header colour: the stylesheets loaded
PHONE = (390, 844)


@pytest.fixture
def phone(browser: object) -> Iterator[Watched]:
    yield from watching(browser, *PHONE)


def test_every_link_of_every_page_resolves_under_the_project_path(served_site: ServedSite) -> None:
    site = served_site.built.site
    listed = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    # From home, from a missing page (the 404 page's links) and from every page of the sitemap
    # (retired ids' pages are linked from nowhere: they serve old links from elsewhere).
    reached, problems = crawl([served_site.url, served_site.url + "no/such/page/", *listed], served_site.url)
    assert problems == []
    pages = {p for p in site.rglob("*.html") if p.name != "404.html"}
    reached_pages = {u.split("?")[0] for u in reached}  # Explore's links with a filter are Explore
    assert len(reached_pages) == len(pages) == len(listed)
    assert reached_pages == set(listed)


def test_a_missing_page_shows_the_styled_404_with_working_links(served_site: ServedSite, watched: Watched) -> None:
    page = watched.page
    for missing in ("nothing-here", "papers/no-such-paper/", "a/b/c/d/e/"):
        response = page.goto(served_site.url + missing)
        assert response is not None and response.status == 404
        assert page.inner_text("h1") == "Page not found"
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == INDIGO
    page.get_by_role("link", name="Explore").last.click()
    page.wait_for_selector("#kd-explore[data-ready=true]")
    assert page.url == served_site.url + urls.EXPLORE
    page.goto(served_site.url + "a/b/c/d/e/")
    page.get_by_role("link", name="The home page").click()
    assert page.url == served_site.url
    assert page.inner_text("h1").rstrip("¶") == "Knowledge distillation bibliography"
    watched.errors = [e for e in watched.errors if "status of 404" not in e]  # the missing pages themselves


def test_pages_have_canonical_links_and_the_sitemap_is_absolute(served_site: ServedSite) -> None:
    site = served_site.built.site
    for html_file in sorted(site.rglob("index.html")):
        path = html_file.parent.relative_to(site).as_posix()
        expected = served_site.url + ("" if path == "." else path + "/")
        text = html_file.read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{expected}">' in text, html_file
    listed = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert listed and all(loc.startswith(served_site.url) for loc in listed)
    assert external_resources(site) == []  # with an address, pages still load nothing from elsewhere


def test_a_local_build_has_no_address(real_site: BuiltSite) -> None:
    home = (real_site.site / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in home
    assert "<loc>" not in (real_site.site / "sitemap.xml").read_text(encoding="utf-8")


def test_paper_fields_on_a_phone_put_each_label_above_its_value(real_site: BuiltSite, real_url: str, phone: Watched) -> None:
    paper = max(real_site.collection.papers, key=lambda p: (len(p.authors), p.id))
    assert len(paper.authors) >= 4
    page = phone.page
    page.goto(real_url + urls.paper(paper.id))
    authors = page.locator("dd.kd-authors").bounding_box()
    label = page.locator("dl.kd-fields dt").first.bounding_box()
    assert authors is not None and label is not None
    assert authors["width"] >= PHONE[0] / 2, authors
    assert label["y"] + label["height"] <= authors["y"] + 1  # the label sits above the value


def test_a_local_build_works_opened_from_disk(tiny_site: BuiltSite, watched: Watched) -> None:
    page = watched.page
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto((tiny_site.site / "index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == INDIGO
    page.locator(".md-tabs, .md-nav").get_by_role("link", name="Taxonomy").first.click()
    assert page.url == (tiny_site.site / "taxonomy" / "index.html").as_uri()
    assert page.inner_text("article h1").rstrip("¶") == "Taxonomy"
    page.locator("article a[href*='response-based']").first.click()
    assert page.url.endswith("/taxonomy/response-based/index.html")
    paper = next(p for p in tiny_site.collection.papers if "response-based" in p.all_labels)
    page.locator(f"li#{paper.id} a.kd-title").click()
    assert page.url == (tiny_site.site / "papers" / paper.id / "index.html").as_uri()
    assert page.inner_text("h1#title") == paper.title
    page.locator("dd.kd-authors a").first.click()
    assert Path(urlsplit(page.url).path).name == "index.html" and "/authors/" in page.url
    # From disk the site search loads nothing (it says it needs the site served): nothing fails.
    assert failed == []
