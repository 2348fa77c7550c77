"""Rendering track results: a pair's promises and projects, or many governments' one table.

Text (a rich table), JSON, Markdown and CSV, the summary line on top; tables are drawn by
``render.table``, the renderer diff uses too.
"""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.text import Text

from govplan.render.registry import render, renderer
from govplan.render.table import (
    Column,
    Table,
    commitment_value,
    csv_text,
    markdown,
    project_action,
    render_rich,
    rich_table,
)
from govplan.serialize import dumps
from govplan.track import ROW_FIELDS, TrackBatch, TrackReport, batch_data, check_rows, track_data

VERDICT_STYLES = {
    "met": "green",
    "exceeded": "cyan",
    "missed": "red",
    "reported": "yellow",
    "silent": "dim",
    "completed": "green",
    "progressed": "cyan",
}


# --- one pair ----------------------------------------------------------------------------------


def _headline(report: TrackReport) -> str:
    return f"{report.earlier.name} promises → {report.later.name} review"


def _pair_tables(report: TrackReport) -> list[Table]:
    a, b = report.earlier.label(), report.later.label()
    columns = [
        Column("", ratio=3),
        Column(f"Promised {a}", ratio=2),
        Column(f"Review {b}", ratio=2),
        Column("Verdict", no_wrap=True),
        Column("Note", ratio=4),
    ]
    out: list[Table] = []
    if report.commitments:
        rows = [
            [
                c.label or c.promise.metric or c.promise.text,
                commitment_value(c.promise),
                commitment_value(c.evidence),
                c.verdict,
                c.note,
            ]
            for c in report.commitments
        ]
        cols = [Column("Metric", ratio=3), *columns[1:]]
        out.append(Table("Commitments", cols, rows, [VERDICT_STYLES.get(r[3]) for r in rows]))
    if report.projects:
        rows = [
            [p.project.name, project_action(p.project), project_action(p.evidence), p.verdict, p.note]
            for p in report.projects
        ]
        cols = [Column("Project", ratio=3), *columns[1:]]
        out.append(Table("Projects", cols, rows, [VERDICT_STYLES.get(r[3]) for r in rows]))
    return out


@renderer("track", "text")
def render_text(report: TrackReport, *, color: bool = False, width: int = 100) -> str:
    """The score line, then a table of promises and one of projects; plain unless ``color``."""
    out: list[RenderableType] = [Text(_headline(report), style="bold"), Text(report.score_line())]
    for table in _pair_tables(report):
        out.append(Text(""))
        out.append(rich_table(table, color=color))
    return render_rich(out, color=color, width=width)


@renderer("track", "markdown")
def render_markdown(report: TrackReport, *, color: bool = False, width: int = 100) -> str:
    """The score line in bold, then Markdown tables of promises and projects."""
    parts = [f"## {_headline(report)}\n", f"**{report.score_line()}**\n"]
    parts.extend(markdown(t) for t in _pair_tables(report))
    return "\n".join(parts)


@renderer("track", "csv")
def render_csv(report: TrackReport, *, color: bool = False, width: int = 100) -> str:
    """One row per promise and project: type, verdict, what, promised, review, note, lines, quotes."""
    header = ["type", "verdict", "what", "promised", "review", "note", "promise_line", "review_line"]
    header += ["promise_quote", "review_quote"]
    rows: list[list[Any]] = []
    for c in report.commitments:
        rows.append(
            [
                "commitment",
                c.verdict,
                c.label or c.promise.metric or c.promise.text,
                commitment_value(c.promise),
                commitment_value(c.evidence),
                c.note,
                c.promise.line,
                c.evidence.line if c.evidence else "",
                c.promise_quote,
                c.evidence_quote,
            ]
        )
    for p in report.projects:
        rows.append(
            [
                "project",
                p.verdict,
                p.project.name,
                project_action(p.project),
                project_action(p.evidence),
                p.note,
                p.project.line,
                p.evidence.line if p.evidence else "",
                p.project.text,
                p.evidence.text if p.evidence else "",
            ]
        )
    return csv_text(header, rows)


@renderer("track", "json")
def render_json(report: TrackReport, *, color: bool = False, width: int = 100) -> str:
    """The report as JSON (``track_data``) with its ``rows`` (the batch table's rows)."""
    return dumps({**track_data(report), "rows": check_rows(report)}, "json")


def render_track(report: TrackReport, fmt: str, *, color: bool = False, width: int = 100) -> str:
    """Render a track report as ``text``, ``json``, ``markdown`` or ``csv``."""
    return render("track", fmt, report, color=color, width=width)


# --- many governments: one table -----------------------------------------------------------------


def _batch_table(batch: TrackBatch) -> Table:
    columns = [
        Column("Region", ratio=2),
        Column("Year", no_wrap=True),
        Column("Metric", ratio=3),
        Column("Target", ratio=2),
        Column("Reported", ratio=2),
        Column("Verdict", no_wrap=True),
        Column("Promise", ratio=4),
        Column("Review", ratio=4),
    ]
    rows, styles = [], []
    for r in batch.rows():
        rows.append(
            [
                str(r["region"] or r["earlier"]),
                str(r["year"] or ""),
                str(r["metric"]),
                str(r["target"]),
                str(r["reported"] or ""),
                str(r["verdict"]),
                str(r["promise_quote"]),
                str(r["review_quote"]),
            ]
        )
        styles.append(VERDICT_STYLES.get(r["verdict"]))
    return Table("Promises", columns, rows, styles)


@renderer("track-batch", "text")
def batch_text(batch: TrackBatch, *, color: bool = False, width: int = 160) -> str:
    """The summary line, then one table: a row per government, year and promise."""
    out: list[RenderableType] = [Text(batch.summary_line(), style="bold")]
    if batch.reports:
        out.extend([Text(""), rich_table(_batch_table(batch), color=color)])
    return render_rich(out, color=color, width=width)


@renderer("track-batch", "markdown")
def batch_markdown(batch: TrackBatch, *, color: bool = False, width: int = 100) -> str:
    """The summary line in bold, then the table in Markdown."""
    return f"**{batch.summary_line()}**\n\n" + markdown(_batch_table(batch))


@renderer("track-batch", "csv")
def batch_csv(batch: TrackBatch, *, color: bool = False, width: int = 100) -> str:
    """The rows, one per government, year and promise, columns ``ROW_FIELDS``."""
    return csv_text(
        ROW_FIELDS, ([row[k] if row[k] is not None else "" for k in ROW_FIELDS] for row in batch.rows())
    )


@renderer("track-batch", "json")
def batch_json(batch: TrackBatch, *, color: bool = False, width: int = 100) -> str:
    """``{summary, rows, pairs}`` as JSON (``track.batch_data``)."""
    return dumps(batch_data(batch), "json")
