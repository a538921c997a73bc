"""The jinja2 environment that turns templates/ into page sources, and the helpers pages share.

Pages are Markdown files for MkDocs whose content is HTML blocks: Python-Markdown passes a raw
HTML block through untouched, so text from a record is escaped once, by jinja2's autoescaping,
and no Markdown syntax in it can act. Jinja syntax in a record cannot act either: values are
inserted into a rendered template, never rendered themselves. Control characters are dropped
on output, as Python-Markdown uses two of them to mark its placeholders.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from sitegen.model import Paper
from sitegen.site import urls
from sitegen.site.index import SiteIndex
from sitegen.site.links import quick_links
from sitegen.site.people import display_name

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Page:
    """One file of the generated docs folder: its site path and its text."""

    path: str  # the page's site path ('' for home, 'papers/<id>/'), or a file's path
    text: str

    @property
    def source(self) -> str:
        return urls.source_file(self.path)


def _clean(value: Any) -> Any:
    """Every value a template prints: control characters dropped (they never belong in text)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _CONTROL.sub("", value)
    return value


def meta_title(text: str) -> Markup:
    """A page title for the front matter: HTML-escaped, as a YAML (JSON) string.

    The theme prints `page.meta.title` into HTML as it is, so it must already be HTML.
    """
    return Markup(json.dumps(html.escape(_clean(text)), ensure_ascii=False))


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown_text(text: str) -> str:
    """Text for a Markdown line (a heading): every character Markdown could act on escaped.

    Autoescaping then turns & < > into entities, which Markdown leaves alone.
    """
    return _MARKDOWN_SPECIALS.sub(r"\\\1", _clean(text))


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


class Renderer:
    """Renders one template into one page, with links relative to that page."""

    def __init__(self, templates: Path, index: SiteIndex):
        self.index = index
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            finalize=_clean,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(meta_title=meta_title, plural=plural, md=markdown_text)
        self.env.globals.update(
            urls=urls,
            url=_url,
            site=index,
            taxonomy=index.taxonomy,
            venue_short=self.venue_short,
            venue_name=self.venue_name,
            authors=self.authors,
            display_name=display_name,
            author_list=self.author_list,
            node_trail=self.node_trail,
            section_title=self.section_title,
            quick_links=quick_links,
        )

    def page(self, template: str, path: str, **context: Any) -> Page:
        text = self.env.get_template(template).render(page_path=path, **context)
        return Page(path, text)

    # --- helpers the templates call -------------------------------------------------------

    def venue_short(self, paper: Paper) -> str:
        return self.index.taxonomy.venues[paper.venue].short if paper.venue else ""

    def venue_name(self, paper: Paper) -> str:
        return self.index.taxonomy.venues[paper.venue].name if paper.venue else ""

    def authors(self, paper: Paper) -> list[tuple[str, str]]:
        """Each author as written, with the site path of the person's page."""
        return [(a, urls.author(self.index.author(paper, i).slug)) for i, a in enumerate(paper.authors)]

    @staticmethod
    def author_list(paper: Paper, limit: int = 6) -> str:
        """Authors as one line of text, cut to `limit` names and 'et al.'."""
        names = [display_name(a) for a in paper.authors]
        if len(names) > limit or paper.et_al:
            return ", ".join(names[:limit]) + " et al."
        return ", ".join(names)

    def node_trail(self, node_id: str) -> list[str]:
        """The node and its ancestors, root first."""
        return [*reversed(self.index.taxonomy.ancestors(node_id)), node_id]

    def section_title(self, section: str) -> str:
        title = self.index.taxonomy.sections.get(section, "")
        return title if section.startswith("table") else f"§{section} {title}"


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, target: str) -> str:
    """A site path as a link from the page being rendered."""
    return urls.relative(target, context["page_path"])
