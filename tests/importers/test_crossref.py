"""The Crossref client against recorded answers of the REST API, served on localhost."""

from __future__ import annotations

from typing import Iterator

import pytest

from sitegen.errors import NetworkError, SitegenError, UsageError
from sitegen.importers.crossref import fetch_crossref, work_to_draft
from tests.contrib import RecordedServer, closed_port, recorded_web


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[RecordedServer]:
    yield from recorded_web(monkeypatch)


@pytest.mark.parametrize(
    "asked",
    [
        pytest.param("10.1007/s11263-021-01453-z", id="bare_doi"),
        pytest.param("https://doi.org/10.1007/s11263-021-01453-z", id="doi_org_link"),
        pytest.param("doi:10.1007/S11263-021-01453-Z", id="prefix_and_upper_case"),
    ],
)
def test_found_work_becomes_a_draft(web: RecordedServer, asked: str) -> None:
    draft = fetch_crossref(asked)
    assert [r.lower() for r in web.requests] == ["/crossref/works/10.1007/s11263-021-01453-z"]
    found = {k: v for k, v in vars(draft).items() if v not in (None, [], "", False)}
    assert found == {
        "origin": f"doi:{asked.removeprefix('https://doi.org/').removeprefix('doi:')}",
        "title": "Knowledge Distillation: A Survey",
        "authors": ["Gou, Jianping", "Yu, Baosheng", "Maybank, Stephen J.", "Tao, Dacheng"],
        "year": 2021,
        "venue_text": "International Journal of Computer Vision",
        "volume": "129",
        "number": "6",
        "pages": "1789-1819",
        "doi": "10.1007/s11263-021-01453-z",
        "url": "https://link.springer.com/10.1007/s11263-021-01453-z",
    }


@pytest.mark.parametrize(
    ("asked", "error", "message"),
    [
        pytest.param("10.5555/does-not-exist", SitegenError,
                     "Crossref has no record of DOI 10.5555/does-not-exist; check it at https://doi.org/10.5555/does-not-exist, "
                     "or add the paper with --bibtex",
                     id="not_found_404"),
        pytest.param("10.5555/12345678", NetworkError,
                     "Crossref answered HTTP 503; try again in a minute, or add the paper with --bibtex",
                     id="service_unavailable_503"),
    ],
)
def test_recorded_failures(web: RecordedServer, asked: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        fetch_crossref(asked)
    assert str(caught.value) == message


def test_not_a_doi_is_refused_before_any_request(web: RecordedServer) -> None:
    with pytest.raises(UsageError) as caught:
        fetch_crossref("s11263-021-01453-z")
    assert str(caught.value) == "--doi s11263-021-01453-z: not a DOI (expected a form like 10.1007/s11263-021-01453-z)"
    assert web.requests == []


def test_unreachable_service_is_one_line() -> None:
    with pytest.raises(NetworkError) as caught:
        fetch_crossref("10.1007/s11263-021-01453-z", api=f"http://127.0.0.1:{closed_port()}/works")
    assert str(caught.value) == (
        "cannot reach Crossref (api.crossref.org) (connection refused); check the connection, or add the paper with --bibtex"
    )


@pytest.mark.parametrize(
    ("work", "expected"),
    [
        pytest.param({"title": ["Learning with <i>privileged</i> information &amp; more"]}, "Learning with privileged information & more",
                     id="jats_markup_and_entities"),
        pytest.param({"title": ["Knowledge distillation"], "subtitle": ["a survey"]}, "Knowledge distillation: a survey", id="subtitle"),
    ],
)
def test_titles_lose_markup(work: dict, expected: str) -> None:
    assert work_to_draft(work, "10.5555/x").title == expected


@pytest.mark.parametrize(
    ("work", "kind", "publisher"),
    [
        pytest.param({"type": "book-chapter", "publisher": "Springer"}, "incollection", "Springer", id="book_chapter"),
        pytest.param({"type": "journal-article", "publisher": "Springer"}, None, None, id="article_follows_its_venue"),
        pytest.param({"type": "proceedings-article", "publisher": "IEEE"}, None, None, id="proceedings_follow_their_venue"),
    ],
)
def test_type_and_publisher(work: dict, kind: str | None, publisher: str | None) -> None:
    draft = work_to_draft(work, "10.5555/x")
    assert (draft.type, draft.publisher) == (kind, publisher)
