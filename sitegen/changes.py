"""Which records a branch adds or changes, for `check --changed --base REF`.

The branch's changes are those since it left REF (their merge-base), as `git diff` sees the
working tree: committed, staged, unstaged, and new files not yet added. Deleted records are
gone and have nothing to check. A change to the taxonomy or to a registry (venues, benchmarks,
architectures, protected words) can break any record, so it selects them all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from sitegen.document import display_path
from sitegen.errors import UsageError
from sitegen.load import PAPERS_DIR
from sitegen.benchmarks import ARCHITECTURES_FILE, BENCHMARKS_FILE
from sitegen.taxonomy import TAXONOMY_FILE, VENUES_FILE
from sitegen.titles import PROTECTED_WORDS_FILE

_VOCABULARIES = (TAXONOMY_FILE, VENUES_FILE, BENCHMARKS_FILE, ARCHITECTURES_FILE, PROTECTED_WORDS_FILE)


def _git(root: Path, *args: str) -> str:
    """git's output; file names that are not UTF-8 keep their bytes (as os.fsdecode does)."""
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, check=True)
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr.decode("utf-8", "replace").strip().splitlines() or ["git failed"])[0]
        raise UsageError(f"--changed: git {args[0]} failed: {detail}") from None
    return os.fsdecode(done.stdout)


def changed_records(root: Path, base: str) -> set[str]:
    """Display paths (as `check` prints them, e.g. papers/x.yaml) of the records changed since `base`."""
    if shutil.which("git") is None:
        raise UsageError("--changed needs git, which is not installed")
    if subprocess.run(["git", "rev-parse", "--git-dir"], cwd=root, capture_output=True).returncode != 0:
        raise UsageError(f"--changed: {display_path(root)} is not in a git repository")
    known = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], cwd=root, capture_output=True)
    if known.returncode != 0:
        remote, _, branch = base.partition("/")
        fetch = f"git fetch {remote} {branch}" if branch else "git fetch"
        raise UsageError(f"--base {base}: no such commit or branch here; fetch it first ({fetch}) or give another --base")
    merge_base = _git(root, "merge-base", base, "HEAD").strip()
    watched = (PAPERS_DIR, *_VOCABULARIES)
    names = _git(root, "diff", "--name-only", "--relative", "--diff-filter=ACMRT", "-z", merge_base, "--", *watched)
    names += _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", *watched)
    changed = {name for name in names.split("\0") if name}
    if changed & set(_VOCABULARIES):
        folder = root / PAPERS_DIR
        changed |= {f"{PAPERS_DIR}/{p.name}" for p in folder.iterdir()} if folder.is_dir() else set()
    return {display_path(root / name) for name in changed if name.startswith(f"{PAPERS_DIR}/")}
