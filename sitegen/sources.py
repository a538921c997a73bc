"""The source files beside the records: the registry of paper lists, and the candidates file.

`sources/lists.yaml` names each community list the collection imports from: repository, the
commit that was read, licence, and an optional map from the list's headings to taxonomy ids
(label suggestions for the records it gives). `sources/candidates.yaml` holds the works found
in lists that cannot become records yet, usually for want of authors: `sitegen complete` looks
them up, `sitegen add` of one removes it, the site's Wanted page lists them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Iterable, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sitegen.document import display_path, read_yaml
from sitegen.errors import DataError, Problem
from sitegen.messages import did_you_mean, problems_from
from sitegen.model import Paper, Text, Url
from sitegen.taxonomy import Taxonomy

LISTS_FILE = "sources/lists.yaml"
CANDIDATES_FILE = "sources/candidates.yaml"
_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_COMMIT = r"^[0-9a-f]{7,40}$"

CANDIDATES_HEADER = """\
# Works found in community paper lists that cannot be records yet: the list gives no authors
# (or no year). Written by `sitegen import markdown`; `sitegen complete` looks those with an
# arXiv id up and turns them into records; `sitegen add` of one removes it. Listed on the
# site's Wanted page. Edit by hand only to delete an entry that is not a paper.
"""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Exclusion(_Strict):
    line: Annotated[int, Field(ge=1)] = Field(description="The entry's first line in the list at the registered commit.")
    reason: Text = Field(description="Why the entry is not in the collection.")


class PaperList(_Strict):
    name: Annotated[str, Field(pattern=_SLUG)] = Field(description="Short name records use in sources.lists.")
    repository: Annotated[str, Field(pattern=r"^[\w.\-]+/[\w.\-]+$")] = Field(description="owner/name on GitHub.")
    commit: Annotated[str, Field(pattern=_COMMIT)]
    licence: Text
    file: Text = "README.md"
    headings: dict[str, list[str]] = Field(default_factory=dict, description="A heading of the list -> taxonomy node ids it suggests.")
    excluded: list["Exclusion"] = Field(
        default_factory=list,
        description="Entries a curator left out of the collection, by line at `commit`, each with the reason "
        "(out of scope: no teacher-student transfer, not a paper the list mistook for one, ...).",
    )

    @property
    def excluded_lines(self) -> dict[int, str]:
        return {e.line: e.reason for e in self.excluded}

    def suggested_labels(self, section: tuple[str, ...] | str, taxonomy: Taxonomy) -> dict[str, list[str]]:
        """Taxonomy labels the list's headings above an entry suggest, per axis."""
        parts = section.split(" > ") if isinstance(section, str) else list(section)
        keys = {heading.casefold(): ids for heading, ids in self.headings.items()}
        labels: dict[str, list[str]] = {}
        for part in parts:
            for node in keys.get(part.casefold(), []):
                axis = taxonomy.nodes[node].axis
                if node not in labels.setdefault(axis, []):
                    labels[axis].append(node)
        return labels


class _ListsFile(_Strict):
    lists: list[PaperList]


def read_lists(root: Path, taxonomy: Taxonomy) -> dict[str, PaperList]:
    """The registered lists by name; DataError listing every problem of the file."""
    path = root / LISTS_FILE
    if not path.is_file():
        return {}
    doc = read_yaml(path, display_path(path))
    try:
        parsed = _ListsFile.model_validate(doc.data)
    except ValidationError as exc:
        raise DataError(problems_from(exc, doc, _ListsFile)) from None
    problems: list[Problem] = []
    found: dict[str, PaperList] = {}
    for n, entry in enumerate(parsed.lists):
        if entry.name in found:
            problems.append(doc.problem(("lists", n, "name"), f"list name '{entry.name}' is used twice"))
        found[entry.name] = entry
        for heading, ids in entry.headings.items():
            for k, node in enumerate(ids):
                if node not in taxonomy.nodes:
                    problems.append(doc.problem(("lists", n, "headings", heading, k), f"'{node}' is not a taxonomy id{did_you_mean(node, taxonomy.nodes)}"))
    if problems:
        raise DataError(problems)
    return found


def list_for_file(lists: dict[str, PaperList], path: Path, name: str | None) -> PaperList | None:
    """The registered list `name`, or the one whose repository the file is named after ('owner__name.md')."""
    if name is not None:
        return lists.get(name)
    stem = path.stem
    for entry in lists.values():
        if stem in (entry.name, entry.repository.replace("/", "__")):
            return entry
    return None


class CandidateSource(_Strict):
    list: Text = Field(description="The list's name in sources/lists.yaml (or its file name when it is not registered).")
    commit: Optional[Annotated[str, Field(pattern=_COMMIT)]] = None
    line: Annotated[int, Field(ge=1)]


class Candidate(_Strict):
    """A work a list names without what a record needs."""

    title: Text
    year: Optional[int] = None
    authors: list[Text] = Field(default_factory=list)
    et_al: bool = False
    arxiv: Optional[str] = None
    doi: Optional[str] = None
    url: Optional[Url] = None
    pdf: Optional[Url] = None
    code: Optional[Url] = None
    venue: Optional[Text] = Field(None, description="The venue as the list writes it.")
    section: Optional[Text] = Field(None, description="The list's headings above the entry.")
    source: CandidateSource
    missing: list[Text] = Field(default_factory=list, description="What a record needs that the list does not give.")
    reason: Optional[Text] = Field(None, description="Why `sitegen complete` left it a candidate (not found, no labels, a duplicate).")

    @property
    def command(self) -> str:
        """The one command that completes this candidate."""
        if self.arxiv:
            return f"sitegen add --arxiv {self.arxiv}"
        if self.doi:
            return f"sitegen add --doi {self.doi}"
        return "sitegen add --bibtex FILE"


class _CandidatesFile(_Strict):
    candidates: list[Candidate] = Field(default_factory=list)


def read_candidates(root: Path) -> list[Candidate]:
    path = root / CANDIDATES_FILE
    if not path.is_file():
        return []
    doc = read_yaml(path, display_path(path))
    if doc.data is None:
        return []
    try:
        return list(_CandidatesFile.model_validate(doc.data).candidates)
    except ValidationError as exc:
        raise DataError(problems_from(exc, doc, _CandidatesFile)) from None


def lines_named(papers: Iterable[Paper]) -> dict[tuple[str, int], Paper]:
    """The record that names each list line under sources.lists: (list, line) -> record. A curator
    decided that the line is that record's work (a merge, a corrected author or title), so the
    importer matches the line to it and a candidate from it is stale."""
    return {(entry.list, entry.line): paper for paper in papers if paper.sources for entry in paper.sources.lists}


def stale_candidates(root: Path, candidates: list[Candidate], named: dict[tuple[str, int], Paper]) -> list[Problem]:
    """A warning for each candidate whose list line a record already names (`named`, from
    lines_named): the work is in the collection, so the Wanted page must not ask for it. The
    warning points at the candidate's entry; the file is read for positions only then."""
    stale = [(i, c, named[(c.source.list, c.source.line)]) for i, c in enumerate(candidates) if (c.source.list, c.source.line) in named]
    if not stale:
        return []
    doc = read_yaml(root / CANDIDATES_FILE, display_path(root / CANDIDATES_FILE))
    return [doc.problem(("candidates", i), f"candidate '{c.title}' ({c.source.list} line {c.source.line}) is already in the collection: "
                        f"{paper.document.path if paper.document else paper.id} names that line under sources.lists; delete the candidate", severity="warning")
            for i, c, paper in stale]


def candidates_text(candidates: list[Candidate]) -> str:
    """The candidates file for `candidates`, in a fixed order: by list, then line."""
    ordered = sorted(candidates, key=lambda c: (c.source.list, c.source.line, c.title))
    data = {"candidates": [c.model_dump(mode="json", exclude_defaults=True) for c in ordered]}
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)
    return CANDIDATES_HEADER + body


def write_text(path: Path, text: str) -> None:
    """Every sources file the importer writes goes through here: atomically (see sitegen.files)."""
    from sitegen.files import write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text)


def write_candidates(root: Path, candidates: list[Candidate]) -> bool:
    """Write the candidates file if its content changes; whether it did."""
    path = root / CANDIDATES_FILE
    text = candidates_text(candidates)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    if not candidates and not path.exists():
        return False
    write_text(path, text)
    return True


def same_work(candidate: Candidate, arxiv: str | None, doi: str | None, title: str) -> bool:
    """Whether a candidate is the work with this arXiv id, DOI or title."""
    from sitegen.dedupe import title_key

    return bool((arxiv and candidate.arxiv == arxiv) or (doi and candidate.doi and candidate.doi.lower() == doi.lower())
                or title_key(candidate.title) == title_key(title))


def remove_candidates(root: Path, arxiv: str | None, doi: str | None, title: str) -> list[Candidate]:
    """Drop the candidates that are the work just added (same arXiv id, DOI or title); return them."""
    candidates = read_candidates(root)
    gone = [c for c in candidates if same_work(c, arxiv, doi, title)]
    if gone:
        write_text(root / CANDIDATES_FILE, candidates_text([c for c in candidates if not same_work(c, arxiv, doi, title)]))
    return gone
