"""The one record type: a paper.

`Paper` holds every field a record may have. The values some fields may take (taxonomy ids,
survey sections, venues) come from the data files, so the class used for validation is built
from a loaded `Taxonomy` by `paper_model`; it adds only those checks and the JSON Schema enums.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, Iterator, Literal, Optional

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    WithJsonSchema,
    create_model,
)
from pydantic_core import PydanticCustomError

from sitegen.identifiers import parse_arxiv, parse_doi, url_problem
from sitegen.keys import ID_PATTERN

if TYPE_CHECKING:
    from sitegen.document import Document
    from sitegen.errors import Problem
    from sitegen.taxonomy import Taxonomy

EntryType = Literal["article", "inproceedings", "misc", "book", "incollection", "techreport", "phdthesis"]
Scope = Literal["core", "related"]
FIRST_YEAR = 1900


def _fail(kind: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, context)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode's Cc characters, but tab and newline


def _check_text(value: str) -> str:
    if not value.strip():
        raise _fail("empty", "must not be empty")
    if _CONTROL.search(value):
        raise _fail("control_character", "must not contain control characters")
    return value


def _check_author(value: str) -> str:
    _check_text(value)
    name = value.strip()
    if not name:
        raise _fail("author_form", "an author name must not be empty")
    if re.fullmatch(r"(et\.? ?al\.?|others|\.\.\.|…)", name, re.IGNORECASE):
        raise _fail("author_form", "write 'et_al: true' instead of listing '{name}' as an author", name=name)
    if "&" in name or re.search(r"\sand\s", name):
        raise _fail("author_form", "'{name}' holds more than one name; list each author separately", name=name)
    parts = [p.strip() for p in name.split(",")]
    if len(parts) < 2:
        raise _fail(
            "author_form",
            "'{name}' is not of the form 'Family, Given' (in a [bracketed] list commas split names: write one author per line)",
            name=name,
        )
    if len(parts) > 3 or any(not p for p in parts):
        raise _fail("author_form", "'{name}' is not of the form 'Family, Given'", name=name)
    return value


def _check_arxiv(value: str) -> str:
    if parse_arxiv(value) is None:
        raise _fail("arxiv_form", "'{value}' is not an arXiv id (expected a form like 1503.02531)", value=value)
    return value


def _check_doi(value: str) -> str:
    if parse_doi(value) is None:
        raise _fail("doi_form", "'{value}' is not a DOI (expected a form like 10.1007/s11263-021-01453-z)", value=value)
    return value


def _check_url(value: str) -> str:
    problem = url_problem(value)
    if problem:
        raise _fail("url_form", problem)
    return value


def _check_year(value: int) -> int:
    last = datetime.date.today().year + 1
    if not FIRST_YEAR <= value <= last:
        raise _fail("year_range", "year {value} is outside {first}-{last}", value=value, first=FIRST_YEAR, last=last)
    return value


def _number_or_text(value: Any) -> int | str:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise _fail("number_or_text", "expected a number or text")
    if isinstance(value, str):
        _check_text(value)
    return value


Text = Annotated[str, AfterValidator(_check_text)]
Author = Annotated[str, AfterValidator(_check_author)]
Url = Annotated[str, AfterValidator(_check_url), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]
RecordId = Annotated[str, Field(pattern=ID_PATTERN)]
PersonId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]  # an id in people.yaml
BibNumber = Annotated[
    int | str,
    PlainValidator(_number_or_text),
    WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string", "minLength": 1}]}),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Sources(_Strict):
    """Where the record's facts were taken from."""

    seed: list[int] = Field(default_factory=list, description="Line numbers of this work's entries in the seed list.")
    survey: Optional[Text] = Field(None, description="The work's key in the survey's reference list (survey/references.tsv).")


class Correction(_Strict):
    """One change a curator made to what a source said, and why."""

    field: Text = Field(description="The record field that was corrected.")
    was: Annotated[Any, WithJsonSchema({})] = Field(None, description="What the source said.")
    now: Annotated[Any, WithJsonSchema({})] = Field(None, description="What the record says.")
    source: Text = Field(description="The evidence for the correction.")


class Labels(_Strict):
    """Taxonomy labels, one list per axis; the axes are added from taxonomy.yaml."""

    def items(self) -> Iterator[tuple[str, list[str]]]:
        for axis in type(self).model_fields:
            yield axis, getattr(self, axis)


class Paper(_Strict):
    """One work. Field order here is the key order `fmt` writes."""

    id: RecordId = Field(description="familyYEARword; also the file name and the BibTeX key.")
    title: Text = Field(description="The title as published, with official capitalisation.")
    alt_titles: list[Text] = Field(default_factory=list, description="Other forms of the title found in sources.")
    authors: list[Author] = Field(min_length=1, description="Authors in order, each 'Family, Given' as the source gives it.")
    et_al: bool = Field(False, description="True when the source truncated the author list.")
    author_ids: dict[Author, PersonId] = Field(
        default_factory=dict,
        description="Who an author is where the written name cannot tell: the name as written -> a person id from people.yaml.",
    )
    year: Annotated[int, AfterValidator(_check_year)]
    venue: Optional[str] = Field(None, description="A venue id from venues.yaml.")
    type: EntryType = Field(description="The BibTeX entry type.")
    volume: Optional[BibNumber] = None
    number: Optional[BibNumber] = None
    pages: Optional[BibNumber] = None
    publisher: Optional[Text] = None
    institution: Optional[Text] = None
    arxiv: Optional[Annotated[str, AfterValidator(_check_arxiv)]] = Field(None, description="arXiv id, e.g. 1503.02531.")
    doi: Optional[Annotated[str, AfterValidator(_check_doi)]] = Field(None, description="DOI, e.g. 10.1145/1150402.1150464.")
    url: Optional[Url] = Field(None, description="Landing page of the paper.")
    pdf: Optional[Url] = Field(None, description="Direct link to the PDF.")
    code: Optional[Url] = Field(None, description="Link to the code.")
    scope: Scope = Field(description="core: distillation work; related: background the survey cites.")
    taxonomy: Labels = Field(default_factory=Labels, description="Taxonomy ids, one list per axis.")
    survey: list[str] = Field(default_factory=list, description="Sections and tables of the survey that discuss the work.")
    short_name: Optional[Text] = Field(None, description="The method's short name, e.g. RKD.")
    note: Optional[Text] = None
    aliases: list[RecordId] = Field(default_factory=list, description="Ids of records merged into this one.")
    distinct_from: list[RecordId] = Field(default_factory=list, description="Look-alike records checked to be other works.")
    sources: Optional[Sources] = None
    corrections: list[Correction] = Field(default_factory=list)
    doubts: list[Text] = Field(default_factory=list, description="Questions a curator left open.")

    _document: Optional["Document"] = PrivateAttr(None)

    @property
    def document(self) -> "Document | None":
        """The file this record was read from, with the position of every value."""
        return self._document

    def problem(self, loc: tuple, message: str, severity: str = "error") -> "Problem":
        """A problem at the position of `loc` in this record's file."""
        from sitegen.errors import Problem

        if self._document is None:
            return Problem(f"papers/{self.id}.yaml", 1, 1, message, severity)  # type: ignore[arg-type]
        return self._document.problem(loc, message, severity=severity)

    @property
    def where(self) -> str:
        """`path:line` of the record's id, for messages that point at another record."""
        if self._document is None:
            return f"papers/{self.id}.yaml"
        line, _ = self._document.locate(("id",))
        return f"{self._document.path}:{line}"

    def labels(self, axis: str) -> list[str]:
        return list(getattr(self.taxonomy, axis, []))

    @property
    def all_labels(self) -> list[str]:
        return [node for _, nodes in self.taxonomy.items() for node in nodes]


FIELD_NAMES: tuple[str, ...] = tuple(Paper.model_fields)


@lru_cache(maxsize=8)
def paper_model(taxonomy: "Taxonomy") -> type[Paper]:
    """The Paper class whose taxonomy ids, sections and venues are those of `taxonomy`."""
    axes = {
        axis: (list[Literal[taxonomy.axis_node_ids(axis)]], Field(default_factory=list))  # type: ignore[valid-type]
        for axis in taxonomy.axis_ids
    }
    labels = create_model("TaxonomyLabels", __base__=Labels, **axes)  # type: ignore[call-overload]
    section = Literal[tuple(taxonomy.sections)]  # type: ignore[valid-type]

    def check_venue(value: str) -> str:
        if taxonomy.resolve_venue(value) is None:
            raise _fail("unknown_venue", "unknown venue '{value}'", value=value)
        return value

    venue = Annotated[str, AfterValidator(check_venue), WithJsonSchema({"type": "string", "enum": sorted(taxonomy.venues)})]
    return create_model(  # type: ignore[call-overload]
        "Paper",
        __base__=Paper,
        taxonomy=(labels, Field(default_factory=labels, description="Taxonomy ids, one list per axis.")),
        survey=(list[section], Field(default_factory=list, description="Sections and tables of the survey that discuss the work.")),
        venue=(Optional[venue], Field(None, description="A venue id from venues.yaml.")),
    )
