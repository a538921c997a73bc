"""The curation audit report: every merge, every correction with its source, every open doubt.

`sitegen report` writes it to AUDIT.md as Markdown, for reading in the repository; the site
shows the same tables as an HTML page. Record text reaches neither through Markdown syntax: in
AUDIT.md every character Markdown could act on is escaped, and on the site the tables are raw
HTML blocks, which Python-Markdown and its extensions (attribute lists `{: ... }` included)
pass through untouched, with the text escaped for HTML.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Union

from sitegen.model import PAGE_KIND_LABELS, Paper
from sitegen.pipeline import Collection

SEED_FILE = "sources/awesome-knowledge-distillation.md"


@dataclass(frozen=True)
class Ids:
    """Record ids shown as code (they match the id pattern: nothing to escape)."""

    ids: tuple[str, ...]


@dataclass(frozen=True)
class Links:
    """Links (label, address) shown as links; addresses are http(s) URLs the model accepted."""

    links: tuple[tuple[str, str], ...]


Cell = Union[str, int, Ids, Links]  # str: record text, shown exactly as written


@dataclass(frozen=True)
class Table:
    heading: str  # our own words, Markdown; None of it comes from a record
    intro: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    right: tuple[int, ...] = ()  # columns aligned right (numbers)


def _text(value: Any) -> str:
    """A value as the text of one cell: JSON for lists and numbers, a dash for nothing."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def counts(papers: Iterable[Paper]) -> dict[str, int]:
    papers = list(papers)
    scope = Counter(p.scope for p in papers)
    return {
        "records": len(papers),
        "core": scope["core"],
        "related": scope["related"],
        "with corrections": sum(bool(p.corrections) for p in papers),
        "corrections": sum(len(p.corrections) for p in papers),
        "merged seed entries": sum(max(0, len(p.sources.seed) - 1) for p in papers if p.sources),
        "open doubts": sum(len(p.doubts) for p in papers),
        "checked against a primary page": sum(bool(p.checked) for p in papers),
        "results": sum(len(p.results) for p in papers),
        "results with doubts": sum(1 for p in papers for r in p.results if r.doubts),
    }


def checked_share(papers: Iterable[Paper]) -> str:
    """'N of M records (P %)' checked against at least one primary page."""
    papers = list(papers)
    done = sum(bool(p.checked) for p in papers)
    share = f"{100 * done / len(papers):.1f}" if papers else "0.0"
    return f"{done} of {len(papers)} records ({share} %)"


SURVEY_SOURCE = "survey"
SEED_SOURCE = "seed"
CONTRIBUTED_SOURCE = "contributed"  # records no source names: added from the paper's own page


def source_names(paper: Paper) -> list[str]:
    """The sources a record names, each once: the survey, the seed list, then its lists in the
    order it names them; none for a record a contributor or curator added from the paper's own page."""
    if paper.sources is None:
        return []
    names = ([SURVEY_SOURCE] if paper.sources.survey else []) + ([SEED_SOURCE] if paper.sources.seed else [])
    return names + list(dict.fromkeys(entry.list for entry in paper.sources.lists))


def source_counts(papers: Iterable[Paper], lists: Iterable[str] = ()) -> dict[str, int]:
    """How many records each source gave: the survey's reference list (`sources.survey`), the
    seed list (`sources.seed`), then each list (`sources.lists`), the registered ones first in
    the order given (with 0 when no record names them), then any other a record names, and last
    the records no source names, when there are any (a contributor or curator added them from
    the paper's own page).
    A record with several sources counts once under each. Shared by the home page and node pages."""
    out = {SURVEY_SOURCE: 0, SEED_SOURCE: 0, **{name: 0 for name in lists}}
    others: Counter[str] = Counter()
    contributed = 0
    for paper in papers:
        names = source_names(paper)
        contributed += not names
        for name in names:
            if name in out:
                out[name] += 1
            else:
                others[name] += 1
    return out | dict(sorted(others.items())) | ({CONTRIBUTED_SOURCE: contributed} if contributed else {})


def created_from(paper: Paper, name: str) -> bool:
    """Whether the list `name` created the record: the record has no seed or survey source and
    the list is the first it names (the importer writes the creating list first; a later import
    that finds the same work adds its list after)."""
    s = paper.sources
    return bool(s and not s.seed and not s.survey and s.lists and s.lists[0].list == name)


def _looked_up_by(paper: Paper) -> str:
    """What `sitegen verify` asks the services for this record: its identifiers, else its title."""
    keys = ([f"arXiv {paper.arxiv}"] if paper.arxiv else []) + ([f"DOI {paper.doi}"] if paper.doi else [])
    return ", ".join(keys + ["title (dblp)"])


def reviewed_share(papers: Iterable[Paper]) -> str:
    """'N of M records (P %)' whose labels a curator decided or reviewed (labels_by: curator)."""
    papers = list(papers)
    done = sum(bool(p.labels_by and p.labels_by.reviewed) for p in papers)
    share = f"{100 * done / len(papers):.1f}" if papers else "0.0"
    return f"{done} of {len(papers)} records ({share} %)"


def tables(collection: Collection, guide: str) -> list[Table]:
    """The report's sections, in order; the first is the title, its introduction and the counts."""
    papers = sorted(collection.papers, key=lambda p: p.id)
    out = [Table(
        "# Curation audit",
        ("Generated by `sitegen report` from the records. It lists what the curation changed, so a "
         "reviewer can check it: seed entries merged into one record, every correction with its "
         "evidence, look-alike works kept apart, works added from the survey, and open doubts. "
         f"The policy is in [the curation guide]({guide}).",),
        ("", ""),
        tuple((name, value) for name, value in counts(papers).items())
        + (("author names that may be one of several people (notes of `check`)", sum(p.is_note and p.message.startswith("author '") for p in collection.problems)),
           ("preprints dated otherwise than their arXiv id (notes of `check`)", sum(p.is_note and p.message.startswith("year: ") for p in collection.problems))),
        right=(1,),
    )]

    checked = [p for p in papers if p.checked]
    kinds = Counter(c.kind for p in checked for c in p.checked)
    out.append(Table(
        f"## Checked against the paper ({checked_share(papers)})",
        ("Records compared field by field with a primary page: the arXiv abstract page, the "
         "proceedings or publisher page, the dblp entry, the Crossref record or the paper's own "
         "text. The others still rest on their sources (the seed list, the survey, community "
         "lists) only. A page that showed only some fields names them; "
         f"{sum(any(c.shows_title_and_authors for c in p.checked) for p in checked)} of the "
         f"{len(checked)} records were compared on both title and authors.",),
        ("page", "records"),
        tuple((PAGE_KIND_LABELS[kind], sum(any(c.kind == kind for c in p.checked) for p in checked)) for kind in PAGE_KIND_LABELS if kinds[kind]),
        right=(1,),
    ))
    out.append(Table(
        "### Records checked", (),
        ("record", "pages compared", "last checked"),
        tuple((Ids((p.id,)), Links(tuple((PAGE_KIND_LABELS[c.kind] + (f" ({', '.join(c.compared)})" if c.compared else ""), c.url) for c in p.checked)), max(c.date for c in p.checked))
              for p in checked),
    ))

    unchecked = [p for p in papers if not p.checked]
    out.append(Table(
        f"### Records not yet checked ({len(unchecked)})",
        ("No primary page has been compared with these yet; their open doubts say what was searched "
         "for each. Where the network is reachable, `sitegen verify --record` with their files "
         "compares each with arXiv (by its arXiv id), Crossref (by its DOI) and dblp (by its "
         "title), and records under `checked` the pages of every record that no service disagrees with.",),
        ("record", "sources", "looked up by"),
        tuple((Ids((p.id,)), ", ".join(source_names(p)) or "—", _looked_up_by(p)) for p in unchecked),
    ))

    suggested = [p for p in papers if p.labels_by and not p.labels_by.reviewed]
    deciders = Counter("reviewed by a curator" if p.labels_by and p.labels_by.reviewed
                       else "suggested from a list heading, not yet reviewed" if p.labels_by else "not stated" for p in papers)
    out.append(Table(
        f"## Labels reviewed by a curator ({reviewed_share(papers)})",
        ("How each record's taxonomy labels were decided (`labels_by`): chosen or reviewed by a "
         "curator, or only suggested from a heading of a community list by the importer.",),
        ("labels", "records"),
        tuple((name, deciders[name]) for name in ("reviewed by a curator", "suggested from a list heading, not yet reviewed", "not stated") if deciders[name]),
        right=(1,),
    ))
    out.append(Table(
        f"### Labels not yet reviewed ({len(suggested)})", (),
        ("record", "list", "heading"),
        tuple((Ids((p.id,)), _text(p.labels_by.list), _text(p.labels_by.heading)) for p in suggested if p.labels_by),
    ))
    absent = [(p, axis, why) for p in papers if p.labels_by for axis, why in sorted(p.labels_by.absent.items())]
    out.append(Table(
        f"### Axes a curator found not to apply ({len(absent)})",
        ("Core records are labelled on every axis taxonomy.yaml marks `core`, or a curator says why "
         "none of its nodes applies (`labels_by.absent`).",),
        ("record", "axis", "why"),
        tuple((Ids((p.id,)), axis, _text(why)) for p, axis, why in absent),
    ))

    for name, registered in collection.lists.items():
        named = [p for p in papers if p.sources and any(e.list == name for e in p.sources.lists)]
        created = [p for p in named if created_from(p, name)]
        waiting = [c for c in collection.candidates if c.source.list == name]
        out.append(Table(
            f"## From the list {name}",
            (f"The community list `{registered.repository}` at commit `{registered.commit[:12]}` "
             "(sources/lists.yaml). Records created from it, its entries merged into records that "
             "another source gave (or that an earlier entry of it created), the entries waiting in "
             "sources/candidates.yaml, and the corrections and open doubts of the records that name it.",),
            ("", ""),
            (("records created from it", len(created)),
             ("entries merged into records", sum(1 for p in named for e in p.sources.lists if e.list == name) - len(created)),  # type: ignore[union-attr]
             ("candidates", len(waiting)),
             ("corrections", sum(len(p.corrections) for p in named)),
             ("open doubts", sum(len(p.doubts) for p in named))),
            right=(1,),
        ))

    merged = [p for p in papers if (p.sources and len(p.sources.seed) > 1) or p.aliases or p.alt_titles]
    out.append(Table(
        f"## Merges, renamed ids and other title forms ({len(merged)})",
        (f"Seed entries that are one work, and other forms of a record's title. Lines refer to `{SEED_FILE}`.",),
        ("record", "seed lines", "retired ids", "other titles"),
        tuple((Ids((p.id,)), ", ".join(str(n) for n in p.sources.seed) if p.sources else "",
               ", ".join(p.aliases), "; ".join(p.alt_titles)) for p in merged),
    ))

    corrections = tuple((Ids((p.id,)), c.field, _text(c.was), _text(c.now), _text(c.source)) for p in papers for c in p.corrections)
    out.append(Table(
        f"## Corrections ({len(corrections)})",
        ("Each value that differs from what a source said, with the evidence for the change.",),
        ("record", "field", "was", "now", "source"),
        corrections,
    ))

    apart = [p for p in papers if p.distinct_from]
    out.append(Table(
        f"## Look-alikes kept apart ({len(apart)})", (),
        ("record", "checked against", "note"),
        tuple((Ids((p.id,)), Ids(tuple(p.distinct_from)), _text(p.note)) for p in apart),
    ))

    added = [p for p in papers if not (p.sources and p.sources.seed)]
    out.append(Table(
        f"## Records not from the seed list ({len(added)})", (),
        ("record", "source", "note"),
        tuple((Ids((p.id,)), f"survey reference {p.sources.survey}" if p.sources and p.sources.survey else "—", _text(p.note))
              for p in added),
    ))

    kept = tuple((Ids((p.id,)), f"results[{i}] ({r.dataset})", f"survey {r.source.survey}" if r.source.survey else (r.source.table or ""), d)
                 for p in papers for i, r in enumerate(p.results) for d in r.doubts)
    out.append(Table(
        f"## Results kept as the source prints them ({len(kept)})",
        ("Results whose printed gain the scores contradict, or whose source labels or names the method "
         "otherwise than the record, each with the curator's reason.",),
        ("record", "result", "source", "doubt"),
        kept,
    ))

    doubtful = tuple((Ids((p.id,)), d) for p in papers for d in p.doubts)
    out.append(Table(f"## Open doubts ({len(doubtful)})", (), ("record", "doubt"), doubtful))
    return out


# --- AUDIT.md: Markdown ------------------------------------------------------------------

# Backslash-escaped: every character that starts inline Markdown (emphasis, code, links and
# images need their brackets, attribute lists their braces) or ends a table cell. HTML's
# specials become entities.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]|])")


def _markdown_url(url: str) -> str:
    """A link target for Markdown: characters that would end or break the link are escaped."""
    return "".join(f"%{ord(c):02X}" if c in "()<>[]|\\ `\"" else c for c in url)


def _markdown_cell(cell: Cell) -> str:
    if isinstance(cell, Links):
        return ", ".join(f"[{_markdown_text(label)}]({_markdown_url(url)})" for label, url in cell.links)
    if isinstance(cell, Ids):
        return ", ".join(f"`{i}`" for i in cell.ids)
    if isinstance(cell, int):
        return str(cell)
    return _markdown_text(cell)


def _markdown_text(text: str) -> str:
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


def audit(collection: Collection, guide: str = "docs/curation.md") -> str:
    """The report as Markdown; `guide` is the link to the curation guide from where it is shown."""
    out: list[str] = []
    for table in tables(collection, guide):
        out += [table.heading, ""]
        for paragraph in table.intro:
            out += [paragraph, ""]
        out.append("| " + " | ".join(table.columns) + " |" if any(table.columns) else "| | |")
        out.append("|" + "|".join("---:" if i in table.right else "---" for i in range(len(table.columns))) + "|")
        out += ["| " + " | ".join(_markdown_cell(c) for c in row) + " |" for row in table.rows]
        out.append("")
    return "\n".join(out[:-1]) + "\n"


# --- the site's page: Markdown headings, HTML tables ----------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # Python-Markdown marks its placeholders with two


def _html_cell(cell: Cell) -> str:
    if isinstance(cell, Links):
        return ", ".join(f'<a href="{html.escape(_CONTROL.sub("", url))}">{html.escape(label)}</a>' for label, url in cell.links)
    if isinstance(cell, Ids):
        return ", ".join(f"<code>{html.escape(i)}</code>" for i in cell.ids)
    if isinstance(cell, int):
        return str(cell)
    return html.escape(_CONTROL.sub("", cell))


def audit_page(collection: Collection, guide: str) -> str:
    """The report as a page of the site: record text only ever inside raw HTML blocks."""
    out: list[str] = []
    for table in tables(collection, guide):
        out += [table.heading, ""]
        for paragraph in table.intro:
            out += [paragraph, ""]
        align = [' style="text-align: right;"' if i in table.right else "" for i in range(len(table.columns))]
        out.append("<table>")
        if any(table.columns):
            out.append("<thead><tr>" + "".join(f"<th{a}>{html.escape(c)}</th>" for a, c in zip(align, table.columns)) + "</tr></thead>")
        out.append("<tbody>")
        out += ["<tr>" + "".join(f"<td{a}>{_html_cell(c)}</td>" for a, c in zip(align, row)) + "</tr>" for row in table.rows]
        out += ["</tbody>", "</table>", ""]
    return "\n".join(out)
