"""Atom feeds of what was added to the collection: one for the whole of it, one per taxonomy node.

Entries are the records added most recently (SiteIndex.added: the git history of the record
files, a renamed record as old as its oldest name), newest first, at most FEED_SIZE. An entry's
`updated` is its record's addition time; a feed's is its newest entry's, or for a node without
entries the collection's newest addition. Nothing comes from the clock: the same commit gives
the same bytes.

Where links point: with the site's address known (site/address.py) every link is absolute, as
a feed read away from the site needs. A local build writes links relative to the feed file,
which a reader resolves against the address it fetched the feed from (RFC 4287 §2, xml:base
and the document's own URI). Ids do not depend on the address: 'urn:uuid:' names derived from
the paper id (UUID version 5), so an entry keeps its id when the site moves.

Without dates (no git history, or one that cannot tell records apart: SiteIndex.dated) there are
no feeds, as an entry's date cannot be invented; pages then link none. A record not committed
yet has no date either, and joins the feeds once it is committed.

Written with feedgen, whose lxml tree escapes every text. Two of its defaults would break
byte-identical builds, and are replaced: the current time it gives a new feed and a new entry,
and a generator element that names its version.
"""

from __future__ import annotations

import heapq
import re
import uuid
from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

from sitegen.model import Paper
from sitegen.site import urls
from sitegen.site.index import SiteIndex, by_addition
from sitegen.site.people import display_name

FEED_SIZE = 50
TITLE = "Knowledge distillation bibliography"
# The namespace of the feeds' UUID names: fixed, so that ids never change between builds.
_NAMESPACE = uuid.UUID("532eb93e-461d-47a9-8522-f9faea6346e8")
# What XML 1.0 cannot hold (lxml refuses it): C0 controls but tab and newlines, surrogates, U+FFFE/F.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Material takes every <link rel="alternate"> in a page's head for a translation of the site and
# fetches the sitemap.xml beside it; this one answers that request with a few bytes.
EMPTY_SITEMAP = b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n</urlset>\n'


def feed_for(index: SiteIndex, node_id: str | None = None) -> str | None:
    """The site path of the feed of a node (of the whole collection for None), or None when the
    build has no feeds."""
    if not index.dated:
        return None
    return urls.node_feed(node_id) if node_id else urls.FEED_ALL


def feed_files(index: SiteIndex) -> dict[str, bytes]:
    """Every feed (site path -> Atom document), and the empty sitemap beside them; nothing
    without dates."""
    if not index.dated:
        return {}
    dated = by_addition([p for p in index.papers if index.added[p.id] is not None], index.added)
    rank = {p.id: k for k, p in enumerate(dated)}
    newest = index.added[dated[0].id] if dated else 0
    files = {urls.FEED_ALL: _atom(index, urls.FEED_ALL, f"{TITLE}: recently added", urls.HOME, dated[:FEED_SIZE], newest)}
    for node_id, info in index.taxonomy.nodes.items():
        ids = heapq.nsmallest(FEED_SIZE, (i for i in index.under_node[node_id] if i in rank), key=rank.__getitem__)
        path = urls.node_feed(node_id)
        title = f"{TITLE}: recently added to {info.label}"
        files[path] = _atom(index, path, title, urls.node(node_id), [index.paper(i) for i in ids], newest)
    files[urls.FEEDS_SITEMAP] = EMPTY_SITEMAP
    return files


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _time(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc)


def _id(name: str) -> str:
    return uuid.uuid5(_NAMESPACE, name).urn


def _atom(index: SiteIndex, path: str, title: str, page: str, papers: list[Paper], newest: int | None) -> bytes:
    def link(target: str) -> str:
        return index.absolute(target) or urls.relative(target, path)

    times = [index.added[p.id] for p in papers]
    feed = FeedGenerator()
    feed.id(_id(f"feed:{path}"))
    feed.title(_text(title))
    feed.updated(_time(max((t for t in times if t is not None), default=newest or 0)))
    feed.link(href=link(path), rel="self", type="application/atom+xml")
    feed.link(href=link(page), rel="alternate", type="text/html")
    feed.language("en")
    feed.generator("sitegen")  # no version or address: the bytes do not depend on feedgen's release
    for paper, time in zip(papers, times):
        entry = feed.add_entry(order="append")
        entry.id(_id(f"papers/{paper.id}"))
        entry.title(_text(paper.title))
        # feedgen 1.0 writes only the href of an entry's link; without rel a link is the
        # entry's 'alternate' (RFC 4287 §4.2.7.2), which is what it is.
        entry.link(href=link(urls.paper(paper.id)), rel="alternate", type="text/html")
        entry.updated(_time(time or 0))
        for name in paper.authors:
            entry.author(name=_text(display_name(name)))
        entry.summary(_text(_published(index, paper)))
        for label in paper.all_labels:
            entry.category(term=label, label=_text(index.taxonomy.nodes[label].label))
    return feed.atom_str(pretty=True)


def _published(index: SiteIndex, paper: Paper) -> str:
    """'Published in 2015 at ICLR (International Conference on Learning Representations).'"""
    venue = index.taxonomy.venues[paper.venue] if paper.venue else None
    if venue is None:
        return f"Published in {paper.year}."
    where = venue.short if venue.short == venue.name else f"{venue.short} ({venue.name})"
    return f"Published in {paper.year} at {where}."
