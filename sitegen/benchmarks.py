"""The benchmark and architecture registries, read from data files into lookup tables.

``benchmarks.yaml`` lists the metrics results are measured in (with their range and direction)
and the datasets results are reported on (with the metrics each reports); ``architectures.yaml``
lists the networks that serve as teachers and students. Records name each by its id; any alias
(matched as venue aliases are, without case, spaces or punctuation) is accepted by `check` and
written as the id by `fmt`, so "ResNet-32x4", "ResNet32x4" and "resnet32x4" are one network.

Both files are optional: a collection without them has empty registries, and then no record
may carry results. Nothing here names a dataset or a network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sitegen.errors import Problem
from sitegen.messages import suggest

if TYPE_CHECKING:
    from sitegen.document import Document

BENCHMARKS_FILE = "benchmarks.yaml"
ARCHITECTURES_FILE = "architectures.yaml"

_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ARCH_ID = r"^[a-z0-9]+([-.][a-z0-9]+)*$"  # a dot for width multipliers: resnet20-x0.5


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Metric(_Strict):
    id: str = Field(pattern=_SLUG)
    name: str = Field(min_length=1)
    unit: str = ""
    minimum: float
    maximum: float
    higher_is_better: bool
    decimals: int = Field(ge=0, le=6, description="Decimal places results are shown with.")
    aliases: list[str] = []

    @model_validator(mode="after")
    def _range(self) -> "Metric":
        if not self.minimum < self.maximum:
            raise ValueError(f"minimum {self.minimum} must be below maximum {self.maximum}")
        return self

    def shown(self, value: float) -> str:
        return f"{value:.{self.decimals}f}"

    @property
    def range_text(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.minimum:g}-{self.maximum:g}{unit}"


class Dataset(_Strict):
    id: str = Field(pattern=_SLUG)
    name: str = Field(min_length=1)
    task: str = Field(min_length=1)
    description: str = ""
    metrics: list[str] = Field(min_length=1, description="Ids of the metrics results on this dataset are reported in.")
    aliases: list[str] = []


class Architecture(_Strict):
    id: str = Field(pattern=_ARCH_ID)
    name: str = Field(min_length=1)
    aliases: list[str] = []


class _BenchmarksFile(_Strict):
    metrics: list[Metric]
    datasets: list[Dataset]


class _ArchitecturesFile(_Strict):
    architectures: list[Architecture]


@dataclass(frozen=True, eq=False)
class Benchmarks:
    """Lookup tables over the metrics, datasets and architectures."""

    metrics: dict[str, Metric] = field(default_factory=dict)
    datasets: dict[str, Dataset] = field(default_factory=dict)
    architectures: dict[str, Architecture] = field(default_factory=dict)
    metric_keys: dict[str, str] = field(default_factory=dict)  # alias_key -> id, for each table
    dataset_keys: dict[str, str] = field(default_factory=dict)
    architecture_keys: dict[str, str] = field(default_factory=dict)

    def resolve_metric(self, text: str) -> str | None:
        return self.metric_keys.get(_key(text))

    def resolve_dataset(self, text: str) -> str | None:
        return self.dataset_keys.get(_key(text))

    def resolve_architecture(self, text: str) -> str | None:
        return self.architecture_keys.get(_key(text))

    def hint(self, text: str, keys: dict[str, str], file: str) -> str:
        """'; did you mean ...?' for a name that is not in a registry, or where to add it."""
        best = suggest(_key(text), list(keys))
        if best:
            return f"; did you mean '{keys[best]}'?"
        return f" (add it to {file} if it is new)"

    def dataset_metric(self, dataset: str, metric: str) -> Metric | None:
        """The metric, if the dataset reports it."""
        dataset_id, metric_id = self.resolve_dataset(dataset), self.resolve_metric(metric)
        if dataset_id is None or metric_id is None or metric_id not in self.datasets[dataset_id].metrics:
            return None
        return self.metrics[metric_id]


def _key(text: str) -> str:
    from sitegen.taxonomy import alias_key

    return alias_key(text)


def load_benchmarks(root: Path, read: Callable, problems: list[Problem]) -> Benchmarks:
    """Both registries under `root` (`read` is the taxonomy's reader); an absent file is an empty registry."""
    metrics: dict[str, Metric] = {}
    datasets: dict[str, Dataset] = {}
    architectures: dict[str, Architecture] = {}
    metric_keys: dict[str, str] = {}
    dataset_keys: dict[str, str] = {}
    architecture_keys: dict[str, str] = {}
    if (root / BENCHMARKS_FILE).exists():
        found = read(root / BENCHMARKS_FILE, _BenchmarksFile, problems)
        if found is not None:
            doc, data = found
            _index(doc, "metrics", data.metrics, metrics, metric_keys, problems)
            _index(doc, "datasets", data.datasets, datasets, dataset_keys, problems)
            for d, dataset in enumerate(data.datasets):
                for m, metric in enumerate(dataset.metrics):
                    if metric not in metrics:
                        hint = f"; did you mean '{best}'?" if (best := suggest(metric, list(metrics))) else ""
                        problems.append(doc.problem(("datasets", d, "metrics", m), f"metric '{metric}' of dataset '{dataset.id}' is not listed under 'metrics'{hint}"))
    if (root / ARCHITECTURES_FILE).exists():
        found = read(root / ARCHITECTURES_FILE, _ArchitecturesFile, problems)
        if found is not None:
            doc, data = found
            _index(doc, "architectures", data.architectures, architectures, architecture_keys, problems)
    return Benchmarks(metrics, datasets, architectures, metric_keys, dataset_keys, architecture_keys)


def _index(doc: "Document", table: str, entries: Sequence, by_id: dict, keys: dict[str, str], problems: list[Problem]) -> None:
    """Entries by id, and every alias by its key; a name claimed twice is a problem."""
    kind = table.removesuffix("s") if table != "architectures" else "architecture"
    for e, entry in enumerate(entries):
        if entry.id in by_id:
            problems.append(doc.problem((table, e, "id"), f"{kind} id '{entry.id}' is used twice"))
            continue
        by_id[entry.id] = entry
        for i, alias in enumerate((entry.id, entry.name, *entry.aliases)):
            key = _key(alias)
            if keys.get(key, entry.id) != entry.id:
                where = (table, e, "aliases", i - 2) if i >= 2 else (table, e, ("id", "name")[i])
                problems.append(doc.problem(where, f"'{alias}' of {kind} '{entry.id}' also names {kind} '{keys[key]}'"))
            keys.setdefault(key, entry.id)
