"""What the site search indexes: one small document per paper, topic and venue, and the files
the search script reads beside the index: the terms file (the vocabulary it falls back on for a
mistyped word, the topics and years it can narrow papers to), the exact names, and the people
files (the authors it lists as entries).

The search runs on Pagefind, a static, chunked index: a query downloads only the parts of the
index its words need, so it stays fast and small however many papers there are (the theme's
lunr search downloads and builds one index of everything before the first result). Pagefind
indexes the documents written here rather than the pages themselves, so each paper is found
by its title, short name, authors, venue and year, weighted in that order, and not by the
words around them; the documents live under `_search/` in the docs folder, which MkDocs leaves
out of the site, and the `kd-pagefind` MkDocs plugin (sitegen/site/pagefind_plugin.py) indexes
them, with a few hand-written pages, once the site is built.

A paper's document carries markers: weightless words (`xqzyear2019`, `xqztopicfeaturebased`)
that no reader types. Adding one to a query keeps the papers of that year or topic, with their
ranking unchanged. Pagefind's own filters would do the same, but it writes their files in a
different order on every run, and the site must be the same bytes for the same records.
Which results are entries (topics, venues) or site pages rather than papers, the search
script reads from the kinds file the `kd-pagefind` plugin writes beside the index (Pagefind's
ids of those few documents): asking Pagefind for a kind marker cost every query an extra part
of the index, and two extra searches.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter

from sitegen.model import Paper
from sitegen.site import urls
from sitegen.site.index import SiteIndex
from sitegen.site.links import quick_links
from sitegen.site.people import display_name
from sitegen.site.render import Renderer, plural

DOCUMENTS = "_search"  # folder of the docs folder that holds the search documents
TERMS = "search/terms.json"  # the terms file, as a site path
KINDS = "search/kinds.json"  # Pagefind's ids of the entries and site pages (the kd-pagefind plugin writes it)
NAMES = "search/names"  # the files of exact names, one per first letter
TEMPLATE = "search.html.j2"
MARKER = "xqz"  # starts every marker; a letter run no word of the collection starts with
MIN_WORD = 3  # shorter words are left out of the vocabulary: a typo in them has too many fixes
# Words that say nothing about what is sought; a query is searched without them. Every title
# has some, so searching them costs the most and tells the least.
STOP_WORDS = (
    "a an and are as at be by for from in into is it its of on or the their this to towards via "
    "what when where which why with without"
).split()
COMMON = 0.25  # a word in more titles than this share is no help to rank papers with some words
# A person gets a search entry of their own from this many papers on. Everyone is found through
# their papers (authors are part of each paper's document); an entry per person would double
# the people files, for entries that list a paper or two.
PERSON_PAPERS = 3
PEOPLE = "search/people"  # the people files, one per first two letters of a name's words


def fold(text: str) -> str:
    """Letters and digits only, without accents, lower case: the form exact names are compared in.

    The search script folds a query the same way (docs/assets/search.js, `fold`).
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in decomposed if not unicodedata.combining(c)).lower())


def document_path(site_path: str) -> str:
    """Where the document standing for the page at `site_path` goes in the docs folder."""
    return f"{DOCUMENTS}/{site_path}index.html"


def marker(*parts: object) -> str:
    """A marker word: the prefix and the parts, folded ('topic', 'feature-based' -> xqztopicfeaturebased)."""
    return MARKER + fold("".join(str(p) for p in parts))


def exact_names(paper: Paper) -> list[str]:
    """The folded names a query must equal to put this paper first: short name, retired ids."""
    names = [fold(n) for n in (paper.short_name, *paper.aliases) if n]
    return sorted({n for n in names if n})


def search_documents(index: SiteIndex, renderer: Renderer) -> dict[str, bytes]:
    """Docs-folder path -> document, for every paper, topic and venue (people are in the people
    files, see `people_files`)."""
    template = renderer.env.get_template(TEMPLATE)
    documents: dict[str, bytes] = {}

    def add(site_path: str, **context: object) -> None:
        text = template.render(page_path=site_path, **context)
        documents[document_path(site_path)] = text.encode("utf-8")

    taxonomy = index.taxonomy
    node_order = {n: i for i, n in enumerate(taxonomy.nodes)}
    for paper in index.papers:
        nodes = {n for label in paper.all_labels for n in (label, *taxonomy.ancestors(label))}
        add(
            urls.paper(paper.id),
            kind="paper",
            title=paper.title,
            paper=paper,
            links=quick_links(paper),
            markers=[
                marker("year", paper.year),
                *(marker("topic", n) for n in sorted(nodes, key=node_order.__getitem__)),
            ],
        )
    for node_id, info in taxonomy.nodes.items():
        count = len(index.under_node[node_id])
        trail = " › ".join(taxonomy.nodes[n].label for n in reversed(taxonomy.ancestors(node_id)))
        axis = taxonomy.axis(info.axis).label
        add(
            urls.node(node_id),
            kind="topic",
            title=info.label,
            lines=[info.node.description],
            byline=f"Topic · {axis}{' › ' + trail if trail else ''} · {plural(count, 'paper')}",
        )
    for venue_id, ids in index.by_venue.items():
        venue = taxonomy.venues[venue_id]
        add(
            urls.venue(venue_id),
            kind="venue",
            title=venue.short,
            lines=[venue.name, *venue.aliases],
            byline=f"Venue · {venue.name} · {plural(len(ids), 'paper')}",
        )
    return documents


_WORD = re.compile(r"[^\W\d_]{%d,}" % MIN_WORD)


def vocabulary(index: SiteIndex) -> list[str]:
    """The words the documents are found by, most frequent first.

    When a query word matches nothing, the search script replaces it with the nearest of
    these (a word one or two typing slips away), so 'distilation' still finds distillation.
    """
    counts: Counter[str] = Counter()
    texts: list[str] = []
    for paper in index.papers:
        texts += [paper.title, *paper.alt_titles, paper.short_name or "", *paper.authors]
    texts += [f"{n.label} {n.node.description}" for n in index.taxonomy.nodes.values()]
    texts += [f"{v.short} {v.name} {' '.join(v.aliases)}" for v in index.taxonomy.venues.values()]
    for text in texts:
        counts.update(_WORD.findall(unicodedata.normalize("NFKC", text).lower()))
    return sorted(counts, key=lambda w: (-counts[w], w))


def common_words(index: SiteIndex) -> list[str]:
    """Words more than a quarter of the titles have ('distillation' in this collection)."""
    titles: Counter[str] = Counter()
    for paper in index.papers:
        titles.update(set(_WORD.findall(unicodedata.normalize("NFKC", paper.title).lower())))
    limit = COMMON * len(index.papers)
    return sorted(w for w, n in titles.items() if n > limit and w not in STOP_WORDS)


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def name_shard(name: str) -> str:
    """The site path of the file holding the exact names that start like `name` (folded)."""
    return f"{NAMES}/{name[:1]}.json"


def name_words(name: str) -> list[str]:
    """The folded words of a written name ('Peña-Bauer, A.' -> ['pena', 'bauer', 'a'])."""
    return [w for w in (fold(part) for part in re.split(r"[\s,.\-'’]+", name)) if w]


def people_files(index: SiteIndex) -> dict[str, bytes]:
    """The people the search lists as entries, as site path -> file: each file holds the people
    one of whose name words starts with its two letters, as [name, page, byline, words].

    People are not in the Pagefind index: each indexed page costs every first query a share of
    Pagefind's list of pages (a fifth of it for the 3,600 people of 10,000 papers), while a
    query that names someone fetches one small file here.
    """
    shards: dict[str, list[list[str]]] = {}
    for person in index.people:
        count = len(person.papers)
        if count < PERSON_PAPERS:
            continue
        words = sorted({w for form in person.forms for w in name_words(form)})
        row = [display_name(person.name), urls.author(person.slug), f"Author · {plural(count, 'paper')}", " ".join(words)]
        for prefix in sorted({w[:2] for w in words if len(w) >= 2}):
            shards.setdefault(prefix, []).append((-count, row))
    # Most papers first: the script lists them in this order.
    return {f"{PEOPLE}/{prefix}.json": _json([row for _, row in sorted(rows)]) for prefix, rows in sorted(shards.items())}


def terms(index: SiteIndex) -> dict[str, bytes]:
    """The terms file (markers, vocabulary, the topics and years to narrow to), the files of
    exact names and the people files (`people_files`), as site path -> bytes.

    Exact names map a folded short name or retired id to the ids of the papers that have it,
    earliest first (the paper that coined a name usually came first), so the search lists them
    before all else. They are split by first letter, so a query fetches only the few its own
    first letter needs.
    """
    names: dict[str, list[tuple[int, str]]] = {}
    for paper in index.papers:
        for name in exact_names(paper):
            names.setdefault(name, []).append((paper.year, paper.id))
    shards: dict[str, dict[str, list[str]]] = {}
    for name, found in sorted(names.items()):
        shards.setdefault(name_shard(name), {})[name] = [paper_id for _, paper_id in sorted(found)]
    taxonomy = index.taxonomy
    people = people_files(index)
    data = {
        "marker": MARKER,
        "kinds": KINDS,
        "people": {"folder": PEOPLE, "prefixes": sorted({path.rsplit("/", 1)[1][:-5] for path in people})},
        "names": {"folder": NAMES, "letters": sorted({name[:1] for name in names})},
        "topics": [
            [taxonomy.axis(info.axis).label, info.label, marker("topic", node_id)]
            for node_id, info in taxonomy.nodes.items()
            if index.under_node[node_id]
        ],
        "years": [[year, marker("year", year)] for year in index.by_year],
        "stop": STOP_WORDS,
        "common": common_words(index),
        "words": vocabulary(index),
    }
    return {TERMS: _json(data), **{path: _json(shard) for path, shard in sorted(shards.items())}, **people}
