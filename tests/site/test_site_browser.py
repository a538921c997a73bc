"""The built site in a real browser: Debian's chromium, driven by Playwright, against the site
served on localhost. Every page a test opens must log no console error and request nothing
from another host; requests that try are blocked and reported (the `browser` and `watched`
fixtures are in conftest.py)."""

from __future__ import annotations

import json
from collections import Counter
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from sitegen.export.bibtex import to_bibtex
from sitegen.model import Paper
from sitegen.site import urls

from tests.site.browsing import Watched, search
from tests.site.conftest import BuiltSite

pytestmark = pytest.mark.browser


def known_paper(site: BuiltSite) -> Paper:
    """A paper whose title, short name and authors the search tests look for."""
    with_short = [p for p in site.collection.papers if p.short_name and len(p.title.split()) >= 3]
    return (with_short or site.collection.papers)[0]


def test_search_finds_a_title(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    paper = known_paper(real_site)
    found = search(watched, real_url, paper.title)
    assert found and urlsplit(found[0]).path == "/" + urls.paper(paper.id)


def test_search_finds_short_name_family_name_and_venue(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    papers = real_site.collection.papers
    paper = known_paper(real_site)
    assert paper.short_name
    assert "/" + urls.paper(paper.id) in [urlsplit(u).path for u in search(watched, real_url, paper.short_name)]

    # A family name and a venue that few records share, so the paper is among the first results.
    families = Counter(a.split(",")[0] for p in papers for a in p.authors)
    by_family = next(p for p in papers if families[p.authors[0].split(",")[0]] == 1)
    found = search(watched, real_url, by_family.authors[0].split(",")[0])
    assert "/" + urls.paper(by_family.id) in [urlsplit(u).path for u in found]

    venues = Counter(p.venue for p in papers if p.venue)
    rare = min(venues, key=lambda v: (venues[v], v))
    in_venue = next(p for p in papers if p.venue == rare)
    found = search(watched, real_url, real_site.collection.taxonomy.venues[rare].short)
    assert "/" + urls.paper(in_venue.id) in [urlsplit(u).path for u in found]


def _busiest_node(site: BuiltSite, axis: str) -> tuple[str, set[str]]:
    """The node of `axis` with most papers (counting its sub-nodes), and those papers."""
    taxonomy = site.collection.taxonomy
    best: tuple[str, set[str]] = ("", set())
    for node in taxonomy.axis_node_ids(axis):
        wanted = {node, *taxonomy.descendants(node)}
        ids = {p.id for p in site.collection.papers if wanted & set(p.all_labels)}
        if len(ids) > len(best[1]):
            best = (node, ids)
    return best


def _explore_state(view: Watched) -> tuple[int, int, list[str]]:
    page = view.page
    page.wait_for_selector("#kd-explore[data-ready=true]")
    while page.is_visible(".kd-explore-more"):  # Explore draws long lists a page at a time
        page.click(".kd-explore-more")
    shown = int(page.get_attribute("#kd-explore", "data-shown") or -1)
    rows = page.eval_on_selector_all("#kd-explore tbody tr", "rows => rows.map(r => r.dataset.id)")
    return shown, len(rows), rows


def test_facet_filter_narrows_explore_and_survives_reload(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    page = watched.page
    axis = real_site.collection.taxonomy.axis_ids[0]
    node, ids = _busiest_node(real_site, axis)
    assert 0 < len(ids) < len(real_site.collection.papers), "the collection needs a label that not every paper has"
    page.goto(real_url + urls.EXPLORE)
    shown, rows, _ = _explore_state(watched)
    assert shown == rows == len(real_site.collection.papers)
    box = f'#kd-explore input[data-facet="{axis}"][value="{node}"]'
    count = page.inner_text(f"xpath=//input[@data-facet='{axis}'][@value='{node}']/../span[@class='kd-n']")
    assert int(count) == len(ids)
    page.check(box)
    shown, rows, listed = _explore_state(watched)
    assert shown == rows == len(ids)
    assert set(listed) == ids
    assert f"{axis}={node}" in page.url

    # A second facet narrows further (AND across facets); the count is computed from the data.
    year = max(p.year for p in real_site.collection.papers if p.id in ids)
    page.select_option("#kd-explore select[name=from]", str(year))
    both = {p.id for p in real_site.collection.papers if p.id in ids and p.year >= year}
    shown, rows, listed = _explore_state(watched)
    assert shown == rows == len(both) and set(listed) == both

    page.reload()
    shown, rows, listed = _explore_state(watched)
    assert shown == rows == len(both) and set(listed) == both
    assert page.is_checked(box)
    assert page.input_value("#kd-explore select[name=from]") == str(year)


def test_text_filter_and_sorting(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    page = watched.page
    paper = known_paper(real_site)
    page.goto(real_url + urls.EXPLORE + "?sort=title&text=" + urllib.request.quote(paper.title))
    shown, rows, listed = _explore_state(watched)
    assert paper.id in listed and shown == rows
    page.goto(real_url + urls.EXPLORE + "?sort=year")
    _, _, listed = _explore_state(watched)
    years = [real_site.collection.by_id[i].year for i in listed]
    assert years == sorted(years)


def test_copy_button_copies_the_bibtex(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    page = watched.page
    paper = known_paper(real_site)
    page.goto(real_url + urls.paper(paper.id))
    page.get_by_role("button", name="Copy BibTeX").click()  # the labelled button (issue 17), not an icon
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == to_bibtex([paper], real_site.collection.taxonomy).rstrip("\n")


def _check_links(view: Watched, base: str, path: str) -> int:
    """Open `path`, then fetch every same-site link and resource on it; return how many."""
    page = view.page
    page.goto(base + path)
    if path == urls.EXPLORE:
        page.wait_for_selector("#kd-explore[data-ready=true]")
    found = page.evaluate(
        """() => Array.from(document.querySelectorAll('[href], [src]')).map(el => {
            const value = el.getAttribute('href') ?? el.getAttribute('src');
            return new URL(value, location.href).href;
        })"""
    )
    local = sorted({u.split("#")[0] for u in found if urlsplit(u).hostname == "127.0.0.1"})
    for url in local:
        try:
            with urllib.request.urlopen(url) as response:
                assert response.status == 200, url
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{path}: {url} answers {error.code}") from None
    return len(local)


def test_links_resolve_on_every_kind_of_page(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    paper = known_paper(real_site)
    person = real_site.collection.papers[0].authors[0]
    from sitegen.site.people import people

    slug = next(p.slug for p in people(real_site.collection.papers) if person in p.forms)
    node = next(iter(real_site.collection.taxonomy.nodes))
    pages = [
        urls.HOME, urls.EXPLORE, urls.TAXONOMY, urls.node(node), urls.paper(paper.id), urls.AUTHORS,
        urls.author(slug), urls.VENUES, urls.venue(paper.venue or ""), urls.YEARS, urls.year(paper.year),
        urls.STATISTICS, urls.DOWNLOADS, urls.AUDIT, urls.CURATION, "performance/",
    ]
    checked = sum(_check_links(watched, real_url, path) for path in pages if path != "venues//")
    assert checked > len(real_site.collection.papers)  # Explore alone links every paper


def test_hostile_record_never_acts(tiny_site: BuiltSite, tiny_url: str, watched: Watched) -> None:
    page = watched.page
    hostile = tiny_site.collection.by_id["hostile2020script"]
    page.goto(tiny_url + urls.paper(hostile.id))
    assert page.inner_text("h1#title") == hostile.title
    assert page.title().startswith(hostile.title)
    assert page.inner_text(".kd-short") == hostile.short_name
    page.goto(tiny_url + urls.EXPLORE + "?text=script")
    _, rows, listed = _explore_state(watched)
    assert listed == [hostile.id]
    assert page.inner_text("#kd-explore tbody tr a") == hostile.title
    found = search(watched, tiny_url, "Hostile")
    assert any(urlsplit(u).path == "/" + urls.paper(hostile.id) for u in found)
    shown = page.inner_text(f'#kd-search-panel a.kd-search-hit[href*="{urls.paper(hostile.id)}"]')
    assert shown == hostile.title  # the search result shows the title as typed
    assert page.inner_text("#kd-search-panel .kd-short") == hostile.short_name
    page.wait_for_timeout(300)  # let any injected script run, so the dialog check below would see it
    assert json.dumps(watched.dialogs) == "[]"
