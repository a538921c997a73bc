"""Read BibTeX (as Google Scholar, dblp, the ACL Anthology, arXiv or publishers write it) into drafts.

bibtexparser v2 splits the text into blocks; a block it cannot parse stays a failed block with
its line, which we report. Values are resolved here, as bibtex itself would: `@string` macros,
the standard month macros, and `#` concatenation. Field names are matched without regard to
case (`Title`, `archivePrefix`). Field values are LaTeX: accents, escapes, math and
case-protecting braces are decoded by `sitegen.export.latex.decode`, the inverse of what our
export writes; `doi`, `url` and `eprint` are verbatim, and a page range's `--` is its dash.

dblp's `crossref` is resolved as bibtex resolves it: an entry inherits the fields it lacks
(booktitle, year, publisher) from the `@proceedings` it names, which is a volume, not a paper.
Author lists are split at "and" outside braces only, so `{Ernst and Young}` stays one name, kept
whole in the record. A brace that unbalances an entry is reported where it is (bibsyntax.py).
Files that are not UTF-8 are read as Windows-1252 (a superset of Latin-1), with a warning.
"""

from __future__ import annotations

import logging
import re

from urllib.parse import urlsplit

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, ParsingFailedBlock

from sitegen.export.latex import decode
from sitegen.identifiers import arxiv_year, parse_arxiv, parse_doi
from sitegen.importers.bibsyntax import brace_problems
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


def decode_bytes(raw: bytes, shown: str) -> tuple[str, str | None]:
    """The text of a .bib file, and a warning when it had to be read as another encoding than UTF-8.

    Older reference managers write Latin-1 or Windows-1252; Windows-1252 reads both (it is
    Latin-1 with printable characters where Latin-1 has control codes), and Latin-1 reads any
    byte, for the five bytes Windows-1252 leaves undefined.
    """
    try:
        return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        for encoding, name in (("cp1252", "Windows-1252 (cp1252)"), ("latin-1", "Latin-1 (ISO 8859-1)")):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                continue
            return text, (
                f"{shown}:{line}:{column}: warning: the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); "
                f"read as {name}. Check the accented letters of the records it gives"
            )
        raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


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
    broken = {p.entry_line: p for p in brace_problems(text)}
    for problem in broken.values():
        failures.append((problem.line, problem.message))
    entries = list(library.entries)
    for block in library.failed_blocks:
        if isinstance(block, DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, Entry):
            entries.append(block.ignore_error_block)  # two papers that share a key are two drafts
            continue
        if block.start_line + 1 not in broken:
            failures.append((block.start_line + 1, f"not valid BibTeX: {_reason(block)}"))
    entries.sort(key=lambda e: e.start_line)
    macros: dict[str, str] = {}
    for string in library.strings:  # in file order: a macro may use the ones before it
        macros[string.key.lower()] = expand(str(string.value), macros)
    entries = [e for e in entries if e.start_line + 1 not in broken]
    by_key = {}
    for entry in entries:
        by_key.setdefault(entry.key.lower(), entry)
    cited = {_crossref(e, macros) for e in entries} - {None}
    drafts = []
    for entry in entries:
        if entry.key.lower() in cited and entry.entry_type.lower() in _VOLUMES:
            continue  # a volume other entries take their booktitle, year and publisher from
        parent_key = _crossref(entry, macros)
        parent = by_key.get(parent_key) if parent_key else None
        result = entry_to_draft(entry, origin, macros, parent)
        if isinstance(result, str):
            if parent_key and parent is None:
                result += f" (its crossref {parent_key!r} is not in this file)"  # repr: one line, whatever the key holds
            failures.append((entry.start_line + 1, result))
        else:
            drafts.append(result)
    return drafts, sorted(failures)


# Entry types that are volumes, not papers: what a dblp entry's `crossref` names.
_VOLUMES = {"proceedings", "book", "collection", "periodical"}
# What an entry takes from the volume it names, as bibtex's crossref does: (field, from fields).
_INHERITED = (("booktitle", ("booktitle", "title")), ("year", ("year",)), ("date", ("date",)), ("publisher", ("publisher",)))


def _crossref(entry: Entry, macros: dict[str, str]) -> str | None:
    for field in entry.fields:
        if field.key.lower() == "crossref":
            return expand(str(field.value), macros).strip().lower() or None
    return None


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

    def __init__(self, entry: Entry, macros: dict[str, str], parent: Entry | None = None):
        self._raw = {f.key.lower(): expand(str(f.value), macros) for f in entry.fields}
        if parent is not None:
            inherited = {f.key.lower(): expand(str(f.value), macros) for f in parent.fields}
            for name, sources in _INHERITED:
                found = next((inherited[s] for s in sources if s in inherited), None)
                if name not in self._raw and found is not None:
                    self._raw[name] = found

    def raw(self, name: str) -> str | None:
        return self._raw.get(name)

    def text(self, name: str) -> str | None:
        if name not in self._raw:
            return None
        value = " ".join(decode(self._raw[name]).split())
        return value or None

    def pages(self) -> str | None:
        """The pages: each side of the range decoded as text, the range dash `--` read as '-'."""
        if "pages" not in self._raw:
            return None
        sides = [" ".join(decode(side).split()) for side in re.split(r"-{2,3}", self._raw["pages"])]
        value = "-".join(sides) if all(sides) else " ".join(decode(self._raw["pages"]).split())
        return value or None

    def literal(self, name: str) -> str | None:
        """A verbatim field (a link, DOI or id), as our export writes it. What other tools add is
        taken off: protecting braces, TeX escapes (`\\_`), and the text macros older exports wrote
        for `<`, `>`, `~`, `^` and `|`; records admit no brace or backslash in these fields."""
        if name not in self._raw:
            return None
        value = _OLD_ESCAPES.sub(lambda m: _OLD_ESCAPE_CHARS[m.group(1)], self._raw[name])
        value = re.sub(r"\\([_%&#$~])", r"\1", value).replace("{", "").replace("}", "").strip()
        return value or None


_OLD_ESCAPE_CHARS = {"textless": "<", "textgreater": ">", "textasciitilde": "~", "textasciicircum": "^", "textbar": "|"}
_OLD_ESCAPES = re.compile(r"\\(" + "|".join(_OLD_ESCAPE_CHARS) + r")(?:\{\}|(?![A-Za-z]))")


_DBLP_HOMONYM = re.compile(r"\s+\d{4}$")  # dblp tells apart people of one name: 'Wei Liu 0001'


def _top_level_names(raw: str) -> list[str]:
    """A raw author field split at ' and ' outside braces: '{Ernst and Young} and Smith, J.'."""
    names, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", raw, flags=re.IGNORECASE):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            names.append(raw[start:match.start()])
            start = match.end()
    names.append(raw[start:])
    return names


def _whole(raw: str) -> bool:
    """Whether a raw name is one braced group: '{OpenAI}', not '{\\"O}zt{\\"u}rk, A.'."""
    raw = raw.strip()
    if not (raw.startswith("{") and raw.endswith("}")):
        return False
    depth = 0
    for i, char in enumerate(raw):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and i < len(raw) - 1:
            return False
    return True


def read_names(raw: str) -> tuple[list[str], bool]:
    """A raw (LaTeX) author field as record names: split outside braces, then each decoded; a
    name in braces is kept whole ('{OpenAI}')."""
    names, et_al = [], False
    for part in _top_level_names(raw.strip()):
        if _whole(part):
            inner = " ".join(decode(part.strip()[1:-1]).split())
            if inner:
                names.append("{" + inner + "}")
            continue
        found, others = split_names(" ".join(decode(part).split()))
        names += found
        et_al = et_al or others
    return names, et_al


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


def entry_to_draft(entry: Entry, origin: str, macros: dict[str, str] | None = None, parent: Entry | None = None) -> Draft | str:
    """The draft for one entry (with what it inherits from `parent`, its crossref), or why it cannot be one."""
    fields = _Fields(entry, macros or {}, parent)
    line = entry.start_line + 1
    draft = Draft(origin=f"{origin}:{line}", line=line)
    name = "an entry without a key" if entry.key.startswith(_NO_KEY) else f"entry '{entry.key}'"
    draft.title = (fields.text("title") or "").strip()  # a BibTeX title has no separator to strip: "et al." stays
    if not draft.title:
        return f"{name} has no title"
    if entry.entry_type.lower() in _VOLUMES and not fields.raw("author"):
        return f"{name} is a @{entry.entry_type.lower()} volume, not a paper (entries name it with crossref)"
    draft.authors, draft.et_al = read_names(fields.raw("author") or "")
    if not draft.authors:
        return f"{name} has no author"
    draft.alt_titles = [t for t in map(fields.text, _ALT_TITLE_FIELDS) if t]
    kind = _TYPES.get(entry.entry_type.lower())
    draft.venue_text = next(filter(None, map(fields.text, ("journal", "journaltitle", "booktitle", "howpublished"))), "")
    draft.volume = fields.text("volume")
    draft.number = fields.text("number") or fields.text("issue")
    draft.pages = fields.pages()
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
        draft.venue_text = "arXiv"
        if draft.volume and (corr or parse_arxiv(draft.volume.removeprefix("arXiv:"))):
            draft.volume = None  # the id again, not a volume
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
