"""The people registry and who each author is: written forms merged only where one person is
the only reading, registry people and `author_ids` settling the rest, ambiguity reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.errors import DataError
from sitegen.people import NameForm, Registry
from sitegen.pipeline import load_collection
from sitegen.site.people import group_forms, people_of

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "people"


def collection_copy(folder: Path, registry: bool = True) -> Path:
    """tests/data/people with the repository's taxonomy and venues (and without people.yaml)."""
    shutil.copytree(DATA / "papers", folder / "papers")
    for name in ("taxonomy.yaml", "venues.yaml"):
        shutil.copyfile(REPO / name, folder / name)
    if registry:
        shutil.copyfile(DATA / "people.yaml", folder / "people.yaml")
    return folder


@pytest.mark.parametrize(
    "forms, expected",
    [
        pytest.param(["Hinton, G.", "Hinton, G. E."], [["Hinton, G.", "Hinton, G. E."]], id="initial_prefix"),
        pytest.param(["Hinton, Geoffrey", "Hinton, Geoffrey E."], [["Hinton, Geoffrey", "Hinton, Geoffrey E."]], id="full_name_prefix"),
        pytest.param(["Hinton, G. E.", "Hinton, Geoffrey E."], [["Hinton, G. E."], ["Hinton, Geoffrey E."]], id="initial_is_not_taken_for_a_full_name"),
        pytest.param(["Gómez, Ángel", "Gomez, Angel"], [["Gomez, Angel", "Gómez, Ángel"]], id="accents"),
        pytest.param(["Müller, R.", "MÜLLER, R."], [["MÜLLER, R.", "Müller, R."]], id="case"),
        pytest.param(["Li, J.-P.", "Li, J. P.", "Li, Jian-Ping"], [["Li, J. P.", "Li, J.-P."], ["Li, Jian-Ping"]], id="hyphenated_given_names"),
        pytest.param(["Müller, R.", "Mueller, R."], [["Mueller, R."], ["Müller, R."]], id="transliteration_is_not_folded"),
        pytest.param(["Hinton, G.", "Hinton, E."], [["Hinton, E."], ["Hinton, G."]], id="different_initials"),
        pytest.param(["Wang, Xin", "Wang, Xiao"], [["Wang, Xiao"], ["Wang, Xin"]], id="different_full_names"),
        pytest.param(
            ["Wang, X.", "Wang, X. Y.", "Wang, X. Z."],
            [["Wang, X."], ["Wang, X. Y."], ["Wang, X. Z."]],
            id="ambiguous_short_form_stays_apart",
        ),
        pytest.param(["Li, Y.", "Li, Yuanzhi", "Li, Yazhe"], [["Li, Y."], ["Li, Yazhe"], ["Li, Yuanzhi"]], id="li_y_apart"),
        pytest.param(["Tao, D.", "Xu, D."], [["Tao, D."], ["Xu, D."]], id="other_family"),
    ],
)
def test_group_forms(forms: list[str], expected: list[list[str]]) -> None:
    assert group_forms(forms) == expected


def test_grouping_does_not_depend_on_order() -> None:
    forms = ["Hinton, G.", "Wang, X. Y.", "Hinton, G. E.", "Wang, X.", "Wang, X. Z.", "Gomez, A.", "Gómez, A."]
    assert group_forms(forms) == group_forms(list(reversed(forms)))


def test_name_form_reads_initials_written_together() -> None:
    assert NameForm.parse("Hinton, G.E.").given == (("g", None), ("e", None))
    assert NameForm.parse("Kahou, Samira E.").given == (("s", "samira"), ("e", None))


@pytest.mark.parametrize(
    "short, precise, refined",
    [
        ("Li, Y.", "Li, Yuanzhi", True),
        ("Hinton, G.", "Hinton, G. E.", True),
        ("Hinton, G. E.", "Hinton, G.", False),
        ("Li, Yuanzhi", "Li, Y.", False),
        ("Li, Yazhe", "Li, Yuanzhi", False),
        ("Wang, X. Y.", "Wang, X. Z.", False),
    ],
)
def test_refined_by(short: str, precise: str, refined: bool) -> None:
    assert NameForm.parse(short).refined_by(NameForm.parse(precise)) is refined


def test_li_y_is_two_people_and_the_short_form_asks_which(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = collection_copy(tmp_path / "c")
    assert main(["--root", str(root), "check"]) == 0  # a note does not fail check
    out, err = capsys.readouterr()
    assert out == (
        f"{root / 'papers' / 'nie2019dynamic.yaml'}:5:5: note: author 'Li, Y.' may be one of 2 people: "
        "Li, Yazhe (li-yazhe in people.yaml); Li, Yuanzhi (li-yuanzhi in people.yaml); "
        "write the given names as the paper gives them, or name the person under author_ids\n"
    )
    assert err.endswith("0 errors, 0 warnings in 0 files; 1 note: ok\n")
    assert main(["--root", str(root), "check", "--strict"]) == 0  # nor --strict: only a source can settle it

    collection = load_collection(root)
    found = people_of(collection.papers, collection.registry, collection.attribution)
    pages = {p.slug: p for p in found.persons}
    assert pages["li-yuanzhi"].papers == ("allenzhu2019learning",)
    assert pages["li-yazhe"].papers == ("vandenoord2018parallel",)  # named by author_ids
    assert pages["li-y"].papers == ("nie2019dynamic",)  # not attributed to either
    assert pages["li-y"].may_be == (("Li, Yazhe", "li-yazhe"), ("Li, Yuanzhi", "li-yuanzhi"))


def test_one_person_written_in_two_forms_has_one_page(tmp_path: Path) -> None:
    root = collection_copy(tmp_path / "c")
    collection = load_collection(root)
    pages = {p.slug: p for p in people_of(collection.papers, collection.registry, collection.attribution).persons}
    hinton = pages["hinton-geoffrey-e"]
    assert hinton.forms == ("Hinton, G.", "Hinton, G. E.")
    assert hinton.papers == ("hinton2015distilling", "krizhevsky2012imagenet")
    assert hinton.name == "Hinton, Geoffrey E."


def test_adding_given_names_to_records_splits_the_page(tmp_path: Path) -> None:
    """Without a registry, three records writing 'Li, Y.' make one page; once two records give
    the given names, each named person has a page and the rest wait, with a note."""
    root = collection_copy(tmp_path / "c", registry=False)
    papers = root / "papers"
    for name in ("allenzhu2019learning", "vandenoord2018parallel"):
        path = papers / f"{name}.yaml"
        text = path.read_text(encoding="utf-8").replace("  - Li, Yuanzhi\n", "  - Li, Y.\n")
        path.write_text(text.replace("author_ids:\n  Li, Y.: li-yazhe\n", ""), encoding="utf-8")
    before = load_collection(root)
    assert [p.format() for p in before.problems] == []
    pages = {p.slug: p.papers for p in people_of(before.papers, before.registry, before.attribution).persons}
    assert pages["li-y"] == ("allenzhu2019learning", "nie2019dynamic", "vandenoord2018parallel")

    for name, given in (("allenzhu2019learning", "Li, Yuanzhi"), ("vandenoord2018parallel", "Li, Yazhe")):
        path = papers / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("  - Li, Y.\n", f"  - {given}\n"), encoding="utf-8")
    after = load_collection(root)
    pages = {p.slug: p.papers for p in people_of(after.papers, after.registry, after.attribution).persons}
    assert pages["li-yuanzhi"] == ("allenzhu2019learning",)
    assert pages["li-yazhe"] == ("vandenoord2018parallel",)
    assert pages["li-y"] == ("nie2019dynamic",)
    assert [p.format().split(": ", 1)[1] for p in after.problems] == [
        "note: author 'Li, Y.' may be one of 2 people: Li, Yazhe (as records write it); Li, Yuanzhi (as records write it); "
        "write the given names as the paper gives them, or name the person under author_ids"
    ]


def test_a_given_name_alone_does_not_take_the_short_forms(tmp_path: Path) -> None:
    """One record giving 'Li, Yuanzhi' leaves the 'Li, Y.' papers unattributed, rather than
    putting another Li's papers on Yuanzhi Li's page; one more precise form is no ambiguity to
    warn about (two are: see the next test)."""
    root = collection_copy(tmp_path / "c", registry=False)
    path = root / "papers" / "vandenoord2018parallel.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("author_ids:\n  Li, Y.: li-yazhe\n", ""), encoding="utf-8")
    collection = load_collection(root)
    pages = {p.slug: p.papers for p in people_of(collection.papers, collection.registry, collection.attribution).persons}
    assert pages["li-yuanzhi"] == ("allenzhu2019learning",)
    assert pages["li-y"] == ("nie2019dynamic", "vandenoord2018parallel")
    assert sum(p.severity == "warning" for p in collection.problems) == 0


@pytest.mark.parametrize(
    "registry, message",
    [
        pytest.param(
            "people:\n  - id: li-y\n    name: Li, Y.\n    source: s\n  - id: li-y\n    name: Li, Yuan\n    source: s\n",
            "people.yaml:5:9: error: person id 'li-y' is used twice",
            id="duplicate_id",
        ),
        pytest.param(
            "people:\n  - id: li-y\n    name: Li, Yuan\n    variants: [Li, Y.]\n    source: s\n",
            "people.yaml:4:16: error: variant 'Li' is not of the form 'Family, Given' (in a [bracketed] list commas split names: write one name per line)",
            id="flow_list_splits_names",
        ),
        pytest.param(
            "people:\n  - id: Li Yuan\n    name: Li, Yuan\n    source: s\n",
            "people.yaml:2:9: error: people[0].id:",
            id="bad_id",
        ),
        pytest.param(
            "people:\n  - id: li-yuan\n    name: Li, Yuan\n    source: s\n    ids:\n      orcid: 1234\n",
            "people.yaml:6:14: error: people[0].ids.orcid:",
            id="orcid_not_text",
        ),
        pytest.param(
            "people:\n  - id: li-yuan\n    name: Li, Yuan\n",
            "people.yaml:2:5: error: missing required field 'source' in people[0]",
            id="source_required",
        ),
    ],
)
def test_bad_registry(tmp_path: Path, registry: str, message: str) -> None:
    (tmp_path / "people.yaml").write_text(registry, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        Registry.load(tmp_path)
    shown = [p.format().replace(str(tmp_path) + "/", "") for p in raised.value.problems]
    assert shown[0].startswith(message), shown


@pytest.mark.parametrize(
    "author_ids, message",
    [
        pytest.param("author_ids:\n  Li, Y.: li-yazhee\n", "author_ids: 'li-yazhee' is not a person in people.yaml; did you mean 'li-yazhe'?", id="unknown_person"),
        pytest.param("author_ids:\n  Li, Yazhe: li-yazhe\n", "author_ids: 'Li, Yazhe' is not one of the record's authors", id="not_an_author"),
    ],
)
def test_bad_author_ids(tmp_path: Path, author_ids: str, message: str) -> None:
    root = collection_copy(tmp_path / "c")
    path = root / "papers" / "vandenoord2018parallel.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("author_ids:\n  Li, Y.: li-yazhe\n", author_ids), encoding="utf-8")
    errors = [p for p in load_collection(root).problems if p.is_error]
    assert [(p.path.endswith("vandenoord2018parallel.yaml"), p.line, p.message) for p in errors] == [(True, 9, message)]


def test_no_registry_is_an_empty_registry(tmp_path: Path) -> None:
    assert Registry.load(tmp_path) == Registry()


def test_the_repository_registry_loads_and_names_no_one_twice() -> None:
    registry = Registry.load(REPO)
    assert all(len(ids) == 1 for ids in registry.declared.values()) or registry.entries == {}


def test_checking_one_record_still_sees_the_people_of_the_others(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check PATH` (and `check --changed`) validates one record; who its authors may be still
    comes from the whole collection."""
    root = collection_copy(tmp_path / "c", registry=False)
    other = root / "papers" / "vandenoord2018parallel.yaml"  # its 'Li, Y.' written in full: two people 'Li, Y.' may be
    other.write_text(other.read_text(encoding="utf-8").replace("author_ids:\n  Li, Y.: li-yazhe\n", "").replace("  - Li, Y.\n", "  - Li, Yazhe\n"), encoding="utf-8")
    record = root / "papers" / "nie2019dynamic.yaml"
    assert main(["--root", str(root), "check", "--strict", str(record)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{record}:5:5: note: author 'Li, Y.' may be one of 2 people: Li, Yazhe (as records write it); Li, Yuanzhi (as records write it)")
    assert main(["--root", str(root), "check", "--strict", str(root / "papers" / "hinton2015distilling.yaml")]) == 0
