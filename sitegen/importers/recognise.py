"""What one entry of a paper list says: title, authors, year, venue and links, wherever they stand.

An entry's inline Markdown (from `listdoc`) is read into text and links. Then, in order:
- links are sorted (arXiv abs/pdf -> `arxiv`, proceedings pages -> `url`/`pdf`, code hosts ->
  `code`; dataset links, badges and in-page anchors set aside; links that are not http(s),
  such as `javascript:` or `data:`, refused and reported);
- the **title** is a "Title" column, the text of a link that opens the entry, bold text that
  opens it, or the first sentence (the part before an author list);
- the **tail** gives the year (`(2019)`, `2019`, `CVPR 2019`, `2023-06`), an arXiv id
  (`arXiv:1503.02531`), and the venue written before the year, found through the registry;
- what lies between title and tail is the **author list** (see `names`).

The result is a `Reading`: a paper (a draft, complete or not), a code link for a paper named by
its title, not a paper (with what it is), or unreadable (with why).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal
from urllib.parse import urlsplit

from markdown_it.token import Token

from sitegen.identifiers import arxiv_year, parse_arxiv, url_problem
from sitegen.importers.draft import Draft, sort_link
from sitegen.importers.listdoc import MAX_ENTRY_CHARS, Entry, ListDocument
from sitegen.importers.names import looks_like_names, parse_name_list
from sitegen.messages import did_you_mean
from sitegen.taxonomy import Taxonomy

Role = Literal["paper", "code", "data", "video", "anchor", "image", "mail", "refused", "relative"]
ReadingKind = Literal["paper", "code", "not-paper", "unreadable"]

MAX_TITLE_CHARS = 500
_LABELS = {
    "paper", "pdf", "code", "github", "gitlab", "project", "project page", "arxiv", "link", "website", "web", "slides",
    "video", "data", "dataset", "datasets", "blog", "demo", "poster", "supp", "supplementary", "openreview", "homepage",
    "page", "bib", "bibtex", "html", "abs", "abstract", "model", "models", "official", "unofficial", "pytorch",
    "tensorflow", "jax", "paddle", "doi", "ieee", "acm", "springer", "talk", "notes", "code & data", "hf", "huggingface",
}
_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "gitee.com", "codeberg.org")
_VIDEO_HOSTS = ("youtube.com", "www.youtube.com", "youtu.be", "vimeo.com", "bilibili.com", "www.bilibili.com")
_DATA = re.compile(r"huggingface\.co/datasets/|kaggle\.com/datasets|zenodo\.org|/datasets?/", re.IGNORECASE)
_ARXIV_TEXT = re.compile(r"\bar[a-z]iv\s*[:.]?\s*(?P<id>\d{4}\.\d{4,5})(?:v\d+)?\b|\bar[a-z]iv\s*:\s*(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d.])\(?(?P<year>(?:19|20)\d\d)(?:[a-z]\b|[-/.](?P<month>\d{1,2})(?:[-/.]\d{1,2})?)?\)?(?![\d.]\d)")
_VENUE_WORDS = re.compile(r"\b(?:Trans|Transactions|Journal|Conference|Workshops?|Proceedings|Symposium|Letters|Findings)\b")
_BOUNDARY = re.compile(r"(?<=[.?!])\s+|(?<=\.)(?=[A-Z][a-z])")
_TITLE_COLUMNS = ("title", "paper", "papers", "name", "paper title")
_VENUE_COLUMNS = ("venue", "conference", "journal", "publication", "published", "conf.", "where")
_DATE_COLUMNS = ("date", "year", "time", "published date", "publish date")
_AUTHOR_COLUMNS = ("author", "authors")
_CODE_COLUMNS = ("code", "github", "implementation", "repo", "repository")
_DATA_COLUMNS = ("data", "dataset", "datasets")


@dataclass
class Link:
    text: str
    href: str
    role: Role
    bold: bool = False


@dataclass
class Reading:
    """What an entry turned out to be."""

    kind: ReadingKind
    draft: Draft | None = None
    reason: str = ""  # what a not-paper is, or why an entry is unreadable
    form: str = ""  # how the entry was written (for the summary)
    notes: list[str] = field(default_factory=list)  # reported beside the outcome (refused links, unknown venues)


@dataclass
class _Inline:
    """An entry's inline content: text pieces and links in order."""

    pieces: list[str | Link] = field(default_factory=list)
    bold_start: str = ""  # bold text that opens the entry

    @property
    def links(self) -> list[Link]:
        return [p for p in self.pieces if isinstance(p, Link)]


def classify_link(href: str, text: str) -> Role:
    href = href.strip()
    if href.startswith("#"):
        return "anchor"
    scheme = urlsplit(href).scheme.lower() if ":" in href else ""
    if scheme == "mailto":
        return "mail"
    if scheme not in ("http", "https"):
        return "relative" if not scheme else "refused"
    if url_problem(href):
        return "refused"
    host = (urlsplit(href).hostname or "").lower()
    label = _label(text)
    if label in ("data", "dataset", "datasets") or _DATA.search(href):
        return "data"
    if host in _VIDEO_HOSTS:
        return "video"
    if label in ("code", "github", "gitlab", "pytorch", "tensorflow", "jax", "paddle", "official", "unofficial") or host in _CODE_HOSTS:
        return "code"
    return "paper"


def _label(text: str) -> str:
    return " ".join(re.sub(r"[\[\]*_`:()]", " ", text).split()).casefold()


def _inline(tokens: list[Token]) -> _Inline:
    result = _Inline()
    text: list[str] = []
    link: Link | None = None
    bold = 0
    opened_with_bold = None
    for token in tokens:
        kind = token.type
        if kind == "link_open":
            link = Link("", str(token.attrs.get("href", "")), "paper", bold=bold > 0)
            if "".join(text).strip():
                result.pieces.append("".join(text))
            text = []
        elif kind == "link_close" and link is not None:
            link.text = " ".join(link.text.split())
            link.role = "image" if link.role == "image" else classify_link(link.href, link.text)
            result.pieces.append(link)
            link = None
        elif kind == "image":
            if link is None:
                result.pieces.append(Link(token.content, str(token.attrs.get("src", "")), "image"))
            else:
                link.role = "image"
        elif kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
            if kind == "strong_open" and opened_with_bold is None:
                opened_with_bold = not "".join(text).strip() and not result.pieces
        elif kind in ("text", "code_inline", "softbreak", "hardbreak"):
            value = " " if kind.endswith("break") else token.content
            if link is not None:
                link.text += value
            else:
                text.append(value)
                if bold and opened_with_bold and not result.pieces:
                    result.bold_start += value
        # html_inline and em markers carry no text of their own
    if "".join(text).strip():
        result.pieces.append("".join(text))
    if link is not None:  # unclosed: keep its text
        result.pieces.append(link.text)
    result.bold_start = " ".join(result.bold_start.split())
    return result


def _text_of(pieces: list[str | Link]) -> str:
    """The text of `pieces`: link texts that name people stay, other link texts are set aside."""
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        elif piece.role not in ("image",) and looks_like_names(piece.text) and not _label(piece.text) in _LABELS:
            out.append(" " + piece.text + " ")
        else:
            out.append(" ")
    return " ".join("".join(out).split())


class Recogniser:
    """Reads entries of one list against the venue registry."""

    def __init__(self, taxonomy: Taxonomy | None, document: ListDocument, origin: str):
        self.taxonomy, self.document, self.origin = taxonomy, document, origin
        self._last_links: list[Link] = []

    def _find_venue(self, text: str) -> str | None:
        return self.taxonomy.find_venue(text) if self.taxonomy is not None else None

    def read(self, entry: Entry) -> Reading:
        if len(entry.markdown) > MAX_ENTRY_CHARS:
            return Reading("unreadable", reason=f"entry longer than {MAX_ENTRY_CHARS:,} characters")
        if entry.kind == "fence":
            return self._fence(entry)
        if entry.kind == "html":
            return Reading("not-paper", reason="HTML block")
        draft = Draft(origin=f"{self.origin}:{entry.line}", line=entry.line)
        notes: list[str] = []
        self._last_links = []
        entry = _refuse_unsafe_links(entry, notes)
        entry = _drop_soft_hyphens(entry, draft, notes)
        if entry.kind == "row":
            found = self._row(entry, draft, notes)
        else:
            found = self._item(entry, draft, notes)
        if isinstance(found, Reading):
            found.notes = notes + found.notes
            return found
        named = [link.text for link in self._last_links if link.role == "paper" and _has_words(link.text) and _label(link.text) not in _LABELS]
        return self._finish(draft, found, notes, named)

    # --- forms ----------------------------------------------------------------------------

    def _fence(self, entry: Entry) -> Reading:
        if entry.info.lower() in ("bibtex", "bib", "tex") or entry.text.lstrip().startswith("@"):
            from sitegen.importers.bibtex import read_bibtex

            drafts, failures = read_bibtex(entry.markdown, self.origin)
            if len(drafts) == 1 and not failures:
                draft = drafts[0]
                draft.line = entry.line
                draft.origin = f"{self.origin}:{entry.line}"
                return Reading("paper", draft, form="bibtex")
        return Reading("not-paper", reason="code block")

    def _row(self, entry: Entry, draft: Draft, notes: list[str]) -> str | Reading:
        cells = {name.casefold(): value for name, value in (entry.cells or {}).items()}
        title_cell = next((cells[c] for c in _TITLE_COLUMNS if c in cells), None)
        if title_cell is None:
            return Reading("not-paper", reason="table row without a Title column")
        inline = _inline(self.document.inline(title_cell))
        draft.title = _clean_title(_text_of_all(inline.pieces))
        self._links(draft, inline.links, notes, title_link=True)
        for name, value in cells.items():
            if name in _TITLE_COLUMNS:
                continue
            pieces = _inline(self.document.inline(value))
            if name in _DATA_COLUMNS:
                continue
            if name in _CODE_COLUMNS:
                for link in pieces.links:
                    if link.role in ("code", "paper"):
                        draft.code = draft.code or link.href
                    else:
                        self._links(draft, [link], notes)
                continue
            self._links(draft, pieces.links, notes)
            text = _text_of_all(pieces.pieces).strip()
            if name in _VENUE_COLUMNS and text.strip("-– ") and text.lower() not in ("n/a", "none"):
                self._venue(draft, text, notes)
            elif name in _DATE_COLUMNS:
                year = _YEAR.search(text)
                if year:
                    draft.year = int(year.group("year"))
            elif name in _AUTHOR_COLUMNS and text:
                self._authors(draft, text)
        return "table"

    def _item(self, entry: Entry, draft: Draft, notes: list[str]) -> str | Reading:
        inline = _inline(self.document.inline(entry.markdown))
        self._last_links = inline.links
        pieces = list(inline.pieces)
        while pieces and isinstance(pieces[0], str) and not pieces[0].strip(" .:-–*"):
            pieces.pop(0)
        if pieces and isinstance(pieces[0], str):
            pieces[0] = re.sub(r"^\s*\((?:survey|review|tutorial|book)\)\s*", "", pieces[0], flags=re.IGNORECASE)
        links = inline.links
        roles = {link.role for link in links}
        if links and roles <= {"anchor"}:
            return Reading("not-paper", reason="table of contents" if len(_text_of_all(pieces)) < 200 else "section links")
        if links and roles <= {"image"} and not _text_of(pieces).strip(" .:"):
            return Reading("not-paper", reason="badges or images")
        first = pieces[0] if pieces else None
        if isinstance(first, Link) and first.role not in ("anchor", "image") and _label(first.text) not in _LABELS and _has_words(first.text):
            rest_pieces = pieces[1:]
            title = first.text
            rest = _text_of(rest_pieces)
            if first.role == "code" and rest.startswith(":"):  # '[Tool][ref]: A Toolkit for ...'
                sentence = _BOUNDARY.split(rest[1:].strip(), maxsplit=1)[0]
                title = f"{title}: {sentence.strip().rstrip('.')}"
                rest = rest[1:].strip()[len(sentence):]
            draft.title = _clean_title(title)
            self._links(draft, links, notes, title_link=True)
            head = self._tail(draft, rest, notes)
            form = "title link"
            if first.role == "video":
                return Reading("not-paper", reason="a video")
            if _is_code_only(links) and not draft.year and not draft.arxiv:
                self._authors(draft, head)
                return Reading("code", draft, form="code link")
        else:
            self._links(draft, links, notes)
            text = _text_of(pieces)
            if inline.bold_start and _has_words(inline.bold_start) and text.startswith(inline.bold_start):
                draft.title = _clean_title(inline.bold_start)
                text = text[len(inline.bold_start):]
                head = self._tail(draft, text, notes)
            else:
                year_given = bool(_YEAR.search(text) or _ARXIV_TEXT.search(text))
                head = self._tail(draft, text, notes)
                head, authors = _split_title_authors(head)
                draft.title = _clean_title(head)
                head = authors
                named = [link for link in links if link.role == "paper" and _label(link.text) not in _LABELS and _has_words(link.text)]
                if named and not year_given and not looks_like_names(authors.strip(" .,")):
                    return Reading("not-paper", reason="prose that links to a page")
            form = "reference"
        head = head.strip(" .,;:-–")
        if head and looks_like_names(head):
            self._authors(draft, head)
        elif head:
            notes.append(f"text '{_short(head)}' after the title is not an author list; left out")
        return form

    # --- fields ---------------------------------------------------------------------------

    def _links(self, draft: Draft, links: list[Link], notes: list[str], title_link: bool = False) -> None:
        for n, link in enumerate(links):
            if link.role == "refused":
                scheme = urlsplit(link.href).scheme.lower() if ":" in link.href else ""
                notes.append(f"link refused: {scheme + ':' if scheme else 'a malformed'} link is not a web address")
            elif link.role == "code":
                if n == 0 and title_link and draft.code is None and not link.bold:
                    draft.code = link.href
                else:
                    draft.code = draft.code or link.href
            elif link.role == "paper":
                sort_link(draft, link.href)

    def _tail(self, draft: Draft, text: str, notes: list[str]) -> str:
        """`text` less the year, arXiv id and venue at its end; those go to the draft."""
        venue_text = ""
        text = re.sub(r"\s*\[([^\[\]]{1,60})\]", r". \1", text)  # 'Title [KDD 2021]'
        for match in list(_ARXIV_TEXT.finditer(text)):
            if match.group("id") and parse_arxiv(match.group("id")):
                draft.arxiv = draft.arxiv or match.group("id")
            elif match.group("year"):
                draft.year = draft.year or int(match.group("year"))
            venue_text = venue_text or "arXiv"
        text = _ARXIV_TEXT.sub(" . ", text).rstrip(" .")
        years = [m for m in _YEAR.finditer(text) if not _inside_title_like(text, m)]
        if years:
            last = years[-1]
            draft.year = int(last.group("year"))
            before = text[: last.start()].rstrip(" ,(")
            clause = re.split(r"(?:\.\s+|,\s+|\)\s*|\bet\.?\s*al\b\.?\s*)", before)[-1].strip()
            if clause and self._venue_like(clause):
                venue_text = clause
                text = before[: len(before) - len(clause)]
            elif not clause:
                previous = re.split(r"(?:\.\s+|,\s+|\)\s*)", before.rstrip(" ,."))[-1].strip()
                if previous and self._venue_like(previous) and not looks_like_names(previous):
                    venue_text = previous
                    text = before.rstrip(" ,.")[: len(before.rstrip(" ,.")) - len(previous)]
                else:
                    text = before
            else:
                text = before
        if venue_text and venue_text != "arXiv":
            self._venue(draft, venue_text, notes)
        elif venue_text == "arXiv" and not draft.venue_text:
            draft.venue_text = "arXiv"
        return text

    def _venue_like(self, text: str) -> bool:
        if len(text) > 80 or len(text.split()) > 8 or "&" in text or re.search(r"\s(?:and|AND|And)\s", text):
            return False
        if self._find_venue(text):
            return True
        return bool(re.search(r"\b[A-Z]{2,}[a-z]?\b", text) or _VENUE_WORDS.search(text))

    def _venue(self, draft: Draft, text: str, notes: list[str]) -> None:
        text = " ".join(text.split()).strip(" .,")
        text = re.sub(r"\s*'?(?:19|20)\d\d\b", "", text).strip() or text
        draft.venue_text = text
        if self.taxonomy is not None and self._find_venue(text) is None:
            names = {v.short: v.id for v in self.taxonomy.venues.values()}
            notes.append(f"venue '{_short(text)}' is not in the registry{did_you_mean(text, list(names))}")

    def _authors(self, draft: Draft, text: str) -> None:
        authors = parse_name_list(text)
        draft.authors, draft.et_al = authors.names, authors.et_al
        if authors.repairs:
            draft.doubts.extend(f"authors: {r}" for r in authors.repairs)

    def _finish(self, draft: Draft, form: str, notes: list[str], named: list[str] | None = None) -> Reading:
        named = named or []
        if len(draft.title) > MAX_TITLE_CHARS:
            return Reading("unreadable", reason=f"title longer than {MAX_TITLE_CHARS} characters", notes=notes)
        _alt_title(draft)
        if not draft.year and draft.arxiv:
            draft.year = arxiv_year(draft.arxiv)
            if draft.year:
                draft.doubts.append(f"year {draft.year} taken from the arXiv id {draft.arxiv} (the list gives no year)")
        evidence = draft.arxiv or draft.doi or draft.pdf or draft.url or draft.year or draft.venue_text or draft.authors
        strong = draft.arxiv or draft.doi or draft.pdf or draft.year or draft.venue_text or draft.authors
        if not evidence or (form == "reference" and not strong):
            return Reading("not-paper", reason="prose", notes=notes)
        if not draft.title and named:
            draft.title = _clean_title(named[0])  # '... we released "[Title](arXiv link)"'
        if not draft.title and not (draft.arxiv or draft.doi or draft.pdf or draft.url):
            return Reading("not-paper", reason="prose", notes=notes)
        if not draft.title:
            return Reading("unreadable", reason="no title found", notes=notes)
        return Reading("paper", draft, form=form, notes=notes)


_UNSAFE_LINK = re.compile(r"\[([^\[\]]*)\]\(\s*<?(?!https?:|#|mailto:)([a-zA-Z][\w+.\-]*):(?:[^()]|\([^()]*\))*\)")


def _refuse_unsafe_links(entry: Entry, notes: list[str]) -> Entry:
    """`[text](javascript:...)`, `data:`, `file:`...: the parser leaves them as text; drop the target, say so."""
    def drop(match: re.Match[str]) -> str:
        notes.append(f"link refused: {match.group(2).lower()}: link is not a web address")
        return "" if _label(match.group(1)) in _LABELS else match.group(1)

    if entry.cells is not None:
        cells = {name: _UNSAFE_LINK.sub(drop, value) for name, value in entry.cells.items()}
        return replace(entry, cells=cells)
    return replace(entry, markdown=_UNSAFE_LINK.sub(drop, entry.markdown))


def _drop_soft_hyphens(entry: Entry, draft: Draft, notes: list[str]) -> Entry:
    """Soft hyphens (U+00AD) are left by copying from PDFs ('End-\u00adto-End'); invisible, they
    would split a word for every search. Records refuse them, so the importer removes them and
    logs the change as a correction of the entry's text."""
    text = entry.markdown + "".join((entry.cells or {}).values())
    count = text.count("\u00ad")
    if not count:
        return entry
    notes.append(f"removed {count} soft hyphen(s) (U+00AD) left by copying from a PDF")
    draft.corrections.append({
        "field": "title", "was": f"the list's text with {count} soft hyphen(s) (U+00AD, invisible)",
        "now": "the same text without them", "source": f"{draft.origin}: importer (soft hyphens are PDF extraction debris)",
    })
    if entry.cells is not None:
        return replace(entry, cells={name: value.replace("\u00ad", "") for name, value in entry.cells.items()})
    return replace(entry, markdown=entry.markdown.replace("\u00ad", ""))


def _alt_title(draft: Draft) -> None:
    """'Title A (Title B)': a list giving a second title of the work in parentheses."""
    match = re.fullmatch(r"(?P<a>.{10,}?)\s*[(（](?P<b>[A-Z][^()]{15,})[)）]", draft.title)
    if match and len(match.group("b").split()) >= 3:
        draft.title = match.group("a").strip(" .")
        draft.alt_titles.append(match.group("b").strip(" ."))


def _split_title_authors(head: str) -> tuple[str, str]:
    """'Title. Family, Given et al.' as the title and the author text."""
    head = head.strip(" .,;")
    tagged = re.search(r"(?:\s*\([^()]{1,60}\))+$", head)  # '... et al. (HUAWEI)'
    suffix = ""
    if tagged and tagged.start() > 0:
        head, suffix = head[: tagged.start()], head[tagged.start():]
    cut = None
    for boundary in reversed(list(_BOUNDARY.finditer(head))):
        if looks_like_names(head[boundary.end():]) and head[: boundary.start()].strip():
            cut = boundary
        else:
            break
    if cut is None:
        return head + suffix, ""
    return head[: cut.start()].strip(" ."), head[cut.end():] + suffix


def _inside_title_like(text: str, match: re.Match[str]) -> bool:
    """A year that is part of a word or name ('COCO-2017-style'), not a year of publication."""
    before = text[max(0, match.start() - 1): match.start()]
    return bool(before and before.isalpha())


def _is_code_only(links: list[Link]) -> bool:
    return bool(links) and all(link.role in ("code", "data") for link in links)


def _has_words(text: str) -> bool:
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 1 and not re.match(r"^https?://", text.strip())


def _text_of_all(pieces: list[str | Link]) -> str:
    return " ".join("".join(p if isinstance(p, str) else p.text for p in pieces).split())


def _clean_title(title: str) -> str:
    return " ".join(title.split()).strip(" .,;:-–")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
