"""Named projects: golden cases of real project lists (tests/data/projects_cases.yaml), and the
fields a dashboard groups by and a diff follows: stage, status by part, section, topic, span,
line and stable ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from govplan.extract.projects import stage_of
from govplan.ids import digest
from govplan.models import Plan
from govplan.pipeline import parse_text

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "projects_cases.yaml").read_text(encoding="utf-8")
)["cases"]


def _rows(plan: Plan) -> list[list[str]]:
    return [[p.name, p.action or "", p.stage] + ([p.text] if p.text != p.name else []) for p in plan.projects]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_project_lists(case: dict[str, Any]) -> None:
    plan = parse_text(case["text"] + "\n", name=f"{case['id']}.txt")
    assert _rows(plan) == case["projects"]
    names = {p.name for p in plan.projects}
    assert not names & set(case.get("not") or [])


# One report in miniature, from sentences of the 安国市 2022 report (a look back, this year's plan with
# its topics, the government's own work and a glossary), with a sentence of the 高阳县 2018 report on
# generic works, a line of government services (guizhou-2026) set in the government's own part and a
# glossary entry of the 保定市 2022 report.
REPORT = """政府工作报告
一、2021年经济工作回顾
创新能力持续增强，安国市工业设计创新中心基本建成。孟良河水生态修复工程、农村饮用水江水置换工程有序推进。
二、2022年发展思路和工作重点
（一）坚定不移做大做强实体经济，奋力在构建现代产业体系上实现新突破
高标准打造平台载体。对标北京、上海、苏州等地先进园区，启动实施现代中药工业园区配套设施提升工程。谋划启动石佛工业区基础设施配套项目（一期）建设，发展高端装备制造、医疗器械、精密仪器等产业。
（二）坚定不移深化改革开放创新，奋力在新时代高质量发展上实现新突破
以创新理念厚植高质量发展新优势。持续深化与知名院校合作，高质量市场化运行河北省中医药研究院，完成安国市工业设计创新中心建设，启动中国医学科学院药用植物研究所安国研发中心建设，促进科技成果转化。
（三）坚定不移提高城市建管水平，奋力在打造品质生活之城上实现新突破
提升县城建设水平。坚持"小县大县城"战略，加快推进县城扩容提质。推进老旧小区改造和棚户区改造，改善群众居住条件。
（五）坚定不移推进生态文明建设，奋力在改善提高环境质量上实现新突破
强化生态环保综合治理。严格落实河长制，完成孟良河水生态修复工程建设，确保入淀河流断面水质稳定达到Ⅲ类以上。
推动绿色低碳循环发展。深化地下水超采综合治理，完成农村饮用水江水置换工程建设，加快实现地下水采补平衡和稳步回升。
三、全面加强政府自身建设
建好用好对企集成政务服务智能平台，优化提升“高效办成一件事”。
名词解释
[1]“三步走”战略目标：第一步，到2025年，中国古动物馆等一批地标性建筑建成运营。
"""
CENTRE = "安国市工业设计创新中心"
PLATFORM = "对企集成政务服务智能平台"


@pytest.fixture(scope="module")
def report() -> Plan:
    return parse_text(REPORT, name="report.txt")


def test_status_follows_the_part(report: Plan) -> None:
    by_span = {(p.name, p.status) for p in report.projects}
    assert (CENTRE, "achieved") in by_span  # 基本建成 in the look back
    assert (CENTRE, "planned") in by_span  # 完成…建设 this year
    names = [p.name for p in report.projects]
    assert PLATFORM not in names  # the government's own work is part `other`
    # the same line under a plan heading is a work
    plan_part = REPORT.replace("三、全面加强政府自身建设", "三、2022年重点工作")
    assert PLATFORM in [p.name for p in parse_text(plan_part, name="plan.txt").projects]


def test_the_appendix_is_not_read() -> None:
    body = "二、2022年发展思路和工作重点\n完成安国市工业设计创新中心建设。\n"
    note = "[1]“三步走”战略目标：第一步，到2025年，中国古动物馆等一批地标性建筑建成运营。\n"
    assert [p.name for p in parse_text(body + note, name="a.txt").projects] == [CENTRE, "中国古动物馆"]
    assert [p.name for p in parse_text(body + "名词解释\n" + note, name="b.txt").projects] == [CENTRE]


def test_every_project_knows_where_it_stands(report: Plan) -> None:
    text = REPORT
    for p in report.projects:
        assert text[p.span[0] : p.span[1]] == p.text
        assert p.line == text.count("\n", 0, p.span[0]) + 1
        assert p.name in text or p.text in text
    planned = [p for p in report.projects if p.status == "planned"]
    sections = {s.id: s for s in report.sections}
    assert all(p.section is not None for p in planned)
    topics = {t.id: t.title for s in report.sections for c in s.sections for t in c.topics}
    by_name = {p.name: p for p in planned}
    assert (
        topics[by_name["中国医学科学院药用植物研究所安国研发中心"].topic or ""]
        == "以创新理念厚植高质量发展新优势"
    )
    assert topics[by_name["孟良河水生态修复工程"].topic or ""] == "强化生态环保综合治理"
    assert topics[by_name["农村饮用水江水置换工程"].topic or ""] == "推动绿色低碳循环发展"
    assert by_name["石佛工业区基础设施配套项目（一期）"].section == report.sections[1].sections[0].id
    assert by_name["孟良河水生态修复工程"].section in {c.id for s in sections.values() for c in s.sections}


def test_actions_and_stages(report: Plan) -> None:
    got = {(p.name, p.status): (p.action, p.stage) for p in report.projects}
    assert got[(CENTRE, "achieved")] == ("建成", "complete")
    assert got[(CENTRE, "planned")] == ("完成…建设", "complete")
    assert got[("石佛工业区基础设施配套项目（一期）", "planned")] == ("谋划启动…建设", "plan")
    assert got[("现代中药工业园区配套设施提升工程", "planned")] == ("启动实施", "start")
    assert got[("中国医学科学院药用植物研究所安国研发中心", "planned")] == ("启动…建设", "start")
    assert got[("孟良河水生态修复工程", "achieved")] == ("推进", "continue")  # 有序推进


def test_generic_works_are_not_projects(report: Plan) -> None:
    assert not any("老旧小区" in p.name or "棚户区" in p.name for p in report.projects)


def test_ids_come_from_names_and_stay_unique(report: Plan) -> None:
    ids = [p.id for p in report.projects]
    assert len(set(ids)) == len(ids)
    first, second = (p for p in report.projects if p.name == CENTRE)
    assert first.id == f"p-{digest(CENTRE)}"
    assert second.id == f"{first.id}~2"
    # inserting a project before another does not renumber it
    more = parse_text(
        REPORT.replace(
            "以创新理念厚植高质量发展新优势。", "以创新理念厚植高质量发展新优势。完成市医院肿瘤治疗中心建设。"
        ),
        name="r.txt",
    )
    assert {p.id for p in report.projects} <= {p.id for p in more.projects}
    assert "市医院肿瘤治疗中心" in {p.name for p in more.projects}


def test_parse_is_deterministic(report: Plan) -> None:
    assert parse_text(REPORT, name="report.txt").model_dump() == report.model_dump()


@pytest.mark.parametrize(
    ("action", "stage"),
    [
        ("谋划建设", "plan"),
        ("启动…前期工作", "plan"),
        ("开工建设", "start"),
        ("新建", "start"),
        ("续建", "continue"),
        ("加快推进…建设", "continue"),
        ("建成投用", "complete"),
        ("竣工交房", "complete"),
        ("迁建", "relocate"),
        ("申办", "other"),
        (None, "other"),
    ],
)
def test_stage_of(action: str | None, stage: str) -> None:
    assert stage_of(action) == stage


def test_a_name_is_never_cut_inside_a_word() -> None:
    # guangxi-2026, guangxi-2025: 储备 is a verb elsewhere, but here it belongs to the name (no 基地, no 林).
    plan = parse_text("推动北部湾战略矿产资源储备基地建设。新增国家储备林185万亩。\n", name="g.txt")
    names = [p.name for p in plan.projects]
    assert names == ["北部湾战略矿产资源储备基地"]
    assert all(not n.startswith(("林", "基地")) for n in names)


def test_completion_in_the_review_is_achieved() -> None:
    # chongqing-2025, anhui-2025: the verb after the name (建成投运) or before it (开通运营) is the
    # stage; the part gives the status.
    text = "一、2024年工作回顾\n川渝1000千伏特高压交流工程建成投运。\n二、2025年工作安排\n开通运营亳州机场、蚌埠机场。\n"
    got = [(p.name, p.action, p.stage, p.status) for p in parse_text(text, name="c.txt").projects]
    assert got == [
        ("川渝1000千伏特高压交流工程", "建成投运", "complete", "achieved"),
        ("亳州机场", "开通运营", "complete", "planned"),
        ("蚌埠机场", "开通运营", "complete", "planned"),
    ]


def test_shared_heads_keep_their_spans() -> None:
    # guizhou-2025: each bare name stands where it is written; the head it takes comes from the list.
    text = "二、2025年工作安排\n围绕构建贵州“大水网”，加快建设观音、宣威、花滩子等大型水库。\n"
    plan = parse_text(text, name="g.txt")
    assert [p.name for p in plan.projects] == [f"{n}水库" for n in ("观音", "宣威", "花滩子")]
    for p in plan.projects:
        assert text[p.span[0] : p.span[1]] == p.text and p.name.startswith(p.text)
        assert p.text != p.name  # the written bare name, not the whole list


def test_bare_nouns_share_the_phrase_after_the_first_noun() -> None:
    # neimenggu-2026: 玉米 and 马铃薯 take 技术创新中心 from 大豆技术创新中心, not its last word alone
    plan = parse_text("打造自治区牛羊、玉米、马铃薯、大豆技术创新中心。\n", name="n.txt")
    names = {p.name for p in plan.projects}
    assert {"玉米技术创新中心", "马铃薯技术创新中心", "大豆技术创新中心"} <= names
    assert "马铃薯中心" not in names and "玉米中心" not in names
    # and the sibling whose cut fell on the head alone (自治区牛羊) takes the same kind as the others
    assert "自治区牛羊技术创新中心" in names and "自治区牛羊中心" not in names


# guangdong-2026, shanghai-2026, yixian-2021 and hebei-2024: lists of works none of which has a
# proper name, and one whose members are named by an ordinal or a place.
KINDS = (
    "推进生态廊道、自然公园、郊野公园、体育公园、口袋公园等建设。推进革命军事馆、工业博物馆建设。"
    "加快第三高中、易水初中、第三幼儿园建设。支持商业步行街、特色商业街改造升级。\n"
)
CITY = ["生态廊道", "自然公园", "郊野公园", "口袋公园", "革命军事馆", "工业博物馆"]
ORDINALS = ["第三高中", "易水初中", "第三幼儿园"]


@pytest.mark.parametrize(
    ("where", "names"),
    [
        # a province's list of unnamed works is a list of kinds; an ordinal names one work of them
        ("广东省第十四届", ORDINALS),
        # a city and a municipality name their own facilities so
        ("保定市第十六届", [*CITY, *ORDINALS]),
        ("上海市第十六届", [*CITY, *ORDINALS]),
    ],
)
def test_unnamed_lists_are_kinds_in_a_province(where: str, names: list[str]) -> None:
    text = f"政府工作报告\n——2026年1月在{where}人民代表大会第五次会议上\n{KINDS}"
    assert [p.name for p in parse_text(text, name="kinds.txt").projects] == names


def test_a_county_names_its_own_projects_by_what_they_do() -> None:
    # yixian-2022: a county's 项目 named by its content is its own work; in a province's
    # report the same words name a kind of project
    line = "加快氢能产业一体化综合智慧能源项目建设。\n"
    county = parse_text(
        f"政府工作报告\n——2022年1月在易县第十八届人民代表大会第一次会议上\n{line}", name="y.txt"
    )
    province = parse_text(
        f"政府工作报告\n——2026年1月在广东省第十四届人民代表大会第五次会议上\n{line}", name="g.txt"
    )
    assert [p.name for p in county.projects] == ["氢能产业一体化综合智慧能源项目"]
    assert [p.name for p in province.projects] == []


def test_a_kind_beside_a_proper_name_is_one_work_in_a_province() -> None:
    # hebei-2025, guangdong-2026: in a province's list, a park or base named only by its trade stands
    # beside siblings with proper names, so it is one work too; alone in its list it is a kind
    text = (
        "政府工作报告\n——2025年1月在河北省第十四届人民代表大会第三次会议上\n"
        "抓好昝岗高端高新产业集聚区、互联网产业园等建设。"
        "推进国家海洋综合试验场、国家深海科考中心、极地考察国内基地等创新平台建设。"
        "支持商业步行街、特色商业街改造升级。\n"
    )
    names = [p.name for p in parse_text(text, name="h.txt").projects]
    assert names == [
        "昝岗高端高新产业集聚区",
        "互联网产业园",
        "国家海洋综合试验场",
        "国家深海科考中心",
        "极地考察国内基地",
    ]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        # kinds of works whose head words the reports use (storage and sluices, computing clusters,
        # trade malls, new villages, resettlement zones, green plots)
        ("建设城西雨水调蓄池和城南排涝闸泵。", ["城西雨水调蓄池", "城南排涝闸泵"]),
        ("抓好芜湖数据中心集群建设。", ["芜湖数据中心集群"]),
        ("加快纺织商贸城建设。", ["纺织商贸城"]),
        (
            "完成西关新村、城北片区安置区和滨河路带状绿地建设。",
            ["西关新村", "城北片区安置区", "滨河路带状绿地"],
        ),
        # a route from one place to another is built by stretches; a river's stretch is no work
        ("推进西安至延安（铜川段）建设。", ["西安至延安（铜川段）"]),
        ("推进唐河至府河（清苑段）建设。", []),
        # a development zone is a place its infrastructure is built on
        ("加快高阳经济开发区基础设施（一期）建设。", ["高阳经济开发区基础设施（一期）"]),
    ],
)
def test_kinds_of_works_by_their_heads(line: str, names: list[str]) -> None:
    plan = parse_text(f"二、2022年发展思路和工作重点\n{line}\n", name="heads.txt")
    assert [p.name for p in plan.projects] == names


# guangdong-2025/2026, yunnan-2025, guizhou-2025, shanxi-2025, qinghai-2025, liaoning-2025: in a province's
# report, kinds of work that jieba's cut or tags made look named (跨|江, 国|高, 海洋 as a place), a kind
# of road with a work done on it, a rank or the whole province before a facility, kinds listed with a
# drive quoted whole (“广东强芯”); a named line with its work and the nation's one base stay.
PROVINCE_KINDS = (
    "加快城市间高铁、城际铁路、高快速路、跨江跨海通道等建设。"
    "加快国高繁忙路段扩容改造、沿边高速公路和铁路、普通国道、水运枢纽等项目建设。"
    "加快高速公路拥堵路段扩容改造。在中西医结合领域建设全省重点实验室。建设国家级碳计量中心。"
    "完成格库铁路青海段扩能改造。支持海洋牧场、深远海渔业设施建设。高标准建设国家质量基础设施基地。"
    "深入推进“广东强芯”、核心软件攻关、“璀璨行动”等工程，打造中国集成电路第三极。\n"
)


@pytest.mark.parametrize(
    ("where", "names"),
    [
        # the nation's one base (国家…基地) is named by 国家 as a list's member is
        ("广东省第十四届", ["格库铁路青海段扩能改造", "国家质量基础设施基地"]),
        # a city names its own (城际铁路, and a member quoted whole), and 国家级碳计量中心 may be its one
        # centre; a hub by what it does (水运枢纽) is none anywhere
        (
            "保定市第十六届",
            ["城市间高铁", "城际铁路", "高快速路", "跨江跨海通道", "沿边高速公路"]
            + ["高速公路拥堵路段扩容改造", "全省重点实验室", "国家级碳计量中心", "格库铁路青海段扩能改造"]
            + ["深远海渔业设施", "国家质量基础设施基地", "广东强芯"],
        ),
    ],
)
def test_kinds_of_a_province_that_look_named(where: str, names: list[str]) -> None:
    text = f"政府工作报告\n——2026年1月在{where}人民代表大会第五次会议上\n{PROVINCE_KINDS}"
    assert [p.name for p in parse_text(text, name="kinds.txt").projects] == names


@pytest.mark.parametrize(
    ("line", "glued"),
    [
        # national-2017: a programme that ends with a verb takes no head from the next member
        (
            "启动森林质量提升、长江经济带重大生态修复、第二批山水林田湖生态保护工程试点。",
            "森林质量提升经济带重大生态修复",
        ),
        # neimenggu-2025: a title of its own (历史文化名城) is no place for the resort after it
        (
            "加快创建包头历史文化名城、兴安盟世界级旅游度假区、巴丹吉林世界级旅游景区、乌拉盖九曲湾5A级景区。",
            "包头历史文化名城世界级旅游度假区",
        ),
        # gaotang-2023: a market complex (商贸城) is a thing of its own, not a place for the park after it
        (
            "推进书画文创产业园、内陆港、中农商贸城、黄河故道郊野森林公园、济西智创产业园等“五极”建设。",
            "中农商贸城故道郊野森林公园",
        ),
    ],
)
def test_a_bare_thing_takes_no_head_after_a_place(line: str, glued: str) -> None:
    # a bare member that ends with a common word of its own (商贸城, 提升, 最高) is no place that a
    # later member's head completes after its leading place name (黄河|故道郊野森林公园)
    names = [p.name for p in parse_text(line + "\n", name="x.txt").projects]
    assert glued not in names
