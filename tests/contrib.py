"""Shared by the contribution tests: a tiny collection, the CLI run in-process, recorded web answers.

Each test module makes its own fixtures from these helpers (`enter_collection`, `recorded_web`),
beside the shared fixtures of conftest.py.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from sitegen.cli import main

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "contrib"
RESPONSES = DATA / "responses"


def make_collection(folder: Path) -> Path:
    """A copy of the repository's taxonomy and venue registry, with the six test records."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("taxonomy.yaml", "venues.yaml"):
        shutil.copy(REPO / name, folder / name)
    shutil.copytree(DATA / "papers", folder / "papers")
    return folder


GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",  # no signing or hooks from the machine's config
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=os.environ | GIT_IDENTITY)
    return done.stdout


def clone_of_main(folder: Path) -> Path:
    """The tiny collection committed on main, as a fresh clone sees it: with origin/main, on a new branch."""
    repo = make_collection(folder)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "collection")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(repo, "checkout", "-q", "-b", "add-paper")
    return repo


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> Result:
    """`python -m sitegen ARGV`, in this process, with `stdin` as standard input (not a terminal)."""
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def enter_collection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tiny collection in a temporary folder, made the working folder; CI unset."""
    root = make_collection(tmp_path / "kd")
    monkeypatch.chdir(root)
    monkeypatch.delenv("CI", raising=False)
    return root


@dataclass
class RecordedServer:
    """A local HTTP server answering each recorded request (`responses`/index.json) with its recorded answer.

    An answer is {status, type, file} and may name `headers`; a list of answers is served in
    turn, its last answer repeating (a service that says "wait" once, then answers).
    """

    requests: list[str] = field(default_factory=list)
    url: str = ""
    responses: Path = RESPONSES

    def __enter__(self) -> "RecordedServer":
        folder = self.responses
        index = {path.lower(): answer for path, answer in json.loads((folder / "index.json").read_text()).items()}
        served: dict[str, int] = {}
        requests = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                requests.append(self.path)
                key = self.path.lower()  # DOIs are case-insensitive, as on Crossref
                answer = index.get(key)
                if isinstance(answer, list):
                    answer = answer[min(served.get(key, 0), len(answer) - 1)]
                    served[key] = served.get(key, 0) + 1
                headers: dict[str, str] = {}
                if answer is None:
                    status, kind, body = 599, "text/plain", f"no recorded answer for {self.path}".encode()
                else:
                    status, kind, body = answer["status"], answer["type"], (folder / answer["file"]).read_bytes()
                    headers = answer.get("headers", {})
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def recorded_web(monkeypatch: pytest.MonkeyPatch) -> Iterator[RecordedServer]:
    """arXiv and Crossref as recorded: the clients are pointed at a local server (for a fixture)."""
    with RecordedServer() as server:
        monkeypatch.setenv("SITEGEN_ARXIV_API", f"{server.url}/arxiv/api/query")
        monkeypatch.setenv("SITEGEN_CROSSREF_API", f"{server.url}/crossref/works")
        yield server


def closed_port() -> int:
    """A local port nothing listens on: a service that cannot be reached."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
