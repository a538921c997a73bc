"""The site's URL layout, in one place.

Every generated page is a folder with an index.md, so its URL is the folder (MkDocs'
directory URLs) and no id can collide with a page called `index`. Links inside generated pages
are written relative to the page, so the site works under any base path (a project's GitHub
Pages site lives under /<repository>/).

    /                           home
    /explore/                   all papers, faceted
    /papers/<id>/               one paper (its permalink); retired ids keep a page that points on
    /papers/<id>/<id>.bib       that paper's BibTeX entry
    /taxonomy/                  the axes and their nodes;  /taxonomy/<node>/  one node
    /authors/   /authors/<slug>/
    /venues/    /venues/<venue>/
    /years/     /years/<year>/
    /results/   /results/<dataset>/   benchmark results, one table per dataset
    /statistics/  /downloads/  /audit/   and the hand-written pages from docs/
    /wanted/                    the candidates: works lists name that are not records yet
    /downloads/<file>           the collection as .bib, CSL-JSON, JSON and RIS
    /downloads/taxonomy/<node>.bib, .ris
    /downloads/kd-results.csv, .json   every record's results
    /feeds/kd-bibliography.atom  the newest additions (Atom);  /feeds/<node>.atom  one node's
    /feeds/sitemap.xml          empty: the theme fetches a sitemap beside each feed a page links
"""

from __future__ import annotations

HOME = ""
EXPLORE = "explore/"
TAXONOMY = "taxonomy/"
AUTHORS = "authors/"
VENUES = "venues/"
YEARS = "years/"
STATISTICS = "statistics/"
DOWNLOADS = "downloads/"
AUDIT = "audit/"
RESULTS = "results/"
CURATION = "curation/"
WANTED = "wanted/"
IMPORTING = "importing-lists/"
PAPERS = "papers/"  # the folder of the paper pages (it has no page of its own)

EXPLORE_DATA = "explore/papers.json"
EXPLORE_BIBTEX = "explore/bibtex.json"
BIBTEX_ALL = "downloads/kd-bibliography.bib"
CSL_ALL = "downloads/kd-bibliography.csl.json"
JSON_ALL = "downloads/kd-bibliography.json"
RIS_ALL = "downloads/kd-bibliography.ris"
RESULTS_CSV = "downloads/kd-results.csv"
RESULTS_JSON = "downloads/kd-results.json"
FEED_ALL = "feeds/kd-bibliography.atom"
FEEDS_SITEMAP = "feeds/sitemap.xml"


def paper(paper_id: str) -> str:
    return f"{PAPERS}{paper_id}/"


def paper_bibtex(paper_id: str) -> str:
    return f"papers/{paper_id}/{paper_id}.bib"


def node(node_id: str) -> str:
    return f"taxonomy/{node_id}/"


def axis(axis_id: str) -> str:
    return f"{TAXONOMY}#{axis_id}"


def author(slug: str) -> str:
    return f"authors/{slug}/"


def venue(venue_id: str) -> str:
    return f"venues/{venue_id}/"


def year(value: int) -> str:
    return f"years/{value}/"


def results(dataset_id: str) -> str:
    return f"results/{dataset_id}/"


def node_bibtex(node_id: str) -> str:
    return f"downloads/taxonomy/{node_id}.bib"


def node_ris(node_id: str) -> str:
    return f"downloads/taxonomy/{node_id}.ris"


def node_feed(node_id: str) -> str:
    return f"feeds/{node_id}.atom"


def absolute(target: str, site_url: str) -> str:
    """`target` (a site path) as a full address on the site whose root is `site_url` (ending in
    '/'), for what is read away from the site: feeds, meta tags, the sitemap."""
    return site_url + target


def source_file(url: str) -> str:
    """The Markdown file MkDocs builds into `url` (a folder URL, or '' for the home page)."""
    return f"{url}index.md" if url.endswith("/") or not url else url


def relative(target: str, page: str) -> str:
    """`target` (a site path, maybe with a #fragment) as a link from the page at site path `page`.

    Site paths are clean ('papers/x/', 'downloads/a.bib', '' for the root), so plain string
    work suffices, and it is fast enough for the tens of thousands of links of a large site.
    """
    path, _, fragment = target.partition("#")
    folders = page.split("/")[:-1]  # the folders the page's URL is in
    parts = path.split("/")  # folders of the target, then its file name ('' for a folder URL)
    common = 0
    while common < len(folders) and common < len(parts) - 1 and folders[common] == parts[common]:
        common += 1
    link = "../" * (len(folders) - common) + "/".join(parts[common:])
    if fragment:
        return f"{link}#{fragment}"
    return link or "./"
