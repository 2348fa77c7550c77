"""The JSON Schema in schemas/ is generated from the models and must not drift from them."""

from __future__ import annotations

import json
from pathlib import Path

from govplan.schema import plan_schema, schema_text

SCHEMA_FILE = Path(__file__).parent.parent / "schemas" / "plan.schema.json"


def test_schema_file_matches_the_models() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "run `make schema` and commit the result"


def test_schema_names_the_contract_fields() -> None:
    schema = plan_schema()
    assert set(schema["properties"]) >= {
        "schema_version",
        "generator",
        "source",
        "document",
        "sections",
        "commitments",
        "projects",
        "warnings",
    }
    commitment = schema["$defs"]["Commitment"]["properties"]
    for field in ("id", "text", "span", "metric", "value", "value_max", "unit", "comparator", "raw", "kind"):
        assert field in commitment
    assert schema["$defs"]["Commitment"]["additionalProperties"] is False
    json.dumps(schema)
