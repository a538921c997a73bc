"""Messages echo what records say; nothing a record holds can break a line of text output."""

from __future__ import annotations

import pytest

from sitegen.errors import Problem, printable


@pytest.mark.parametrize(
    "text, shown",
    [
        pytest.param("plain text", "plain text", id="ascii_unchanged"),
        pytest.param("Gómez, 张伟 and Müller", "Gómez, 张伟 and Müller", id="letters_of_any_script_unchanged"),
        pytest.param("a\n::error file=x::forged", "a\\n::error file=x::forged", id="newline"),
        pytest.param("a\r\nb\tc", "a\\r\\nb\\tc", id="carriage_return_and_tab"),
        pytest.param("red \x1b[31m", "red \\x1b[31m", id="terminal_escape"),
        pytest.param("\u202eevil", "\\u202eevil", id="right_to_left_override"),
        pytest.param("zero\u200bwidth", "zero\\u200bwidth", id="zero_width_space"),
        pytest.param("line\u2028separator", "line\\u2028separator", id="line_separator"),
        pytest.param("next\x85line", "next\\x85line", id="c1_next_line"),
        pytest.param("papers/\udcff.yaml", "papers/\\xff.yaml", id="undecodable_file_name_byte"),
        pytest.param("tag \U000e0041", "tag \\U000e0041", id="tag_character"),
    ],
)
def test_printable_escapes_what_could_forge_or_hide_output(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_a_key_with_newlines_cannot_forge_a_problem_line() -> None:
    problem = Problem("papers/x.yaml", 3, 1, "unknown field 'a\npapers/y.yaml:1:1: error: forged\n::error::forged'")
    assert problem.format() == (
        "papers/x.yaml:3:1: error: unknown field 'a\\npapers/y.yaml:1:1: error: forged\\n::error::forged'"
    )
    assert "\n" not in problem.format()
    assert problem.format_github() == (
        "::error file=papers/x.yaml,line=3,col=1::unknown field 'a%0Apapers/y.yaml:1:1: error: forged%0A::error::forged'"
    )
