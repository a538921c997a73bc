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
