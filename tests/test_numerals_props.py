"""Property tests of the number grammar: rendered numbers parse back, scanning never breaks spans."""

from __future__ import annotations

import cn2an
from hypothesis import given
from hypothesis import strategies as st

from govplan.numerals import find_quantities, parse_number

_DIGITS = "零一二三四五六七八九"


def _section(n: int, leading: bool) -> str:
    """Chinese numeral for 0 < n < 10000 as reports write it: 一千零五, 三百二十, 十二 (leading)."""
    out, gap = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            out += ("零" if gap and out else "") + _DIGITS[d] + name
            gap = False
        else:
            gap = True
    return out[1:] if leading and out.startswith("一十") else out


def render_chinese(n: int) -> str:
    """Our own renderer, independent of cn2an: 1200 -> 一千二百, 30005 -> 三万零五, 10 -> 十."""
    if n == 0:
        return "零"
    yi, rest = divmod(n, 10**8)
    wan, low = divmod(rest, 10**4)
    out = render_chinese(yi) + "亿" if yi else ""
    if wan:
        out += ("零" if yi and wan < 1000 else "") + _section(wan, leading=not out) + "万"
    if low:
        out += ("零" if out and (low < 1000 or not wan) else "") + _section(low, leading=not out)
    return out


counts = st.integers(min_value=0, max_value=10**12)
CJK = (
    "的一是在了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"
    + "0123456789.,%％万亿千百—-～~、“”《》+"
)


@given(counts)
def test_arabic_round_trip(n: int) -> None:
    assert parse_number(f"{n}") == n
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=99))
def test_wan_round_trip(whole: int, hundredths: int) -> None:
    assert parse_number(f"{whole}万") == whole * 10000
    assert parse_number(f"{whole}.{hundredths:02d}万") == whole * 10000 + hundredths * 100


@given(st.integers(min_value=1, max_value=10**8).map(lambda k: k * 10000))
def test_n_over_ten_thousand_wan(n: int) -> None:
    assert parse_number(f"{n // 10000}万") == n


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(["万", "亿", "万亿"]))
def test_multiplier_round_trip(n: int, word: str) -> None:
    factor = {"万": 10**4, "亿": 10**8, "万亿": 10**12}[word]
    assert parse_number(f"{n}{word}") == n * factor


@given(counts)
def test_chinese_round_trip_own_renderer(n: int) -> None:
    assert parse_number(render_chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**12))
def test_chinese_round_trip_cn2an(n: int) -> None:
    assert parse_number(cn2an.an2cn(n)) == n


@given(counts)
def test_full_width_round_trip(n: int) -> None:
    full = "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    assert parse_number(full) == n


@given(st.integers(min_value=0, max_value=10**9))
def test_count_in_text(n: int) -> None:
    (q,) = find_quantities(f"{n}个")
    assert (q.value, q.unit, q.comparator, q.raw) == (n, "个", "=", f"{n}个")


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["以上", "左右", "以内", ""]))
def test_quantity_in_sentence(n: int, qualifier: str) -> None:
    text = f"新建高标准农田{n}万亩{qualifier}，确保完成。"
    (q,) = find_quantities(text)
    assert q.value == n * 10000 and q.unit == "亩"
    assert q.raw == f"{n}万亩{qualifier}"
    assert q.comparator == {"以上": ">=", "左右": "~", "以内": "<=", "": "="}[qualifier]


@given(st.text(alphabet=CJK, max_size=200))
def test_scan_never_raises_and_spans_slice_back(text: str) -> None:
    qs = find_quantities(text)
    last = -1
    for q in qs:
        assert q.raw == text[q.start : q.end]
        assert 0 <= q.start <= q.num_start < q.num_end <= q.end <= len(text)
        assert q.start >= last
        last = q.start
        assert isinstance(q.value, (int, float))


@given(st.text(max_size=120))
def test_scan_survives_any_unicode(text: str) -> None:
    for q in find_quantities(text):
        assert q.raw == text[q.start : q.end]


@given(st.text(alphabet="百分之千一二十万亿点五0123456789٣,.x元%", max_size=30), st.integers(0, 30))
def test_a_numeral_starts_only_where_the_scan_jumps(text: str, pos: int) -> None:
    # _scan jumps to the next possible first character before searching: the same match as a search.
    from govplan.numerals import _NUMERAL_RE, _NUMERAL_START_RE

    m = _NUMERAL_RE.search(text, pos)
    jump = _NUMERAL_START_RE.search(text, pos)
    assert (m is None) == (jump is None)
    if m is not None and jump is not None:
        assert m.start() == jump.start()
        assert _NUMERAL_RE.search(text, jump.start()).span() == m.span()  # type: ignore[union-attr]
