"""The fixed choices of the command line's options (``--format``, ``--part``, ``--only``).

Plain enums, so the CLI can declare them and the library can read their values without typer.
"""

from __future__ import annotations

from enum import StrEnum


class PlanFormat(StrEnum):
    yaml = "yaml"
    json = "json"


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


class TrackFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    html = "html"


class DiffPart(StrEnum):
    plan = "plan"
    review = "review"
    all = "all"


class DiffOnly(StrEnum):
    sections = "sections"
    commitments = "commitments"
    projects = "projects"


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class TargetsFormat(StrEnum):
    csv = "csv"
    json = "json"
    table = "table"
    xlsx = "xlsx"


class ExportFormat(StrEnum):
    sqlite = "sqlite"
    duckdb = "duckdb"
    parquet = "parquet"
    xlsx = "xlsx"
