"""The schemas provenance counts relations in (provenance.relation_rows) and the loss audit compares are the schemas
dbt builds models and seeds into, read from dbt's manifest: a new schema cannot be left out unnoticed.

The list stays typed in ctw.publish.provenance rather than read from the manifest at build time: read so, it would
also hold the detail marts' schema, synthetic, and a detail build's relation_rows would gain rows it never had."""

from __future__ import annotations

import json

import pytest

from ctw.publish.provenance import DERIVED_VIEW_SCHEMAS, MODEL_SCHEMAS

pytestmark = pytest.mark.fast


def schemas(manifest: dict) -> tuple[set[str], set[str]]:
    """(schemas of the enabled models and seeds, schemas of the disabled models) in a dbt manifest."""
    kinds = ("model", "seed", "snapshot")
    enabled = {node["schema"] for node in manifest["nodes"].values() if node["resource_type"] in kinds}
    disabled = {node["schema"] for nodes in manifest["disabled"].values() for node in nodes
                if node["resource_type"] in kinds}
    return enabled, disabled


def test_the_provenance_schemas_are_the_schemas_dbt_builds(built_project):
    enabled, disabled = schemas(json.loads((built_project / "target" / "manifest.json").read_text(encoding="utf-8")))
    assert set(MODEL_SCHEMAS) | set(DERIVED_VIEW_SCHEMAS) == enabled and not set(MODEL_SCHEMAS) & set(DERIVED_VIEW_SCHEMAS)
    assert disabled - enabled == {"synthetic"}  # the detail marts' schema, built only with CTW_WITH_DETAIL=1
