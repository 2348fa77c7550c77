"""Every regular expression of segmentation, compiled once; they run on the folded view."""

from __future__ import annotations

import regex as re

from govplan.data import alternation, load

SPACE_CHARS = " \t"
BULLET_CHARS = "—-"
UNCOUNTED_CHARS = " “”‘’\"'《》"
# The numerals of a heading or a count: 一 … 十, and with 〇零百 for longer numbers (一百〇五).
CN_DIGITS = "一二三四五六七八九十"
CN_NUM = CN_DIGITS + "〇零百"
# A phase of a work (二期, 十一期), and with its programme word (二期工程, 三期项目).
PHASE_NUMBER = rf"[{CN_DIGITS}\d]+期"
PHASE = PHASE_NUMBER + r"(?:工程|项目)?"
# 等 that closes a list (漕河、府河等), not the 等 of 高等, 中等, 差等路, 平等, 等级, 等地 (places; but
# 供排水等地下管网 is a list).
ETC_RE = re.compile(r"(?<![高中初平同均对相上优次何差])等(?![级次同待候]|地(?!下))")

# The words that put a part over its whole (研发经费支出相当于全市生产总值的比例, 工业投资占固定资产投资比重):
# a share's metric keeps its part, and its domain is its part's.
RATIO_WORDS = ("占", "相当于")

HEADING_RES: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"(?P<num>[{CN_NUM}]{{1,3}})、")),
    (1, re.compile(rf"第(?P<num>[{CN_NUM}]{{1,3}})部分[、:.\s]?")),
    (2, re.compile(rf"\(\s*(?P<num>[{CN_NUM}]{{1,3}})\)[、.]?")),
    (3, re.compile(r"(?P<num>\d{1,2})[.、](?!\d)")),
    (3, re.compile(r"\((?P<num>\d{1,2})\)")),
]

# The words that name a part (data/parts.yaml). A line of its own that holds one and no sentence
# punctuation (checked in segment) is a part heading: 2023年工作安排, 加强政府自身建设. A subsection
# of a heading that covers both parts needs one to leave its parent's part ((二)2026年工作安排).
_PARTS = load("parts.yaml")
PART_HEADING_RE = re.compile(
    rf"[^。;,:!?]{{0,22}}(?:{alternation(_PARTS['part_words'] + _PARTS['line_words'])})[^。;,:!?]{{0,8}}"
)
PART_WORDS_RE = re.compile(alternation(_PARTS["part_words"] + _PARTS["title_words"]))
# What a top-level heading says about its part. Each signal is found with its position: a heading
# that covers both (2025年工作回顾和2026年工作安排) takes the part of what it names first.
PART_REVIEW_RE = re.compile(rf"回顾|过去[{CN_DIGITS}\d]*年|[{CN_DIGITS}\d]+年来|工作总结|主要成绩|成就")
# The government itself: 政府自身建设, 建设人民满意的服务型政府, 全面提升政府治理效能.
PART_OTHER_RE = re.compile(
    r"自身建设|政府(?:治理|现代化治理|效能|职能|作风|执行力|公信力)|(?:满意|服务型|法治型|法治|廉洁|创新型)的?政府"
)
# The times of the plan ahead, in a heading and where a paragraph opens (今年 but not 今年以来).
AHEAD = r"今年(?!以来)|明年|今后"
PART_PLAN_RE = re.compile(
    rf"安排|建议|任务|目标|思路|重点|计划|部署|总体要求|政策取向|主要考虑|{AHEAD}|下一阶段"
)
YEAR_RE = re.compile(r"(?<!\d)(\d{4})\s*年")
# A five-year plan by number: “十四五”, 第十五个五年规划. Its years decide whether it is past or ahead.
FIVE_YEAR_RE = re.compile(
    rf"(?:“|\")?(?P<n>[{CN_DIGITS}]{{1,3}})五(?:”|\")?(?:时期|规划|期间|发展|开局|收官|$|[和及与的])|第(?P<n2>[{CN_DIGITS}]{{1,3}})个五年规划"
)
# How the first paragraph under a heading that names no part opens: the year just past or the plan
# ahead. FEW: a digit of a span of a few years (这五年, 过去3年, 未来五年).
FEW = r"[一二三四五\d]"
OPENS_REVIEW_RE = re.compile(rf"(?:过去|刚刚过去|回顾)(?:的)?{FEW}*年|{FEW}+年来|这{FEW}*年")
OPENS_PLAN_RE = re.compile(rf"{AHEAD}|未来{FEW}*年|新的一年")
BROKEN_HEADING_RE = re.compile(rf"[{CN_NUM}]{{1,3}}\)")

# Glossaries and annexes: everything from here on is kept out of the plan.
APPENDIX_RE = re.compile(r"(?:附[::]|附件\s*\d*|附表|名词解释|名词注释|注释|※注释※|相关报道|附录)")

SENTENCE_END_RE = re.compile(r"[。!?]")
COMMA_RE = re.compile(r"[,;]")  # 、 joins words inside a phrase; it does not end a clause
DIGIT_RE = re.compile(r"\d")
QUANTITY_HINT_RE = re.compile(rf"\d[\d.]*\s*(?:{alternation(load('units.yaml')['quantity_hint'])})")
ENUM_START_RE = re.compile(rf"[{CN_NUM}]+[是要]")
# 一是扮靓城市颜值。 / 二要…; : the enumerator at a sentence start, the title up to 。 or ;
ENUMERATOR = rf"[{CN_NUM}]{{1,2}}[是要]"
AT_SENTENCE_START = r"(?<![^。;:!\s])"
ENUM_LEAD_RE = re.compile(
    rf"{AT_SENTENCE_START}(?P<marker>{ENUMERATOR})(?P<title>[^。;:!?\n]{{2,60}})(?=[。!])"
)
ENUM_START_ANYWHERE_RE = re.compile(AT_SENTENCE_START + ENUMERATOR)
# First sentences that open a paragraph but never lead a topic.
NOT_LEAD_RE = re.compile(
    r"(?:各位代表|现在|我们|今年|明年|过去|同时|此外|总之|其中|这|一年来|五年来|回顾|当前|面对|"
    r"主要预期目标|主要目标|预期目标|做好今年|做好\d{4}年|新的一年|\d{4}年|[^。]{0,6}(?:来源|记者|摄)|"
    rf"[^。]*[^{CN_DIGITS}]是)"
)
# The look back at five years leads each paragraph with the years themselves: 这五年民生福祉不断增进,
# 这是人民生活品质不断提高的五年 (otherwise 这 and 是 open statements, not leads).
YEARS_LEAD_RE = re.compile(rf"这(?:[{CN_DIGITS}]+年|是[^。,]{{2,20}}的[{CN_DIGITS}]+年$)")
# The words that announce a list of tasks (做好以下工作, 重点抓好八个方面工作).
LIST_AHEAD = "以下|如下|方面工作"
# A sentence inside a paragraph that is prose, not a lead: a conclusion (…是…的), a plan phrase
# that announces a list, a sentence that stops on 等 or on a result (…了).
NOT_SUB_LEAD_RE = re.compile(rf"{LIST_AHEAD}|[等了的]$|是")
# A line of its own that opens no topic: salutations, the words that announce the list of tasks.
LONE_NOT_LEAD_RE = re.compile(rf"(?:各位代表|现在|我们|总之|谢谢)|[^。]*(?:{LIST_AHEAD})")
SALUTATION_LINE_RE = re.compile(r"各位代表")

# The report's own name as a title or a scrape sets it: spaced out (政 府 工 作 报 告), broken over lines.
REPORT_NAME = r"政\s*府\s*工\s*作\s*报\s*告"
TITLE_RE = re.compile(rf"(?m)^[ \t]*(?:\d{{4}}年[^\n]{{0,20}})?{REPORT_NAME}(?=[ \t]*(?:$|—|-))")
CONGRESS_RE = re.compile(
    r"(?:(?P<year>\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:[^\n在]{0,12})?)?在\s*"
    rf"(?P<region>[^\s第,。]{{0,20}}?)\s*第?[{CN_DIGITS}]+届\s*(?:全国)?\s*\n?\s*人民代表大会"
)
TITLED_REGION_RE = re.compile(r"\d{4}年(?P<region>[^\s\d年]{2,12}?)(?:人民)?政府工作报告")
TITLE_YEAR_RE = re.compile(r"(\d{4})年[^\n]{0,14}政府工作报告")
REVIEW_YEAR_RE = re.compile(r"(\d{4})年[^\n。]{0,8}工作回顾")
PLAN_HEADING_YEAR_RE = re.compile(
    r"(?m)^[^\n。]{0,6}(\d{4})年[^\n。]{0,6}(?:工作安排|重点工作|主要任务|工作任务)"
)
# Who speaks: the signature line (易县人民政府县长 张锐) or the opening (我代表易县人民政府向大会…).
SIGNATURE_RE = re.compile(
    r"(?:^|\n)[ \t\u3000]*(?P<region>[^\s，。、:：]{2,14}?)人民政府(?:代?理?)(?:省长|市长|县长|区长|旗长|州长|盟长|主席)"
    r"|代表(?P<region2>[^\s，。、]{2,14}?)人民政府向"
)
# A prefecture-level city speaks of the counties under it; a county-level city (安国市) does not.
SUBORDINATE_COUNTIES_RE = re.compile(
    r"县（市、区）|县\(市、区\)|县（市）区|县市区|区县|各县（|所辖县|全市各县"
)
# A year in a file name (yixian-2021.txt, 2024年报告.docx), the last fallback for document.year.
NAME_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
SALUTATION_RE = re.compile(r"各位代表[^。\n]{0,8}[::]")
NATIONAL_RE = re.compile(r"代表国务院|国务院总理")

# What only a work report says: the salutation, its own name, the congress, its targets or look back.
REPORT_CUE_RE = re.compile(rf"各位代表|{REPORT_NAME}|人民代表大会|预期目标|主要目标|工作回顾|过去一年|一年来")
