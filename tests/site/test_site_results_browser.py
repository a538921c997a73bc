"""The results pages in a real browser (Debian's chromium, as in test_site_browser): sorting,
filtering, grouping by pair, the links to the paper and the source table, and Explore's
"has results" facet. Expected values are computed from the records."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from sitegen.results import gain_from_scores
from sitegen.site import urls

from tests.site.conftest import BuiltSite, Watched
from tests.site.test_site_browser import _explore_state

pytestmark = pytest.mark.browser

TABLE = ".kd-results"


def _on(site: BuiltSite, dataset: str) -> list[tuple[str, float | None, str, str]]:
    """(anchor, gain from the scores, method, scheme ids) of every result on `dataset`."""
    metric = site.collection.taxonomy.benchmarks.metrics["top1-accuracy"]
    return [
        (f"r-{p.id}-{i}", gain_from_scores(r, metric), p.short_name or "", " ".join(p.labels("scheme")))
        for p in site.collection.papers for i, r in enumerate(p.results) if r.dataset == dataset
    ]


def _open(view: Watched, base: str, dataset: str) -> None:
    view.page.goto(base + urls.results(dataset))
    view.page.wait_for_selector(f"{TABLE}[data-ready=true]")


def _visible(view: Watched) -> list[str]:
    """Ids of the visible result rows, in the order the page shows them."""
    return view.page.eval_on_selector_all(
        f"{TABLE} tr.kd-result", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.id)"
    )


def _groups(view: Watched) -> list[list[str]]:
    return view.page.eval_on_selector_all(
        f"{TABLE} tbody.kd-pair",
        "groups => groups.filter(g => !g.hidden).map(g => Array.from(g.querySelectorAll('tr.kd-result')).filter(r => !r.hidden).map(r => r.id))",
    )


def test_sorting_by_gain_orders_each_pair_and_ungrouped_the_whole_table(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    rows = _on(real_site, "cifar-100")
    gain = {anchor: g for anchor, g, _, _ in rows}
    _open(watched, real_url, "cifar-100")
    header = f"{TABLE} th[data-sort=gain]"
    watched.page.click(header)
    assert watched.page.get_attribute(header, "aria-sort") == "descending"
    groups = _groups(watched)
    assert sum(len(g) for g in groups) == len(rows)
    for group in groups:
        assert [gain[a] for a in group] == sorted((gain[a] for a in group), reverse=True)
    watched.page.click(header)  # again: ascending
    assert watched.page.get_attribute(header, "aria-sort") == "ascending"
    for group in _groups(watched):
        assert [gain[a] for a in group] == sorted(gain[a] for a in group)
    # Without grouping, one list over every pair.
    watched.page.uncheck(f"{TABLE} .kd-results-controls input[type=checkbox]")
    shown = _visible(watched)
    assert len(shown) == len(rows) and _groups(watched) == []
    assert [gain[a] for a in shown] == sorted(gain[a] for a in shown)
    # Sorting by year with the keyboard.
    watched.page.focus(f"{TABLE} th[data-sort=year]")
    watched.page.keyboard.press("Enter")
    years = [real_site.collection.by_id[a.split("-", 1)[1].rsplit("-", 1)[0]].year for a in _visible(watched)]
    assert years == sorted(years, reverse=True)


def test_filters_by_words_scheme_and_pair(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    rows = _on(real_site, "cifar-100")
    _open(watched, real_url, "cifar-100")
    assert watched.page.get_attribute(TABLE, "data-shown") == str(len(rows))
    watched.page.fill(f"{TABLE} input[type=search]", "FSP")
    watched.page.wait_for_function(f"document.querySelector('{TABLE}').dataset.shown === '1'")
    assert _visible(watched) == ["r-yim2017gift-1"]
    assert watched.page.inner_text(f"{TABLE} .kd-results-count") == f"1 of {len(rows)} results"

    watched.page.fill(f"{TABLE} input[type=search]", "")
    watched.page.select_option(f"{TABLE} select[data-axis=scheme]", "online")
    online = sorted(a for a, _, _, scheme in rows if "online" in scheme.split())
    watched.page.wait_for_function(f"document.querySelector('{TABLE}').dataset.shown === '{len(online)}'")
    assert sorted(_visible(watched)) == online

    watched.page.select_option(f"{TABLE} select[data-axis=scheme]", "")
    watched.page.select_option(f"{TABLE} select[aria-label='Teacher–student pair']", "resnet110--resnet20")
    watched.page.wait_for_function(f"document.querySelector('{TABLE}').dataset.shown === '3'")
    assert sorted(_visible(watched)) == ["r-li2020local-0", "r-peng2019correlation-0", "r-zhao2020highlight-1"]


def test_a_row_links_to_its_paper_and_to_its_source_table(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    _open(watched, real_url, "cifar-10")
    page = watched.page
    page.click("#r-lan2018knowledge-0 a.kd-source")
    assert urlsplit(page.url).fragment == "source-survey-table5"
    assert page.is_visible("#source-survey-table5")
    assert "Table 5" in page.inner_text("#source-survey-table5")

    page.click("#r-lan2018knowledge-0 a.kd-method")
    page.wait_for_selector("#results")
    assert urlsplit(page.url).path == "/" + urls.paper("lan2018knowledge")
    assert page.inner_text("#r-lan2018knowledge-0 td.kd-num >> nth=1").startswith("+0.94")
    # ... and from the paper's results back to the row on the benchmark's page.
    page.click("#r-lan2018knowledge-0 td:first-child a")
    assert urlsplit(page.url).path == "/" + urls.results("cifar-10") and urlsplit(page.url).fragment == "r-lan2018knowledge-0"
    page.wait_for_selector(f"{TABLE}[data-ready=true]")
    assert page.is_visible("#r-lan2018knowledge-0")


def test_explore_has_a_has_results_facet(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    with_results = {p.id for p in real_site.collection.papers if p.results}
    page = watched.page
    page.goto(real_url + urls.EXPLORE)
    _explore_state(watched)
    box = '#kd-explore input[data-facet="results"][value="yes"]'
    count = page.inner_text("xpath=//input[@data-facet='results'][@value='yes']/../span[@class='kd-n']")
    assert int(count) == len(with_results) == 30
    page.check(box)
    shown, rows, listed = _explore_state(watched)
    assert shown == rows == len(with_results) and set(listed) == with_results
    assert "results=yes" in page.url
