"""Commitments read as the sentence means them: metric, value, from_value, stance and what is left out.

Every excerpt is copied from a real government work report (public text); the report is named.
"""

from __future__ import annotations

import pytest

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
    assert _by_raw(items, "3210亿元").metric == "完成投资"


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


# ---------------------------------------------------------------- metrics are noun phrases


@pytest.mark.parametrize(
    ("body", "raw", "metric"),
    [
        # qingyuan-2024: an amount spent names what it is spent on
        ("投资2.6亿元实施高标准农田建设9.5万亩。", "2.6亿元", "高标准农田建设投资"),
        ("大力实施总投资127亿元的36个省、市重点项目。", "127亿元", "省、市重点项目总投资"),
        # qingyuan-2024: the noun after the unit when the one before counted the number before
        ("保障7个项目390亩土地“标准地”供地。", "390亩", "土地“标准地”供地"),
        # qinghai-2026: a specification between the count and its noun
        ("建成14个750千伏电网工程。", "14个", "750千伏电网工程"),
        # jiangxi-2025: a parenthesis inside a phrase
        ("农村生活污水治理（管控）率达48.3%。", "48.3%", "农村生活污水治理（管控）率"),
        # baoding-2022: a later item of a list keeps the list's verb
        ("改造市政道路21条、桥梁30座。", "30座", "改造桥梁"),
    ],
)
def test_metric_is_the_measured_noun_phrase(body: str, raw: str, metric: str) -> None:
    assert _by_raw(_commitments(body), raw).metric == metric


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
        # hebei-2023: a later member of a list shares the list's verb
        ("推动4家央企总部、4所高校、2所医院加快建设。", PLAN, "4所", "推动高校"),
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


@pytest.mark.parametrize(
    ("body", "raw", "metric"),
    [
        # national-2021: a verb before the amount takes the object after it
        ("坚持农业农村优先发展，严守18亿亩耕地红线，实施高标准农田建设工程。", "18亿亩", "严守耕地红线"),
        # miyi-2023: a stance word is no part of it
        (
            "做好全生命周期管理服务，确保20万吨电池级磷酸铁及磷酸铁锂等9个重点项目建成投产。",
            "20万吨",
            "电池级磷酸铁",
        ),
        # baoding-2021: money spent after a count takes that count's subject
        ("安排市以上重点项目440项以上，计划投资600亿元以上。", "600亿元以上", "市以上重点项目投资"),
    ],
)
def test_a_bare_verb_takes_its_object_or_the_subject_before(body: str, raw: str, metric: str) -> None:
    assert _by_raw(_commitments(body), raw).metric == metric


def test_money_spent_does_not_repeat_itself() -> None:
    # baoding-2022: 总投资 before 计划投资 gives no 总投资投资
    body = "安排市以上重点项目599项，总投资5942亿元，当年计划投资1003亿元。"
    assert _by_raw(_commitments(body), "1003亿元").metric == "投资"


@pytest.mark.parametrize(
    ("body", "raw", "metric"),
    [
        # hubei-2025: an attribute opening its clause belongs to the subject of the clause before
        ("粮食生产再获丰收，总产达到557亿斤，连续12年稳定在500亿斤以上。", "557亿斤", "粮食生产总产"),
        # shanxi-2026: a stance word before it does not stop it
        (
            "推动大吉煤层气田等项目建设，力争产量突破200亿立方米、投资超120亿元。",
            "突破200亿立方米",
            "大吉煤层气田产量",
        ),
    ],
)
def test_an_attribute_takes_the_subject_of_the_clause_before(body: str, raw: str, metric: str) -> None:
    assert _by_raw(_commitments(body, REVIEW), raw).metric == metric


def test_an_attribute_after_its_own_subject_keeps_it() -> None:
    # neimenggu-2025: 收入 after 接待游客… in the same clause borrows nothing from the clause before
    body = "阿尔山5A级景区获批，全区接待游客2.73亿人次、实现收入4140亿元，增长18.6%和23.4%。"
    assert "阿尔山" not in (_by_raw(_commitments(body, REVIEW), "4140亿元").metric or "")


@pytest.mark.parametrize(
    ("body", "raw", "metric"),
    [
        # qingyuan-2023: the amount after a counted noun measures a part of each; the predicate follows it
        ("尽快完成中汽零、沃德电梯等5个项目398亩土地处置利用。", "5个", "项目土地处置利用"),
        # shanxi-2026
        ("高等教育“百亿工程”取得标志性成果，两所大学3个学科跻身“双一流”。", "两所", "大学学科跻身“双一流”"),
    ],
)
def test_a_counted_noun_reads_past_the_amount_of_its_parts(body: str, raw: str, metric: str) -> None:
    assert _by_raw(_commitments(body, REVIEW), raw).metric == metric


@pytest.mark.parametrize(
    ("body", "raw", "metric"),
    [
        # shaanxi-2026: a bound inside the counted noun phrase is part of it
        ("民间投资占比达到42.2％。超过200家世界500强企业在陕设立分支机构。", "超过200家", "世界500强企业"),
        # yunnan-2025
        ("在9个人口20万以上的县建成特殊教育学校。", "9个", "人口20万以上的县"),
    ],
)
def test_a_bound_inside_a_counted_noun_phrase_stays_in_it(body: str, raw: str, metric: str) -> None:
    assert _by_raw(_commitments(body, REVIEW), raw).metric == metric


# ---------------------------------------------------------------- 其中: a part of the whole just named


@pytest.mark.parametrize(
    ("body", "raw", "metric"),
    [
        # guangdong-2025
        (
            "经营主体净增98万户、突破1900万户，其中企业超830万户，总量均居全国第一。",
            "超830万户",
            "经营主体中企业",
        ),
        # yunnan-2026
        ("实有经营主体688.3万户，其中企业162.5万户、增长1.1倍。", "162.5万户", "实有经营主体中企业"),
        # neimenggu-2025
        ("算力总规模达到9.4万P，其中智算8.7万P、居全国第1位。", "8.7万P", "算力中智算"),
        # anhui-2026: the part is named by what the clause says of it
        (
            "中国（安徽）自贸试验区累计推出259项制度创新成果，其中56项为全国首创。",
            "56项",
            "制度创新成果中全国首创",
        ),
    ],
)
def test_subset_takes_the_whole(body: str, raw: str, metric: str) -> None:
    assert _by_raw(_commitments(body, REVIEW), raw).metric == metric


def test_subset_keeps_a_metric_of_its_own() -> None:
    # guizhou-2025: 其中 before a full metric leaves it alone
    body = "全省地区生产总值增长5.5%左右，其中一、二、三产增加值分别增长3.5%以上、7%左右、5%以上。"
    assert _by_raw(_commitments(body), "7%左右").metric == "二产增加值增长"


@pytest.mark.parametrize(
    ("body", "raw", "metric"),
    [
        # shaanxi-2026: a time word before the amount points at the thing after it
        (
            "深入实施科技金融“五项机制”改革，首期100亿元省级科技创新母基金投运。",
            "100亿元",
            "省级科技创新母基金投运",
        ),
        # guizhou-2026
        ("坚持民生投入只增不减，每年70%左右财政支出用于民生事业。", "70%左右", "财政支出用于民生事业"),
        # neimenggu-2025: so does a pronoun
        (
            "1000余名京师京医专家在我区开展服务，我区308亿元绿色农畜产品进首都。",
            "308亿元",
            "绿色农畜产品进首都",
        ),
    ],
)
def test_determiner_before_an_amount_names_nothing(body: str, raw: str, metric: str) -> None:
    assert _by_raw(_commitments(body, REVIEW), raw).metric == metric


@pytest.mark.parametrize(
    ("body", "raw", "metric"),
    [
        # shanxi-2026: 及以上 bounds the rank inside the noun phrase
        (
            "新建2—3家省级制造业创新中心和25—30家省级及以上企业技术中心。",
            "25—30家",
            "省级及以上企业技术中心",
        ),
        # guangxi-2026
        (
            "95.6%二级及以上公立综合医院为老年人设立专门医疗服务窗口。",
            "95.6%",
            "二级及以上公立综合医院",
        ),
    ],
)
def test_rank_bound_stays_in_the_noun(body: str, raw: str, metric: str) -> None:
    assert _by_raw(_commitments(body), raw).metric == metric


@pytest.mark.parametrize(
    ("body", "raw", "metric"),
    [
        # neimenggu-2026: an adverb opening the clause leaves a bare change, which takes the subject
        ("一般公共预算收入增加近1000亿元，稳步达到3000亿元以上。", "3000亿元以上", "一般公共预算收入"),
        # liaoning-2025
        (
            "推进辽浑太、海洋生态等重大生态保护修复工程。全面完成43.7万亩废弃矿山复绿任务。",
            "43.7万亩",
            "废弃矿山复绿任务",
        ),
    ],
)
def test_adverb_is_no_metric(body: str, raw: str, metric: str) -> None:
    assert _by_raw(_commitments(body, REVIEW), raw).metric == metric


@pytest.mark.parametrize(
    ("body", "raw", "metric"),
    [
        # qinghai-2025: the predicate after the other counted members of the list
        (
            "依法管理宗教事务，13个集体和15名个人荣获全国民族团结进步模范集体和模范个人称号。",
            "13个",
            "集体荣获全国民族团结进步模范集体",
        ),
        # fujian-2025
        ("6个集体、7名个人荣获全国民族团结进步模范表彰。", "6个", "集体荣获全国民族团结进步模范表彰"),
        # beijing-2025: a member of more than one word leaves the verb search as it was
        (
            "20个街区、300座立交桥、100条城市画廊实现绿化彩化。",
            "20个",
            "街区实现绿化彩化",
        ),
    ],
)
def test_counted_list_shares_its_predicate(body: str, raw: str, metric: str) -> None:
    assert _by_raw(_commitments(body, REVIEW), raw).metric == metric


@pytest.mark.parametrize(
    ("body", "raw", "metric"),
    [
        # jilin-2026: opening its sentence, the attribute belongs to the subject of the sentence before
        (
            "石化产业持续“减油增化提质”，释放吉化120万吨乙烯转型升级项目新装置产能，提升全产业链附加值和竞争力。"
            "产值突破1300亿元。",
            "突破1300亿元",
            "石化产业产值",
        ),
        # neimenggu-2025: with no owner in the clause before, the subject opening its own sentence
        (
            "包钢集团要全力突围，在稳经营、调结构、提效益上下功夫，力争营收达到1200亿元。",
            "1200亿元",
            "包钢集团营收",
        ),
        # jilin-2026: a sentence before that opens with a verb names no owner
        ("拓展聚醚醚酮产业化应用，开辟具身智能、医疗器械材料市场。产值超过350亿元。", "超过350亿元", "产值"),
    ],
)
def test_attribute_takes_the_sentence_subject(body: str, raw: str, metric: str) -> None:
    assert _by_raw(_commitments(body), raw).metric == metric


def test_from_to_with_a_one_character_verb() -> None:
    # hebei-2023: 由…减至…, like 由…增至…, keeps the start as from_value
    c = _by_raw(
        _commitments("超额完成6大行业去产能任务，钢铁产能由2.39亿吨减至1.9亿多吨。", REVIEW), "1.9亿多吨"
    )
    assert (c.metric, c.from_value) == ("钢铁产能", 239000000)


@pytest.mark.parametrize(
    ("body", "raw", "metric"),
    [
        # chongqing-2026: the verb of the clause says which ones, even when jieba tags it a name
        (
            "通道网络辐射全国75个城市、164个铁路站点，通达全球127个国家和地区的584个港口。",
            "584个",
            "通达港口",
        ),
        # guangxi-2026
        ("北部湾港通达全球100多个国家及地区的200多个港口，集装箱航线突破百条。", "200多个", "通达港口"),
        # hubei-2025: 新设 cut in two by jieba is one verb
        (
            "围绕做强主导产业建设28个现代产业学院，面向前沿领域新设106个专业，新兴学科加快布局。",
            "106个",
            "新设专业",
        ),
    ],
)
def test_counted_noun_takes_its_verb(body: str, raw: str, metric: str) -> None:
    assert _by_raw(_commitments(body, REVIEW), raw).metric == metric


def test_long_noun_after_de_is_cut_at_its_verb() -> None:
    # anguo-2020: 占地…的 + a noun phrase running into its verb
    body = "精心实施了“十大健康旅游示范工程”，占地2000余亩的热海健康小镇创新生态农业示范区已启动建设。"
    assert _by_raw(_commitments(body, REVIEW), "2000余亩").metric == "热海健康小镇占地"


@pytest.mark.parametrize(
    ("body", "raw", "metric"),
    [
        # baoding-2022: 批次 counts like 家次 and 人次, so the list's predicate names what is counted
        ("350多批次央企、京企来保深度对接，京津保合作项目加快落地。", "350多批次", "央企对接"),
        # shanxi-2026: the classifier counts the noun it precedes
        ("十一是大型农贸批发市场完成不少于100万批次农产品快检。", "不少于100万批次", "农产品快检"),
    ],
)
def test_batches_are_counted(body: str, raw: str, metric: str) -> None:
    assert _by_raw(_commitments(body, REVIEW), raw).metric == metric
