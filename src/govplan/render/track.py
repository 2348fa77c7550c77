"""Rendering a TrackReport: a rich table (text), JSON, Markdown and CSV, the score line on top."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from govplan.render.diff import commitment_value, md_table, project_action, render_rich
from govplan.serialize import dumps
from govplan.track import TrackReport, track_data

VERDICT_STYLES = {
    "met": "green",
    "exceeded": "cyan",
    "missed": "red",
    "reported": "yellow",
    "silent": "dim",
    "completed": "green",
    "progressed": "cyan",
}


def _headline(report: TrackReport) -> str:
    return f"{report.earlier.name} promises → {report.later.name} review"


def _commitment_rows(report: TrackReport) -> list[list[str]]:
    return [
        [
            c.promise.metric or c.promise.text,
            commitment_value(c.promise),
            commitment_value(c.evidence),
            c.verdict,
            c.note,
        ]
        for c in report.commitments
    ]


def _project_rows(report: TrackReport) -> list[list[str]]:
    return [
        [p.project.name, project_action(p.project), project_action(p.evidence), p.verdict, p.note]
        for p in report.projects
    ]


def render_text(report: TrackReport, *, color: bool = False, width: int = 100) -> str:
    """The score line, then a table of promises and one of projects; plain unless ``color``."""
    out: list[RenderableType] = [Text(_headline(report), style="bold"), Text(report.score_line())]
    a, b = report.earlier.label(), report.later.label()
    for title, first, rows in (
        ("Commitments", "Metric", _commitment_rows(report)),
        ("Projects", "Project", _project_rows(report)),
    ):
        if not rows:
            continue
        table = Table(
            title=title,
            title_justify="left",
            title_style="bold",
            box=box.SIMPLE_HEAD,
            expand=True,
            show_edge=False,
            pad_edge=False,
        )
        table.add_column(first, ratio=3, overflow="fold")
        table.add_column(f"Promised {a}", ratio=2, overflow="fold")
        table.add_column(f"Review {b}", ratio=2, overflow="fold")
        table.add_column("Verdict", no_wrap=True)
        table.add_column("Note", ratio=4, overflow="fold")
        for row in rows:
            table.add_row(*row, style=VERDICT_STYLES.get(row[3]) if color else None)
        out.append(Text(""))
        out.append(table)
    return render_rich(out, color=color, width=width)


def render_markdown(report: TrackReport, *, color: bool = False, width: int = 100) -> str:
    """The score line in bold, then Markdown tables of promises and projects."""
    a, b = report.earlier.label(), report.later.label()
    parts = [f"## {_headline(report)}\n", f"**{report.score_line()}**\n"]
    header = ["Metric", f"Promised {a}", f"Review {b}", "Verdict", "Note"]
    if report.commitments:
        parts.append("### Commitments\n\n" + md_table(header, _commitment_rows(report)))
    if report.projects:
        parts.append("### Projects\n\n" + md_table(["Project", *header[1:]], _project_rows(report)))
    return "\n".join(parts)


def render_csv(report: TrackReport, *, color: bool = False, width: int = 100) -> str:
    """One row per promise and project: type, verdict, what, promised, review, note, lines."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["type", "verdict", "what", "promised", "review", "note", "promise_line", "review_line"])
    for c in report.commitments:
        w.writerow(
            [
                "commitment",
                c.verdict,
                c.promise.metric or c.promise.text,
                commitment_value(c.promise),
                commitment_value(c.evidence),
                c.note,
                c.promise.line,
                c.evidence.line if c.evidence else "",
            ]
        )
    for p in report.projects:
        w.writerow(
            [
                "project",
                p.verdict,
                p.project.name,
                project_action(p.project),
                project_action(p.evidence),
                p.note,
                p.project.line,
                p.evidence.line if p.evidence else "",
            ]
        )
    return buf.getvalue()


def render_json(report: TrackReport, *, color: bool = False, width: int = 100) -> str:
    """The report as JSON (``track_data``)."""
    return dumps(track_data(report), "json")


RENDERERS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
    "csv": render_csv,
}


def render_track(report: TrackReport, fmt: str, *, color: bool = False, width: int = 100) -> str:
    """Render a track report as ``text``, ``json``, ``markdown`` or ``csv``."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}") from None
    return renderer(report, color=color, width=width)
