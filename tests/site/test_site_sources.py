"""The pages of the small many-source collection in tests/data/sources: taxonomy extensions
(nodes the survey lacks) shown apart from the survey's own nodes, how each record's labels were
decided, and the home page's counts of records by source and of candidates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.site import urls

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO / "tests" / "data" / "sources"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pages (no MkDocs run) of the small collection in tests/data/sources."""
    root = tmp_path_factory.mktemp("extensions") / "collection"
    shutil.copytree(SOURCES, root)
    for name in ("taxonomy.yaml", "venues.yaml", "benchmarks.yaml", "architectures.yaml"):
        shutil.copyfile(REPO / name, root / name)
    assert main(["--root", str(root), "build", "--no-mkdocs"]) == 0
    return root / "build" / "docs"


def read(docs: Path, target: str) -> str:
    return (docs / target / "index.md").read_text(encoding="utf-8")


def test_the_taxonomy_page_lists_the_extensions_apart(pages: Path) -> None:
    text = read(pages, urls.TAXONOMY)
    head, _, beyond = text.partition("## Beyond the survey {: #extensions }")
    assert beyond, "no section for the extensions"
    assert 'class="kd-extension-node"><a href="few-step-sampling/">Few-step sampler distillation</a> <span class="kd-count" title="1 paper">1</span> <span class="kd-trail">on <a href="#algorithm">Distillation algorithm</a></span>' in beyond
    assert 'on <a href="#application">Application</a> › <a href="nlp/">Natural language processing</a>' in beyond
    assert "Feature-based knowledge" not in beyond
    # In the axes' trees, each extension carries the mark; the survey's nodes do not.
    assert '<a href="rationale-based/">Rationale-based knowledge</a> <span class="kd-extension"' in head
    assert '<a href="feature-based/">Feature-based knowledge</a> <span class="kd-count"' in head


def test_an_extension_page_says_it_extends_the_survey(pages: Path) -> None:
    text = read(pages, urls.node("few-step-sampling"))
    assert "This node extends the survey: <cite>Knowledge Distillation: A Survey</cite> has no such node" in text
    assert "In the survey:" not in text
    survey_node = read(pages, urls.node("feature-based"))
    assert "extends the survey" not in survey_node
    assert "In the survey: §2.2 Feature-based knowledge." in survey_node


def test_a_paper_page_marks_its_extension_labels(pages: Path) -> None:
    text = read(pages, urls.paper("salimans2022progressive"))
    assert 'Few-step sampler distillation</a> <span class="kd-extension" title="not from the survey: a node this collection adds">extension</span></span>' in text
    assert "Image generation</a></span>" in text  # a survey node: no mark


def test_a_paper_page_says_how_its_labels_were_decided(pages: Path) -> None:
    assert "<dt data-search-exclude>Labels</dt>\n<dd class=\"kd-labels-by\" data-search-exclude>Labels reviewed by a curator</dd>" in read(pages, urls.paper("park2019relational"))
    text = read(pages, urls.paper("hahn2019self"))
    assert ("<span class=\"kd-unreviewed\">Labels suggested from the heading "
            "'Awesome Knowledge-Distillation &gt; Different forms of knowledge &gt; Self-KD' of the list 'flhonker', not yet reviewed</span>") in text


def test_the_home_page_counts_records_by_source_and_the_candidates(pages: Path) -> None:
    text = read(pages, urls.HOME)
    assert "<strong>4</strong> records" in text
    block = text[text.index('<ul class="kd-source-counts">'):text.index("</ul>", text.index('<ul class="kd-source-counts">'))]
    assert [line for line in block.splitlines()[1:]] == [
        "<li><strong>2</strong> from the survey's reference list</li>",
        "<li><strong>2</strong> from the seed list</li>",
        '<li><strong>1</strong> from the list <a href="https://github.com/FLHonker/Awesome-Knowledge-Distillation" rel="noopener">FLHonker/Awesome-Knowledge-Distillation</a></li>',
        '<li><strong>1</strong> from the list <a href="https://github.com/dkozlov/awesome-knowledge-distillation" rel="noopener">dkozlov/awesome-knowledge-distillation</a></li>',
        '<li><strong>0</strong> from the list <a href="https://github.com/Tebmer/Awesome-Knowledge-Distillation-of-LLMs" rel="noopener">Tebmer/Awesome-Knowledge-Distillation-of-LLMs</a></li>',
        "<li><strong>1</strong> candidate: works a list names without what a record needs, waiting to be completed</li>",
    ]
