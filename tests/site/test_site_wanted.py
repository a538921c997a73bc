"""The Wanted page: the candidates of sources/candidates.yaml, each with the command that completes it,
escaped (a title with markup stays text), linked in the menu; opened in a real browser."""

from __future__ import annotations

import pytest

from sitegen.site import urls

from tests.site.conftest import BuiltSite, Watched

ROW = "tr.kd-candidate"


def test_the_page_lists_every_candidate_escaped(tiny_site: BuiltSite) -> None:
    page = (tiny_site.site / urls.WANTED / "index.html").read_text(encoding="utf-8")
    assert page.count('<tr class="kd-candidate">') == 4
    assert "A work the list links &lt;b&gt;without&lt;/b&gt; an arXiv id" in page
    assert "<b>without</b>" not in page
    assert 'href="https://example.org/paper?a=1&amp;b=2"' in page
    assert '<a href="https://github.com/example/kd-list/blob/0123456789abcdef0123456789abcdef01234567/README.md?plain=1#L8">sample, line 8</a>' in page
    assert '<code class="kd-command">sitegen add --arxiv 1911.02727</code>' in page
    assert "No arXiv id or DOI: save the paper&#39;s BibTeX entry (from its publisher&#39;s page) as FILE, then run <code class=\"kd-command\">sitegen add --bibtex FILE</code>" in page
    assert "4 works wanted." in page


def test_the_menu_links_the_page(tiny_site: BuiltSite) -> None:
    home = (tiny_site.site / "index.html").read_text(encoding="utf-8")
    assert 'href="wanted/"' in home


@pytest.mark.browser
def test_a_candidate_with_its_command_and_a_working_link(tiny_site: BuiltSite, tiny_url: str, watched: Watched) -> None:
    watched.page.goto(tiny_url + urls.WANTED)
    row = watched.page.locator(ROW, has_text="Understanding Knowledge Distillation in Non-Autoregressive Machine Translation")
    assert row.count() == 1
    assert row.locator(".kd-candidate-title").inner_text() == "Understanding Knowledge Distillation in Non-Autoregressive Machine Translation"
    assert "(2020)" in row.inner_text()
    assert "ICLR 2020" in row.inner_text()
    assert row.locator(".kd-section").inner_text() == "Knowledge from logits > Machine translation"
    assert row.locator(".kd-command").inner_text() == "sitegen add --arxiv 1911.02727"
    assert row.get_by_role("link", name="arXiv").get_attribute("href") == "https://arxiv.org/abs/1911.02727"
    hostile = watched.page.locator(ROW, has_text="without").locator(".kd-candidate-title")
    assert hostile.inner_text() == "A work the list links <b>without</b> an arXiv id"
    assert hostile.locator("b").count() == 0
    watched.page.get_by_role("link", name="Importing paper lists").first.click()
    watched.page.wait_for_url("**/importing-lists/#completing-candidates")
    assert watched.page.locator("h2#completing-candidates").inner_text().startswith("Completing candidates")
    nav = watched.page.locator("nav.md-nav--primary").get_by_role("link", name="Wanted", exact=True)
    nav.first.click()
    watched.page.wait_for_url(f"**/{urls.WANTED}")
    assert watched.page.locator(ROW).count() == 4
