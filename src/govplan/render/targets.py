"""Rendering headline target rows: CSV (Excel-friendly with ``bom``), JSON, and a rich table."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from rich import box
from rich.console import RenderableType
from rich.table import Table

from govplan.data import load
from govplan.render.registry import render, renderer
from govplan.render.table import render_rich
from govplan.serialize import dumps
from govplan.targets import FIELDS, Number, TargetRow, row_data
from govplan.view import number

BOM = "\ufeff"
# How a comparator reads next to its value in the table (5%左右, 1100万人以上).
_COUNTED = frozenset(load("units.yaml")["counted"])
_WORDS = {"~": "{v}左右", ">=": "{v}以上", "<=": "{v}以内", ">": "超过{v}", "<": "低于{v}", "=": "{v}"}


def _amount(n: Number, unit: str) -> str:
    if unit in _COUNTED:
        for div, word in ((10**12, "万亿"), (10**8, "亿"), (10**4, "万")):
            q = n / div
            if n >= div and round(q, 4) == q:
                return f"{number(q)}{word}{unit}"
    return f"{number(n)}{unit}"


def target_text(row: TargetRow) -> str:
    """A row's target in words: 力争5%左右, 4.5%—5%, 1200万人以上; (absent) or (no number)."""
    if row.absent:
        return "(absent)"
    if row.value is None:
        return "(no number)"
    unit = row.unit or ""
    if row.comparator == "range" and row.value_max is not None:
        shown = f"{_amount(row.value, unit)}—{_amount(row.value_max, unit)}"
    else:
        shown = _WORDS.get(row.comparator or "=", "{v}").format(v=_amount(row.value, unit))
    return f"{row.stance or ''}{shown}"


# The table columns: ``FIELDS`` with the span as two integer columns, for spreadsheets and pandas.
COLUMNS = tuple(c for name in FIELDS for c in (("span_start", "span_end") if name == "span" else (name,)))


def table_cells(row: TargetRow) -> list[Number | str | bool | None]:
    """A row's values in ``COLUMNS`` order, typed: numbers as numbers, nulls as None."""
    data = row_data(row)
    span = data.pop("span")
    data["span_start"], data["span_end"] = span if span else (None, None)
    return [data[c] for c in COLUMNS]


def _csv_cell(value: Number | str | bool | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number(value)
    # a text cell Excel would run as a formula (=, +, -, @, tab, CR first) gets a leading '
    return "'" + value if value.startswith(_FORMULA_LEADS) else value


_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


@renderer("targets", "csv")
def render_csv(rows: Sequence[TargetRow], *, bom: bool = False, color: bool = False, width: int = 100) -> str:
    """One line per row under a header of ``COLUMNS``; empty cells for nulls; a BOM first if ``bom``."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for row in rows:
        w.writerow([_csv_cell(v) for v in table_cells(row)])
    return (BOM if bom else "") + buf.getvalue()


def write_xlsx(rows: Sequence[TargetRow], path: str) -> None:
    """The rows as an Excel workbook (one sheet, ``targets``), numbers as numbers; needs openpyxl."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("targets")
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([_csv_cell(v) if isinstance(v, str) else v for v in table_cells(row)])
    book.save(path)


@renderer("targets", "json")
def render_json(
    rows: Sequence[TargetRow], *, bom: bool = False, color: bool = False, width: int = 100
) -> str:
    """The rows as a JSON array of objects, keys in ``FIELDS`` order."""
    return dumps([row_data(r) for r in rows], "json")


@renderer("targets", "table")
def render_table(
    rows: Sequence[TargetRow], *, bom: bool = False, color: bool = False, width: int = 100
) -> str:
    """A table for a terminal: one line per row, a rule between reports; plain unless ``color``."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    table.add_column("Source", no_wrap=True)
    table.add_column("Region", no_wrap=True)
    table.add_column("Year", no_wrap=True)
    table.add_column("Indicator", no_wrap=True)
    table.add_column("Target", no_wrap=True)
    table.add_column("Text", ratio=1, overflow="fold")
    previous: str | None = None
    for row in rows:
        if previous is not None and row.source != previous:
            table.add_section()
        previous = row.source
        style = ("dim" if row.absent else "yellow" if row.value is None else None) if color else None
        table.add_row(
            row.source,
            row.region or "",
            "" if row.year is None else str(row.year),
            row.indicator,
            target_text(row),
            row.text or "",
            style=style,
        )
    out: list[RenderableType] = [table]
    return render_rich(out, color=color, width=width)


def render_targets(
    rows: Sequence[TargetRow], fmt: str, *, bom: bool = False, color: bool = False, width: int = 100
) -> str:
    """Render target rows as ``csv``, ``json`` or ``table``."""
    return render("targets", fmt, rows, bom=bom, color=color, width=width)
