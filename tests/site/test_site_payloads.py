"""Stored injection: every payload a tester planted, in every free-text field of a record, shows
on every page as the text it is and never becomes an element, an attribute or a script.

The site is built from records holding only payloads, served on localhost and opened in
Debian's chromium. Markdown is the danger: the audit page once passed record text through it,
so a note ending in `{: autofocus onfocus=... }` became attributes of a table cell (attr_list).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
import yaml

from sitegen.keys import base_key
from sitegen.site import urls
from sitegen.site.people import people
from tests.site.conftest import BuiltSite, Watched, build, make_tiny_collection, serve

pytestmark = pytest.mark.browser

PAYLOADS = {
    "attr": "{: tabindex=0 autofocus onfocus=alert(document.domain) }",
    "link": "[T](javascript:alert(document.domain))",
    "image": "![x](x) <img src=x onerror=alert(document.domain)>",
    "script": "<script>alert(document.domain)</script>",
    "emphasis": "*em* _em_ `code` <b>bold</b> &amp; ~~del~~",
    "heading": "# {#forged .cls onclick=alert(1)}",
}

# Each free-text field of a record, and how to plant a payload in it.
FIELDS = ("title", "alt_titles", "authors", "publisher", "institution", "short_name", "note", "doubts",
          "corrections.was", "corrections.now", "corrections.source", "sources.survey")


def _author(name: str) -> str:
    return f"Payload{name.capitalize()}, {PAYLOADS[name].replace('&', '+')}"  # '&' would make two authors


def _record(name: str, payload: str, other: str) -> dict:
    title = f"Payload {name} {payload}"
    author = _author(name)
    return {
        "id": base_key(author, 2021, title),
        "title": title,
        "alt_titles": [f"Also {payload}"],
        "authors": [author, "Smith, A."],
        "year": 2021,
        "venue": "cvpr",
        "type": "inproceedings",
        "publisher": payload,
        "institution": payload,
        "scope": "core",
        "taxonomy": {"knowledge": ["response-based"]},
        "short_name": payload,
        "note": f"Note {payload}",
        "distinct_from": [other],
        "sources": {"survey": payload},
        "corrections": [{"field": "title", "was": f"was {payload}", "now": f"now {payload}", "source": f"source {payload}"}],
        "doubts": [f"Doubt {payload}"],
    }


def payload_records() -> list[dict]:
    names = list(PAYLOADS)
    ids = [base_key(_author(n), 2021, f"Payload {n} {PAYLOADS[n]}") for n in names]
    return [_record(n, PAYLOADS[n], ids[(i + 1) % len(ids)]) for i, n in enumerate(names)]


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = make_tiny_collection(tmp_path_factory.mktemp("payloads") / "collection")
    for path in (root / "papers").iterdir():
        path.unlink()
    for record in payload_records():
        text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=10**6)
        (root / "papers" / f"{record['id']}.yaml").write_text(text, encoding="utf-8")
    return build(root, tmp_path_factory.mktemp("payloads-out"))


@pytest.fixture(scope="module")
def payload_url(payload_site: BuiltSite) -> Iterator[str]:
    yield from serve(payload_site.site)


# What a payload that acted would leave in the page.
ACTED = """() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            // A <meta> tag's content is inert text (descriptions, citation_* tags): only its name matters.
            const inert = el.tagName === 'META' && attr.name === 'content';
            if (/^on/i.test(attr.name) || attr.name === 'autofocus' || (!inert && /alert\\(/.test(attr.value))
                || /^\\s*javascript:/i.test(attr.value)) {
                found.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
            }
        }
        if (el.id === 'forged' || el.classList.contains('cls')) found.push(`<${el.tagName.toLowerCase()} id=${el.id}>`);
    }
    // Elements the payloads' Markdown and HTML would make, recognisable by their text.
    for (const el of document.querySelectorAll('img[src="x"], script, a[href="x"]')) {
        if (el.tagName !== 'SCRIPT' || /alert/.test(el.textContent)) found.push(el.outerHTML.slice(0, 80));
    }
    for (const el of document.querySelectorAll('em, strong, b, del, code, h1, h2')) {
        if (['em', 'bold', 'del', 'code', 'T', 'x'].includes(el.textContent.trim())) found.push(el.outerHTML.slice(0, 80));
    }
    return found;
}"""


def _pages(site: BuiltSite) -> list[str]:
    papers = site.collection.papers
    slugs = [p.slug for p in people(papers)]
    return [
        urls.HOME, urls.AUDIT, urls.AUTHORS, urls.VENUES, urls.venue("cvpr"), urls.YEARS, urls.year(2021),
        urls.node("response-based"), urls.DOWNLOADS, urls.EXPLORE,
        *(urls.paper(p.id) for p in papers), *(urls.author(s) for s in slugs),
    ]


def test_every_payload_in_every_field_stays_text(payload_site: BuiltSite, payload_url: str, watched: Watched) -> None:
    page = watched.page
    assert len(payload_site.collection.papers) == len(PAYLOADS)
    for path in _pages(payload_site):
        page.goto(payload_url + path)
        if path == urls.EXPLORE:
            page.wait_for_selector("#kd-explore[data-ready=true]")
        page.wait_for_timeout(50)  # autofocus and onerror fire on load
        assert page.evaluate(ACTED) == [], path
    assert watched.dialogs == []


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_the_audit_page_shows_each_payload_as_typed(payload_site: BuiltSite, payload_url: str, watched: Watched, name: str) -> None:
    page = watched.page
    page.goto(payload_url + urls.AUDIT)
    payload = PAYLOADS[name]
    cells = page.eval_on_selector_all("td", "cells => cells.map(c => c.textContent)")
    for expected in (f"was {payload}", f"now {payload}", f"source {payload}", f"Doubt {payload}", f"Note {payload}", f"Also {payload}"):
        assert expected in cells, expected
    attributes = page.eval_on_selector_all("td", "cells => cells.flatMap(c => Array.from(c.attributes).map(a => a.name))")
    assert set(attributes) <= {"style"}  # only the alignment of number columns


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_the_paper_page_shows_each_payload_as_typed(payload_site: BuiltSite, payload_url: str, watched: Watched, name: str) -> None:
    page = watched.page
    record = next(r for r in payload_records() if r["title"] == f"Payload {name} {PAYLOADS[name]}")
    page.goto(payload_url + urls.paper(record["id"]))
    assert page.inner_text("h1#title") == record["title"]
    assert page.inner_text(".kd-short") == PAYLOADS[name]
    assert page.inner_text(".kd-note") == record["note"]
    assert _author(name).split(", ", 1)[1] in page.inner_text(".kd-authors")
