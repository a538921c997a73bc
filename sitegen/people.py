"""People behind the author names: the people registry (people.yaml) and who each author of a
record is.

Records write each author as the source did ('Hinton, G.', 'Hinton, Geoffrey E.'), so one
written name may stand for several people ('Li, Y.' for Yuanzhi Li and for Yazhe Li) and one
person may be written several ways. The registry, kept beside the venue registry, lists people:
an id, the name as published with given names, the other forms sources use, and external ids
where a source gives them. It is optional: without it, people come from the records alone.

Who an author of a record is, in order:

1. the person the record names for that author under `author_ids` (the way to settle a case
   the name cannot);
2. the registry person whose name or variants include the written form (compared without
   case, accents or punctuation); a form that two registry people share settles nothing;
3. otherwise the written forms are grouped as conservatively as merging two people deserves:
   two forms may be one person only if their family names are equal (ignoring case and
   accents) and their given names agree as far as both go in the same way: the same initials,
   and the same full names where one is written in full. An initial is never taken for a full
   name: 'Li, Y.' joins neither 'Li, Yuanzhi' nor 'Li, Yazhe' by itself. Forms linked this way
   make one person only if every two of them agree ('Wang, X.' agrees with 'Wang, X. Y.' and
   with 'Wang, X. Z.', which do not agree with each other, so all three stay apart). A form
   that agrees with a registry person's forms joins that person on the same terms.

An author whose written form could be someone more precisely named ('Li, Y.' where records or
the registry know a Li, Yuanzhi) is ambiguous: `check` reports it as a note (it never fails
`--strict`: only a source can settle it) asking for the given name or an `author_ids` entry,
and the audit counts them. Adding given names to records therefore splits people correctly: a page
never gathers papers of people whose given names differ in any record.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Iterable, Optional, Protocol

from pydantic import BaseModel, ConfigDict, Field

from sitegen.errors import DataError, Problem
from sitegen.keys import transliterate
from sitegen.messages import did_you_mean
from sitegen.names import whole_name
from sitegen.taxonomy import read_model

PEOPLE_FILE = "people.yaml"
PERSON_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


# --- written names ---------------------------------------------------------------------------


def _fold(text: str) -> str:
    """A name as names are compared: without case or accents, Latin letters such as ø, ł and ß
    as their base letters; letters of other scripts are kept, so names in two different scripts
    (or two different names in one) are never taken for one another."""
    out = []
    for char in unicodedata.normalize("NFKD", text.casefold()):
        if unicodedata.combining(char) or not char.isalnum():
            continue
        if not char.isascii() and unicodedata.name(char, "").startswith("LATIN"):
            char = transliterate(char)
        out.append(char)
    return "".join(out)


@dataclass(frozen=True)
class NameForm:
    """One written name, parsed: folded family name and, per given name, initial and full form."""

    text: str
    family: str
    given: tuple[tuple[str, str | None], ...]  # (initial, folded full name or None if an initial)

    @classmethod
    def parse(cls, text: str) -> "NameForm":
        return _parse(text)

    @classmethod
    def _read(cls, text: str) -> "NameForm":
        whole = whole_name(text)
        if whole is not None:  # an organisation is never merged with a person of that family name
            return cls(text, "{" + _fold(whole) + "}", ())
        parts = [p.strip() for p in text.split(",")]
        family = parts[0]
        given_text = parts[-1] if len(parts) > 1 else ""
        given = []
        for token in re.split(r"[\s\-‐]+|(?<=\.)(?=\w)", given_text):
            letters = re.sub(r"[^\w]", "", token)
            if not letters:
                continue
            initial = _fold(letters[0])
            full = _fold(letters) if len(letters) > 1 and not token.endswith(".") else None
            given.append((initial, full))
        return cls(text, _fold(family), tuple(given))

    @property
    def key(self) -> tuple[str, tuple[tuple[str, str | None], ...]]:
        """What two spellings of one form share: 'Gómez, A.' and 'GOMEZ, A' have one key."""
        return (self.family, self.given)

    def fits(self, other: "NameForm") -> bool:
        """Whether the two forms could name one person: same family, and the given names agree
        as far as both go, an initial fitting any full name with that initial."""
        if self.family != other.family:
            return False
        for (initial, full), (other_initial, other_full) in zip(self.given, other.given):
            if initial != other_initial or (full and other_full and full != other_full):
                return False
        return True

    def agrees(self, other: "NameForm") -> bool:
        """Whether the forms may be merged unasked: they fit, and wherever one writes a given
        name in full the other writes the same name in full."""
        if self.family != other.family:
            return False
        for (initial, full), (other_initial, other_full) in zip(self.given, other.given):
            if initial != other_initial or full != other_full:
                return False
        return True

    def refined_by(self, other: "NameForm") -> bool:
        """Whether `other` could be this form's person written more precisely: it fits, and it
        writes in full a given name this form gives as an initial, or writes more given names."""
        if not self.fits(other):
            return False
        if any(full is None and other_full for (_, full), (_, other_full) in zip(self.given, other.given)):
            return True
        return len(other.given) > len(self.given) and all(
            full is None or full == other_full for (_, full), (_, other_full) in zip(self.given, other.given)
        )

    @property
    def detail(self) -> tuple[int, int, int]:
        """How much the form tells: given names, of them written in full, accented letters."""
        accented = sum(1 for c in unicodedata.normalize("NFC", self.text) if not c.isascii())
        return (len(self.given), sum(1 for _, full in self.given if full), accented)


@lru_cache(maxsize=1 << 16)
def family_key(text: str) -> str:
    """The folded family name of a written name, as NameForm.family: 'Gómez, A.' -> 'gomez'."""
    whole = whole_name(text)
    return "{" + _fold(whole) + "}" if whole is not None else _fold(text.split(",", 1)[0].strip())


@lru_cache(maxsize=1 << 18)
def _parse(text: str) -> NameForm:
    # A collection writes each name many times; parsing (accent folding above all) is the cost.
    return NameForm._read(text)


# --- the registry ----------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ExternalIds(_Strict):
    """Identifiers other services give the person; only as a source states them."""

    dblp: Optional[str] = Field(None, pattern=r"^[0-9]+/[0-9A-Za-z\-]+$|^[a-z]/[^\s/]+$", description="dblp person id, as in dblp.org/pid/<id>.html")
    orcid: Optional[str] = Field(None, pattern=r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$", description="ORCID iD, e.g. 0000-0002-1825-0097")


class PersonEntry(_Strict):
    id: str = Field(pattern=PERSON_ID, description="The person's id: the author page's address; family name first, e.g. li-yuanzhi")
    name: str = Field(min_length=1, description="The name as published, with given names: 'Family, Given'")
    variants: list[str] = Field(default_factory=list, description="Other forms sources write, e.g. 'Li, Y.'")
    ids: ExternalIds = Field(default_factory=ExternalIds)
    source: str = Field(min_length=1, description="Where the name (and the ids) come from")


class _PeopleFile(_Strict):
    people: list[PersonEntry] = []


@dataclass(frozen=True)
class Registry:
    """The people of people.yaml, and which registry people each written form names."""

    entries: dict[str, PersonEntry] = field(default_factory=dict)
    declared: dict[tuple, tuple[str, ...]] = field(default_factory=dict)  # NameForm.key -> person ids

    @classmethod
    def load(cls, root: Path) -> "Registry":
        """people.yaml under `root`, or an empty registry when there is none; raise DataError
        listing every problem in the file."""
        path = root / PEOPLE_FILE
        if not path.is_file():
            return cls()
        problems: list[Problem] = []
        found = read_model(path, _PeopleFile, problems)
        if found is None:
            raise DataError(problems)
        document, data = found
        entries: dict[str, PersonEntry] = {}
        declared: dict[tuple, list[str]] = defaultdict(list)
        for p, entry in enumerate(data.people):
            if entry.id in entries:
                problems.append(document.problem(("people", p, "id"), f"person id '{entry.id}' is used twice"))
                continue
            entries[entry.id] = entry
            for v, form in enumerate((entry.name, *entry.variants)):
                where = ("people", p, "name") if v == 0 else ("people", p, "variants", v - 1)
                problem = _form_problem(form)
                if problem:
                    problems.append(document.problem(where, f"{'name' if v == 0 else 'variant'} '{form}' {problem}"))
                    continue
                key = NameForm.parse(form).key
                if entry.id not in declared[key]:
                    declared[key].append(entry.id)
        if problems:
            raise DataError(problems)
        return cls(entries, {k: tuple(ids) for k, ids in declared.items()})

    def ids_of(self, form: str) -> tuple[str, ...]:
        """The registry people whose name or variants include `form`."""
        return self.declared.get(NameForm.parse(form).key, ()) if self.declared else ()


def _form_problem(form: str) -> str | None:
    parts = [p.strip() for p in form.split(",")]
    if len(parts) == 1:
        return "is not of the form 'Family, Given' (in a [bracketed] list commas split names: write one name per line)"
    if len(parts) > 3 or not all(parts):
        return "is not of the form 'Family, Given'"
    return None


# --- who each author is ----------------------------------------------------------------------


class _Record(Protocol):
    """What attribution needs of a record (a Paper, or a fingerprint of one)."""

    id: str
    authors: tuple[str, ...] | list[str]


@dataclass(frozen=True)
class Identity:
    """One person: a registry person, or people the records alone tell apart."""

    key: str  # the registry id, or '~' and the name shown for a person known from records only
    name: str  # the name shown: the registry's, else the fullest written form
    forms: tuple[str, ...]  # every written form attributed to the person, sorted
    entry: PersonEntry | None = None


@dataclass
class Attribution:
    identities: dict[str, Identity]  # key -> identity
    author: dict[tuple[str, int], str]  # (record id, author position) -> identity key
    ambiguous: dict[tuple[str, int], tuple[str, ...]]  # (record id, position) -> identity keys it may be
    unknown_ids: list[tuple[str, str, str]] = field(default_factory=list)  # (record id, author, id)


def attribute(records: Iterable[_Record], registry: Registry, families: set[str] | None = None) -> Attribution:
    """Who each author of `records` is, by the rules of this module's docstring.

    With `families` (folded family names), only authors of those families are considered: who
    an author is depends on the forms of that family alone, so `check` of a few records needs
    no more.
    """
    records = list(records)
    author: dict[tuple[str, int], str] = {}
    written: dict[str, set[str]] = defaultdict(set)  # identity key -> forms written for it
    undeclared: dict[str, list[tuple[str, int]]] = defaultdict(list)  # form -> its places
    unknown: list[tuple[str, str, str]] = []
    for record in records:
        explicit = getattr(record, "author_ids", None) or {}
        for i, name in enumerate(record.authors):
            if families is not None and family_key(name) not in families:
                continue
            chosen = explicit.get(name)
            if chosen is not None and chosen not in registry.entries:
                unknown.append((record.id, name, chosen))
                chosen = None
            if chosen is None:
                declared = registry.ids_of(name)
                chosen = declared[0] if len(declared) == 1 else None
            if chosen is None:
                undeclared[name].append((record.id, i))
            else:
                author[(record.id, i)] = chosen
                written[chosen].add(name)
    identities = {pid: Identity(pid, registry.entries[pid].name, (), registry.entries[pid]) for pid in registry.entries}
    for group, person in group_undeclared(list(undeclared), registry):
        if person is None:
            # The fullest form names the person; among equals the most used, then the first in order.
            name = group[0] if len(group) == 1 else max(group, key=lambda f: (NameForm.parse(f).detail, len(undeclared[f]), [-ord(c) for c in f]))
            person = "~" + name
            identities[person] = Identity(person, name, ())
        for form in group:
            written[person].add(form)
            for place in undeclared[form]:
                author[place] = person
    identities = {
        key: Identity(key, identity.name, tuple(sorted(written[key])), identity.entry)
        for key, identity in identities.items()
        if written.get(key)
    }
    ambiguous = _ambiguous(undeclared, author, identities, registry)
    return Attribution(dict(sorted(identities.items())), author, ambiguous, unknown)


def group_undeclared(forms: list[str], registry: Registry) -> list[tuple[list[str], str | None]]:
    """The undeclared forms grouped into people: each group sorted, with the registry person it
    joins (or None)."""
    parsed = sorted({NameForm.parse(f) for f in forms}, key=lambda f: f.text)
    by_family: dict[str, list[NameForm]] = defaultdict(list)
    for form in parsed:
        by_family[form.family].append(form)
    registered: dict[str, list[tuple[str, NameForm]]] = defaultdict(list)  # family -> (person, form)
    for pid, entry in registry.entries.items():
        for text in (entry.name, *entry.variants):
            form = NameForm.parse(text)
            if registry.declared.get(form.key) == (pid,):
                registered[form.family].append((pid, form))
    groups: list[tuple[list[str], str | None]] = []
    for family, family_forms in by_family.items():
        people = sorted({pid for pid, _ in registered.get(family, [])})
        forms_of = {pid: [f for p, f in registered[family] if p == pid] for pid in people}
        # Forms agree only if their first initials do, so each initial is searched on its own,
        # unless a form gives no given name at all (it fits every form of the family).
        buckets: dict[str, list[NameForm | str]] = defaultdict(list)
        if any(not f.given for f in family_forms) or any(not f.given for _, f in registered.get(family, [])):
            buckets[""] = [*family_forms, *people]
        else:
            for form in family_forms:
                buckets[form.given[0][0]].append(form)
            for pid in people:
                for initial in sorted({f.given[0][0] for f in forms_of[pid]}):
                    buckets[initial].append(pid)

        def agree(a: NameForm | str, b: NameForm | str) -> bool:
            if isinstance(a, str) and isinstance(b, str):
                return False  # two registry people are never one
            if isinstance(a, str):
                a, b = b, a
            if isinstance(b, str):
                return any(a.agrees(f) for f in forms_of[b])  # type: ignore[union-attr]
            return a.agrees(b)  # type: ignore[union-attr]

        components = [c for bucket in buckets.values() for c in _components(bucket, agree)]
        for component in components:
            texts = sorted(n.text for n in component if isinstance(n, NameForm))
            if not texts:
                continue
            joined = [n for n in component if isinstance(n, str)]
            if all(agree(a, b) for a, b in combinations(component, 2)):
                groups.append((texts, joined[0] if joined else None))
            else:
                groups.extend(([t], None) for t in texts)
    return sorted(groups)


def _components(nodes: list, linked) -> list[list]:
    """Connected components of the `linked` relation (a plain search: nodes of one family and
    initial)."""
    seen: set[int] = set()
    components = []
    for start in range(len(nodes)):
        if start in seen:
            continue
        stack, component = [start], []
        seen.add(start)
        while stack:
            i = stack.pop()
            component.append(nodes[i])
            for j in range(len(nodes)):
                if j not in seen and linked(nodes[i], nodes[j]):
                    seen.add(j)
                    stack.append(j)
        components.append(component)
    return components


def _ambiguous(
    undeclared: dict[str, list[tuple[str, int]]],
    author: dict[tuple[str, int], str],
    identities: dict[str, Identity],
    registry: Registry,
) -> dict[tuple[str, int], tuple[str, ...]]:
    """Places whose written form could be another person written more precisely, or that
    names two registry people alike."""
    # A form can be refined only by forms of its family with its first initial (or, if it has
    # no given name, by any form of its family), so forms are looked up by both.
    by_initial: dict[tuple[str, str], list[tuple[str, NameForm]]] = defaultdict(list)
    by_family: dict[str, list[tuple[str, NameForm]]] = defaultdict(list)
    known = {key: set(identity.forms) for key, identity in identities.items()}
    for pid, entry in registry.entries.items():  # registry people count even before any record names them
        known.setdefault(pid, set()).update((entry.name, *entry.variants))
    for key, texts in known.items():
        for text in sorted(texts):
            form = NameForm.parse(text)
            by_family[form.family].append((key, form))
            if form.given:
                by_initial[(form.family, form.given[0][0])].append((key, form))
    found: dict[tuple[str, int], tuple[str, ...]] = {}
    for text, places in undeclared.items():
        form = NameForm.parse(text)
        own = author[places[0]]  # an undeclared form belongs to one person wherever it is written
        others = by_initial[(form.family, form.given[0][0])] if form.given else by_family[form.family]
        candidates = {key for key, other in others if key != own and form.refined_by(other)}
        candidates |= set(registry.ids_of(text))
        # One more precise form is no ambiguity to report (its page stays apart, unattributed);
        # two people it may be, or a registry person, are.
        if len(candidates) >= 2 or candidates & set(registry.entries):
            for place in places:
                found[place] = tuple(sorted(candidates))
    return found


def attribution_problems(records: Iterable, attribution: Attribution, registry: Registry) -> list[Problem]:
    """Errors for `author_ids` that name no author or no registry person; a warning for each
    ambiguous author (a note: a source must settle it)."""
    found: list[Problem] = []
    by_id = {r.id: r for r in records}
    for record_id, name, person in attribution.unknown_ids:
        record = by_id[record_id]
        hint = did_you_mean(person, list(registry.entries))
        found.append(record.problem(("author_ids", name), f"author_ids: '{person}' is not a person in {PEOPLE_FILE}{hint}"))
    for record in by_id.values():
        for name in getattr(record, "author_ids", None) or {}:
            if name not in record.authors:
                found.append(record.problem(("author_ids", name), f"author_ids: '{name}' is not one of the record's authors"))
    for (record_id, i), keys in sorted(attribution.ambiguous.items()):
        record = by_id[record_id]
        name = record.authors[i]
        people = "; ".join(_describe(k, attribution, registry) for k in keys)
        count = "one of 2 people" if len(keys) == 2 else f"one of {len(keys)} people" if len(keys) > 2 else "another person"
        found.append(record.problem(
            ("authors", i),
            f"author '{name}' may be {count}: {people}; write the given names as the paper gives them, "
            f"or name the person under author_ids",
            severity="note",
        ))
    return found


def _describe(key: str, attribution: Attribution, registry: Registry) -> str:
    if key in registry.entries:
        return f"{registry.entries[key].name} ({key} in {PEOPLE_FILE})"
    return f"{attribution.identities[key].name} (as records write it)"
