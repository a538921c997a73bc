"""The data behind the Explore page: every paper as one compact row, and the facets' vocabularies.

The page's script (docs/assets/explore.js) reads this file, so the rows carry only what the
table shows and filters on, and the links shown beside each title; a paper's own page holds
the rest. Node labels are given as the nodes the record names; the script adds their
ancestors, so filtering on a node also finds the papers of its sub-nodes, as the node's page
does. A second file holds each paper's BibTeX entry, fetched only when a reader downloads the
papers on view.
"""

from __future__ import annotations

import json
from typing import Any

from sitegen.site.downloads import Downloads
from sitegen.site.index import SiteIndex
from sitegen.site.links import quick_links
from sitegen.site.people import display_name

COLUMNS = ("id", "title", "short", "authors", "year", "venue", "scope", "labels", "results", "links")


def explore_data(index: SiteIndex) -> dict[str, Any]:
    taxonomy = index.taxonomy
    axes = [
        {
            "id": axis.id,
            "label": axis.label,
            "nodes": [
                {"id": n, "label": taxonomy.nodes[n].label, "parent": taxonomy.nodes[n].parent}
                for n in taxonomy.axis_node_ids(axis.id)
            ],
        }
        for axis in taxonomy.axes
    ]
    venues = [
        {"id": v, "short": taxonomy.venues[v].short, "name": taxonomy.venues[v].name}
        for v in index.by_venue
    ]
    rows = [
        [
            p.id,
            p.title,
            p.short_name or "",
            ", ".join(display_name(a) for a in p.authors) + (" et al." if p.et_al else ""),
            p.year,
            p.venue or "",
            p.scope,
            p.all_labels,
            len(p.results),
            [list(link) for link in quick_links(p)],
        ]
        for p in index.papers
    ]
    return {"columns": list(COLUMNS), "axes": axes, "venues": venues, "papers": rows}


def explore_json(index: SiteIndex) -> str:
    return json.dumps(explore_data(index), ensure_ascii=False, separators=(",", ":")) + "\n"


def explore_bibtex_json(downloads: Downloads) -> str:
    """Paper id -> its BibTeX entry, the same text as on its page and in the downloads."""
    return json.dumps(downloads.entries, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
