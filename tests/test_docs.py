"""Every command's --help is readable: a whole summary, an example, exit codes, plain placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import invoke, run
from govplan import __version__
from govplan.cli import app

ROOT = Path(__file__).parent.parent
COMMANDS = sorted(c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands)


def test_every_command_is_listed_with_a_whole_summary() -> None:
    assert COMMANDS == ["diff", "export", "parse", "schema", "show", "targets", "track", "validate", "view"]
    listing = invoke("--help").output
    assert "Exit codes: 0 success" in listing
    for name in COMMANDS:
        line = next(ln for ln in listing.splitlines() if ln.strip().startswith(name + " "))
        assert line.rstrip().endswith(".") and not line.rstrip().endswith("..."), line


@pytest.mark.parametrize("name", COMMANDS)
def test_help_has_an_example_exit_codes_and_no_type_placeholders(name: str) -> None:
    result = invoke(name, "--help")
    assert result.exit_code == 0
    text = result.output
    assert f"Example: govplan {name}" in text
    assert "Exit codes: 0 " in text
    for placeholder in ("<list", "{", "<str>", "<path>", "<int", "x>="):
        assert placeholder not in text, (name, placeholder)


@pytest.mark.parametrize("name", [c for c in COMMANDS if c != "schema"])
def test_the_readme_shows_every_command(name: str) -> None:
    assert f"govplan {name} " in (ROOT / "README.md").read_text(encoding="utf-8")


def test_version_has_a_short_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "-V") == (0, f"govplan {__version__}\n", "")
    assert run(capsys, "--version") == (0, f"govplan {__version__}\n", "")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["parse", "x.txt", "--format", "xml"],
            "Error: Invalid value for '--format' / '-f': 'xml' is not one of yaml, json",
        ),
        (
            ["validate", "x", "-f", "xml"],
            "Error: Invalid value for '--format' / '-f': 'xml' is not one of text, json, github",
        ),
        (
            ["diff", "a", "b", "--only", "x"],
            "Error: Invalid value for '--only': 'x' is not one of sections, commitments, projects",
        ),
    ],
)
def test_a_bad_choice_is_one_line_listing_the_choices(
    args: list[str], line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, *args) == (2, "", line + "\n")
