"""What's new: addition dates from a real git history, the home page's "Recently added" with
its dates, and the Atom feeds read back with feedparser.

The collection is the tiny one plus a record whose title holds markup characters and accents,
committed in a temporary git repository at chosen dates; the hostile record is first committed
under its old id (its alias) and renamed later, so it must keep its first date.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from sitegen.site import urls
from sitegen.site.build import gather
from sitegen.site.feeds import FEED_SIZE

from tests.site.browsing import watching
from tests.site.conftest import BuiltSite, QuietServer, _Quiet, build, make_tiny_collection

ACCENTED_TITLE = "Kleine <Schüler> & große Lehrer: Distillation für Übersetzung"
ACCENTED = f"""id: grosser2024kleine
title: "{ACCENTED_TITLE}"
authors:
  - Größer, Zoë
  - Łukasz, Ångström
year: 2024
venue: iclr
type: inproceedings
scope: core
taxonomy:
  knowledge: [response-based]
sources:
  lists:
    - list: sample
      commit: 0123456789abcdef0123456789abcdef01234567
      line: 12
"""
FIRST, SECOND, RENAMED = "2024-01-10T09:00:00+00:00", "2024-03-05T12:00:00+00:00", "2024-07-01T08:00:00+00:00"
LAST = "2024-09-15T23:30:00-05:00"  # 04:30 on 16 September in UTC: dates are UTC days
FIRST_PAPERS = ["hinton2015distilling", "romero2015fitnets", "zagoruyko2017paying", "chollet2017xception"]
SECOND_PAPERS = ["park2019relational", "muller2019label", "anil2018large"]
# Newest first; within one commit by year (newest first), then id.
EXPECTED = [
    ("grosser2024kleine", "2024-09-16"),
    ("muller2019label", "2024-03-05"),
    ("park2019relational", "2024-03-05"),
    ("anil2018large", "2024-03-05"),
    ("hostile2020script", "2024-01-10"),  # renamed on 2024-07-01 from hostile2020old: keeps its first date
    ("chollet2017xception", "2024-01-10"),
    ("zagoruyko2017paying", "2024-01-10"),
    ("hinton2015distilling", "2024-01-10"),
    ("romero2015fitnets", "2024-01-10"),
]


def _git(folder: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True, env=env)


def make_dated_collection(folder: Path) -> Path:
    """The tiny collection and the accented record, committed in four commits at known dates."""
    make_tiny_collection(folder)
    papers = folder / "papers"
    held = folder.parent / f"{folder.name}-held"
    held.mkdir()
    for name in [*SECOND_PAPERS, "hostile2020script"]:
        shutil.move(papers / f"{name}.yaml", held / f"{name}.yaml")
    shutil.copyfile(held / "hostile2020script.yaml", papers / "hostile2020old.yaml")
    _git(folder, "init", "-q", "-b", "main")
    _git(folder, "add", ".")
    _git(folder, "commit", "-q", "-m", "first records", date=FIRST)
    for name in SECOND_PAPERS:
        shutil.move(held / f"{name}.yaml", papers / f"{name}.yaml")
    _git(folder, "add", ".")
    _git(folder, "commit", "-q", "-m", "second records", date=SECOND)
    _git(folder, "mv", "papers/hostile2020old.yaml", "papers/hostile2020script.yaml")
    shutil.copyfile(held / "hostile2020script.yaml", papers / "hostile2020script.yaml")
    _git(folder, "add", ".")
    _git(folder, "commit", "-q", "-m", "rename hostile2020old", date=RENAMED)
    (papers / "grosser2024kleine.yaml").write_text(ACCENTED, encoding="utf-8")
    _git(folder, "add", ".")
    _git(folder, "commit", "-q", "-m", "accented record", date=LAST)
    return folder


@pytest.fixture(scope="module")
def dated_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_dated_collection(tmp_path_factory.mktemp("dated") / "collection")


@pytest.fixture(scope="module")
def dated_local(dated_root: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A local build (no public address) of the dated collection."""
    return build(dated_root, tmp_path_factory.mktemp("dated-local"))


@dataclass
class Addressed:
    built: BuiltSite
    url: str  # the address it was built for, and is served at


@pytest.fixture(scope="module")
def dated_served(dated_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Addressed]:
    """The dated collection built for, and served at, a localhost address."""
    out = tmp_path_factory.mktemp("dated-served")
    server = QuietServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out / "site")))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    built = build(dated_root, out, site_url=url)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Addressed(built, url)
    finally:
        server.shutdown()
        server.server_close()


def _page(site: BuiltSite, path: str) -> str:
    return (site.site / path / "index.html").read_text(encoding="utf-8")


def _newest_section(home: str) -> str:
    return home[home.index('id="newest"'):home.index('id="more"')]


def _feed(site: BuiltSite, path: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((site.site / path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


# --- addition dates and the home page ------------------------------------------------------


def test_recently_added_shows_dates_newest_first(dated_local: BuiltSite) -> None:
    section = _newest_section(_page(dated_local, ""))
    assert ">Recently added<" in section
    shown = re.findall(r'<li id="([a-z0-9-]+)">.*?<time datetime="(\d{4}-\d\d-\d\d)">(\d{4}-\d\d-\d\d)</time>', section)
    assert [(paper, day) for paper, day, _ in shown] == EXPECTED
    assert all(attribute == text for _, attribute, text in shown)
    days = [day for _, day, _ in shown]
    assert days == sorted(days, reverse=True)


def test_renamed_record_is_as_old_as_its_first_name(dated_root: Path) -> None:
    _, index = gather(dated_root)
    assert index.repository.added["papers/hostile2020script.yaml"] > index.repository.added["papers/hostile2020old.yaml"]
    assert index.added_on("hostile2020script") == "2024-01-10"
    assert index.newest_additions(2)[1][1].id != "hostile2020script"


def test_uncommitted_record_is_newest_and_undated(dated_root: Path, tmp_path: Path) -> None:
    root = tmp_path / "collection"
    shutil.copytree(dated_root, root)
    text = (root / "papers" / "grosser2024kleine.yaml").read_text(encoding="utf-8")
    (root / "papers" / "grosser2024neue.yaml").write_text(text.replace("grosser2024kleine", "grosser2024neue").replace("Kleine", "Neue"), encoding="utf-8")
    files, index = gather(root)
    assert [p.id for p in index.newest_additions(2)[1]] == ["grosser2024neue", "grosser2024kleine"]
    section = files["index.md"].decode("utf-8").split("{: #newest }")[1]
    assert re.search(r'<li id="grosser2024neue">.*?<span class="kd-added">not committed yet</span>', section)
    feed = feedparser.parse(files[urls.FEED_ALL])
    assert "grosser2024neue" not in {e.link.rsplit("/", 2)[-2] for e in feed.entries}  # no date to give it


def test_without_history_nothing_is_dated_and_there_are_no_feeds(tiny_site: BuiltSite) -> None:
    home = _page(tiny_site, "")
    section = _newest_section(home)
    assert ">Newest papers<" in section and "<time" not in section
    assert not (tiny_site.site / "feeds").exists()
    for path in ("", urls.node("response-based"), urls.DOWNLOADS):
        assert "application/atom+xml" not in _page(tiny_site, path), path


def test_same_commit_same_bytes(dated_root: Path) -> None:
    first, _ = gather(dated_root)
    again, _ = gather(dated_root)
    assert first == again
    assert any(path.endswith(".atom") for path in first)


# --- the feeds -----------------------------------------------------------------------------


def test_collection_feed_lists_additions_newest_first(dated_served: Addressed) -> None:
    site, url = dated_served.built, dated_served.url
    feed = _feed(site, urls.FEED_ALL)
    assert feed.version == "atom10"
    assert [e.link for e in feed.entries] == [f"{url}papers/{paper}/" for paper, _ in EXPECTED]
    for entry in feed.entries:  # each link leads to the built page of its paper
        assert (site.site / urlsplit(entry.link).path.lstrip("/") / "index.html").is_file(), entry.link
    first = feed.entries[0]
    assert first.title == ACCENTED_TITLE
    assert first.title_detail.type == "text/plain"
    assert [a.name for a in first.authors] == ["Zoë Größer", "Ångström Łukasz"]
    assert first.summary == "Published in 2024 at ICLR (International Conference on Learning Representations)."
    assert first.updated == "2024-09-16T04:30:00+00:00"
    assert feed.feed.updated == first.updated
    assert feed.entries[4].updated == "2024-01-10T09:00:00+00:00"  # the renamed record, at its first commit
    assert [t.term for t in first.tags] == ["response-based"]
    assert len({e.id for e in feed.entries}) == len(EXPECTED)
    assert all(e.id.startswith("urn:uuid:") for e in feed.entries)
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": f"{url}{urls.FEED_ALL}", "alternate": url}


def test_node_feeds_hold_their_papers(dated_served: Addressed) -> None:
    site = dated_served.built
    taxonomy = site.collection.taxonomy
    order = [paper for paper, _ in EXPECTED]
    for node in taxonomy.nodes:
        wanted = {node, *taxonomy.descendants(node)}
        under = [p for p in order if wanted & set(next(r for r in site.collection.papers if r.id == p).all_labels)]
        feed = _feed(site, urls.node_feed(node))
        assert [e.link.rsplit("/", 2)[-2] for e in feed.entries] == under[:FEED_SIZE], node
        assert feed.feed.title.endswith(f"recently added to {taxonomy.nodes[node].label}")
        assert feed.feed.updated  # a node without papers still has a valid feed
    response = _feed(site, urls.node_feed("response-based"))
    assert [e.title for e in response.entries][:1] == [ACCENTED_TITLE]


def test_local_build_feeds_link_relative_to_themselves(dated_local: BuiltSite) -> None:
    site = dated_local
    feed = _feed(site, urls.FEED_ALL)
    assert [e.link for e in feed.entries] == [f"../papers/{paper}/" for paper, _ in EXPECTED]
    base = (site.site / urls.FEED_ALL).as_uri()
    for entry in feed.entries:
        target = Path(urlsplit(urljoin(base, entry.link)).path)
        assert (target / "index.html").is_file(), entry.link
    assert {link.rel: link.href for link in feed.feed.links} == {"self": "kd-bibliography.atom", "alternate": "../"}


def test_pages_link_their_feeds(dated_local: BuiltSite) -> None:
    site = dated_local
    home = _page(site, "")
    assert '<link rel="alternate" type="application/atom+xml" title="Recently added (Atom)" href="feeds/kd-bibliography.atom">' in home
    assert '<a href="feeds/kd-bibliography.atom" type="application/atom+xml">' in home
    for node, info in site.collection.taxonomy.nodes.items():
        text = _page(site, urls.node(node))
        link = f"../../feeds/{node}.atom"
        assert f'<link rel="alternate" type="application/atom+xml" title="Recently added to {info.label} (Atom)" href="{link}">' in text.replace("&amp;", "&")
        assert f'<a class="kd-feed" href="{link}" type="application/atom+xml">' in text
        assert (site.site / urls.node_feed(node)).is_file()
    downloads = _page(site, urls.DOWNLOADS)
    assert '<a href="../feeds/kd-bibliography.atom" type="application/atom+xml">one for the whole collection</a>' in downloads
    assert '<a href="../feeds/response-based.atom" type="application/atom+xml">Atom feed</a>' in downloads


@pytest.mark.browser
def test_feed_links_cost_no_failed_request(browser: object, dated_served: Addressed) -> None:
    """The theme fetches a sitemap beside each alternate link: it must be there (no 404, no
    console error), and the head link must lead to the feed."""
    for view in watching(browser):
        responses: list[tuple[str, int]] = []
        view.page.on("response", lambda r: responses.append((r.url, r.status)))
        view.page.goto(dated_served.url + urls.node("response-based"))
        view.page.wait_for_load_state("networkidle")
        href = view.page.eval_on_selector('link[rel="alternate"][type="application/atom+xml"]', "l => l.href")
        assert href == dated_served.url + urls.node_feed("response-based")
        assert [status for _, status in responses if status >= 400] == []
        assert (dated_served.url + urls.FEEDS_SITEMAP, 200) in responses
        answer = view.page.request.get(href)
        assert answer.status == 200
        assert feedparser.parse(answer.body()).entries[0].title == ACCENTED_TITLE
