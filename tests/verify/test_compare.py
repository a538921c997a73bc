"""compare: each kind of disagreement between a record and one witness, as named cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.model import paper_model
from sitegen.taxonomy import Taxonomy
from sitegen.verify.compare import compare, family
from sitegen.verify.witness import Witness

REPO = Path(__file__).resolve().parents[2]
TAXONOMY = Taxonomy.load(REPO)
RECORD = {
    "id": "minami2019knowledge", "title": "Knowledge transfer graph for deep collaborative learning",
    "authors": ["Minami, S.", "Hirakawa, T.", "Yamashita, T.", "Fujiyoshi, H."], "year": 2019, "venue": "arxiv",
    "type": "misc", "arxiv": "1909.04286", "scope": "related",
}
AUTHORS = ("Minami, Soma", "Hirakawa, Tsubasa", "Yamashita, Takayoshi", "Fujiyoshi, Hironobu")
URL = "https://example.org/witness"


def paper(**changes):
    return paper_model(TAXONOMY).model_validate({**RECORD, **changes})


def witness(**changes) -> Witness:
    fields = {"source": "dblp", "url": URL, "title": "Knowledge Transfer Graph for Deep Collaborative Learning",
              "authors": AUTHORS, "year": 2019, "of_record": False}
    return Witness(**{**fields, **changes})


def messages(record, seen: Witness) -> list[str]:
    return [p.message for p in compare(record, seen, TAXONOMY)]


@pytest.mark.parametrize(
    "record, seen, expected",
    [
        pytest.param(paper(), witness(title="Knowledge transfer graph for deep collaborative learning."), [], id="same_words_same_capitals"),
        pytest.param(paper(venue="accv", type="inproceedings"), witness(), [], id="preprint_capitals_do_not_judge_a_published_record"),
        pytest.param(paper(), witness(), [f"title: other capitals on dblp: 'Knowledge Transfer Graph for Deep Collaborative Learning' ({URL})"],
                     id="preprint_capitals_judge_a_preprint_record"),
        pytest.param(paper(), witness(title="Knowledge-transfer graphs for deep collaborative learning"),
                     [f"title: other words on dblp: 'Knowledge-transfer graphs for deep collaborative learning' ({URL})"], id="other_words"),
        pytest.param(paper(alt_titles=["Knowledge-transfer graphs for deep collaborative learning"]),
                     witness(title="Knowledge-transfer graphs for deep collaborative learning"), [], id="a_known_other_title"),
        pytest.param(paper(), witness(title="Knowledge transfer graph: for deep, collaborative learning", of_record=True),
                     [], id="punctuation_alone_is_no_disagreement"),
        pytest.param(paper(authors=["Minami, S.", "Yamashita, T.", "Hirakawa, T.", "Fujiyoshi, H."]), witness(title=RECORD["title"]),
                     [f"authors: another order on dblp: {'; '.join(AUTHORS)} ({URL})"], id="other_order"),
        pytest.param(paper(authors=["Minami, S.", "Hirakawa, T.", "Yamasita, T.", "Fujiyoshi, H."]), witness(title=RECORD["title"]),
                     [f"authors[2]: family name 'Yamasita' here, 'Yamashita' on dblp ({URL})"], id="other_family_name"),
        pytest.param(paper(authors=["Minami, S.", "Hirakawa, T."], et_al=True), witness(title=RECORD["title"]),
                     [f"authors: the list here stops after 2 (et_al); 4 on dblp: {'; '.join(AUTHORS)} ({URL})"], id="et_al_where_the_list_is_known"),
        pytest.param(paper(authors=["Hirakawa, T.", "Yamashita, T.", "Fujiyoshi, H."]), witness(title=RECORD["title"]),
                     [f"authors: 3 here, 4 on dblp: {'; '.join(AUTHORS)} ({URL})"], id="first_author_dropped"),
        pytest.param(paper(), witness(title=RECORD["title"], year=2020, of_record=True, venue="ACCV (5)"),
                     [f"year: 2019 here, 2020 on dblp ({URL})", f"venue: arxiv here, 'ACCV (5)' (accv) on dblp ({URL})"],
                     id="published_venue_and_year"),
        pytest.param(paper(venue="accv", type="inproceedings", year=2020), witness(title=RECORD["title"], year=2019),
                     [], id="a_preprint_year_does_not_judge_a_published_record"),
        pytest.param(paper(), witness(title=RECORD["title"], of_record=True, venue="Pattern Anal. Appl."),
                     [f"venue: arxiv here; published in 'Pattern Anal. Appl.' on dblp, a venue venues.yaml does not know ({URL})"],
                     id="published_in_a_venue_the_registry_lacks"),
        pytest.param(paper(), witness(source="arXiv", title=RECORD["title"], journal_ref="ACCV 2020"),
                     [f"venue: arxiv here; arXiv gives the journal reference 'ACCV 2020' ({URL})"], id="journal_reference"),
        pytest.param(paper(arxiv=None), witness(title=RECORD["title"], arxiv="1909.04286"),
                     [f"arxiv: none here; dblp links the arXiv version 1909.04286 ({URL})"], id="missing_arxiv_id"),
        pytest.param(paper(), witness(source="Crossref", title=RECORD["title"], of_record=True, doi="10.1007/978-3-030-69538-5_13"),
                     [f"doi: none here; Crossref gives 10.1007/978-3-030-69538-5_13 ({URL})"], id="missing_doi"),
        pytest.param(paper(), witness(title=RECORD["title"], arxiv="1909.04268"),
                     [f"arxiv: 1909.04286 here, 1909.04268 on dblp ({URL})"], id="other_arxiv_id"),
        pytest.param(paper(doi="10.1007/978-3-030-69538-5_31"), witness(source="Crossref", title=RECORD["title"], of_record=True, doi="10.1007/978-3-030-69538-5_13"),
                     [f"doi: 10.1007/978-3-030-69538-5_31 here, 10.1007/978-3-030-69538-5_13 on Crossref ({URL})"], id="other_doi"),
        pytest.param(paper(doi="10.1007/978-3-030-69538-5_13"), witness(source="Crossref", title=RECORD["title"], of_record=True, doi="10.1007/978-3-030-69538-5_13".upper()),
                     [], id="a_doi_in_other_capitals_is_the_same"),
    ],
)
def test_disagreements(record, seen: Witness, expected: list[str]) -> None:
    assert messages(record, seen) == expected


@pytest.mark.parametrize(
    "one, other",
    [("Pouget-Abadie, Jean", "Pouget Abadie, J."), ("Schölkopf, Bernhard", "Scholkopf, B."), ("van der Maaten, Laurens", "Van der Maaten, L.")],
)
def test_family_names_compare_without_accents_case_or_hyphens(one: str, other: str) -> None:
    assert family(one) == family(other)
