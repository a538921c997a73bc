"""Problems found in the data, and the one exception family that carries them.

Every message to a user starts with ``path:line:column:``. A run gathers all problems, reports
them together, then stops once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = field(default="error", compare=False)

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the pull request's line."""
        message = _escape_github(self.message)
        path = _escape_github(self.path, property_value=True)
        return f"::{self.severity} file={path},line={self.line},col={self.column}::{message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def _escape_github(text: str, property_value: bool = False) -> str:
    # The escapes GitHub documents for workflow commands.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


class SitegenError(Exception):
    """Base of every error this package raises for a user to read."""


class UsageError(SitegenError):
    """The command was called wrongly (exit code 2)."""


class DataError(SitegenError):
    """The data has problems (exit code 1); carries all of them."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        errors = sum(p.is_error for p in self.problems)
        super().__init__(f"{errors} error(s) found")


class NetworkError(SitegenError):
    """A web service could not be reached or answered badly (exit code 1)."""


def count_summary(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    files = len({p.path for p in problems})
    return (
        f"{errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''} "
        f"in {files} file{'s' if files != 1 else ''}"
    )
