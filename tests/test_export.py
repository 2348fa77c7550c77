"""govplan export: many plans as joined tables in SQLite, DuckDB, Parquet and Excel, and target charts."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from conftest import run
from govplan.export import SCHEMA, TABLE_NAMES, plan_tables, tables_from_file
from govplan.render.chart import chart_series, render_svg
from govplan.serialize import load_plan
from govplan.targets import collect_targets

SAMPLES = Path(__file__).parent.parent / "samples"
TARGETS = Path(__file__).parent / "data" / "targets"
PLANS = sorted(str(p) for p in SAMPLES.glob("*.plan.yaml"))


def _topics(nodes: list[Any]) -> int:
    return sum(1 + _topics(t.topics) for t in nodes)


def _counts(path: str) -> dict[str, int]:
    """What the plan file holds, counted from the plan itself."""
    plan = load_plan(path)
    sections: list[Any] = []
    stack = list(plan.sections)
    while stack:
        s = stack.pop()
        sections.append(s)
        stack.extend(s.sections)
    return {
        "sections": len(sections),
        "topics": sum(_topics(s.topics) for s in sections),
        "commitments": len(plan.commitments),
        "projects": len(plan.projects),
    }


def _sqlite_counts(db: Path) -> dict[str, dict[str, int]]:
    con = sqlite3.connect(db)
    try:
        out: dict[str, dict[str, int]] = {}
        for source, rid in con.execute("SELECT source, report_id FROM reports"):
            out[source] = {
                name: con.execute(f"SELECT COUNT(*) FROM {name} WHERE report_id = ?", (rid,)).fetchone()[0]
                for name in ("sections", "topics", "commitments", "projects")
            }
        return out
    finally:
        con.close()


def test_sqlite_rows_equal_the_plan_files_items(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "corpus.sqlite"
    code, _, err = run(capsys, "export", *PLANS, "-o", str(db))
    assert code == 0, err
    assert err.startswith(f"exported {len(PLANS)} of {len(PLANS)} files to {db} (sqlite): ")
    got = _sqlite_counts(db)
    for path in PLANS:
        plan = load_plan(path)
        assert got[plan.source.name] == _counts(path), path


def test_reexport_replaces_rows_never_duplicates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite"
    assert run(capsys, "export", *PLANS, "-o", str(db))[0] == 0
    before = _sqlite_counts(db)
    # the same report again, once as a plan file and once as its text: still one set of rows
    assert run(capsys, "export", PLANS[0], str(SAMPLES / "national-2022.txt"), "-o", str(db))[0] == 0
    after = _sqlite_counts(db)
    assert sorted(after) == sorted(before)
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == len(PLANS)
        ids = {r[0] for r in con.execute("SELECT DISTINCT report_id FROM commitments")}
        assert len(ids) == len(PLANS)
    finally:
        con.close()


def test_keys_join_and_are_indexed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite"
    assert run(capsys, "export", str(SAMPLES / "qingyuan-2024.plan.yaml"), "-o", str(db))[0] == 0
    con = sqlite3.connect(db)
    try:
        orphans = con.execute(
            "SELECT COUNT(*) FROM commitments c LEFT JOIN sections s "
            "ON s.report_id = c.report_id AND s.section_id = c.section_id "
            "WHERE c.section_id IS NOT NULL AND s.section_id IS NULL"
        ).fetchone()[0]
        assert orphans == 0
        indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"idx_commitments_report_id", "idx_commitments_section_id", "idx_projects_topic_id"} <= indexes
        # spans are two integer columns that slice the source text
        text = (SAMPLES / "qingyuan-2024.txt").read_text(encoding="utf-8")
        for start, end, quote in con.execute("SELECT span_start, span_end, text FROM commitments"):
            assert text[start:end] == quote
        kinds = {r[0] for r in con.execute("SELECT typeof(value) FROM commitments")}
        assert kinds <= {"real", "integer"}
    finally:
        con.close()


def test_report_and_plan_file_give_the_same_rows() -> None:
    from_plan = tables_from_file(str(SAMPLES / "miyi-2023.plan.yaml"))
    from_text = tables_from_file(str(SAMPLES / "miyi-2023.txt"))
    for name in ("sections", "topics", "commitments", "projects"):
        assert from_plan[name] == from_text[name], name


def test_every_row_has_every_column() -> None:
    tables = plan_tables(load_plan(str(SAMPLES / "national-2023.plan.yaml")))
    for name in TABLE_NAMES:
        for row in tables[name]:
            assert list(row) == [c for c, _ in SCHEMA[name]], name


def test_duckdb_parquet_and_xlsx_hold_the_same_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    duckdb = pytest.importorskip("duckdb")
    pq = pytest.importorskip("pyarrow.parquet")
    openpyxl = pytest.importorskip("openpyxl")
    want = {name: sum(len(tables_from_file(p)[name]) for p in PLANS) for name in TABLE_NAMES}
    for target in ("c.duckdb", "pq/", "c.xlsx"):
        for _ in range(2):  # the second run replaces the first's rows
            code, _, err = run(capsys, "export", *PLANS, "-o", f"{tmp_path}/{target}")
            assert code == 0, err
    con = duckdb.connect(str(tmp_path / "c.duckdb"))
    assert {n: con.execute(f"SELECT COUNT(*) FROM {n}").fetchone()[0] for n in TABLE_NAMES} == want
    con.close()
    assert {n: pq.read_table(tmp_path / "pq" / f"{n}.parquet").num_rows for n in TABLE_NAMES} == want
    book = openpyxl.load_workbook(tmp_path / "c.xlsx", read_only=True)
    assert {n: sum(1 for _ in book[n].iter_rows()) - 1 for n in TABLE_NAMES} == want
    value = next(book["commitments"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert isinstance(value[[c for c, _ in SCHEMA["commitments"]].index("value")], int | float)
    book.close()


def test_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", PLANS[0], "-o", str(tmp_path / "c.csv"))
    assert (code, err.strip()) == (
        2,
        f"Error: {tmp_path / 'c.csv'}: cannot tell the format from the name: use .sqlite, .duckdb, "
        ".xlsx, a directory for Parquet, or --format",
    )
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database\n" * 100, encoding="utf-8")
    code, _, err = run(capsys, "export", PLANS[0], "-o", str(bad))
    assert code == 2 and err.startswith(f"Error: {bad}: not a usable SQLite database")
    assert bad.read_text(encoding="utf-8") == "not a database\n" * 100
    missing = tmp_path / "none.yaml"
    code, _, err = run(capsys, "export", PLANS[0], str(missing), "-o", str(tmp_path / "ok.sqlite"))
    assert code == 1 and f"Error: {missing}: " in err
    assert err.rstrip().endswith("(sqlite): " + err.rstrip().split("(sqlite): ")[1])
    plan = tmp_path / "p.plan.yaml"
    plan.write_bytes(Path(PLANS[0]).read_bytes())
    code, _, err = run(capsys, "export", str(plan), "-o", str(plan), "--format", "sqlite")
    assert (code, err.strip()) == (2, f"Error: {plan}: refusing to write over an input file")
    assert plan.read_bytes() == Path(PLANS[0]).read_bytes()


def test_chart_svg_draws_every_region_and_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in TARGETS.glob("*.txt"))
    rows = collect_targets(files).rows
    series, unit = chart_series(rows, "gdp")
    assert unit == "%"
    assert {2017, 2018, 2021, 2022, 2023, 2024} <= {y for y, _, _ in series["中华人民共和国"]}
    assert series["广东省"] == [(2025, 5.0, None), (2026, 4.5, 5.0)]  # 4.5%—5% drawn as a range
    svg = tmp_path / "gdp.svg"
    code, _, err = run(capsys, "targets", *files, "--chart", "gdp", "-o", str(svg))
    assert code == 0, err
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    ns = "{http://www.w3.org/2000/svg}"
    points = root.findall(f"{ns}circle")
    assert len(points) == sum(len(p) for p in series.values())
    labels = {t.text for t in root.iter(f"{ns}text")}
    assert set(series) <= labels
    assert render_svg(rows, "gdp") == svg.read_text(encoding="utf-8")  # deterministic


def test_chart_needs_an_image_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "targets", str(TARGETS / "national-2023.txt"), "--chart", "gdp")
    assert (code, err.strip()) == (2, "Error: Invalid value: --chart needs -o FILE ending in .svg or .png")


def test_readme_sql_examples_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import re

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Export", 1)[1].split("\n## ", 1)[0]
    queries = re.findall(r"```sql\n(.*?)```", section, flags=re.S)
    assert len(queries) == 3
    db = tmp_path / "c.sqlite"
    assert (
        run(capsys, "export", *sorted(str(p) for p in TARGETS.glob("national-*.txt")), "-o", str(db))[0] == 0
    )
    con = sqlite3.connect(db)
    try:
        answers = [con.execute(q).fetchall() for q in queries]
    finally:
        con.close()
    gdp = {year: value for year, value, _, _ in answers[1]}
    assert gdp[2017] == 6.5 and gdp[2023] == 5.0 and gdp[2020] is None


def test_a_binary_output_is_checked_like_a_text_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # errors name the output, never the temp file written beside it
    plan = PLANS[0]
    missing = tmp_path / "none" / "t.xlsx"
    code, _, err = run(capsys, "targets", plan, "-o", str(missing))
    assert (code, err.strip()) == (2, f"Error: {missing}: directory {missing.parent} does not exist")
    folder = tmp_path / "t.xlsx"
    folder.mkdir()
    code, _, err = run(capsys, "targets", plan, "-o", str(folder))
    assert (code, err.strip()) == (2, f"Error: {folder}: is a directory; name a file")
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]  # no temp file left


@pytest.mark.parametrize("name", ["t.xlsx", "t.sqlite", "t.parquet"])
def test_an_export_into_a_missing_directory_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    # not the temp file's name, not sqlite's internal error
    missing = tmp_path / "none" / name
    code, _, err = run(capsys, "export", PLANS[0], "-o", str(missing))
    assert (code, err) == (2, f"Error: {missing}: directory {missing.parent} does not exist\n")
    assert list(tmp_path.iterdir()) == []


def test_an_export_target_is_checked_before_the_reports_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a mistyped directory is named even when every input fails (nothing would be exported)
    missing = tmp_path / "none" / "t.sqlite"
    code, _, err = run(capsys, "export", str(tmp_path / "absent.yaml"), "-o", str(missing))
    assert (code, err) == (2, f"Error: {missing}: directory {missing.parent} does not exist\n")


def test_a_name_sqlite_cannot_open_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a file name the file system refuses (longer than 255 bytes) is no internal error
    target = tmp_path / ("t" * 300 + ".sqlite")
    code, _, err = run(capsys, "export", PLANS[0], "-o", str(target))
    assert code == 2 and err.startswith(f"Error: {target}: cannot write (") and err.count("\n") == 1
