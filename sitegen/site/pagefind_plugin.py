"""The `kd-pagefind` MkDocs plugin: builds the site search's index once the site is built.

`sitegen build` writes a search document per paper, person, topic and venue into the docs
folder (`_search/`, see sitegen/site/search.py); MkDocs leaves that folder out of the site
(`exclude_docs` in mkdocs.yml). This plugin adds the rendered pages listed under `pages` (the
curation guide and the like, so a reader can find them too, below the papers), runs Pagefind
on the folder and writes the index to `pagefind/` in the site. Being a plugin, it runs in
`mkdocs build` as much as in `sitegen build`, so both give the same site.

Pagefind writes its own ready-made search interfaces too; the site has its own
(docs/assets/search.js), so those files are removed rather than published unused.

Last, it writes the kinds file (`search/kinds.json`): Pagefind's ids of the documents that are
entries (topics, venues) or site pages, read from the page fragments Pagefind wrote,
so the search script tells them from papers without asking Pagefind for more than the query.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import time
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.pages import Page

from sitegen.site import urls
from sitegen.site.search import DOCUMENTS, KINDS, document_path

OUTPUT = "pagefind"
# The theme's article element, marked as the part of a page that is indexed, as a site page.
ARTICLE = '<article class="md-content__inner md-typeset">'
INDEXED_ARTICLE = '<article class="md-content__inner md-typeset" data-pagefind-body>'
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # what a fragment starts with once ungzipped (Pagefind's own reader checks it)
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)

log = get_plugin_logger(__name__)


class PagefindConfig(Config):
    pages = config_options.ListOfItems(config_options.Type(str), default=[])


def pagefind_executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise PluginError("kd-pagefind: the pagefind binary is not installed (pip install 'pagefind[bin]', or pip install -e .)") from None
    return Path(get_executable())


def run_pagefind(documents: Path, output: Path) -> None:
    """Index the documents under `documents` into `output`, replacing what was there."""
    command = [
        str(pagefind_executable()),
        "--site", str(documents),
        "--output-path", str(output),
        "--force-language", "en",
        "--exclude-selectors", "[data-search-exclude]",  # the pages' own marks for what search should skip
        "--exclude-selectors", ".headerlink",  # the ¶ beside each heading
        "--silent",
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise PluginError(f"kd-pagefind: pagefind failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)


def document_kinds(output: Path, pages: list[str]) -> bytes:
    """The kinds file: Pagefind's ids of the entries and of the site `pages`, each list sorted.

    Every other document is a paper's. Pagefind names each page's fragment file by the page's
    id, and the fragment (gzipped JSON after a signature) holds the page's address.
    """
    kinds: dict[str, list[str]] = {"entry": [], "page": []}
    pages_at = {"/" + url for url in pages}
    for path in sorted((output / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(FRAGMENT_SIGNATURE):
            raise PluginError(f"kd-pagefind: {path}: not a Pagefind fragment (has Pagefind changed its format?)")
        address = json.loads(data[len(FRAGMENT_SIGNATURE):])["url"]
        if address.startswith("/" + urls.PAPERS):
            continue
        kinds["page" if address in pages_at else "entry"].append(path.stem)
    return (json.dumps(kinds, separators=(",", ":")) + "\n").encode("utf-8")


class PagefindPlugin(BasePlugin[PagefindConfig]):
    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.rendered: dict[str, str] = {}

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if page.url in self.config.pages:
            if output.count(ARTICLE) != 1:
                raise PluginError(f"kd-pagefind: {page.file.src_uri}: no single '{ARTICLE}' to index (has the theme changed?)")
            self.rendered[page.url] = output.replace(ARTICLE, INDEXED_ARTICLE)
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        documents = Path(config.docs_dir) / DOCUMENTS
        missing = sorted(set(self.config.pages) - set(self.rendered))
        if missing:
            raise PluginError(f"kd-pagefind: pages to index are not in the site: {', '.join(missing)}")
        for url, html in sorted(self.rendered.items()):
            path = Path(config.docs_dir) / document_path(url)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
        start = time.perf_counter()
        output = Path(config.site_dir) / OUTPUT
        run_pagefind(documents, output)
        kinds = Path(config.site_dir) / KINDS
        kinds.parent.mkdir(parents=True, exist_ok=True)
        kinds.write_bytes(document_kinds(output, self.config.pages))
        log.info(f"search index built in {time.perf_counter() - start:.1f} s")
