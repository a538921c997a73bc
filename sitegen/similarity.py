"""How alike two records are: one score from their identifiers, titles, authors and years, with its reasons.

A pair of records gets a score around 100 when they are one work written twice and well below
when they are different works. The parts, each stated in the reason a user reads:

- titles: how alike the folded titles are (rapidfuzz), taking the best of each record's title
  forms (its title, its alt_titles, and a title without a leading acronym: 'MGD: Matching Guided
  Distillation' is also 'Matching Guided Distillation'), averaged with the share of the words
  that carry meaning which both titles have. Words that nearly every title in this field has
  ('knowledge', 'distillation', 'network', ...) count for little, so 'Relational Knowledge
  Distillation' and 'Residual Knowledge Distillation' are far apart;
- the first author: the same person (also with the name written the other way round) raises
  the score, the first author of one listed elsewhere in the other lowers nothing, a different
  person lowers it; it never decides alone;
- the year: one year apart (a preprint and its proceedings) costs a little, more costs more;
- identifiers: the same arXiv id or DOI makes one work, unless the titles have nothing in
  common (a list that linked the wrong paper), which leaves a doubt instead; two different
  arXiv ids lower the score.

The thresholds and weights below were set on the labelled pairs in tests/data/dedupe/pairs.yaml,
and tests/test_dedupe_pairs.py measures precision and recall on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, Protocol, Sequence

from rapidfuzz import fuzz

from sitegen.fold import fold, title_key

SAME_WORK = 95.0  # at or above: one work (import merges it, add refuses it)
PROBABLE = 85.0  # at or above: a probable duplicate (check warns, import reports it)

Verdict = Literal["same", "probable"]

# Words that say nothing about which work a title names: English function words, left out, and
# the words nearly every title in this field has, which count a quarter of other words. Folded
# as titles are, since they are compared with folded words.
_FUNCTION_WORDS = frozenset(fold(w) for w in
    """a an the and or but nor for of on in at to by with from as via into onto over under about
    after before between through toward towards upon within without is are be do does can how what
    when where which who why this that these those it its we our you your their using based""".split()
)
_FIELD_WORDS = frozenset(fold(w) for w in
    """knowledge distillation distilling distill distilled distiller learning learn network networks
    neural deep model models student students teacher teachers training train transfer efficient
    compression compressing""".split()
)
_FIELD_WEIGHT = 0.25
_TYPO_SIMILARITY = 80.0  # two words this alike are one word mistyped or inflected ('connection(s)')


class Comparable(Protocol):
    """What duplicate detection reads of a record: a `Paper`, or a `Fingerprint` of one."""

    id: str
    title: str
    alt_titles: Sequence[str]
    authors: Sequence[str]
    year: int
    arxiv: str | None
    doi: str | None


@dataclass(frozen=True)
class Person:
    family: str
    last: str  # the last word of the family name: 'oord' in 'van den Oord'
    given: tuple[str, ...]  # folded given names or initials

    @classmethod
    def of(cls, author: str) -> "Person":
        family, _, given = author.partition(",")
        words = fold(family).split()
        return cls("".join(words), words[-1] if words else "", tuple(fold(given.replace(".", " ")).split()))

    def same_as(self, other: "Person") -> bool:
        """The same person as far as the names show: same family name (with or without particles
        such as 'van den') and first initial, or the family and given names swapped by one source
        ('Shu, Changyong' and 'Changyong, Shu')."""
        if self.family and (self.family == other.family or self.family == other.last or self.last == other.family):
            return not self.given or not other.given or self.given[0][0] == other.given[0][0]
        if not self.given or not other.given:  # one word only ('Miles et al.'): a family or a given name
            lone, full = (self, other) if not self.given else (other, self)
            return lone.family in full.given
        swapped = self.family in other.given and other.family in self.given
        initial = bool(self.given) and self.family in other.given and other.family[:1] == self.given[0][:1]
        return swapped or initial or (bool(other.given) and other.family in self.given and self.family[:1] == other.given[0][:1])


class Profile:
    """The parts of one record that comparisons use, computed once."""

    def __init__(self, record: Comparable):
        self.record = record
        self.forms = _title_forms(record)

    @cached_property
    def words(self) -> list[tuple[str, ...]]:
        return [tuple(w for w in form.split() if w not in _FUNCTION_WORDS) for form in self.forms]

    @cached_property
    def blocks(self) -> set[str]:
        return block_words(self)

    @cached_property
    def name_words(self) -> frozenset[str]:
        """Every folded word of every author's name: two records whose first authors share no
        word with the other's names cannot have one first author, however the names are written."""
        return frozenset(w for a in self.record.authors for w in _name_words(a))

    @cached_property
    def first_words(self) -> frozenset[str]:
        return frozenset(_name_words(self.record.authors[0])) if self.record.authors else frozenset()

    @cached_property
    def first(self) -> Person | None:
        return Person.of(self.record.authors[0]) if self.record.authors else None

    @cached_property
    def people(self) -> list[Person]:
        return [Person.of(a) for a in self.record.authors]


def _title_forms(record: Comparable) -> list[str]:
    forms: list[str] = []
    for title in (record.title, *record.alt_titles):
        for form in (title_key(title), _without_acronym(title)):
            if form and form not in forms:
                forms.append(form)
    return forms


def _without_acronym(title: str) -> str | None:
    """'MGD: Matching Guided Distillation' as 'matching guided distillation': the head before a
    colon is dropped when it is one or two words whose letters the rest spells in order."""
    head, sep, rest = title.partition(":")
    if not sep:
        return None
    head_key, rest_key = title_key(head), title_key(rest)
    if not rest_key or len(head_key.split()) > 2 or len(rest_key.split()) < 2:
        return None
    letters = iter(rest_key.replace(" ", ""))
    head_letters = [c for c in head_key if c.isalpha()]
    if head_letters and head_letters[0] == rest_key[0] and all(c in letters for c in head_letters):
        return rest_key
    return None


def _weight(word: str) -> float:
    return _FIELD_WEIGHT if word in _FIELD_WORDS else 1.0


def _same_word(a: str, b: str) -> bool:
    """One word mistyped or inflected ('connection', 'connections'); never two versions ('v2')."""
    return fuzz.ratio(a, b, score_cutoff=_TYPO_SIMILARITY) > 0 and re.sub(r"\D", "", a) == re.sub(r"\D", "", b)


def _shared_words(own: tuple[str, ...], other: tuple[str, ...]) -> list[bool]:
    """For each word of `own`, whether `other` has it: as it is, mistyped or inflected, or glued
    to a neighbour in one of the two titles ('born again' and 'bornagain')."""
    other_set = set(other)
    glued_other = {x + y for x, y in zip(other, other[1:])} | {x + y + z for x, y, z in zip(other, other[1:], other[2:])}
    found = [w in other_set or w in glued_other for w in own]
    for i, (x, y) in enumerate(zip(own, own[1:])):
        if x + y in other_set:
            found[i] = found[i + 1] = True
    for i, word in enumerate(own):
        if not found[i]:
            found[i] = any(_same_word(word, o) for o in other_set)
    return found


def _shared_share(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """The weighted share of the meaningful words that both titles have (a Dice coefficient)."""
    if not a or not b:
        return 0.0
    total = sum(map(_weight, a)) + sum(map(_weight, b))
    common = sum(_weight(w) for w, shared in zip(a, _shared_words(a, b)) if shared)
    common += sum(_weight(w) for w, shared in zip(b, _shared_words(b, a)) if shared)
    return common / total


@dataclass(frozen=True)
class Evidence:
    """A scored pair: the score, its verdict, and what a user reads as the reason."""

    score: float
    verdict: Verdict | None
    reason: str
    field: str  # where in the record the deciding evidence is


def title_similarity(a: Profile, b: Profile) -> tuple[float, str, str]:
    """The best similarity of any title form of `a` with any of `b` (0-100), and those two forms."""
    best = (-1.0, "", "")
    for i, form_a in enumerate(a.forms):
        for j, form_b in enumerate(b.forms):
            characters = fuzz.ratio(form_a, form_b)
            if form_a.replace(" ", "") == form_b.replace(" ", ""):
                characters = 100.0
            score = (characters + 100 * _shared_share(a.words[i], b.words[j])) / 2
            if score > best[0]:
                best = (score, form_a, form_b)
    return best


def _characters(a: Profile, b: Profile) -> float:
    """The best character similarity of any two title forms: an upper bound of the title score."""
    best = 0.0
    for form_a in a.forms:
        for form_b in b.forms:
            if form_a.replace(" ", "") == form_b.replace(" ", ""):
                return 100.0
            best = max(best, fuzz.ratio(form_a, form_b))
    return best


def _year_change(ra: Comparable, rb: Comparable) -> float:
    gap = abs(ra.year - rb.year)
    return 0.0 if gap == 0 else -3.0 if gap == 1 else -5.0 - 3.0 * min(gap, 10)


APART = Evidence(0.0, None, "", "title")


def compare(a: Profile, b: Profile, collision: bool = False) -> Evidence:
    """How likely `a` and `b` are one work, and why."""
    ra, rb = a.record, b.record
    shared_id = any(x and y and x.lower() == y.lower() for x, y in ((ra.arxiv, rb.arxiv), (ra.doi, rb.doi)))
    if not shared_id:
        # Cheap bounds first: even titles sharing every word could not make a probable duplicate.
        best = (_characters(a, b) + 100.0) / 2 + _year_change(ra, rb)
        if best + _BEST_AUTHORS < PROBABLE:
            return APART
        if best + _LISTED_AUTHORS < PROBABLE and not (a.first and b.first and a.first.same_as(b.first)):
            return APART
    author_change, author_reason = _authors(a, b)
    if not shared_id and best + author_change < PROBABLE:
        return APART
    titles, _, _ = title_similarity(a, b)
    reasons: list[str] = []
    score = titles
    field = "title"
    same_title = titles >= 100.0
    reasons.append("same title" if same_title else f"titles {int(titles)}% alike")
    score += author_change
    if author_reason:
        reasons.append(author_reason)
    score += _year_change(ra, rb)
    if ra.year != rb.year:
        reasons.append(f"years {min(ra.year, rb.year)} and {max(ra.year, rb.year)}")
    else:
        reasons.append(f"same year ({ra.year})")
    if collision:
        reasons.insert(0, "ids collide")
    for name, label in (("arxiv", "arXiv id"), ("doi", "DOI")):
        va, vb = getattr(ra, name), getattr(rb, name)
        if va and vb and va.lower() == vb.lower():
            va = va.lower() if name == "doi" else va
            if titles >= 40.0 or author_change > 0:
                return Evidence(max(score, 100.0), "same", f"same {label} {va}", name)
            # A shared identifier but nothing else in common: one source linked the wrong paper.
            return Evidence(PROBABLE, "probable", f"same {label} {va}, but {', '.join(reasons)}: one source may give the wrong {label}", name)
    if ra.arxiv and rb.arxiv and ra.arxiv != rb.arxiv:
        score -= 10.0
        reasons.append(f"different arXiv ids ({ra.arxiv}, {rb.arxiv})")
    verdict: Verdict | None = "same" if score >= SAME_WORK else "probable" if score >= PROBABLE else None
    return Evidence(score, verdict, ", ".join(reasons), field)


_BEST_AUTHORS = 10.0  # the most that authors add to a score
# Below this character similarity two titles can never score a probable duplicate, whatever the
# words they share and the authors: (CANDIDATE_FLOOR + 100) / 2 + _BEST_AUTHORS == PROBABLE.
CANDIDATE_FLOOR = 2 * (PROBABLE - _BEST_AUTHORS) - 100.0
_LISTED_AUTHORS = 2.0  # what they add when the first author of one is listed later in the other
_OTHER_AUTHORS = -10.0  # what other first authors take away


def _name_words(author: str) -> list[str]:
    """A name's words without initials (initials alone never make two names one person)."""
    return [w for w in fold(author.replace(",", " ").replace(".", " ")).split() if len(w) > 1]


def might_match(a: Profile, b: Profile, characters: float) -> bool:
    """Whether a pair whose titles are `characters` alike (rapidfuzz ratio) could reach a probable
    duplicate: a cheap bound, so that most candidate pairs are never scored in full."""
    if a.first_words & b.name_words or b.first_words & a.name_words:
        authors = _BEST_AUTHORS
    else:
        authors = 0.0 if not a.record.authors or not b.record.authors else _OTHER_AUTHORS
    return (characters + 100.0) / 2 + authors + _year_change(a.record, b.record) >= PROBABLE


def _authors(a: Profile, b: Profile) -> tuple[float, str]:
    if not a.people or not b.people:
        return 0.0, ""
    first_a, first_b = a.people[0], b.people[0]
    if first_a.same_as(first_b):
        rest_a, rest_b = a.people[1:], b.people[1:]
        if rest_a and rest_b and not any(x.same_as(y) for x in rest_a for y in rest_b):
            return 2.0, "same first author, other co-authors"
        return 10.0, "same first author"
    if any(first_a.same_as(p) for p in b.people[1:]) or any(first_b.same_as(p) for p in a.people[1:]):
        return _LISTED_AUTHORS, "the same authors in another order"
    return _OTHER_AUTHORS, "other first authors"


_STEM = 6  # words compared by their first letters in blocking: 'connection' and 'connections' meet


def block_words(profile: Profile) -> set[str]:
    """Blocking keys from the titles: each pair of neighbouring meaningful words (by their stems),
    or the words themselves for a title of one or two words. Two titles of one work share most
    of these pairs, however their words were spelled or inflected."""
    keys: set[str] = set()
    for words in profile.words:
        stems = [w[:_STEM] for w in words if len(w) >= 3]
        if len(stems) <= 2:
            keys.update(stems)
        keys.update(f"{x} {y}" for x, y in zip(stems, stems[1:]))
    return keys


COLLISION_SUFFIX = re.compile(r"-(?:[2-9]|[1-9][0-9]+)$")
