"""`sitegen import`: what reaches papers/ from a .bib or Markdown list that is not UTF-8, uses
dblp's crossref, or has unbalanced braces; never a traceback."""

from __future__ import annotations

from pathlib import Path

from tests.contrib import DATA

LATIN1_ENTRY = (
    "@article{dupont2019cafe,\n  title = {Distillation au caf\u00e9},\n  author = {Dupont, Ren\u00e9},\n"
    "  journal = {IEEE Transactions on Pattern Analysis and Machine Intelligence},\n  year = {2019}\n}\n"
)


def _papers(folder: Path) -> set[str]:
    return {p.name for p in (folder / "papers").iterdir()}


def test_a_latin1_bib_is_imported_with_a_warning(collection: Path, cli) -> None:
    (collection / "old.bib").write_bytes(LATIN1_ENTRY.encode("latin-1"))
    before = _papers(collection)
    result = cli("import", "bibtex", "old.bib")
    assert result.code == 0
    assert result.err.startswith(
        "old.bib:2:31: warning: the file is not UTF-8 (byte 0xe9); read as Windows-1252 (cp1252). Check the accented letters of the records it gives\n"
    )
    assert result.out == "old.bib:1: created papers/dupont2019distillation.yaml\n"
    assert _papers(collection) - before == {"dupont2019distillation.yaml"}
    record = (collection / "papers" / "dupont2019distillation.yaml").read_text(encoding="utf-8")
    assert "title: Distillation au caf\u00e9\n" in record and "  - Dupont, Ren\u00e9\n" in record


def test_add_reads_a_latin1_entry(collection: Path, cli) -> None:
    (collection / "old.bib").write_bytes(LATIN1_ENTRY.encode("latin-1"))
    result = cli("add", "--bibtex", "old.bib", "--knowledge", "response-based", "--no-input")
    assert result.code == 0, result.err
    assert "read as Windows-1252 (cp1252)" in result.err
    assert "title: Distillation au caf\u00e9\n" in (collection / "papers" / "dupont2019distillation.yaml").read_text(encoding="utf-8")


def test_a_markdown_list_that_is_not_utf8_is_refused_with_its_position(collection: Path, cli) -> None:
    (collection / "list.md").write_bytes("# Papers\n\n- Distillation au caf\u00e9 (2019)\n".encode("latin-1"))
    before = _papers(collection)
    result = cli("import", "markdown", "list.md", "--dry-run")  # --dry-run reads any list, registered or not
    assert result.code == 1
    assert result.err == (
        "list.md:3:22: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8 and import it again\n"
        "1 error, 0 warnings in 1 file\n"
    )
    assert _papers(collection) == before


def test_a_dblp_export_with_crossref_gives_one_record(collection: Path, cli) -> None:
    result = cli("import", "bibtex", str(DATA / "bibtex" / "dblp-crossref.bib"))
    assert result.code == 0, result.out + result.err
    assert result.out.endswith("dblp-crossref.bib:1: created papers/zhao2022decoupled.yaml\n")
    record = (collection / "papers" / "zhao2022decoupled.yaml").read_text(encoding="utf-8")
    assert "year: 2022\n" in record and "venue: cvpr\n" in record and "publisher: IEEE\n" in record


def test_an_extra_brace_is_reported_at_the_brace_and_the_other_entries_imported(collection: Path, cli) -> None:
    (collection / "lib.bib").write_text(
        "@article{a,\n  title = {Know}ledge distillation},\n  author = {Smith, J.},\n  year = {2020}\n}\n\n" + LATIN1_ENTRY,
        encoding="utf-8",
    )
    result = cli("import", "bibtex", "lib.bib")
    assert result.code == 1
    assert result.out == (
        "lib.bib:2: error: cannot read this entry: unbalanced braces: the '}' at column 16 closes the value of field 'title' "
        "before the value ends; remove it, or add the '{' it should close\n"
        "lib.bib:7: created papers/dupont2019distillation.yaml\n"
    )
