"""The one record type: a paper.

`Paper` holds every field a record may have. The values some fields may take (taxonomy ids,
survey sections, venues) come from the data files, so the class used for validation is built
from a loaded `Taxonomy` by `paper_model`; it adds only those checks and the JSON Schema enums.
"""

from __future__ import annotations

import datetime
import json
import math
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, Iterator, Literal, Optional

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    model_validator,
    WithJsonSchema,
    create_model,
)
from pydantic_core import PydanticCustomError

from sitegen.identifiers import parse_arxiv, parse_doi, url_problem
from sitegen.keys import ID_PATTERN
from sitegen.names import whole_name

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

# Limits, generous for real records (the longest title in the collection has 130 characters,
# the longest author list 11 names), that keep every command linear and its output small: no
# record can make `check` or `build` run long or write much. They are stated in the schema.
MAX_TITLE = 1_000
MAX_NAME = 300  # a publisher, an institution
MAX_AUTHOR = 100  # one author's name
MAX_SHORT = 100  # a short name, a survey key, a volume, number or page range
MAX_URL = 2_000
MAX_NOTE = 5_000  # a note, a doubt, the evidence of a correction
MAX_AUTHORS = 100  # a longer list: the first 100 and et_al: true (each author gets a page on the site)
MAX_ITEMS = 50  # other titles, doubts, aliases, look-alikes, labels of one axis, seed lines
MAX_CORRECTIONS = 100


def _bad_format_character(value: str, in_words: bool = True) -> str | None:
    """The first invisible format character (Unicode Cf) in `value` that is not allowed, if any.

    Zero-width spaces split one name into two, bidi overrides and isolates make text display
    other than it reads, and a BOM or soft hyphen inside text is a copying accident. The only
    ones kept are those names need: the zero-width non-joiner and joiner between two letters
    (Persian writes ZWNJ inside words such as names ending in -zadeh; Sinhala, Devanagari and
    other Indic scripts use ZWJ for conjuncts, as in Sri).
    """
    if value.isprintable():  # no Cf, Cc, Zl or Zp at all: nearly every value
        return None
    for i, char in enumerate(value):
        if unicodedata.category(char) != "Cf":
            continue
        if in_words and char in "\u200c\u200d" and 0 < i < len(value) - 1 and _joins(value[i - 1]) and _joins(value[i + 1]):
            continue
        return char
    return None


def _joins(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def _check_invisible(value: str, in_words: bool = True) -> None:
    """Refuse invisible format characters; `in_words=False` (links, identifiers) refuses joiners too."""
    char = _bad_format_character(value, in_words)
    if char is not None:
        name = unicodedata.name(char, "format character")
        raise _fail(
            "format_character",
            "invisible character U+{code} ({name}) is not allowed in text: it changes how text displays "
            "or splits a word in two; remove it",
            code=f"{ord(char):04X}", name=name, char=char,
        )


def _check_text(value: str) -> str:
    if not value.strip():
        raise _fail("empty", "must not be empty")
    if _CONTROL.search(value):
        raise _fail("control_character", "must not contain control characters")
    _check_invisible(value)
    return value


def _check_author(value: str) -> str:
    _check_text(value)
    name = value.strip()
    if not name:
        raise _fail("author_form", "an author name must not be empty")
    whole = whole_name(name)
    if whole is not None:  # {OpenAI}, {Ernst and Young}: one name, kept whole
        if not whole.strip():
            raise _fail("author_form", "a name in braces must not be empty")
        return value
    if re.fullmatch(r"(et\.? ?al\.?|others|\.\.\.|…)", name, re.IGNORECASE):
        raise _fail("author_form", "write 'et_al: true' instead of listing '{name}' as an author", name=name)
    if "&" in name or re.search(r"\sand\s", name):
        raise _fail("author_form", "'{name}' holds more than one name; list each author separately", name=name)
    parts = [p.strip() for p in name.split(",")]
    if len(parts) < 2 and re.fullmatch(r"[^\s,]*[^\W\d_]{2}[^\s,]*", name) and not name.endswith("."):
        return value  # one word: the family name only, as lists write 'Mirzadeh et al.'; the given name is unknown
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
    _check_invisible(value, in_words=False)
    if parse_arxiv(value) is None:
        raise _fail("arxiv_form", "'{value}' is not an arXiv id (expected a form like 1503.02531)", value=value)
    return value


def _check_doi(value: str) -> str:
    _check_invisible(value, in_words=False)
    if parse_doi(value) is None:
        raise _fail("doi_form", "'{value}' is not a DOI (expected a form like 10.1007/s11263-021-01453-z)", value=value)
    return value


def _check_url(value: str) -> str:
    _check_invisible(value, in_words=False)
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
        if len(value) > MAX_SHORT:
            raise _fail("string_too_long", "String should have at most {max_length} characters", max_length=MAX_SHORT)
    return value


def _check_correction_value(value: Any) -> Any:
    """What a source said, or what the record says: any YAML value, within the limits of text."""
    if len(json.dumps(value, ensure_ascii=False, default=str)) > MAX_NOTE:
        raise _fail("value_too_long", f"written out, it is longer than {MAX_NOTE:,} characters")
    for item in _leaves(value):
        if isinstance(item, float) and not math.isfinite(item):
            raise _fail("not_finite", "{value} is not a number a record can keep; write it in quotes", value=item)
        if isinstance(item, str) and item.strip():
            _check_text(item)
    return value


def _leaves(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def _score(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail("score_type", "expected a number")
    if value != value or value in (float("inf"), float("-inf")):
        raise _fail("score_type", "expected a finite number")
    return float(value)


Text = Annotated[str, AfterValidator(_check_text)]
ShortText = Annotated[str, Field(max_length=MAX_SHORT), AfterValidator(_check_text)]
NameText = Annotated[str, Field(max_length=MAX_NAME), AfterValidator(_check_text)]
NoteText = Annotated[str, Field(max_length=MAX_NOTE), AfterValidator(_check_text)]
Author = Annotated[str, Field(max_length=MAX_AUTHOR), AfterValidator(_check_author)]
Title = Annotated[str, Field(max_length=MAX_TITLE), AfterValidator(_check_text)]
Url = Annotated[
    str,
    Field(max_length=MAX_URL),
    AfterValidator(_check_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://", "maxLength": MAX_URL}),
]
RecordId = Annotated[str, Field(pattern=ID_PATTERN, max_length=MAX_SHORT)]
PersonId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=MAX_SHORT)]  # an id in people.yaml
BibNumber = Annotated[
    int | str,
    PlainValidator(_number_or_text),
    WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string", "minLength": 1, "maxLength": MAX_SHORT}]}),
]
CorrectionValue = Annotated[Any, AfterValidator(_check_correction_value), WithJsonSchema({})]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ListSource(_Strict):
    """One entry of a community paper list (registered in sources/lists.yaml) that gave the record's facts."""

    list: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")] = Field(description="The list's name in sources/lists.yaml.")
    commit: Annotated[str, Field(pattern=r"^[0-9a-f]{7,40}$")] = Field(description="The commit of the list's repository that was read.")
    line: Annotated[int, Field(ge=1)] = Field(description="The entry's first line in the list's file at that commit.")


class Sources(_Strict):
    """Where the record's facts were taken from."""

    seed: list[int] = Field(default_factory=list, max_length=MAX_ITEMS, description="Line numbers of this work's entries in the seed list.")
    survey: Optional[ShortText] = Field(None, description="The work's key in the survey's reference list (survey/references.tsv).")
    lists: list[ListSource] = Field(default_factory=list, max_length=MAX_ITEMS, description="Entries of community paper lists that describe the work.")


LabelsDecider = Literal["curator", "list-heading"]


class LabelsBy(_Strict):
    """How the record's taxonomy labels were decided: reviewed by a curator, or only suggested
    from a heading of a registered list by `sitegen import markdown` (docs/curation.md)."""

    by: LabelsDecider = Field(description="curator: a curator chose or reviewed the labels; list-heading: suggested from a list's heading, not yet reviewed.")
    list: Optional[Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]] = Field(None, description="list-heading only: the list's name in sources/lists.yaml.")
    heading: Optional[NoteText] = Field(None, description="list-heading only: the list's headings above the entry, as 'Heading > Subheading'.")
    who: Optional[ShortText] = Field(None, description="Who decided (a curator's name or handle), where recorded.")
    date: Optional[Day] = Field(None, description="When the labels were decided, YYYY-MM-DD.")
    absent: dict[Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")], NoteText] = Field(
        default_factory=dict, max_length=MAX_ITEMS,
        description="curator only: axis id -> why no label of that axis applies to the work (for the axes every core record is labelled on).")

    @model_validator(mode="after")
    def _list_heading_names_its_heading(self) -> "LabelsBy":
        if self.by == "list-heading" and (self.list is None or self.heading is None):
            raise _fail("labels_by", "labels_by: list-heading needs the 'list' and the 'heading' that suggested the labels")
        if self.by == "curator" and (self.list is not None or self.heading is not None):
            raise _fail("labels_by", "labels_by: curator takes no 'list' or 'heading' (those say where unreviewed labels came from)")
        if self.by == "list-heading" and self.absent:
            raise _fail("labels_by", "labels_by: only a curator says which axes do not apply ('absent'); a list heading cannot")
        return self

    @property
    def reviewed(self) -> bool:
        return self.by == "curator"


class Correction(_Strict):
    """One change a curator made to what a source said, and why."""

    field: ShortText = Field(description="The record field that was corrected.")
    was: CorrectionValue = Field(None, description=f"What the source said (at most {MAX_NOTE:,} characters written out).")
    now: CorrectionValue = Field(None, description=f"What the record says (at most {MAX_NOTE:,} characters written out).")
    source: NoteText = Field(description="The evidence for the correction.")


def _check_day(value: Any) -> str:
    """A calendar day, written YYYY-MM-DD (YAML may read an unquoted one as a date)."""
    if isinstance(value, datetime.datetime) or not isinstance(value, (datetime.date, str)):
        raise _fail("day_form", "expected a day written YYYY-MM-DD")
    if isinstance(value, str):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise _fail("day_form", "'{value}' is not a day written YYYY-MM-DD", value=value)
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            raise _fail("day_form", "'{value}' is not a day of the calendar", value=value) from None
    if value > datetime.date.today() + datetime.timedelta(days=1):  # a day's grace for time zones
        raise _fail("day_future", "{value} is in the future", value=value.isoformat())
    return value.isoformat()


Day = Annotated[str, PlainValidator(_check_day), WithJsonSchema({"type": "string", "format": "date"})]
PageKind = Literal["arxiv", "publisher", "dblp", "crossref", "paper"]
PAGE_KIND_LABELS: dict[str, str] = {
    "arxiv": "arXiv abstract page",
    "publisher": "proceedings or publisher page",
    "dblp": "dblp entry",
    "crossref": "Crossref record",
    "paper": "the paper's own text",
}
# The fields a checked page can show. A page that showed only some of them names those.
ComparedField = Literal["title", "authors", "year", "venue", "volume", "number", "pages", "arxiv", "doi"]


class CheckedPage(_Strict):
    """One primary page the record was compared with, field by field, on a given day."""

    url: Url = Field(description="The page compared: the arXiv abstract page, the proceedings or publisher page, the dblp entry or the Crossref record.")
    kind: PageKind = Field(description="arxiv, publisher (proceedings or publisher page), dblp, crossref, or paper (the paper's PDF or a full-text copy of it).")
    date: Day = Field(description="The day of the comparison, YYYY-MM-DD.")
    via: Optional[NoteText] = Field(None, description="How the page was read when not live at its own address: a stored copy, a mirror, an export.")
    compared: list[ComparedField] = Field(
        default_factory=list, max_length=9,
        description="The fields compared, when the page showed only some (a stored copy without its author line); empty: every field the record has and the page shows.",
    )

    @property
    def label(self) -> str:
        return PAGE_KIND_LABELS[self.kind]

    @property
    def shows_title_and_authors(self) -> bool:
        """True unless the page was compared on fields that leave out the title or the authors."""
        return not self.compared or {"title", "authors"} <= set(self.compared)


Score = Annotated[float, PlainValidator(_score), WithJsonSchema({"type": "number"})]


class Labels(_Strict):
    """Taxonomy labels, one list per axis; the axes are added from taxonomy.yaml."""

    def items(self) -> Iterator[tuple[str, list[str]]]:
        for axis in type(self).model_fields:
            yield axis, getattr(self, axis)


class Teacher(_Strict):
    """The teacher of a result. A result without one is self-distillation: the student teaches itself."""

    arch: str = Field(description="An architecture id from architectures.yaml.")
    score: Optional[Score] = Field(None, description="The teacher's score trained alone; absent where the source gives none.")
    distilled: Optional[Score] = Field(None, description="The teacher's score after training with the student (online distillation), where given.")
    ensemble: bool = Field(False, description="True when the teacher is an ensemble of networks of this architecture trained together (peers or branches), not one network.")


class Student(_Strict):
    """The student of a result: its baseline (trained alone) and its score after distillation."""

    arch: str = Field(description="An architecture id from architectures.yaml.")
    score: Optional[Score] = Field(None, description="The baseline: the student trained alone.")
    distilled: Score = Field(description="The student's score after distillation.")


class ResultSource(_Strict):
    """Where a result is printed: a table of the paper itself, or a table and row of the survey."""

    table: Optional[Text] = Field(None, description="The paper's own table, e.g. 'Table 2'.")
    survey: Optional[str] = Field(None, description="A table of the survey (a section id such as table6).")
    row: Optional[Text] = Field(None, description="The row as the table prints it (its method cell), e.g. 'FT (Kim et al., 2018)'.")
    method: Optional[Text] = Field(None, description="The method's name as the source prints it.")
    taxonomy: Labels = Field(default_factory=Labels, description="Labels the source gives the method (evidence; the record's own labels are under taxonomy).")


class Result(_Strict):
    """One measurement: a student distilled on a dataset, against its baseline and its teacher."""

    dataset: str = Field(description="A dataset id from benchmarks.yaml.")
    metric: str = Field(description="A metric id from benchmarks.yaml that the dataset reports.")
    teacher: Optional[Teacher] = Field(None, description="Absent for self-distillation (no separate teacher).")
    student: Student
    gain: Optional[Score] = Field(None, description="The gain as the source prints it (the student's improvement over its baseline).")
    source: ResultSource
    doubts: list[Text] = Field(default_factory=list, description="Questions about this result: a printed gain the scores contradict, labels that disagree.")


class Paper(_Strict):
    """One work. Field order here is the key order `fmt` writes."""

    id: RecordId = Field(description="familyYEARword; also the file name and the BibTeX key.")
    title: Title = Field(description="The title as published, with official capitalisation.")
    alt_titles: list[Title] = Field(default_factory=list, max_length=MAX_ITEMS, description="Other forms of the title found in sources.")
    authors: list[Author] = Field(
        min_length=1, max_length=MAX_AUTHORS,
        description=f"Authors in order, each 'Family, Given' as the source gives it; one word without a comma is a family name whose given name the source does not give; at most {MAX_AUTHORS} (then et_al: true).",
    )
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
    publisher: Optional[NameText] = None
    institution: Optional[NameText] = None
    arxiv: Optional[Annotated[str, Field(max_length=MAX_SHORT), AfterValidator(_check_arxiv)]] = Field(None, description="arXiv id, e.g. 1503.02531.")
    doi: Optional[Annotated[str, Field(max_length=MAX_NAME), AfterValidator(_check_doi)]] = Field(None, description="DOI, e.g. 10.1145/1150402.1150464.")
    url: Optional[Url] = Field(None, description="Landing page of the paper.")
    pdf: Optional[Url] = Field(None, description="Direct link to the PDF.")
    code: Optional[Url] = Field(None, description="Link to the code.")
    scope: Scope = Field(description="core: distillation work; related: background the survey cites.")
    taxonomy: Labels = Field(default_factory=Labels, description="Taxonomy ids, one list per axis.")
    labels_by: Optional[LabelsBy] = Field(None, description="How the labels were decided: by: curator, or by: list-heading (suggested from a list's heading, not yet reviewed).")
    survey: list[str] = Field(default_factory=list, max_length=MAX_ITEMS, description="Sections and tables of the survey that discuss the work.")
    short_name: Optional[ShortText] = Field(None, description="The method's short name, e.g. RKD.")
    note: Optional[NoteText] = None
    aliases: list[RecordId] = Field(default_factory=list, max_length=MAX_ITEMS, description="Ids of records merged into this one.")
    distinct_from: list[RecordId] = Field(default_factory=list, max_length=MAX_ITEMS, description="Look-alike records checked to be other works.")
    sources: Optional[Sources] = None
    checked: list[CheckedPage] = Field(default_factory=list, max_length=MAX_ITEMS, description="Primary pages the record was compared with (docs/curation.md, Verification).")
    corrections: list[Correction] = Field(default_factory=list, max_length=MAX_CORRECTIONS)
    doubts: list[NoteText] = Field(default_factory=list, max_length=MAX_ITEMS, description="Questions a curator left open.")
    results: list[Result] = Field(default_factory=list, max_length=MAX_ITEMS, description="Benchmark results of the paper's method, each with its source.")

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
        axis: (list[Literal[taxonomy.axis_node_ids(axis)]], Field(default_factory=list, max_length=MAX_ITEMS))  # type: ignore[valid-type]
        for axis in taxonomy.axis_ids
    }
    labels = create_model("TaxonomyLabels", __base__=Labels, **axes)  # type: ignore[call-overload]
    section = Literal[tuple(taxonomy.sections)]  # type: ignore[valid-type]

    def check_venue(value: str) -> str:
        if taxonomy.resolve_venue(value) is None:
            raise _fail("unknown_venue", "unknown venue '{value}'", value=value)
        return value

    venue = Annotated[str, Field(max_length=MAX_SHORT), AfterValidator(check_venue), WithJsonSchema({"type": "string", "enum": sorted(taxonomy.venues)})]
    result = _result_model(taxonomy, labels)
    return create_model(  # type: ignore[call-overload]
        "Paper",
        __base__=Paper,
        taxonomy=(labels, Field(default_factory=labels, description="Taxonomy ids, one list per axis.")),
        survey=(list[section], Field(default_factory=list, max_length=MAX_ITEMS, description="Sections and tables of the survey that discuss the work.")),
        venue=(Optional[venue], Field(None, description="A venue id from venues.yaml.")),
        results=(list[result], Field(default_factory=list, max_length=MAX_ITEMS, description="Benchmark results of the paper's method, each with its source.")),
    )


def result_model(taxonomy: "Taxonomy") -> type[Result]:
    """The Result class of `paper_model(taxonomy)`: one result checked as a record's would be."""
    import typing

    return typing.get_args(paper_model(taxonomy).model_fields["results"].annotation)[0]


def _registry_name(kind: str, resolve: Any, keys: dict[str, str], ids: Any, file: str, hint: Any) -> Any:
    """Text that must name an entry of a registry (by id or alias); the schema offers the ids."""

    def check(value: str) -> str:
        if resolve(value) is None:
            # The hint names registry ids only (no braces); the value goes in as context, never as template.
            raise _fail(f"unknown_{kind}", f"unknown {kind} '{{value}}'" + hint(value, keys, file), value=value)
        return value

    return Annotated[str, AfterValidator(check), WithJsonSchema({"type": "string", "enum": sorted(ids)})]


def _result_model(taxonomy: "Taxonomy", labels: type[Labels]) -> type[Result]:
    """The Result class whose datasets, metrics, networks and survey tables are the registries'."""
    from sitegen.benchmarks import ARCHITECTURES_FILE, BENCHMARKS_FILE

    registry = taxonomy.benchmarks
    dataset = _registry_name("dataset", registry.resolve_dataset, registry.dataset_keys, registry.datasets, BENCHMARKS_FILE, registry.hint)
    metric = _registry_name("metric", registry.resolve_metric, registry.metric_keys, registry.metrics, BENCHMARKS_FILE, registry.hint)
    arch = _registry_name("architecture", registry.resolve_architecture, registry.architecture_keys, registry.architectures, ARCHITECTURES_FILE, registry.hint)
    tables = {section: section for section in taxonomy.sections if section.startswith("table")}

    def check_table(value: str) -> str:
        if value not in tables:
            raise _fail("unknown_table", "unknown survey table '{value}'" + registry.hint(value, tables, "taxonomy.yaml's sections"), value=value)
        return value

    table = Annotated[str, AfterValidator(check_table), WithJsonSchema({"type": "string", "enum": sorted(tables)})]
    teacher = create_model("Teacher", __base__=Teacher, arch=(arch, Field(description="An architecture id from architectures.yaml.")))  # type: ignore[call-overload]
    student = create_model("Student", __base__=Student, arch=(arch, Field(description="An architecture id from architectures.yaml.")))  # type: ignore[call-overload]
    source = create_model(  # type: ignore[call-overload]
        "ResultSource",
        __base__=ResultSource,
        survey=(Optional[table], Field(None, description="A table of the survey (a section id such as table6).")),
        taxonomy=(labels, Field(default_factory=labels, description="Labels the source gives the method (evidence; the record's own labels are under taxonomy).")),
    )
    return create_model(  # type: ignore[call-overload]
        "Result",
        __base__=Result,
        dataset=(dataset, Field(description="A dataset id from benchmarks.yaml.")),
        metric=(metric, Field(description="A metric id from benchmarks.yaml that the dataset reports.")),
        teacher=(Optional[teacher], Field(None, description="Absent for self-distillation (no separate teacher).")),
        student=(student, ...),
        source=(source, ...),
    )
