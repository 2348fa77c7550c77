"""Quantities the number grammar reads beyond digits and units: magnitudes, fractions, Chinese ranges,
vague amounts and the units reports use. Excerpts are from real reports (named)."""

from __future__ import annotations

import pytest

from govplan.numerals import find_quantities, parse_number


def _read(text: str) -> list[tuple[str, float | int, float | int | None, str, str]]:
    return [(q.raw, q.value, q.value_max, q.unit, q.comparator) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # guangdong-2025: a bare magnitude with a qualifier
        ("进出口总额突破万亿元、增速居全国第5位", [("突破万亿元", 10**12, None, "元", ">")]),
        # beijing-2025
        (
            "8支市级高精尖产业基金带动社会投资超千亿元。",
            [("8支", 8, None, "支", "="), ("超千亿元", 10**11, None, "元", ">")],
        ),
        ("带动投资近百亿元，", [("近百亿元", 10**10, None, "元", "~")]),
        ("新增产能百万吨以上。", [("百万吨以上", 10**6, None, "吨", ">=")]),
        # shaanxi-2026: a unit of bulk needs no qualifier
        ("促进延长石油千万吨原油稳产", [("千万吨", 10**7, None, "吨", "=")]),
    ],
)
def test_bare_magnitudes(text: str, expected: list[tuple[str, float, float | None, str, str]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新签约超亿元项目50个以上", ["50个以上"]),  # 超亿元 names a class of projects
        ("千方百计推动农业增效益", []),  # an idiom
        ("走进千家万户", []),
        ("每万人口高价值发明专利拥有量", []),  # the base of a rate
        ("投入数十亿元", []),  # vague
        ("建成几百个站点", []),  # vague
        ("成千上万的群众", []),
    ],
)
def test_magnitudes_that_are_not_amounts(text: str, expected: list[str]) -> None:
    assert [q.raw for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "raw", "value", "comparator"),
    [
        ("企业开办时间缩短三分之一以上。", "三分之一以上", 33.3333333333, ">="),  # national-2017
        ("工业生产许可证种类压减三分之一以上。", "三分之一以上", 33.3333333333, ">="),  # national-2018
        ("覆盖超过一半的行政村", "超过一半", 50, ">"),
    ],
)
def test_fractions_are_percentages(text: str, raw: str, value: float, comparator: str) -> None:
    (q,) = find_quantities(text)
    assert (q.raw, q.value, q.unit, q.comparator) == (raw, value, "%", comparator)


def test_a_chinese_range_carries_the_place_of_its_end() -> None:
    assert _read("每年吸纳两到三万人就业") == [("两到三万人", 20000, 30000, "人", "range")]


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit"),
    [
        ("中欧班列（成渝）年开行量保持在4800列以上", "4800列以上", 4800, "列"),  # chongqing-2026
        ("国际友城达到67对。", "67对", 67, "对"),  # shanxi-2026
        ("算力总规模突破4万P", "突破4万P", 40000, "P"),  # qinghai-2026
        ("智能算力达到8400P", "8400P", 8400, "P"),
        ("新增天然气产量10亿方以上", "10亿方以上", 10**9, "方"),  # shaanxi-2026
        ("重庆经西部陆海新通道货运量达到50万标箱", "50万标箱", 500000, "标准箱"),  # chongqing-2026
        ("飞行规模达2061万架次。", "2061万架次", 20610000, "架次"),  # guangdong-2026
        ("10.73万艘乡镇船舶全面纳管", "10.73万艘", 107300, "艘"),
        ("一般工商业电价降低3分/千瓦时", "3分/千瓦时", 3, "分/千瓦时"),
        ("开设20门课程", "20门", 20, "门"),
    ],
)
def test_units_reports_use(text: str, raw: str, value: float, unit: str) -> None:
    found = [q for q in find_quantities(text) if q.raw == raw]
    assert [(q.value, q.unit) for q in found] == [(value, unit)]


@pytest.mark.parametrize(
    "text",
    ["对口帮扶", "列入计划", "门诊量", "方案", "八方面工作", "比赛得了3分", "1对1帮扶"],
)
def test_unit_words_that_start_other_words(text: str) -> None:
    assert find_quantities(text) == []


def test_a_ratio_is_not_read() -> None:
    # README: ratios (收窄至2:1以内) are left out; the gold guidelines make them optional.
    assert find_quantities("城乡居民收入比收窄至2:1以内") == []


@pytest.mark.parametrize(
    ("text", "value"), [("十二万三千点零", 123000), ("一千二百", 1200), ("三点五万", 35000)]
)
def test_parse_number_reads_isolated_numerals(text: str, value: int) -> None:
    assert parse_number(text) == value


def test_a_share_list_takes_the_unit_of_its_last_number() -> None:
    # yunnan-2026
    text = "卫生户厕覆盖率、污水治理（管控）率、生活垃圾处理设施覆盖率分别提高20.9、36.2、54个百分点。"
    assert [(q.value, q.unit) for q in find_quantities(text)] == [
        (20.9, "百分点"),
        (36.2, "百分点"),
        (54, "百分点"),
    ]
    # 12.7个、12个百分点: the first 个 is the 个百分点 that follows
    assert [(q.value, q.unit) for q in find_quantities("分别提高12.7个、12个百分点")] == [
        (12.7, "百分点"),
        (12, "百分点"),
    ]
    # an ordinal is no share
    assert [q.raw for q in find_quantities("第3、5%")] == ["5%"]
