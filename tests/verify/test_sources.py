"""Reading each service's answer: which dblp hit is the paper, arXiv's and Crossref's records."""

from __future__ import annotations

import json

from sitegen.verify import arxiv, crossref, dblp
from tests.verify.conftest import DATA
from tests.verify.test_compare import paper

RESPONSES = DATA / "responses"


def test_dblp_prefers_the_published_entry_and_keeps_the_corr_one_for_its_arxiv_id() -> None:
    born = paper(id="furlanello2018born", title="Born again neural networks", authors=["Furlanello, T."], year=2018, arxiv=None)
    published, preprint = dblp.witnesses((RESPONSES / "dblp/born-again.json").read_text(), born)
    assert (published.title, published.venue, published.year, published.of_record, published.arxiv) == (
        "Born Again Neural Networks", "ICML", 2018, True, None)
    assert published.authors == ("Furlanello, Tommaso", "Lipton, Zachary", "Tschannen, Michael", "Itti, Laurent", "Anandkumar, Anima")
    assert (preprint.venue, preprint.of_record, preprint.arxiv) == ("CoRR", False, "1805.04770")


def test_dblp_hits_with_other_titles_are_not_the_paper() -> None:
    other = paper(id="furlanello2018born", title="Born to learn: the inspiration of ensembles", authors=["Furlanello, T."], year=2018)
    assert dblp.witnesses((RESPONSES / "dblp/born-again.json").read_text(), other) == []
    assert dblp.witnesses((RESPONSES / "dblp/no-hits.json").read_text(), other) == []


def test_dblp_is_sent_only_the_words() -> None:
    assert dblp.query("Self-Distillation: A | B -C") == "Self Distillation A B C"


def test_an_arxiv_entry_read_back_from_the_cache() -> None:
    feed = arxiv._feed((RESPONSES / "arxiv/batch-three-ids.xml").read_bytes())
    entries = {arxiv.parse_arxiv(arxiv._text(e, f"{arxiv._ATOM}id")): e for e in feed.findall(f"{arxiv._ATOM}entry")}
    kept = arxiv.ET.tostring(entries["1911.02727"], encoding="unicode")
    seen = arxiv.witness(kept, "1911.02727")
    assert (seen.title, seen.authors, seen.year, seen.of_record) == (
        "Understanding Knowledge Distillation in Non-autoregressive Machine Translation",
        ("Zhou, Chunting", "Neubig, Graham", "Gu, Jiatao"), 2019, False)


def test_a_crossref_work() -> None:
    seen = crossref.witness((RESPONSES / "crossref/10.1007-s11263-021-01453-z.json").read_text(), "10.1007/s11263-021-01453-z")
    assert (seen.title, seen.year, seen.venue, seen.of_record) == ("Knowledge Distillation: A Survey", 2021, "International Journal of Computer Vision", True)
    assert json.loads((RESPONSES / "crossref/10.1007-s11263-021-01453-z.json").read_text())["message"]["DOI"] == seen.doi
