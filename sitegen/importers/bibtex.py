"""Read BibTeX (as Google Scholar, dblp, the ACL Anthology, arXiv or publishers write it) into drafts.

bibtexparser v2 splits the text into blocks and resolves @string macros; a block it cannot
parse stays a failed block with its line, which we report. Field values are LaTeX: accents,
escapes and case-protecting braces are decoded by `sitegen.export.latex.decode`, the inverse of
what our export writes.
"""

from __future__ import annotations

import re

import bibtexparser
from bibtexparser.middlewares import (
    MonthIntMiddleware,
    RemoveEnclosingMiddleware,
    ResolveStringReferencesMiddleware,
)
from bibtexparser.model import Entry

from sitegen.export.latex import decode
from sitegen.identifiers import parse_arxiv
from sitegen.importers.draft import Draft, sort_link

_TYPES = {
    "article": "article",
    "inproceedings": "inproceedings",
    "conference": "inproceedings",
    "incollection": "incollection",
    "inbook": "incollection",
    "book": "book",
    "techreport": "techreport",
    "report": "techreport",
    "phdthesis": "phdthesis",
    "thesis": "phdthesis",
    "misc": "misc",
    "online": "misc",
    "unpublished": "misc",
    "electronic": "misc",
}


def read_bibtex(text: str, origin: str) -> tuple[list[Draft], list[tuple[int, str]]]:
    """Drafts for the entries of `text`, and (line, reason) for each entry that could not be read."""
    library = bibtexparser.parse_string(
        text,
        parse_stack=[
            ResolveStringReferencesMiddleware(True),
            RemoveEnclosingMiddleware(True),
            MonthIntMiddleware(True),
        ],
    )
    failures: list[tuple[int, str]] = []
    for block in library.failed_blocks:
        failures.append((block.start_line + 1, f"not valid BibTeX: {_first_line(str(block.error))}"))
    drafts = []
    for entry in library.entries:
        result = entry_to_draft(entry, origin)
        if isinstance(result, str):
            failures.append((entry.start_line + 1, result))
        else:
            drafts.append(result)
    return drafts, failures


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unreadable block"


def _value(entry: Entry, name: str) -> str | None:
    field = entry.fields_dict.get(name)
    if field is None:
        return None
    value = " ".join(decode(str(field.value)).split())
    return value or None


def _raw(entry: Entry, name: str) -> str | None:
    """A field that is not prose (a link, DOI or id): braces and TeX escapes removed, nothing else."""
    field = entry.fields_dict.get(name)
    if field is None:
        return None
    value = re.sub(r"\\([_%&#$~])", r"\1", str(field.value)).replace("{", "").replace("}", "").strip()
    return value or None


def split_names(authors: str) -> tuple[list[str], bool]:
    """'Hinton, Geoffrey and Oriol Vinyals and others' as ['Hinton, Geoffrey', 'Vinyals, Oriol'], True."""
    names, et_al = [], False
    for name in re.split(r"\s+and\s+", authors.strip()):
        name = name.strip().strip(",")
        if not name:
            continue
        if name.lower() in ("others", "et al.", "et al"):
            et_al = True
            continue
        if "," in name:
            names.append(", ".join(p.strip() for p in name.split(",") if p.strip()))
            continue
        words = name.split()
        # 'Laurens van der Maaten': the family name starts at the first lowercase particle.
        cut = next((i for i, w in enumerate(words[:-1]) if i > 0 and w[:1].islower()), len(words) - 1)
        family, given = " ".join(words[cut:]), " ".join(words[:cut])
        names.append(f"{family}, {given}" if given else family)
    return names, et_al


def entry_to_draft(entry: Entry, origin: str) -> Draft | str:
    line = entry.start_line + 1
    draft = Draft(origin=f"{origin}:{line}", line=line)
    draft.title = (_value(entry, "title") or "").strip(" .")
    if not draft.title:
        return f"entry '{entry.key}' has no title"
    authors = _value(entry, "author")
    if not authors:
        return f"entry '{entry.key}' has no author"
    draft.authors, draft.et_al = split_names(authors)
    year = _value(entry, "year") or (_value(entry, "date") or "")[:4]
    if not year or not year.isdigit():
        return f"entry '{entry.key}' has no year"
    draft.year = int(year)
    kind = _TYPES.get(entry.entry_type.lower())
    draft.venue_text = _value(entry, "journal") or _value(entry, "journaltitle") or _value(entry, "booktitle") or ""
    draft.volume = _value(entry, "volume")
    draft.number = _value(entry, "number") or _value(entry, "issue")
    draft.pages = _value(entry, "pages")
    draft.publisher = _value(entry, "publisher")
    draft.institution = _value(entry, "institution") or _value(entry, "school")
    draft.doi = _raw(entry, "doi")
    eprint = _raw(entry, "eprint")
    prefix = (_value(entry, "archiveprefix") or _value(entry, "eprinttype") or "").lower()
    if eprint and (prefix in ("", "arxiv")) and parse_arxiv(eprint):
        draft.arxiv = parse_arxiv(eprint)
    corr = re.fullmatch(r"abs/(\S+)", draft.volume or "")
    if draft.venue_text.lower() in ("corr", "arxiv", "arxiv.org") or re.match(r"arxiv preprint", draft.venue_text, re.I):
        # dblp: journal = CoRR, volume = abs/1503.02531; Scholar: journal = arXiv preprint arXiv:...
        found = re.search(r"(\d{4}\.\d{4,5})", draft.venue_text + " " + (draft.volume or ""))
        if found:
            draft.arxiv = draft.arxiv or found.group(1)
        draft.venue_text, draft.volume, draft.number, draft.pages = "arXiv", None, None, None
        kind = "misc"
    elif corr:
        draft.volume = None
    draft.type = kind if kind in ("book", "incollection", "techreport", "phdthesis") else None
    for name in ("url", "pdf"):
        link = _raw(entry, name)
        if link:
            sort_link(draft, link)
    return draft
