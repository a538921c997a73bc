"""Node pages give the shape of their field: papers per year as an SVG bar chart above the list,
and how many of their papers each source gave, both checked against the records."""

from __future__ import annotations

import html
import re
from collections import Counter

import pytest

from sitegen.model import Paper
from sitegen.site import urls

from tests.site.conftest import BuiltSite


def _page(site: BuiltSite, path: str) -> str:
    return (site.site / path / "index.html").read_text(encoding="utf-8")


def _under(site: BuiltSite, node: str) -> list[Paper]:
    taxonomy = site.collection.taxonomy
    wanted = {node, *taxonomy.descendants(node)}
    return [p for p in site.collection.papers if wanted & set(p.all_labels)]


def _chart(text: str, node: str) -> str:
    match = re.search(rf'<svg class="kd-svg"[^>]*aria-labelledby="chart-{node}-title chart-{node}-desc".*?</svg>', text, re.DOTALL)
    assert match, f"no chart on the page of {node}"
    return match.group(0)


def test_chart_has_a_bar_per_year_with_its_count(tiny_site: BuiltSite) -> None:
    text = _page(tiny_site, urls.node("response-based"))
    years = Counter(p.year for p in _under(tiny_site, "response-based"))
    assert years == {2015: 1, 2018: 1, 2019: 1, 2020: 1}  # hinton, anil, muller, hostile: the records as they are
    chart = _chart(text, "response-based")
    bars = re.findall(r'<rect class="kd-year-bar" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"[^>]*><title>(\d{4}): (\d+) papers?</title></rect>', chart)
    assert {int(year): int(n) for _, year, n in bars} == years
    assert len(bars) == len(years)
    assert "<title id=\"chart-response-based-title\">Papers per year: Response-based knowledge</title>" in chart
    assert "Papers per year from 2015 to 2020: 2015: 1; 2018: 1; 2019: 1; 2020: 1." in chart
    # Year labels of years with papers lead to the year's list on the page.
    for year in years:
        assert f'<a href="#y{year}" aria-label="{year}: 1 paper">' in chart
        assert re.search(rf'<h2[^>]* id="y{year}"', text), year
    assert '<a href="#y2016"' not in chart  # a year without papers is a gap, not a link
    assert text.index("kd-chart-small") < text.index('<ul class="kd-papers"')  # above the list


@pytest.mark.parametrize("node", ["feature-based", "response-based", "online"])
def test_bar_heights_follow_the_counts(real_site: BuiltSite, node: str) -> None:
    chart = _chart(_page(real_site, urls.node(node)), node)
    bars = {int(y): (float(h), int(n)) for h, y, n in re.findall(r'height="([\d.]+)"[^>]*><title>(\d{4}): (\d+) papers?</title>', chart)}
    assert {y: n for y, (_, n) in bars.items()} == dict(Counter(p.year for p in _under(real_site, node)))
    tallest = max(n for _, n in bars.values())
    for height, n in bars.values():
        assert height == pytest.approx(100 * n / tallest, abs=0.1)


def _expected_sources(site: BuiltSite, papers: list[Paper]) -> dict[str, int]:
    """Papers per source, counted from the records: a list by its name in sources/lists.yaml."""
    counts: Counter[str] = Counter()
    for paper in papers:
        if paper.sources is None or not (paper.sources.survey or paper.sources.seed or paper.sources.lists):
            counts["added by contributors from the paper's own page"] += 1
            continue
        counts["the survey's reference list"] += bool(paper.sources.survey)
        counts["the seed list"] += bool(paper.sources.seed)
        for name in {entry.list for entry in paper.sources.lists}:
            counts[f"the list {name}"] += 1
    return {name: n for name, n in counts.items() if n}


def _shown_sources(text: str) -> dict[str, int]:
    line = re.search(r'<p class="kd-sources-line">(.*?)</p>', text)
    assert line, "no sources line"
    found = re.findall(r"<strong>([\d,]+)</strong> (?:from )?(the survey's reference list|the seed list|the list <a [^>]*>[^<]*</a>|added by contributors from the paper's own page)", line.group(1))
    return {re.sub(r"<[^>]+>", "", name): int(n.replace(",", "")) for n, name in found}


@pytest.mark.parametrize("which", ["tiny", "real"])
def test_source_counts_match_the_records(request: pytest.FixtureRequest, which: str) -> None:
    site: BuiltSite = request.getfixturevalue(f"{which}_site")
    lists = site.collection.lists
    for node in site.collection.taxonomy.nodes:
        papers = _under(site, node)
        text = _page(site, urls.node(node))
        if not papers:
            assert "kd-sources-line" not in text and "kd-chart-small" not in text, node
            continue
        assert _shown_sources(text) == _expected_sources(site, papers), node
        for name, registered in lists.items():  # a list links to its repository
            if f"the list {name}" in _expected_sources(site, papers):
                assert f'<a href="https://github.com/{html.escape(registered.repository)}" rel="noopener">{name}</a>' in text, node
    assert any("the list" in k for k in _expected_sources(site, site.collection.papers)) == (which == "real")


@pytest.mark.browser
def test_chart_bars_render_at_their_height(watched: object, tiny_url: str) -> None:
    """In the browser each bar is drawn as tall as its count says (no page style overrides it)."""
    page = watched.page  # type: ignore[attr-defined]
    page.goto(tiny_url + urls.node("response-based"))
    drawn = page.eval_on_selector_all(
        "figure.kd-chart-small rect",
        "rs => rs.map(r => [r.getBoundingClientRect().height, r.height.baseVal.value, r.ownerSVGElement.getBoundingClientRect().width])",
    )
    assert len(drawn) == 4
    for shown, drawn_units, width in drawn:
        assert drawn_units == pytest.approx(100)  # every year has one paper: each bar is the tallest
        assert shown == pytest.approx(drawn_units * width / 760, rel=0.02)
