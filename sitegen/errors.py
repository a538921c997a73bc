"""Problems found in the data, and the one exception family that carries them.

Every message to a user starts with ``path:line:column:``. A run gathers all problems, reports
them together, then stops once.
"""

from __future__ import annotations

import errno
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Literal

# error: the data is wrong (exit 1); warning: probably wrong, `--strict` fails on it; note: a
# question the data leaves open that a source must settle (an author name that may be one of two
# people), listed for curators and never failing a run.
Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = field(default="error", compare=False)
    hidden: int = field(default=0, compare=False)  # > 0: this problem counts that many not shown

    def __lt__(self, other: "Problem") -> bool:
        return self.sort_key < other.sort_key

    @property
    def sort_key(self) -> tuple[str, int, int, bool, str]:
        """File, position, message; a count of problems not shown comes last at its position."""
        return (self.path, self.line, self.column, self.hidden > 0, self.message)

    def format(self) -> str:
        """One line of text output; whatever a record put in the path or message cannot break it."""
        return f"{printable(self.path)}:{self.line}:{self.column}: {self.severity}: {printable(self.message)}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the pull request's line."""
        message = _escape_github(printable(self.message, keep="\r\n"))
        path = _escape_github(printable(self.path, keep="\r\n"), property_value=True)
        command = "notice" if self.severity == "note" else self.severity
        return f"::{command} file={path},line={self.line},col={self.column}::{message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def is_note(self) -> bool:
        return self.severity == "note"


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_HIDDEN = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))


def printable(text: str, keep: str = "") -> str:
    """`text` safe to echo on one line of a terminal or CI log.

    Text from a record or a file name could otherwise end the line and forge another message
    (or a `::error` workflow command), move the cursor, or reorder what is shown (bidi controls).
    Control, format and separator characters become escapes: \\n, \\x1b, \\u202e; a byte that
    is not UTF-8 in a file name (kept by Python as a lone surrogate) shows as \\xff.
    """
    if text.isascii() and text.isprintable():
        return text
    out = []
    for char in text:
        if char in keep or (char.isprintable() or unicodedata.category(char) not in _HIDDEN):
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif 0xDC80 <= ord(char) <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
            out.append(f"\\x{ord(char) - 0xDC00:02x}")
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return "".join(out)


def _escape_github(text: str, property_value: bool = False) -> str:
    # The escapes GitHub documents for workflow commands.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


class SitegenError(Exception):
    """Base of every error this package raises for a user to read.

    Its message is printed on one line, escaped (see `printable`), unless it was made with
    `lines=True`: then only its own line breaks are kept (for help text this package writes).
    """

    def __init__(self, message: str = "", *, lines: bool = False):
        super().__init__(message)
        self.lines = lines

    def shown(self) -> str:
        if self.lines:
            return "\n".join(printable(line) for line in str(self).split("\n"))
        return printable(str(self))


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


MAX_PROBLEMS_PER_FILE = 100  # a file with more has one mistake repeated, or is not a record


def cap_per_file(problems: Iterable[Problem], more: dict[str, int] | None = None) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_FILE problems of each file, in order, and one that counts the rest.

    A small hostile file can hold thousands of mistakes; reporting each would make a run slow
    (each is located in the file) and the output useless. `more` counts errors a stage found
    past the cap without locating them.
    """
    shown: list[Problem] = []
    hidden: dict[str, list[Problem]] = {}
    count: dict[str, int] = {}
    more = dict(more or {})
    problems = list(problems)
    for summary in (p for p in problems if p.hidden):  # a count made by an earlier stage
        more[summary.path] = more.get(summary.path, 0) + summary.hidden
    for problem in sorted(p for p in problems if not p.hidden):
        count[problem.path] = count.get(problem.path, 0) + 1
        if count[problem.path] <= MAX_PROBLEMS_PER_FILE:
            shown.append(problem)
        else:
            hidden.setdefault(problem.path, []).append(problem)
    extra = {path: n for path, n in more.items() if n}
    for path in sorted(set(hidden) | set(extra)):
        rest = hidden.get(path, [])
        severity = "error" if extra.get(path) or any(p.is_error for p in rest) else "warning"
        last = max((p for p in shown if p.path == path), key=lambda p: p.sort_key, default=Problem(path, 1, 1, ""))
        total = len(rest) + extra.get(path, 0)
        message = f"{total:,} more problems in this file are not shown (at most {MAX_PROBLEMS_PER_FILE} are reported per file)"
        shown.append(Problem(path, last.line, last.column, message, severity, hidden=total))  # type: ignore[arg-type]
    return sorted(shown)


def count_summary(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    errors = sum(p.is_error for p in problems)
    notes = sum(p.is_note for p in problems)
    warnings = len(problems) - errors - notes
    files = len({p.path for p in problems if not p.is_note})
    noted = f"; {notes} note{'s' if notes != 1 else ''}" if notes else ""
    return (
        f"{errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''} "
        f"in {files} file{'s' if files != 1 else ''}{noted}"
    )


# Errors that say the path itself is wrong (a folder, a missing folder, no permission): the
# command was called wrongly. Anything else (a full disk, an I/O error) fails the run.
_PATH_ERRORS = (IsADirectoryError, NotADirectoryError, FileNotFoundError, PermissionError, FileExistsError)


def cannot_write(what: str, exc: OSError) -> SitegenError:
    """The one-line error for an output that could not be written, e.g. `-o /: is a folder`."""
    reason = "is a folder" if isinstance(exc, IsADirectoryError) else (exc.strerror or str(exc)).lower()
    if isinstance(exc, _PATH_ERRORS) or exc.errno in (errno.ENAMETOOLONG, errno.EROFS, errno.EINVAL):
        return UsageError(f"{what}: cannot write there: {reason}")
    return SitegenError(f"{what}: writing failed: {reason}")
