"""Reading a built site back: its links and the resources its pages load."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

BASE = "http://site.invalid/"  # stands for the site's root while links are resolved


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "link" and values.get("rel") == "canonical":
            return  # names the page's own public address; nothing is fetched from it
        for name in ("href", "src"):
            value = values.get(name)
            if value is not None:
                self.links.append((tag, value))


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_url(site: Path, html_file: Path) -> str:
    relative = html_file.relative_to(site).as_posix()
    if relative.endswith("index.html"):
        relative = relative[: -len("index.html")]
    return BASE + relative


def target_file(site: Path, url: str) -> Path | None:
    """The file a same-site URL serves, or None if it serves nothing."""
    path = unquote(urlsplit(url).path)[len(urlsplit(BASE).path):]
    candidate = site / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def broken_links(site: Path) -> list[str]:
    """Every link or resource of every page that leads to no file, or to a missing #anchor."""
    broken = []
    ids: dict[Path, set[str]] = {}
    pages = sorted(site.rglob("*.html"))
    parsed = {p: parse(p) for p in pages}
    for page, links in parsed.items():
        ids[page] = links.ids
    for page, links in parsed.items():
        here = page_url(site, page)
        for tag, link in links.links:
            url = urljoin(here, link)
            if not url.startswith(BASE):
                continue
            target = target_file(site, url)
            where = f"{page.relative_to(site)}: {tag} {link}"
            if target is None:
                broken.append(f"{where} leads nowhere")
                continue
            fragment = urlsplit(url).fragment
            if fragment and target in ids and unquote(fragment) not in ids[target] and fragment != "__codelineno":
                broken.append(f"{where}: no element with id '{fragment}'")
    return broken


def external_resources(site: Path) -> list[str]:
    """Resources (not plain links) that pages load from another host."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for tag, link in parse(page).links:
            if tag == "a":
                continue
            url = urljoin(page_url(site, page), link)
            if not url.startswith(BASE) and urlsplit(url).scheme in ("http", "https", ""):
                found.append(f"{page.relative_to(site)}: {tag} {link}")
    return found


def crawl(start: list[str], inside: str) -> tuple[set[str], list[str]]:
    """Follow every link and resource from `start` over HTTP, staying inside the address
    `inside`; return the pages reached and every problem: a same-host link outside `inside`,
    one that answers other than 200, or a #fragment with no element of that id."""
    import urllib.error
    import urllib.request
    from urllib.parse import urldefrag

    host = urlsplit(inside).netloc
    pages: dict[str, _Links] = {}
    answers: dict[str, int] = {}
    problems: list[str] = []
    queue = list(start)
    wanted: list[tuple[str, str, str]] = []  # (page, link as written, resolved URL)

    def fetch(url: str) -> int:
        if url not in answers:
            try:
                with urllib.request.urlopen(url) as response:
                    answers[url] = response.status
                    if "text/html" in response.headers.get("Content-Type", ""):
                        parser = _Links()
                        parser.feed(response.read().decode("utf-8"))
                        pages[url] = parser
                        queue.extend(_resolved(url, parser))
            except urllib.error.HTTPError as error:
                answers[url] = error.code
        return answers[url]

    def _resolved(page: str, parser: _Links) -> list[str]:
        found = []
        for tag, link in parser.links:
            url = urljoin(page, link)
            if urlsplit(url).netloc != host or urlsplit(url).scheme not in ("http", "https"):
                continue
            wanted.append((page, f"{tag} {link}", url))
            found.append(urldefrag(url).url)
        return found

    while queue:
        url = queue.pop()
        if not url.startswith(inside):
            continue
        fetch(url)
    for page, link, url in wanted:
        target = urldefrag(url).url
        if not url.startswith(inside):
            problems.append(f"{page}: {link} leaves {inside}")
        elif fetch(target) != 200:
            problems.append(f"{page}: {link} answers {answers[target]}")
        else:
            fragment = urlsplit(url).fragment
            if fragment and target in pages and unquote(fragment) not in pages[target].ids and fragment != "__codelineno":
                problems.append(f"{page}: {link}: no element with id '{fragment}'")
    return {u for u in pages if answers.get(u) == 200}, sorted(set(problems))
