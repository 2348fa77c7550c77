"""govplan track: verdicts, tolerance, project progress, formats, and a real pair of reports.

Most plans are built from the models (``make_plan`` of test_diff); the real pair is an excerpt of
the national 2022 and 2023 reports in tests/data/track/, parsed once for the module.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from govplan.cli import app
from govplan.errors import GovplanError
from govplan.models import Plan
from govplan.pipeline import parse_file
from govplan.render.track import render_track
from govplan.serialize import dump_plan
from govplan.track import TrackReport, judge, quantity, track_plans
from test_diff import commitment, make_plan, project

DATA = Path(__file__).parent / "data" / "track"


def achieved(metric: str, value: float, unit: str = "%", **kw: Any) -> Any:
    kw.setdefault("comparator", "=")
    return commitment(metric, value, unit, status="achieved", **kw)


PROMISES_2022 = [
    commitment("国内生产总值增长", 5.5, raw="5.5%左右"),
    commitment("城镇新增就业", 11000000, "人", ">=", raw="1100万人以上", kind="count"),
    commitment("城镇调查失业率", 5.5, "%", "<=", raw="5.5%以内", kind="level"),
    commitment("居民消费价格涨幅", 3, raw="3%左右"),
    commitment("粮食产量", 1.3e12, "斤", ">=", raw="1.3万亿斤以上", kind="level"),
    commitment("地方政府专项债券", 3.65e12, "元", "=", raw="3.65万亿元", kind="level"),
    commitment("留抵退税", 1.5e12, "元", "~", raw="约1.5万亿元", kind="level"),
]
REVIEW_2023 = [
    achieved("国内生产总值增长", 3),
    achieved("城镇新增就业", 12060000, "人", kind="count", raw="1206万人"),
    achieved("城镇调查失业率", 5.5, kind="level"),
    achieved("居民消费价格上涨", 2),
    achieved("粮食产量", 1.37e12, "斤", kind="level", raw="1.37万亿斤"),
    achieved("国内生产总值", 5.2, text="国内生产总值五年年均增长5.2%"),
]


def verdicts(report: TrackReport) -> dict[str, str]:
    return {c.promise.metric or "": c.verdict for c in report.commitments}


def test_national_promises() -> None:
    report = track_plans(make_plan(PROMISES_2022), make_plan(REVIEW_2023, year=2023))
    assert verdicts(report) == {
        "国内生产总值增长": "missed",  # 3% against 5.5%左右
        "城镇新增就业": "met",  # 1206万 against 1100万以上
        "城镇调查失业率": "met",  # 5.5% against 以内 5.5%
        "居民消费价格涨幅": "met",  # less is better: 2% is within a 3%左右 ceiling
        "粮食产量": "met",
        "地方政府专项债券": "silent",
        "留抵退税": "silent",
    }
    gdp = report.commitments[0]
    assert gdp.evidence is not None and gdp.evidence.value == 3  # not the five-year average
    assert report.score_line().startswith("met 4 of 7 quantified promises (0 exceeded), 1 missed")


@pytest.mark.parametrize(
    ("got", "verdict"),
    [(5.5, "met"), (5.3, "met"), (5.77, "met"), (5.2, "missed"), (5.8, "exceeded"), (-1, "missed")],
)
def test_about_target_tolerance(got: float, verdict: str) -> None:
    # 左右 is met within ±5% of the target: 5.5%左右 spans 5.225% to 5.775%
    assert judge(commitment("地区生产总值增长", 5.5), achieved("地区生产总值增长", got))[0] == verdict


@pytest.mark.parametrize(
    ("promise", "got", "verdict"),
    [
        (commitment("城镇新增就业", 26e4, "人", ">=", kind="count"), 25.9e4, "missed"),
        (commitment("城镇调查失业率", 5.5, "%", "<=", kind="level"), 5.6, "missed"),
        (commitment("城镇调查失业率", 5.5, "%", "~", kind="level"), 5.8, "missed"),
        (commitment("城镇调查失业率", 5.5, "%", "~", kind="level"), 4.0, "met"),
        (commitment("新建学校", 3, "所", "=", kind="count"), 3, "met"),
        (commitment("新建学校", 3, "所", "=", kind="count"), 4, "exceeded"),
        (commitment("新建学校", 3, "所", "=", kind="count"), 2, "missed"),
        (commitment("地区生产总值增长", 6, "%", "range", value_max=6.5), 6.2, "met"),
        (commitment("地区生产总值增长", 6, "%", "range", value_max=6.5), 6.6, "exceeded"),
        (commitment("单位地区生产总值能耗下降", 3, "%", "~", kind="reduction"), 1.0, "missed"),
    ],
)
def test_comparators(promise: Any, got: float, verdict: str) -> None:
    evidence = achieved(promise.metric, got, promise.unit, kind=promise.kind)
    assert judge(promise, evidence)[0] == verdict


def test_opposite_direction_is_negative_growth() -> None:
    promise = commitment("外贸进出口增长", 3, "%", ">=")
    fell = achieved("外贸进出口", 2, kind="reduction")
    assert judge(promise, fell) == ("missed", "-2% against at least 3%")


def test_reported_and_silent() -> None:
    earlier = make_plan(
        [
            commitment("居民收入增长", 5, raw="5%左右"),
            commitment("国内生产总值", 1.2e14, "元", ">=", kind="level"),
            commitment("研发经费投入强度", 2.5, kind="share"),
        ]
    )
    later = make_plan([achieved("国内生产总值", 5.2), achieved("国内生产总值增长", 3)], year=2023)
    text = "居民收入增长与经济增长基本同步。"
    report = track_plans(earlier, later, later_text=text)
    assert [(c.verdict, c.note) for c in report.commitments] == [
        ("silent", ""),  # no review section in this plan: the text is not searched
        ("reported", "reported as 5.2%, not in 元"),
        ("silent", ""),
    ]


def test_mentioned_in_the_review_text() -> None:
    from test_diff import section

    earlier = make_plan([commitment("居民收入增长", 5, raw="5%左右")])
    text = "一、2022年工作回顾\n居民收入增长与经济增长基本同步。\n"
    later = make_plan(
        [achieved("国内生产总值增长", 3)],
        sections=[section("review-1", "一", "2022年工作回顾", part="review")],
        year=2023,
    )
    later.sections[0].span = (0, len(text))
    report = track_plans(earlier, later, later_text=text)
    assert [(c.verdict, c.note) for c in report.commitments] == [
        ("reported", "mentioned in the review without a figure")
    ]


def test_a_promise_stated_twice_counts_once() -> None:
    earlier = make_plan(
        [commitment("城镇新增就业", 1e7, "人", ">="), commitment("城镇新增就业", 1e7, "人", ">=")]
    )
    report = track_plans(earlier, make_plan([achieved("城镇新增就业", 1.1e7, "人")], year=2023))
    assert [c.verdict for c in report.commitments] == ["met"]


def test_projects() -> None:
    earlier = make_plan(
        projects=[
            project("泽龙高级中学", "开工建设"),
            project("区人民医院新院区", "续建"),
            project("内陆港", "谋划"),
            project("大庄物流园", "谋划"),
            project("智慧城管", "谋划"),
            project("职教中心综合楼", "续建"),
        ]
    )
    later = make_plan(
        projects=[
            project("泽龙高级中学", "建成", status="achieved"),
            project("区人民医院新院区主体", "续建", status="achieved"),
            project("区人民医院新院区", "续建", status="achieved"),
            project("内陆港", "开工建设", status="achieved"),
            project("大庄物流园", "开工建设"),
            project("职教中心综合楼", "投入使用", status="achieved"),
        ],
        year=2023,
    )
    report = track_plans(earlier, later)
    assert [(p.project.name, p.verdict, p.note) for p in report.projects] == [
        ("泽龙高级中学", "completed", "review: 建成"),
        ("区人民医院新院区", "progressed", "review: 续建"),
        ("内陆港", "progressed", "review: 开工建设"),
        ("大庄物流园", "silent", "planned again: 开工建设"),
        ("智慧城管", "silent", ""),
        ("职教中心综合楼", "completed", "review: 投入使用"),  # stage other, but 投入使用 means done
    ]
    assert report.score_line().endswith("projects: 2 completed, 2 progressed, 2 silent of 6")


def test_years_must_go_forward() -> None:
    with pytest.raises(GovplanError) as exc:
        track_plans(make_plan(year=2023), make_plan(year=2022, name="b.txt"))
    assert exc.value.line() == (
        "Error: b.txt: this report is for 2022, not later than the earlier one (2023); give the earlier year first"
    )


def test_quantity() -> None:
    assert [
        quantity(12060000, "人"),
        quantity(1.37e12, "斤"),
        quantity(5.5, "%"),
        quantity(3.8e12, "元"),
    ] == [
        "1206万人",
        "1.37万亿斤",
        "5.5%",
        "3.8万亿元",
    ]


# --- formats and the command ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def report() -> TrackReport:
    return track_plans(make_plan(PROMISES_2022), make_plan(REVIEW_2023, year=2023))


def test_formats(report: TrackReport) -> None:
    text = render_track(report, "text")
    assert text.splitlines()[1].startswith("met 4 of 7 quantified promises")
    assert "\x1b[" not in text and "\x1b[" in render_track(report, "text", color=True)
    md = render_track(report, "markdown")
    assert "**met 4 of 7 quantified promises" in md
    assert "| 国内生产总值增长 | 5.5%左右 | 3% | missed | 3%, below 5.225–5.775% (5.5% ±5%) |" in md
    rows = list(csv.DictReader(io.StringIO(render_track(report, "csv"))))
    assert rows[1] == {
        "type": "commitment",
        "verdict": "met",
        "what": "城镇新增就业",
        "promised": "1100万人以上",
        "review": "1206万人",
        "note": "1206万人 against at least 1100万人",
        "promise_line": "1",
        "review_line": "1",
        "promise_quote": "城镇新增就业1100万人以上",
        "review_quote": "城镇新增就业1206万人",
    }
    data = json.loads(render_track(report, "json"))
    assert list(data) == ["earlier", "later", "summary", "commitments", "projects", "rows"]
    assert data["summary"]["commitments"] == {
        "met": 4,
        "exceeded": 0,
        "missed": 1,
        "reported": 0,
        "silent": 2,
    }
    assert data["commitments"][0]["evidence"]["value"] == 3


def test_cli(tmp_path: Path) -> None:
    a, b = tmp_path / "2022.yaml", tmp_path / "2023.yaml"
    a.write_text(dump_plan(make_plan(PROMISES_2022)), encoding="utf-8")
    b.write_text(dump_plan(make_plan(REVIEW_2023, year=2023)), encoding="utf-8")
    r = CliRunner().invoke(app, ["track", str(a), str(b), "--format", "csv"], env={"NO_COLOR": "1"})
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0] == (
        "type,verdict,what,promised,review,note,promise_line,review_line,promise_quote,review_quote"
    )
    from govplan.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["track", str(b), str(a)])
    assert exc.value.code == 2


# --- a real pair ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def national() -> tuple[Plan, Plan, str]:
    later = DATA / "national-2023-excerpt.txt"
    return (
        parse_file(str(DATA / "national-2022-excerpt.txt")),
        parse_file(str(later)),
        later.read_text("utf-8"),
    )


def test_real_national_pair(national: tuple[Plan, Plan, str]) -> None:
    earlier, later, text = national
    report = track_plans(earlier, later, later_text=text)
    by_metric = {c.promise.metric: c for c in report.commitments}
    gdp = next(c for m, c in by_metric.items() if m and "国内生产总值" in m)
    jobs = next(c for m, c in by_metric.items() if m and "城镇新增就业" in m)
    assert (gdp.promise.value, gdp.verdict, gdp.evidence and gdp.evidence.value) == (5.5, "missed", 3)
    assert (jobs.promise.value, jobs.verdict, jobs.evidence and jobs.evidence.value) == (
        11000000,
        "met",
        12060000,
    )


# --- golden cases from real report text (excerpts in tests/data/track/) ---------------------------


def read_pair(earlier: str, later: str) -> tuple[Plan, str, Plan, str]:
    from govplan.match import read_input

    pe, te = read_input(str(DATA / earlier))
    pl, tl = read_input(str(DATA / later))
    assert te is not None and tl is not None
    return pe, te, pl, tl


def checks_by_label(report: TrackReport) -> dict[tuple[str, float], Any]:
    return {(c.label, float(c.promise.value)): c for c in report.commitments}


def test_review_growth_after_the_level_meets_the_growth_target() -> None:
    # 米易 2022→2023: 全年实现地区生产总值183.7亿元、增长3.8%; 城乡居民人均可支配收入分别达44999元、
    # 24102元，分别增长4.6%、6.3%; 完成县级一般公共预算收入13.5亿元、增长9.9%
    pe, te, pl, tl = read_pair("miyi-2022-excerpt.txt", "miyi-2023-excerpt.txt")
    report = track_plans(pe, pl, earlier_text=te, later_text=tl)
    got = {
        (c.promise.raw, c.verdict, c.evidence.raw if c.evidence else None)
        for c in report.commitments
        if c.promise.unit == "%"
    }
    assert ("7.5%以上", "missed", "3.8%") in got  # the growth, not 183.7亿元
    assert ("8.5%", "missed", "4.6%") in got  # urban income growth, not 44999元
    assert ("10%以上", "missed", "6.3%") in got  # rural income growth, not 24102元
    assert ("8%以上", "met", "9.9%") in got  # 县级 and 同口径 do not hide fiscal revenue
    gdp = next(c for c in report.commitments if c.promise.raw == "7.5%以上")
    assert gdp.indicator == "gdp" and gdp.label == "地区生产总值增长"
    assert gdp.evidence_quote == "全年实现地区生产总值183.7亿元、增长3.8%"
    assert gdp.promise_quote.endswith("地区生产总值增长7.5%以上")


def test_a_figure_of_any_size_and_not_a_five_year_one_or_a_from_value() -> None:
    # national 2022→2023: 全年增值税留抵退税超过2.4万亿元 (the year), 新建高标准农田4.56亿亩 and
    # 人均财政补助标准从50元提高到84元 (the five years, and 50元 a from-value)
    pe, te, pl, tl = read_pair("national-2022-policy.txt", "national-2023-policy.txt")
    report = track_plans(pe, pl, earlier_text=te, later_text=tl)
    rebate = next(c for c in report.commitments if c.promise.metric == "留抵退税")
    assert rebate.evidence is not None and rebate.evidence.raw == "超过2.4万亿元"
    assert rebate.verdict == "exceeded"  # 约1.5万亿元 promised
    farmland = next(c for c in report.commitments if c.label == "高标准农田")
    assert farmland.verdict == "reported" and "several years" in farmland.note
    for c in report.commitments:
        assert c.evidence is None or c.evidence.value != 50, c  # never the from-value
        assert c.verdict not in ("met", "exceeded") or c.evidence is not None


def test_the_five_year_targets_are_not_the_years_promises() -> None:
    # 保定 2021→2022: the 十四五 section's 生产总值年均增长8%以上 and the year's 生产总值增长8%以上 share a
    # metric once 年均 is read as the period; the year's target is the promise the review meets
    # (增长7.2% misses it), the five-year one is not judged by one year.
    pe, te, pl, tl = read_pair("baoding-2021-excerpt.txt", "baoding-2022-excerpt.txt")
    report = track_plans(pe, pl, earlier_text=te, later_text=tl)
    gdp = [c for c in report.commitments if c.indicator == "gdp"]
    assert [(c.promise.text, c.verdict, c.evidence.raw if c.evidence else None) for c in gdp] == [
        ("生产总值增长8%以上", "missed", "7.2%")
    ]
    assert all("年均" not in c.promise.text for c in report.commitments)


def test_the_same_report_on_both_sides_meets_every_promise() -> None:
    # Property: a review that states exactly the promised figures meets every promise it can
    # compare (or reports it), whatever the wording of the report.
    for name in ("miyi-2022-excerpt.txt", "national-2022-policy.txt", "national-2022-excerpt.txt"):
        from govplan.match import read_input

        plan, text = read_input(str(DATA / name))
        assert text is not None
        year = (plan.document.year or 2000) + 1
        later = plan.model_copy(
            update={
                "document": plan.document.model_copy(update={"year": year}),
                "commitments": [
                    c.model_copy(update={"status": "achieved"})
                    for c in plan.commitments
                    if c.status == "planned"
                ],
            }
        )
        report = track_plans(plan, later, earlier_text=text, later_text=text)
        assert report.commitments
        bad = [
            (c.label, c.verdict, c.note) for c in report.commitments if c.verdict not in ("met", "reported")
        ]
        assert not bad, (name, bad)


def write_pairs(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for src, dst in (
        ("miyi-2022-excerpt.txt", "miyi-2022.txt"),
        ("miyi-2023-excerpt.txt", "miyi-2023.txt"),
        ("national-2022-excerpt.txt", "national-2022.txt"),
        ("national-2023-excerpt.txt", "national-2023.txt"),
    ):
        (folder / dst).write_text((DATA / src).read_text("utf-8"), encoding="utf-8")
    return folder


def test_many_governments_in_one_table(tmp_path: Path) -> None:
    from govplan.track import ROW_FIELDS

    folder = write_pairs(tmp_path)
    (folder / "notes.md").write_text("# notes\n\nnot a report\n", encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(app, ["track", str(folder), "--indicators", "gdp", "--format", "csv"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0]) == list(ROW_FIELDS)
    assert [
        (x["region"], x["year"], x["indicator"], x["target"], x["reported"], x["verdict"]) for x in rows
    ] == [
        ("中华人民共和国", "2022", "gdp", "目标5.5%左右", "3%", "missed"),
        ("米易县", "2022", "gdp", "目标7.5%以上", "3.8%", "missed"),
    ]
    assert all(x["promise_quote"] and x["review_quote"] for x in rows)
    text = runner.invoke(app, ["track", str(folder), "--indicators", "gdp,new_jobs"], env={"NO_COLOR": "1"})
    assert text.exit_code == 0, text.output
    assert text.stdout.splitlines()[0].startswith("2 governments, 2 pairs, ")
    assert "without a next year's report" in text.stdout.splitlines()[0]  # notes.md
    data = json.loads(runner.invoke(app, ["track", str(folder), "--format", "json"]).stdout)
    assert list(data) == ["summary", "rows", "pairs"] and len(data["pairs"]) == 2
    md = runner.invoke(app, ["track", str(folder), "--format", "markdown", "--indicators", "gdp"]).stdout
    assert md.startswith("**2 governments, 2 pairs, 2 promises: 0 met (0 exceeded), 2 missed")


def test_pairs_by_region_and_year_not_by_name(tmp_path: Path) -> None:
    from govplan.match import read_input
    from govplan.track import pair_plans

    folder = write_pairs(tmp_path)
    (folder / "miyi-2023.txt").rename(folder / "b.txt")  # the document still says 米易县 2023
    items = []
    for f in sorted(folder.iterdir()):
        plan, text = read_input(str(f))
        items.append((f.name, plan, text))
    pairs, left = pair_plans(items)
    # in region order (中华人民共和国 before 米易县), the earlier year first
    assert [(a[0], b[0]) for a, b in pairs] == [
        ("national-2022.txt", "national-2023.txt"),
        ("miyi-2022.txt", "b.txt"),
    ]
    assert left == []


def test_indicators_are_checked() -> None:
    from govplan.cli import main

    with pytest.raises(SystemExit) as exc:
        main(
            [
                "track",
                str(DATA / "miyi-2022-excerpt.txt"),
                str(DATA / "miyi-2023-excerpt.txt"),
                "--indicators",
                "gdpp",
            ]
        )
    assert exc.value.code == 2


def test_indicators_restrict_a_pair(capsys: pytest.CaptureFixture[str]) -> None:
    runner = CliRunner()
    args = ["track", str(DATA / "miyi-2022-excerpt.txt"), str(DATA / "miyi-2023-excerpt.txt")]
    r = runner.invoke(app, [*args, "--indicators", "gdp", "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert [(c["indicator"], c["verdict"]) for c in data["commitments"]] == [("gdp", "missed")]
    assert data["projects"] == []


def test_no_pair_in_a_folder_is_an_error(tmp_path: Path) -> None:
    from govplan.cli import main

    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "miyi-2022.txt").write_text(
        (DATA / "miyi-2022-excerpt.txt").read_text("utf-8"), encoding="utf-8"
    )
    with pytest.raises(SystemExit) as exc:
        main(["track", str(folder)])
    assert exc.value.code == 2
