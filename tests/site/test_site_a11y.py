"""A site every reader can use, checked in the browser: axe-core (a pinned copy, injected from
the installed package, no network) on each kind of page; charts at full width with legible
labels, named for screen readers and reachable by keyboard; the Copy BibTeX button; padded
tables."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from sitegen.site import urls

from tests.site.browsing import Watched
from tests.site.conftest import BuiltSite, watching

pytestmark = pytest.mark.browser

WIDE = (1440, 900)


def axe_script() -> Path:
    from axe_playwright_python.base import AXE_FILE_PATH  # axe-core, pinned by the test extra

    return Path(AXE_FILE_PATH)


@pytest.fixture
def wide(browser: object) -> Iterator[Watched]:
    yield from watching(browser, *WIDE)


def pages_to_check(site: BuiltSite) -> list[str]:
    papers = site.collection.papers
    paper = max(papers, key=lambda p: (len(p.authors), p.id))
    node = max(site.collection.taxonomy.nodes, key=lambda n: sum(n in p.all_labels for p in papers))
    from sitegen.site.people import people

    person = max(people(papers), key=lambda p: (len(p.papers), p.slug))
    return [urls.HOME, urls.node(node), urls.paper(paper.id), urls.author(person.slug), urls.EXPLORE, urls.STATISTICS]


def serious_violations(view: Watched, url: str) -> list[str]:
    page = view.page
    page.goto(url)
    if "/explore/" in url:
        page.wait_for_selector("#kd-explore[data-ready=true]")
    page.add_script_tag(path=str(axe_script()))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{url}: {v['impact']} {v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_axe_finds_no_serious_violation(real_site: BuiltSite, real_url: str, wide: Watched) -> None:
    found = [line for path in pages_to_check(real_site) for line in serious_violations(wide, real_url + path)]
    assert found == []
    assert wide.page.evaluate("axe.version").startswith("4.")


def test_axe_finds_no_serious_violation_in_dark_mode(real_site: BuiltSite, real_url: str, wide: Watched) -> None:
    wide.page.emulate_media(color_scheme="dark")
    found = [line for path in pages_to_check(real_site)[:3] for line in serious_violations(wide, real_url + path)]
    assert found == []


def test_axe_catches_what_it_is_here_to_catch(real_url: str, wide: Watched) -> None:
    """The check can fail: the pre-fix link style (text links told by colour alone) is reported."""
    page = wide.page
    page.goto(real_url)
    page.add_style_tag(content=".md-typeset a { text-decoration: none !important; }")
    page.add_script_tag(path=str(axe_script()))
    result = page.evaluate("axe.run(document, {runOnly: ['link-in-text-block']})")
    assert [v["id"] for v in result["violations"]] == ["link-in-text-block"]


def test_charts_fill_the_column_with_legible_labels(real_url: str, wide: Watched) -> None:
    page = wide.page
    page.goto(real_url + urls.STATISTICS)
    sizes = page.evaluate(
        """() => {
            const column = document.querySelector('article.md-content__inner');
            const style = getComputedStyle(column);
            const width = column.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            return [...document.querySelectorAll('figure.kd-chart svg')].map(svg => {
                const texts = [...svg.querySelectorAll('text')];
                const px = texts.map(t => t.getScreenCTM().a * parseFloat(getComputedStyle(t).fontSize));
                return {ratio: svg.getBoundingClientRect().width / width, smallest: Math.min(...px)};
            });
        }"""
    )
    assert len(sizes) >= 6
    for chart in sizes:
        assert chart["ratio"] > 0.99, sizes
        assert chart["smallest"] >= 11, sizes


def test_charts_are_named_for_screen_readers_and_their_links_reached_by_keyboard(real_site: BuiltSite, real_url: str, wide: Watched) -> None:
    page = wide.page
    page.goto(real_url + urls.STATISTICS)
    first = page.get_by_role("group", name="Papers per year by knowledge")
    assert first.count() == 1
    described = first.get_attribute("aria-labelledby") or ""
    desc = page.locator(f"#{described.split()[1]}").text_content() or ""
    papers, taxonomy = real_site.collection.papers, real_site.collection.taxonomy

    def bar(year: int) -> int:  # a year's stacked bar: each top node's core papers, and the unlabelled
        core = [p for p in papers if p.year == year and p.scope == "core"]
        tops = taxonomy.top_nodes("knowledge")
        labelled = sum(any(n == t or t in taxonomy.ancestors(n) for n in p.labels("knowledge")) for t in tops for p in core)
        return labelled + sum(not p.labels("knowledge") for p in core)

    tallest = max({p.year for p in papers}, key=lambda y: (bar(y), y))
    assert f"the tallest bar is {tallest}'s ({bar(tallest):,})" in desc
    venue_chart = page.get_by_role("group", name="Papers per venue")
    assert venue_chart.get_by_role("link").count() >= 5
    # Tab from the top of the page until the focus lands inside a chart: a year link.
    page.locator("body").focus()
    for _ in range(120):
        page.keyboard.press("Tab")
        where = page.evaluate("() => document.activeElement.closest('svg.kd-svg') ? document.activeElement.getAttribute('aria-label') : null")
        if where:
            break
    assert where is not None and where.split(":")[0].isdigit(), where
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == real_url + urls.year(int(where.split(":")[0]))


def test_copy_bibtex_is_a_labelled_button_visible_on_a_touch_screen(real_site: BuiltSite, real_url: str, browser: object) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)  # type: ignore[attr-defined]
    view = Watched(context)
    try:
        paper = real_site.collection.papers[0]
        view.page.goto(real_url + urls.paper(paper.id))
        button = view.page.get_by_role("button", name="Copy BibTeX")
        assert button.is_visible()
        box = button.bounding_box()
        assert box is not None and box["height"] >= 24 and box["width"] >= 60
        style = button.evaluate("b => { const s = getComputedStyle(b); return [s.opacity, s.visibility]; }")
        assert style == ["1", "visible"]
        view.page.add_script_tag(path=str(axe_script()))
        result = view.page.evaluate("axe.run('.kd-bibtex', {runOnly: ['color-contrast', 'button-name']})")
        assert result["violations"] == [] and len(result["passes"]) == 2
    finally:
        context.close()
    assert view.errors == [] and view.external == []


def test_download_tables_keep_their_cells_apart(real_url: str, wide: Watched) -> None:
    page = wide.page
    page.goto(real_url + urls.DOWNLOADS)
    gaps = page.evaluate(
        """() => [...document.querySelectorAll('table.kd-table tbody tr')].slice(0, 5).flatMap(row => {
            const text = cell => { const r = document.createRange(); r.selectNodeContents(cell); return r.getBoundingClientRect(); };
            const cells = [...row.cells];
            return cells.slice(1).map((cell, i) => text(cell).left - text(cells[i]).right);
        })"""
    )
    assert gaps and min(gaps) >= 12, gaps  # about a character's width at least, as '352124.8 KB' was not
