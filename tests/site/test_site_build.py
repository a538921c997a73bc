"""The built site, read back as files: pages, counts, links, downloads, determinism, refusals."""

from __future__ import annotations

import filecmp
import html
import json
import re
import shutil
from pathlib import Path

import bibtexparser
import markupsafe
import pytest

from sitegen.cli import main
from sitegen.errors import DataError, SitegenError
from sitegen.export.bibtex import to_bibtex
from sitegen.site import urls
from sitegen.site.build import PROJECT, build_site

from tests.site.conftest import BuiltSite, make_tiny_collection
from tests.site.sitecheck import broken_links, external_resources


def page(site: BuiltSite, path: str) -> str:
    return (site.site / path / "index.html").read_text(encoding="utf-8")


def under(site: BuiltSite, node: str) -> set[str]:
    """Ids of papers labelled with `node` or one of its sub-nodes, computed from the records."""
    taxonomy = site.collection.taxonomy
    wanted = {node, *taxonomy.descendants(node)}
    return {p.id for p in site.collection.papers if wanted & set(p.all_labels)}


@pytest.fixture(params=["tiny", "real"])
def any_site(request: pytest.FixtureRequest) -> BuiltSite:
    return request.getfixturevalue(f"{request.param}_site")


def test_home_counts_come_from_the_data(any_site: BuiltSite) -> None:
    home = page(any_site, "")
    papers = any_site.collection.papers
    core = sum(p.scope == "core" for p in papers)
    assert f"<strong>{len(papers):,}</strong> records" in home
    assert f"<strong>{core:,}</strong> on distillation" in home
    assert f"<strong>{len(papers) - core:,}</strong> related works" in home
    for node in any_site.collection.taxonomy.top_nodes("knowledge"):
        link = f'href="{urls.node(node)}">'
        count = len(under(any_site, node))
        assert re.search(re.escape(link) + r"[^<]*</a> <span class=\"kd-count\"[^>]*>" + f"{count:,}</span>", home), node


def test_every_paper_has_a_page_with_its_bibtex(any_site: BuiltSite) -> None:
    taxonomy = any_site.collection.taxonomy
    for paper in any_site.collection.papers:
        text = page(any_site, urls.paper(paper.id))
        assert f'<h1 id="title">{html.escape(paper.title, quote=False)}</h1>' in text.replace("&#34;", '"').replace("&#39;", "'")
        bibtex = to_bibtex([paper], taxonomy).rstrip("\n")
        assert f"<code>{html.escape(bibtex, quote=False)}</code>" in text.replace("&#34;", '"').replace("&#39;", "'")


def test_node_pages_list_their_papers_by_year(any_site: BuiltSite) -> None:
    for node in any_site.collection.taxonomy.nodes:
        text = page(any_site, urls.node(node))
        listed = set(re.findall(r'<li id="([a-z0-9-]+)"><a class="kd-title"', text))
        assert listed == under(any_site, node), node
        years = [int(y) for y in re.findall(r'<h2 id="y(\d{4})"', text)]
        assert years == sorted(years, reverse=True)


def test_internal_links_resolve(any_site: BuiltSite) -> None:
    assert broken_links(any_site.site) == []


def test_no_resource_from_another_host(any_site: BuiltSite) -> None:
    assert external_resources(any_site.site) == []
    for css_or_js in [*any_site.site.rglob("*.css"), *any_site.site.rglob("*.js")]:
        text = css_or_js.read_text(encoding="utf-8", errors="replace")
        assert "fonts.googleapis.com" not in text or "font" in css_or_js.name, css_or_js


def test_downloads_hold_the_right_records(any_site: BuiltSite) -> None:
    ids = {p.id for p in any_site.collection.papers}
    whole = bibtexparser.parse_string((any_site.site / urls.BIBTEX_ALL).read_text(encoding="utf-8"))
    assert {e.key for e in whole.entries} == ids
    assert not whole.failed_blocks
    csl = json.loads((any_site.site / urls.CSL_ALL).read_text(encoding="utf-8"))
    assert {item["id"] for item in csl} == ids
    records = json.loads((any_site.site / urls.JSON_ALL).read_text(encoding="utf-8"))
    assert {r["id"] for r in records} == ids
    for node in any_site.collection.taxonomy.nodes:
        part = bibtexparser.parse_string((any_site.site / urls.node_bibtex(node)).read_text(encoding="utf-8"))
        assert {e.key for e in part.entries} == under(any_site, node), node


def test_whole_bib_is_what_export_writes(any_site: BuiltSite) -> None:
    expected = to_bibtex(any_site.collection.papers, any_site.collection.taxonomy)
    assert (any_site.site / urls.BIBTEX_ALL).read_text(encoding="utf-8") == expected


def test_explore_data_has_every_paper(any_site: BuiltSite) -> None:
    data = json.loads((any_site.site / urls.EXPLORE_DATA).read_text(encoding="utf-8"))
    assert [row[0] for row in data["papers"]] == [p.id for p in any_site.collection.papers]
    assert [axis["id"] for axis in data["axes"]] == list(any_site.collection.taxonomy.axis_ids)


def test_search_index_is_built_from_a_document_per_paper(any_site: BuiltSite) -> None:
    """Search (Pagefind) indexes one document per paper, topic and venue, and four hand-picked
    site pages; not the pages of the site themselves, nor people (they have files of their own)."""
    documents = any_site.docs / "_search"
    for paper in any_site.collection.papers:
        text = (documents / urls.paper(paper.id) / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{markupsafe.escape(paper.title)}</h1>" in text  # as the template escapes it
        if paper.short_name:
            assert f'<p data-pagefind-weight="10">{html.escape(paper.short_name)}</p>' in text
    venues = {p.venue for p in any_site.collection.papers if p.venue}
    expected = (
        len(any_site.collection.papers) + len(any_site.collection.taxonomy.nodes) + len(venues) + 4
    )
    entry = json.loads((any_site.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == expected
    assert (any_site.site / "pagefind" / "pagefind.js").is_file()
    assert not (any_site.site / "pagefind" / "pagefind-ui.js").exists()  # the site has its own search box
    assert not (any_site.site / "_search").exists()  # the documents are not published
    assert not (any_site.site / "search" / "search_index.json").exists()  # nor the theme's lunr index


def test_name_variants_share_an_author_page(tiny_site: BuiltSite) -> None:
    text = page(tiny_site, urls.author("hinton-g-e"))
    hinton = {p.id for p in tiny_site.collection.papers if any(a.startswith("Hinton, G") for a in p.authors)}
    assert len(hinton) >= 2
    assert set(re.findall(r'<li id="([a-z0-9-]+)">', text)) == hinton
    assert not (tiny_site.site / urls.author("hinton-g")).exists()


def test_hostile_record_shows_as_typed(tiny_site: BuiltSite) -> None:
    text = page(tiny_site, urls.paper("hostile2020script"))
    assert "<script>alert" not in text and "<img src=x" not in text and "<svg onload" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% if true %}jinja{% endif %} **bold** [link](https://example.org)" in text
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert 'href="https://example.org/?a=1&amp;b=&#34;2&#34;&#39;&gt;&lt;script&gt;alert(4)&lt;/script&gt;"' in text
    for other in ("", urls.EXPLORE, urls.node("response-based"), urls.year(2020), urls.author("hostile-i")):
        assert "<script>alert" not in page(tiny_site, other), other


def test_retired_id_points_to_the_record(tiny_site: BuiltSite) -> None:
    text = page(tiny_site, urls.paper("hostile2020old"))
    assert 'href="../hostile2020script/"' in text


def test_two_builds_are_identical(tiny_site: BuiltSite, tmp_path: Path) -> None:
    again = build_site(tiny_site.root, site_dir=tmp_path / "site", docs_dir=tmp_path / "docs")
    assert again.site_dir is not None
    comparison = filecmp.dircmp(tiny_site.site, again.site_dir)
    assert _differences(comparison) == []
    # A build replaces its own earlier output whole: a page no longer generated disappears.
    (again.site_dir / "stale.html").write_text("from an older build")
    third = build_site(tiny_site.root, site_dir=tmp_path / "site", docs_dir=tmp_path / "docs")
    assert not (tmp_path / "site" / "stale.html").exists()
    assert _differences(filecmp.dircmp(tiny_site.site, third.site_dir)) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "site"]  # no temporary folder left


def test_build_never_deletes_what_a_site_link_points_to(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # mkdir /tmp/precious; echo x > /tmp/precious/thesis.tex; ln -s /tmp/precious site; sitegen build
    root = make_tiny_collection(tmp_path / "collection")
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.tex").write_text("x\n")
    (root / "site").symlink_to(precious, target_is_directory=True)
    monkeypatch.chdir(root)
    assert main(["build"]) == 2
    assert capsys.readouterr().err == (
        f"sitegen build: {root}/site: is a symbolic link; a build replaces its output folder and never follows a link "
        "to replace what it points to. Nothing was deleted. Remove the link, or choose another folder with --site-dir\n"
    )
    assert (precious / "thesis.tex").read_text() == "x\n"
    assert (root / "site").is_symlink() and not (root / "build").exists()


def test_build_never_replaces_a_folder_it_did_not_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A mistyped `--site-dir ~/Documents`.
    root = make_tiny_collection(tmp_path / "collection")
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "thesis.tex").write_text("x\n")
    assert main(["--root", str(root), "build", "--site-dir", str(documents)]) == 2
    assert capsys.readouterr().err == (
        f"sitegen build: {documents}: folder is not empty and was not written by sitegen (it has no .sitegen-output "
        "file), so a build will not replace it. Nothing was deleted. Move what it holds elsewhere (or delete the "
        "folder yourself if it is an old build), or choose another folder with --site-dir\n"
    )
    assert sorted(p.name for p in documents.iterdir()) == ["thesis.tex"]


def _differences(comparison: filecmp.dircmp) -> list[str]:
    out = [*comparison.left_only, *comparison.right_only, *comparison.funny_files]
    _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files, shallow=False)
    out += mismatch + errors
    for sub in comparison.subdirs.values():
        out += _differences(sub)
    return out


def test_build_refuses_records_with_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tiny_collection(tmp_path / "collection")
    record = root / "papers" / "park2019relational.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("year: 2019", "year: nineteen"), encoding="utf-8")
    code = main(["--root", str(root), "build", "--site-dir", str(tmp_path / "site")])
    err = capsys.readouterr().err
    assert code == 1
    assert re.search(r"papers/park2019relational\.yaml:\d+:\d+: error: ", err)
    assert not (tmp_path / "site").exists() and not (root / "build").exists()


def test_build_refuses_to_write_over_the_collection(tmp_path: Path) -> None:
    root = make_tiny_collection(tmp_path / "collection")
    with pytest.raises(SitegenError, match="refusing"):
        build_site(root, site_dir=root)
    assert (root / "papers").is_dir()


def _project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in ("templates", "docs", "overrides"):
        shutil.copytree(PROJECT / name, project / name)
    shutil.copyfile(PROJECT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def test_strict_build_fails_on_a_broken_link(tmp_path: Path) -> None:
    project = _project_copy(tmp_path)
    (project / "docs" / "curation.md").write_text("# Curation\n\nSee [nothing](missing.md).\n", encoding="utf-8")
    root = make_tiny_collection(tmp_path / "collection")
    with pytest.raises(SitegenError, match="strict"):
        build_site(root, site_dir=tmp_path / "site", project=project)


def test_hand_written_page_may_not_shadow_a_generated_one(tmp_path: Path) -> None:
    project = _project_copy(tmp_path)
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    root = make_tiny_collection(tmp_path / "collection")
    with pytest.raises(DataError) as raised:
        build_site(root, site_dir=tmp_path / "site", project=project)
    assert "docs/index.md" in raised.value.problems[0].format()


def test_no_mkdocs_writes_only_the_pages(tmp_path: Path) -> None:
    root = make_tiny_collection(tmp_path / "collection")
    assert main(["--root", str(root), "build", "--no-mkdocs"]) == 0
    assert (root / "build" / "docs" / "index.md").is_file()
    assert (root / "build" / "docs" / "papers" / "park2019relational" / "index.md").is_file()
    assert not (root / "site").exists()
