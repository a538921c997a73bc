"""The survey's taxonomy and the venue registry, read from data files into lookup tables.

Nothing here names a category or a venue: both come from ``taxonomy.yaml`` and ``venues.yaml``.
The benchmark and architecture registries beside them are read by `sitegen.benchmarks` and
held here too, so that one loaded object carries every vocabulary a record is checked against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sitegen.benchmarks import Benchmarks, load_benchmarks
from sitegen.document import Document, read_yaml
from sitegen.errors import DataError, Problem
from sitegen.messages import problems_from
from sitegen.titles import load_protected_words

TAXONOMY_FILE = "taxonomy.yaml"
VENUES_FILE = "venues.yaml"

VenueKind = Literal["conference", "workshop", "journal", "preprint", "book", "report"]
_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Node(_Strict):
    id: str = Field(pattern=_SLUG)
    label: str = Field(min_length=1)
    description: str = Field(min_length=1)
    # The survey section the node comes from; an extension (a node the field needs that the
    # survey predates) has none, and says so with `extension: true`.
    section: str | None = None
    extension: bool = False
    children: list["Node"] = []

    @model_validator(mode="after")
    def _section_or_extension(self) -> "Node":
        if self.extension and self.section is not None:
            raise ValueError(f"node '{self.id}' is an extension (not from the survey) but names survey section '{self.section}'; drop one")
        if not self.extension and self.section is None:
            raise ValueError(f"node '{self.id}' names no survey section; give its 'section', or mark it 'extension: true'")
        return self


class Axis(_Strict):
    id: str = Field(pattern=_SLUG)
    label: str = Field(min_length=1)
    description: str = Field(min_length=1)
    section: str
    core: bool = False  # every core record is labelled on this axis, or says why not (labels_by.absent)
    nodes: list[Node] = Field(min_length=1)


class _TaxonomyFile(_Strict):
    source: dict[str, str]
    axes: list[Axis] = Field(min_length=1)
    sections: dict[str, str]


class Venue(_Strict):
    id: str = Field(pattern=_SLUG)
    short: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: VenueKind
    aliases: list[str] = []


class _VenuesFile(_Strict):
    venues: list[Venue]


@dataclass(frozen=True)
class NodeInfo:
    """A node with its place in the tree."""

    node: Node
    axis: str
    parent: str | None
    order: int  # position in a depth-first walk of the whole taxonomy

    @property
    def id(self) -> str:
        return self.node.id

    @property
    def label(self) -> str:
        return self.node.label

    @property
    def extension(self) -> bool:
        """True for a node the survey lacks, added for work it predates."""
        return self.node.extension


def alias_key(text: str) -> str:
    """How aliases are compared: without case, spaces or punctuation; '&' is 'and'."""
    return re.sub(r"[\W_]+", "", text.casefold().replace("&", "and"))


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per loaded root
class Taxonomy:
    """Lookup tables over the taxonomy and the venue registry."""

    axes: tuple[Axis, ...]
    sections: dict[str, str]
    venues: dict[str, Venue]
    source: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, NodeInfo] = field(default_factory=dict)
    venue_keys: dict[str, str] = field(default_factory=dict)  # alias_key -> venue id
    protected_words: frozenset[str] = frozenset()  # protected-words.yaml: words titles keep capitalised
    benchmarks: Benchmarks = field(default_factory=Benchmarks)  # datasets, metrics, architectures

    @classmethod
    def load(cls, root: Path) -> "Taxonomy":
        """Read both files under `root`; raise DataError listing every problem in them."""
        problems: list[Problem] = []
        taxonomy_file = read_model(root / TAXONOMY_FILE, _TaxonomyFile, problems)
        venues_file = read_model(root / VENUES_FILE, _VenuesFile, problems)
        protected_words = load_protected_words(root, problems)
        benchmarks = load_benchmarks(root, read_model, problems)
        if taxonomy_file is None or venues_file is None:
            raise DataError(problems)
        tax_doc, tax = taxonomy_file
        ven_doc, ven = venues_file
        nodes: dict[str, NodeInfo] = {}
        axis_ids: set[str] = set()
        for a, axis in enumerate(tax.axes):
            if axis.id in axis_ids:
                problems.append(tax_doc.problem(("axes", a, "id"), f"axis id '{axis.id}' is used twice"))
            axis_ids.add(axis.id)
            if axis.section not in tax.sections:
                problems.append(tax_doc.problem(("axes", a, "section"), f"section '{axis.section}' is not listed under 'sections'"))
            for loc, info in _walk(axis, ("axes", a)):
                if info.id in nodes or info.id in axis_ids:
                    problems.append(tax_doc.problem(loc + ("id",), f"node id '{info.id}' is used twice"))
                    continue
                if info.node.section is not None and info.node.section not in tax.sections:
                    problems.append(tax_doc.problem(loc + ("section",), f"section '{info.node.section}' is not listed under 'sections'"))
                nodes[info.id] = NodeInfo(info.node, info.axis, info.parent, len(nodes))
        venues: dict[str, Venue] = {}
        keys: dict[str, str] = {}
        for v, venue in enumerate(ven.venues):
            if venue.id in venues:
                problems.append(ven_doc.problem(("venues", v, "id"), f"venue id '{venue.id}' is used twice"))
                continue
            venues[venue.id] = venue
            for i, alias in enumerate((venue.id, venue.short, venue.name, *venue.aliases)):
                key = alias_key(alias)
                if keys.get(key, venue.id) != venue.id:
                    where = ("venues", v, "aliases", i - 3) if i >= 3 else ("venues", v, ("id", "short", "name")[i])
                    problems.append(ven_doc.problem(where, f"alias '{alias}' of venue '{venue.id}' also names venue '{keys[key]}'"))
                keys.setdefault(key, venue.id)
        if problems:
            raise DataError(problems)
        return cls(tuple(tax.axes), dict(tax.sections), venues, dict(tax.source), nodes, keys, protected_words, benchmarks)

    # --- taxonomy -----------------------------------------------------------------------

    @cached_property
    def axis_ids(self) -> tuple[str, ...]:
        return tuple(axis.id for axis in self.axes)

    def axis(self, axis_id: str) -> Axis:
        return next(a for a in self.axes if a.id == axis_id)

    def axis_node_ids(self, axis_id: str) -> tuple[str, ...]:
        return tuple(n for n, info in self.nodes.items() if info.axis == axis_id)

    def ancestors(self, node_id: str) -> tuple[str, ...]:
        """The node's parents, nearest first."""
        out = []
        parent = self.nodes[node_id].parent
        while parent is not None:
            out.append(parent)
            parent = self.nodes[parent].parent
        return tuple(out)

    def children(self, node_id: str) -> tuple[str, ...]:
        return tuple(c.id for c in self.nodes[node_id].node.children)

    def descendants(self, node_id: str) -> tuple[str, ...]:
        out: list[str] = []
        for child in self.children(node_id):
            out.append(child)
            out.extend(self.descendants(child))
        return tuple(out)

    @cached_property
    def extension_ids(self) -> tuple[str, ...]:
        """The nodes that extend the survey, in taxonomy order."""
        return tuple(n for n, info in self.nodes.items() if info.extension)

    def top_nodes(self, axis_id: str) -> tuple[str, ...]:
        return tuple(n.id for n in self.axis(axis_id).nodes)

    def section_order(self, section: str) -> int:
        return list(self.sections).index(section) if section in self.sections else len(self.sections)

    # --- venues -------------------------------------------------------------------------

    def resolve_venue(self, text: str) -> str | None:
        """The id of the venue `text` names (an id, short name, full name or alias), or None."""
        return self.venue_keys.get(alias_key(text))

    def is_preprint(self, venue: str | None) -> bool:
        """Whether a record with this venue (any name of it, or none) is held as a preprint."""
        venue_id = self.resolve_venue(venue) if venue else None
        return venue_id is None or self.venues[venue_id].kind == "preprint"

    def find_venue(self, text: str) -> str | None:
        """The venue a free-form booktitle or journal names, or None (see `match_venue`)."""
        return self.match_venue(text)[0]

    def match_venue(self, text: str) -> tuple[str | None, str | None]:
        """The venue a free-form booktitle or journal names, as publishers and dblp write them,
        and a doubt when the text names a variant the registry lacks.

        Tries, in order: the whole text as an alias; the text without 'Proceedings of the',
        years, ordinals and a trailing ', Volume ...'; the longest registry name the text starts
        with; an acronym in parentheses; an acronym anywhere (as in dblp's '..., {CVPR} 2020').
        A qualifier is never dropped: text that says 'Workshop', 'Findings', 'Demo',
        'Companion' or 'Datasets and Benchmarks' maps to the registered variant of the venue
        found ('CVPR Workshops' is cvpr-workshops, not cvpr), or to no venue and a doubt.
        """
        found = self._base_venue(text)
        if found is None:
            return None, None
        for qualifier in _QUALIFIERS:
            if not qualifier.search(text) or self._has_qualifier(found, qualifier):
                continue
            variant = self._variant(found, qualifier)
            if variant is None:
                venue = self.venues[found]
                words = qualifier.search(text).group(0)  # type: ignore[union-attr]
                return None, (f"venue '{text}' names a {words.lower()} variant of {venue.short}, which venues.yaml "
                              f"does not list; add it there rather than file the work under {venue.short}")
            found = variant
        return found, None

    def _base_venue(self, text: str) -> str | None:
        found = self.resolve_venue(text)
        if found:
            return found
        cleaned = re.sub(r"^(?:in\s*:?\s*)?(?:companion\s+)?(?:proceedings\s+of\s+(?:the\s+)?)?", "", text.strip(), flags=re.I)
        cleaned = re.sub(r"\b(?:19|20)\d\d\b|\b\d+(?:st|nd|rd|th)\b", " ", cleaned)
        cleaned = re.sub(r",?\s*volume\s+\d+.*$", "", cleaned, flags=re.I)
        found = self.resolve_venue(cleaned)
        if found:
            return found
        key = alias_key(cleaned)
        prefixes = [(len(k), v) for k, v in self.venue_keys.items() if len(k) >= 10 and key.startswith(k)]
        if prefixes:
            return max(prefixes)[1]
        for acronym in re.findall(r"\(([^()]{2,20})\)", text) + re.findall(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b", text):
            found = self.resolve_venue(acronym)
            if found:
                return found
        return None

    def _names(self, venue_id: str) -> list[str]:
        venue = self.venues[venue_id]
        return [venue.id, venue.short, venue.name, *venue.aliases]

    def _has_qualifier(self, venue_id: str, qualifier: re.Pattern[str]) -> bool:
        if qualifier is _QUALIFIERS[0] and self.venues[venue_id].kind == "workshop":
            return True
        return any(qualifier.search(name) or qualifier.search(name.replace("-", " ")) for name in self._names(venue_id))

    def _variant(self, venue_id: str, qualifier: re.Pattern[str]) -> str | None:
        """The registered variant of a venue that carries the qualifier: 'CVPR' + workshop is
        the venue that 'CVPR Workshops' (or 'CVPR Workshop', 'Workshops of CVPR') names."""
        venue = self.venues[venue_id]
        words = _QUALIFIER_FORMS[_QUALIFIERS.index(qualifier)]
        for name in dict.fromkeys((venue.short, venue.id, *(a for a in venue.aliases if len(a) <= 12))):
            for word in words:
                for form in (f"{name} {word}", f"{word} of {name}", f"{word} {name}"):
                    found = self.resolve_venue(form)
                    if found and found != venue_id and self._has_qualifier(found, qualifier):
                        return found
        return None


# What makes a venue another venue: a workshop of a conference is not the conference.
_QUALIFIERS = (
    re.compile(r"\bworkshops?\b", re.I),
    re.compile(r"\bfindings\b", re.I),
    re.compile(r"\b(?:demos?|demonstrations?)\b", re.I),
    re.compile(r"\bcompanion\b", re.I),
    re.compile(r"\bdatasets\s+(?:and|&)\s+benchmarks\b", re.I),
)
_QUALIFIER_FORMS = (
    ("Workshops", "Workshop", "W"),
    ("Findings",),
    ("Demo", "Demos", "System Demonstrations"),
    ("Companion",),
    ("Datasets and Benchmarks", "Datasets and Benchmarks Track"),
)


def _walk(axis: Axis, loc: tuple) -> Iterator[tuple[tuple, NodeInfo]]:
    def visit(node: Node, parent: str | None, node_loc: tuple) -> Iterator[tuple[tuple, NodeInfo]]:
        yield node_loc, NodeInfo(node, axis.id, parent, 0)
        for c, child in enumerate(node.children):
            yield from visit(child, node.id, node_loc + ("children", c))

    for n, node in enumerate(axis.nodes):
        yield from visit(node, None, loc + ("nodes", n))


def read_model(path: Path, model: type[BaseModel], problems: list[Problem]):
    """The YAML file at `path` and its contents as `model`, or None with `problems` added."""
    try:
        doc: Document = read_yaml(path)
    except DataError as exc:
        problems.extend(exc.problems)
        return None
    try:
        return doc, model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, doc, model))
        return None
