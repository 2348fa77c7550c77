"""Rendering a PlanDiff: rich tables grouped by domain (text), JSON, and a Markdown table.

Text is plain (no escape codes) unless ``color`` is asked for; the CLI asks only when stdout is a
terminal and ``NO_COLOR`` is unset. The same diff, width and colour give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import RenderableType
from rich.text import Text

from govplan.diff import CATEGORIES, Change, Changes, PlanDiff, diff_data
from govplan.extract.domains import DOMAIN_KEYS, load_lexicon
from govplan.match import SectionRef
from govplan.models import Commitment, Project
from govplan.render.registry import render, renderer
from govplan.render.table import (
    Column,
    Table,
    commitment_value,
    markdown,
    md_cell,
    project_action,
    render_rich,
    rich_table,
)
from govplan.serialize import dumps

__all__ = ["commitment_value", "project_action", "render_diff", "render_rich"]

NO_DOMAIN = ""
COMPARATOR_WORDS = {
    "~": "左右",
    ">=": "以上",
    "<=": "以内",
    "=": "=",
    ">": ">",
    "<": "<",
    "range": "区间",
    "double": "翻番",
}
LABEL_WORDS = {
    "raised": "raised",
    "lowered": "lowered",
    "range_changed": "range changed",
    "comparator_tightened": "comparator tightened",
    "comparator_loosened": "comparator loosened",
    "comparator_changed": "comparator changed",
    "stance_strengthened": "stance strengthened",
    "stance_weakened": "stance weakened",
    "stance_changed": "stance changed",
    "kind_changed": "kind changed",
    "renamed": "renamed",
    "renumbered": "renumbered",
    "level_changed": "level changed",
    "stage_advanced": "stage advanced",
    "stage_regressed": "stage moved back",
    "stage_changed": "stage changed",
}
STYLES = {"changed": "yellow", "added": "green", "removed": "red"}
MARKS = {"changed": "~", "added": "+", "removed": "-"}
TITLES = {"sections": "Sections", "commitments": "Commitments", "projects": "Projects"}


# --- helpers ------------------------------------------------------------------------------------


def domain_order(key: str) -> tuple[int, str]:
    """Contract order of domains, the unassigned last."""
    keys = DOMAIN_KEYS
    return (keys.index(key), key) if key in keys else (len(keys), key)


# --- rows: (status, domain, cells, note) -------------------------------------------------------

Row = tuple[str, str, list[str], str]


def _describe(ch: Change[Any]) -> str:
    b, a = ch.before, ch.after
    words = []
    for label in ch.labels:
        text = LABEL_WORDS.get(label, label.replace("_", " "))
        if label.startswith("comparator") and isinstance(b, Commitment) and isinstance(a, Commitment):
            text += f" ({COMPARATOR_WORDS.get(b.comparator, b.comparator)} → {COMPARATOR_WORDS.get(a.comparator, a.comparator)})"
        elif label.startswith("stance") and isinstance(b, Commitment) and isinstance(a, Commitment):
            text += f" ({b.stance or '—'} → {a.stance or '—'})"
        elif label.startswith("stage") and isinstance(b, Project) and isinstance(a, Project):
            text += f" ({project_action(b)} → {project_action(a)})"
        elif label == "renamed" and isinstance(b, Commitment) and isinstance(a, Commitment):
            text += f" ({b.metric} → {a.metric})"
        elif label == "renamed" and isinstance(b, Project) and isinstance(a, Project):
            text += f" ({b.name} → {a.name})"
        elif label == "renumbered" and isinstance(b, SectionRef) and isinstance(a, SectionRef):
            text += f" ({b.path} → {a.path})"
        words.append(text)
    return "; ".join(words)


def _domain(*items: Any) -> str:
    for x in items:
        doms = getattr(x, "domains", None)
        if doms:
            return str(doms[0])
    return NO_DOMAIN


def commitment_rows(changes: Changes[Commitment], diff: PlanDiff | None = None) -> list[Row]:
    """Rows of the commitments table: changed, removed, added, each in document order.

    The metric shown is the diff's readable label (地区生产总值增长 for a bare 增长) when known.
    """

    def label(side: str, c: Commitment) -> str:
        return diff.label(side, c) if diff is not None else c.metric or c.text

    rows: list[Row] = []
    for ch in changes.changed:
        metric = label("b", ch.after)
        rows.append(
            (
                "changed",
                _domain(ch.after, ch.before),
                [metric, commitment_value(ch.before), commitment_value(ch.after)],
                _describe(ch),
            )
        )
    for c in changes.removed:
        rows.append(("removed", _domain(c), [label("a", c), commitment_value(c), ""], "removed"))
    for c in changes.added:
        rows.append(("added", _domain(c), [label("b", c), "", commitment_value(c)], "added"))
    return rows


def project_rows(changes: Changes[Project], diff: PlanDiff | None = None) -> list[Row]:
    """Rows of the projects table: changed, removed, added."""
    rows: list[Row] = []
    for ch in changes.changed:
        rows.append(
            (
                "changed",
                _domain(ch.after, ch.before),
                [ch.after.name, project_action(ch.before), project_action(ch.after)],
                _describe(ch),
            )
        )
    for p in changes.removed:
        rows.append(("removed", _domain(p), [p.name, project_action(p), ""], "removed"))
    for p in changes.added:
        rows.append(("added", _domain(p), [p.name, "", project_action(p)], "added"))
    return rows


def section_rows(changes: Changes[SectionRef], diff: PlanDiff | None = None) -> list[Row]:
    """Rows of the sections table: changed, removed, added."""
    rows: list[Row] = []
    for ch in changes.changed:
        rows.append(("changed", NO_DOMAIN, [ch.after.path, ch.before.title, ch.after.title], _describe(ch)))
    for s in changes.removed:
        rows.append(("removed", NO_DOMAIN, [s.path, s.title, ""], "removed"))
    for s in changes.added:
        rows.append(("added", NO_DOMAIN, [s.path, "", s.title], "added"))
    return rows


ROWS: dict[str, Callable[[Any, PlanDiff], list[Row]]] = {
    "sections": section_rows,
    "commitments": commitment_rows,
    "projects": project_rows,
}
FIRST_COLUMN = {"sections": "No.", "commitments": "Metric", "projects": "Project"}


def _grouped(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row[1], []).append(row)
    return sorted(groups.items(), key=lambda kv: domain_order(kv[0]))


def summary_line(name: str, changes: Changes[Any]) -> str:
    """``commitments: 2 changed, 1 added, 3 removed, 9 unchanged``."""
    c = changes.counts()
    return f"{name}: {c['changed']} changed, {c['added']} added, {c['removed']} removed, {c['unchanged']} unchanged"


def _headline(diff: PlanDiff) -> str:
    def side(ref: Any) -> str:
        return f"{ref.name} ({ref.year})" if ref.year is not None else ref.name

    part = {"plan": "plan part", "review": "review part", "all": "plan and review parts"}[diff.part]
    return f"{side(diff.a)} → {side(diff.b)}, {part}"


# --- the three formats -------------------------------------------------------------------------


def _tables(diff: PlanDiff) -> list[tuple[str, Table]]:
    """One table per compared kind of item with rows; commitments and projects grouped by domain."""
    out: list[tuple[str, Table]] = []
    for name in CATEGORIES:
        changes = getattr(diff, name)
        if changes is None:
            continue
        rows = ROWS[name](changes, diff)
        if not rows:
            continue
        if name == "sections":
            columns = [
                Column("", no_wrap=True),
                Column(FIRST_COLUMN[name], no_wrap=True),
                Column(diff.a.label(), ratio=4),
                Column(diff.b.label(), ratio=4),
                Column("Change", ratio=2),
            ]
            cells = [[MARKS[st], *c, note] for st, _d, c, note in rows]
            styles = [STYLES[st] for st, _d, _c, _n in rows]
            out.append((name, Table(TITLES[name], columns, cells, styles)))
            continue
        columns = [
            Column("", no_wrap=True),
            Column("Domain", ratio=2),
            Column(FIRST_COLUMN[name], ratio=3),
            Column(diff.a.label(), ratio=3),
            Column(diff.b.label(), ratio=3),
            Column("Change", ratio=4),
        ]
        cells, styles, breaks = [], [], set()
        for g, (dom, group) in enumerate(_grouped(rows)):
            if g:
                breaks.add(len(cells))
            for k, (st, _d, c, note) in enumerate(group):
                cells.append([MARKS[st], (load_lexicon().labels.get(dom, "—") if k == 0 else ""), *c, note])
                styles.append(STYLES[st])
        out.append((name, Table(TITLES[name], columns, cells, styles, frozenset(breaks))))
    return out


@renderer("diff", "text")
def render_text(diff: PlanDiff, *, color: bool = False, width: int = 100) -> str:
    """Rich tables, commitments and projects grouped by domain; plain unless ``color``."""
    out: list[RenderableType] = [Text(_headline(diff), style="bold")]
    cats = [(name, getattr(diff, name)) for name in CATEGORIES if getattr(diff, name) is not None]
    for name, changes in cats:
        out.append(Text(summary_line(name, changes)))
    if not diff.different:
        out.append(Text("no differences"))
    for _name, table in _tables(diff):
        out.append(Text(""))
        out.append(rich_table(table, color=color))
    return render_rich(out, color=color, width=width)


@renderer("diff", "markdown")
def render_markdown(diff: PlanDiff, *, color: bool = False, width: int = 100) -> str:
    """Markdown a journalist can paste: a summary, then one table per kind of item."""
    parts = [f"## {md_cell(_headline(diff))}\n"]
    cats = [(name, getattr(diff, name)) for name in CATEGORIES if getattr(diff, name) is not None]
    parts.append("\n".join(f"- {summary_line(name, ch)}" for name, ch in cats) + "\n")
    if not diff.different:
        parts.append("No differences.\n")
    for name, table in _tables(diff):
        # Markdown has no colour or marks: the Change column says it; domains repeat on every row.
        columns = table.columns[1:]
        if name == "sections":
            rows = [r[1:] for r in table.rows]
        else:
            rows, dom = [], "—"
            for r in table.rows:
                dom = r[1] or dom
                rows.append([dom, *r[2:]])
        parts.append(markdown(Table(table.title, columns, rows)))
    return "\n".join(parts)


@renderer("diff", "json")
def render_json(diff: PlanDiff, *, color: bool = False, width: int = 100) -> str:
    """The diff as JSON: ``{a, b, summary, sections, commitments, projects}``."""
    return dumps(diff_data(diff), "json")


def render_diff(diff: PlanDiff, fmt: str, *, color: bool = False, width: int = 100) -> str:
    """Render a diff as ``text``, ``json`` or ``markdown``."""
    return render("diff", fmt, diff, color=color, width=width)
