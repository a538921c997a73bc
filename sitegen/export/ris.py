"""Records to RIS, the tagged format EndNote, Mendeley, Zotero and most reference managers import.

One record per paper, sorted by id: `TAG  - value` lines from `TY` to `ER`. RIS has no
escaping: a value only has to stay on its line, so every line break or other control character
in a value becomes a space (nothing else is changed). Names are written as the records hold
them, 'Family, Given', which is RIS's own form.
"""

from __future__ import annotations

import re
from typing import Iterable

from sitegen.export.csl import csl_type
from sitegen.identifiers import arxiv_abs_url
from sitegen.model import Paper
from sitegen.names import whole_name
from sitegen.taxonomy import Taxonomy

# CSL item type (as the CSL-JSON export decides it) -> RIS reference type.
_TYPES = {
    "article-journal": "JOUR",
    "paper-conference": "CPAPER",
    "chapter": "CHAP",
    "book": "BOOK",
    "report": "RPRT",
    "thesis": "THES",
    "article": "UNPB",  # a preprint
    "document": "GEN",
}
_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def _line(tag: str, value: object) -> str:
    text = _BREAKS.sub(" ", str(value)).strip()
    return f"{tag}  - {text}"


def record(paper: Paper, taxonomy: Taxonomy) -> str:
    """One paper as an RIS record, ending with its ER line and a blank line."""
    venue = taxonomy.venues.get(paper.venue) if paper.venue else None
    kind = csl_type(paper, taxonomy)
    lines = [_line("TY", _TYPES[kind]), _line("ID", paper.id), _line("TI", paper.title)]
    lines += [_line("AU", whole_name(a) or a) for a in paper.authors]
    lines.append(_line("PY", paper.year))
    if venue is not None:
        if venue.kind == "preprint" or kind in ("book", "report", "thesis", "document"):
            lines.append(_line("PB", venue.name))
        else:
            lines.append(_line("T2", venue.name))
            lines.append(_line("J2", venue.short))
    if paper.volume is not None:
        lines.append(_line("VL", paper.volume))
    if paper.number is not None:
        lines.append(_line("IS", paper.number))
    if paper.pages is not None:
        first, _, last = re.sub(r"\s*[-–—]+\s*", "-", str(paper.pages)).partition("-")
        lines.append(_line("SP", first))
        if last:
            lines.append(_line("EP", last))
    for name in (paper.publisher, paper.institution):
        if name:
            lines.append(_line("PB", name))
    if paper.doi:
        lines.append(_line("DO", paper.doi))
    url = paper.url or (arxiv_abs_url(paper.arxiv) if paper.arxiv else None) or paper.pdf
    if url:
        lines.append(_line("UR", url))
    if paper.arxiv:
        lines.append(_line("M1", f"arXiv:{paper.arxiv}"))
    lines += [_line("KW", taxonomy.nodes[n].label) for n in paper.all_labels if n in taxonomy.nodes]
    lines.append("ER  - ")
    return "\n".join(lines) + "\n\n"


def to_ris(papers: Iterable[Paper], taxonomy: Taxonomy) -> str:
    """All `papers` as one RIS file, sorted by id."""
    return "".join(record(p, taxonomy) for p in sorted(papers, key=lambda p: p.id))
