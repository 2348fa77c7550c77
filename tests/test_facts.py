"""Document facts (region, year, level) from the title, the session line, the signature, the file name."""

from __future__ import annotations

import pytest

from govplan import parse_text

# Opening lines of real reports (易县 2021 and 2022, 安国 2022, 保定 2021), public text.
YIXIAN_2021 = """政府工作报告
2021年2月5日在易县十七届人民代表大会第六次会议上
易县人民政府县长　 张锐
各位代表：
下面，我代表县政府向大会做工作报告，请予审议。
一、“十三五”时期工作回顾
"""
YIXIAN_2022 = """政府工作报告
易县人民政府县长　 杨大伟
各位代表：
现在，我代表易县人民政府向大会报告工作，请予审议，并请各位政协委员和列席人员提出意见。
一、2021年工作回顾
刚刚过去的2021年，是易县发展进程中极不平凡的一年。
"""
ANGUO_2022 = """政 府 工 作 报 告
——2022年1月27日在安国市第八届人民代表大会第二次会议上
安国市人民政府市长　 梁忠林
各位代表：
现在，我代表安国市人民政府向大会作工作报告，请予审议，并请市政协委员和其他列席同志提出意见。
一、2021年经济工作回顾
全年地区生产总值完成122.2亿元，同比增长7.8%。
"""
BAODING_2021 = """――2021年1月31日在保定市第十五届人民代表大会第六次会议上
保定市人民政府市长 郭建英
各位代表：
现在，我代表市人民政府向大会作工作报告，请予审议。
一、“十三五”时期和2020年工作回顾
每个县（市、区）对接一家央企或京企。
"""


@pytest.mark.parametrize(
    ("text", "name", "facts"),
    [
        (YIXIAN_2021, "r.txt", ("易县", 2021, "county")),  # a session line without 第
        (YIXIAN_2022, "r.txt", ("易县", 2022, "county")),  # the signature; the year from 2021年工作回顾
        (ANGUO_2022, "r.txt", ("安国市", 2022, "county")),  # a county-level city names no counties under it
        (BAODING_2021, "r.txt", ("保定市", 2021, "city")),  # a prefecture city speaks of its 县（市、区）
    ],
)
def test_region_year_level(text: str, name: str, facts: tuple[str, int, str]) -> None:
    doc = parse_text(text, name=name).document
    assert (doc.region, doc.year, doc.level) == facts
    assert not [w for w in parse_text(text, name=name).warnings if w.code == "document-facts"]


def test_file_name_gives_the_year_last_and_a_warning_names_the_rest() -> None:
    text = "各位代表：\n一、今年工作安排\n办好人民满意教育。新建学校3所，增加学位2000个。\n"
    plan = parse_text(text, name="dongxing-2023-excerpt.txt")
    assert plan.document.year == 2023
    assert [(w.code, w.message) for w in plan.warnings if w.code == "document-facts"] == [
        (
            "document-facts",
            "region, level not found (no title, session line, signature or file name gives them)",
        )
    ]
    assert parse_text(text, name="x.txt").document.year is None
