"""govplan show: a one-screen overview whose counts are the plan's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from govplan.cli import main
from govplan.serialize import load_plan
from govplan.summary import summarize, summarize_file

SAMPLES = Path(__file__).parent.parent / "samples"


def test_counts_add_up_to_the_plans_items() -> None:
    plan = load_plan(str(SAMPLES / "qingyuan-2024.plan.yaml"))
    s = summarize(plan)
    top = [r for r in s.sections if r.depth == 0]
    assert s.counts["commitments"] == len(plan.commitments)
    # every item lies in some top-level section, so their counts add up
    assert sum(r.commitments for r in top) == sum(1 for c in plan.commitments if c.section)
    assert sum(r.projects for r in top) == sum(1 for p in plan.projects if p.section)
    assert [r.title for r in top] == [sec.title for sec in plan.sections]


def test_report_and_plan_file_show_the_same(tmp_path: Path) -> None:
    from_report = summarize_file(str(SAMPLES / "miyi-2023.txt"))
    from_plan = summarize_file(str(SAMPLES / "miyi-2023.plan.yaml"))
    assert from_report.sections == from_plan.sections
    assert from_report.targets == [
        type(r)(**{**vars(r), "source": "miyi-2023.txt"}) for r in from_plan.targets
    ]


def test_cli_plain_overview(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["show", str(SAMPLES / "miyi-2023.txt")])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("miyi-2023.txt  ") and "米易县 · 2023 · county" in lines[0]
    assert "\x1b[" not in out  # plain text in a pipe
    assert "Headline targets" in out and any(line.strip().startswith("gdp") for line in lines)
    assert len(lines) < 60


def test_cli_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["show", str(tmp_path / "none.txt")])
    assert exc.value.code == 2
    assert capsys.readouterr().err == f"Error: {tmp_path / 'none.txt'}: no such file\n"
