"""Strangers' Markdown is untrusted input: named hostile entries, and arbitrary text (hypothesis)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sitegen.importers.accounting import account
from sitegen.importers.markdown import read_list
from sitegen.model import paper_model


def _one(text: str, taxonomy):
    parsed = read_list(text, "list.md", taxonomy=taxonomy)
    assert len(parsed.readings) == 1, parsed.readings
    return parsed.readings[0][1]


def test_javascript_and_data_links_are_refused_and_reported(taxonomy) -> None:
    reading = _one("- [A Paper](javascript:alert(1)), Alice Smith, 2020 [code](data:text/html,<script>x</script>)", taxonomy)
    draft = reading.draft
    assert (draft.url, draft.pdf, draft.code, draft.title) == (None, None, None, "A Paper, Alice Smith")
    assert reading.notes == ["link refused: javascript: link is not a web address", "link refused: data: link is not a web address"]


def test_html_inside_an_entry_is_inert_text(taxonomy) -> None:
    reading = _one('- [Title <img src=x onerror=alert(1)>](https://arxiv.org/abs/2001.00001), Alice <b>Smith</b>, 2020', taxonomy)
    assert reading.draft.title == "Title"
    assert reading.draft.authors == ["Smith, Alice"]


def test_an_absurdly_long_entry_is_unreadable_with_its_line(taxonomy) -> None:
    reading = _one("1. " + "Distillation " * 1000 + ". Smith, Alice. CVPR 2020", taxonomy)
    assert (reading.kind, reading.reason) == ("unreadable", "entry longer than 5,000 characters")


def test_deeply_nested_lists_do_not_crash(taxonomy) -> None:
    text = "\n".join("  " * depth + f"- [Level {depth}](#l{depth})" for depth in range(200))
    parsed = read_list(text, "list.md", taxonomy=taxonomy)
    assert all(r.kind in ("not-paper", "paper", "unreadable") for _, r in parsed.readings)


_PIECES = list("abcXYZ019 .,;:()[]*_`#|-&<>!\n\t'\"/\\") + [
    "et al.", "arXiv:", "https://", "javascript:", " and ", "2019", "1503.02531", "\u202e", "é", "\n- ", "\n1. ", "\n| a | b |\n|---|---|\n", "](", "```",
]
markdown_text = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=markdown_text)
def test_arbitrary_markdown_gives_valid_drafts_or_lines(taxonomy, text: str) -> None:
    parsed = read_list(text, "list.md", taxonomy=taxonomy)
    result = account(parsed.readings, taxonomy, [], [], None, "list.md")
    model = paper_model(taxonomy)
    for _, paper in result.created:
        model.model_validate(paper.model_dump())  # every record the import would write passes the model
    for line, reason in result.unreadable:
        assert line >= 1 and reason
    accounted = sum(result.counts.values())
    assert accounted >= len([r for _, r in parsed.readings if r.kind != "code"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=markdown_text)
def test_importing_arbitrary_markdown_writes_only_records_and_the_candidates_file(tmp_path_factory, cli, text: str) -> None:
    import os
    import shutil

    root = tmp_path_factory.mktemp("hostile")
    here = Path(__file__).resolve().parents[2]
    for name in ("taxonomy.yaml", "venues.yaml"):
        shutil.copy(here / name, root / name)
    (root / "papers").mkdir()
    (root / "sources").mkdir()
    (root / "sources" / "lists.yaml").write_text("lists:\n  - {name: list, repository: a/b, commit: abcdef1, licence: none}\n")
    (root / "list.md").write_text(text, encoding="utf-8")
    before = set(root.rglob("*"))
    result = cli("--root", str(root), "import", "markdown", str(root / "list.md"))
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.err
    written = set(root.rglob("*")) - before
    assert all(p.parent == root / "papers" or p == root / "sources" / "candidates.yaml" for p in written), written
    for line in result.out.splitlines():
        assert line.startswith(f"{root / 'list.md'}:") or line.startswith("list.md:"), line
    del os
