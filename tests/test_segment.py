"""Segmentation on every layout: topics and parts, each from a real excerpt copied in.

The excerpts are public text from the reports named in each test (cut at a sentence end).
"""

from __future__ import annotations

from govplan.models import Plan, Topic
from govplan.pipeline import parse_text
from govplan.segment import _part_of


def _topics(plan: Plan) -> list[Topic]:
    out: list[Topic] = []
    for s in plan.walk_sections():
        for t in s.topics:
            out.append(t)
            out.extend(t.topics)
    return out


def _titles(plan: Plan) -> list[str]:
    return [t.title for t in _topics(plan)]


def _spans_hold(plan: Plan, text: str) -> None:
    for t in _topics(plan):
        assert text[t.span[0] : t.span[1]] == t.title


# 青海 2026: each lead on a line of its own, its elaboration on the next line.
QINGHAI_2026 = "\n".join(
    [
        "三、2026年重点工作任务",
        "（一）聚焦“双碳”引领，推动全面绿色转型",
        "加强生态系统保护修复。",
        "实施自然保护地整合优化，提升国家公园建设水平，优化三江源国家公园管理体制，高质量推进祁连山、"
        "青海湖国家公园候选区建设，完善生态廊道、巡护路网、应急通道等配套设施。",
        "深入打好蓝天碧水净土保卫战。",
        "统筹推进“美丽系列”建设，开展空气质量持续改善行动，加强重要江河湖库系统治理和生态保护，"
        "推进城镇生活污水处理设施提标扩能改造，强化新污染物治理。",
        "纵深推进碳达峰专项行动。",
        "落实碳排放总量和强度双控制度，加快西宁市国家碳达峰试点、南川国家级零碳园区建设，"
        "打造能效标杆示范企业。",
        "",
    ]
)


def test_lead_on_its_own_line_is_the_topic_not_the_next_paragraph() -> None:
    plan = parse_text(QINGHAI_2026)
    assert _titles(plan) == ["加强生态系统保护修复", "深入打好蓝天碧水净土保卫战", "纵深推进碳达峰专项行动"]
    _spans_hold(plan, QINGHAI_2026)


def test_lone_line_that_announces_the_list_is_not_a_lead() -> None:
    # 吉林 2025 / 江西 2025: the sentence that announces the headings is followed by a heading.
    text = "二、2025年工作安排\n重点做好八个方面工作。\n（一）扩大有效需求\n加力扩大有效投资。实施重大项目，年度投资增长。\n"
    assert _titles(parse_text(text)) == ["加力扩大有效投资"]


def test_lone_enumerated_lead_keeps_its_enumerator_as_marker() -> None:
    # 广东 2026
    text = (
        "一、2025年和“十四五”时期工作回顾\n"
        "一是联合港澳承办十五运会和残特奥会。\n"
        "认真落实“绿色、共享、开放、廉洁”的办赛理念和“简约、安全、精彩”的办赛要求。\n"
    )
    topic = _topics(parse_text(text))[0]
    assert (topic.marker, topic.title) == ("一是", "联合港澳承办十五运会和残特奥会")


# 山西 2026: a heading that runs into its paragraph, which carries three lead sentences.
SHANXI_2026 = (
    "二、“十五五”时期总体要求和目标任务\n"
    "（二）资源型经济转型取得重大进展。能源转型、产业升级、适度多元发展取得明显成效，能源强省和文旅强省建设取得"
    "重要成效，体现山西特点、具有比较优势的现代化产业体系加速形成。大力推动能源转型。深化能源革命，细化绿色低碳"
    "转型路径举措，加快能源生产方式、消费方式、发展动力转型，初步建成新型能源体系。扛牢保障国家能源安全政治责任，"
    "保持煤炭产能稳定接续，统筹抓好煤炭清洁低碳发展、多元化利用、综合储运这篇大文章，推动煤炭产业由低端向高端、"
    "煤炭产品由初级燃料向高价值产品攀升。发挥煤电兜底保障和系统调节作用，力争新增可再生能源装机1亿千瓦，非常规"
    "天然气产量2030年达到300亿立方米，打造千亿级产业链。打造能源科技创新重要策源地和成果转化基地。着力推进产业"
    "升级。加快新型工业化步伐，优化提升钢铁、焦化、建材、消费品等传统产业，培育壮大新兴产业，前瞻布局未来产业，"
    "推动制造业、数字经济核心产业增加值年均分别增长5%、8%以上。因地制宜推动适度多元发展。用好非煤矿产优势，推进"
    "新一轮找矿突破战略行动，全链条推动新能源金属和半导体材料产业快速发展。\n"
)


def test_leads_inside_a_run_in_heading_paragraph_are_its_topics() -> None:
    plan = parse_text(SHANXI_2026)
    sec = plan.sections[0].sections[0]
    assert sec.title == "资源型经济转型取得重大进展"
    # The heading itself is not a topic; the sentence with no elaboration after it is not a lead.
    assert [t.title for t in sec.topics] == [
        "大力推动能源转型",
        "着力推进产业升级",
        "因地制宜推动适度多元发展",
    ]
    _spans_hold(plan, SHANXI_2026)


def test_run_in_heading_leads_in_the_plan_too() -> None:
    # 湖北 2025
    text = (
        "二、2025年工作思路和重点任务\n"
        "（一）在全方位扩大内需上持续加力，切实巩固经济稳中向好发展态势。坚持供需两端协同发力、消费投资互促共进，"
        "让内需成为拉动增长的主动力和稳定锚。精准发力扩大有效投资。扎实开展投资提质年活动，更加注重以政府投资撬动"
        "社会投资，全年实施亿元以上项目1.6万个，投资增长7％左右。千方百计促进消费需求。大力实施提振消费专项行动，"
        "在稳住汽车、家电、住房等大宗消费的同时，积极培育新的消费增长点，社会消费品零售总额增长7％左右。积极主动抢抓"
        "政策机遇。抓住用好“两重”“两新”等宏观政策加力扩围的窗口期，找准湖北的切入点、发力点，做实做细前期工作。\n"
    )
    assert _titles(parse_text(text)) == [
        "精准发力扩大有效投资",
        "千方百计促进消费需求",
        "积极主动抢抓政策机遇",
    ]


def test_terse_prose_of_short_sentences_is_not_a_series_of_leads() -> None:
    # 国务院 2023: short sentences, most not expanded on; no leads.
    text = (
        "二、对今年政府工作的建议\n"
        "（六）稳定粮食生产和推进乡村振兴。一体推进农业现代化和农村现代化。稳定粮食播种面积，抓好油料生产，实施新一轮"
        "千亿斤粮食产能提升行动。完善农资保供稳价应对机制。加强耕地保护，加强农田水利和高标准农田等基础设施建设。深入"
        "实施种业振兴行动。强化农业科技和装备支撑。健全种粮农民收益保障机制和主产区利益补偿机制。树立大食物观，构建多"
        "元化食物供给体系。发展乡村特色产业，拓宽农民增收致富渠道。巩固拓展脱贫攻坚成果，坚决防止出现规模性返贫。推进"
        "乡村建设行动。国家关于土地承包期再延长30年的政策，务必通过细致工作扎实落实到位。\n"
    )
    assert _titles(parse_text(text)) == []


def test_short_facts_late_in_a_review_paragraph_are_not_leads() -> None:
    # 山西 2025: 率先发放股改企业专项贷。 is an achievement among achievements.
    text = (
        "一、2024年工作回顾\n"
        "（三）有效激发全社会内生动力活力。坚持和落实“两个毫不动摇”，完成国企改革年度任务，制定省属国有资本“三个集中”"
        "实施方案。出台促进民营经济发展壮大20条措施，打造“晋企通”服务品牌。优选基础设施、产业转型、科技创新等领域240个"
        "项目，以特许经营、参股控股等形式向民间资本推介。率先发放股改企业专项贷。落实无还本续贷853.4亿元，惠及2.9万户"
        "中小微企业。民营经济和普惠小微贷款余额分别增长13.7%、28.4%。持续优化营商环境，开展市场准入效能评估试点。在全国"
        "率先发布不公平格式条款指引清单。实施经营主体深化年行动，政务服务体验员等举措受到好评。\n"
    )
    assert _titles(parse_text(text)) == []


def test_enumerated_leads_in_a_run_in_paragraph_and_list_items() -> None:
    # 保定 2022: 一是扮靓城市颜值。… each expanded on; 安国 2022: 一是…；二是…； a bare list.
    leads = (
        "二、2022年主要目标任务\n"
        "（一）深入推进品质城市提升工程。围绕建设与雄安新区交相辉映、舒适宜居的现代化中心城市，坚决打好城市更新城市转型"
        "主动仗。一是扮靓城市颜值。把人民的感受度作为现代化品质生活之城最根本的衡量标尺，加强城市规划和设计引领。二是留住"
        "城市记忆。以敬畏之心实施“古城保护”行动，整合“八大国宝”串珠成链。\n"
    )
    topics = _topics(parse_text(leads))
    assert [(t.marker, t.title) for t in topics] == [("一是", "扮靓城市颜值"), ("二是", "留住城市记忆")]
    items = (
        "二、2022年发展思路和工作重点\n"
        "旅游产业“五大版块”：一是药王庙文化历史康养游版块；二是药博园自然生态游版块；三是数字中药都商贸购物游版块；"
        "四是中药工业园区游版块；五是中央步行街夜经济休闲娱乐游版块。\n"
    )
    assert _titles(parse_text(items)) == []


def test_review_leads_and_their_dash_bullet() -> None:
    text = "一、2024年工作回顾\n——经济运行持续向好。全省地区生产总值增长5.8%，高于全国平均水平。\n"
    assert _titles(parse_text(text)) == ["经济运行持续向好"]
    # 内蒙古 2026: the five years lead each paragraph; 这 otherwise opens a statement.
    years = (
        "“十四五”时期发展成就和2025年工作回顾\n"
        "——这五年民生福祉不断增进。城镇新增就业累计106万人，常住人口城镇化率达到71.5%。\n"
        "这是我们必须长期坚持的。今后要继续坚持下去，久久为功。\n"
    )
    assert _titles(parse_text(years)) == ["这五年民生福祉不断增进"]


# 福建 2025: top-level headings that name no part; what follows each decides.
FUJIAN_2025 = "\n".join(
    [
        "2025年福建省政府工作报告",
        "2025年1月13日在福建省第十四届人民代表大会第三次会议上福建省人民政府省长赵龙作政府工作报告。",
        "各位代表：",
        "　　一、牢记殷殷嘱托，在接续奋斗中新福建建设取得新成效",
        "　　2024年是中华人民共和国成立75周年，也是福建发展历程中具有里程碑意义的一年。",
        "　　初步统计，2024年全省地区生产总值57761亿元、增长5.5%。",
        "　　二、牢记历史使命，在中国式现代化建设中奋勇争先",
        "　　福建是习近平新时代中国特色社会主义思想的重要孕育地和实践地，这是我们的荣光，也是我们的动力源泉。",
        "　　厚望如山，使命如磐。在中国式现代化建设中奋勇争先，是习近平总书记赋予我们新的重大历史使命。",
        "　　2025年是“十四五”规划收官、“十五五”规划谋划之年，也是进一步全面深化改革的重要一年。",
        "　　全省地区生产总值增长5.5%左右。",
        "　　三、牢记人民至上，在建设服务型政府中践行初心使命",
        "　　政绩好不好，关键看老百姓口碑好不好。",
        "",
    ]
)


def test_silent_headings_take_the_part_their_first_paragraphs_speak_of() -> None:
    plan = parse_text(FUJIAN_2025)
    assert plan.document.year == 2025
    assert [s.part for s in plan.sections] == ["review", "plan", "other"]
    # status follows the part: last year's figure is achieved, this year's is planned
    got = [(c.value, c.status) for c in plan.commitments]
    assert got == [(57761e8, "achieved"), (5.5, "achieved"), (5.5, "planned")]


def test_heading_phrasings_and_the_year_that_is_last_year() -> None:
    assert _part_of("2025年主要工作和“十四五”发展成就", 2026) == "review"
    assert _part_of("2025年工作回顾和2026年工作安排", 2026) == "review"  # names the review first
    assert _part_of("“十五五”时期主要目标和2026年重点工作", 2026) == "plan"
    assert _part_of("“十四五”时期和2025年工作回顾", 2026) == "review"
    assert _part_of("“十五五”时期工作的主要考虑", 2026) == "plan"
    assert _part_of("关于《上海市国民经济和社会发展第十五个五年规划纲要(草案)》的说明", 2026) == "plan"
    assert _part_of("“十四五”时期的主要目标任务", 2021) == "plan"  # in 2021 the 14th plan lies ahead
    assert _part_of("2025年工作安排", 2025) == "plan"
    assert _part_of("2025年工作", 2026) == "review"
    assert _part_of("全面提升政府治理效能", 2026) == "other"
    assert _part_of("努力建设让人民满意的法治型服务型政府", 2026) == "other"
    assert _part_of("今年政府工作重点", 2022) == "plan"
    assert _part_of("对今年政府工作的建议", 2023) == "plan"
    assert _part_of("2019年和今年以来工作回顾", 2020) == "review"  # 今年以来 looks back
    # The plan's year unknown: the words decide, and a year alone names the plan.
    assert _part_of("2019年工作回顾", None) == "review"
    assert _part_of("2023年目标任务", None) == "plan"


def test_unnumbered_plan_line_opens_the_plan_after_the_five_year_part() -> None:
    text = (
        "2026年某省政府工作报告\n各位代表：\n"
        "一、2025年主要工作和“十四五”发展成就\n过去一年，全省经济稳中有进。\n"
        "二、“十五五”时期主要目标任务\n“十五五”时期是基本实现现代化的关键时期。\n"
        "2026年重点工作\n今年是“十五五”开局之年。\n"
        "（一）扩大有效需求\n加力扩大有效投资。实施重大项目，年度投资增长5%左右。\n"
    )
    plan = parse_text(text)
    assert [(s.title, s.part) for s in plan.sections] == [
        ("2025年主要工作和“十四五”发展成就", "review"),
        ("“十五五”时期主要目标任务", "plan"),
        ("2026年重点工作", "plan"),
    ]


def test_subsections_of_a_heading_that_covers_both_follow_their_own_words() -> None:
    text = (
        "一、2024年工作回顾和2025年工作安排\n"
        "（一）2024年工作回顾\n过去一年，全省地区生产总值增长5.8%。\n"
        "（二）2025年工作安排\n今年全省地区生产总值增长5.5%左右。\n"
        "（三）全面加强政府自身建设\n坚持依法行政。\n"
    )
    plan = parse_text(text)
    assert plan.sections[0].part == "review"  # it names the review first
    assert [s.part for s in plan.sections[0].sections] == ["review", "plan", "other"]
    assert [c.status for c in plan.commitments] == ["achieved", "planned"]


def test_a_heading_that_covers_both_hands_over_where_its_text_turns_to_the_plan() -> None:
    # 北京 2026: the part is the review (named first); the five-year plan's targets are planned.
    text = (
        "2026年北京市政府工作报告\n"
        "二、“十四五”时期发展成就和“十五五”时期主要目标任务\n"
        "“十四五”时期是极不平凡的五年，我们坚持以习近平新时代中国特色社会主义思想为指导，推动各项事业取得重大成就。\n"
        "这五年，全市地区生产总值年均增长5.3%。\n"
        "“十五五”时期是基本实现社会主义现代化夯实基础、全面发力的关键时期，战略机遇和风险挑战并存。\n"
        "根据《中共北京市委关于制定北京市国民经济和社会发展第十五个五年规划的建议》，我们编制了《纲要草案》。\n"
        "《纲要草案》明确了今后五年的发展目标：地区生产总值年均增长5%左右。\n"
    )
    plan = parse_text(text)
    assert (plan.document.year, plan.sections[0].part) == (2026, "review")
    assert [(c.value, c.status) for c in plan.commitments] == [(5.3, "achieved"), (5, "planned")]


def test_caption_and_dateline_of_a_web_page_never_become_structure() -> None:
    # 江西 2026 as scraped: page controls, dateline, source, photo caption, then the salutation.
    text = "\n".join(
        ["下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】"]
        + [
            "2026年江西省政府工作报告",
            "——2026年1月27日在江西省第十四届人民代表大会第四次会议上",
            "来源：江西日报",
            "时间：2026-02-05",
            "省长 叶建春",
            "省长叶建春作政府工作报告。本报全媒体记者 林 君摄",
            "各位代表：",
            "现在，我代表江西省人民政府，向大会报告工作，请予审议，并请省政协委员和列席会议的同志提出意见。",
            "一、2025年工作及“十四五”时期发展回顾",
            "过去一年，全省经济稳中有进。",
            "",
        ]
    )
    plan = parse_text(text)
    assert [(s.title, s.part) for s in plan.sections] == [("2025年工作及“十四五”时期发展回顾", "review")]
    assert _titles(plan) == []


def test_no_section_without_a_title_when_an_excerpt_opens_mid_section() -> None:
    # 米易 2023 excerpt: its first lead comes before any heading.
    text = "提升社会治理效能。健全基层治理体系，推进市域社会治理现代化。\n全面加强政府自身建设\n坚持依法行政，建设法治政府。\n"
    plan = parse_text(text)
    assert all(s.title for s in plan.walk_sections())
    assert "topics-before-heading" in [w.code for w in plan.warnings]


def test_a_heading_broken_after_its_bracket_is_read_whole() -> None:
    # 云南 2026 as scraped: `（` alone on a line, `三）改革开放…` on the next.
    text = "一、“十四五”时期和2025年工作回顾\n（\n三）改革开放持续深化、互促共进。\n“云南方案”成为全国开展市场准入效能评估的基础性方案。\n"
    sub = parse_text(text).sections[0].sections
    assert [(s.number, s.title) for s in sub] == [("三", "改革开放持续深化、互促共进")]
