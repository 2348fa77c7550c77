"""The bundled samples are what `make samples` would write today: no drift."""

from __future__ import annotations

import difflib

import make_samples  # tests/ is on sys.path under pytest's rootdir conftest-less import mode


def test_samples_do_not_drift() -> None:
    stale = []
    for path, content in make_samples.expected_outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != content:
            diff = "".join(
                list(
                    difflib.unified_diff(current.splitlines(True), content.splitlines(True), str(path), "now")
                )[:40]
            )
            stale.append(diff or f"{path} is missing")
    assert not stale, "samples/ is stale; run `make samples`:\n" + "\n".join(stale)


def test_every_report_sample_has_a_plan() -> None:
    reports = make_samples.reports()
    assert len(reports) >= 4
    assert {p.stem for p in reports} >= {
        "dongxing-2023-excerpt",
        "national-2023",
        "beijing-2025",
        "qingyuan-2024",
    }
