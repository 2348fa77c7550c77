"""govplan targets: the headline targets paragraph of real reports as rows, its formats and its CLI.

The excerpts in tests/data/targets/ keep each report's opening lines, level-1 headings, targets
paragraph and the lines that could mislead (城镇新增就业 figures in the employment section, the
十五五 five-year targets, last year's achievements); expected.yaml holds the hand-read cells.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from govplan.cli import main
from govplan.read import read_source
from govplan.render.targets import COLUMNS, render_targets, target_text
from govplan.targets import (
    FIELDS,
    TargetRow,
    TargetsResult,
    collect_targets,
    extract_targets,
    targets_from_file,
    vocabulary,
)

DATA = Path(__file__).parent / "data" / "targets"
EXPECTED: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    (DATA / "expected.yaml").read_text(encoding="utf-8")
)
CORE = ("gdp", "cpi", "unemployment", "new_jobs")


@pytest.fixture(scope="module")
def results() -> dict[str, TargetsResult]:
    return {name: targets_from_file(str(DATA / f"{name}.txt")) for name in EXPECTED}


def by_key(result: TargetsResult) -> dict[str, TargetRow]:
    return {r.indicator: r for r in result.rows}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cells_of_real_reports(name: str, results: dict[str, TargetsResult]) -> None:
    rows = by_key(results[name])
    for cell in EXPECTED[name]:
        row = rows.get(cell["indicator"])
        assert row is not None, f"{name}: no {cell['indicator']} row"
        got = {"absent": row.absent, "value": row.value, "comparator": row.comparator}
        if cell.get("absent"):
            assert got == {"absent": True, "value": None, "comparator": None}, f"{name} {cell['indicator']}"
            assert row.text is None and row.span is None
            continue
        want = {"absent": False, "value": cell["value"], "comparator": cell.get("comparator")}
        assert got == want, f"{name} {cell['indicator']}: {row.text}"
        assert row.value_max == cell.get("value_max")
        assert row.text is not None and cell["quote"] in row.text and len(row.text) <= len(cell["quote"]) + 4


def test_every_report_has_its_core_rows_first(results: dict[str, TargetsResult]) -> None:
    for result in results.values():
        assert tuple(r.indicator for r in result.rows[:4]) == CORE
        keys = [r.indicator for r in result.rows]
        assert len(keys) == len(set(keys))


def test_row_text_is_the_source_slice_at_its_span(results: dict[str, TargetsResult]) -> None:
    for name, result in results.items():
        text = read_source(str(DATA / f"{name}.txt")).text
        assert result.paragraph is not None
        for row in result.rows:
            if row.span is not None:
                assert text[row.span[0] : row.span[1]] == row.text
                assert result.paragraph[0] <= row.span[0] <= row.span[1] <= result.paragraph[1]


def test_document_facts(results: dict[str, TargetsResult]) -> None:
    first = results["guangdong-2026"].rows[0]
    assert (first.source, first.region, first.year, first.level) == (
        "guangdong-2026.txt",
        "广东省",
        2026,
        "province",
    )
    assert results["national-2020"].rows[0].region == "中华人民共和国"


def test_the_year_can_come_from_the_lead_in() -> None:
    r = extract_targets("2020年经济社会发展预期目标是：生产总值增长7%，固定资产投资增长7%。", "x.txt")
    assert r.year == 2020 and r.rows[0].value == 7


# Clauses as real reports word them, each after a plain lead-in: (clause, indicator, value,
# value_max, comparator).
PHRASINGS = [
    ("地区生产总值增长5%左右、努力争取更好结果", "gdp", 5, None, "~"),
    ("全区地区生产总值增长5.5%以上", "gdp", 5.5, None, ">="),
    ("国内生产总值增长6%－6.5%", "gdp", 6, 6.5, "range"),
    ("地区生产总值增长4.5%—5%，在实际工作中全力争取更好结果", "gdp", 4.5, 5, "range"),
    ("经济增长5%左右", "gdp", 5, None, "~"),
    ("全市生产总值增长5%左右", "gdp", 5, None, "~"),
    ("GDP增长6%以上", "gdp", 6, None, ">="),
    ("在质量效益明显提升的基础上实现经济增长5.5%左右", "gdp", 5.5, None, "~"),
    ("居民消费价格涨幅3%左右", "cpi", 3, None, "~"),
    ("居民消费价格指数涨幅2%以内", "cpi", 2, None, "<="),
    ("居民消费价格指数涨幅控制在2%左右", "cpi", 2, None, "~"),
    ("物价总水平基本稳定", "cpi", None, None, None),
    ("城镇调查失业率控制在5.5%以内", "unemployment", 5.5, None, "<="),
    ("城镇调查失业率全年控制在5.5%以内", "unemployment", 5.5, None, "<="),
    ("城镇调查失业率5%以内", "unemployment", 5, None, "<="),
    ("城镇新增就业1100万人以上", "new_jobs", 11000000, None, ">="),
    ("城镇新增就业不少于26万人", "new_jobs", 260000, None, ">="),
    ("新增城镇就业8万人", "new_jobs", 80000, None, "="),
    ("城镇新增就业1200万人左右", "new_jobs", 12000000, None, "~"),
    ("城镇登记失业率4.5%以内", "registered_unemployment", 4.5, None, "<="),
    ("一般公共预算收入可比增长7%", "fiscal_revenue", 7, None, "="),
    ("粮食产量1.4万亿斤左右", "grain", 1.4e12, None, "~"),
    ("单位国内生产总值能耗降低2.5%左右", "energy_intensity", 2.5, None, "~"),
    ("居民收入增长与经济增长同步", "income", None, None, None),
]


@pytest.mark.parametrize(("clause", "key", "value", "value_max", "comparator"), PHRASINGS)
def test_phrasings(clause: str, key: str, value: Any, value_max: Any, comparator: str | None) -> None:
    # a paragraph needs one number to be a targets paragraph: 进出口 gives it
    rows = by_key(extract_targets(f"今年经济社会发展的主要预期目标是：进出口增长3%，{clause}。\n", "x.txt"))
    row = rows[key]
    assert (row.value, row.value_max, row.comparator, row.absent) == (value, value_max, comparator, False)


def test_synced_income_is_not_a_gdp_target() -> None:
    rows = by_key(
        extract_targets("今年主要预期目标是：进出口增长3%，居民人均可支配收入和经济增长同步。", "x.txt")
    )
    assert rows["income"].value is None and not rows["income"].absent
    assert rows["gdp"].absent


def test_a_name_inside_another_indicator_is_not_a_target() -> None:
    text = "主要预期目标是：全社会研发经费支出相当于全市生产总值的比例达到4.5%左右，单位生产总值能耗下降3%。"
    rows = by_key(extract_targets(text, "x.txt"))
    assert rows["gdp"].absent
    assert (rows["rd_intensity"].value, rows["energy_intensity"].value) == (4.5, 3)


def test_a_list_of_names_takes_its_values_in_order() -> None:
    text = "今年主要预期目标是：城镇调查失业率、登记失业率分别控制在5.5%、4%以内，城乡居民人均可支配收入分别增长8%和9%。"
    rows = by_key(extract_targets(text, "x.txt"))
    assert [(k, rows[k].value, rows[k].comparator) for k in ("unemployment", "registered_unemployment")] == [
        ("unemployment", 5.5, "<="),
        ("registered_unemployment", 4, "<="),
    ]
    assert (rows["urban_income"].value, rows["rural_income"].value) == (8, 9)


def test_targets_one_a_line_after_the_lead_in() -> None:
    text = (
        "今年经济社会发展主要预期目标建议如下：\n——地区生产总值增长5%以上，力争达到5.5%；\n"
        "——城镇新增就业50万人；\n——居民消费价格涨幅控制在2%左右。\n这些目标的确定，考虑了需要与可能。\n"
    )
    rows = by_key(extract_targets(text, "x.txt"))
    assert (rows["gdp"].value, rows["gdp"].comparator, rows["gdp"].text) == (
        5,
        ">=",
        "地区生产总值增长5%以上",
    )
    assert (rows["new_jobs"].value, rows["cpi"].value) == (500000, 2)


def test_five_year_targets_are_not_this_years() -> None:
    text = (
        "“十五五”时期经济社会发展的主要目标是：地区生产总值年均增长5%左右，城镇调查失业率控制在5.5%以内。\n"
        "三、2026年工作安排\n今年主要预期目标是：地区生产总值增长5%—5.5%，居民消费价格涨幅2%左右。\n"
    )
    rows = by_key(extract_targets(text, "x.txt"))
    assert (rows["gdp"].value, rows["gdp"].value_max) == (5, 5.5)
    assert rows["unemployment"].absent


def test_line_breaks_inside_the_paragraph() -> None:
    text = "今年经济社会发展的\n主要预期目标\n是：自治区生产总值增长\n5.5%左右，城镇调查失业率5.5%左右。\n"
    rows = by_key(extract_targets(text, "x.txt"))
    assert (rows["gdp"].value, rows["unemployment"].value) == (5.5, 5.5)
    assert rows["gdp"].text == "自治区生产总值增长\n5.5%左右"


def test_a_preamble_sentence_may_open_the_paragraph() -> None:
    text = "今年经济社会发展的主要预期目标是：经济保持稳定增长。地区生产总值增长5%左右，城镇调查失业率5.5%左右。\n"
    rows = by_key(extract_targets(text, "x.txt"))
    assert (rows["gdp"].value, rows["unemployment"].value) == (5, 5.5)


def test_stance_before_the_value() -> None:
    rows = by_key(extract_targets("今年主要预期目标是：力争地区生产总值增长6%，城镇新增就业3万人。", "x.txt"))
    assert (rows["gdp"].stance, rows["new_jobs"].stance) == ("力争", None)


def test_no_targets_paragraph_means_core_rows_absent() -> None:
    batch_text = "一、今年工作安排\n办好人民满意教育。新建学校3所，增加学位2000个。\n"
    r = extract_targets(batch_text, "x.txt")
    assert r.paragraph is None
    assert [(row.indicator, row.absent) for row in r.rows] == [(k, True) for k in CORE]


def test_vocabulary_is_well_formed() -> None:
    vocab = vocabulary()
    keys = [i.key for i in vocab.indicators]
    assert len(keys) == len(set(keys))
    assert [i.key for i in vocab.indicators if i.core] == list(CORE)
    assert all(k in vocab.by_key for keys in vocab.respectively.values() for k in keys)


def test_plan_files_give_the_same_numbers(tmp_path: Path, results: dict[str, TargetsResult]) -> None:
    from govplan.pipeline import parse_file
    from govplan.serialize import dump_plan

    plan = tmp_path / "national-2019.yaml"
    plan.write_text(dump_plan(parse_file(str(DATA / "national-2019.txt"))), encoding="utf-8")
    from_plan = targets_from_file(str(plan))
    assert from_plan.rows[0].source == "national-2019.yaml"
    want = {r.indicator: (r.value, r.comparator, r.absent) for r in results["national-2019"].rows if r.value}
    got = {r.indicator: (r.value, r.comparator, r.absent) for r in from_plan.rows if r.value}
    assert got == want
    assert by_key(from_plan)["new_jobs"].text == "城镇新增就业1100万人以上"


# --- rendering and the command --------------------------------------------------------------------


def test_csv_json_and_table(results: dict[str, TargetsResult]) -> None:
    rows = results["national-2019"].rows + results["national-2020"].rows
    text = render_targets(rows, "csv")
    table = list(csv.reader(io.StringIO(text)))
    assert tuple(table[0]) == COLUMNS
    assert table[0][-3:] == ["span_start", "span_end", "absent"]
    assert table[1][4:10] == ["gdp", "6", "6.5", "%", "range", ""]
    assert table[1][-3:] == [str(rows[0].span[0]), str(rows[0].span[1]), "false"]  # type: ignore[index]
    gdp_2020 = next(line for line in table if line[0] == "national-2020.txt" and line[4] == "gdp")
    assert gdp_2020[5:] == ["", "", "", "", "", "", "", "", "true"]
    assert render_targets(rows, "csv", bom=True) == "\ufeff" + text
    data = json.loads(render_targets(rows, "json"))
    assert list(data[0]) == list(FIELDS) and data[0]["span"] == list(rows[0].span or ())
    shown = render_targets(rows, "table", width=140)
    assert "1100万人以上" in shown and "(absent)" in shown and "6%—6.5%" in shown
    assert target_text(results["beijing-2025"].rows[2]) == "5%以内"


def test_cli_batch_reports_failures_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(SystemExit) as exc:
        main(["targets", str(DATA / "national-2019.txt"), str(missing), str(DATA / "beijing-2025.txt")])
    assert exc.value.code == 1
    out = capsys.readouterr()
    assert out.err == f"Error: {missing}: no such file\n"
    sources = {line.split(",")[0] for line in out.out.splitlines()[1:]}
    assert sources == {"national-2019.txt", "beijing-2025.txt"}


def test_cli_exit_codes_and_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["targets", str(tmp_path / "missing.txt")])
    assert exc.value.code == 2
    assert capsys.readouterr().out == ""
    with pytest.raises(SystemExit) as exc:
        main(["targets", "--bom", "-f", "json", str(DATA / "national-2019.txt")])
    assert exc.value.code == 2
    assert capsys.readouterr().err == "Error: Invalid value: --bom is for --format csv\n"
    out = tmp_path / "t.csv"
    with pytest.raises(SystemExit) as exc:
        main(["targets", "--bom", "-o", str(out), str(DATA / "national-2019.txt")])
    assert exc.value.code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfsource,region,year")


def test_cli_directory_of_reports_and_plans(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(
        (DATA / "national-2019.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "notes.txt").write_text("一、今年工作安排\n办好人民满意教育。\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["targets", "-f", "json", str(tmp_path)])
    assert exc.value.code == 1
    out = capsys.readouterr()
    assert out.err.splitlines() == [
        f"Error: {tmp_path / 'b.json'}: not a plan file (no schema_version)",
        f"Warning: {tmp_path / 'notes.txt'}: no targets paragraph found; core indicators reported absent",
    ]
    sources = [r["source"] for r in json.loads(out.out)]
    assert sorted(set(sources), key=sources.index) == ["a.txt", "notes.txt"]


def test_same_input_same_bytes() -> None:
    paths = [str(DATA / f"{n}.txt") for n in ("guangdong-2026", "national-2017")]
    first = render_targets(collect_targets(paths).rows, "csv")
    assert render_targets(collect_targets(paths).rows, "csv") == first


def test_xlsx_is_a_real_workbook_with_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "t.xlsx"
    with pytest.raises(SystemExit) as exc:
        main(["targets", str(DATA / "national-2019.txt"), "-o", str(out)])
    assert exc.value.code == 0
    sheet = openpyxl.load_workbook(out)["targets"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    gdp = next(r for r in rows if r[4] == "gdp")
    assert (gdp[5], gdp[6], gdp[8]) == (6, 6.5, "range") and isinstance(gdp[-3], int)
    for fmt_args in (["-f", "csv"], ["-f", "xlsx", "-o", str(tmp_path / "t.csv")]):
        args = ["targets", str(DATA / "national-2019.txt"), *fmt_args]
        with pytest.raises(SystemExit) as exc:
            main([*args, "-o", str(out)] if "-o" not in fmt_args else args)
        assert exc.value.code == 2
        assert capsys.readouterr().err == (
            "Error: Invalid value: an Excel workbook is --format xlsx with -o FILE.xlsx\n"
        )


def test_csv_cells_are_never_formulas() -> None:
    row = TargetRow("=cmd.txt", "+区", 2025, "county", "gdp", text="-1", span=(0, 2))
    line = render_targets([row], "csv").splitlines()[1]
    assert line.startswith("'=cmd.txt,'+区,2025,county,gdp,")
    assert ",'-1,0,2,false" in line


def test_plan_file_beside_its_report_gives_the_reports_rows(tmp_path: Path) -> None:
    from govplan.pipeline import parse_file
    from govplan.serialize import dump_plan

    for name in ("national-2019", "guangdong-2026", "miyi-2022", "qingyuan-2025"):
        report = DATA / f"{name}.txt"
        (tmp_path / report.name).write_bytes(report.read_bytes())
        (tmp_path / f"{name}.yaml").write_text(dump_plan(parse_file(str(report))), encoding="utf-8")
        from_report = targets_from_file(str(report)).rows
        warnings: list[str] = []
        from_plan = targets_from_file(str(tmp_path / f"{name}.yaml"), warnings).rows
        assert warnings == []
        strip = [{k: v for k, v in vars(r).items() if k != "source"} for r in from_plan]
        assert strip == [{k: v for k, v in vars(r).items() if k != "source"} for r in from_report], name
    (tmp_path / "miyi-2022.txt").unlink()
    warnings = []
    rows = targets_from_file(str(tmp_path / "miyi-2022.yaml"), warnings).rows
    assert warnings == [
        f"Warning: {tmp_path / 'miyi-2022.yaml'}: source report miyi-2022.txt not beside the plan file; "
        "targets read from its commitments (targets without a number not seen)"
    ]
    assert next(r for r in rows if r.indicator == "gdp").value == 7.5
