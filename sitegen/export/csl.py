"""Records to CSL-JSON, the format Zotero, Pandoc and other citeproc tools read.

One item per record, keyed by the record id (also its `citation-key`), sorted by id, with keys
in a fixed order, so the same records always give the same text. Preprints follow the form
Zotero writes for them: type `article`, the server as `publisher`, `arXiv:ID` as `number`.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from sitegen.identifiers import arxiv_abs_url
from sitegen.model import Paper
from sitegen.names import whole_name
from sitegen.taxonomy import Taxonomy

# BibTeX entry type -> CSL item type (CSL 1.0.2).
_TYPES = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "incollection": "chapter",
    "book": "book",
    "techreport": "report",
    "phdthesis": "thesis",
    "misc": "document",
}


def csl_name(author: str) -> dict[str, str]:
    """'Family, Given' or 'Family, Suffix, Given' (BibTeX's forms) as a CSL name; a name kept
    whole ('{OpenAI}') as CSL's literal name, which no processor splits or abbreviates."""
    whole = whole_name(author)
    if whole is not None:
        return {"literal": whole}
    parts = [p.strip() for p in author.split(",")]
    if len(parts) == 1:
        return {"family": parts[0]}
    if len(parts) == 2:
        return {"family": parts[0], "given": parts[1]}
    return {"family": parts[0], "given": parts[2], "suffix": parts[1]}


def csl_type(paper: Paper, taxonomy: Taxonomy) -> str:
    venue = taxonomy.venues.get(paper.venue) if paper.venue else None
    if paper.type == "misc" and (venue is not None and venue.kind == "preprint" or paper.arxiv):
        return "article"  # CSL's type for a preprint
    return _TYPES[paper.type]


def item(paper: Paper, taxonomy: Taxonomy) -> dict[str, Any]:
    """One record as a CSL-JSON item."""
    venue = taxonomy.venues.get(paper.venue) if paper.venue else None
    kind = csl_type(paper, taxonomy)
    out: dict[str, Any] = {
        "id": paper.id,
        "citation-key": paper.id,
        "type": kind,
        "title": paper.title,
        "author": [csl_name(a) for a in paper.authors],
        "issued": {"date-parts": [[paper.year]]},
    }
    if venue is not None:
        if venue.kind == "preprint":
            out["publisher"] = venue.short
            if paper.arxiv:
                out["number"] = f"arXiv:{paper.arxiv}"
        elif kind in ("article-journal", "paper-conference", "chapter"):
            out["container-title"] = venue.name
            out["container-title-short"] = venue.short
        else:
            out["publisher"] = venue.name
    if paper.volume is not None:
        out["volume"] = str(paper.volume)
    if paper.number is not None:
        out["issue"] = str(paper.number)
    if paper.pages is not None:
        out["page"] = str(paper.pages)
    if paper.publisher:
        out["publisher"] = paper.publisher
    if paper.institution:
        out["publisher"] = paper.institution
    if paper.type == "phdthesis":
        out["genre"] = "PhD thesis"
    if paper.doi:
        out["DOI"] = paper.doi
    url = paper.url or (arxiv_abs_url(paper.arxiv) if paper.arxiv else None) or paper.pdf
    if url:
        out["URL"] = url
    labels = [taxonomy.nodes[n].label for n in paper.all_labels if n in taxonomy.nodes]
    if labels:
        out["keyword"] = ", ".join(labels)
    if paper.short_name:
        out["title-short"] = paper.short_name
    return out


def to_csl_json(papers: Iterable[Paper], taxonomy: Taxonomy) -> str:
    """All `papers` as one CSL-JSON array, sorted by id."""
    items = [item(p, taxonomy) for p in sorted(papers, key=lambda p: p.id)]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
