"""`verify --record`: where a service agrees with a record on everything it shows, say so in the record.

A witness that shows the record's title and authors, and disagrees with it on nothing, becomes a
`checked` entry: the page a reader can open (the arXiv abstract page, the DOI, the dblp entry),
its kind, the day, how it was read (the service's API), and the fields it showed. A record that
any service disagrees with is left whole to a curator, who settles the warnings from the pages
they name (the command does not pass it here); a record that already names the page is left as it is.
"""

from __future__ import annotations

import datetime

from sitegen.model import CheckedPage, Paper
from sitegen.taxonomy import Taxonomy
from sitegen.verify.compare import compare
from sitegen.verify.dblp import fold
from sitegen.verify.witness import Witness

# Each service's page kind, and how the command read it (the `via` of its checked entry).
PAGES = {
    "arXiv": ("arxiv", "the arXiv API's entry for this id"),
    "Crossref": ("crossref", "Crossref's REST API record of this DOI"),
    "dblp": ("dblp", "dblp's publication search, this entry"),
}


def today() -> datetime.date:
    return datetime.date.today()


def service_page(source: str, url: str, compared: list[str], command: str) -> CheckedPage:
    """The `checked` entry of a page a command read through `source`'s API today."""
    kind, how = PAGES[source]
    return CheckedPage(url=url, kind=kind, date=today().isoformat(), via=f"sitegen {command}: {how}", compared=compared)


def shown(paper: Paper, witness: Witness, taxonomy: Taxonomy) -> list[str]:
    """The record's fields the witness shows, in the model's order; compare() judged each of them."""
    judged = witness.of_record or taxonomy.is_preprint(paper.venue)
    fields = ["title", "authors"]
    if judged and witness.year is not None:
        fields.append("year")
    if witness.of_record and witness.venue and paper.venue and taxonomy.find_venue(witness.venue) == paper.venue:
        fields.append("venue")
    if witness.arxiv and paper.arxiv:
        fields.append("arxiv")
    if witness.doi and paper.doi and witness.of_record:
        fields.append("doi")
    return fields


def agrees(paper: Paper, witness: Witness, taxonomy: Taxonomy) -> bool:
    """True when the witness shows the title and every author (a list cut short by et_al is not
    every author), and compare() finds no disagreement."""
    if not (witness.title and witness.authors) or paper.et_al:
        return False
    if fold(witness.title) != fold(paper.title):  # compare() accepts a former title (alt_titles): not this record's
        return False
    return not compare(paper, witness, taxonomy)


def checked_pages(paper: Paper, witnesses: list[Witness], taxonomy: Taxonomy) -> list[CheckedPage]:
    """The `checked` entries the witnesses earn that the record does not have yet."""
    known = {page.url for page in paper.checked}
    pages: list[CheckedPage] = []
    for witness in witnesses:
        if witness.source not in PAGES or witness.url in known or not agrees(paper, witness, taxonomy):
            continue
        known.add(witness.url)
        pages.append(service_page(witness.source, witness.url, shown(paper, witness, taxonomy), "verify"))
    return pages
