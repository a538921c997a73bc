"""The audit report: record text in it is escaped for where it lands, Markdown or HTML."""

from __future__ import annotations

from sitegen.pipeline import Collection
from sitegen.report import audit, audit_page

PAYLOAD = "Checked {: tabindex=0 autofocus onfocus=alert(document.domain) } [T](javascript:x) *a* <img src=x> |"


def _collection(make_paper, taxonomy) -> Collection:
    paper = make_paper(note=PAYLOAD, doubts=[PAYLOAD], corrections=[{"field": "title", "was": PAYLOAD, "now": "x", "source": PAYLOAD}])
    return Collection(taxonomy, [paper])


def test_markdown_cells_escape_attribute_lists_links_emphasis_html_and_pipes(make_paper, taxonomy) -> None:
    text = audit(_collection(make_paper, taxonomy))
    escaped = r"Checked \{: tabindex=0 autofocus onfocus=alert(document.domain) \} \[T\](javascript:x) \*a\* &lt;img src=x&gt; \|"
    assert f"| `smith2020good` | {escaped} |" in text.splitlines()  # the open doubt
    assert PAYLOAD not in text


def test_the_site_page_puts_record_text_only_in_html_cells(make_paper, taxonomy) -> None:
    page = audit_page(_collection(make_paper, taxonomy), guide="../curation.md")
    cell = "<td>Checked {: tabindex=0 autofocus onfocus=alert(document.domain) } [T](javascript:x) *a* &lt;img src=x&gt; |</td>"
    assert f"<tr><td><code>smith2020good</code></td>{cell}</tr>" in page.splitlines()
    outside_tables = [line for line in page.splitlines() if not line.startswith("<")]
    assert not any("onfocus" in line or "javascript" in line for line in outside_tables)


def test_the_audit_gives_the_share_of_labels_reviewed_and_lists_the_rest_escaped(make_paper, taxonomy) -> None:
    reviewed = make_paper(id="smith2020good", labels_by={"by": "curator"})
    suggested = make_paper(id="jones2021other", labels_by={"by": "list-heading", "list": "flhonker", "heading": "KD *GAN* | <b>x</b>"})
    unstated = make_paper(id="brown2022third")
    text = audit(Collection(taxonomy, [reviewed, suggested, unstated]))
    lines = text.splitlines()
    assert "## Labels reviewed by a curator (1 of 3 records (33.3 %))" in lines
    assert "| reviewed by a curator | 1 |" in lines
    assert "| suggested from a list heading, not yet reviewed | 1 |" in lines
    assert "| not stated | 1 |" in lines
    assert r"| `jones2021other` | flhonker | KD \*GAN\* \| &lt;b&gt;x&lt;/b&gt; |" in lines
    page = audit_page(Collection(taxonomy, [reviewed, suggested]), guide="../curation.md")
    assert "<tr><td><code>jones2021other</code></td><td>flhonker</td><td>KD *GAN* | &lt;b&gt;x&lt;/b&gt;</td></tr>" in page.splitlines()


def _sources_collection(tmp_path):
    import shutil
    from pathlib import Path

    from sitegen.pipeline import load_collection

    repo = Path(__file__).resolve().parent.parent
    root = tmp_path / "collection"
    shutil.copytree(repo / "tests" / "data" / "sources", root)
    for name in ("taxonomy.yaml", "venues.yaml", "benchmarks.yaml", "architectures.yaml"):
        shutil.copyfile(repo / name, root / name)
    return root, load_collection(root)


def test_source_counts_count_each_record_once_per_source_registered_lists_first(tmp_path, make_paper) -> None:
    from sitegen.report import source_counts

    _, collection = _sources_collection(tmp_path)
    assert source_counts(collection.papers, collection.lists) == {"survey": 2, "seed": 2, "flhonker": 1, "dkozlov": 1, "tebmer": 0}
    twice = make_paper(sources={"lists": [{"list": "zeta", "commit": "0123456", "line": 3}, {"list": "zeta", "commit": "0123456", "line": 9}]})
    assert source_counts([twice], ["tebmer"]) == {"survey": 0, "seed": 0, "tebmer": 0, "zeta": 1}
    # A record no source names was added from the paper's own page: it counts too, last.
    added = make_paper(id="added2024paper", sources=None)
    assert source_counts([twice, added], ["tebmer"]) == {"survey": 0, "seed": 0, "tebmer": 0, "zeta": 1, "contributed": 1}


def test_the_audit_has_a_section_per_registered_list(tmp_path, make_paper) -> None:
    _, collection = _sources_collection(tmp_path)
    # An entry of FLHonker's list merged into a record the survey gave, with a correction and a doubt.
    merged = make_paper(id="jones2021other", sources={"survey": "Jones|2021", "lists": [{"list": "flhonker", "commit": "355fc31", "line": 40}]},
                        corrections=[{"field": "year", "was": 2020, "now": 2021, "source": "the paper's arXiv page"}], doubts=["which venue?"])
    collection.papers.append(merged)
    text = audit(collection)
    section = text[text.index("## From the list flhonker"):text.index("## From the list dkozlov")]
    assert "The community list `FLHonker/Awesome-Knowledge-Distillation` at commit `355fc31edad3`" in section
    rows = [line for line in section.splitlines() if line.startswith("| ") and "|" in line[2:]][1:]
    assert rows == [
        "| records created from it | 1 |",
        "| entries merged into records | 1 |",
        "| candidates | 0 |",
        "| corrections | 1 |",
        "| open doubts | 1 |",
    ]
    tebmer = text[text.index("## From the list tebmer"):]
    assert "| records created from it | 0 |" in tebmer and "| candidates | 1 |" in tebmer


def test_the_audit_counts_each_kind_of_note_on_its_own_row(make_paper, taxonomy) -> None:
    """Check's notes are of two kinds, an author who may be one of several people and a preprint
    dated otherwise than its arXiv id: each row counts only its own."""
    paper = make_paper()
    notes = [paper.problem(("authors", 0), "author 'Smith, A.' may be one of 2 people: ...", severity="note"),
             paper.problem(("authors", 0), "author 'Smith, A.' may be another person: ...", severity="note"),
             paper.problem(("year",), "year: 2020 here, but arXiv gave the id 1710.06169 in 2017; ...", severity="note")]
    lines = audit(Collection(taxonomy, [paper], problems=notes)).splitlines()
    assert r"| author names that may be one of several people (notes of \`check\`) | 2 |" in lines
    assert r"| preprints dated otherwise than their arXiv id (notes of \`check\`) | 1 |" in lines


def test_the_audit_lists_the_records_not_yet_checked_with_what_verify_looks_up(make_paper, taxonomy) -> None:
    checked = make_paper(id="smith2020good", checked=[{"url": "https://arxiv.org/abs/2001.00001", "kind": "arxiv", "date": "2024-05-01"}])
    survey = make_paper(id="jones2019survey", title="From the survey", arxiv="1910.01348", sources={"survey": "Jones|2019", "seed": [40]})
    listed = make_paper(id="brown2021listed", title="From a list", doi="10.1109/ICASSP.2021.1",
                        sources={"lists": [{"list": "flhonker", "commit": "355fc31edad32adce81de89bf6d988d3cec69392", "line": 7}]})
    contributed = make_paper(id="green2024added", title="Added by hand")
    lines = audit(Collection(taxonomy, [checked, survey, listed, contributed])).splitlines()
    start = lines.index("### Records not yet checked (3)")
    table = lines[start:lines.index("", lines.index("| record | sources | looked up by |"))]
    assert table[-3:] == [
        "| `brown2021listed` | flhonker | DOI 10.1109/ICASSP.2021.1, title (dblp) |",
        "| `green2024added` | — | title (dblp) |",
        "| `jones2019survey` | survey, seed | arXiv 1910.01348, title (dblp) |",
    ]
    assert not any("smith2020good" in line for line in table)
