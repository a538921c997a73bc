"""The BibTeX importer on arbitrary text (a stranger's .bib is untrusted input): no traceback;
every draft becomes a record that passes the record model, or is reported with its line; and
`import bibtex` writes nothing but new records in papers/."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sitegen.cli import main
from sitegen.document import parse_yaml
from sitegen.fmt import render
from sitegen.importers.bibtex import decode_bytes, read_bibtex
from sitegen.importers.draft import build
from sitegen.model import paper_model

REPO = Path(__file__).resolve().parents[2]
COLLECTION = REPO / "tests" / "data" / "collection" / "papers"

# Pieces of BibTeX, LaTeX and the forms the importer treats apart, so that random text reaches
# its deeper paths (entries, fields, crossref, names, math) as well as its error paths.
_FRAGMENTS = [
    "@article{k,", "@inproceedings{DBLP:conf/x/1,", "@proceedings{p,", "@misc{m,", "@string{s = ", "@comment{", "@preamble{",
    "@article(k,", "}", "{", "}}", '"', ",", " = ", " # ", "\n", "  ", "title", "author", "year", "journal", "booktitle",
    "crossref = {p}", "crossref = {none}", " and ", "others", "{OpenAI}", "{Ernst and Young}", "Hinton, Geoffrey", "Maaten, L. van der",
    "$", "$\\alpha$", "$\\mathcal{O}(n)$", "$k$", "$x^2$", "\\", "\\'e", '{\\"o}', "\\textless{}", "\\input{x}", "--", "---",
    "2020", "1899", "2999", "0x7E4", "10.5555/a<b>_~c", "doi", "url", "eprint", "archiveprefix = {arXiv}", "1503.02531",
    "pages", "x_1--y_2", "volume", "010", "number", "%", "&", "~", "^", "_", "s", "jan", "https://example.org/a",
    "javascript:alert(1)", "\u202e", "\u200b", "\x00", "\r", "é", "中文",
]
_text = st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=6)), max_size=80).map("".join)


_LIKELY = {  # values of the right kind, to mix with arbitrary ones
    "title": st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="{}"), min_size=1, max_size=40).filter(str.strip),
    "author": st.lists(st.sampled_from(["Hinton, Geoffrey", "Oriol Vinyals", "{OpenAI}", "{Ernst and Young}", "L{\\'e}on Bottou",
                                        "others", "Maaten, L. van der", "Wei Liu 0001"]), min_size=1, max_size=4).map(" and ".join),
    "year": st.sampled_from(["2020", "2015", "1899", "2999", "0x7E4", "20 20"]),
    "journal": st.sampled_from(["IEEE Transactions on Pattern Analysis and Machine Intelligence", "CoRR", "arXiv preprint arXiv:1503.02531"]),
    "booktitle": st.sampled_from(["Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition", "NeurIPS"]),
    "doi": st.sampled_from(["10.5555/a<b>_~c", "10.1007/978-3-030-22796-8\\_7", "not a doi", "10.5555/x}y"]),
    "url": st.sampled_from(["https://example.org/a_b", "javascript:alert(1)", "https://arxiv.org/abs/1503.02531"]),
    "pages": st.sampled_from(["1--10", "x\\_1--y\\_2", "e1", "1:30", "12-{}-14"]),
    "volume": st.sampled_from(["12", "010", "abs/1503.02531", "0x10"]),
    "number": st.sampled_from(["3", "1:30", "S1"]),
    "eprint": st.sampled_from(["1503.02531", "hep-th/9901001", "nonsense"]),
    "crossref": st.sampled_from(["p", "DBLP:conf/x/1", "missing"]),
    "publisher": st.sampled_from(["{IEEE}", "Springer", "A \\& B"]),
    "note": st.text(max_size=20),
}


@st.composite
def _entries(draw) -> str:
    """Entries that look well formed, with values of the right kind or arbitrary: many reach the record model."""
    out = []
    for i in range(draw(st.integers(1, 4))):
        fields = []
        names = ["title", "author", "year"] + draw(st.lists(st.sampled_from(
            ["journal", "booktitle", "pages", "volume", "number", "doi", "url", "eprint", "crossref", "publisher", "note"]), max_size=5, unique=True))
        for name in draw(st.permutations(names)):
            value = draw(_LIKELY[name]) if name in _LIKELY and draw(st.integers(0, 7)) else draw(_text)
            fields.append(f"  {name} = {{{value}}}")
        kind = draw(st.sampled_from(["article", "inproceedings", "misc", "proceedings", "book", "unknown"]))
        out.append(f"@{kind}{{key{i},\n" + ",\n".join(fields) + "\n}\n")
    return "\n".join(out)


SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@SETTINGS
@given(st.one_of(_text, _entries()))
def test_every_entry_becomes_a_valid_record_or_a_reported_line(taxonomy, text: str) -> None:
    drafts, failures = read_bibtex(text, "x.bib")
    lines = text.count("\n") + 1
    for line, reason in failures:
        assert 1 <= line <= lines and reason
    outcome = build(drafts, taxonomy, [])
    model = paper_model(taxonomy)
    for draft, paper in outcome.created:
        again = model.model_validate(parse_yaml(render(paper).encode("utf-8"), "r.yaml").data)
        assert again.model_dump() == paper.model_dump()
    for draft, reasons in outcome.invalid:
        assert 1 <= draft.line <= lines and reasons


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.one_of(_text, _entries()).map(lambda t: t.encode("utf-8")) | st.binary(max_size=200))
def test_import_writes_only_new_records_in_papers(capsys: pytest.CaptureFixture[str], raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        for data in ("taxonomy.yaml", "venues.yaml"):
            shutil.copy(REPO / data, root)
        shutil.copytree(COLLECTION, root / "papers")
        (root / "in.bib").write_bytes(raw)
        before = _snapshot(root)
        capsys.readouterr()
        code = main(["--root", str(root), "import", "bibtex", str(root / "in.bib")])
        out = capsys.readouterr().out
        after = _snapshot(root)
        assert code in (0, 1)
        assert {k: v for k, v in after.items() if k in before} == before  # nothing changed
        new = sorted(set(after) - set(before))
        assert all(re.fullmatch(r"papers/[a-z]+[0-9]{4}[a-z0-9]+(-[0-9]+)?\.yaml", k) for k in new), new
        shown = str(root / "in.bib")
        assert all(line.startswith(shown + ":") for line in out.splitlines()), out
        text, _ = decode_bytes(raw, "in.bib")
        assert len(new) <= len(read_bibtex(text, "in.bib")[0])
