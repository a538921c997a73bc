"""What the search indexes, read back as files: the search documents, their markers, the terms
file, the kd-pagefind plugin's index and its refusals; and the quick links every list of papers
shows (sitegen/site/search.py, links.py, pagefind_plugin.py)."""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
from pathlib import Path

import pytest

from sitegen.errors import SitegenError
from sitegen.model import Paper
from sitegen.site import urls
from sitegen.site.build import PROJECT, build_site
from sitegen.site.links import quick_links
from sitegen.site.people import people
from sitegen.site.search import MARKER, PERSON_PAPERS, exact_names, fold, marker, name_words

from tests.site.conftest import BuiltSite, make_tiny_collection


@pytest.fixture(params=["tiny", "real"])
def any_site(request: pytest.FixtureRequest) -> BuiltSite:
    return request.getfixturevalue(f"{request.param}_site")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        pytest.param("RKD", "rkd", id="capitals"),
        pytest.param("PAD-L2", "padl2", id="hyphen_and_digit"),
        pytest.param("BAM!", "bam", id="punctuation"),
        pytest.param("Gómez", "gomez", id="accent"),
        pytest.param("ShuffleNet V2", "shufflenetv2", id="space"),
        pytest.param("<i>X</i>{{ 1 }}", "ixi1", id="markup_is_only_letters"),
        pytest.param("Ωmega", "mega", id="non_latin_letters_dropped"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def _paper(**fields: object) -> Paper:
    base = {"id": "park2019relational", "title": "Relational knowledge distillation", "authors": ["Park, W."], "year": 2019,
            "type": "inproceedings", "scope": "core"}
    return Paper.model_validate({**base, **fields})


def test_exact_names_are_the_short_name_and_retired_ids() -> None:
    paper = _paper(short_name="RKD", aliases=["park2019relation", "park2019rkd"])
    assert exact_names(paper) == ["park2019relation", "park2019rkd", "rkd"]
    assert exact_names(_paper()) == []


@pytest.mark.parametrize(
    ("fields", "links"),
    [
        pytest.param({"pdf": "https://x.org/a.pdf", "url": "https://x.org/a", "doi": "10.1145/1150402.1150464"}, [("PDF", "https://x.org/a.pdf")], id="pdf_before_landing_page"),
        pytest.param({"url": "https://x.org/a", "doi": "10.1145/1150402.1150464"}, [("Page", "https://x.org/a")], id="landing_page_without_pdf"),
        pytest.param({"doi": "10.1145/1150402.1150464"}, [("DOI", "https://doi.org/10.1145/1150402.1150464")], id="doi_only"),
        pytest.param({"arxiv": "1904.05068", "code": "https://github.com/x/y"},
                     [("arXiv", "https://arxiv.org/abs/1904.05068"), ("Code", "https://github.com/x/y")], id="arxiv_and_code"),
        pytest.param({}, [], id="nothing"),
    ],
)
def test_quick_links(fields: dict, links: list[tuple[str, str]]) -> None:
    assert quick_links(_paper(**fields)) == links


def _document(site: BuiltSite, path: str) -> str:
    return (site.docs / "_search" / path / "index.html").read_text(encoding="utf-8")


def test_paper_documents_carry_their_markers(any_site: BuiltSite) -> None:
    taxonomy = any_site.collection.taxonomy
    for paper in any_site.collection.papers:
        text = _document(any_site, urls.paper(paper.id))
        markers = re.search(r'<p data-pagefind-weight="0">([^<]*)</p>', text).group(1).split()  # type: ignore[union-attr]
        nodes = {n for label in paper.all_labels for n in (label, *taxonomy.ancestors(label))}
        # No marker of the kind: the kinds file tells entries and pages from papers (docs/assets/search.js, `find`).
        assert markers[0] == f"{MARKER}year{paper.year}"
        assert set(markers[1:]) == {marker("topic", n) for n in nodes}
        if paper.short_name:
            assert f'data-pagefind-meta="short:{html.escape(paper.short_name)}"' in text
    for person in people(any_site.collection.papers):
        # People are in the people files, not in the Pagefind index.
        assert not (any_site.docs / "_search" / urls.author(person.slug) / "index.html").exists()
    for node in taxonomy.nodes:
        assert MARKER not in _document(any_site, urls.node(node))
    curation = _document(any_site, urls.CURATION)
    assert MARKER not in curation and "Curation guide" in curation


def test_people_files_list_each_author_of_enough_papers_under_each_name_word(any_site: BuiltSite) -> None:
    terms = json.loads((any_site.site / "search" / "terms.json").read_text(encoding="utf-8"))
    folder = any_site.site / terms["people"]["folder"]
    files = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in folder.glob("*.json")}
    assert sorted(files) == terms["people"]["prefixes"]
    listed = {}
    for prefix, rows in files.items():
        for name, page, byline, words in rows:
            assert any(word.startswith(prefix) for word in words.split())
            listed.setdefault(page, set()).add(prefix)
        counts = [int(byline.split("·")[1].split()[0].replace(",", "")) for _, _, byline, _ in rows]
        assert counts == sorted(counts, reverse=True)  # most papers first
    everyone = people(any_site.collection.papers)
    assert any(len(p.papers) >= PERSON_PAPERS for p in everyone)
    for person in everyone:
        page = urls.author(person.slug)
        if len(person.papers) < PERSON_PAPERS:
            assert page not in listed  # found through their papers
            continue
        words = {w for form in person.forms for w in name_words(form)}
        assert listed[page] == {w[:2] for w in words if len(w) >= 2}, person.name


def test_name_words_are_the_folded_words_a_reader_types() -> None:
    assert name_words("Peña-Bauer, A.") == ["pena", "bauer", "a"]
    assert name_words("O’Neil, Mary-Jo") == ["o", "neil", "mary", "jo"]
    assert name_words("{OpenAI}") == ["openai"]


def _fragment_addresses(site: BuiltSite) -> dict[str, str]:
    """Pagefind's id of every indexed document -> the address its fragment gives."""
    addresses = {}
    for path in (site.site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        addresses[path.stem] = json.loads(data[len(b"pagefind_dcd"):])["url"]
    return addresses


def test_kinds_file_names_every_entry_and_page_and_no_paper(any_site: BuiltSite) -> None:
    terms = json.loads((any_site.site / "search" / "terms.json").read_text(encoding="utf-8"))
    kinds = json.loads((any_site.site / terms["kinds"]).read_text(encoding="utf-8"))
    addresses = _fragment_addresses(any_site)
    entries = {addresses[i] for i in kinds["entry"]}
    pages = {addresses[i] for i in kinds["page"]}
    papers = set(addresses.values()) - entries - pages
    assert papers == {"/" + urls.paper(p.id) for p in any_site.collection.papers}
    assert "/" + urls.CURATION in pages and "/" + urls.DOWNLOADS in pages
    assert {"/" + urls.node(n) for n in any_site.collection.taxonomy.nodes} <= entries
    assert not entries & pages
    assert all(kinds[k] == sorted(kinds[k]) for k in kinds)  # the same bytes for the same records


def _names(site: BuiltSite) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for shard in sorted((site.site / "search" / "names").glob("*.json")):
        part = json.loads(shard.read_text(encoding="utf-8"))
        assert all(name.startswith(shard.stem) for name in part)  # each file holds one first letter
        names.update(part)
    return names


def test_terms_file(any_site: BuiltSite) -> None:
    terms = json.loads((any_site.site / "search" / "terms.json").read_text(encoding="utf-8"))
    assert terms["marker"] == MARKER
    assert terms["kinds"] == "search/kinds.json"
    papers = any_site.collection.papers
    expected: dict[str, list[Paper]] = {}
    for paper in papers:
        for name in exact_names(paper):
            expected.setdefault(name, []).append(paper)
    assert terms["names"]["letters"] == sorted({name[0] for name in expected})
    assert _names(any_site) == {name: [p.id for p in sorted(found, key=lambda p: (p.year, p.id))] for name, found in expected.items()}
    assert "distillation" in terms["words"] and not any(w.startswith(MARKER) for w in terms["words"])
    assert "the" in terms["stop"] and "distillation" not in terms["stop"]
    assert [year for year, _ in terms["years"]] == sorted({p.year for p in papers}, reverse=True)
    assert all(m == marker("year", y) for y, m in terms["years"])
    labelled = {n for p in papers for label in p.all_labels for n in (label, *any_site.collection.taxonomy.ancestors(label))}
    assert {t[2] for t in terms["topics"]} == {marker("topic", n) for n in labelled}


def test_real_names_include_the_curated_short_names(real_site: BuiltSite) -> None:
    names = _names(real_site)
    assert names["rkd"] == ["park2019relational", "gao2021residual"]  # 2019 before 2021
    assert names["crd"] == ["tian2020contrastive"]
    assert names["kundu2019unsupervised"] == ["kundu2019um"]
    terms = json.loads((real_site.site / "search" / "terms.json").read_text(encoding="utf-8"))
    assert terms["common"] == ["distillation", "knowledge"]  # in more than a quarter of the titles


def test_hostile_record_is_inert_in_its_search_document(tiny_site: BuiltSite) -> None:
    text = _document(tiny_site, urls.paper("hostile2020script"))
    assert "<script>" not in text and "<img" not in text and "<svg" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_every_paper_list_links_the_paper_directly(any_site: BuiltSite) -> None:
    """Node, author, venue, year and home pages show each paper's quick links beside its title."""
    by_id = any_site.collection.by_id
    pages = [urls.HOME, urls.node("response-based"), urls.year(2019), urls.venue("cvpr"), urls.author("hinton-g-e")]
    checked = 0
    for path in pages:
        file = any_site.site / path / "index.html"
        if not file.exists():
            continue
        text = file.read_text(encoding="utf-8")
        for paper_id, quick in re.findall(r'<li id="([^"]+)"><a class="kd-title".*?(?:<span class="kd-quick">(.*?)</span>)?<br>', text):
            links = [(html.unescape(label), html.unescape(href)) for href, label in re.findall(r'<a href="([^"]*)" rel="noopener">([^<]*)</a>', quick)]
            assert links == quick_links(by_id[paper_id]), (path, paper_id)
            checked += 1
    assert checked >= 5


def test_explore_data_carries_links_and_bibtex(any_site: BuiltSite) -> None:
    data = json.loads((any_site.site / urls.EXPLORE_DATA).read_text(encoding="utf-8"))
    column = data["columns"].index("links")
    for row in data["papers"]:
        assert [tuple(link) for link in row[column]] == quick_links(any_site.collection.by_id[row[0]])
    entries = json.loads((any_site.site / urls.EXPLORE_BIBTEX).read_text(encoding="utf-8"))
    whole = (any_site.site / urls.BIBTEX_ALL).read_text(encoding="utf-8")
    assert set(entries) == {p.id for p in any_site.collection.papers}
    assert "\n".join(entries[k] for k in sorted(entries)) == whole


def _project_with_pages(tmp_path: Path, pages: str) -> Path:
    project = tmp_path / "project"
    for name in ("templates", "docs", "overrides"):
        shutil.copytree(PROJECT / name, project / name)
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    config, count = re.subn(r"pages: \[[^\]]*\]", f"pages: {pages}", config)
    assert count == 1
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def test_plugin_refuses_a_page_that_is_not_in_the_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project_with_pages(tmp_path, "[curation/, nowhere/]")
    root = make_tiny_collection(tmp_path / "collection")
    with pytest.raises(SitegenError, match="mkdocs build --strict failed"):
        build_site(root, site_dir=tmp_path / "site", project=project)
    assert "mkdocs ERROR: kd-pagefind: pages to index are not in the site: nowhere/\n" in capsys.readouterr().err


def test_mkdocs_build_alone_builds_the_search_index(tmp_path: Path) -> None:
    """`sitegen build --no-mkdocs` then a plain MkDocs build gives the search index too."""
    from sitegen.site.mkdocs_run import run_mkdocs

    root = make_tiny_collection(tmp_path / "collection")
    result = build_site(root, run_mkdocs_build=False)
    run_mkdocs(PROJECT / "mkdocs.yml", result.docs_dir, tmp_path / "site", None, 0)
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").is_file()
    assert (tmp_path / "site" / "search" / "terms.json").is_file()
