"""Explore in a real browser: the address and the table always agree (reload, Back and Forward,
a shared link opened in a fresh browser), a phone sees papers first, the keyboard has a skip
link and a visible focus ring, facet counts are readable, and the papers on view download as
BibTeX and CSL-JSON that read back to exactly those papers."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import bibtexparser
import pytest

from sitegen.site import urls
from sitegen.site.links import quick_links

from tests.site.conftest import BuiltSite
from tests.site.browsing import Watched

pytestmark = pytest.mark.browser

READY = "#kd-explore[data-ready=true]"


def rows(view: Watched) -> list[str]:
    """Ids of every paper the table lists, drawing all of them first."""
    page = view.page
    page.wait_for_selector(READY)
    while page.is_visible(".kd-explore-more"):
        page.click(".kd-explore-more")
    return page.eval_on_selector_all("#kd-explore tbody tr", "rows => rows.map(r => r.dataset.id)")


def params(view: Watched) -> dict[str, list[str]]:
    return parse_qs(urlsplit(view.page.url).query)


def under(site: BuiltSite, node: str) -> set[str]:
    taxonomy = site.collection.taxonomy
    wanted = {node, *taxonomy.descendants(node)}
    return {p.id for p in site.collection.papers if wanted & set(p.all_labels)}


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def with_text(site: BuiltSite, word: str) -> set[str]:
    """Papers whose title, short name, authors, id, year or venue contain `word`, as Explore matches."""
    taxonomy = site.collection.taxonomy
    found = set()
    for p in site.collection.papers:
        venue = taxonomy.venues[p.venue] if p.venue else None
        text = " ".join([p.id, p.title, p.short_name or "", " ".join(p.authors), str(p.year), f"{venue.short} {venue.name}" if venue else ""])
        if _fold(word) in _fold(text).replace(",", ""):
            found.add(p.id)
    return found


def test_back_and_forward_undo_and_redo_each_filter_change(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(real_url + urls.EXPLORE)
    everything = rows(watched)
    assert len(everything) == len(real_site.collection.papers)
    page.check('#kd-explore input[data-facet="knowledge"][value="feature-based"]')
    feature = rows(watched)
    assert set(feature) == under(real_site, "feature-based")
    page.check('#kd-explore input[data-facet="scheme"][value="offline"]')
    both = rows(watched)
    assert set(both) == under(real_site, "feature-based") & under(real_site, "offline")
    address = page.url

    page.go_back()
    assert rows(watched) == feature and params(watched) == {"knowledge": ["feature-based"]}
    assert not page.is_checked('#kd-explore input[data-facet="scheme"][value="offline"]')
    page.go_back()
    assert rows(watched) == everything and params(watched) == {}
    page.go_forward()
    page.go_forward()
    assert rows(watched) == both and page.url == address
    assert page.is_checked('#kd-explore input[data-facet="scheme"][value="offline"]')
    page.reload()
    assert rows(watched) == both


def test_a_shared_link_opens_the_same_view_in_a_fresh_browser(real_site: BuiltSite, real_url: str, browser: object) -> None:
    link = real_url + urls.EXPLORE + "?text=attention&knowledge=feature-based&sort=title"
    expected = with_text(real_site, "attention") & under(real_site, "feature-based")
    assert 1 < len(expected) < len(real_site.collection.papers)
    shown = []
    for _ in range(2):  # two fresh browsers: nothing carried over
        context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        view = Watched(context)
        try:
            view.page.goto(link)
            listed = rows(view)
            assert set(listed) == expected
            assert view.page.url == link  # the address is left as it was shared
            assert view.page.is_hidden("#kd-search-panel")  # and opens no search over the table
            assert view.page.input_value("#kd-explore input[name=text]") == "attention"
            assert view.errors == [] and view.external == []
            shown.append(listed)
        finally:
            context.close()
    assert shown[0] == shown[1]
    titles = [_fold(real_site.collection.by_id[i].title) for i in shown[0]]
    assert titles == sorted(titles)  # sort=title kept too


def test_an_old_link_with_q_still_opens_its_view(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    watched.page.goto(real_url + urls.EXPLORE + "?q=attention")
    assert set(rows(watched)) == with_text(real_site, "attention")
    assert params(watched) == {"text": ["attention"]}


def test_typing_is_one_history_entry(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(real_url + urls.EXPLORE)
    everything = rows(watched)
    page.click("#kd-explore input[name=text]")
    page.keyboard.type("attention", delay=40)
    page.wait_for_function("() => new URLSearchParams(location.search).get('text') === 'attention'")
    assert set(rows(watched)) == with_text(real_site, "attention")
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert rows(watched) == everything
    assert page.input_value("#kd-explore input[name=text]") == ""


def test_back_from_a_paper_shows_the_same_papers(real_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(real_url + urls.EXPLORE + "?text=attention")
    page.check('#kd-explore input[data-facet="knowledge"][value="feature-based"]')
    before, address = rows(watched), page.url
    page.click("#kd-explore tbody tr:first-child td:first-child a")
    page.wait_for_selector("h1#title")
    page.go_back()
    assert rows(watched) == before and page.url == address


def test_rows_link_the_paper_directly(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(real_url + urls.EXPLORE + "?text=relational")
    rows(watched)
    for paper_id in ("park2019relational", "tian2020contrastive"):
        if paper_id not in with_text(real_site, "relational"):
            continue
        links = page.eval_on_selector_all(
            f'#kd-explore tr[data-id="{paper_id}"] .kd-quick a', "els => els.map(a => [a.textContent, a.getAttribute('href')])"
        )
        assert [tuple(link) for link in links] == quick_links(real_site.collection.by_id[paper_id])


def _first_row_on_screen(view: Watched, height: int) -> bool:
    """Whether the first result's title is on screen (a row of many authors may run below it)."""
    box = view.page.locator("#kd-explore tbody tr td:first-child a").first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_a_phone_sees_papers_first_and_what_a_filter_did(real_site: BuiltSite, real_url: str, browser: object) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    view = Watched(context)
    try:
        page = view.page
        page.goto(real_url + urls.EXPLORE)
        page.wait_for_selector(READY)
        assert _first_row_on_screen(view, 844)
        assert page.is_hidden("#kd-explore-filters .kd-facet")
        toggle = page.locator(".kd-filters-toggle")
        assert toggle.inner_text().strip() == "Filters"
        toggle.click()
        page.check('#kd-explore input[data-facet="scheme"][value="online"]')
        page.wait_for_selector('#kd-explore[data-active="1"]')
        assert page.evaluate("scrollY") == 0 and _first_row_on_screen(view, 844)  # the reader sees what the box did
        assert set(rows(view)) == under(real_site, "online")
        assert page.inner_text(".kd-filters-toggle .kd-badge") == "1"
        assert toggle.get_attribute("aria-label") == "Filters, 1 active"
        chip = page.locator(".kd-chip", has_text="Online distillation")
        assert chip.is_visible()
        chip.click()
        assert params(view) == {} and len(rows(view)) == len(real_site.collection.papers)
        assert page.locator(".kd-chip").count() == 0
        assert page.inner_text(".kd-filters-toggle .kd-badge") == "" and toggle.get_attribute("aria-label") == "Filters"
        assert view.errors == [] and view.external == []
    finally:
        context.close()


def test_skip_link_takes_the_keyboard_to_the_results(real_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(real_url + urls.EXPLORE)
    page.wait_for_selector(READY)
    page.focus("#kd-explore input[name=text]")
    presses = 0
    for key in ["Tab", "Enter"]:
        page.keyboard.press(key)
        presses += 1
    assert page.evaluate("document.activeElement.id") == "kd-explore-results"
    while not page.evaluate("!!document.activeElement.closest('tbody') && document.activeElement.tagName === 'A'"):
        page.keyboard.press("Tab")
        presses += 1
        assert presses <= 12, "too many key presses from the text box to the first paper"
    assert page.evaluate("document.activeElement.closest('tr').dataset.id") == page.evaluate(
        "document.querySelector('#kd-explore tbody tr').dataset.id"
    )


@pytest.mark.parametrize(
    "selector",
    [
        "#kd-explore .kd-skip",
        '#kd-explore input[data-facet="knowledge"][value="feature-based"]',
        "#kd-explore select[name=from]",
        "#kd-explore .kd-download",
        "#kd-explore th[data-sort=year]",
        "#kd-explore tbody tr:first-child td:first-child a",
        "#kd-explore tbody tr:first-child .kd-quick a",
        "#kd-explore input[name=text]",
        "#kd-explore .kd-chip",
    ],
)
def test_every_control_shows_a_focus_ring(real_url: str, watched: Watched, selector: str) -> None:
    page = watched.page
    page.goto(real_url + urls.EXPLORE + "?from=2019")  # a chip to focus
    page.wait_for_selector(READY)
    page.keyboard.press("Shift")  # the keyboard was used last, as for a reader who tabs
    page.focus(selector)
    ring = page.eval_on_selector(selector, "e => { const s = getComputedStyle(e); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert ring[0] != "none" and ring[1] >= 2, ring


CONTRAST = """([selector, skip]) => {
  const parse = c => c.match(/[\\d.]+/g).map(Number);
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
    }
    return [255, 255, 255, 1];
  };
  const mix = (fg, bg) => fg.length < 4 ? fg.slice(0, 3) : fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
  const lum = rgb => { const [r, g, b] = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  return Array.from(document.querySelectorAll(selector)).slice(0, 40).map(el => {
    const bg = mix(background(el), [255, 255, 255]);
    const fg = mix(parse(getComputedStyle(el).color), bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  });
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_facet_counts_meet_wcag_aa(real_url: str, browser: object, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)  # type: ignore[attr-defined]
    view = Watched(context)
    try:
        page = view.page
        page.goto(real_url + urls.EXPLORE + "?scope=related")  # many values count 0 then
        page.wait_for_selector(READY)
        zero = page.evaluate(CONTRAST, ["#kd-explore label.kd-zero span", None])
        counts = page.evaluate(CONTRAST, ["#kd-explore .kd-n", None])
        assert zero and counts
        assert min(zero) >= 4.5 and min(counts) >= 4.5, (min(zero), min(counts))
    finally:
        context.close()


def test_table_cells_are_padded(real_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(real_url + urls.EXPLORE)
    page.wait_for_selector(READY)
    padding = page.eval_on_selector(
        "#kd-explore tbody tr:first-child td.kd-num", "td => [parseFloat(getComputedStyle(td).paddingLeft), parseFloat(getComputedStyle(td).paddingRight)]"
    )
    assert min(padding) >= 4
    # The year and the venue beside it are set apart, not run together ("2021Pattern Recognition").
    gap = page.evaluate(
        """() => {
          const row = document.querySelector('#kd-explore tbody tr');
          const text = td => { const r = document.createRange(); r.selectNodeContents(td); return r.getBoundingClientRect(); };
          return text(row.querySelector('.kd-venue-cell')).left - text(row.querySelector('td.kd-num')).right;
        }"""
    )
    assert gap >= 8


def _download(view: Watched, button: str, folder: Path) -> str:
    with view.page.expect_download() as info:
        view.page.click(button)
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path.read_text(encoding="utf-8")


def test_the_papers_on_view_download_as_bibtex_and_csl_json(real_site: BuiltSite, real_url: str, watched: Watched, tmp_path: Path) -> None:
    page = watched.page
    page.goto(real_url + urls.EXPLORE + "?knowledge=relation-based&sort=title")
    shown = rows(watched)
    assert set(shown) == under(real_site, "relation-based")
    bibtex = _download(watched, "#kd-explore .kd-download[data-format=bibtex]", tmp_path)
    library = bibtexparser.parse_string(bibtex)
    assert not library.failed_blocks
    assert [entry.key for entry in library.entries] == shown
    whole = bibtexparser.parse_string((real_site.site / urls.BIBTEX_ALL).read_text(encoding="utf-8"))
    by_key = {e.key: e for e in whole.entries}
    assert all(entry.fields_dict.keys() == by_key[entry.key].fields_dict.keys() for entry in library.entries)
    csl = json.loads(_download(watched, "#kd-explore .kd-download[data-format=csl]", tmp_path))
    assert [item["id"] for item in csl] == shown
    everything = {item["id"]: item for item in json.loads((real_site.site / urls.CSL_ALL).read_text(encoding="utf-8"))}
    assert all(item == everything[item["id"]] for item in csl)
