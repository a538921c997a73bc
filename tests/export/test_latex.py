"""Text to LaTeX for BibTeX fields and back: what is written reads back as the same characters."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from sitegen.export.latex import decode, encode


@pytest.mark.parametrize(
    "text, latex",
    [
        ("Schölkopf", 'Sch{\\"o}lkopf'),
        ("Lathuilière", "Lathuili{\\`e}re"),
        ("R&D 100% #1 $5 a_b", "R\\&D 100\\% \\#1 \\$5 a\\_b"),
        ("{unbalanced", "\\textbraceleft{}unbalanced"),
        ("\\input{x}", "\\textbackslash{}input\\textbraceleft{}x\\textbraceright{}"),
        ("a~b^c", "a\\textasciitilde{}b\\textasciicircum{}c"),
        ("<b>", "\\textless{}b\\textgreater{}"),
        ("pages 1--2", "pages 1-{}-2"),
        ("``quoted''", "`{}`quoted'{}'"),
        ("中文", "中文"),
    ],
)
def test_encode(text: str, latex: str) -> None:
    assert encode(text) == latex
    assert decode(latex) == text


def test_decode_reads_what_other_tools_write() -> None:
    assert decode("{\\'E}cole and {\\\"u}ber -- {BERT}") == "École and über – BERT"


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_decode_inverts_encode_for_any_text(text: str) -> None:
    assert decode(encode(text)) == text
