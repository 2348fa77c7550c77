"""Helpers shared by the test modules: the CLI run two ways (``main`` and typer's ``CliRunner``)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner, Result

from govplan.cli import app, main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``govplan ARGS`` through ``main`` and return (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    code = exc.value.code
    return (code if isinstance(code, int) else 0), out, err


def invoke(*args: str) -> Result:
    """Run ``govplan ARGS`` in typer's runner with no colour and a fixed width of 100."""
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100"})
