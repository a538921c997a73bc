"""One GET over HTTP for the look-up importers (arXiv, Crossref), with the standard library.

A service that cannot be reached is a NetworkError with one line to show; an answer with an
error status is returned like any other, for the importer to explain in its own terms.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from sitegen.errors import NetworkError

USER_AGENT = "kd-bibliography-sitegen/0.1 (python-urllib; adds one record per request)"
TIMEOUT_SECONDS = 20.0
MAX_BYTES = 5_000_000


class Unreachable(NetworkError):
    """The service could not be reached at all; `reason` says why in a few words."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names (Retry-After, for the polite client)

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def get(
    url: str,
    service: str,
    accept: str,
    timeout: float = TIMEOUT_SECONDS,
    hint: str = "check the connection, or add the paper with --bibtex",
    user_agent: str = USER_AGENT,
) -> Response:
    """GET `url`; raise NetworkError naming `service` (and ending with `hint`) when it cannot be reached at all."""
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return Response(answer.status, answer.read(MAX_BYTES), answer.headers.get_content_type(), _headers(answer.headers))
    except urllib.error.HTTPError as exc:
        with exc:
            body = exc.read(MAX_BYTES) if exc.fp is not None else b""
            return Response(exc.code, body, exc.headers.get_content_type() if exc.headers else "", _headers(exc.headers))
    except urllib.error.URLError as exc:
        reason = _why(exc.reason)
    except (socket.timeout, TimeoutError):
        reason = f"no answer in {timeout:.0f} s"
    except OSError as exc:
        reason = _why(exc)
    raise Unreachable(f"cannot reach {service} ({reason}); {hint}", reason)


def _headers(message: object) -> dict[str, str]:
    items = message.items() if hasattr(message, "items") else []
    return {name.lower(): value for name, value in items}


def _why(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return "name not resolved: no network?"
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return "timed out"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason)
