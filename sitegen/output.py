"""Where commands write their results: standard output, or the file given with -o.

A path that cannot be written, a full disk or a closed pipe is an ordinary failure with a
one-line message, never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sitegen.errors import SitegenError, cannot_write


def to_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise  # the reader went away (`| head`): not worth a message
    except OSError as exc:
        raise _stdout_failed(exc) from None


def flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _stdout_failed(exc) from None


def to_file(path: Path, text: str, option: str = "-o") -> None:
    """Write `text` to `path` (its folder made if needed); `option` names it in messages."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise cannot_write(f"{option} {path}", exc) from None


def _stdout_failed(exc: OSError) -> SitegenError:
    silence_stdout()
    return SitegenError(f"cannot write to standard output: {(exc.strerror or str(exc)).lower()}")


def silence_stdout() -> None:
    """Point standard output at /dev/null, so that the flush at exit does not fail once more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (a test's capture): nothing is flushed at exit
        pass
