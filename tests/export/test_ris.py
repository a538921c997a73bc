"""RIS export, read back with rispy (an independent RIS parser)."""

from __future__ import annotations

import rispy

from sitegen.export.ris import to_ris


def test_ris_reads_back_with_rispy(taxonomy, make_paper) -> None:
    papers = [
        make_paper(id="hinton2015distilling", title="Distilling the knowledge in a neural network", authors=["Hinton, Geoffrey", "Vinyals, Oriol"], year=2015, venue=None, type="misc", arxiv="1503.02531"),
        make_paper(id="park2019relational", title="Relational knowledge distillation", authors=["Park, Wonpyo"], year=2019, pages="3967--3976", taxonomy={"knowledge": ["relation-based"]}),
    ]
    entries = rispy.loads(to_ris(papers, taxonomy))
    assert [e["id"] for e in entries] == ["hinton2015distilling", "park2019relational"]
    first, second = entries
    assert first["type_of_reference"] == "UNPB"
    assert first["authors"] == ["Hinton, Geoffrey", "Vinyals, Oriol"]
    assert first["urls"] == ["https://arxiv.org/abs/1503.02531"]
    assert second["type_of_reference"] == "CPAPER"
    assert second["title"] == "Relational knowledge distillation"
    assert (second["start_page"], second["end_page"]) == ("3967", "3976")
    assert second["keywords"] == ["Relation-based knowledge"]
    assert second["year"] == "2019"


def test_a_line_break_in_a_value_never_breaks_a_record(taxonomy, make_paper) -> None:
    # The model refuses control characters in a title; the writer must hold even if one got through.
    paper = make_paper(publisher="ER  - Fake").model_copy(update={"title": "Two\nlines\u2028and\rmore"})
    text = to_ris([paper], taxonomy)
    assert "TI  - Two lines and more\n" in text
    assert [line for line in text.splitlines() if line.startswith("ER  -")] == ["ER  - "]
    entries = rispy.loads(text)
    assert len(entries) == 1 and entries[0]["title"] == "Two lines and more"


def test_cli_exports_ris(collection, cli) -> None:
    result = cli("export", "ris")
    assert result.code == 0
    entries = rispy.loads(result.out)
    assert len(entries) > 0 and all(e.get("id") for e in entries)
