"""Every regular expression of segmentation, compiled once; they run on the folded view."""

from __future__ import annotations

import regex as re

SPACE_CHARS = " \t"
CN_NUM = "一二三四五六七八九十〇零百"

HEADING_RES: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"(?P<num>[{CN_NUM}]{{1,3}})、")),
    (1, re.compile(rf"第(?P<num>[{CN_NUM}]{{1,3}})部分[、:.\s]?")),
    (2, re.compile(rf"\((?P<num>[{CN_NUM}]{{1,3}})\)[、.]?")),
    (3, re.compile(r"(?P<num>\d{1,2})[.、](?!\d)")),
    (3, re.compile(r"\((?P<num>\d{1,2})\)")),
]

# An unnumbered part heading on a line of its own: 2023年工作安排, 过去五年工作回顾, 加强政府自身建设.
PART_HEADING_RE = re.compile(
    r"[^。;,:!?]{0,16}(?:工作回顾|工作安排|工作建议|工作任务|目标任务|工作重点|主要任务|总体要求|"
    r"政府自身建设|工作总体要求|发展思路|工作部署)[^。;,:!?]{0,8}"
)
PART_REVIEW_RE = re.compile(r"回顾|过去[一二三四五六七八九十\d]*年|工作总结|主要成绩")
PART_OTHER_RE = re.compile(r"政府自身建设|自身建设")
PART_PLAN_RE = re.compile(r"安排|建议|任务|目标|思路|重点|计划|部署|总体要求|今年|明年|\d{4}年")

# Glossaries and annexes: everything from here on is kept out of the plan.
APPENDIX_RE = re.compile(r"(?:附[::]|附件\s*\d*|附表|名词解释|名词注释|注释|※注释※|相关报道|附录)")

SENTENCE_END_RE = re.compile(r"[。!?]")
COMMA_RE = re.compile(r"[,;]")  # 、 joins words inside a phrase; it does not end a clause
DIGIT_RE = re.compile(r"\d")
QUANTITY_HINT_RE = re.compile(r"\d[\d.]*\s*(?:%|个|万|亿|人|元|项|家|公里|亩)")
ENUM_START_RE = re.compile(rf"[{CN_NUM}]+[是要]")
# 一是扮靓城市颜值。 / 二要…; : the enumerator at a sentence start, the title up to 。 or ;
ENUM_LEAD_RE = re.compile(
    rf"(?<![^。;:!\s])(?P<marker>[{CN_NUM}]{{1,2}}[是要])(?P<title>[^。;:!?\n]{{2,60}})(?=[。!])"
)
ENUM_START_ANYWHERE_RE = re.compile(rf"(?<![^。;:!\s])[{CN_NUM}]{{1,2}}[是要]")
# First sentences that open a paragraph but never lead a topic.
NOT_LEAD_RE = re.compile(
    r"(?:各位代表|现在|我们|今年|明年|过去|同时|此外|总之|其中|这|一年来|五年来|回顾|当前|面对|"
    r"主要预期目标|主要目标|预期目标|做好今年|做好\d{4}年|新的一年|\d{4}年|[^。]{0,6}(?:来源|记者|摄)|"
    r"[^。]*[^一二三四五六七八九十]是)"
)

TITLE_RE = re.compile(
    r"(?m)^[ \t]*(?:\d{4}年[^\n]{0,20})?政\s*府\s*工\s*作\s*报\s*\n?\s*告(?=[ \t]*(?:$|—|-))"
)
CONGRESS_RE = re.compile(
    r"(?:(?P<year>\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:[^\n在]{0,12})?)?在\s*"
    r"(?P<region>[^\s第,。]{0,20}?)\s*第[一二三四五六七八九十]+届\s*(?:全国)?\s*\n?\s*人民代表大会"
)
TITLED_REGION_RE = re.compile(r"\d{4}年(?P<region>[^\s\d年]{2,12}?)(?:人民)?政府工作报告")
TITLE_YEAR_RE = re.compile(r"(\d{4})年[^\n]{0,14}政府工作报告")
REVIEW_YEAR_RE = re.compile(r"(\d{4})年[^\n。]{0,8}工作回顾")
MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
SALUTATION_RE = re.compile(r"各位代表[^。\n]{0,8}[::]")
NATIONAL_RE = re.compile(r"代表国务院|国务院总理")
