"""The arXiv client against recorded answers of the API, served on localhost."""

from __future__ import annotations

from typing import Iterator

import pytest

from sitegen.errors import NetworkError, SitegenError, UsageError
from sitegen.importers.arxiv import fetch_arxiv
from tests.contrib import RecordedServer, closed_port, recorded_web


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[RecordedServer]:
    yield from recorded_web(monkeypatch)


@pytest.mark.parametrize(
    "asked",
    [
        pytest.param("1503.02531", id="bare_id"),
        pytest.param("1503.02531v2", id="with_version"),
        pytest.param("arXiv:1503.02531", id="arxiv_prefix"),
        pytest.param("https://arxiv.org/abs/1503.02531v1", id="abs_link"),
        pytest.param("https://arxiv.org/pdf/1503.02531.pdf", id="pdf_link"),
    ],
)
def test_found_paper_becomes_a_draft(web: RecordedServer, asked: str) -> None:
    draft = fetch_arxiv(asked)
    assert web.requests == ["/arxiv/api/query?id_list=1503.02531&max_results=1"]
    assert (draft.origin, draft.title, draft.authors, draft.et_al, draft.year, draft.arxiv, draft.doi, draft.venue_text, draft.doubts) == (
        "arXiv:1503.02531",
        "Distilling the Knowledge in a Neural Network",
        ["Hinton, Geoffrey", "Vinyals, Oriol", "Dean, Jeff"],
        False,
        2015,
        "1503.02531",
        None,
        "",
        [],
    )


@pytest.mark.parametrize(
    ("asked", "error", "message"),
    [
        pytest.param("2412.99999", SitegenError, "arXiv has no paper 2412.99999; check the id at https://arxiv.org/abs/2412.99999",
                     id="not_found_empty_feed"),
        pytest.param("1513.00001", SitegenError, "arXiv refused the look-up of 1513.00001: incorrect id format for 1513.00001",
                     id="error_feed_http_400"),
        pytest.param("1412.6550", NetworkError,
                     "arXiv answered HTTP 503 (Rate exceeded.); try again in a minute, or add the paper with --bibtex",
                     id="throttled_plain_text_503"),
    ],
)
def test_recorded_failures(web: RecordedServer, asked: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        fetch_arxiv(asked)
    assert str(caught.value) == message


def test_not_an_arxiv_id_is_refused_before_any_request(web: RecordedServer) -> None:
    with pytest.raises(UsageError) as caught:
        fetch_arxiv("https://openreview.net/forum?id=abc")
    assert str(caught.value) == (
        "--arxiv https://openreview.net/forum?id=abc: not an arXiv id or link "
        "(expected a form like 1503.02531 or https://arxiv.org/abs/1503.02531)"
    )
    assert web.requests == []


def test_unreachable_service_is_one_line() -> None:
    with pytest.raises(NetworkError) as caught:
        fetch_arxiv("1503.02531", api=f"http://127.0.0.1:{closed_port()}/api/query")
    assert str(caught.value) == (
        "cannot reach arXiv (export.arxiv.org) (connection refused); check the connection, or add the paper with --bibtex"
    )
