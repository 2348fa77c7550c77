"""govplan diff: matching by meaning, classification, formats, exit codes, golden cases, properties.

Plans are built here from the models (``make_plan``), so the tests do not depend on the parser;
the golden cases in tests/cases/diff/ are static plan files modelled on real report pairs.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import invoke
from govplan.diff import PlanDiff, diff_data, diff_plans
from govplan.match import normalise_metric, project_key, section_key, title_similarity
from govplan.models import Commitment, Document, Generator, Plan, Project, Section, Source
from govplan.render.diff import render_diff
from govplan.serialize import dump_plan
from make_samples import sample_diff_outputs

CASES_DIR = Path(__file__).parent / "cases" / "diff"
CASES = sorted(p for p in CASES_DIR.iterdir() if p.is_dir())


# --- building small plans ------------------------------------------------------------------------


def commitment(
    metric: str | None,
    value: float,
    unit: str = "%",
    comparator: str = "~",
    *,
    raw: str | None = None,
    kind: str = "growth",
    status: str = "planned",
    stance: str | None = None,
    value_max: float | None = None,
    section: str | None = None,
    domains: tuple[str, ...] = (),
    id: str | None = None,
    text: str | None = None,
) -> Commitment:
    raw = raw or f"{value:g}{unit}"
    text = text or f"{metric or ''}{raw}"
    return Commitment(
        id=id or f"c-{metric}-{value:g}-{status}",
        text=text,
        span=(0, len(text)),
        line=1,
        metric=metric,
        value=value,
        value_max=value_max,
        unit=unit,
        comparator=comparator,
        raw=raw,
        kind=kind,
        status=status,
        stance=stance,
        section=section,
        domains=list(domains),
    )


STAGE_OF = {"谋划": "plan", "开工建设": "start", "续建": "continue", "建成": "complete", "推进": "other"}


def project(name: str, action: str, *, status: str = "planned", id: str | None = None) -> Project:
    text = f"{action}{name}"
    return Project(
        id=id or f"p-{name}-{status}",
        name=name,
        action=action,
        stage=STAGE_OF.get(action, "other"),
        text=text,
        span=(0, len(text)),
        line=1,
        status=status,
    )


def section(
    id: str, number: str, title: str, *, level: int = 1, part: str = "plan", children: Any = ()
) -> Section:
    return Section(
        id=id,
        level=level,
        number=number,
        title=title,
        span=(0, 1),
        line=1,
        part=part,
        sections=list(children),
    )


def make_plan(
    commitments: Any = (),
    projects: Any = (),
    sections: Any = (),
    *,
    year: int | None = 2022,
    name: str = "report.txt",
) -> Plan:
    return Plan(
        generator=Generator(version="0.1.0"),
        source=Source(name=name, sha256="0" * 64, encoding="utf-8", format="txt", chars=0),
        document=Document(title="政府工作报告", region="清苑区", year=year, level="county"),
        sections=list(sections),
        commitments=list(commitments),
        projects=list(projects),
    )


def changed_keys(d: PlanDiff) -> dict[str, tuple[str, ...]]:
    assert d.commitments is not None
    return {ch.key: ch.labels for ch in d.commitments.changed}


# --- commitments ---------------------------------------------------------------------------------

NATIONAL_2022 = [
    commitment("国内生产总值增长", 5.5, raw="5.5%左右", domains=("economy",)),
    commitment(
        "城镇新增就业", 11000000, "人", ">=", raw="1100万人以上", kind="count", domains=("employment",)
    ),
    commitment("城镇调查失业率", 5.5, "%", "<=", raw="5.5%以内", kind="level"),
    commitment("居民消费价格涨幅", 3, raw="3%左右"),
    commitment("粮食产量", 1.3e12, "斤", ">=", raw="1.3万亿斤以上", kind="level"),
    commitment("留抵退税", 1.5e12, "元", "~", raw="约1.5万亿元", kind="level"),
]
NATIONAL_2023 = [
    commitment("国内生产总值增长", 5, raw="5%左右", domains=("economy",)),
    commitment(
        "城镇新增就业", 12000000, "人", "~", raw="1200万人左右", kind="count", domains=("employment",)
    ),
    commitment("城镇调查失业率", 5.5, "%", "~", raw="5.5%左右", kind="level"),
    commitment("居民消费价格涨幅", 3, raw="3%左右"),
    commitment("粮食产量", 1.3e12, "斤", ">=", raw="1.3万亿斤以上", kind="level"),
    commitment("地方政府专项债券", 3.8e12, "元", "=", raw="3.8万亿元", kind="level"),
]


def test_national_targets_change_not_add_and_remove() -> None:
    d = diff_plans(make_plan(NATIONAL_2022), make_plan(NATIONAL_2023, year=2023))
    assert d.commitments is not None
    keys = changed_keys(d)
    assert keys["国内生产总值 (%)"] == ("lowered",)
    assert keys["城镇新增就业 (人)"] == ("raised", "comparator_loosened")
    assert keys["城镇调查失业率 (%)"] == ("comparator_loosened",)
    gdp = next(ch for ch in d.commitments.changed if ch.key == "国内生产总值 (%)")
    assert (gdp.before.value, gdp.after.value, gdp.fields) == (5.5, 5, ("value",))
    assert [c.metric for c in d.commitments.removed] == ["留抵退税"]
    assert [c.metric for c in d.commitments.added] == ["地方政府专项债券"]
    assert d.commitments.unchanged == 2
    assert d.different


def test_matching_ignores_order() -> None:
    d = diff_plans(make_plan(NATIONAL_2022), make_plan(list(reversed(NATIONAL_2022))))
    assert not d.different
    assert d.commitments is not None and d.commitments.unchanged == len(NATIONAL_2022)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("全市地区生产总值增长", "GDP增长"),
        ("地区生产总值", "国内生产总值"),
        ("“城镇新增就业”", "全县城镇新增就业人数"),
        ("一般公共预算收入增长", "地方一般公共预算收入增长"),
        ("规模以上工业增加值增长", "规上工业增加值增长"),
    ],
)
def test_synonyms_and_prefixes_match(before: str, after: str) -> None:
    assert normalise_metric(before) == normalise_metric(after)
    d = diff_plans(make_plan([commitment(before, 6)]), make_plan([commitment(after, 6.5)]))
    assert d.commitments is not None
    assert len(d.commitments.changed) == 1 and not d.commitments.added and not d.commitments.removed


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("农村居民人均可支配收入", "居民人均可支配收入"),
        ("PM2.5平均浓度", "PM10平均浓度"),
        ("城镇调查失业率", "城镇登记失业率"),
        ("进出口总额", "出口总额"),
    ],
)
def test_different_metrics_do_not_match(before: str, after: str) -> None:
    d = diff_plans(make_plan([commitment(before, 6)]), make_plan([commitment(after, 6)]))
    assert d.commitments is not None
    assert (len(d.commitments.added), len(d.commitments.removed), len(d.commitments.changed)) == (1, 1, 0)


def test_unit_is_part_of_identity() -> None:
    a = make_plan(
        [commitment("国内生产总值", 5, "%"), commitment("国内生产总值", 1.2e14, "元", "=", kind="level")]
    )
    b = make_plan(
        [commitment("国内生产总值", 1.3e14, "元", "=", kind="level"), commitment("国内生产总值", 5, "%")]
    )
    d = diff_plans(a, b)
    assert d.commitments is not None
    assert [ch.key for ch in d.commitments.changed] == ["国内生产总值 (元)"]
    assert d.commitments.unchanged == 1


def test_fuzzy_metric_match_with_context() -> None:
    d = diff_plans(
        make_plan([commitment("新建改建农村公路", 50, "公里", "=", kind="count")]),
        make_plan([commitment("新建改建农村公路里程", 60, "公里", "=", kind="count")]),
    )
    assert d.commitments is not None
    assert [ch.labels for ch in d.commitments.changed] == [("renamed", "raised")]


@pytest.mark.parametrize(
    ("a", "b", "labels"),
    [
        (
            {"comparator": "~", "raw": "5%左右"},
            {"comparator": ">=", "raw": "5%以上"},
            ("comparator_tightened",),
        ),
        (
            {"comparator": ">=", "raw": "5%以上"},
            {"comparator": "~", "raw": "5%左右"},
            ("comparator_loosened",),
        ),
        (
            {"comparator": ">=", "raw": "5%以上"},
            {"comparator": "<=", "raw": "5%以内"},
            ("comparator_changed",),
        ),
        ({"stance": "力争"}, {"stance": "确保"}, ("stance_strengthened",)),
        ({"stance": "确保"}, {"stance": "力争"}, ("stance_weakened",)),
        ({"stance": None}, {"stance": "确保"}, ("stance_strengthened",)),
        (
            {"comparator": "range", "value_max": 6.5},
            {"comparator": "range", "value_max": 6},
            ("range_changed",),
        ),
        ({}, {"comparator": "range", "value_max": 5.5}, ("range_changed",)),
        ({"kind": "level"}, {"kind": "count"}, ("kind_changed",)),
    ],
)
def test_change_classification(a: dict[str, Any], b: dict[str, Any], labels: tuple[str, ...]) -> None:
    d = diff_plans(
        make_plan([commitment("地区生产总值增长", 5, **a)]),
        make_plan([commitment("地区生产总值增长", 5, **b)]),
    )
    assert d.commitments is not None
    assert [ch.labels for ch in d.commitments.changed] == [labels]


def test_planned_and_achieved_are_separate_parts() -> None:
    a = make_plan([commitment("国内生产总值", 8.1, status="achieved"), commitment("国内生产总值", 5.5)])
    b = make_plan([commitment("国内生产总值", 3, status="achieved"), commitment("国内生产总值", 5.5)])
    assert not diff_plans(a, b).different  # the plan part is what changed between two plans
    review = diff_plans(a, b, part="review")
    assert review.commitments is not None and [ch.labels for ch in review.commitments.changed] == [
        ("lowered",)
    ]
    both = diff_plans(a, b, part="all")
    assert both.commitments is not None and both.commitments.unchanged == 1


# --- projects and sections ------------------------------------------------------------------------


def test_project_stage_advances() -> None:
    a = make_plan(
        projects=[
            project("泽龙高级中学", "谋划"),
            project("区人民医院新院区", "开工建设"),
            project("内陆港", "谋划"),
        ]
    )
    b = make_plan(
        projects=[
            project("泽龙高级中学建设项目", "开工建设"),
            project("区人民医院新院区", "建成"),
            project("大庄物流园", "谋划"),
        ]
    )
    d = diff_plans(a, b)
    assert d.projects is not None
    assert [(ch.before.name, ch.labels) for ch in d.projects.changed] == [
        ("泽龙高级中学", ("stage_advanced",)),
        ("区人民医院新院区", ("stage_advanced",)),
    ]
    assert [p.name for p in d.projects.removed] == ["内陆港"]
    assert [p.name for p in d.projects.added] == ["大庄物流园"]


def test_phase_is_part_of_a_project_name() -> None:
    assert project_key("保定职教园区一期") != project_key("保定职教园区二期")
    d = diff_plans(
        make_plan(projects=[project("保定职教园区一期", "续建")]),
        make_plan(projects=[project("保定职教园区二期", "开工建设")]),
    )
    assert d.projects is not None
    assert (len(d.projects.added), len(d.projects.removed), len(d.projects.changed)) == (1, 1, 0)


def test_a_project_named_twice_counts_once() -> None:
    a = make_plan(projects=[project("内陆港", "推进"), project("内陆港", "谋划")])
    b = make_plan(projects=[project("内陆港", "开工建设")])
    d = diff_plans(a, b)
    assert d.projects is not None
    assert [(ch.before.action, ch.after.action, ch.labels) for ch in d.projects.changed] == [
        ("谋划", "开工建设", ("stage_advanced",))
    ]


def test_sections_match_by_number_and_title() -> None:
    a = make_plan(
        sections=[
            section(
                "plan-2",
                "二",
                "2022年政府工作任务",
                children=[
                    section("plan-2.1", "一", "着力稳定宏观经济大盘", level=2),
                    section("plan-2.2", "二", "大力抓好农业生产", level=2),
                ],
            )
        ]
    )
    b = make_plan(
        sections=[
            section(
                "plan-2",
                "二",
                "2023年政府工作任务",
                children=[
                    section("plan-2.1", "一", "大力抓好农业生产", level=2),
                    section("plan-2.2", "二", "着力扩大国内需求", level=2),
                ],
            )
        ]
    )
    d = diff_plans(a, b)
    assert d.sections is not None
    assert d.sections.unchanged == 1  # the year alone does not rename a heading
    assert [(ch.before.title, ch.labels) for ch in d.sections.changed] == [
        ("大力抓好农业生产", ("renumbered",))
    ]
    assert [s.title for s in d.sections.removed] == ["着力稳定宏观经济大盘"]
    assert [s.title for s in d.sections.added] == ["着力扩大国内需求"]


def test_only_limits_the_categories() -> None:
    d = diff_plans(make_plan(NATIONAL_2022), make_plan(NATIONAL_2023), only=["projects"])
    assert d.commitments is None and d.sections is None and not d.different
    data = diff_data(d)
    assert set(data) == {"a", "b", "summary", "projects"}


# --- output -------------------------------------------------------------------------------------


def test_json_shape() -> None:
    data = json.loads(
        render_diff(diff_plans(make_plan(NATIONAL_2022), make_plan(NATIONAL_2023, year=2023)), "json")
    )
    assert list(data) == ["a", "b", "summary", "sections", "commitments", "projects"]
    for cat in ("sections", "commitments", "projects"):
        assert list(data[cat]) == ["added", "removed", "changed", "unchanged"]
        assert isinstance(data[cat]["unchanged"], int)
        for ch in data[cat]["changed"]:
            assert {"key", "before", "after", "fields"} <= set(ch)
    gdp = next(ch for ch in data["commitments"]["changed"] if ch["key"] == "国内生产总值 (%)")
    assert (gdp["before"]["value"], gdp["after"]["value"], gdp["fields"]) == (5.5, 5, ["value"])
    assert data["a"]["year"] == 2022 and data["b"]["year"] == 2023
    assert data["summary"]["commitments"] == {"added": 1, "removed": 1, "changed": 3, "unchanged": 2}


def test_markdown_is_a_table() -> None:
    md = render_diff(diff_plans(make_plan(NATIONAL_2022), make_plan(NATIONAL_2023, year=2023)), "markdown")
    assert "| Domain | Metric | 2022 | 2023 | Change |\n| --- | --- | --- | --- | --- |\n" in md
    assert "| 经济运行 | 国内生产总值增长 | 5.5%左右 | 5%左右 | lowered |" in md


def test_text_is_plain_unless_colour_is_asked_for() -> None:
    d = diff_plans(make_plan(NATIONAL_2022), make_plan(NATIONAL_2023, year=2023))
    plain = render_diff(d, "text")
    assert "\x1b[" not in plain and "国内生产总值增长" in plain and "经济运行" in plain
    assert "\x1b[" in render_diff(d, "text", color=True)
    assert render_diff(d, "text") == plain  # deterministic


# --- the command ---------------------------------------------------------------------------------


@pytest.fixture()
def plan_files(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "2022.yaml", tmp_path / "2023.json"
    a.write_text(dump_plan(make_plan(NATIONAL_2022)), encoding="utf-8")
    b.write_text(dump_plan(make_plan(NATIONAL_2023, year=2023), "json"), encoding="utf-8")
    return a, b


def test_cli_exit_status(plan_files: tuple[Path, Path]) -> None:
    a, b = plan_files
    different = invoke("diff", str(a), str(b))
    assert different.exit_code == 1, different.output
    assert "国内生产总值增长" in different.output and "\x1b[" not in different.output
    same = invoke("diff", str(a), str(a))
    assert same.exit_code == 0
    assert "no differences" in same.output
    only = invoke("diff", str(a), str(b), "--only", "sections")
    assert only.exit_code == 0


def test_cli_formats(plan_files: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = plan_files
    md = invoke("diff", str(a), str(b), "--format", "markdown")
    assert md.exit_code == 1 and "| --- |" in md.output
    js = invoke("diff", str(a), str(b), "-f", "json")
    assert json.loads(js.stdout)["a"]["name"] == "2022.yaml"
    out = tmp_path / "d.md"
    assert invoke("diff", str(a), str(b), "-f", "markdown", "-o", str(out)).exit_code == 1
    assert out.read_text(encoding="utf-8") == md.output


def test_cli_error_lines(
    plan_files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from govplan.cli import main

    a, _ = plan_files
    not_plan = tmp_path / "x.json"
    not_plan.write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["diff", str(a), str(not_plan)])
    assert exc.value.code == 2
    assert capsys.readouterr().err == f"Error: {not_plan}: not a plan file (no schema_version)\n"
    with pytest.raises(SystemExit) as exc:
        main(["diff", str(a), str(tmp_path / "missing.yaml")])
    assert exc.value.code == 2
    assert capsys.readouterr().err == f"Error: {tmp_path / 'missing.yaml'}: no such file\n"


def test_reports_are_parsed_on_the_fly(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "政府工作报告\n一、今年工作安排\n办好人民满意教育。新建学校3所，增加学位2000个。\n", encoding="utf-8"
    )
    r = invoke("diff", str(report), str(report))
    assert r.exit_code == 0, r.output


def test_sample_outputs(tmp_path: Path, plan_files: tuple[Path, Path]) -> None:
    a, b = plan_files
    outs = sample_diff_outputs(a, b, tmp_path)
    assert sorted(p.name for p in outs) == ["diff-2022-2023.md", "diff-2022-2023.txt"]
    assert all("国内生产总值增长" in text and "\x1b[" not in text for text in outs.values())


# --- golden cases --------------------------------------------------------------------------------


def render_case(case: Path) -> dict[str, str]:
    from govplan.serialize import load_plan

    a, b = load_plan(str(case / "a.yaml")), load_plan(str(case / "b.yaml"))
    d = diff_plans(a, b, a_name="a.yaml", b_name="b.yaml")
    return {
        "expected.json": render_diff(d, "json"),
        "expected.md": render_diff(d, "markdown"),
        "expected.txt": render_diff(d, "text", width=100),
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path) -> None:
    for name, got in render_case(case).items():
        expected_file = case / name
        if os.environ.get("GOVPLAN_GOLDEN") == "1":
            expected_file.write_text(got, encoding="utf-8")
        if not expected_file.exists():
            pytest.fail(f"{expected_file} is missing; run `make golden` to write it, then review it")
        expected = expected_file.read_text(encoding="utf-8")
        if got != expected:
            udiff = "".join(
                difflib.unified_diff(expected.splitlines(True), got.splitlines(True), name, "got")
            )
            pytest.fail(f"{case.name} differs from its {name}:\n{udiff}")


# --- properties ----------------------------------------------------------------------------------

METRICS = [
    "国内生产总值增长",
    "地区生产总值增长",
    "城镇新增就业",
    "农村居民人均可支配收入",
    "居民人均可支配收入",
    "粮食产量",
    None,
]
NAMES = ["京华学校", "京华学校建设项目", "职教园区一期", "职教园区二期", "内陆港", "大庄物流园"]
TITLES = ["着力扩大国内需求", "大力抓好农业生产", "2023年政府工作任务", "保障基本民生"]


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    cs = draw(
        st.lists(
            st.tuples(
                st.sampled_from(METRICS),
                st.sampled_from([1, 5, 5.5, 1100]),
                st.sampled_from(["%", "人"]),
                st.sampled_from(["~", ">=", "=", "range"]),
                st.sampled_from([None, "力争", "确保"]),
                st.sampled_from(["planned", "achieved"]),
            ),
            max_size=6,
        )
    )
    commitments = [
        commitment(
            m, v, u, cmp, stance=s, status=status, value_max=v + 1 if cmp == "range" else None, id=f"c{i}"
        )
        for i, (m, v, u, cmp, s, status) in enumerate(cs)
    ]
    ps = draw(st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(list(STAGE_OF))), max_size=5))
    projects = [project(n, act, id=f"p{i}") for i, (n, act) in enumerate(ps)]
    ss = draw(st.lists(st.tuples(st.sampled_from(TITLES), st.sampled_from(["一", "二", "三"])), max_size=4))
    sections = [section(f"s{i}", num, t) for i, (t, num) in enumerate(ss)]
    return make_plan(commitments, projects, sections)


def _ids(items: Any) -> list[str]:
    return sorted(x.id for x in items)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_diff_with_itself_is_empty(p: Plan) -> None:
    for part in ("plan", "review", "all"):
        d = diff_plans(p, p, part=part)
        assert not d.different, diff_data(d)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), plans())
def test_diff_is_symmetric(a: Plan, b: Plan) -> None:
    ab, ba = diff_plans(a, b, part="all"), diff_plans(b, a, part="all")
    for cat in ("sections", "commitments", "projects"):
        x, y = getattr(ab, cat), getattr(ba, cat)
        assert _ids(x.added) == _ids(y.removed)
        assert _ids(x.removed) == _ids(y.added)
        assert sorted((c.before.id, c.after.id) for c in x.changed) == sorted(
            (c.after.id, c.before.id) for c in y.changed
        )
        assert x.unchanged == y.unchanged
    assert ab.different == ba.different


# --- figures read in their sentences (excerpts of the national 2022 and 2023 reports) --------------

TRACK_DATA = Path(__file__).parent / "data" / "track"


def read_excerpt(name: str) -> tuple[Plan, str]:
    from govplan.match import read_input

    plan, text = read_input(str(TRACK_DATA / name))
    assert text is not None
    return plan, text


@pytest.fixture(scope="module")
def national_policy() -> tuple[Plan, str, Plan, str]:
    a, ta = read_excerpt("national-2022-policy.txt")
    b, tb = read_excerpt("national-2023-policy.txt")
    return a, ta, b, tb


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("开展好第二轮土地承包到期后再延长", "土地承包到期后再延长"),  # lead-in frame and ordinal
        ("国家关于土地承包期再延长", "土地承包期再延长"),
        ("2025年全省地区生产总值", "国内生产总值"),  # a year
        ("一是城镇新增就业", "城镇新增就业"),  # an enumerator
        ("（二）城镇新增就业", "城镇新增就业"),
        ("年末城镇调查失业率从上半年5.5%降到", "城镇调查失业率"),  # the from-part
        ("地方一般公共预算收入同口径增长", "一般公共预算收入"),
        ("自由贸易试验区", "自由贸易试验区"),  # 由 inside a word is not a from-part
    ],
)
def test_metric_normalisation(a: str, b: str) -> None:
    assert normalise_metric(a) == b


def test_land_contract_term_never_shows_as_added_or_removed(
    national_policy: tuple[Plan, str, Plan, str],
) -> None:
    # 土地承包…再延长30年 is the term of a standing policy, not a commitment (GUIDELINES), so
    # neither year lists it; were it read, its reworded metrics would still pair
    # (test_metric_normalisation above).
    a, ta, b, tb = national_policy
    d = diff_plans(a, b, a_text=ta, b_text=tb)
    assert d.commitments is not None
    items = [c.text for c in (*d.commitments.added, *d.commitments.removed)]
    assert not [t for t in items if "土地承包" in t]
    assert not [c for c in (*a.commitments, *b.commitments) if "再延长30年" in c.text]


def test_no_pair_across_periods_or_with_a_from_value(national_policy: tuple[Plan, str, Plan, str]) -> None:
    from govplan.match import FigureReader

    a, ta, b, tb = national_policy
    ra, rb = FigureReader(a, ta), FigureReader(b, tb)
    for part in ("plan", "review", "all"):
        d = diff_plans(a, b, part=part, a_text=ta, b_text=tb)
        assert d.commitments is not None
        for ch in d.commitments.changed:
            fa, fb = ra.figure(ch.before), rb.figure(ch.after)
            assert fa.multi_year == fb.multi_year and fa.baseline == fb.baseline, (
                ch.before.text,
                ch.after.text,
            )
    review = diff_plans(a, b, part="review", a_text=ta, b_text=tb)
    assert review.commitments is not None
    # 货物进出口总额增长21.4% (2021) pairs with 增长7.7% (2022), not with 年均增长8.6% (five years)
    trade = [ch for ch in review.commitments.changed if "进出口" in (ch.before.metric or "")]
    assert [(ch.before.raw, ch.after.raw) for ch in trade] == [("21.4%", "7.7%")]


def test_no_metric_shorter_than_three_characters(national_policy: tuple[Plan, str, Plan, str]) -> None:
    import regex

    a, ta, b, tb = national_policy
    for part in ("plan", "review", "all"):
        md = render_diff(diff_plans(a, b, part=part, a_text=ta, b_text=tb), "markdown")
        table = md.split("### Commitments", 1)[1].split("###", 1)[0]
        rows = [x for x in table.splitlines() if x.startswith("| ")][2:]  # after header and rule
        assert rows
        for line in rows:
            metric = line.split(" | ")[1]
            assert len(regex.sub(r"\W", "", metric)) >= 3, line


@pytest.mark.parametrize("name", sorted(p.name for p in TRACK_DATA.glob("*.txt")))
def test_a_report_against_itself_is_unchanged(name: str) -> None:
    plan, text = read_excerpt(name)
    for part in ("plan", "review", "all"):
        d = diff_plans(plan, plan, part=part, a_text=text, b_text=text)
        assert not d.different, (part, diff_data(d)["summary"])


# --- one matcher, no import cycle -------------------------------------------------------------------

SRC = Path(__file__).parent.parent / "src" / "govplan"
IMPORT_RE = __import__("re").compile(
    r"^\s*(?:from\s+(govplan(?:\.\w+)*)\s+import\s+\(?([\w\s,]+)\)?|import\s+(govplan(?:\.\w+)*))",
    __import__("re").M,
)


def import_graph() -> dict[str, set[str]]:
    """Which govplan modules each module imports, at any depth of its code (lazy imports too)."""
    modules = {
        ".".join(("govplan", *p.relative_to(SRC).with_suffix("").parts)).removesuffix(".__init__"): p
        for p in SRC.rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for m in IMPORT_RE.finditer(path.read_text("utf-8")):
            base = m.group(1) or m.group(3)
            if m.group(1):
                deps.update(
                    f"{base}.{n}" for n in m.group(2).replace(",", " ").split() if f"{base}.{n}" in modules
                )
            if base in modules and base != "govplan":
                deps.add(base)
        graph[name] = deps - {name}
    return graph


def test_no_import_cycle() -> None:
    graph = import_graph()
    assert "govplan.diff" not in graph["govplan.track"]  # track and diff share match, not each other
    assert not graph["govplan.match"] & {"govplan.diff", "govplan.track"}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            assert state.get(nxt) != 1, " -> ".join([*path[path.index(nxt) :], nxt])
            if nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


def test_a_reworded_heading_is_the_same_heading() -> None:
    # national 2024 -> 2025: the same sections, their words reordered or half replaced, pair up;
    # two sections about different things at the same place do not.
    def sim(a: str, b: str) -> float:
        return title_similarity(section_key(a), section_key(b))

    assert (
        sim(
            "大力推进现代化产业体系建设，加快发展新质生产力", "因地制宜发展新质生产力，加快建设现代化产业体系"
        )
        >= 0.6
    )
    assert (
        sim(
            "深入实施科教兴国战略，强化高质量发展的基础支撑", "深入实施科教兴国战略，提升国家创新体系整体效能"
        )
        >= 0.6
    )
    assert (
        sim("着力扩大国内需求，推动经济实现良性循环", "深入实施科教兴国战略，提升国家创新体系整体效能") < 0.3
    )


def test_a_target_stated_twice_is_one_target() -> None:
    # national-2025 states 居民消费价格涨幅2%左右 in its targets paragraph and again in the lines that
    # explain them; the year before stated 3%左右 once: one target lowered, nothing added.
    a = make_plan([commitment("居民消费价格涨幅", 3, id="c-a")], year=2024)
    b = make_plan(
        [commitment("居民消费价格涨幅", 2, id="c-b1"), commitment("居民消费价格涨幅", 2, id="c-b2")],
        year=2025,
    )
    d = diff_plans(a, b)
    assert d.commitments is not None
    assert [ch.labels for ch in d.commitments.changed] == [("lowered",)]
    assert not d.commitments.added and not d.commitments.removed
