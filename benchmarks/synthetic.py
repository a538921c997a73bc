"""Synthetic collections of valid records, for benchmarks of every stage (check, dedupe, export, site).

`generate(n, folder, seed=0)` writes a whole collection folder: the project's taxonomy.yaml and
venues.yaml, copied unchanged, and `n` records in papers/. The records are built to pass
`sitegen check` with no error and no warning: ids follow the key rule, titles are distinct
enough that dedupe proposes no group, arXiv ids and DOIs are unique, labels and survey
sections come from the taxonomy in its canonical order, and each entry type fits its venue.

They are shaped like the real collection, so that costs scale the way they would: about four
authors a paper drawn from a pool in which a few people write many papers, some people written
in two forms ('Family, G.' and 'Family, G. E.'), accented names, most papers from 2015 on,
every taxonomy axis used, a share of related (background) works, short names, code links.
The same `n` and `seed` always give the same files.

DOIs use the 10.5555 prefix and links use example.org, both reserved for examples, so no
synthetic record can be mistaken for a real work.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from sitegen.keys import base_key, next_free
from sitegen.model import FIELD_NAMES
from sitegen.taxonomy import TAXONOMY_FILE, VENUES_FILE, Taxonomy

REPO = Path(__file__).resolve().parent.parent
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: same text, faster

_FAMILIES = """Adams Alvarez Bauer Becker Bianchi Brown Carvalho Chen Costa Dubois Fischer Fontaine
García Gómez Gupta Hansen Hoffmann Huang Ivanov Jensen Kim Kowalski Kumar Larsen Lee Li Liu López
Martin Meyer Moreau Müller Nakamura Nguyen Novak Olsen Park Petrov Rossi Sato Schmidt Schneider
Silva Singh Smith Suzuki Tanaka Taylor Wagner Wang Weber Wu Yamamoto Yang Zhang Zhao Şahin Øster
Ångström Dvořák Nørgaard Kuşçu Čapek Łukasz Núñez Peña Björk Söderberg""".split()
_GIVEN = """Ada Alexei Ana Anders Beatriz Bo Carlos Chen Daniel Elena Emil Fang Felix Hana Hiroshi
Ines Ivan Jae Jin Jonas Julia Kai Karin Lars Lei Li Lucas Mei Ming Nadia Olga Omar Paulo Priya
Rahul Rui Sara Sofia Tomás Wei Xin Yan Yuki Zoé Zhen""".split()
_WORDS = """adaptive aligned attentive balanced bidirectional calibrated collaborative compact
conditional consistent contrastive cooperative cross curriculum decoupled dense dynamic efficient
ensemble entropy episodic equivariant feature federated frequency gated generative global graph
hierarchical hybrid implicit incremental interactive invariant joint latent layerwise lightweight
local masked meta multiscale mutual neural online optimal orthogonal patch privileged progressive
pruned quantized recurrent regional relational residual robust scalable selective semantic sparse
spatial spectral structured temporal topological transferable uncertainty unified weighted""".split()
_NOUNS = """alignment attention bottleneck calibration codebook compression correlation detector
distillation embedding encoder ensemble estimation features gradients graphs hashing heads hints
knowledge logits manifold margins networks objectives pathways policies priors prototypes
quantization relations representations retrieval routing samples segmentation similarity students
teachers tokens trajectories transfer transformers""".split()
_TASKS = """image classification, object detection, semantic segmentation, face recognition, speech
recognition, machine translation, question answering, recommendation, pose estimation, depth
estimation, action recognition, person re-identification, image retrieval, text generation,
graph learning, anomaly detection, video captioning, reinforcement learning""".replace("\n", " ").split(", ")
_PATTERNS = (
    "{Adj} {noun} for {task}",
    "Learning {adj} {noun} with {adj2} {noun2}",
    "{Adj} and {adj2} {noun} distillation",
    "Towards {adj} {noun} in {task}",
    "{Adj} {noun} transfer via {adj2} {noun2}",
    "On the {noun} of {adj} {noun2}",
    "Distilling {adj} {noun} into {adj2} {noun2} for {task}",
    "{Adj} {noun}: {adj2} {noun2} for {task}",
)


def _person(rng: random.Random, double_barrelled: bool = False) -> tuple[str, list[str]]:
    """A family name and one to three given-name parts, some written as initials only."""
    family = rng.choice(_FAMILIES)
    if double_barrelled or rng.random() < 0.15:
        family = f"{family}-{rng.choice(_FAMILIES)}"
    given = [rng.choice(_GIVEN)] + [rng.choice(_GIVEN) for _ in range(rng.choice((0, 0, 1, 1, 2)))]
    return family, given


def _written(family: str, given: list[str], spelled: bool, fuller: bool) -> str:
    """How a record writes the person: initials, or a full first name (`spelled`), sometimes
    shortened to the first given name. A person keeps one style: an initial would not be taken
    for a full name, and `check` would ask which person 'Wang, A.' is beside 'Wang, Ada'."""
    parts = given if fuller else given[:1]
    if spelled:
        first, *rest = parts
        return f"{family}, {' '.join([first] + [p[0] + '.' for p in rest])}"
    return f"{family}, {' '.join(p[0] + '.' for p in parts)}"


class _Authors:
    """A pool of people, some prolific; each writes their name in one or two forms."""

    def __init__(self, size: int, rng: random.Random):
        self.rng = rng
        self.forms: list[list[str]] = []
        # One person per family name and first initial: two people sharing them ('Wang, A. B.'
        # and 'Wang, A. C.') would make the short form 'Wang, A.' ambiguous, which `check`
        # reports. Once the plain family names run out, double-barrelled ones take over.
        seen: set[tuple[str, str]] = set()
        misses = 0
        while len(self.forms) < size:
            family, given = _person(rng, double_barrelled=misses > 20)
            key = (family, given[0][0])
            if key in seen:
                misses += 1
                continue
            misses = 0
            seen.add(key)
            spelled = rng.random() < 0.3
            forms = [_written(family, given, spelled, fuller=True)]
            if len(given) > 1 and rng.random() < 0.2:
                forms.append(_written(family, given, spelled, fuller=False))
            self.forms.append(forms)
        # Zipf-like weights: the first people in the pool write most papers.
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 1) ** 0.8 for rank in range(size)))
        self.people = range(size)

    def draw(self, count: int) -> list[str]:
        chosen: list[str] = []
        people: set[int] = set()
        while len(chosen) < count:
            person = self.rng.choices(self.people, cum_weights=self.cumulative)[0]
            if person in people:
                continue
            people.add(person)
            chosen.append(self.rng.choice(self.forms[person]))
        return chosen


def _title(rng: random.Random) -> str:
    adj, adj2 = rng.sample(_WORDS, 2)
    noun, noun2 = rng.sample(_NOUNS, 2)
    text = rng.choice(_PATTERNS).format(
        Adj=adj.capitalize(), adj=adj, adj2=adj2, noun=noun, noun2=noun2, task=rng.choice(_TASKS)
    )
    return text


def _labels(taxonomy: Taxonomy, rng: random.Random) -> dict[str, list[str]]:
    """One to three labels on some axes, in the taxonomy's order; leaves and inner nodes alike.
    A core axis is always labelled, as `check` asks of a core record."""
    labels: dict[str, list[str]] = {}
    for axis in taxonomy.axis_ids:
        if rng.random() < 0.35 and labels and not taxonomy.axis(axis).core:
            continue
        nodes = list(taxonomy.axis_node_ids(axis))
        picked = rng.sample(nodes, min(len(nodes), rng.choice((1, 1, 1, 2, 3))))
        labels[axis] = sorted(picked, key=lambda n: taxonomy.nodes[n].order)
    return labels


_TYPE_FOR_KIND = {
    "conference": "inproceedings",
    "workshop": "inproceedings",
    "journal": "article",
    "preprint": "misc",
    "book": "incollection",
    "report": "techreport",
}


def _record(i: int, rng: random.Random, taxonomy: Taxonomy, authors: _Authors, title: str, taken: set[str], seed: int) -> dict[str, Any]:
    year = rng.choices(range(2006, 2026), weights=[1] * 9 + [3, 5, 8, 10, 12, 12, 12, 12, 10, 8, 6])[0]
    names = authors.draw(rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6, 7, 8)))
    record_id = next_free(base_key(names[0], year, title), taken)
    taken.add(record_id)
    venue_id = rng.choice(sorted(taxonomy.venues))
    venue = taxonomy.venues[venue_id]
    record: dict[str, Any] = {
        "id": record_id,
        "title": title,
        "authors": names,
        "et_al": rng.random() < 0.03,
        "year": year,
        "venue": venue_id,
        "type": _TYPE_FOR_KIND[venue.kind],
    }
    if venue.kind == "journal":
        record["volume"] = rng.randint(1, 45)
        record["number"] = rng.randint(1, 12)
    if venue.kind in ("conference", "journal", "book") and rng.random() < 0.6:
        first = rng.randint(1, 9000)
        record["pages"] = f"{first}-{first + rng.randint(5, 14)}"
    if venue.kind == "book":
        record["publisher"] = "Synthetic Press"
    if year >= 2008 and rng.random() < 0.8:
        serial = f"{i:05d}" if year >= 2015 or i >= 10000 else f"{i:04d}"  # unique: from i
        record["arxiv"] = f"{year % 100:02d}{rng.randint(1, 12):02d}.{serial}"
        record["pdf"] = f"https://arxiv.org/pdf/{record['arxiv']}"
    if rng.random() < 0.3:
        record["doi"] = f"10.5555/kd-synthetic.{seed}.{i}"
    if rng.random() < 0.2:
        record["url"] = f"https://example.org/papers/{record_id}"
    if rng.random() < 0.35:
        record["code"] = f"https://example.org/code/{record_id}"
    related = rng.random() < 0.1
    record["scope"] = "related" if related else "core"
    if not related:
        record["taxonomy"] = _labels(taxonomy, rng)
    if rng.random() < 0.4:
        sections = rng.sample(list(taxonomy.sections), rng.choice((1, 1, 2)))
        record["survey"] = sorted(sections, key=taxonomy.section_order)
    if rng.random() < 0.15:
        record["short_name"] = "".join(w[0] for w in title.split() if w[:1].isalpha()).upper()[:5] + str(i % 7 or "")
    if rng.random() < 0.05:
        record["note"] = f"Synthetic record number {i}, generated for benchmarks."
    if not record["et_al"]:
        del record["et_al"]
    return {name: record[name] for name in FIELD_NAMES if name in record}


def generate(n: int, folder: Path, seed: int = 0, source: Path = REPO) -> list[Path]:
    """Write a collection of `n` synthetic records into `folder`; return the record paths.

    `folder` gets taxonomy.yaml and venues.yaml from `source` (the repository by default) and a
    fresh papers/ folder; anything else in it is left alone.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name in (TAXONOMY_FILE, VENUES_FILE):
        shutil.copyfile(source / name, folder / name)
    taxonomy = Taxonomy.load(folder)
    rng = random.Random(seed)
    authors = _Authors(max(8, int(n * 1.3)), rng)
    papers = folder / "papers"
    if papers.exists():
        shutil.rmtree(papers)
    papers.mkdir()
    titles: set[str] = set()
    taken: set[str] = set()
    paths = []
    for i in range(n):
        title = _title(rng)
        while title.casefold() in titles:
            title = _title(rng)
        titles.add(title.casefold())
        record = _record(i, rng, taxonomy, authors, title, taken, seed)
        path = papers / f"{record['id']}.yaml"
        path.write_text(yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
        paths.append(path)
    return paths


def commit_history(folder: Path, paths: list[Path], commits: int = 20) -> None:
    """Give the collection in `folder` a git history: its records committed in `commits` batches
    a week apart from 1 January 2024 (fixed dates), as a real collection grows, so that a build
    has addition dates (the home page's Recently added, the feeds). An earlier history is replaced."""
    if (folder / ".git").exists():
        shutil.rmtree(folder / ".git")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str, day: int | None = None) -> None:
        when = (datetime.datetime(2024, 1, 1, 12, tzinfo=datetime.timezone.utc) + datetime.timedelta(days=day or 0)).isoformat()
        dated = env if day is None else env | {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        subprocess.run(["git", "-C", str(folder), "-c", "user.name=benchmark", "-c", "user.email=benchmark@example.org", *args],
                       check=True, capture_output=True, env=dated)

    git("init", "-q", "-b", "main")
    size = -(-len(paths) // commits)
    for k in range(commits):
        batch = paths[k * size:(k + 1) * size]
        if k == 0:
            batch = [*batch, *(p for p in folder.iterdir() if p.is_file())]
        if not batch:
            break
        git("add", "--", *(str(p.relative_to(folder)) for p in batch))
        git("commit", "-q", "-m", f"records, batch {k + 1}", day=7 * k)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of records")
    parser.add_argument("folder", type=Path, help="collection folder to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate(args.n, args.folder, args.seed)


if __name__ == "__main__":
    main()
