"""The results pages' data: every record's results by benchmark, teacher-student pairs grouped so
that methods measured on the same pair sit together, and a small chart of gain per method for
the pairs most methods share.

The gain shown is the one the scores give; where the source prints another, the row says so
beside it (the record's doubt explains). Everything is in a fixed order, so the same records
give the same pages byte for byte.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from html import escape

from markupsafe import Markup

from sitegen.benchmarks import Dataset, Metric
from sitegen.export.results import method_name
from sitegen.model import Paper, Result
from sitegen.results import gain_disagrees, gain_from_scores
from sitegen.site import urls
from sitegen.site.index import SiteIndex

CHART_PAIRS = 4  # charts per table: the pairs with the most results
CHART_MIN = 2  # a chart compares at least this many results


@dataclass(frozen=True)
class Row:
    """One result as the pages show it."""

    paper: Paper
    index: int  # the result's position in the record
    result: Result
    metric: Metric

    @property
    def anchor(self) -> str:
        return f"r-{self.paper.id}-{self.index}"

    @property
    def method(self) -> str:
        return method_name(self.paper)

    @cached_property
    def computed(self) -> float | None:
        return gain_from_scores(self.result, self.metric)

    @property
    def gain(self) -> float | None:
        """The gain shown: from the scores where there is a baseline, else as the source prints it."""
        return self.computed if self.computed is not None else self.result.gain

    @property
    def printed_differs(self) -> bool:
        return gain_disagrees(self.result, self.metric)

    def shown(self, value: float | None) -> str:
        return "—" if value is None else self.metric.shown(value)

    def signed(self, value: float | None) -> str:
        return "—" if value is None else ("+" if value > 0 else "") + self.metric.shown(value)


@dataclass(frozen=True)
class Pair:
    """The results of one teacher-student pair on one benchmark."""

    key: str
    teacher: str
    student: str
    rows: tuple[Row, ...]

    @property
    def label(self) -> str:
        return f"{self.teacher} → {self.student}"


@dataclass(frozen=True)
class Chart:
    pair: Pair
    svg: Markup


@dataclass(frozen=True)
class Table:
    """Every result on one dataset in one metric."""

    metric: Metric
    pairs: tuple[Pair, ...]
    charts: tuple[Chart, ...]

    @property
    def rows(self) -> list[Row]:
        return [row for pair in self.pairs for row in pair.rows]


@dataclass(frozen=True)
class SurveySource:
    table: str
    title: str

    @property
    def anchor(self) -> str:
        return f"source-survey-{self.table}"


@dataclass(frozen=True)
class Benchmark:
    dataset: Dataset
    tables: tuple[Table, ...]
    survey_sources: tuple[SurveySource, ...]

    @property
    def rows(self) -> list[Row]:
        return [row for table in self.tables for row in table.rows]

    @property
    def papers(self) -> int:
        return len({row.paper.id for row in self.rows})


@dataclass
class ResultsIndex:
    """Results by benchmark and by paper, built once per site."""

    index: SiteIndex
    benchmarks: list[Benchmark] = field(default_factory=list)
    by_paper: dict[str, list[Row]] = field(default_factory=dict)
    label_axes: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, index: SiteIndex) -> "ResultsIndex":
        registry = index.taxonomy.benchmarks
        found: dict[tuple[str, str], list[Row]] = defaultdict(list)
        by_paper: dict[str, list[Row]] = {}
        for paper in index.papers:
            for i, result in enumerate(paper.results):
                row = Row(paper, i, result, registry.metrics[result.metric])
                found[(result.dataset, result.metric)].append(row)
                by_paper.setdefault(paper.id, []).append(row)
        benchmarks = []
        for dataset in registry.datasets.values():
            tables = tuple(_table(index, registry.metrics[m], found[(dataset.id, m)]) for m in dataset.metrics if found.get((dataset.id, m)))
            if tables:
                rows = [row for table in tables for row in table.rows]
                surveys = sorted({row.result.source.survey for row in rows if row.result.source.survey}, key=index.taxonomy.section_order)
                sources = tuple(SurveySource(t, index.taxonomy.sections[t]) for t in surveys if t)
                benchmarks.append(Benchmark(dataset, tables, sources))
        # The label columns: the axes the sources classify methods by (the survey: knowledge, scheme).
        given = {axis for rows in by_paper.values() for row in rows for axis, nodes in row.result.source.taxonomy.items() if nodes}
        axes = [axis for axis in index.taxonomy.axis_ids if axis in given]
        return cls(index, benchmarks, by_paper, axes)

    @property
    def count(self) -> int:
        return sum(len(rows) for rows in self.by_paper.values())

    def labels(self, row: Row, axis: str) -> str:
        """The record's labels on `axis`, by their names."""
        return ", ".join(self.index.taxonomy.nodes[node].label for node in row.paper.labels(axis))

    def source_link(self, row: Row) -> tuple[str, str]:
        """The source's label and the site path of where it is described."""
        source = row.result.source
        if source.survey:
            title = self.index.taxonomy.sections.get(source.survey, source.survey).split(":")[0]
            return f"Survey {title}", f"{urls.results(row.result.dataset)}#source-survey-{source.survey}"
        return f"Paper {source.table}", f"{urls.paper(row.paper.id)}#results"


def _network(name: str | None, ensemble: bool) -> str:
    if name is None:
        return "no teacher"
    return f"{name} ensemble" if ensemble else name


def _table(index: SiteIndex, metric: Metric, rows: list[Row]) -> Table:
    architectures = index.taxonomy.benchmarks.architectures
    groups: dict[str, list[Row]] = defaultdict(list)
    names: dict[str, tuple[str, str]] = {}
    for row in rows:
        teacher = row.result.teacher
        key = f"{teacher.arch if teacher else 'none'}{'-ensemble' if teacher and teacher.ensemble else ''}--{row.result.student.arch}"
        groups[key].append(row)
        names[key] = (
            _network(architectures[teacher.arch].name if teacher else None, bool(teacher and teacher.ensemble)),
            architectures[row.result.student.arch].name,
        )

    def best_first(row: Row) -> tuple:
        gain = row.gain
        return (gain is None, -(gain or 0.0), row.paper.year, row.paper.id, row.index)

    pairs = [Pair(key, *names[key], tuple(sorted(group, key=best_first))) for key, group in groups.items()]
    pairs.sort(key=lambda p: (-len(p.rows), p.label.casefold(), p.key))
    charted = [p for p in pairs if sum(r.gain is not None for r in p.rows) >= CHART_MIN][:CHART_PAIRS]
    return Table(metric, tuple(pairs), tuple(Chart(p, gain_chart(p, metric)) for p in charted))


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def gain_chart(pair: Pair, metric: Metric) -> Markup:
    """Horizontal bars: the gain of each method on one pair, best first, zero marked."""
    rows = [r for r in pair.rows if r.gain is not None]
    width, label_width, right, bar_height, gap, top = 640, 190, 64, 18, 8, 8
    height = top * 2 + len(rows) * (bar_height + gap)
    gains = [r.gain for r in rows if r.gain is not None]
    low, high = min(0.0, *gains), max(0.0, *gains)
    span = (high - low) or 1.0
    plot = width - label_width - right

    def x_of(value: float) -> float:
        return label_width + plot * (value - low) / span

    zero = x_of(0.0)
    title = f"Gain in {metric.name.lower()} over the student trained alone, {pair.label}"
    out = [
        f'<svg class="kd-svg kd-gain-chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    for k, row in enumerate(rows):
        gain = row.gain if row.gain is not None else 0.0
        y = top + k * (bar_height + gap)
        left, right_end = sorted((zero, x_of(gain)))
        label = f"{row.method} ({row.paper.year})"
        out.append(f'<text x="{label_width - 8}" y="{y + bar_height - 5}" text-anchor="end">{escape(label)}</text>')
        out.append(f'<rect class="kd-gain-bar" x="{_fmt(left)}" y="{y}" width="{_fmt(max(right_end - left, 1.0))}" height="{bar_height}" fill="#0072B2">'
                   f"<title>{escape(label)}: {escape(row.signed(row.gain))}</title></rect>")
        out.append(f'<text x="{_fmt(max(right_end, zero) + 6)}" y="{y + bar_height - 5}">{escape(row.signed(row.gain))}</text>')
    out.append(f'<line class="kd-grid" x1="{_fmt(zero)}" x2="{_fmt(zero)}" y1="{top - 4}" y2="{height - top + 4}" stroke="currentColor"/>')
    out.append("</svg>")
    return Markup("".join(out))
