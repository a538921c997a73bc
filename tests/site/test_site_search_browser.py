"""The site search in a real browser, on the repository's own collection: real queries a
researcher types, each with the paper it must put first; papers before everything else; every
word before some words; mistyped words; a narrowing filter; the keyboard; nothing fetched from
another host (the `watched` fixture fails a test that tries)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from sitegen.site import urls
from sitegen.site.links import quick_links
from sitegen.site.people import people

from tests.site.conftest import BuiltSite
from tests.site.browsing import SEARCH_DONE, Watched, search

pytestmark = pytest.mark.browser

# (what a reader types, the page that must come first)
QUERIES = [
    ("tinybert", urls.paper("jiao2020tinybert")),
    ("FitNet", urls.paper("romero2015fitnets")),
    ("DistilBERT", urls.paper("sanh2019distilbert")),
    ("Romero", urls.paper("romero2015fitnets")),  # a paper by Romero before Romero's author page
    ("Zagoruyko", urls.paper("zagoruyko2017paying")),
    ("CRD", urls.paper("tian2020contrastive")),  # not CrDoCo, whose name only starts so
    ("RKD", urls.paper("park2019relational")),  # two papers are RKD: the earlier first
    ("VID", urls.paper("ahn2019variational")),  # before the video papers
    ("DML", urls.paper("zhang2018deep")),
    ("BAN", urls.paper("furlanello2018born")),
    ("FSP", urls.paper("yim2017gift")),
    ("KD", urls.paper("hinton2015distilling")),
    ("OSAKA", urls.paper("caccia2020online")),
    ("MobileNetV2", urls.paper("sandler2018mobilenetv2")),
    ("attention transfer", urls.paper("zagoruyko2017paying")),  # the one paper with both words
    ("born again neural networks", urls.paper("furlanello2018born")),
    ("deep mutual learning", urls.paper("zhang2018deep")),
    ("noisy student", urls.paper("xie2020self")),
    ("zero-shot knowledge distillation", urls.paper("nayak2019zero")),
    ("relational knowledge distillation", urls.paper("park2019relational")),
    ("contrastive representation distillation", urls.paper("tian2020contrastive")),
    ("hinton distilling", urls.paper("hinton2015distilling")),
    ("distiling the knowledge in a neural network", urls.paper("hinton2015distilling")),  # a typo
    ("quantisation mimic", urls.paper("wei2018quantization")),  # British spelling
    ("park2019relational", urls.paper("park2019relational")),  # a record id
    ("kundu2019unsupervised", urls.paper("kundu2019um")),  # a retired id
    ("curation guide", urls.CURATION),  # no paper has these words: the guide comes first
]


def _groups(view: Watched) -> list[tuple[str, list[str]]]:
    """The result groups as shown: heading, and the paths of the results under it."""
    return view.page.eval_on_selector_all(
        "#kd-search-panel .kd-search-group",
        """groups => groups.map(g => [g.querySelector('h2').textContent,
            Array.from(g.querySelectorAll('a.kd-search-hit')).map(a => new URL(a.href).pathname.slice(1))])""",
    )


@pytest.mark.parametrize(("query", "first"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_puts_the_right_page_first(real_url: str, watched: Watched, query: str, first: str) -> None:
    found = search(watched, real_url, query)
    assert found, f"no result for {query!r}"
    assert urlsplit(found[0]).path == "/" + first
    groups = _groups(watched)
    order = [title for title, _ in groups]
    # Papers with every word come first; papers with only some of the words come last.
    assert order == sorted(order, key=["Papers", "Authors, topics and venues", "Site pages", "Papers with some of the words"].index)
    for title, paths in groups:
        is_paper = [p.startswith("papers/") for p in paths]
        assert all(is_paper) if title.startswith("Papers") else not any(is_paper), (title, paths)


def test_an_authors_name_lists_their_page(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    most = max(people(real_site.collection.papers), key=lambda p: (len(p.papers), p.slug))
    family = most.name.split(",")[0]
    search(watched, real_url, family)
    entries = dict(_groups(watched)).get("Authors, topics and venues", [])
    assert urls.author(most.slug) in entries, (family, entries)
    assert entries.index(urls.author(most.slug)) == 0  # the author of most papers first


def test_quick_typing_fetches_only_what_the_last_query_shows(real_url: str, watched: Watched) -> None:
    """Keys typed in a quick run wait for the pause: no part of the index or result is fetched
    for a half-typed word ('re', 'rel', ...) whose results the next key would replace."""
    search(watched, real_url, "attention")  # the search is loaded: nothing else holds up the keys
    watched.page.fill("#kd-search-input", "")
    watched.page.wait_for_timeout(300)
    fetched: list[str] = []
    watched.page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    watched.page.keyboard.type("relational knowledge", delay=10)
    watched.page.wait_for_function(SEARCH_DONE, arg="relational knowledge")
    shown = watched.page.eval_on_selector_all("#kd-search-panel a.kd-search-hit", "els => els.length")
    fragments = [path for path in fetched if "/pagefind/fragment/" in path]
    assert 0 < len(fragments) <= shown, (len(fragments), shown)


def test_every_word_before_some_words(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    with_both = sorted(
        p.id for p in real_site.collection.papers
        if "attention" in p.title.lower() and "transfer" in p.title.lower()
    )
    assert len(with_both) > 1 and "zagoruyko2017paying" in with_both  # the test's premise, from the records
    search(watched, real_url, "attention transfer")
    page = watched.page
    assert page.inner_text(".kd-search-status").startswith(f"{len(with_both)} papers with every word, ")
    groups = dict(_groups(watched))
    assert groups["Papers"][0] == urls.paper("zagoruyko2017paying")  # the paper named by both words
    assert sorted(groups["Papers"]) == sorted(urls.paper(i) for i in with_both)
    assert "Papers with some of the words" in groups


def test_a_mistyped_word_is_read_as_the_nearest_word(real_url: str, watched: Watched) -> None:
    right = search(watched, real_url, "distillation")
    right_status = watched.page.inner_text(".kd-search-status")
    wrong = search(watched, real_url, "distilation")
    assert watched.page.inner_text(".kd-search-status") == right_status.rstrip(".") + " (“distilation” read as “distillation”)."
    assert wrong == right


def test_a_word_no_paper_has_finds_nothing_rather_than_anything(real_url: str, watched: Watched) -> None:
    assert search(watched, real_url, "xylophone") == []
    assert watched.page.inner_text(".kd-search-status") == "No paper found (no paper has “xylophone”)."


def test_results_link_the_paper_directly(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    search(watched, real_url, "RKD")
    paper = real_site.collection.by_id["park2019relational"]
    item = watched.page.locator("#kd-search-panel li", has=watched.page.locator(f'a.kd-search-hit[href$="/{urls.paper(paper.id)}"]'))
    links = item.locator(".kd-quick a").evaluate_all("els => els.map(a => [a.textContent, a.getAttribute('href')])")
    assert [tuple(link) for link in links] == quick_links(paper)
    assert item.locator(".kd-short").inner_text() == "RKD"


def test_a_topic_filter_narrows_the_papers(real_site: BuiltSite, real_url: str, watched: Watched) -> None:
    search(watched, real_url, "distillation")
    page = watched.page
    page.select_option("#kd-search-panel .kd-search-topic", label="Self-distillation")
    page.wait_for_function(
        "() => { const p = document.getElementById('kd-search-panel'); return p.dataset.narrow === 'xqztopicselfdistillation' && p.dataset.state === 'done'; }"
    )
    taxonomy = real_site.collection.taxonomy
    under = {
        p.id for p in real_site.collection.papers
        if {"self-distillation", *taxonomy.descendants("self-distillation")} & set(p.all_labels)
    }
    with_word = {i for i in under if "distillation" in real_site.collection.by_id[i].title.lower()}
    shown = [p for title, paths in _groups(watched) if title == "Papers" for p in paths]
    assert shown and {p.split("/")[1] for p in shown} <= under
    count = int(page.inner_text(".kd-search-status").split()[0])
    assert len(with_word) <= count <= len(under)
    assert not any(title.startswith("Authors") for title, _ in _groups(watched))  # the filter is for papers


def test_keyboard_reaches_a_result(real_url: str, watched: Watched) -> None:
    page = watched.page
    search(watched, real_url, "tinybert", path=urls.paper("romero2015fitnets"))  # / works on any page
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('kd-search-hit')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + urls.paper("jiao2020tinybert"))
    assert page.inner_text("h1#title").startswith("TinyBERT")


def test_search_box_on_a_phone(real_url: str, browser: object) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    view = Watched(context)
    try:
        page = view.page
        page.goto(real_url)
        assert not page.is_visible("#kd-search-input")
        page.click(".kd-search-opener")
        assert page.is_visible("#kd-search-input")
        page.keyboard.type("DistilBERT")
        page.wait_for_function(SEARCH_DONE, arg="DistilBERT")
        first = page.locator("#kd-search-panel a.kd-search-hit").first
        box = first.bounding_box()
        assert box and 0 <= box["x"] and box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= 844
        assert view.errors == [] and view.external == []
    finally:
        context.close()
