"""The download files: the collection as BibTeX, CSL-JSON, JSON and RIS, one .bib and .ris per node, and the
records' results as CSV and JSON.

Each paper's BibTeX entry is written once (`to_bibtex` of that paper) and reused: on the
paper's page, in the whole .bib and in the .bib of every node it belongs to, joined as
`to_bibtex` joins entries, so all of them agree byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sitegen.export.bibtex import to_bibtex
from sitegen.export.csl import to_csl_json
from sitegen.export.json import to_json
from sitegen.export.ris import record as ris_record
from sitegen.export.results import to_csv as results_csv, to_json as results_json
from sitegen.site import urls
from sitegen.site.index import SiteIndex


@dataclass(frozen=True)
class Download:
    path: str  # site path of the file
    format: str
    records: int
    data: bytes
    node: str | None = None

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def size(self) -> str:
        size = float(len(self.data))
        for unit in ("bytes", "KB", "MB", "GB"):
            if size < 1000 or unit == "GB":
                return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
            size /= 1000
        raise AssertionError("unreachable")


class Downloads:
    def __init__(self, index: SiteIndex):
        self.index = index

    @cached_property
    def entries(self) -> dict[str, str]:
        """Paper id -> its BibTeX entry."""
        return {p.id: to_bibtex([p], self.index.taxonomy) for p in self.index.papers}

    @cached_property
    def ris_records(self) -> dict[str, str]:
        """Paper id -> its RIS record, written once and joined into every RIS file, as BibTeX is."""
        return {p.id: ris_record(p, self.index.taxonomy) for p in self.index.papers}

    def ris(self, ids: list[str]) -> str:
        return "".join(self.ris_records[i] for i in sorted(ids))

    def bibtex(self, ids: list[str]) -> str:
        return "\n".join(self.entries[i] for i in sorted(ids))

    @cached_property
    def whole(self) -> list[Download]:
        papers = self.index.papers
        n = len(papers)
        return [
            Download(urls.BIBTEX_ALL, "BibTeX", n, self.bibtex([p.id for p in papers]).encode()),
            Download(urls.CSL_ALL, "CSL-JSON", n, to_csl_json(papers, self.index.taxonomy).encode()),
            Download(urls.JSON_ALL, "JSON (every field)", n, to_json(papers).encode()),
            Download(urls.RIS_ALL, "RIS (EndNote, Mendeley)", n, self.ris([p.id for p in papers]).encode()),
        ]

    @cached_property
    def results(self) -> list[Download]:
        """Every result of every record, one row each."""
        papers, taxonomy = self.index.papers, self.index.taxonomy
        n = sum(len(p.results) for p in papers)
        return [
            Download(urls.RESULTS_CSV, "CSV", n, results_csv(papers, taxonomy).encode()),
            Download(urls.RESULTS_JSON, "JSON", n, results_json(papers, taxonomy).encode()),
        ]

    @cached_property
    def by_paper(self) -> list[Download]:
        """One .bib per paper, beside its page, so a reference manager can fetch that entry alone."""
        return [Download(urls.paper_bibtex(p.id), "BibTeX", 1, self.entries[p.id].encode()) for p in self.index.papers]

    @cached_property
    def by_node(self) -> list[Download]:
        """One .bib per node, in the taxonomy's order."""
        return [
            Download(urls.node_bibtex(node), "BibTeX", len(ids), self.bibtex(ids).encode(), node)
            for node, ids in self.index.under_node.items()
        ]

    @cached_property
    def ris_by_node(self) -> dict[str, Download]:
        """One .ris per node, beside its .bib."""
        return {
            node: Download(urls.node_ris(node), "RIS", len(ids), self.ris(ids).encode(), node)
            for node, ids in self.index.under_node.items()
        }
