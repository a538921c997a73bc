"""Where commands write their results: standard output, or the file given with -o.

A path that cannot be written, a full disk or a closed pipe is an ordinary failure with a
one-line message, never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sitegen.errors import SitegenError, cannot_write
from sitegen.files import write_atomic


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
    """Write `text` to `path` (its folder made if needed), atomically; `option` names it in messages.

    A device or a pipe (`-o /dev/stdout`) is written in place: renaming a file over it would
    replace the device node, not write to it.
    """
    what = f"{option} {path}"
    try:
        if path.exists() and not path.is_file() and not path.is_dir():
            with open(path, "w", encoding="utf-8") as out:
                out.write(text)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(what, exc) from None
    write_atomic(path, text, shown=what)


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
