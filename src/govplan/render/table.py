"""The one table renderer of diff and track: a titled table as rich text, Markdown or CSV.

A command's renderer builds ``Table`` values (columns and rows of strings, a style per row) and
hands them here; how a table looks in each format is decided once.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table as RichTable

from govplan.data import load
from govplan.models import Commitment, Project

# A stage is named in a table by its first verb in projects.yaml (plan: 谋划, start: 开工 …).
STAGE_WORDS = {stage: str(verbs[0]) for stage, verbs in load("projects.yaml")["verbs"].items()}


@dataclass(frozen=True)
class Column:
    """One column: its header and how it takes the width (a ratio, or never wrapped)."""

    header: str
    ratio: int | None = None
    no_wrap: bool = False


@dataclass(frozen=True)
class Table:
    """A titled table of strings; ``styles`` colours a row on a terminal, ``breaks`` start a group."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    styles: Sequence[str | None] = ()
    breaks: frozenset[int] = field(default_factory=frozenset)

    @property
    def header(self) -> list[str]:
        """The column headers."""
        return [c.header for c in self.columns]


def commitment_value(c: Commitment | None) -> str:
    """A commitment's promise as written, with its stance: 力争5.5%左右."""
    if c is None:
        return ""
    return f"{c.stance or ''}{c.raw}"


def project_action(p: Project | None) -> str:
    """A project's action as written, else its stage in words."""
    if p is None:
        return ""
    return p.action or STAGE_WORDS.get(p.stage, p.stage)


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


def md_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |", "|" + " --- |" * len(header)]
    lines.extend("| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def markdown(table: Table, level: int = 3) -> str:
    """A table as a Markdown heading and table."""
    return f"{'#' * level} {md_cell(table.title)}\n\n" + md_table(table.header, table.rows)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Rows as CSV with a header line, ``\\n`` line ends."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def rich_table(table: Table, *, color: bool) -> RichTable:
    """A table as a rich table (simple head, no edge), rows styled only when ``color``."""
    out = RichTable(
        title=table.title or None,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        expand=True,
        show_edge=False,
        pad_edge=False,
    )
    for c in table.columns:
        if c.no_wrap:
            out.add_column(c.header, no_wrap=True)
        else:
            out.add_column(c.header, ratio=c.ratio or 1, overflow="fold")
    for k, row in enumerate(table.rows):
        if k in table.breaks:
            out.add_section()
        style = table.styles[k] if color and k < len(table.styles) else None
        out.add_row(*row, style=style)
    return out


def render_rich(renderables: Iterable[RenderableType], *, color: bool, width: int) -> str:
    """Render rich objects to a string; plain text (no escape codes) unless ``color``."""
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        force_jupyter=False,
        force_interactive=False,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        _environ={},
    )
    for r in renderables:
        console.print(r)
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))
