"""Golden cases: one short real excerpt per segmentation phenomenon (tests/cases/parse/<case>/).

Each case holds ``input.txt`` and ``expected.yaml`` (the document facts and the section tree, as
the plan file writes them, without domains, which have tests of their own). A mismatch prints a
unified diff. ``make golden`` rewrites the expected files on purpose; a missing expected file fails.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

import pytest

from govplan.pipeline import parse_text
from govplan.serialize import dumps, plan_data

CASES = sorted(p for p in (Path(__file__).parent / "cases" / "parse").iterdir() if p.is_dir())


def _strip_domains(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _strip_domains(v) for k, v in node.items() if k not in ("domains", "domain_evidence")}
    if isinstance(node, list):
        return [_strip_domains(x) for x in node]
    return node


def render_case(case: Path) -> str:
    text = (case / "input.txt").read_text(encoding="utf-8")
    data = plan_data(parse_text(text, name="input.txt"))
    return dumps(_strip_domains({"document": data["document"], "sections": data["sections"]}), "yaml")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path) -> None:
    got = render_case(case)
    expected_file = case / "expected.yaml"
    if os.environ.get("GOVPLAN_GOLDEN") == "1":
        expected_file.write_text(got, encoding="utf-8")
    if not expected_file.exists():
        pytest.fail(f"{expected_file} is missing; run `make golden` to write it, then review it")
    expected = expected_file.read_text(encoding="utf-8")
    if got != expected:
        diff = "".join(
            difflib.unified_diff(expected.splitlines(True), got.splitlines(True), "expected.yaml", "got")
        )
        pytest.fail(f"{case.name} differs from its expected.yaml:\n{diff}")
