"""The fixed choices of the command line's options (``--format``, ``--part``, ``--only``).

Plain enums, so the CLI can declare them and the library can read their values without typer. A
member's value is its name (``DiffFormat.json == "json"``), so a format enum is declared by its words;
``tests/test_render.py`` checks the formats against the registered renderers.
"""

from __future__ import annotations

from enum import StrEnum

PlanFormat = StrEnum("PlanFormat", "yaml json")
DiffFormat = StrEnum("DiffFormat", "text json markdown html")
TrackFormat = StrEnum("TrackFormat", "text json markdown csv html")
ValidateFormat = StrEnum("ValidateFormat", "text json github")
TargetsFormat = StrEnum("TargetsFormat", "csv json table xlsx")
ExportFormat = StrEnum("ExportFormat", "sqlite duckdb parquet xlsx")


# The choices of ``diff``'s --part and --only are spelled out: ``diff_plans`` takes their values as
# literals, and the class form lets mypy check each member against them.
class DiffPart(StrEnum):
    plan = "plan"
    review = "review"
    all = "all"


class DiffOnly(StrEnum):
    sections = "sections"
    commitments = "commitments"
    projects = "projects"
