"""Rebuild samples/: a plan file (YAML) for every bundled report, and the sample diffs.

Run by `make samples`; tests/test_samples.py fails when a committed sample drifts from this.
"""

from __future__ import annotations

import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
REPORT_SUFFIXES = (".txt", ".md", ".html", ".docx")
# (earlier, later) report pairs whose diffs are bundled as samples/diff-<a>-<b>.{txt,md}
DIFF_PAIRS = [("national-2022", "national-2023"), ("qingyuan-2023", "qingyuan-2024")]


def reports() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in REPORT_SUFFIXES and not p.name.startswith("diff-"))


def plan_path(report: Path) -> Path:
    return report.with_name(report.stem + ".plan.yaml")


def expected_outputs() -> dict[Path, str]:
    """Every generated sample file and the content it should have."""
    from govplan.pipeline import parse_file
    from govplan.serialize import dump_plan

    out: dict[Path, str] = {}
    for report in reports():
        out[plan_path(report)] = dump_plan(parse_file(str(report)), "yaml")
    try:
        from govplan.diff import sample_diff_outputs  # type: ignore[attr-defined]
    except ImportError:
        return out
    for a, b in DIFF_PAIRS:
        out.update(sample_diff_outputs(SAMPLES / f"{a}.plan.yaml", SAMPLES / f"{b}.plan.yaml", SAMPLES))
    return out


def main() -> int:
    from govplan.serialize import write_atomic

    for path, content in expected_outputs().items():
        write_atomic(path, content)
        print(f"wrote {path.relative_to(SAMPLES.parent)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(SAMPLES.parent / "src"))
    raise SystemExit(main())
