"""What one service says about one paper, in the terms `compare` needs."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Witness:
    """One service's account of a paper.

    `of_record` is true when the account describes the published version (a Crossref record, a
    dblp entry outside CoRR); an arXiv entry, or dblp's CoRR copy of it, describes the preprint,
    whose year and capitals may differ from the version of record.
    """

    source: str  # 'arXiv', 'Crossref' or 'dblp', as messages name it
    url: str  # where a reader sees the same account
    title: str
    authors: tuple[str, ...]  # 'Family, Given', in the source's order
    year: int | None
    venue: str = ""  # as the source writes it
    of_record: bool = True
    arxiv: str | None = None
    doi: str | None = None
    journal_ref: str = ""  # arXiv's note of where the paper was published

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Witness":
        return cls(**{**data, "authors": tuple(data["authors"])})


@dataclass(frozen=True)
class NotFound:
    """The service answered, and has no such paper."""

    source: str
    message: str  # one sentence, e.g. "arXiv has no paper 2412.99999"
    field: str  # the record field the message is about


@dataclass(frozen=True)
class Refused:
    """The service answered the look-up with an error about the request itself."""

    source: str
    message: str
    field: str


Answer = Witness | NotFound | Refused
