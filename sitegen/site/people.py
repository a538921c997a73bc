"""People behind the author names: which written names are one person, for the author pages.

Records write each author as the source did, so one person may appear as 'Hinton, G.',
'Hinton, G. E.' and 'Hinton, Geoffrey E.', or with and without accents ('Gómez' and 'Gomez').
The rule that merges them is deliberately conservative, because merging two people is worse
than showing one person on two pages:

1. Two names can be one person only if their family names are equal once case and accents
   are ignored ('Müller' = 'Muller', but not 'Mueller').
2. Their given names must agree as far as both go: the initials of the shorter form are the
   first initials of the longer ('G.' fits 'G. E.'; 'E.' does not), and where both write a
   given name in full, the full names are equal ('Xin' and 'Xiao' are two people, though both
   are 'X.').
3. Names are merged only when the merge is unambiguous: all the names of a family that are
   linked by rule 2 form one group only if every two of them fit each other. 'Wang, X.' fits
   both 'Wang, X. Y.' and 'Wang, X. Z.', which do not fit each other, so it could be either
   person: all three keep pages of their own.

Names written identically are one page: the records give no way to tell such people apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Iterable

from sitegen.keys import transliterate
from sitegen.model import Paper
from sitegen.names import whole_name


@dataclass(frozen=True)
class NameForm:
    """One written name, parsed: folded family name and, per given name, initial and full form."""

    text: str
    family: str
    given: tuple[tuple[str, str | None], ...]  # (initial, folded full name or None if an initial)

    @classmethod
    def parse(cls, text: str) -> "NameForm":
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

    def fits(self, other: "NameForm") -> bool:
        """Whether the two forms can name one person (rules 1 and 2)."""
        if self.family != other.family:
            return False
        for (initial, full), (other_initial, other_full) in zip(self.given, other.given):
            if initial != other_initial or (full and other_full and full != other_full):
                return False
        return True

    @property
    def detail(self) -> tuple[int, int, int]:
        """How much the form tells: given names, of them written in full, accented letters."""
        accented = sum(1 for c in unicodedata.normalize("NFC", self.text) if not c.isascii())
        return (len(self.given), sum(1 for _, full in self.given if full), accented)


def _fold(text: str) -> str:
    """A name as rule 1 compares it: without case or accents, Latin letters such as ø, ł and ß
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
class Person:
    """One author page: the name shown, every form written, and the papers (ids, sorted)."""

    slug: str
    name: str
    forms: tuple[str, ...]
    papers: tuple[str, ...]

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
    """The written names, grouped into people by the rules above; each group sorted."""
    parsed = sorted({NameForm.parse(f) for f in forms}, key=lambda f: f.text)
    by_family: dict[str, list[NameForm]] = defaultdict(list)
    for form in parsed:
        by_family[form.family].append(form)
    groups: list[list[str]] = []
    for family_forms in by_family.values():
        for component in _linked(family_forms):
            if all(a.fits(b) for a, b in combinations(component, 2)):
                groups.append(sorted(f.text for f in component))
            else:
                groups.extend([f.text] for f in component)
    return sorted(groups)


def _linked(forms: list[NameForm]) -> list[list[NameForm]]:
    """Connected components of the 'fits' relation among forms of one family.

    Forms fit only if their first initials agree, so each initial is searched on its own,
    unless a form gives no given name at all (it fits every form of the family).
    """
    if any(not f.given for f in forms):
        buckets = [forms]
    else:
        by_initial: dict[str, list[NameForm]] = defaultdict(list)
        for form in forms:
            by_initial[form.given[0][0]].append(form)
        buckets = list(by_initial.values())
    components = []
    for bucket in buckets:
        seen: set[int] = set()
        for start in range(len(bucket)):
            if start in seen:
                continue
            stack, component = [start], []
            seen.add(start)
            while stack:
                i = stack.pop()
                component.append(bucket[i])
                for j in range(len(bucket)):
                    if j not in seen and bucket[i].fits(bucket[j]):
                        seen.add(j)
                        stack.append(j)
            components.append(component)
    return components


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
    """'Hinton, Geoffrey E.' -> 'hinton-g-e': family name and initials, ASCII, lower case.

    Names in other scripts are romanized ('张, 伟' -> 'zhang-w'), so every slug says whose page
    it is; a name with no letter or digit at all is 'author'.
    """
    form = NameForm.parse(name)
    family = "-".join(re.findall(r"[a-z0-9]+", transliterate(whole_name(name) or name.split(",", 1)[0])))
    family = family[:MAX_SLUG_FAMILY].strip("-") or "author"  # a slug is a folder name: keep it short
    romanized = (re.findall(r"[a-z0-9]", transliterate(full or initial)) for initial, full in form.given)
    initials = [letters[0] for letters in romanized if letters][:8]
    return "-".join([family, *initials])


def people(papers: Iterable[Paper]) -> list[Person]:
    """Every person who wrote one of `papers`, sorted by family and given name."""
    papers_of: dict[str, set[str]] = defaultdict(set)
    uses: Counter[str] = Counter()
    for paper in papers:
        for author in paper.authors:
            papers_of[author].add(paper.id)
            uses[author] += 1
    persons = []
    taken: set[str] = set()
    groups = group_forms(papers_of)
    # The fullest form names the person; among equals the most used, then the first in order.
    named = [(max(g, key=lambda f: (NameForm.parse(f).detail, uses[f], [-ord(c) for c in f])), g) for g in groups]
    for name, group in sorted(named, key=lambda ng: (transliterate(ng[0]), ng[0])):
        slug = base = slug_for(name)
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        ids = sorted(set().union(*(papers_of[f] for f in group)))
        persons.append(Person(slug, name, tuple(group), tuple(ids)))
    return sorted(persons, key=lambda p: p.sort_key)
