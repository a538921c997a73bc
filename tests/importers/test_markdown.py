"""The awesome-list importer, on named entry forms and on the project's seed list."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from sitegen.importers.markdown import Entry, parse_entry, read_markdown, split_entries
from sitegen.pipeline import load_collection

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "sources" / "awesome-knowledge-distillation.md"


@pytest.mark.parametrize(
    "text, title, authors, et_al, year, venue",
    [
        pytest.param(
            "1. [Spatial knowledge distillation to aid visual reasoning](https://arxiv.org/pdf/1812.03631.pdf). Aditya, S., Saha, R., Yang, Y. & Baral, C. (2019). WACV.",
            "Spatial knowledge distillation to aid visual reasoning", ["Aditya, S.", "Saha, R.", "Yang, Y.", "Baral, C."], False, 2019, "WACV",
            id="linked",
        ),
        pytest.param(
            "51.[Binaryconnect: Training deep neural networks](https://arxiv.org/pdf/1511.00363.pdf). Courbariaux, M., Bengio, Y. & David, J. P. (2015). NeurIPS.",
            "Binaryconnect: Training deep neural networks", ["Courbariaux, M.", "Bengio, Y.", "David, J. P."], False, 2015, "NeurIPS",
            id="no_space_after_number",
        ),
        pytest.param(
            "Gao, M., Wang, Y., & Wan, L. (2021). Residual Error Based Knowledge Distillation. Neurocomputing 433: 154-161.",
            "Residual Error Based Knowledge Distillation", ["Gao, M.", "Wang, Y.", "Wan, L."], False, 2021, "Neurocomputing",
            id="plain_journal_reference",
        ),
        pytest.param(
            "68. Fu, H., Zhou, S. (2021). LRC-BERT: Latent representation Contrastive Knowledge Distillation. In: AAAI.",
            "LRC-BERT: Latent representation Contrastive Knowledge Distillation", ["Fu, H.", "Zhou, S."], False, 2021, "AAAI",
            id="numbered_plain_reference",
        ),
        pytest.param(
            "251. [Understanding knowledge distillation](https://arxiv.org/pdf/1911.02727.pdf). Zhou C, Neubig G, Gu J (2019a). ICLR.",
            "Understanding knowledge distillation", ["Zhou, C.", "Neubig, G.", "Gu, J."], False, 2019, "ICLR",
            id="vancouver_names",
        ),
        pytest.param(
            "53. [Knowledge distillation across ensembles](https://ieeexplore.ieee.org/document/7953073). Cui, J., Kingsbury, B. & et al. (2017).ICASSP.",
            "Knowledge distillation across ensembles", ["Cui, J.", "Kingsbury, B."], True, 2017, "ICASSP",
            id="et_al",
        ),
        pytest.param(
            "189. [Fbnet](https://arxiv.org/pdf/1812.03443.pdf). Wu, B., Dai, X., ... & Keutzer, K. (2019). CVPR.",
            "Fbnet", ["Wu, B.", "Dai, X."], True, 2019, "CVPR",
            id="ellipsis_in_author_list",
        ),
        pytest.param(
            "12. [Densely connected convolutional networks](https://arxiv.org/pdf/1608.06993.pdf). Huang, G., Liu, Z., Van, Der Maaten, L. & Weinberger, K. Q. (2017). CVPR.",
            "Densely connected convolutional networks", ["Huang, G.", "Liu, Z.", "van der Maaten, L.", "Weinberger, K. Q."], False, 2017, "CVPR",
            id="particle_split_off",
        ),
        pytest.param(
            "66. [Unifying distillation](https://arxiv.org/pdf/1511.03643.pdf). Lopez-Paz, D., Sch¨olkopf, B. &Vapnik, V. (2016). ICLR.",
            "Unifying distillation", ["Lopez-Paz, D.", "Schölkopf, B.", "Vapnik, V."], False, 2016, "ICLR",
            id="detached_accent_and_glued_ampersand",
        ),
    ],
)
def test_entry_forms(text: str, title: str, authors: list[str], et_al: bool, year: int, venue: str) -> None:
    draft = parse_entry(Entry(1, 1, text), "list.md")
    assert not isinstance(draft, str), draft
    assert (draft.title, draft.authors, draft.et_al, draft.year, draft.venue_text) == (title, authors, et_al, year, venue)


def test_journal_details_are_split_out() -> None:
    draft = parse_entry(Entry(1, 1, "19. [Representation learning](https://arxiv.org/pdf/1206.5538.pdf). Bengio, Y. (2013). IEEE TPAMI 35(8): 1798–1828."), "l.md")
    assert not isinstance(draft, str)
    assert (draft.venue_text, draft.volume, draft.number, draft.pages, draft.arxiv) == ("IEEE TPAMI", "35", "8", "1798-1828", "1206.5538")


def test_an_entry_split_over_lines_is_joined_and_a_broken_name_rejoined() -> None:
    entries, skipped = split_entries(
        "56. [ImageNet](https://x.org/a). Deng, J., Li, K., & Fei-\nFei, L. (2009). CVPR.\n"
        "Goldblum, M., Fowl, L. & Goldstein, T.\n(2020). Adversarially robust distillation. In: AAAI.\n"
    )
    assert skipped == []
    assert [(e.line, e.lines) for e in entries] == [(1, 2), (3, 2)]
    assert "Fei-Fei, L." in entries[0].text


def test_the_seed_list_parses_completely() -> None:
    parsed = read_markdown(SEED, record_lines=True)
    assert len(parsed.entries) == 356
    assert Counter(parsed.forms.values()) == {"linked": 318, "plain": 34, "title-only": 4}
    assert sum(e.lines > 1 for e in parsed.entries) == 57
    assert parsed.unreadable == []


@pytest.fixture
def empty_collection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(ROOT / "taxonomy.yaml", tmp_path)
    shutil.copy(ROOT / "venues.yaml", tmp_path)
    (tmp_path / "papers").mkdir()
    shutil.copy(SEED, tmp_path / "seed.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_importing_the_seed_merges_its_repeats(empty_collection: Path, cli) -> None:
    result = cli("import", "markdown", "seed.md", "--seed")
    lines = result.out.splitlines()
    # One entry gives only a title that no other entry has: a candidate now, not an error (issue 9).
    assert result.code == 0
    collision = "has a suffixed id because its key is taken by"
    assert [line for line in lines if "created" not in line] == [
        f"seed.md:147: note: papers/heo2019knowledge-2.yaml {collision} papers/heo2019knowledge.yaml; check they are different works",
        "seed.md:157: same work as papers/chen2017learning.yaml (same title (the entry gives only a title and a link)); merged into it",
        "seed.md:158: same work as papers/zhang2019fast.yaml (same title (the entry gives only a title and a link)); merged into it",
        "seed.md:159: same work as papers/meng2019conditional.yaml (same arXiv id 1904.12399); merged into it",
        "seed.md:160: same work as papers/hinton2015distilling.yaml (same arXiv id 1503.02531); merged into it",
        "seed.md:161: same work as papers/hoffman2016learning.yaml (ids collide, same title, same first author, same year (2016)); merged into it",
        "seed.md:191: candidate (no authors or year): listed in sources/candidates.yaml",
        f"seed.md:216: note: papers/liu2019knowledge-2.yaml {collision} papers/liu2019knowledge.yaml; check they are different works",
        f"seed.md:225: note: papers/liu2019knowledge-3.yaml {collision} papers/liu2019knowledge.yaml; check they are different works",
        f"seed.md:371: note: papers/xu2020knowledge-2.yaml {collision} papers/xu2020knowledge.yaml; check they are different works",
        "seed.md:375: warning: probable duplicate of papers/xu2018data.yaml (same title, other first authors, years 2018 and 2019); "
        "the record is written: merge them or list each other under distinct_from",
    ]
    assert result.err.splitlines()[0] == (
        "358 entries (318 linked, 34 plain, 4 title-only; 57 over several lines); created 350, "
        "matched 5, candidate 1, not a paper 2, out of scope 0, unreadable 0; 1 probable duplicates to check; 0 records of the collection enriched"
    )
    assert len(list((empty_collection / "papers").glob("*.yaml"))) == 350
    hinton = (empty_collection / "papers" / "hinton2015distilling.yaml").read_text()
    assert "seed: [150, 160]" in hinton
    again = cli("import", "markdown", "seed.md", "--seed")
    assert "created" not in again.out
    assert again.out.count("already in the collection") == 355
    assert "seed.md:191: candidate, already listed in sources/candidates.yaml" in again.out
    assert again.err.splitlines()[0].endswith("created 0, matched 355, candidate 1, not a paper 2, out of scope 0, unreadable 0; 0 probable duplicates to check; 0 records of the collection enriched")


def test_a_dry_run_writes_nothing(empty_collection: Path, cli) -> None:
    result = cli("import", "markdown", "seed.md", "--dry-run")
    assert "would create 350, matched 5, candidate 1" in result.err
    assert list((empty_collection / "papers").iterdir()) == []


def test_every_seed_entry_maps_to_exactly_one_record() -> None:
    entries = read_markdown(SEED).entries
    owners: dict[int, list[str]] = {}
    for paper in load_collection(ROOT).papers:
        for line in paper.sources.seed if paper.sources else []:
            owners.setdefault(line, []).append(paper.id)
    assert {e.line: len(owners.get(e.line, [])) for e in entries} == {e.line: 1 for e in entries}
    assert set(owners) == {e.line for e in entries}
