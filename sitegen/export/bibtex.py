"""Records to BibTeX that bibtex and biber accept: escaped, case-protected, deterministic.

Each field is written by its kind. Prose (title, names, venue, publisher) is encoded as LaTeX
text (latex.py), with a title's math kept as math. Verbatim fields (`doi`, `url`, `eprint`) are
written as they are: biblatex reads them verbatim and bibtex styles pass them to `\\url`, so an
escape would be printed. `pages` is prose except its range dash, written `--`. The importer
undoes exactly this, so export, import, export gives the same text.
"""

from __future__ import annotations

import re
from typing import Collection, Iterable

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares import AddEnclosingMiddleware
from bibtexparser.model import Entry, Field
from bibtexparser.writer import BibtexFormat

from sitegen.export.latex import encode
from sitegen.export.math import is_kept_math, spans
from sitegen.identifiers import arxiv_abs_url
from sitegen.model import Paper
from sitegen.names import whole_name
from sitegen.taxonomy import Taxonomy

_FORMAT = BibtexFormat()
_FORMAT.indent = "  "
_FORMAT.value_column = 0
_FORMAT.block_separator = "\n"
_FORMAT.trailing_comma = False


def _is_title_case(words: list[str]) -> bool:
    """Whether most words after the first start with a capital (Title Case, not sentence case)."""
    body = [w for w in words[1:] if len(w) > 3 and w[:1].isalpha()]
    if not body:
        return False
    return sum(w[:1].isupper() for w in body) * 2 >= len(body)


def _needs_protection(part: str, title_case: bool, sentence_start: bool, protected: Collection[str] = ()) -> bool:
    """Whether a word (one part of a hyphenated word) must keep its capitals in any style."""
    if part in protected:
        return True  # the registry of protected words: Bayesian, Hilbert, even in a Title Case title
    if any(c.isupper() for c in part[1:]):
        return True  # BERT, FitNets, MobileNetV2, t-SNE
    if not part[:1].isupper():
        return False
    # In a sentence-case title a capital after the start marks a name (ImageNet, Hilbert, Go).
    return not title_case and not sentence_start


def protect_title(title: str, protected: Collection[str] = ()) -> str:
    """The title encoded for BibTeX, with names and acronyms wrapped in braces, math as math."""
    words = [t for t in re.split(r"\s+", title) if t]
    title_case = _is_title_case(words)
    segments: list[tuple[str, bool]] = []  # (text, is kept math); dollars that are not math are text
    for part, is_math in spans(title, escaped=False):
        if is_math and is_kept_math(part):
            segments.append((part, True))
            continue
        text = f"${part}$" if is_math else part
        if segments and not segments[-1][1]:
            segments[-1] = (segments[-1][0] + text, False)
        else:
            segments.append((text, False))
    out = []
    sentence_start = True
    for text, is_math in segments:
        if is_math:
            out.append("{$" + text + "$}")  # braced: no style changes the case of math
            sentence_start = False
            continue
        for token in re.split(r"(\s+)", text):
            if not token or token.isspace():
                out.append(encode(token))
                continue
            out.append(_protect_token(token, title_case, sentence_start, protected))
            # bibtex keeps the case of the first letter after ": " itself.
            sentence_start = token.endswith(":")
    return "".join(out)


def _protect_token(token: str, title_case: bool, sentence_start: bool, protected: Collection[str]) -> str:
    out = []
    first = True
    for piece in re.split(r"([^\w]+)", token):
        if not piece:
            continue
        if re.fullmatch(r"\w+", piece) and _needs_protection(piece, title_case, sentence_start and first, protected):
            out.append("{" + encode(piece) + "}")
        else:
            out.append(encode(piece))
        if re.search(r"\w", piece):
            first = False
    return "".join(out)


def format_author(author: str) -> str:
    """One name for the author field; a part holding the word 'and' is braced so it stays one name.
    A name the record braces (`{OpenAI}`, `{Ernst and Young}`) is one name, kept whole."""
    whole = whole_name(author)
    if whole is not None:
        return "{" + encode(whole) + "}"
    parts = [p.strip() for p in author.split(",")]
    return ", ".join("{" + encode(p) + "}" if re.search(r"\band\b", p, re.IGNORECASE) else encode(p) for p in parts)


def format_pages(pages: int | str) -> str:
    """Pages as text, a range 'first-last' with bibtex's range dash: x_1-y_2 is x\\_1--y\\_2."""
    text = str(pages)
    match = re.fullmatch(r"([^\s-]+)-([^\s-]+)", text)
    return f"{encode(match.group(1))}--{encode(match.group(2))}" if match else encode(text)


def entry(paper: Paper, taxonomy: Taxonomy) -> Entry:
    authors = [format_author(a) for a in paper.authors]
    if paper.et_al:
        authors.append("others")
    fields: list[tuple[str, str | int]] = [
        ("author", " and ".join(authors)),
        ("title", protect_title(paper.title, taxonomy.protected_words)),
    ]
    venue = taxonomy.venues[paper.venue] if paper.venue else None
    if venue is not None and paper.type == "article":
        fields.append(("journal", encode(venue.name)))
    elif venue is not None and paper.type in ("inproceedings", "incollection"):
        fields.append(("booktitle", encode(venue.name)))
    elif paper.arxiv and (venue is None or venue.kind == "preprint"):
        fields.append(("howpublished", f"arXiv preprint arXiv:{encode(paper.arxiv)}"))
    elif venue is not None and venue.kind != "preprint":
        fields.append(("howpublished", encode(venue.name)))
    fields.append(("year", paper.year))
    for name in ("volume", "number"):
        value = getattr(paper, name)
        if value is not None:
            fields.append((name, encode(str(value))))
    if paper.pages is not None:
        fields.append(("pages", format_pages(paper.pages)))
    if paper.publisher:
        fields.append(("publisher", encode(paper.publisher)))
    if paper.institution:
        fields.append(("institution", encode(paper.institution)))
    if paper.doi:
        fields.append(("doi", paper.doi))  # verbatim: the model admits no brace or backslash in a DOI
    if paper.arxiv:
        fields.append(("eprint", paper.arxiv))
        fields.append(("archiveprefix", "arXiv"))
    url = paper.url or (arxiv_abs_url(paper.arxiv) if paper.arxiv else None) or paper.pdf
    if url:
        fields.append(("url", _encode_url(url)))
    return Entry(paper.type, paper.id, [Field(k, v) for k, v in fields])


def _encode_url(url: str) -> str:
    # biber and the url package read url fields verbatim, so only what would unbalance the
    # entry is changed: braces and backslashes, percent-encoded as a URL may hold them.
    return url.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def to_bibtex(papers: Iterable[Paper], taxonomy: Taxonomy) -> str:
    """All `papers` as one .bib text, sorted by key."""
    library = Library()
    for paper in sorted(papers, key=lambda p: p.id):
        library.add(entry(paper, taxonomy))
    text = bibtexparser.write_string(
        library,
        unparse_stack=[AddEnclosingMiddleware(reuse_previous_enclosing=False, enclose_integers=False, default_enclosing="{")],
        bibtex_format=_FORMAT,
    )
    return text.rstrip("\n") + "\n" if text else ""
