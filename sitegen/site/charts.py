"""Charts as static SVG, drawn at build time: no script, no external library, no request.

Two shapes cover the statistics page: bars per year stacked by the labels of one taxonomy axis,
and horizontal bars for counts per venue or per taxonomy node; a third, plain bars per year, is
the small chart above each node page's list. Every text is escaped here, as
the SVG goes into the page as markup; colours come from one palette that stays readable for
colour-blind readers (Okabe and Ito), with grey for 'unlabelled'.

For screen readers each chart has a title and a description that states its figures, and is a
group (not an image, whose parts a screen reader skips) whose links, years and venues and
nodes, each say what they lead to and are reached with the Tab key.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Callable
from html import escape

from markupsafe import Markup

from sitegen.site import urls
from sitegen.site.index import SiteIndex

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
UNLABELLED = "#BBBBBB"
FONT = 13  # user units in a 760-wide drawing: 11.8 px in Material's 688 px column at a 1,440 px window


@dataclass(frozen=True)
class Chart:
    anchor: str
    title: str
    caption: str
    svg: Markup


def _nice_step(maximum: int, ticks: int = 5) -> int:
    """A round step (1, 2 or 5 times a power of ten) giving about `ticks` gridlines."""
    if maximum <= ticks:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def _link(href: str | None, body: str, label: str) -> str:
    return f'<a href="{escape(href)}" aria-label="{escape(label)}">{body}</a>' if href else body


def _open(anchor: str, width: int, height: int, title: str, description: str) -> str:
    """The <svg> start tag with its title and description, which name it for screen readers."""
    ids = f"{anchor}-title {anchor}-desc"
    return (
        f'<svg class="kd-svg" viewBox="0 0 {width} {height}" role="group" aria-labelledby="{ids}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="{FONT}">'
        f'<title id="{anchor}-title">{escape(title)}</title><desc id="{anchor}-desc">{escape(description)}</desc>'
    )


def _plural(n: int) -> str:
    return f"{n:,} paper" if n == 1 else f"{n:,} papers"


def stacked_years(
    label: str, years: list[int], series: list[tuple[str, str, dict[int, int]]], link: Callable[[str], str], anchor: str = "chart"
) -> Markup:
    """Bars per year, one stacked segment per series (name, colour, counts by year)."""
    width, left, right, top = 760, 44, 12, 16
    legend_columns, legend_width = 2, 350  # room for a long node label at FONT
    legend_rows = math.ceil(len(series) / legend_columns)
    plot_height = 220
    height = top + plot_height + 40 + legend_rows * 20
    totals = {y: sum(counts.get(y, 0) for _, _, counts in series) for y in years}
    maximum = max(totals.values(), default=0) or 1
    step = _nice_step(maximum)
    top_value = math.ceil(maximum / step) * step
    slot = (width - left - right) / max(len(years), 1)
    bar = max(slot * 0.72, 1.0)
    base = top + plot_height

    def y_of(value: float) -> float:
        return base - plot_height * value / top_value

    peak = max(years, key=lambda y: (totals[y], y)) if years else None
    description = (
        f"Papers per year from {years[0]} to {years[-1]}; the tallest bar is {peak}'s ({totals[peak]:,}). "
        + "; ".join(f"{name}: {_plural(sum(counts.values()))}" for name, _, counts in series) + "."
        if years and peak is not None else "No papers."
    )
    out = [_open(anchor, width, height, label, description)]
    for tick in range(0, top_value + 1, step):
        y = y_of(tick)
        out.append(f'<line class="kd-grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="kd-axis-text" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    every = max(1, math.ceil(len(years) / 16))  # label at most 16 years, so labels never overlap
    for i, year in enumerate(years):
        x = left + i * slot + (slot - bar) / 2
        stacked = 0
        for name, colour, counts in series:
            n = counts.get(year, 0)
            if not n:
                continue
            y0, y1 = y_of(stacked), y_of(stacked + n)
            out.append(
                f'<rect x="{x:.1f}" y="{y1:.1f}" width="{bar:.1f}" height="{y0 - y1:.1f}" fill="{colour}">'
                f"<title>{year} · {escape(name)}: {n}</title></rect>"
            )
            stacked += n
        if i % every == 0 or i == len(years) - 1:
            body = f'<text class="kd-axis-text" x="{x + bar / 2:.1f}" y="{base + 16}" text-anchor="middle">{year}</text>'
            out.append(_link(link(urls.year(year)) if totals[year] else None, body, f"{year}: {_plural(totals[year])}"))
    for k, (name, colour, counts) in enumerate(series):
        row, col = divmod(k, legend_columns)
        x, y = left + col * legend_width, base + 36 + row * 20
        total = sum(counts.values())
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text class="kd-legend" x="{x + 18}" y="{y}">{escape(name)} ({total})</text>')
    out.append("</svg>")
    return Markup("".join(out))


def horizontal_bars(label: str, rows: list[tuple[str, int, str | None, int]], anchor: str = "chart") -> Markup:
    """One bar per row: (text, count, link or None, indent level)."""
    width, label_width, right, row_height, top = 760, 300, 48, 22, 8
    height = top + row_height * len(rows) + 8
    maximum = max((n for _, n, _, _ in rows), default=0) or 1
    span = width - label_width - right
    top_rows = sorted(rows, key=lambda r: -r[1])[:5]
    description = "Most papers: " + "; ".join(f"{text.lstrip('› ')}: {_plural(n)}" for text, n, _, _ in top_rows) + "." if rows else "No papers."
    out = [_open(anchor, width, height, label, description)]
    for i, (text, n, href, indent) in enumerate(rows):
        y = top + i * row_height
        shown = escape(text if len(text) <= 40 - 3 * indent else text[: 37 - 3 * indent] + "…")
        label_svg = f'<text class="kd-axis-text" x="{label_width - 8}" y="{y + 15}" text-anchor="end">{shown}<title>{escape(text)}</title></text>'
        out.append(_link(href, label_svg, f"{text.lstrip('› ')}: {_plural(n)}"))
        bar = span * n / maximum
        colour = PALETTE[0] if indent == 0 else PALETTE[4]
        out.append(f'<rect x="{label_width}" y="{y + 3}" width="{bar:.1f}" height="{row_height - 6}" fill="{colour}"><title>{escape(text)}: {n}</title></rect>')
        out.append(f'<text class="kd-axis-text" x="{label_width + bar + 6:.1f}" y="{y + 15}">{n}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def year_bars(label: str, counts: dict[int, int], link: Callable[[int], str], anchor: str = "chart") -> Markup:
    """A small chart of papers per year: a bar for each year with papers, on an axis running
    from the first year to the last (a year without papers shows as a gap), the count above each
    bar where there is room. Year labels link to `link(year)` (a node page's list of that year)."""
    width, left, right, top, plot_height = 760, 12, 12, 20, 100
    height = top + plot_height + 24
    years = list(range(min(counts), max(counts) + 1)) if counts else []
    maximum = max(counts.values(), default=0) or 1
    slot = (width - left - right) / max(len(years), 1)
    bar = max(min(slot * 0.72, 40.0), 1.0)
    base = top + plot_height
    description = (
        f"Papers per year from {years[0]} to {years[-1]}: " + "; ".join(f"{y}: {n:,}" for y, n in sorted(counts.items())) + "."
        if years else "No papers."
    )
    out = [_open(anchor, width, height, label, description)]
    out.append(f'<line class="kd-grid" x1="{left}" x2="{width - right}" y1="{base}" y2="{base}"/>')
    every = max(1, math.ceil(len(years) / 16))  # at most 16 year labels, so they never overlap
    for i, year in enumerate(years):
        x = left + i * slot + (slot - bar) / 2
        n = counts.get(year, 0)
        if n:
            y = base - plot_height * n / maximum
            out.append(f'<rect class="kd-year-bar" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{base - y:.1f}" fill="{PALETTE[0]}"><title>{year}: {_plural(n)}</title></rect>')
            if slot >= 3 * FONT:  # room for a count of up to four digits
                out.append(f'<text class="kd-axis-text" x="{x + bar / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{n:,}</text>')
        if i % every == 0 or i == len(years) - 1:
            body = f'<text class="kd-axis-text" x="{x + bar / 2:.1f}" y="{base + 16}" text-anchor="middle">{year}</text>'
            out.append(_link(link(year) if n else None, body, f"{year}: {_plural(n)}"))
    out.append("</svg>")
    return Markup("".join(out))


def _by_axis(index: SiteIndex, axis: str, years: list[int]) -> list[tuple[str, str, dict[int, int]]]:
    """Per top-level node of `axis`: papers per year (a node counts its sub-nodes' papers)."""
    series = []
    tops = index.taxonomy.top_nodes(axis)
    for k, node in enumerate(tops):
        ids = index.under_node[node]
        counts = Counter(index.paper(i).year for i in ids)
        series.append((index.taxonomy.nodes[node].label, PALETTE[k % len(PALETTE)], dict(counts)))
    unlabelled = Counter(p.year for p in index.papers if p.scope == "core" and not p.labels(axis))
    if unlabelled:
        series.append(("unlabelled", UNLABELLED, dict(unlabelled)))
    return series


def statistics(index: SiteIndex, page: str = urls.STATISTICS, top_venues: int = 25) -> list[Chart]:
    """The charts of the statistics page, in order, with links relative to `page`.

    Per axis of the taxonomy, papers per year stacked by its top-level nodes; papers per venue;
    and, for each axis whose nodes have sub-nodes (the application areas), papers per node.
    """
    def link(target: str) -> str:
        return urls.relative(target, page)

    taxonomy = index.taxonomy
    years = sorted(index.by_year)
    years = list(range(years[0], years[-1] + 1)) if years else []
    charts = []
    for axis in taxonomy.axes:
        noun = axis.label[0].lower() + axis.label[1:]
        title = f"Papers per year by {noun}"
        charts.append(Chart(
            f"year-{axis.id}", title, f"Core papers per year of publication, stacked by {noun}.",
            stacked_years(title, years, _by_axis(index, axis.id, years), link, f"chart-year-{axis.id}"),
        ))
    venues = sorted(index.by_venue.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    rows: list[tuple[str, int, str | None, int]] = [
        (taxonomy.venues[v].short, len(ids), link(urls.venue(v)), 0) for v, ids in venues[:top_venues]
    ]
    rest = venues[top_venues:]
    if rest:
        rows.append((f"{len(rest)} other venues", sum(len(ids) for _, ids in rest), link(urls.VENUES), 0))
    no_venue = sum(1 for p in index.papers if not p.venue)
    if no_venue:
        rows.append(("no venue", no_venue, None, 0))
    shown = min(top_venues, len(venues))
    charts.append(Chart("venues", "Papers per venue", f"The {shown} venues with most papers.", horizontal_bars("Papers per venue", rows, "chart-venues")))
    for axis in taxonomy.axes:
        if not any(taxonomy.children(n) for n in taxonomy.top_nodes(axis.id)):
            continue
        node_rows: list[tuple[str, int, str | None, int]] = []
        for top in taxonomy.top_nodes(axis.id):
            for node in (top, *taxonomy.descendants(top)):
                depth = len(taxonomy.ancestors(node))
                node_rows.append(("› " * depth + taxonomy.nodes[node].label, len(index.under_node[node]), link(urls.node(node)), depth))
        title = f"Papers per {axis.label[0].lower() + axis.label[1:]} area"
        charts.append(Chart(f"nodes-{axis.id}", title, "Each area counts the papers of its sub-areas.", horizontal_bars(title, node_rows, f"chart-nodes-{axis.id}")))
    return charts
