"""One registry of renderers: every format the CLI offers has one, exit codes come from results,
and every Error:/Warning: line is built by errors.problem_line."""

from __future__ import annotations

from enum import StrEnum

import pytest

from govplan.cli import DiffFormat, TargetsFormat, TrackFormat, ValidateFormat
from govplan.diff import diff_plans
from govplan.errors import InputError, problem_line
from govplan.pipeline import parse_text
from govplan.render.registry import formats, render
from govplan.targets import TargetsBatch, TargetsResult
from govplan.validate import ValidationResult

# Formats written by a renderer of their own kind: pages (html) and workbooks (xlsx) need more than text.
NOT_TEXT = {"html", "xlsx"}


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("diff", DiffFormat),
        ("track", TrackFormat),
        ("track-batch", TrackFormat),
        ("targets", TargetsFormat),
        ("validate", ValidateFormat),
    ],
)
def test_every_format_of_the_cli_has_a_renderer(kind: str, options: type[StrEnum]) -> None:
    assert set(formats(kind)) == {o.value for o in options} - NOT_TEXT


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="^unknown format 'yaml'$"):
        render("validate", "yaml", ValidationResult(()))


def test_exit_codes_come_from_the_results() -> None:
    # 米易 2023: 地区生产总值增长7.5%以上 against itself, then against a changed target
    a = parse_text("一、2023年工作安排\n全年地区生产总值增长7.5%以上。\n", name="a.txt")
    b = parse_text("一、2023年工作安排\n全年地区生产总值增长6%左右。\n", name="b.txt")
    assert diff_plans(a, a).exit_code == 0
    assert diff_plans(a, b).exit_code == 1
    assert ValidationResult(()).exit_code == 0
    read = TargetsResult("b.txt", None, 2023, None, None, [])
    assert TargetsBatch(errors=[InputError("is empty", "a.txt")]).exit_code == 2  # nothing could be read
    assert TargetsBatch(results=[read], errors=[InputError("is empty", "a.txt")]).exit_code == 1
    assert TargetsBatch(results=[read]).exit_code == 0


def test_error_and_warning_lines() -> None:
    assert problem_line("is empty", "a.txt") == "Error: a.txt: is empty"
    assert problem_line("interrupted") == "Error: interrupted"
    assert InputError("is empty", "a.txt").line("Warning") == "Warning: a.txt: is empty"
