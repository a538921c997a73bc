"""Read BibTeX (as Google Scholar, dblp, the ACL Anthology, arXiv or publishers write it) into drafts.

bibtexparser v2 splits the text into blocks; a block it cannot parse stays a failed block with
its line, which we report. Values are resolved here, as bibtex itself would: `@string` macros,
the standard month macros, and `#` concatenation. Field names are matched without regard to
case (`Title`, `archivePrefix`). Field values are LaTeX: accents, escapes and case-protecting
braces are decoded by `sitegen.export.latex.decode`, the inverse of what our export writes.
"""

from __future__ import annotations

import logging
import re

from urllib.parse import urlsplit

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, ParsingFailedBlock

from sitegen.export.latex import decode
from sitegen.identifiers import arxiv_year, parse_arxiv, parse_doi
from sitegen.importers.draft import Draft, sort_link

# bibtexparser also logs each failed block; we report them ourselves, with their lines.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

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

# The macros every bibtex style defines (`month = jan`).
_MONTHS = {
    name[:3].lower(): name
    for name in ("January February March April May June July August September October November December").split()
}


# An entry written without a key ('@misc{title = ...}'): the importer never needs keys, so one
# is put in for the parser, on the same line, and never shown.
_KEYLESS = re.compile(r"(@(?!(?:string|preamble|comment)\b)[A-Za-z]+\s*\{)(\s*)(?=[A-Za-z][\w-]*\s*=)", re.IGNORECASE)
_NO_KEY = "sitegen-entry-without-key"


def read_bibtex(text: str, origin: str) -> tuple[list[Draft], list[tuple[int, str]]]:
    """Drafts for the entries of `text`, and (line, reason) for each entry that could not be read.

    Every entry is read whatever its key: two papers that share a key (a common accident when
    .bib files are joined) are two drafts, and an entry without a key is read too.
    """
    text = _KEYLESS.sub(lambda m: f"{m.group(1)}{_NO_KEY}-{m.start()},{m.group(2)}", text)
    library = bibtexparser.parse_string(text, parse_stack=[])
    failures: list[tuple[int, str]] = []
    entries = list(library.entries)
    for block in library.failed_blocks:
        if isinstance(block, DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, Entry):
            entries.append(block.ignore_error_block)
            continue
        failures.append((block.start_line + 1, f"not valid BibTeX: {_reason(block)}"))
    entries.sort(key=lambda e: e.start_line)
    macros: dict[str, str] = {}
    for string in library.strings:  # in file order: a macro may use the ones before it
        macros[string.key.lower()] = expand(str(string.value), macros)
    drafts = []
    for entry in entries:
        result = entry_to_draft(entry, origin, macros)
        if isinstance(result, str):
            failures.append((entry.start_line + 1, result))
        else:
            drafts.append(result)
    return drafts, failures


def _reason(block: ParsingFailedBlock) -> str:
    if isinstance(block, DuplicateFieldKeyBlock):
        return f"field {', '.join(repr(k) for k in sorted(block.duplicate_keys))} given twice in one entry"
    reason = getattr(block.error, "abort_reason", None) or str(block.error)
    lines = reason.strip().splitlines()
    return lines[0].strip() if lines else "unreadable block"


def expand(raw: str, macros: dict[str, str]) -> str:
    """The text a raw field value stands for: `{...}` or `"..."` parts, macros and numbers, joined by `#`."""
    out = []
    for part in _split_concatenation(raw):
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            out.append(part[1:-1])
        elif part.isdigit():
            out.append(part)
        else:
            key = part.lower()
            out.append(macros.get(key) or _MONTHS.get(key) or part)
    return "".join(out)


def _split_concatenation(raw: str) -> list[str]:
    """`cvpr # " 2019"` as ['cvpr', '" 2019"']: split on `#` outside braces and quotes."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(raw[start:i].strip())
            start = i + 1
    parts.append(raw[start:].strip())
    return [p for p in parts if p]


class _Fields:
    """An entry's fields by lowercase name, resolved; prose decoded from LaTeX."""

    def __init__(self, entry: Entry, macros: dict[str, str]):
        self._raw = {f.key.lower(): expand(str(f.value), macros) for f in entry.fields}

    def text(self, name: str) -> str | None:
        if name not in self._raw:
            return None
        value = " ".join(decode(self._raw[name]).split())
        return value or None

    def literal(self, name: str) -> str | None:
        """A field that is not prose (a link, DOI or id): braces and TeX escapes removed, nothing else."""
        if name not in self._raw:
            return None
        value = re.sub(r"\\([_%&#$~])", r"\1", self._raw[name]).replace("{", "").replace("}", "").strip()
        return value or None


_DBLP_HOMONYM = re.compile(r"\s+\d{4}$")  # dblp tells apart people of one name: 'Wei Liu 0001'


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
            parts = [_DBLP_HOMONYM.sub("", p.strip()) for p in name.split(",") if p.strip()]
            names.append(", ".join(parts))
            continue
        words = _DBLP_HOMONYM.sub("", name).split()
        # 'Laurens van der Maaten': the family name starts at the first lowercase particle.
        cut = next((i for i, w in enumerate(words[:-1]) if i > 0 and w[:1].islower()), len(words) - 1)
        family, given = " ".join(words[cut:]), " ".join(words[:cut])
        names.append(f"{family}, {given}" if given else family)
    return names, et_al


# Fields that give other forms of the title: biblatex's original-language title, and the
# 'alttitle' some reference managers write.
_ALT_TITLE_FIELDS = ("alttitle", "origtitle")
# Fields that reference managers and paper lists use for a link to the code.
_CODE_FIELDS = ("code", "codeurl", "github", "repository", "software")
# Hosts whose links are code, not the paper: a 'url' there is a code link.
_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org")


def _is_code_link(link: str) -> bool:
    try:
        host = (urlsplit(link).hostname or "").lower()
    except ValueError:
        return False
    return any(host == h or host.endswith("." + h) for h in _CODE_HOSTS)


def entry_to_draft(entry: Entry, origin: str, macros: dict[str, str] | None = None) -> Draft | str:
    """The draft for one entry, or why it cannot be one."""
    fields = _Fields(entry, macros or {})
    line = entry.start_line + 1
    draft = Draft(origin=f"{origin}:{line}", line=line)
    name = "an entry without a key" if entry.key.startswith(_NO_KEY) else f"entry '{entry.key}'"
    draft.title = (fields.text("title") or "").strip()  # a BibTeX title has no separator to strip: "et al." stays
    if not draft.title:
        return f"{name} has no title"
    authors = fields.text("author")
    if not authors:
        return f"{name} has no author"
    draft.authors, draft.et_al = split_names(authors)
    draft.alt_titles = [t for t in map(fields.text, _ALT_TITLE_FIELDS) if t]
    kind = _TYPES.get(entry.entry_type.lower())
    draft.venue_text = next(filter(None, map(fields.text, ("journal", "journaltitle", "booktitle", "howpublished"))), "")
    draft.volume = fields.text("volume")
    draft.number = fields.text("number") or fields.text("issue")
    draft.pages = fields.text("pages")
    draft.publisher = fields.text("publisher")
    draft.institution = fields.text("institution") or fields.text("school")
    draft.doi = fields.literal("doi")
    eprint = fields.literal("eprint")
    prefix = (fields.text("archiveprefix") or fields.text("eprinttype") or "").lower()
    if eprint and prefix in ("", "arxiv") and parse_arxiv(eprint):
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
    for field_name in _CODE_FIELDS:
        link = fields.literal(field_name)
        if link and link.lower().startswith(("https://", "http://")):
            draft.code = draft.code or link
    for field_name in ("url", "pdf"):
        link = fields.literal(field_name)
        if link and _is_code_link(link):
            draft.code = draft.code or link
        # dblp gives the DOI again as its url: the doi field already says it.
        elif link and not (draft.doi and parse_doi(link) == parse_doi(draft.doi)):
            sort_link(draft, link)
    year = fields.text("year") or (fields.text("date") or "")[:4]
    if year and year.isdigit():
        draft.year = int(year)
    elif not year and draft.arxiv and arxiv_year(draft.arxiv):
        draft.year = arxiv_year(draft.arxiv)
        draft.doubts.append(f"year {draft.year} taken from the arXiv id {draft.arxiv} (when the preprint first appeared); "
                            "the source gives no year, and the published version may be later")
    else:
        return f"{name} has no year"
    return draft
