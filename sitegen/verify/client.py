"""One polite GET at a time per service: a pause between requests, and backoff when told to wait.

Each service publishes its manners. arXiv asks for no more than one request every three
seconds, on one connection. Crossref serves a `mailto=` address in its polite pool and answers
429 when a client goes too fast. dblp answers 429 with a Retry-After header, and its search is
a shared academic service: it gets a longer pause than the others. A 429 (or a 503, which arXiv
sends with "Rate exceeded.") is retried after the server's Retry-After, or after a pause that
doubles each time, a few times, then the service is given up for the run.
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass, field
from typing import Callable

from sitegen.errors import NetworkError
from sitegen.importers.http import USER_AGENT, Response, get

HINT = "check the connection, or run sitegen verify where the network is reachable"
RETRY_STATUSES = (429, 503)
MAX_ATTEMPTS = 4
MAX_PAUSE = 120.0  # seconds: a longer Retry-After gives up on the service for this run


class RateLimited(NetworkError):
    """A service kept asking us to wait."""


@dataclass(frozen=True)
class Service:
    name: str  # as messages name it, e.g. 'arXiv (export.arxiv.org)'
    interval: float  # seconds between the starts of two requests
    accept: str


@dataclass
class PoliteClient:
    """GETs with each service's pause; `sleep` and `clock` are the real ones except in tests."""

    mailto: str | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    requests: int = 0
    _last: dict[str, float] = field(default_factory=dict)

    @property
    def user_agent(self) -> str:
        return f"{USER_AGENT} (mailto:{self.mailto})" if self.mailto else USER_AGENT

    def get(self, service: Service, url: str) -> Response:
        """The answer to `url` that is not a request to wait; RateLimited after MAX_ATTEMPTS."""
        pause = service.interval
        for attempt in range(1, MAX_ATTEMPTS + 1):
            self._wait_turn(service)
            response = get(url, service.name, service.accept, hint=HINT, user_agent=self.user_agent)
            self.requests += 1
            if response.status not in RETRY_STATUSES:
                return response
            wait = retry_after(response, self.now_wall) or pause
            if wait > MAX_PAUSE or attempt == MAX_ATTEMPTS:
                break
            self.sleep(wait)
            pause = min(pause * 2, MAX_PAUSE)
        raise RateLimited(f"{service.name} kept answering HTTP {response.status} (too many requests); its remaining look-ups were skipped, try again later")

    def _wait_turn(self, service: Service) -> None:
        last = self._last.get(service.name)
        if last is not None:
            left = service.interval - (self.clock() - last)
            if left > 0:
                self.sleep(left)
        self._last[service.name] = self.clock()

    @staticmethod
    def now_wall() -> float:
        return time.time()


def retry_after(response: Response, now: Callable[[], float] = time.time) -> float | None:
    """The pause a Retry-After header asks for, in seconds (it may give seconds or an HTTP date)."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now())
