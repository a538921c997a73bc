"""README's command table names every command the CLI has (a new command is documented)."""

from __future__ import annotations

from sitegen.cli import _COMMANDS
from tests.contrib import REPO


def test_every_command_is_in_the_readme() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert [name for name in _COMMANDS if f"`sitegen {name}" not in text] == []
