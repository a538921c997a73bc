"""Writing files so that nothing the user owns is lost, whatever interrupts the command.

Every file the tools write (records, exports, reports, the schema) goes through `write_atomic`:
the data is written to a hidden temporary file in the same folder, flushed to disk, and renamed
over the target, so a reader (or the next command, after a `kill -9`) sees the file either as
it was or complete, never cut. Folders the tools rebuild whole (the site, its generated pages)
go through `replace_folder`: the new tree is written beside the old one and renamed into place,
and only a folder that an earlier build marked as its own is ever replaced.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from sitegen.document import display_path
from sitegen.errors import UsageError, cannot_write

# Left in every folder `replace_folder` writes: what is there may be replaced by the next build.
MARKER = ".sitegen-output"
_MARKER_TEXT = "This folder is written by sitegen; every build replaces all of it.\n"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: str | bytes, replace: bool = True, shown: str | None = None) -> None:
    """Write `data` (text is written as UTF-8) to `path`, which is never seen half-written.

    With `replace=False` an existing file is never replaced, not even one that appears while
    writing: FileExistsError is raised and nothing is changed. `shown` names the file in a
    message (e.g. `-o out.bib`); by default its path.
    """
    write_all([(path, data)], replace=replace, shown=shown)


def write_all(files: list[tuple[Path, str | bytes]], replace: bool = True, shown: str | None = None) -> None:
    """`write_atomic` for many files, with one flush to disk for all of them.

    Every file is written to its temporary file first, the data is flushed to disk once, and
    only then is each renamed into place, in order; a FileExistsError (with `replace=False`)
    stops at that file, leaving the ones before it written and the rest untouched.
    """
    temporaries: list[tuple[Path, str]] = []
    batch = len(files) > 1 and hasattr(os, "sync")  # os.sync is POSIX; elsewhere each file is flushed
    current = files[0][0] if files else Path(".")  # the file being written, for a message
    try:
        for current, data in files:
            path = current
            temporaries.append((path, _temporary(path, data.encode("utf-8") if isinstance(data, str) else data, sync=not batch)))
        if batch:
            os.sync()  # one flush for all: fsync per file costs a disk round trip each
        while temporaries:
            (path, temporary), current = temporaries[0], temporaries[0][0]
            if replace:
                os.replace(temporary, path)
            else:
                # A hard link fails if the name exists, so the check and the write are one step.
                os.link(temporary, path)
                os.unlink(temporary)
            temporaries.pop(0)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, "the file exists", str(current)) from None
    except OSError as exc:
        raise cannot_write(shown or display_path(current), exc) from None
    finally:
        for _, temporary in temporaries:
            try:
                os.unlink(temporary)
            except FileNotFoundError:
                pass


def _temporary(path: Path, raw: bytes, sync: bool) -> str:
    """A hidden file beside `path` holding `raw`, flushed, with the permissions `path` has (or a new file would get)."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    try:
        mode = path.stat().st_mode & 0o7777  # a replaced file keeps its permissions
    except FileNotFoundError:
        mode = 0o666 & ~_umask()  # what open() would have given a new file
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(raw)
            out.flush()
            if sync:
                os.fsync(out.fileno())
        os.chmod(temporary, mode)
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary


def check_output_folder(folder: Path, shown: str, option: str) -> None:
    """Refuse to replace `folder` unless it is ours: absent, empty, or marked by an earlier build.

    `shown` is how messages name it; `option` is the command-line option that chooses another.
    """
    if folder.is_symlink():
        raise UsageError(
            f"{shown}: is a symbolic link; a build replaces its output folder and never follows a link "
            f"to replace what it points to. Nothing was deleted. Remove the link, or choose another folder with {option}"
        )
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{shown}: is a file, not a folder; nothing was deleted. Choose another folder with {option}")
    if folder.is_dir() and not (folder / MARKER).is_file() and any(folder.iterdir()):
        raise UsageError(
            f"{shown}: folder is not empty and was not written by sitegen (it has no {MARKER} file), so a build "
            f"will not replace it. Nothing was deleted. Move what it holds elsewhere (or delete the folder yourself "
            f"if it is an old build), or choose another folder with {option}"
        )


def replace_folder(folder: Path, shown: str, option: str, fill: Callable[[Path], None]) -> None:
    """Replace `folder` with what `fill` writes into an empty folder, marked as ours.

    The new tree is written into a hidden folder beside `folder` and renamed into place, so an
    interrupted build leaves the old tree whole. `folder` is checked with `check_output_folder`
    before anything is written and again just before the old tree is removed.
    """
    check_output_folder(folder, shown, option)
    folder.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".new", dir=folder.parent))
    os.chmod(new, 0o777 & ~_umask())  # mkdtemp's 0700 would hide the site from a web server
    try:
        fill(new)
        (new / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
        check_output_folder(folder, shown, option)
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=folder.parent))
            os.replace(folder, old / folder.name)  # a rename moves a folder, never what a link points to
            os.replace(new, folder)
            shutil.rmtree(old)
        else:
            os.replace(new, folder)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
