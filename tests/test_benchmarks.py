"""The benchmark and architecture registries: read from their files, every problem positioned."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.errors import DataError
from sitegen.taxonomy import Taxonomy

from tests.conftest import ROOT


def test_the_repository_registries_load(taxonomy: Taxonomy) -> None:
    registry = taxonomy.benchmarks
    assert {"cifar-10", "cifar-100", "imagenet"} <= set(registry.datasets)
    assert registry.metrics["top1-accuracy"].higher_is_better
    assert not registry.metrics["top1-error"].higher_is_better
    for dataset in registry.datasets.values():
        assert set(dataset.metrics) <= set(registry.metrics)


@pytest.mark.parametrize("written", ["ResNet-32x4", "ResNet32x4", "resnet32x4", "RESNET 32X4"])
def test_the_forms_of_an_architecture_name_are_one_network(taxonomy: Taxonomy, written: str) -> None:
    assert taxonomy.benchmarks.resolve_architecture(written) == "resnet32x4"


def test_names_resolve_without_case_spaces_or_punctuation(taxonomy: Taxonomy) -> None:
    registry = taxonomy.benchmarks
    assert registry.resolve_dataset("CIFAR100") == registry.resolve_dataset("cifar-100") == "cifar-100"
    assert registry.resolve_dataset("ILSVRC 2012") == "imagenet"
    assert registry.resolve_metric("Top-1") == "top1-accuracy"
    assert registry.resolve_architecture("WRN-40-1") == registry.resolve_architecture("WideResNet-40-1") == "wrn-40-1"
    assert registry.resolve_architecture("ResNet-33") is None


def _root(tmp_path: Path, benchmarks: str | None = None, architectures: str | None = None) -> Path:
    for name in ("taxonomy.yaml", "venues.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    if benchmarks is not None:
        (tmp_path / "benchmarks.yaml").write_text(benchmarks, encoding="utf-8")
    if architectures is not None:
        (tmp_path / "architectures.yaml").write_text(architectures, encoding="utf-8")
    return tmp_path


METRIC = """\
metrics:
  - id: top1-accuracy
    name: Top-1 accuracy
    minimum: 0
    maximum: 100
    higher_is_better: true
    decimals: 2
"""


@pytest.mark.parametrize(
    "benchmarks, architectures, expected",
    [
        pytest.param(
            METRIC + "datasets:\n  - id: cifar-10\n    name: CIFAR-10\n    task: image classification\n    metrics: [top1-acuracy]\n",
            None,
            ["benchmarks.yaml:12:15: error: metric 'top1-acuracy' of dataset 'cifar-10' is not listed under 'metrics'; did you mean 'top1-accuracy'?"],
            id="dataset_with_an_unknown_metric",
        ),
        pytest.param(
            METRIC + "datasets:\n  - id: cifar-10\n    name: CIFAR-10\n    task: x\n    metrics: [top1-accuracy]\n"
            "  - id: cifar10\n    name: CIFAR 10\n    task: x\n    metrics: [top1-accuracy]\n",
            None,
            ["benchmarks.yaml:13:9: error: 'cifar10' of dataset 'cifar10' also names dataset 'cifar-10'",
             "benchmarks.yaml:14:11: error: 'CIFAR 10' of dataset 'cifar10' also names dataset 'cifar-10'"],
            id="two_datasets_with_one_name",
        ),
        pytest.param(
            None,
            "architectures:\n  - id: resnet32x4\n    name: ResNet-32x4\n  - id: resnet-32x4\n    name: ResNet 32x4 (wide)\n    aliases: [ResNet32x4]\n",
            ["architectures.yaml:4:9: error: 'resnet-32x4' of architecture 'resnet-32x4' also names architecture 'resnet32x4'",
             "architectures.yaml:6:15: error: 'ResNet32x4' of architecture 'resnet-32x4' also names architecture 'resnet32x4'"],
            id="alias_claimed_by_two_architectures",
        ),
        pytest.param(
            None,
            "architectures:\n  - id: resnet8\n    name: ResNet8\n  - id: resnet8\n    name: ResNet-8 again\n",
            ["architectures.yaml:4:9: error: architecture id 'resnet8' is used twice"],
            id="architecture_id_used_twice",
        ),
        pytest.param(
            METRIC.replace("maximum: 100", "maximum: 0") + "datasets: []\n",
            None,
            ["benchmarks.yaml:2:5: error: metrics[0]: minimum 0.0 must be below maximum 0.0"],
            id="metric_with_an_empty_range",
        ),
        pytest.param(
            None,
            "architectures:\n  - id: ResNet 8\n    name: ResNet8\n",
            ["architectures.yaml:2:9: error: architectures[0].id: String should match pattern '^[a-z0-9]+([-.][a-z0-9]+)*$'"],
            id="architecture_id_that_is_not_a_slug",
        ),
    ],
)
def test_problems_in_the_registries_are_positioned(tmp_path: Path, benchmarks: str | None, architectures: str | None, expected: list[str]) -> None:
    with pytest.raises(DataError) as raised:
        Taxonomy.load(_root(tmp_path, benchmarks, architectures))
    assert [p.format() for p in raised.value.problems] == [line.replace("benchmarks.yaml", str(tmp_path / "benchmarks.yaml")).replace("architectures.yaml", str(tmp_path / "architectures.yaml")) for line in expected]


def test_without_the_registry_files_a_collection_has_no_benchmarks(tmp_path: Path) -> None:
    registry = Taxonomy.load(_root(tmp_path)).benchmarks
    assert (registry.datasets, registry.metrics, registry.architectures) == ({}, {}, {})
    assert registry.hint("CIFAR-10", registry.dataset_keys, "benchmarks.yaml") == " (add it to benchmarks.yaml if it is new)"
