"""Run the MkDocs build (strict) on the generated docs folder, in this process.

The same mkdocs.yml serves `mkdocs build --strict` run by hand after `sitegen build --no-mkdocs`;
here its docs_dir and site_dir are overridden, so any collection folder can be built with the
project's configuration; repo_url and site_url are given only when they are known.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import Iterator

from sitegen.errors import SitegenError


class MkDocsError(SitegenError):
    """MkDocs refused the configuration or, in strict mode, warned."""


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Set environment variables that are not set yet, for the duration of the build."""
    added = [k for k in values if k not in os.environ]
    for key in added:
        os.environ[key] = values[key]
    try:
        yield
    finally:
        for key in added:
            os.environ.pop(key, None)


@contextlib.contextmanager
def _log_to_stderr(verbose: bool) -> Iterator[None]:
    """Show MkDocs' warnings (and, if verbose, its progress) as its own command line would."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
    handler.setLevel(logging.INFO if verbose else logging.WARNING)
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
        logger.propagate = True


def run_mkdocs(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    repo_url: str | None,
    source_date_epoch: int,
    verbose: bool = False,
    site_url: str | None = None,
    **overrides: object,
) -> None:
    """Build `docs_dir` into `site_dir` with `config_file`, failing on any warning.

    `overrides` replace settings of the configuration (the site benchmark builds the theme's
    own search this way, to measure it beside the site's).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    # SOURCE_DATE_EPOCH fixes the sitemap's dates, so two builds give the same bytes.
    with _environment(SOURCE_DATE_EPOCH=str(source_date_epoch), NO_MKDOCS_2_WARNING="1"), _log_to_stderr(verbose):
        try:
            config = load_config(
                str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True, repo_url=repo_url,
                site_url=site_url, **overrides,
            )
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as exc:
            raise MkDocsError(f"{config_file}: mkdocs build --strict failed: {exc}") from None
