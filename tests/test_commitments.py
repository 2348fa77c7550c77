"""Commitments read as the sentence means them: metric, value, from_value, stance and what is left out.

Every excerpt is copied from a real government work report (public text); the report is named.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from govplan.models import Commitment, Plan
from govplan.pipeline import parse_text

REVIEW = "一、2025年工作回顾\n"
PLAN = "二、2026年工作安排\n"


def _plan(body: str, head: str = PLAN) -> Plan:
    return parse_text(head + body + "\n", name="excerpt.txt")


def _commitments(body: str, head: str = PLAN) -> list[Commitment]:
    return _plan(body, head).commitments


def _by_raw(items: list[Commitment], raw: str) -> Commitment:
    found = [c for c in items if c.raw == raw]
    assert len(found) == 1, [(c.raw, c.metric) for c in items]
    return found[0]


METRIC_CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "commitment_metric_cases.yaml").read_text(encoding="utf-8")
)["cases"]


@pytest.mark.parametrize(
    "case", METRIC_CASES, ids=[f"{c['rule']}-{c['source']}-{c['raw']}" for c in METRIC_CASES]
)
def test_metric_of_a_golden_case(case: dict[str, Any]) -> None:
    """tests/data/commitment_metric_cases.yaml: each quantity of a real sentence has the metric a
    reader gives it (one case per construction: the subject of a bare change, a determiner, …)."""
    head = REVIEW if case["part"] == "review" else PLAN
    assert _by_raw(_commitments(case["text"], head), case["raw"]).metric == case["metric"]


# ---------------------------------------------------------------- the subject of a bare change


@pytest.mark.parametrize(
    ("body", "raw", "metric"),
    [
        # miyi-2022: the growth belongs to the output named in the clause before
        ("2021年，实现地区生产总值169.28亿元，增长8.7%，位居全市第一。", "8.7%", "地区生产总值增长"),
        # national-2025
        (
            "经济规模稳步扩大，国内生产总值达到134.9万亿元、增长5%，增速居世界主要经济体前列。",
            "5%",
            "国内生产总值增长",
        ),
        # national-2023: 上升 of the share named before
        (
            "地级及以上城市空气质量优良天数比例达86.5%、上升4个百分点。",
            "4个百分点",
            "地级及以上城市空气质量优良天数比例上升",
        ),
        # guangxi-2026: 总额 of the trade named before
        ("外贸进出口增长8.4%，总额突破8000亿元、排西部第二。", "突破8000亿元", "外贸进出口总额"),
        # anhui-2025: 总数 of what was added
        ("新增全国重点实验室15家、总数达23家。", "23家", "全国重点实验室总数"),
    ],
)
def test_a_bare_change_takes_the_subject_before_it(body: str, raw: str, metric: str) -> None:
    c = _by_raw(_commitments(body, REVIEW), raw)
    assert c.metric == metric
    assert c.status == "achieved"


def test_two_bare_changes_pair_with_the_two_subjects_before_them() -> None:
    # neimenggu-2025
    body = "全区接待游客2.73亿人次、实现收入4140亿元，增长18.6%和23.4%。"
    items = _commitments(body, REVIEW)
    assert _by_raw(items, "18.6%").metric == "接待游客增长"
    assert _by_raw(items, "23.4%").metric == "收入增长"


def test_a_bare_change_never_borrows_across_a_sentence() -> None:
    # the subject of the sentence before is not this sentence's
    body = "地区生产总值完成183亿元。增长3.8%。"
    assert _by_raw(_commitments(body, REVIEW), "3.8%").metric == "增长"


# ---------------------------------------------------------------- 分别 and parallel lists


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # anhui-2026
        (
            "国内游客、入境游客数量分别增长6.9%、68.4%。",
            [("6.9%", "国内游客数量增长"), ("68.4%", "入境游客数量增长")],
        ),
        # fujian-2025
        (
            "城镇居民、农村居民人均可支配收入分别增长4.6%、6.7%。",
            [("4.6%", "城镇居民人均可支配收入增长"), ("6.7%", "农村居民人均可支配收入增长")],
        ),
        # anguo-2020: one subject for both numbers
        (
            "城乡居民人均可支配收入分别增长8%和9%。",
            [("8%", "城乡居民人均可支配收入增长"), ("9%", "城乡居民人均可支配收入增长")],
        ),
        # liaoning-2026: the base of a change is not part of the metric
        (
            "高速公路、水利、电网投资分别比“十三五”时期增长19.1%、20%、21%。",
            [("19.1%", "高速公路投资增长"), ("20%", "水利投资增长"), ("21%", "电网投资增长")],
        ),
    ],
)
def test_respectively_gives_each_number_its_own_metric(body: str, expected: list[tuple[str, str]]) -> None:
    items = _commitments(body, REVIEW)
    assert [(c.raw, c.metric) for c in items] == expected


def test_respectively_keeps_each_qualifier() -> None:
    # jiangxi-2025 (plan targets): 以上, 左右, 以上 each stay with their own number
    body = "全省地区生产总值增长5.5%左右，其中一、二、三产增加值分别增长3.5%以上、7%左右、5%以上。"
    items = _commitments(body)
    assert [(c.raw, c.comparator) for c in items] == [
        ("5.5%左右", "~"),
        ("3.5%以上", ">="),
        ("7%左右", "~"),
        ("5%以上", ">="),
    ]
    assert all(c.metric and "分别" not in c.metric for c in items)


def test_a_list_without_respectively_gives_each_number_its_metric() -> None:
    # shanxi-2026
    body = "力争黄河流域再生水利用率达到60%以上、矿井疏干水利用率达到70%以上。"
    items = _commitments(body)
    assert [(c.metric, c.value, c.comparator) for c in items] == [
        ("黄河流域再生水利用率", 60, ">="),
        ("矿井疏干水利用率", 70, ">="),
    ]


def test_an_enumerator_is_never_part_of_a_metric() -> None:
    # shanxi-2026
    items = _commitments("八是建立城乡居民养老保险丧葬补助金制度。九是为既有住宅加装电梯600部。")
    assert _by_raw(items, "600部").metric == "为既有住宅加装电梯"


# ---------------------------------------------------------------- from -> to


@pytest.mark.parametrize(
    ("body", "metric", "value", "from_value", "unit"),
    [
        # national-2024 text of a review: 796 -> 842 (a rate per month; the period stays in the text)
        ("城市低保人均保障标准从796元/月提高至842元/月。", "城市低保人均保障标准", 842, 796, "元"),
        # national-2021
        (
            "可再生能源装机规模由6.5亿千瓦增至12亿千瓦以上。",
            "可再生能源装机规模",
            1200000000,
            650000000,
            "千瓦",
        ),
        # beijing-2026: a base year between 从 and the start
        ("人均预期寿命从2020年的82.4岁提升至83.9岁。", "人均预期寿命", 83.9, 82.4, "岁"),
        # national-2023: the metric's unit word between 从 and the start
        (
            "小规模纳税人增值税起征点从月销售额3万元提高到15万元。",
            "小规模纳税人增值税起征点",
            150000,
            30000,
            "元",
        ),
    ],
)
def test_from_to_is_one_commitment_with_its_start(
    body: str, metric: str, value: float, from_value: float, unit: str
) -> None:
    (c,) = _commitments(body, REVIEW)
    assert (c.metric, c.value, c.from_value, c.unit) == (metric, value, from_value, unit)
    assert c.text.endswith(c.raw)


def test_from_value_is_null_without_a_change() -> None:
    (c,) = _commitments("城镇新增就业75.7万人。")
    assert c.from_value is None


# ---------------------------------------------------------------- stance


def test_a_stance_inside_a_word_is_none() -> None:
    # jilin-2026, shaanxi-2026
    assert _by_raw(_commitments("人均预期寿命达到79.4岁。"), "79.4岁").stance is None
    assert _by_raw(_commitments("人均预期寿命达到78.9岁。"), "78.9岁").stance is None


def test_a_stance_word_used_as_one_is_kept() -> None:
    body = "力争黄河流域再生水利用率达到60%以上。"  # shanxi-2026
    assert _by_raw(_commitments(body), "60%以上").stance == "力争"


@pytest.mark.parametrize(
    ("body", "raw", "stance"),
    [
        # fujian-2025: 计划 inside the name of a programme
        ("新增国家高层次人才特殊支持计划专家23人、国家杰青10人。", "23人", None),
        # anhui-2025: the programme's clause does not lend its 计划 to the next one
        ("实施制造业优质企业成长计划，新增高新技术企业3000家。", "3000家", None),
        # guangdong-2025: 年度计划投资 is the planned amount's name
        ("全面完成省“民生十大工程”五年行动计划，年度计划投资1万亿元。", "1万亿元", None),
        # anguo-2020: 计划 heading its clause is the stance
        ("提升企业创新能力，计划新增36家科技型中小企业。", "36家", "计划"),
        # baoding-2022: after a time word too
        ("总投资5942亿元，当年计划投资1003亿元。", "1003亿元", "计划"),
    ],
)
def test_plan_is_a_stance_only_at_the_head_of_its_clause(body: str, raw: str, stance: str | None) -> None:
    assert _by_raw(_commitments(body), raw).stance == stance


def test_a_verb_of_achievement_leaves_a_long_metric() -> None:
    # gaotang-2023: 完成 before a long noun phrase is not part of what is measured; 完成投资 keeps it
    body = "完成一般公共预算收入11.7亿元，同口径增长9%；市重点项目1349个，完成投资3210亿元。"
    items = _commitments(body, REVIEW)
    assert _by_raw(items, "11.7亿元").metric == "一般公共预算收入"
    assert _by_raw(items, "3210亿元").metric == "市重点项目完成投资"  # the works counted before spend it


def test_a_stance_never_crosses_a_sentence() -> None:
    body = "确保粮食播种面积稳定在105万亩以上。新增城镇就业1.2万人。"  # qingyuan-2024 and a plain target
    items = _commitments(body)
    assert _by_raw(items, "105万亩以上").stance == "确保"
    assert _by_raw(items, "1.2万人").stance is None


def test_the_look_back_takes_a_stance_only_from_its_own_clause() -> None:
    body = "预计全年地区生产总值增长5%，城镇新增就业1.2万人。"
    items = _commitments(body, REVIEW)
    assert _by_raw(items, "5%").stance == "预计"
    assert _by_raw(items, "1.2万人").stance is None


# ---------------------------------------------------------------- not commitments


@pytest.mark.parametrize(
    ("body", "left_out"),
    [
        # beijing-2025: the term of a standing policy
        ("持续开展第二轮土地承包到期后再延长30年试点。", "30年"),
        # anhui-2025: the length of a streak
        ("制造业投资增长13.3%、连续48个月保持两位数增长。", "48个月"),
        # an age band (national-2024)
        ("孕产妇产后访视率、0—6岁儿童健康管理率达到90%以上。", "0—6岁"),
        # an age group: 3岁以下 (beijing-2025)
        ("鼓励社会机构、用人单位等参与3岁以下幼儿托育服务建设。", "3岁以下"),
    ],
)
def test_not_commitments(body: str, left_out: str) -> None:
    assert left_out not in [c.raw for c in _commitments(body)]


def test_an_age_that_measures_something_is_a_commitment() -> None:
    (c,) = _commitments("人均预期寿命提高到80岁以上。")  # guangdong-2026
    assert (c.value, c.unit, c.comparator) == (80, "岁", ">=")


# ---------------------------------------------------------------- properties


EXCERPTS = [
    "国内游客、入境游客数量分别增长6.9%、68.4%。城市低保人均保障标准从796元/月提高至842元/月。",
    "全省地区生产总值增长5.5%左右，其中一、二、三产增加值分别增长3.5%以上、7%左右、5%以上。",
    "全区接待游客2.73亿人次、实现收入4140亿元，增长18.6%和23.4%。",
]


@pytest.mark.parametrize("body", EXCERPTS)
@pytest.mark.parametrize("head", [REVIEW, PLAN])
def test_every_commitment_keeps_its_span_and_reads_the_same_twice(body: str, head: str) -> None:
    plan = _plan(body, head)
    text = head + body + "\n"
    for c in plan.commitments:
        assert text[c.span[0] : c.span[1]] == c.text
        assert c.raw in c.text
        assert c.metric is None or ("分别" not in c.metric and not c.metric.startswith("、"))
    assert plan.model_dump_json() == _plan(body, head).model_dump_json()
    assert plan.schema_minor == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # shaanxi-2025: a number right after another measures the same thing
        (
            "完成“保交楼”项目198个20.1万套。",
            [("198个", "“保交楼”项目"), ("20.1万套", "“保交楼”项目")],
        ),
        # guizhou-2025: with nothing after 等, the examples are what is measured
        ("新建改造乡镇商贸中心、集贸市场等30个以上。", [("30个以上", "新建改造乡镇商贸中心、集贸市场")]),
        # fujian-2025: a later list item shares the first word of the one before
        (
            "粮食播种面积1266.6万亩、产量514.4万吨。",
            [("1266.6万亩", "粮食播种面积"), ("514.4万吨", "粮食产量")],
        ),
        # miyi-2023: a rate per month still joins its list
        (
            "城乡低保标准分别提高到700元/月和500元/月。",
            [("700元", "城乡低保标准"), ("500元", "城乡低保标准")],
        ),
    ],
)
def test_metrics_of_numbers_side_by_side(body: str, expected: list[tuple[str, str]]) -> None:
    assert [(c.raw, c.metric) for c in _commitments(body)] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # jiangxi-2026: 分别 opening a clause pairs with the subjects listed in the clause before
        (
            "万亿产业、国家先进制造业集群从无到有，分别达2个、3个。",
            [("2个", "万亿产业"), ("3个", "国家先进制造业集群")],
        ),
        # miyi-2022
        (
            "2021年旅游收入、游客人数再创新高，分别增长16.4%、15.8%。",
            [("16.4%", "旅游收入增长"), ("15.8%", "游客人数增长")],
        ),
        # miyi-2023: amounts listed before are no subjects; the subject of those amounts carries over
        (
            "城乡居民人均可支配收入分别达44999元、24102元，分别增长4.6%、6.3%。",
            [
                ("44999元", "城乡居民人均可支配收入"),
                ("24102元", "城乡居民人均可支配收入"),
                ("4.6%", "城乡居民人均可支配收入增长"),
                ("6.3%", "城乡居民人均可支配收入增长"),
            ],
        ),
        # shaanxi-2026: no noun on either side, so what the clause says of the number
        (
            "中试基地分别达到69家、107家，1324人凭转化贡献晋升职称。",
            [("69家", "中试基地"), ("107家", "中试基地"), ("1324人", "凭转化贡献晋升职称")],
        ),
    ],
)
def test_subjects_from_the_clause_before(body: str, expected: list[tuple[str, str]]) -> None:
    assert [(c.raw, c.metric) for c in _commitments(body, REVIEW)] == expected


# ---------------------------------------------------------------- metrics of two characters


@pytest.mark.parametrize(
    ("body", "head", "raw", "metric"),
    [
        # shaanxi-2026: a counted noun takes what the clause goes on to say of it
        (
            "国家卓越级智能工厂达16个，404家企业通过国家两化融合贯标。",
            REVIEW,
            "404家",
            "企业通过国家两化融合贯标",
        ),
        # beijing-2026
        (
            "退役军人服务保障有力有效，16个区均被评为全国双拥模范城。",
            REVIEW,
            "16个",
            "区被评为全国双拥模范城",
        ),
        # guizhou-2026: with nothing after it, the verb of its clause
        ("实施规模以上工业企业研发活动扶持计划，累计支持近2000家企业。", REVIEW, "近2000家", "支持企业"),
        # hebei-2023: a member another member follows takes the predicate after the list, not the
        # verb before it (推动 says nothing of which universities)
        ("推动4家央企总部、4所高校、2所医院加快建设。", PLAN, "4所", "高校加快建设"),
        # anguo-2020: an area before 的 measures the noun after it
        (
            "加快推进总投资11亿元、占地600亩的河北大学安国校区、安国中医药高等职业学院建设。",
            PLAN,
            "600亩",
            "河北大学安国校区占地",
        ),
        # baoding-2021: money spent names the topic of the clause before
        (
            "持续推进白洋淀上游流域综合治理，投资187亿元，实施项目169个。",
            REVIEW,
            "187亿元",
            "白洋淀上游流域综合治理投资",
        ),
        # national-2018: so do people reached
        (
            "建立困难和重度残疾人“两项补贴”制度，惠及2100多万人。",
            REVIEW,
            "2100多万人",
            "重度残疾人“两项补贴”制度惠及",
        ),
    ],
)
def test_a_two_character_metric_is_completed_from_its_clause(
    body: str, head: str, raw: str, metric: str
) -> None:
    assert _by_raw(_commitments(body, head), raw).metric == metric


def test_a_verb_with_no_topic_before_it_stays_as_it_is() -> None:
    # anhui-2026: 推出 is not money spent or people reached, so nothing is borrowed
    body = "把长三角一体化发展作为最大机遇、最大势能，推出12批1181项对照学习沪苏浙创新政策。"
    assert _by_raw(_commitments(body, REVIEW), "12批").metric == "推出"


@pytest.mark.parametrize(
    ("body", "left_out"),
    [
        # guangdong-2026: how early a goal was met
        ("建成珠三角水资源配置工程，提前两年完成病险水库除险加固任务。", "两年"),
        # guangxi-2026: how long it took
        ("组建广西数据集团，仅用90天建成“南A中心”并投入使用。", "90天"),
        # guizhou-2025: hours that name a policy
        ("巩固拓展国内重点客源市场。用好240小时过境免签政策。", "240小时"),
        # shanghai-2026: opening hours
        ("89.4%的公园实现24小时开放。", "24小时"),
    ],
)
def test_time_taken_and_hours_that_name_things_are_not_commitments(body: str, left_out: str) -> None:
    assert left_out not in [c.raw for c in _commitments(body, REVIEW)]


def test_no_metric_reaches_back_over_a_time_taken() -> None:
    # qingyuan-2024
    body = "第一时间调度保险公司理赔5190万元，利用20天完成47万亩农田冬小麦播种。"
    assert _by_raw(_commitments(body, REVIEW), "47万亩").metric == "农田冬小麦播种"


def test_money_spent_does_not_repeat_itself() -> None:
    # baoding-2022: 总投资 before 计划投资 gives no 总投资投资; both amounts are the works'
    body = "安排市以上重点项目599项，总投资5942亿元，当年计划投资1003亿元。"
    assert _by_raw(_commitments(body), "1003亿元").metric == "市以上重点项目投资"


def test_an_attribute_after_its_own_subject_keeps_it() -> None:
    # neimenggu-2025: 收入 after 接待游客… in the same clause borrows nothing from the clause before
    body = "阿尔山5A级景区获批，全区接待游客2.73亿人次、实现收入4140亿元，增长18.6%和23.4%。"
    assert "阿尔山" not in (_by_raw(_commitments(body, REVIEW), "4140亿元").metric or "")


# ---------------------------------------------------------------- 其中: a part of the whole just named


def test_subset_keeps_a_metric_of_its_own() -> None:
    # guizhou-2025: 其中 before a full metric leaves it alone
    body = "全省地区生产总值增长5.5%左右，其中一、二、三产增加值分别增长3.5%以上、7%左右、5%以上。"
    assert _by_raw(_commitments(body), "7%左右").metric == "二产增加值增长"


def test_from_to_with_a_one_character_verb() -> None:
    # hebei-2023: 由…减至…, like 由…增至…, keeps the start as from_value
    c = _by_raw(
        _commitments("超额完成6大行业去产能任务，钢铁产能由2.39亿吨减至1.9亿多吨。", REVIEW), "1.9亿多吨"
    )
    assert (c.metric, c.from_value) == ("钢铁产能", 239000000)


def test_long_noun_after_de_is_cut_at_its_verb() -> None:
    # anguo-2020: 占地…的 + a noun phrase running into its verb
    body = "精心实施了“十大健康旅游示范工程”，占地2000余亩的热海健康小镇创新生态农业示范区已启动建设。"
    assert _by_raw(_commitments(body, REVIEW), "2000余亩").metric == "热海健康小镇占地"


def test_a_qualifier_after_a_bracketed_counter_bounds_the_number() -> None:
    # liaoning-2026: 台(套) is one unit read two ways; 以上 after it still bounds the number
    c = _by_raw(_commitments("开放共享科研设施和科研仪器1万台（套）以上。"), "1万台（套）以上")
    assert (c.value, c.unit, c.comparator) == (10000, "台", ">=")


def test_at_least_before_the_verb_bounds_the_number() -> None:
    # baoding-2021: 至少 bounds the number across the verb that counts it, as 至少2个 does.
    body = "每个县至少启动建设2个高品位特色小镇。每个县至少建成2个生态宜居美丽示范区、20个示范村。"
    items = _commitments(body)
    towns = items[0]
    assert (towns.raw, towns.comparator, towns.text) == ("2个", ">=", "至少启动建设2个高品位特色小镇")
    zones = next(c for c in items if c.metric == "生态宜居美丽示范区")
    assert (zones.comparator, zones.text) == (">=", "至少建成2个生态宜居美丽示范区")


def test_a_rate_after_a_basis_word_takes_no_predicate() -> None:
    # guizhou-2025: 减按15%征收 taxes at a rate; what follows the rate is not what the share does
    items = _commitments("用好西部地区鼓励类产业企业所得税减按15%征收等优惠政策。")
    rate = _by_raw(items, "15%")
    assert rate.metric is not None and "企业所得税" in rate.metric and "征收" not in rate.metric


def test_a_one_character_link_inside_a_word_stays() -> None:
    # anguo-2022: 约 (about) is a link, but not the 约 of 签约; the metric is never cut inside a word
    items = _commitments("达成签约意向140项，签约规模达10万亩以上。")
    assert (_by_raw(items, "10万亩以上").metric or "").startswith("签约")
