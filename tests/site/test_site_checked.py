"""The paper page says what a record was checked against; the audit page gives the share checked."""

from __future__ import annotations

from sitegen.site import urls

from tests.site.conftest import BuiltSite


def _page(site: BuiltSite, path: str) -> str:
    return (site.site / path / "index.html").read_text(encoding="utf-8")


def test_paper_page_names_the_pages_it_was_checked_against_and_on_what(tiny_site: BuiltSite) -> None:
    text = _page(tiny_site, urls.paper("hostile2020script"))
    assert (
        '<dd class="kd-checked" data-search-exclude>against <a href="https://example.org/paper?a=1&amp;b=&#34;2&#34;'
        '&#39;&gt;&lt;script&gt;alert(5)&lt;/script&gt;" rel="nofollow noopener">proceedings or publisher page</a> (2024-05-01), '
        '<a href="https://arxiv.org/abs/2001.00001" rel="nofollow noopener">arXiv abstract page</a> (title, year; 2024-05-02)</dd>'
    ) in text
    assert "<script>alert(5)" not in text


def test_an_unchecked_record_says_nothing_about_checking(tiny_site: BuiltSite) -> None:
    assert "kd-checked" not in _page(tiny_site, urls.paper("park2019relational"))


def test_audit_page_gives_the_share_of_records_checked(tiny_site: BuiltSite) -> None:
    records = len(tiny_site.collection.papers)
    text = _page(tiny_site, urls.AUDIT)
    assert f"Checked against the paper (1 of {records} records ({100 / records:.1f} %))" in text
