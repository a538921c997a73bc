"""The command line: every input and output error is one line and exit 1 or 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize(
    "args, code, message",
    [
        pytest.param(["export", "bibtex", "-o", "/"], 2, "sitegen export: -o /: cannot write there: is a folder\n", id="export_to_a_folder"),
        pytest.param(["export", "bibtex", "-o", "/dev/full"], 1, "sitegen export: -o /dev/full: writing failed: no space left on device\n", id="export_to_a_full_disk"),
        pytest.param(["report", "-o", "/"], 2, "sitegen report: -o /: cannot write there: is a folder\n", id="report_to_a_folder"),
        pytest.param(["schema", "-o", "/"], 2, "sitegen schema: -o /: cannot write there: is a folder\n", id="schema_to_a_folder"),
        pytest.param(["export", "json", "-o", "/proc/nope/x.json"], 2, "sitegen export: -o /proc/nope/x.json: cannot write there: no such file or directory\n", id="export_where_no_folder_can_be_made"),
    ],
)
def test_an_output_that_cannot_be_written_is_one_line(collection: Path, cli, args: list[str], code: int, message: str) -> None:
    result = cli(*args)
    assert (result.code, result.err) == (code, message)


@pytest.mark.parametrize(
    "port, message",
    [
        pytest.param("70000", "argument --port: 70000 is not a port number (0 to 65535)", id="port_too_high"),
        pytest.param("-1", "argument --port: -1 is not a port number (0 to 65535)", id="negative_port"),
        pytest.param("http", "argument --port: 'http' is not a port number", id="port_not_a_number"),
    ],
)
def test_serve_refuses_a_port_that_cannot_be(collection: Path, cli, port: str, message: str) -> None:
    result = cli("serve", f"--port={port}")
    assert result.code == 2
    assert result.err.splitlines()[-1] == f"sitegen serve: error: {message}"


def _run(args: list[str], cwd: Path, stdout: int | object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SITEGEN_DEBUG"}
    return subprocess.run([sys.executable, "-m", "sitegen", *args], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.parametrize("args", [["export", "bibtex"], ["report"], ["schema"]], ids=["export", "report", "schema"])
def test_a_full_standard_output_is_one_line_and_exit_1(collection: Path, args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = _run(args, collection, full)
    assert result.returncode == 1
    assert result.stderr == f"sitegen {args[0]}: cannot write to standard output: no space left on device\n"



FORGED_KEY = '"evil\\npapers/other.yaml:1:1: error: forged\\n::error file=x.yaml::forged": 1\n'


@pytest.mark.parametrize(
    "args",
    [["check"], ["fmt"], ["export", "bibtex"], ["build", "--no-mkdocs"], ["report"]],
    ids=["check", "fmt", "export", "build", "report"],
)
def test_a_key_with_newlines_cannot_forge_lines_in_text_output(collection: Path, cli, args: list[str]) -> None:
    path = collection / "papers" / "park2019relational.yaml"
    path.write_text(path.read_text(encoding="utf-8") + FORGED_KEY, encoding="utf-8")
    result = cli(*args)
    assert result.code == 1
    lines = (result.out + result.err).splitlines()
    assert not [line for line in lines if line.startswith(("::", "papers/other.yaml"))], lines
    forged = [line for line in lines if "forged" in line]
    assert len(forged) == 1
    assert forged[0].endswith(
        "error: unknown field 'evil\\npapers/other.yaml:1:1: error: forged\\n::error file=x.yaml::forged'"
    )
