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
