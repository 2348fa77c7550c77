"""The JSON Schema of plan files, generated from the Pydantic models."""

from __future__ import annotations

import json
from typing import Any

from govplan.models import Plan


def plan_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan file."""
    schema = Plan.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def schema_text() -> str:
    """The schema as the exact text of ``schemas/plan.schema.json``."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"
