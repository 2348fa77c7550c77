"""Many plans as relational tables: SQLite (standard library), DuckDB, a folder of Parquet files, or Excel.

Every table carries ``report_id`` (the sha256 of the report's bytes, as ``source.sha256``), so the
tables join, and re-exporting a report replaces its rows instead of adding them again.

>>> from govplan.pipeline import parse_text
>>> tables = plan_tables(parse_text("一、2023年工作安排\\n新建学校3所。\\n", name="r.txt"))
>>> [len(tables[name]) for name in TABLE_NAMES]
[1, 1, 0, 1, 0, 4]
>>> tables["commitments"][0]["value"], tables["commitments"][0]["unit"]
(3, '所')
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govplan.errors import GovplanError, OutputError
from govplan.models import Plan, Section, Topic
from govplan.serialize import temp_beside
from govplan.targets import TargetsResult, targets_from_plan

# (column, SQL type); the first column(s) after report_id form the primary key with it.
Column = tuple[str, str]
_ITEM = [("span_start", "INTEGER"), ("span_end", "INTEGER"), ("line", "INTEGER")]
_DOMAINS = [("domain", "TEXT"), ("domains", "TEXT"), ("domain_evidence", "TEXT")]
SCHEMA: dict[str, list[Column]] = {
    "reports": [
        ("report_id", "TEXT"),
        ("source", "TEXT"),
        ("sha256", "TEXT"),
        ("format", "TEXT"),
        ("encoding", "TEXT"),
        ("chars", "INTEGER"),
        ("region", "TEXT"),
        ("year", "INTEGER"),
        ("level", "TEXT"),
        ("title", "TEXT"),
        ("sections", "INTEGER"),
        ("topics", "INTEGER"),
        ("commitments", "INTEGER"),
        ("projects", "INTEGER"),
        ("targets", "INTEGER"),
        ("warnings", "INTEGER"),
        ("generator_version", "TEXT"),
    ],
    "sections": [
        ("report_id", "TEXT"),
        ("section_id", "TEXT"),
        ("parent_id", "TEXT"),
        ("level", "INTEGER"),
        ("number", "TEXT"),
        ("title", "TEXT"),
        ("part", "TEXT"),
        *_ITEM,
    ],
    "topics": [
        ("report_id", "TEXT"),
        ("topic_id", "TEXT"),
        ("section_id", "TEXT"),
        ("parent_topic_id", "TEXT"),
        ("title", "TEXT"),
        ("marker", "TEXT"),
        *_ITEM,
        *_DOMAINS,
    ],
    "commitments": [
        ("report_id", "TEXT"),
        ("commitment_id", "TEXT"),
        ("section_id", "TEXT"),
        ("topic_id", "TEXT"),
        ("text", "TEXT"),
        *_ITEM,
        ("metric", "TEXT"),
        ("value", "REAL"),
        ("value_max", "REAL"),
        ("from_value", "REAL"),
        ("unit", "TEXT"),
        ("comparator", "TEXT"),
        ("raw", "TEXT"),
        ("kind", "TEXT"),
        ("status", "TEXT"),
        ("stance", "TEXT"),
        *_DOMAINS,
    ],
    "projects": [
        ("report_id", "TEXT"),
        ("project_id", "TEXT"),
        ("section_id", "TEXT"),
        ("topic_id", "TEXT"),
        ("name", "TEXT"),
        ("action", "TEXT"),
        ("stage", "TEXT"),
        ("status", "TEXT"),
        ("text", "TEXT"),
        *_ITEM,
        *_DOMAINS,
    ],
    "targets": [
        ("report_id", "TEXT"),
        ("indicator", "TEXT"),
        ("value", "REAL"),
        ("value_max", "REAL"),
        ("unit", "TEXT"),
        ("comparator", "TEXT"),
        ("stance", "TEXT"),
        ("text", "TEXT"),
        ("span_start", "INTEGER"),
        ("span_end", "INTEGER"),
        ("absent", "INTEGER"),
    ],
}
TABLE_NAMES = tuple(SCHEMA)
# Columns to index: the join keys of each table.
INDEXES: dict[str, tuple[str, ...]] = {
    "sections": ("report_id", "section_id"),
    "topics": ("report_id", "section_id"),
    "commitments": ("report_id", "section_id", "topic_id"),
    "projects": ("report_id", "section_id", "topic_id"),
    "targets": ("report_id", "indicator"),
}
FORMATS = ("sqlite", "duckdb", "parquet", "xlsx")
_SUFFIX_FORMAT = {
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
    ".db": "sqlite",
    ".duckdb": "duckdb",
    ".xlsx": "xlsx",
}
_EXTRA = {"duckdb": ("duckdb", "duckdb"), "parquet": ("pyarrow", "parquet"), "xlsx": ("openpyxl", "xlsx")}

Row = dict[str, Any]
Tables = dict[str, list[Row]]


@dataclass
class ExportResult:
    """What an export wrote: the reports it (re)placed and the rows per table."""

    path: str
    format: str
    reports: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)


def format_of(output: str, fmt: str | None = None) -> str:
    """The export format: ``fmt`` if given, else from ``output``'s suffix (a directory means Parquet)."""
    if fmt is not None:
        return fmt
    suffix = Path(output).suffix.lower()
    if suffix in _SUFFIX_FORMAT:
        return _SUFFIX_FORMAT[suffix]
    if output.endswith(("/", os.sep)) or os.path.isdir(output) or suffix == ".parquet":
        return "parquet"
    raise OutputError(
        "cannot tell the format from the name: use .sqlite, .duckdb, .xlsx, a directory for Parquet, "
        "or --format",
        output,
    )


def _joined(words: Sequence[str]) -> str | None:
    return ",".join(words) if words else None


def _domains(item: Any) -> Row:
    return {
        "domain": item.domains[0] if item.domains else None,
        "domains": _joined(item.domains),
        "domain_evidence": _joined(item.domain_evidence),
    }


def _span(item: Any) -> Row:
    return {"span_start": item.span[0], "span_end": item.span[1], "line": item.line}


def plan_tables(plan: Plan, targets: TargetsResult | None = None) -> Tables:
    """One plan's rows for every table (``targets`` from the plan itself when not given)."""
    rid = plan.source.sha256
    sections: list[Row] = []
    topics: list[Row] = []

    def add_topics(items: list[Topic], section_id: str, parent: str | None) -> None:
        for t in items:
            topics.append(
                {
                    "report_id": rid,
                    "topic_id": t.id,
                    "section_id": section_id,
                    "parent_topic_id": parent,
                    "title": t.title,
                    "marker": t.marker,
                    **_span(t),
                    **_domains(t),
                }
            )
            add_topics(t.topics, section_id, t.id)

    def add_sections(items: list[Section], parent: str | None) -> None:
        for s in items:
            sections.append(
                {
                    "report_id": rid,
                    "section_id": s.id,
                    "parent_id": parent,
                    "level": s.level,
                    "number": s.number,
                    "title": s.title,
                    "part": s.part,
                    **_span(s),
                }
            )
            add_topics(s.topics, s.id, None)
            add_sections(s.sections, s.id)

    add_sections(plan.sections, None)
    commitments = [
        {
            "report_id": rid,
            "commitment_id": c.id,
            "section_id": c.section,
            "topic_id": c.topic,
            "text": c.text,
            **_span(c),
            "metric": c.metric,
            "value": c.value,
            "value_max": c.value_max,
            "from_value": c.from_value,
            "unit": c.unit,
            "comparator": c.comparator,
            "raw": c.raw,
            "kind": c.kind,
            "status": c.status,
            "stance": c.stance,
            **_domains(c),
        }
        for c in plan.commitments
    ]
    projects = [
        {
            "report_id": rid,
            "project_id": p.id,
            "section_id": p.section,
            "topic_id": p.topic,
            "name": p.name,
            "action": p.action,
            "stage": p.stage,
            "status": p.status,
            "text": p.text,
            **_span(p),
            **_domains(p),
        }
        for p in plan.projects
    ]
    result = targets if targets is not None else targets_from_plan(plan)
    target_rows = [
        {
            "report_id": rid,
            "indicator": r.indicator,
            "value": r.value,
            "value_max": r.value_max,
            "unit": r.unit,
            "comparator": r.comparator,
            "stance": r.stance,
            "text": r.text,
            "span_start": r.span[0] if r.span else None,
            "span_end": r.span[1] if r.span else None,
            "absent": int(r.absent),
        }
        for r in result.rows
    ]
    doc = plan.document
    report = {
        "report_id": rid,
        "source": plan.source.name,
        "sha256": plan.source.sha256,
        "format": plan.source.format,
        "encoding": plan.source.encoding,
        "chars": plan.source.chars,
        "region": doc.region,
        "year": doc.year,
        "level": doc.level,
        "title": doc.title,
        "sections": len(sections),
        "topics": len(topics),
        "commitments": len(commitments),
        "projects": len(projects),
        "targets": sum(1 for r in target_rows if not r["absent"]),
        "warnings": len(plan.warnings),
        "generator_version": plan.generator.version,
    }
    return {
        "reports": [report],
        "sections": sections,
        "topics": topics,
        "commitments": commitments,
        "projects": projects,
        "targets": target_rows,
    }


def merge_tables(parts: Iterable[Tables]) -> Tables:
    """Many plans' tables as one set; a report given twice keeps its last rows only."""
    by_report: dict[str, Tables] = {}
    for t in parts:
        by_report[t["reports"][0]["report_id"]] = t
    return {name: [row for t in by_report.values() for row in t[name]] for name in TABLE_NAMES}


def _values(name: str, row: Row) -> tuple[Any, ...]:
    return tuple(row.get(col) for col, _ in SCHEMA[name])


def _create_sql(name: str) -> str:
    cols = ", ".join(f"{c} {t}" for c, t in SCHEMA[name])
    return f"CREATE TABLE IF NOT EXISTS {name} ({cols})"


def _index_sql(name: str) -> list[str]:
    return [
        f"CREATE INDEX IF NOT EXISTS idx_{name}_{col} ON {name} ({col})"
        for col in INDEXES.get(name, ("report_id",))
    ]


def _write_sql(con: Any, tables: Tables) -> None:
    """Create what is missing, drop the exported reports' old rows, insert the new ones (DB-API)."""
    ids = [r["report_id"] for r in tables["reports"]]
    for name in TABLE_NAMES:
        con.execute(_create_sql(name))
        for sql in _index_sql(name):
            con.execute(sql)
        for rid in ids:
            con.execute(f"DELETE FROM {name} WHERE report_id = ?", (rid,))
        rows = [_values(name, row) for row in tables[name]]
        if rows:
            marks = ", ".join("?" for _ in SCHEMA[name])
            con.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)


def _write_sqlite(path: str, tables: Tables) -> None:
    try:
        con = sqlite3.connect(path)
    except sqlite3.OperationalError as exc:  # a name the file system refuses (too long, no access)
        raise OutputError(f"cannot write ({exc})", path) from None
    try:
        with con:  # one transaction: a failure leaves the database as it was
            _write_sql(con, tables)
    except sqlite3.DatabaseError as exc:
        raise OutputError(f"not a usable SQLite database ({exc})", path) from None
    finally:
        con.close()


def _write_duckdb(path: str, tables: Tables) -> None:
    import duckdb

    try:
        con = duckdb.connect(path)
    except duckdb.Error as exc:
        raise OutputError(f"not a usable DuckDB database ({exc})", path) from None
    try:
        con.execute("BEGIN TRANSACTION")
        _write_sql(con, tables)
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise OutputError(f"could not write the DuckDB database ({exc})", path) from None
    finally:
        con.close()


def _arrow_type(sql: str) -> Any:
    import pyarrow as pa

    return {"TEXT": pa.string(), "INTEGER": pa.int64(), "REAL": pa.float64()}[sql]


def _write_parquet(path: str, tables: Tables) -> None:
    """One ``<table>.parquet`` per table in the folder; each file is replaced whole, atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(path)
    folder.mkdir(exist_ok=True)
    ids = {r["report_id"] for r in tables["reports"]}
    for name in TABLE_NAMES:
        schema = pa.schema([(c, _arrow_type(t)) for c, t in SCHEMA[name]])
        target = folder / f"{name}.parquet"
        old: list[Row] = []
        if target.exists():
            try:
                old = [r for r in pq.read_table(target).to_pylist() if r["report_id"] not in ids]
            except (pa.ArrowException, OSError, KeyError) as exc:
                raise OutputError(f"not a readable Parquet table ({exc})", str(target)) from None
        rows = [*old, *({c: r.get(c) for c, _ in SCHEMA[name]} for r in tables[name])]
        table = pa.Table.from_pylist(rows, schema=schema)
        with temp_beside(folder, ".export-", ".tmp") as tmp:
            pq.write_table(table, tmp.name)
            tmp.replace(target)


def _write_xlsx(path: str, tables: Tables) -> None:
    """One sheet per table; the workbook is read, its exported reports' rows replaced, and saved whole."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    ids = {r["report_id"] for r in tables["reports"]}
    old: dict[str, list[Row]] = {name: [] for name in TABLE_NAMES}
    if os.path.exists(path):
        try:
            book = openpyxl.load_workbook(path, read_only=True)
        except (InvalidFileException, OSError, KeyError, ValueError) as exc:
            raise OutputError(f"not a readable Excel workbook ({exc})", path) from None
        for name in TABLE_NAMES:
            if name in book.sheetnames:
                rows = list(book[name].iter_rows(values_only=True))
                head = [str(h) for h in rows[0]] if rows else []
                old[name] = [dict(zip(head, r, strict=False)) for r in rows[1:]]
                old[name] = [r for r in old[name] if r.get("report_id") not in ids]
        book.close()
    book = openpyxl.Workbook(write_only=True)
    for name in TABLE_NAMES:
        sheet = book.create_sheet(name)
        sheet.append([c for c, _ in SCHEMA[name]])
        for row in [*old[name], *tables[name]]:
            sheet.append([_excel_cell(row.get(c)) for c, _ in SCHEMA[name]])
    with temp_beside(os.path.dirname(path) or ".", ".export-", ".xlsx") as tmp:
        book.save(tmp.name)
        tmp.replace(path)


def _excel_cell(value: Any) -> Any:
    # A text cell that Excel would read as a formula is written with a leading quote.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


_WRITERS = {"sqlite": _write_sqlite, "duckdb": _write_duckdb, "parquet": _write_parquet, "xlsx": _write_xlsx}


def check_export_target(path: str, fmt: str) -> None:
    """The export target can be written as ``fmt``: its directory exists (as -o FILE of a parse
    says it; the writers would name their temp file), and it is a file or a directory as the
    format needs. Checked before any report is read, and again by export_tables for API callers."""
    parent = Path(path).parent
    if not parent.is_dir():
        raise OutputError(f"directory {parent} does not exist", path)
    if fmt != "parquet" and os.path.isdir(path):
        raise OutputError(f"is a directory; a {fmt} export is one file", path)
    if fmt == "parquet" and os.path.exists(path) and not os.path.isdir(path):
        raise OutputError("is a file; a Parquet export is a directory of tables", path)


def export_tables(tables: Tables, path: str, fmt: str) -> ExportResult:
    """Write ``tables`` to ``path`` as ``fmt``; the exported reports' earlier rows are replaced."""
    if fmt not in _WRITERS:
        raise OutputError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}", path)
    if fmt in _EXTRA:
        module, extra = _EXTRA[fmt]
        try:
            __import__(module)
        except ImportError:
            raise OutputError(
                f"{fmt} export needs the {module} package: pip install 'govplan[{extra}]'", path
            ) from None
    check_export_target(path, fmt)
    try:
        _WRITERS[fmt](path, tables)
    except OSError as exc:  # named by the output, never by the temp file written beside it
        raise OutputError(f"cannot write ({exc.strerror or exc})", path) from None
    return ExportResult(
        path=path,
        format=fmt,
        reports=[r["source"] for r in tables["reports"]],
        rows={name: len(tables[name]) for name in TABLE_NAMES},
    )


def tables_from_file(path: str) -> Tables:
    """The rows of one file: a plan file (.yaml/.json) as it is, or a report parsed on the fly."""
    from govplan.targets import plan_and_targets

    return plan_tables(*plan_and_targets(path))


def export_files(inputs: list[str], output: str, fmt: str | None, report: Callable[[str], None]) -> int:
    """``govplan export``: read every input (a failure is reported and skipped), write the tables.

    Returns the exit code: 0, 1 when some file failed, 2 when none could be read.
    """
    from govplan.inputs import expand_inputs
    from govplan.render.progress import progress_bar
    from govplan.serialize import refuse_inputs
    from govplan.suffixes import PLAN_SUFFIXES, REPORT_SUFFIXES

    kind = format_of(output, fmt)
    files = expand_inputs(inputs, REPORT_SUFFIXES + PLAN_SUFFIXES)
    refuse_inputs(Path(output), files)
    check_export_target(output, kind)  # before the work, not after it
    parts, failed = [], 0
    with progress_bar(len(files), "export", enabled=len(files) > 1 and sys.stderr.isatty()) as advance:
        for path in files:
            try:
                parts.append(tables_from_file(path))
            except GovplanError as exc:
                exc.file = exc.file or path
                report(exc.line())
                failed += 1
            advance(path)
    if not parts:
        return 2
    result = export_tables(merge_tables(parts), output, kind)
    counts = ", ".join(f"{n} {name}" for name, n in result.rows.items() if name != "reports")
    report(f"exported {len(result.reports)} of {len(files)} files to {output} ({kind}): {counts}")
    return 1 if failed else 0
