"""Rebuild samples/: a plan file (YAML) for every bundled report, and the sample diffs.

Run by `make samples`; tests/test_samples.py fails when a committed sample drifts from this.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from govplan.suffixes import REPORT_SUFFIXES

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# (earlier, later) report pairs whose diffs are bundled as samples/diff-<a>-<b>.{txt,md}
DIFF_PAIRS = [("national-2022", "national-2023"), ("qingyuan-2023", "qingyuan-2024")]


def reports() -> list[Path]:
    return sorted(
        p for p in SAMPLES.iterdir() if p.suffix in REPORT_SUFFIXES and not p.name.startswith("diff-")
    )


def plan_path(report: Path) -> Path:
    return report.with_name(report.stem + ".plan.yaml")


def expected_outputs() -> dict[Path, str]:
    """Every generated sample file and the content it should have."""
    from govplan.pipeline import parse_file
    from govplan.serialize import dump_plan

    out: dict[Path, str] = {}
    for report in reports():
        out[plan_path(report)] = dump_plan(parse_file(str(report)), "yaml")
    for a, b in DIFF_PAIRS:
        out.update(sample_diff_outputs(SAMPLES / f"{a}.plan.yaml", SAMPLES / f"{b}.plan.yaml", SAMPLES))
    return out


def _sample_stem(name: str) -> str:
    for suffix in (".plan.yaml", ".plan.json", ".yaml", ".yml", ".json", *REPORT_SUFFIXES):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def sample_diff_outputs(a: Path | Any, b: Path | Any, out_dir: Path) -> dict[Path, str]:
    """The bundled sample diffs of two plans: ``diff-<a>-<b>.txt`` (plain text) and ``.md``.

    ``a`` and ``b`` are plan files, or plans already in memory; either way a side is named by its
    stem (national-2022), so both give the same bytes.
    """
    from govplan.diff import diff_plans
    from govplan.models import Plan
    from govplan.render.diff import render_diff
    from govplan.serialize import load_plan

    def load(x: Path | Plan) -> tuple[Plan, str, str | None]:
        if isinstance(x, Plan):
            return x, _sample_stem(x.source.name), None
        stem = _sample_stem(x.name)
        # the report beside a plan file lets diff read each figure in its sentence, as from reports
        report = next(
            (x.with_name(stem + s) for s in REPORT_SUFFIXES if x.with_name(stem + s).is_file()), None
        )
        return load_plan(str(x)), stem, read_source(str(report)).text if report else None

    from govplan.read import read_source

    plan_a, name_a, text_a = load(a)
    plan_b, name_b, text_b = load(b)
    d = diff_plans(plan_a, plan_b, a_name=name_a, b_name=name_b, a_text=text_a, b_text=text_b)
    stem = f"diff-{name_a}-{name_b}"
    return {
        out_dir / f"{stem}.txt": render_diff(d, "text", color=False, width=100),
        out_dir / f"{stem}.md": render_diff(d, "markdown"),
    }


def main() -> int:
    from govplan.serialize import write_atomic

    for path, content in expected_outputs().items():
        write_atomic(path, content)
        print(f"wrote {path.relative_to(SAMPLES.parent)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(SAMPLES.parent / "src"))
    raise SystemExit(main())
