"""The title rule's mechanical part: the registry of protected words, and what a title breaks.

docs/curation.md asks for the title as the version of record prints it. What a program can
check is narrower: no title in capitals throughout, and no word of the registry
(protected-words.yaml) written in lower case, as a source or a reference style may have left
it. The same registry tells the BibTeX export which words to brace.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from sitegen.document import read_yaml
from sitegen.errors import DataError, Problem
from sitegen.messages import problems_from

PROTECTED_WORDS_FILE = "protected-words.yaml"
_WORD = re.compile(r"[^\W_]+")


class _WordsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    acronyms: list[str] = []
    names: list[str] = []

    @field_validator("acronyms", "names")
    @classmethod
    def _one_capitalised_word_each(cls, words: list[str]) -> list[str]:
        for word in words:
            if not _WORD.fullmatch(word):
                raise ValueError(f"'{word}' is not one word (letters and digits only)")
            if word == word.lower():
                raise ValueError(f"'{word}' has no capital to protect")
        return words


def load_protected_words(root: Path, problems: list[Problem]) -> frozenset[str]:
    """The registry under `root` (empty when the collection has none); problems go to `problems`."""
    path = root / PROTECTED_WORDS_FILE
    if not path.is_file():
        return frozenset()
    try:
        doc = read_yaml(path)
    except DataError as exc:
        problems.extend(exc.problems)
        return frozenset()
    try:
        registry = _WordsFile.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, doc, _WordsFile))
        return frozenset()
    seen: dict[str, tuple[str, int]] = {}
    for group in ("acronyms", "names"):
        for i, word in enumerate(getattr(registry, group)):
            if word.lower() in seen and seen[word.lower()] != (group, i):
                problems.append(doc.problem((group, i), f"'{word}' is listed twice (as written or in another case)"))
            seen.setdefault(word.lower(), (group, i))
    return frozenset(registry.acronyms + registry.names)


def words(title: str) -> list[str]:
    """The words of a title, parts of hyphenated words apart ('CNN-based' gives CNN and based)."""
    return _WORD.findall(title)


def title_problems(title: str, protected: frozenset[str]) -> list[str]:
    """What the title breaks of the mechanical rules, one sentence each."""
    found = []
    lettered = [w for w in words(title) if any(c.isalpha() for c in w)]
    if len(lettered) >= 3 and title == title.upper():
        found.append("the title is in capitals throughout; write it as the version of record prints it (docs/curation.md, Titles)")
    lowered = {word.lower(): word for word in protected}
    for word in dict.fromkeys(lettered):
        if word in lowered and word != lowered[word]:
            found.append(f"'{word}' is written in lower case; the registry of protected words ({PROTECTED_WORDS_FILE}) writes it '{lowered[word]}'")
    return found
