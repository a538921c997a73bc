"""The JSON Schema of a record, generated from the Paper model built against the taxonomy.

Editors read it through the `# yaml-language-server: $schema=../schema/paper.schema.json` line
at the top of every record, and complete taxonomy ids, survey sections and venues from it. It
is committed (editors need it in a fresh clone); a test fails when it is stale.
"""

from __future__ import annotations

import json
from typing import Any

from sitegen.model import paper_model
from sitegen.taxonomy import Taxonomy

SCHEMA_FILE = "schema/paper.schema.json"
REGENERATE = f"python -m sitegen schema -o {SCHEMA_FILE}"


def paper_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    generated = paper_model(taxonomy).model_json_schema()
    # Editors show a property's description on hover: give each axis the taxonomy's own.
    axes = generated.get("$defs", {}).get("TaxonomyLabels", {}).get("properties", {})
    for axis in taxonomy.axes:
        if axis.id in axes:
            axes[axis.id]["description"] = f"{axis.label}: {axis.description}"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": f"Generated from sitegen/model.py, taxonomy.yaml, venues.yaml, benchmarks.yaml and architectures.yaml; do not edit. Regenerate: {REGENERATE}",
        **generated,
        "title": "A paper of the knowledge distillation bibliography",
        "description": "One record of papers/; the file name is its id. docs/curation.md explains each field.",
    }


def render_schema(taxonomy: Taxonomy) -> str:
    return json.dumps(paper_schema(taxonomy), indent=2, ensure_ascii=False) + "\n"
