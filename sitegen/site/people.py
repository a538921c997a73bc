"""Author pages: one per person, as sitegen/people.py tells who each author of a record is
(the people registry, `author_ids` in records, and the conservative grouping of written names).

A person's page address is the registry id for a registry person; for a person known from the
records alone, the family name and initials of the fullest written form ('hinton-g-e'), with
-2, -3 … where two people would share one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from sitegen.keys import transliterate
from sitegen.model import Paper
from sitegen.names import whole_name
from sitegen.people import Attribution, NameForm, PersonEntry, Registry, group_undeclared, attribute

__all__ = ["NameForm", "Person", "People", "display_name", "group_forms", "people", "people_of", "slug_for"]


@dataclass(frozen=True)
class Person:
    """One author page: the name shown, every form written, and the papers (ids, sorted)."""

    slug: str
    name: str
    forms: tuple[str, ...]
    papers: tuple[str, ...]
    entry: PersonEntry | None = None  # the registry's entry, for a registry person
    may_be: tuple[tuple[str, str | None], ...] = ()  # for an ambiguous form: (name, slug or None) of whom it may be

    @property
    def family(self) -> str:
        return whole_name(self.name) or self.name.split(",", 1)[0].strip()

    @property
    def given(self) -> str:
        return self.name.split(",", 1)[1].strip() if "," in self.name and whole_name(self.name) is None else ""

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return (transliterate(self.family), transliterate(self.given), self.slug)


def group_forms(forms: Iterable[str]) -> list[list[str]]:
    """Written names grouped into people by the records alone (no registry); each group sorted."""
    return sorted(group for group, _ in group_undeclared(sorted(set(forms)), Registry()))


def display_name(name: str) -> str:
    """'Hinton, G. E.' -> 'G. E. Hinton'; 'King, Jr., M. L.' -> 'M. L. King Jr.'; '{OpenAI}' -> 'OpenAI'."""
    whole = whole_name(name)
    if whole is not None:
        return whole
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return f"{parts[1]} {parts[0]}"
    return f"{parts[2]} {parts[0]} {parts[1]}"


MAX_SLUG_FAMILY = 60


def slug_for(name: str) -> str:
    """'Hinton, G. E.' -> 'hinton-g-e', 'Li, Yuanzhi' -> 'li-yuanzhi': the family name, then each
    given name as written (in full, or its initial); ASCII, lower case.

    Names in other scripts are romanized ('张, 伟' -> 'zhang-w'), so every slug says whose page
    it is; a name with no letter or digit at all is 'author'.
    """
    form = NameForm.parse(name)
    family = "-".join(re.findall(r"[a-z0-9]+", transliterate(whole_name(name) or name.split(",", 1)[0])))
    family = family[:MAX_SLUG_FAMILY].strip("-") or "author"  # a slug is a folder name: keep it short
    given = []
    for initial, full in form.given[:8]:
        letters = "".join(re.findall(r"[a-z0-9]", transliterate(full or initial)))
        if letters:
            given.append(letters[:MAX_SLUG_FAMILY] if full else letters[0])
    return "-".join([family, *given])


@dataclass(frozen=True)
class People:
    persons: list[Person]  # sorted by family and given name
    author: dict[tuple[str, int], Person]  # (paper id, author position) -> the person


def people_of(papers: Iterable[Paper], registry: Registry | None = None, attribution: Attribution | None = None) -> People:
    """Every person who wrote one of `papers`, and who each author is."""
    papers = list(papers)
    registry = registry or Registry()
    attribution = attribution or attribute(papers, registry)
    papers_of: dict[str, set[str]] = {}
    for (paper_id, _), key in attribution.author.items():
        papers_of.setdefault(key, set()).add(paper_id)
    slugs: dict[str, str] = {key: key for key in attribution.identities if key in registry.entries}
    taken = set(slugs.values()) | set(registry.entries)
    others = sorted((k for k in attribution.identities if k not in slugs), key=lambda k: (transliterate(attribution.identities[k].name), attribution.identities[k].name))
    for key in others:
        slug = base = slug_for(attribution.identities[key].name)
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        slugs[key] = slug
    may_be: dict[str, set[str]] = {}
    for (paper_id, i), keys in attribution.ambiguous.items():
        may_be.setdefault(attribution.author[(paper_id, i)], set()).update(keys)

    def candidate(key: str) -> tuple[str, str | None]:
        name = registry.entries[key].name if key in registry.entries else attribution.identities[key].name
        return (name, slugs.get(key))

    persons = {
        key: Person(
            slugs[key], identity.name, identity.forms, tuple(sorted(papers_of.get(key, ()))), identity.entry,
            tuple(sorted(candidate(k) for k in may_be.get(key, ()))),
        )
        for key, identity in attribution.identities.items()
    }
    author = {place: persons[key] for place, key in attribution.author.items()}
    return People(sorted(persons.values(), key=lambda p: p.sort_key), author)


def people(papers: Iterable[Paper], registry: Registry | None = None) -> list[Person]:
    """Every person who wrote one of `papers`, sorted by family and given name."""
    return people_of(papers, registry).persons
