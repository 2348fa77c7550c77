"""The pre-commit hook of `.pre-commit-hooks.yaml` checks exactly what `govplan parse -o DIR` writes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import run

ROOT = Path(__file__).parent.parent
CASES = ROOT / "tests" / "cases" / "parse"


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["govplan-validate"]
    hook: dict[str, Any] = hooks[0]
    return hook


def _parse_to(out: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[Path]:
    reports = out.parent / "reports"
    reports.mkdir()
    for case in ("front-matter-hebei", "glossary-miyi"):
        shutil.copy(CASES / case / "input.txt", reports / f"{case}.txt")
    code, _, err = run(capsys, "parse", "-q", str(reports), "-o", str(out), "-j", "1", *args)
    assert code == 0, err
    return sorted(out.iterdir())


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_the_hook_s_files_pattern_matches_what_parse_writes_into_a_directory(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files_re = re.compile(_hook()["files"])  # pre-commit matches `files` with re.search
    written = _parse_to(tmp_path / "plans", capsys, "-f", fmt)
    assert [p.name for p in written] == [f"front-matter-hebei.plan.{fmt}", f"glossary-miyi.plan.{fmt}"]
    assert all(files_re.search(f"plans/{p.name}") for p in written)
    assert not files_re.search("plans/input.yaml") and not files_re.search("report.txt")


def test_the_hook_s_entry_passes_good_plans_and_fails_a_broken_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = _hook()["entry"].split()
    assert entry == ["govplan", "validate"]
    written = _parse_to(tmp_path / "plans", capsys)
    assert run(capsys, *entry[1:], *map(str, written))[0] == 0
    broken = written[0]
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("schema_version: 1\n", "schema_version: 99\n")
    )
    code, out, _ = run(capsys, *entry[1:], *map(str, written))
    assert code == 1 and "[schema-version-unsupported]" in out


def test_pre_commit_try_repo_blocks_a_broken_parse_output(tmp_path: Path) -> None:
    """End to end: a repository with parse's output, the hook installed by pre-commit from this one."""
    pre_commit = shutil.which("pre-commit", path=os.path.dirname(sys.executable)) or shutil.which(
        "pre-commit"
    )
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[dev]')")
    if not (ROOT / ".git").exists():
        pytest.skip("this checkout is not a git repository, which pre-commit try-repo needs")
    repo = tmp_path / "r"
    repo.mkdir()
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    shutil.copy(CASES / "front-matter-hebei" / "input.txt", repo / "report.txt")
    out = subprocess.run(
        [sys.executable, "-m", "govplan", "parse", "-q", "report.txt", "-o", "plans/"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    plan = repo / "plans" / "report.plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("schema_version: 1\n", "schema_version: 99\n"))
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    r = subprocess.run(
        [pre_commit, "try-repo", str(ROOT), "govplan-validate"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    if "An unexpected error has occurred" in r.stdout + r.stderr:
        pytest.skip("pre-commit could not install the hook's environment (no network to PyPI?)")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "govplan validate" in r.stdout and "Failed" in r.stdout
    assert (
        "plans/report.plan.yaml:1:17: $.schema_version: unsupported schema_version 99"
        " (this govplan reads 1) [schema-version-unsupported]"
    ) in r.stdout
