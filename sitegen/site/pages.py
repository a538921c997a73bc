"""Every generated page of the site, from the index and the templates. Nothing is written here."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterator

from markupsafe import Markup

from sitegen.identifiers import arxiv_abs_url
from sitegen.keys import transliterate
from sitegen.model import Paper
from sitegen.report import source_counts
from sitegen.report import audit_page as audit_text
from sitegen.site import urls
from sitegen.site.charts import statistics, year_bars
from sitegen.site.downloads import Downloads
from sitegen.site.feeds import feed_for
from sitegen.site.index import SiteIndex, newest_first
from sitegen.site.meta import citation_tags, paper_description
from sitegen.site.people import Person
from sitegen.site.related import related_work
from sitegen.site.references import PendingReferences, start_references
from sitegen.site.render import Page, Renderer
from sitegen.site.results import ResultsIndex
from sitegen.sources import Candidate, PaperList

NEWEST = 12
COAUTHORS = 12


def generated_pages(index: SiteIndex, renderer: Renderer, downloads: Downloads,
                    candidates: list[Candidate] | None = None, lists: dict[str, PaperList] | None = None,
                    references: PendingReferences | None = None) -> list[Page]:
    """All pages, in a fixed order. The paper pages are made last, with the formatted
    references that `references` (`start_references`) renders meanwhile in other processes."""
    results = ResultsIndex.build(index)
    before = [
        home(index, renderer),
        renderer.page("explore.md.j2", urls.EXPLORE),
        renderer.page("taxonomy.md.j2", urls.TAXONOMY),
        *node_pages(index, renderer),
    ]
    after = [
        *retired_pages(index, renderer),
        authors_page(index, renderer),
        *author_pages(index, renderer),
        venues_page(index, renderer),
        *venue_pages(index, renderer),
        years_page(index, renderer),
        *year_pages(index, renderer),
        *results_pages(results, renderer),
        renderer.page("statistics.md.j2", urls.STATISTICS, charts=statistics(index)),
        downloads_page(index, renderer, downloads),
        wanted_page(renderer, candidates or [], lists or {}),
        *audit_page(index),
    ]
    formatted = (references or start_references(index.papers, index.taxonomy)).result()
    return [*before, *paper_pages(index, renderer, downloads, results, formatted), *after]


def home(index: SiteIndex, renderer: Renderer) -> Page:
    newest_by, newest = index.newest_additions(NEWEST)
    lists = index.collection.lists
    return renderer.page("home.md.j2", urls.HOME, newest=newest, newest_by=newest_by,
                         by_source=source_counts(index.papers, lists), lists=lists,
                         candidates=len(index.collection.candidates), feed=feed_for(index))


def node_pages(index: SiteIndex, renderer: Renderer) -> Iterator[Page]:
    """A page per node: its papers by year, above them the shape of the field (papers per year
    in a chart, papers per source), and its feed."""
    lists = index.collection.lists if index.collection else {}
    for node_id in index.taxonomy.nodes:
        papers = newest_first([index.paper(i) for i in index.under_node[node_id]])
        chart, by_source = node_shape(index, node_id, papers)
        yield renderer.page(
            "node.md.j2",
            urls.node(node_id),
            node_id=node_id,
            papers=papers,
            core=sum(1 for p in papers if p.scope == "core"),
            children=index.taxonomy.children(node_id),
            chart=chart,
            by_source=by_source,
            lists=lists,
            feed=feed_for(index, node_id),
        )


def node_shape(index: SiteIndex, node_id: str, papers: list[Paper]) -> tuple[Markup | None, dict[str, int]]:
    """The chart of a node's papers per year (None without papers), and its papers per source
    (the survey, the seed list, each list by name; sources without papers left out)."""
    lists = index.collection.lists if index.collection else {}
    label = index.taxonomy.nodes[node_id].label
    chart = year_bars(f"Papers per year: {label}", dict(Counter(p.year for p in papers)), lambda year: f"#y{year}", f"chart-{node_id}") if papers else None
    return chart, {name: n for name, n in source_counts(papers, lists).items() if n}


def paper_pages(index: SiteIndex, renderer: Renderer, downloads: Downloads, results: ResultsIndex,
                references: dict[str, list[tuple[str, str]]]) -> Iterator[Page]:
    related = related_work(index)
    for paper in index.papers:
        links = [
            (label, href)
            for label, href in (
                ("PDF", paper.pdf),
                ("arXiv", f"https://arxiv.org/abs/{paper.arxiv}" if paper.arxiv else None),
                ("DOI", f"https://doi.org/{paper.doi}" if paper.doi else None),
                ("Web page", paper.url),
                ("Code", paper.code),
            )
            if href
        ]
        yield renderer.page(
            "paper.md.j2",
            urls.paper(paper.id),
            paper=paper,
            links=links,
            bibtex=downloads.entries[paper.id].rstrip("\n"),
            bibtex_file=urls.paper_bibtex(paper.id),
            edit_url=index.repository.edit_url(f"papers/{paper.id}.yaml"),
            results=results.by_paper.get(paper.id, []),
            results_index=results,
            description=paper_description(paper, index),
            citation=citation_tags(paper, index),
            related=[(index.paper(r.paper_id), r.reason) for r in related[paper.id]],
            references=references[paper.id],
            ris=downloads.ris_records[paper.id].rstrip("\n"),  # the record the .ris downloads hold, made once
        )


def results_pages(results: ResultsIndex, renderer: Renderer) -> Iterator[Page]:
    """The overview of benchmarks, and one page per benchmark with results."""
    yield renderer.page("results.md.j2", urls.RESULTS, results=results)
    for benchmark in results.benchmarks:
        yield renderer.page("benchmark.md.j2", urls.results(benchmark.dataset.id), benchmark=benchmark, results=results)


def retired_pages(index: SiteIndex, renderer: Renderer) -> Iterator[Page]:
    """A page at each merged-away id, so old links and citations still lead somewhere."""
    for paper in index.papers:
        for old_id in paper.aliases:
            yield renderer.page("retired.md.j2", urls.paper(old_id), old_id=old_id, paper=paper)


def _letter(person: Person) -> str:
    """The index letter of a person: of the family name romanized (张 is under Z)."""
    return next((c.upper() for c in transliterate(person.family) if c.isalpha() and c.isascii()), "#")


def authors_page(index: SiteIndex, renderer: Renderer) -> Page:
    letters: dict[str, list[Person]] = defaultdict(list)
    for person in index.people:
        letters[_letter(person)].append(person)
    ordered = sorted(letters.items(), key=lambda kv: (kv[0] == "#", kv[0]))
    return renderer.page("authors.md.j2", urls.AUTHORS, letters=ordered)


def author_pages(index: SiteIndex, renderer: Renderer) -> Iterator[Page]:
    for person in index.people:
        shared: Counter[str] = Counter()
        by_slug: dict[str, Person] = {}
        for paper_id in person.papers:
            paper = index.paper(paper_id)
            for position in range(len(paper.authors)):
                other = index.author(paper, position)
                if other.slug != person.slug:
                    shared[other.slug] += 1
                    by_slug[other.slug] = other
        coauthors = [(by_slug[s], n) for s, n in sorted(shared.items(), key=lambda kv: (-kv[1], by_slug[kv[0]].sort_key))]
        yield renderer.page(
            "author.md.j2",
            urls.author(person.slug),
            person=person,
            papers=newest_first([index.paper(i) for i in person.papers]),
            coauthors=coauthors[:COAUTHORS],
            years=sorted({index.paper(i).year for i in person.papers}),
        )


def venues_page(index: SiteIndex, renderer: Renderer) -> Page:
    kinds: dict[str, list] = defaultdict(list)
    for venue_id in index.by_venue:
        venue = index.taxonomy.venues[venue_id]
        kinds[venue.kind].append(venue)
    ordered = [(kind, sorted(vs, key=lambda v: v.short.casefold())) for kind, vs in sorted(kinds.items())]
    without = sum(1 for p in index.papers if not p.venue)
    return renderer.page("venues.md.j2", urls.VENUES, kinds=ordered, without_venue=without)


def venue_pages(index: SiteIndex, renderer: Renderer) -> Iterator[Page]:
    for venue_id, ids in index.by_venue.items():
        yield renderer.page(
            "venue.md.j2",
            urls.venue(venue_id),
            venue=index.taxonomy.venues[venue_id],
            papers=newest_first([index.paper(i) for i in ids]),
        )


def years_page(index: SiteIndex, renderer: Renderer) -> Page:
    core = {y: sum(1 for i in ids if index.paper(i).scope == "core") for y, ids in index.by_year.items()}
    widest = max((len(ids) for ids in index.by_year.values()), default=1)
    return renderer.page("years.md.j2", urls.YEARS, core=core, widest=widest)


def year_pages(index: SiteIndex, renderer: Renderer) -> Iterator[Page]:
    years = list(index.by_year)  # newest first
    venues = list(index.taxonomy.venues)
    for k, year in enumerate(years):
        by_venue: dict[str | None, list] = defaultdict(list)
        for paper_id in index.by_year[year]:
            paper = index.paper(paper_id)
            by_venue[paper.venue].append(paper)
        order = sorted(by_venue, key=lambda v: (-len(by_venue[v]), v is None, venues.index(v) if v else 0))
        groups = [
            (index.taxonomy.venues[v].short if v else "No venue", sorted(by_venue[v], key=lambda p: (p.title.casefold(), p.id)))
            for v in order
        ]
        anchors = [f"venue-{v}" if v else "no-venue" for v in order]
        yield renderer.page(
            "year.md.j2",
            urls.year(year),
            year=year,
            total=len(index.by_year[year]),
            groups=groups,
            anchors=anchors,
            previous=years[k + 1] if k + 1 < len(years) else None,
            next=years[k - 1] if k > 0 else None,
        )


def downloads_page(index: SiteIndex, renderer: Renderer, downloads: Downloads) -> Page:
    by_axis = [
        (axis, [d for d in downloads.by_node if d.node and index.taxonomy.nodes[d.node].axis == axis.id])
        for axis in index.taxonomy.axes
    ]
    return renderer.page("downloads.md.j2", urls.DOWNLOADS, whole=downloads.whole, results=downloads.results, by_axis=by_axis, ris_by_node=downloads.ris_by_node, feed=feed_for(index))


def audit_page(index: SiteIndex) -> Iterator[Page]:
    """The curation audit report (sitegen report) as a page, linking to the guide beside it."""
    if index.collection is None:
        return
    yield Page(urls.AUDIT, audit_text(index.collection, guide="../curation.md"))


@dataclass(frozen=True)
class Wanted:
    """One candidate as the Wanted page shows it."""

    candidate: Candidate
    source: str | None  # the entry in the list's repository, at the commit that was read
    links: list[tuple[str, str]]  # (label, address): the links the list gives, arXiv first
    how: str  # what to do before the command, for a candidate without an identifier


def wanted_page(renderer: Renderer, candidates: list[Candidate], lists: dict[str, PaperList]) -> Page:
    """The candidates (sources/candidates.yaml), each with the one command that completes it."""
    rows = []
    for c in sorted(candidates, key=lambda c: (c.source.list, c.source.line, c.title)):
        registered = lists.get(c.source.list)
        commit = c.source.commit or (registered.commit if registered else None)
        source = (f"https://github.com/{registered.repository}/blob/{commit}/{registered.file}?plain=1#L{c.source.line}"
                  if registered and commit else None)
        links: dict[str, str] = {}
        for label, address in (("arXiv", arxiv_abs_url(c.arxiv) if c.arxiv else None), ("page", c.url), ("PDF", c.pdf), ("code", c.code)):
            if address and address not in links.values():
                links[label] = address
        how = "" if c.arxiv or c.doi else "No arXiv id or DOI: save the paper's BibTeX entry (from its publisher's page) as FILE, then run"
        rows.append(Wanted(c, source, list(links.items()), how))
    return renderer.page("wanted.md.j2", urls.WANTED, rows=rows)
