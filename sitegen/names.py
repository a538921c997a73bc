"""Author names as records write them: 'Family, Given', 'Family, Suffix, Given', or one name kept
whole in braces.

Braces are BibTeX's own way to say that a name is one unit: `{OpenAI}`, `{Ernst and Young}`,
`{Google, Inc.}` are organisations (or single names) that no one may split at a comma or at
"and", and that have no given name to abbreviate. Records, the site, BibTeX and CSL-JSON all
keep such a name as the one name it is.
"""

from __future__ import annotations


def whole_name(author: str) -> str | None:
    """The name inside the braces of a name kept whole ('{OpenAI}' -> 'OpenAI'), else None."""
    name = author.strip()
    if len(name) > 2 and name[0] == "{" and name[-1] == "}" and "{" not in name[1:-1] and "}" not in name[1:-1]:
        return name[1:-1]
    return None
