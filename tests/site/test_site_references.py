"""The fast path to the formatted references (cache, two processes) gives exactly what rendering
each paper on its own gives."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import citeproc.model
import citeproc.source
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
from citeproc.source.json import CiteProcJSON

from sitegen.export.csl import item
from sitegen.pipeline import load_collection
from sitegen.site import references as module
from sitegen.site.build import build_site
from sitegen.site.references import CACHE_FILE, ReferenceCache, cache_key, references, render_references, start_references, style
from tests.site.conftest import make_tiny_collection


def test_every_tiny_paper_gets_what_rendering_it_alone_gives(tmp_path: Path) -> None:
    collection = load_collection(make_tiny_collection(tmp_path / "collection"))
    alone = {p.id: references(p, collection.taxonomy) for p in collection.papers}
    assert render_references(collection.papers, collection.taxonomy) == alone
    # Over two processes (the path a large collection takes), in the same order.
    assert render_references(collection.papers, collection.taxonomy, pool_from=1) == alone
    assert len(alone) == len(collection.papers) and all(len(refs) == 2 and refs[0][1] and refs[1][1] for refs in alone.values())


def test_two_papers_of_one_author_and_year_get_no_year_suffix_nor_number(taxonomy, make_paper) -> None:
    first = make_paper(id="park2019relational", title="Relational knowledge distillation", authors=["Park, Wonpyo"], year=2019)
    second = make_paper(id="park2019another", title="Another distillation", authors=["Park, Wonpyo"], year=2019)
    rendered = render_references([first, second], taxonomy, pool_from=1)
    assert rendered == {p.id: references(p, taxonomy) for p in (first, second)}
    assert dict(rendered["park2019relational"])["APA"].startswith("Park, W. (2019). Relational knowledge distillation.")
    assert dict(rendered["park2019another"])["APA"].startswith("Park, W. (2019). Another distillation.")
    assert dict(rendered["park2019another"])["IEEE"].startswith("W. Park, “Another distillation”")
    # One bibliography of both numbers the second paper: each reference is rendered alone for that
    # (and for the year suffixes, 2019a and 2019b, that the CSL specification gives such a pair).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        together = CitationStylesBibliography(style("ieee"), CiteProcJSON([item(first, taxonomy), item(second, taxonomy)]), formatter.plain)
        together.register(Citation([CitationItem("park2019relational"), CitationItem("park2019another")]))
        entries = [" ".join(str(e).split()) for e in together.bibliography()]
    assert entries[1].startswith("[2]W. Park, “Another distillation”")


def test_the_cache_keeps_what_was_rendered_and_only_that(tmp_path: Path, taxonomy, make_paper) -> None:
    path = tmp_path / "cache" / "references.json"
    paper = make_paper(id="park2019relational", title="Relational knowledge distillation", authors=["Park, Wonpyo"], year=2019)
    other = make_paper(id="kim2018paraphrasing", title="Paraphrasing complex network", authors=["Kim, Jangho"], year=2018)
    cache = ReferenceCache(path)
    rendered = render_references([paper, other], taxonomy, cache)
    cache.save()
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(stored.values()) == sorted(text for refs in rendered.values() for _, text in refs)
    # A later build takes the reference from the cache: the key, not citeproc, decides the text.
    stored[cache_key(item(paper, taxonomy), "apa")] = "from the cache"
    path.write_text(json.dumps(stored), encoding="utf-8")
    again = ReferenceCache(path)
    assert dict(render_references([paper], taxonomy, again)[paper.id])["APA"] == "from the cache"
    again.save()  # the build without `other` keeps only its own two references
    assert len(json.loads(path.read_text(encoding="utf-8"))) == 2
    # A changed record has another key, so it is rendered anew.
    changed = make_paper(id="park2019relational", title="Relational knowledge distillation, revised", authors=["Park, Wonpyo"], year=2019)
    assert dict(render_references([changed], taxonomy, ReferenceCache(path))[paper.id])["APA"] == dict(references(changed, taxonomy))["APA"]


def test_a_damaged_cache_only_costs_time(tmp_path: Path, taxonomy, make_paper) -> None:
    path = tmp_path / "references.json"
    path.write_text('{"not json', encoding="utf-8")
    paper = make_paper(id="park2019relational", title="Relational knowledge distillation", authors=["Park, Wonpyo"], year=2019)
    cache = ReferenceCache(path)
    assert render_references([paper], taxonomy, cache) == {paper.id: references(paper, taxonomy)}
    cache.save()
    assert len(json.loads(path.read_text(encoding="utf-8"))) == 2


def test_a_build_keeps_the_cache_under_build_and_a_warm_build_is_identical(tmp_path: Path) -> None:
    root = make_tiny_collection(tmp_path / "collection")
    build_site(root, run_mkdocs_build=False, env={})
    cold = {p: p.read_bytes() for p in sorted((root / "build" / "docs").rglob("*")) if p.is_file()}
    cache = root / CACHE_FILE
    assert len(json.loads(cache.read_text(encoding="utf-8"))) == 2 * len(load_collection(root).papers)
    build_site(root, run_mkdocs_build=False, env={})
    warm = {p: p.read_bytes() for p in sorted((root / "build" / "docs").rglob("*")) if p.is_file()}
    assert warm == cold


def test_remembered_look_ups_give_citeproc_pys_own_text(tmp_path: Path, monkeypatch) -> None:
    """The build remembers each style's macros, terms, layouts and which elements call a
    variable, and each item its reference; a reference must read exactly as citeproc-py's own look-ups make it, in both
    styles, whichever style was rendered before."""
    collection = load_collection(make_tiny_collection(tmp_path))
    items = [item(paper, collection.taxonomy) for paper in collection.papers]
    remembered = [module.formatted(csl_item, name) for csl_item in items for name, _ in module.STYLES]
    monkeypatch.setattr(citeproc.model.CitationStylesElement, "get_macro", module._find_macro)
    monkeypatch.setattr(citeproc.model.Locale, "get_term", module._own["term"])
    monkeypatch.setattr(citeproc.model.Parent, "calls_variable", module._own["parent calls"])
    monkeypatch.setattr(citeproc.model.Text, "calls_variable", module._own["text calls"])
    monkeypatch.setattr(citeproc.model.CitationStylesElement, "get_layout", module._own["layout"])
    monkeypatch.setattr(citeproc.source.CitationItem, "reference", module._own["reference"])
    own = [module.formatted(csl_item, name) for csl_item in items for name, _ in module.STYLES]
    assert remembered == own and all(remembered)
    assert module._macros, "the build did not use the remembered macros"
    kinds = {key[0] for key in module._answers}
    assert kinds == {"term", "parent calls", "text calls", "layout"}, kinds


@pytest.mark.parametrize("name", [name for name, _ in module.STYLES])
def test_a_remembered_term_is_the_locales_own_for_every_name_and_form(name: str) -> None:
    """Terms differ by form ('page' long, 'p.' short) and some exist in one form only: each
    (name, form) is remembered apart, and a missing one stays missing."""
    style = module.style(name)
    for locale in style.root.locales:
        for term_name in ("page", "editor", "and", "et-al", "accessed", "no date", "in", "no such term"):
            for form in (None, "short", "verb", "verb-short", "symbol"):
                try:
                    own = module._own["term"](locale, term_name, form)
                except IndexError:
                    own = IndexError
                try:
                    remembered = module._remembered_term(locale, term_name, form)
                except IndexError:
                    remembered = IndexError
                assert remembered is own or remembered == own, (term_name, form)


def test_references_started_and_closed_early_still_read_the_same(tmp_path: Path) -> None:
    """A build that stops on an error closes the processes it started; asked afterwards, the
    references are made in this process, with the same text."""
    collection = load_collection(make_tiny_collection(tmp_path))
    alone = {paper.id: references(paper, collection.taxonomy) for paper in collection.papers}
    pending = start_references(collection.papers, collection.taxonomy, pool_from=1)
    pending.close()
    assert pending.result() == alone
    started = start_references(collection.papers, collection.taxonomy, pool_from=1)
    assert started.result() == alone
