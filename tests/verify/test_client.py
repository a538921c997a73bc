"""The polite client: each service's pause, Retry-After in both its forms, doubling pauses."""

from __future__ import annotations

import email.utils
from pathlib import Path

import pytest

from sitegen.importers.http import Response
from sitegen.verify.client import PoliteClient, RateLimited, Service, retry_after
from tests.contrib import RecordedServer
from tests.verify.conftest import DATA, Clock

SLOW = Service("dblp (dblp.org)", interval=4.0, accept="application/json")


@pytest.mark.parametrize(
    "headers, seconds",
    [
        pytest.param({"retry-after": "7"}, 7.0, id="seconds"),
        pytest.param({"retry-after": email.utils.formatdate(1_000_030, usegmt=True)}, 30.0, id="http_date"),
        pytest.param({"retry-after": email.utils.formatdate(999_000, usegmt=True)}, 0.0, id="date_in_the_past"),
        pytest.param({"retry-after": "soon"}, None, id="unreadable"),
        pytest.param({}, None, id="absent"),
    ],
)
def test_retry_after(headers: dict[str, str], seconds: float | None) -> None:
    assert retry_after(Response(429, b"", "text/html", headers), now=lambda: 1_000_000.0) == seconds


def test_requests_to_one_service_start_its_interval_apart() -> None:
    clock = Clock()
    client = PoliteClient(sleep=clock.sleep, clock=clock.clock)
    with RecordedServer(responses=DATA / "responses") as server:
        for _ in range(3):
            client.get(SLOW, f"{server.url}/dblp/search/publ/api?q=Born+again+neural+networks&format=json&h=10&c=0")
            clock.now += 1.5  # time the caller spends between requests counts towards the pause
    assert clock.sleeps == [2.5, 2.5]
    assert client.requests == 3


def test_without_retry_after_the_pause_doubles_then_the_service_is_given_up(tmp_path: Path) -> None:
    (tmp_path / "busy.html").write_text("<html><body><h1>429 Too Many Requests</h1></body></html>\n")
    (tmp_path / "index.json").write_text('{"/busy": {"status": 429, "type": "text/html", "file": "busy.html"}}\n')
    clock = Clock()
    client = PoliteClient(sleep=clock.sleep, clock=clock.clock)
    with RecordedServer(responses=tmp_path) as server, pytest.raises(RateLimited) as caught:
        client.get(SLOW, f"{server.url}/busy")
    assert clock.sleeps == [4.0, 8.0, 16.0]
    assert len(server.requests) == 4
    assert str(caught.value) == "dblp (dblp.org) kept answering HTTP 429 (too many requests); its remaining look-ups were skipped, try again later"


def test_a_mailto_address_goes_in_the_user_agent() -> None:
    assert PoliteClient(mailto="curator@example.org").user_agent.endswith("(mailto:curator@example.org)")
