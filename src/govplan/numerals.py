"""Number grammar: numerals, multipliers, units and qualifiers in running Chinese text.

``find_quantities`` scans a text for measured quantities (1100万人, 不低于60%, 6%-6.5%, 翻一番) and
returns each with its span, its value in the base unit and its comparator. Numbers that are names,
dates, ordinals or codes (十四五, 2023年, 第二批, 5G, “五个优化”) are left out. The lexicon (units,
multipliers, qualifiers) and the trap patterns are data: ``data/units.yaml`` and
``data/number_traps.yaml``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from govplan.data import load, read_fields
from govplan.normalize import fold

__all__ = ["Quantity", "find_quantities", "parse_number", "spec_at"]

Number = float | int

_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_DIGIT_VALUE = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_CN_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}

# A numeral: 百分之/千分之 + numeral, an Arabic number (1200, 1,200, 1.3), or a run of Chinese numeral
# characters with an optional decimal part (三十万, 一千二百, 零点五). Runs on the folded view.
_NUMERAL_RE = re.compile(
    r"(?P<pct>百分之|千分之)?"
    r"(?:(?P<ar>\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<cn>[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?))"
)
# Where a numeral can start: the first characters of _NUMERAL_RE's branches (百分之 and 千分之 start with
# numerals). _NUMERAL_RE opens with an optional group, which leaves the engine no first character to
# skip ahead to: it tried the whole pattern at every place of the text. The scan jumps here first.
_NUMERAL_START_RE = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿]")
_CN_DECIMAL_RE = re.compile(r"(?P<int>[^点]+)点(?P<frac>[零〇一二三四五六七八九]+)(?P<mult>[万亿]*)")
_ARABIC_NUMBER_RE = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<mult>[十百千万亿]*)")
_DOUBLE_RE = re.compile(r"翻(?P<n>[一两二三]?)番")
# A counter's other reading in brackets right after it (幸福河湖10条(段), 科研仪器1万台(套)以上): the
# unit is still the first; a qualifier may follow the bracket.
_ALT_COUNTER_RE = re.compile(r"[(（][个条段家处所座项台套件户人名次间张辆艘只头市县区、]{1,5}[)）]")
_RANGE_SEP_RE = re.compile(r"[-—–~〜至到]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_COMPOUND_RE = re.compile(r"(\d{1,3})(千万|百万|千|百)(?![\d.])")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
# A numbered line of a list or glossary: "7.xxx", "12、xxx" (not "6.77亿元").
_ENUM_LINE_RE = re.compile(r"(?m)^[ \t\u3000]*(\d{1,2})[.、](?!\d)")
_LINE_START_DECIMAL_RE = re.compile(r"(\d{1,2})\.\d")
_CLAUSE_END_RE = re.compile(r"[,;。:!?\n]")
_RESPECTIVELY_RE = re.compile(r"分别")

# What joins the members of a list of quantities (7.5%、8.5%; 2%和3%).
_LIST_SEPARATORS = frozenset({"、", "和", "及", "与"})
_DOUBLE_FACTOR = {"": 2, "一": 2, "两": 4, "二": 4, "三": 8}


@dataclass(frozen=True)
class Quantity:
    """A measured quantity found in text; offsets index the string given to ``find_quantities``."""

    start: int
    end: int
    num_start: int
    num_end: int
    value: Number
    value_max: Number | None
    unit: str
    comparator: str
    raw: str


@dataclass(frozen=True)
class _Grammar:
    units: dict[str, str]
    unit_max_len: int
    generic: frozenset[str]
    needs_multiplier: frozenset[str]
    multipliers: tuple[tuple[str, int], ...]
    prefixes: tuple[tuple[str, str], ...]
    suffixes: tuple[tuple[str, str], ...]
    suffix_units: dict[str, frozenset[str]]
    inner: dict[str, str]
    not_after: dict[str, frozenset[str]]
    before_numeral: tuple[str, ...]
    before_chinese: tuple[str, ...]
    glue_chars: frozenset[str]
    quoted_res: tuple[re.Pattern[str], ...]
    year_verbs: tuple[str, ...]
    year_unit: str
    year_stop: tuple[str, ...]
    rank_prefix: str
    rank_units: frozenset[str]
    class_suffix: str
    threshold_units: frozenset[str]
    threshold_suffixes: frozenset[str]
    threshold_not_before: tuple[str, ...]
    class_counts: dict[str, tuple[str, ...]]
    name_after: dict[str, re.Pattern[str]]
    numeral_words: tuple[str, ...]
    suffix_not_before: dict[str, tuple[str, ...]]
    idiom_one: str
    idiom_one_units: frozenset[str]
    bare_multipliers: frozenset[str]
    rate_only: frozenset[str]
    latin_units: tuple[str, ...]
    magnitude_words: tuple[tuple[str, int], ...]
    magnitude_units: frozenset[str]
    magnitude_not_after: tuple[str, ...]
    fraction_halves: tuple[str, ...]
    spec_re: re.Pattern[str]
    implied_units: tuple[tuple[str, str], ...]
    implied_not_between: tuple[str, ...]
    # Where a qualifier or multiplier can end or start (the hot paths skip their loops over the words
    # everywhere else); derived once, and words are never empty, so a skip changes no answer.
    prefix_lasts: frozenset[str] = field(init=False, repr=False, compare=False)
    suffix_firsts: frozenset[str] = field(init=False, repr=False, compare=False)
    multiplier_firsts: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        assert all(w for w, _ in self.prefixes + self.suffixes) and all(w for w, _ in self.multipliers)
        object.__setattr__(self, "prefix_lasts", frozenset(w[-1] for w, _ in self.prefixes))
        object.__setattr__(self, "suffix_firsts", frozenset(w[0] for w, _ in self.suffixes))
        object.__setattr__(self, "multiplier_firsts", frozenset(w[0] for w, _ in self.multipliers))


def _longest_first(items: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(((str(k), v) for k, v in items.items()), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    """Load the lexicon and trap patterns once; the plain word fields are read from the key of their
    name in either file (``data.read_fields``)."""
    units = load("units.yaml")
    traps = load("number_traps.yaml")
    unit_map = {str(k): str(v) for k, v in units["units"].items()}
    limit = int(traps["quoted_name_max"])
    quoted: list[re.Pattern[str]] = []
    titles = {str(p) for p in traps["title_pairs"]}
    for pair in traps["quote_pairs"]:
        o, c = re.escape(pair[0]), re.escape(pair[1])
        body = f"[^{o}{c}\\n]*" if pair in titles else f"[^{o}{c}\\n]{{1,{limit}}}"
        quoted.append(re.compile(f"{o}{body}{c}"))
    quoted.append(re.compile(f'"[^"\\n]{{1,{limit}}}"'))
    return read_fields(
        _Grammar,
        units | traps,
        units=unit_map,
        unit_max_len=max(len(u) for u in unit_map),
        multipliers=_longest_first({k: int(v) for k, v in units["multipliers"].items()}),
        prefixes=_longest_first(units["prefixes"]),
        suffixes=_longest_first(units["suffixes"]),
        suffix_units={str(k): frozenset(v) for k, v in units["suffix_units"].items()},
        inner={str(k): str(v) for k, v in units["inner"].items()},
        not_after={str(k): frozenset(v or ()) for k, v in units["not_after"].items()},
        quoted_res=tuple(quoted),
        year_verbs=tuple(sorted(traps["year_duration_verbs"], key=len, reverse=True)),
        name_after={str(k): re.compile(str(v)) for k, v in traps["name_after"].items()},
        class_counts={str(k): tuple(map(str, v)) for k, v in traps["class_counts"].items()},
        suffix_not_before={str(k): tuple(v) for k, v in traps["suffix_not_before"].items()},
        latin_units=tuple(sorted(units["latin_units"], key=len, reverse=True)),
        magnitude_words=_longest_first({k: int(v) for k, v in traps["magnitude_words"].items()}),
        spec_re=re.compile(r"\d+(?:\.\d+)?(?:" + "|".join(map(re.escape, traps["spec_units"])) + ")"),
        implied_units=_longest_first(units["implied_units"]),
    )


# ---------------------------------------------------------------- numbers


def _as_number(d: Decimal) -> Number:
    return int(d) if d == d.to_integral_value() else float(d)


def _cn_section(s: str) -> int | None:
    """Value of a Chinese numeral below 10000 (一千零五, 十二, 三百); None if malformed."""
    total, digit, last_unit, zero = 0, None, 10000, False
    for i, ch in enumerate(s):
        if ch in _CN_DIGIT_VALUE:
            d = _CN_DIGIT_VALUE[ch]
            if digit is not None:
                return None  # 三五, 二〇: digits side by side are not a numeral
            if d == 0:
                if i == 0 and len(s) > 1:
                    return None
                zero = True
                continue
            digit = d
        elif ch in _CN_SMALL_UNIT:
            u = _CN_SMALL_UNIT[ch]
            if u >= last_unit:
                return None
            if digit is None:
                if ch != "十" or (i and not zero):
                    return None
                digit = 1
            total += digit * u
            digit, last_unit, zero = None, u, False
        else:
            return None
    if digit is not None:
        # 一千二 is 1200 and 三百五 is 350: a last digit after 百/千 without 零 is the next place.
        total += digit * (last_unit // 10 if 10 < last_unit < 10000 and not zero else 1)
    return total


def _cn_int(s: str) -> int | None:
    """Value of a Chinese integer numeral with 万 and 亿 (一万二千亿, 三十万, 两千零五)."""
    if not s:
        return None
    if "亿" in s:
        hi, lo = s.rsplit("亿", 1)
        h = _cn_int(hi)
        lo = lo.lstrip("零〇")
        low = _cn_below_yi(lo) if lo else 0
        return None if h is None or h == 0 or low is None else h * 10**8 + low
    return _cn_below_yi(s)


def _cn_below_yi(s: str) -> int | None:
    if "万" not in s:
        return _cn_section(s)
    hi, lo = s.split("万", 1)
    h = _cn_section(hi) if hi else None
    if h is None or h == 0 or "万" in lo:
        return None
    if len(lo) == 1 and lo in _CN_DIGIT_VALUE and lo not in "零〇":
        return h * 10000 + _CN_DIGIT_VALUE[lo] * 1000  # 三万五 = 35000
    low = _cn_section(lo.lstrip("零〇")) if lo.strip("零〇") else 0
    return None if low is None else h * 10000 + low


def _cn_value(s: str) -> Decimal | None:
    """Value of a Chinese numeral, decimals included (零点五, 三点五万)."""
    m = _CN_DECIMAL_RE.fullmatch(s)
    if m is None:
        n = _cn_int(s)
        return None if n is None else Decimal(n)
    whole = _cn_section(m["int"])
    if whole is None:
        return None
    frac = "".join(str(_CN_DIGIT_VALUE[ch]) for ch in m["frac"])
    value = Decimal(f"{whole}.{frac}")
    for ch in m["mult"]:
        value *= 10000 if ch == "万" else 10**8
    return value


def _arabic_value(s: str) -> Decimal:
    return Decimal(s.replace(",", ""))


def parse_number(s: str) -> Number | None:
    """Parse an isolated numeral; None if ``s`` is not one number.

    >>> parse_number("1.3万"), parse_number("一千二百"), parse_number("百分之五"), parse_number("３.８万亿")
    (13000, 1200, 5, 3800000000000)
    """
    t = fold(s).strip()
    for head in ("百分之", "千分之"):
        if t.startswith(head) and len(t) > len(head):
            t = t[len(head) :]
            break
    m = _ARABIC_NUMBER_RE.fullmatch(t)
    if m is not None:
        try:
            value = _arabic_value(m["num"])
        except InvalidOperation:
            return None
        rest = m["mult"]
        for word, factor in _grammar().multipliers:
            if rest.startswith(word):
                value *= factor
                rest = rest[len(word) :]
                break
        if rest == "百":
            value, rest = value * 100, ""
        return _as_number(value) if not rest else None
    cn = _cn_value(t)
    # Only numerals with a place word (十百千万亿): 三五 is two digits side by side, not 35.
    if cn is None and t and all(ch in _CN_NUMERAL_CHARS for ch in t) and any(ch in "十百千万亿" for ch in t):
        cn = _cn2an_value(t)  # 十二万三千点零: cn2an reads what the running-text grammar does not
    return None if cn is None else _as_number(cn)


_CN_NUMERAL_CHARS = frozenset("零〇一二两三四五六七八九十百千万亿点")


def _cn2an_value(t: str) -> Decimal | None:
    import cn2an

    try:
        return Decimal(str(cn2an.cn2an(t, "smart")))
    except (ValueError, KeyError, IndexError):
        return None


# ---------------------------------------------------------------- scanning


@dataclass
class _Tail:
    """What follows a numeral: 多/余, a multiplier, a unit."""

    end: int  # end of the unit (or of the numeral when there is no unit)
    factor: int
    inner: str | None
    unit: str | None
    unit_form: str
    addend: int = 0  # the 6千 of 1万6千


_COMPOUND_PARTS = {"千万": 10**7, "百万": 10**6, "千": 1000, "百": 100}


@dataclass
class _Cand:
    start: int
    end: int
    num_start: int
    num_end: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    comparator: str
    prefix: str | None  # comparator set by a leading qualifier
    suffix: str | None  # comparator set by a trailing qualifier (or 多/余)


def _match_unit(f: str, pos: int, g: _Grammar) -> str | None:
    for n in range(min(g.unit_max_len, len(f) - pos), 0, -1):
        form = f[pos : pos + n]
        if form in g.units:
            return form
    return None


def _inner_at(f: str, pos: int, g: _Grammar) -> str | None:
    return f[pos] if pos < len(f) and f[pos] in g.inner else None


def _read_tail(f: str, pos: int, g: _Grammar) -> _Tail:
    """The best reading of 多/余, multiplier and unit after a numeral ending at ``pos``."""
    best = _Tail(pos, 1, None, None, "")
    best_key = (0, 0)
    inner0 = _inner_at(f, pos, g)
    starts = [(pos, None)] + ([(pos + 1, inner0)] if inner0 else [])
    for p0, inn in starts:
        options = [(p0, 1, 0)]
        if p0 < len(f) and f[p0] in g.multiplier_firsts:
            options += [(p0 + len(w), k, 0) for w, k in g.multipliers if f.startswith(w, p0)]
        # 1万6千多户: a lower place after 万 or 亿 adds to the value.
        for p, k, _ in options[1:]:
            if k in (10**4, 10**8) and (cm := _COMPOUND_RE.match(f, p)) and _COMPOUND_PARTS[cm[2]] < k:
                options.append((cm.end(), k, int(cm[1]) * _COMPOUND_PARTS[cm[2]]))
        for p1, factor, addend in options:
            inn1 = inn
            if inn1 is None and factor != 1 and (extra := _inner_at(f, p1, g)):
                inn1, p1 = extra, p1 + 1
            form = _match_unit(f, p1, g)
            if form is None:
                continue
            key = (len(form), p1 - pos)
            if key > best_key:
                best_key = key
                best = _Tail(p1 + len(form), factor, inn1, g.units[form], form, addend)
    if best.unit_form in g.rate_only and not f.startswith("/", best.end):
        best = _Tail(pos, 1, None, None, "")  # 3分 alone is a score; 3分/千瓦时 is a price
    if best.unit is None:
        # No unit: still step over a multiplier, so that 1万-2万人 reads as a range.
        mult = next(((w, k) for w, k in g.multipliers if f.startswith(w, pos)), None)
        return _Tail(pos + len(mult[0]), mult[1], None, None, "") if mult else best
    # 元/吨, 微克/立方米, 人/百亿元: a rate keeps its denominator as written.
    end = best.end
    if end < len(f) and f[end] == "/":
        p = end + 1
        if _match_unit(f, p, g) is None:  # 分/千瓦时: 千瓦时 is a unit, not 千 + 瓦时
            for w, _ in g.multipliers:
                if f.startswith(w, p):
                    p += len(w)
                    break
        if (form := _match_unit(f, p, g)) is not None:
            best.unit = f"{best.unit}/{f[end + 1 : p]}{g.units[form]}"
            best.end = p + len(form)
    return best


def _implied_tail(f: str, start: int, tail: _Tail, g: _Grammar) -> _Tail | None:
    """农村贫困人口减少1000万以上: an amount in 万/亿 with no unit counts the noun before it."""
    if tail.unit is not None or tail.factor not in (10**4, 10**8):
        return None
    lo = start
    while (
        lo > 0
        and start - lo < 12
        and not _CLAUSE_END_RE.match(f[lo - 1])
        and f[lo - 1] != "、"
        and not f[lo - 1].isdigit()
    ):
        lo -= 1
    head = f[lo:start]
    best: tuple[int, str] | None = None
    for word, unit in g.implied_units:
        at = head.rfind(word)
        if at >= 0 and (best is None or at + len(word) > best[0]):
            best = (at + len(word), unit)
    between = head[best[0] :] if best else ""
    if best is None or between.endswith(("由", "从")) or any(w in between for w in g.implied_not_between):
        return None  # 由8300万增加到…: a start, read with its target or not at all
    end = tail.end + 1 if f.startswith(("多", "余"), tail.end) else tail.end
    inner = f[tail.end] if end > tail.end else None
    return _Tail(end, tail.factor, inner, best[1], "")


def _year_tail(f: str, ns: int, ne: int, digits: str, g: _Grammar) -> _Tail | None:
    """年 as a duration (再延长30年); None for years, periods and plans."""
    if not f.startswith(g.year_unit, ne) or (len(digits) == 4 and digits.isdigit()):
        return None
    before = f[max(0, ns - 6) : ns]
    if before.endswith(("至", "到")):
        before = before[:-1]
    if not before.endswith(g.year_verbs):
        return None
    after = ne + len(g.year_unit)
    if f.startswith(g.year_stop, after):
        return None
    return _Tail(after, 1, None, g.year_unit, g.year_unit)


def _quoted_spans(f: str, g: _Grammar) -> tuple[list[int], list[int]]:
    """Merged inner spans of short quoted names and of titles, as parallel start/end lists."""
    spans = sorted(m.span() for rx in g.quoted_res for m in rx.finditer(f))
    starts: list[int] = []
    ends: list[int] = []
    for s, e in spans:
        if ends and s < ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _inside(quoted: tuple[list[int], list[int]], pos: int) -> bool:
    starts, ends = quoted
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]


def _glued(ch: str, g: _Grammar) -> bool:
    return bool(_LATIN_RE.fullmatch(ch)) or ch in g.glue_chars or ch == "\ufffd"


def _glued_before(before: str, g: _Grammar) -> bool:
    """A Latin letter or a glue character just before, a space allowed between (PM 2.5, M 2)."""
    stripped = before.rstrip(" ")
    if not stripped:
        return False
    ch = stripped[-1]
    return _glued(ch, g) if ch == before[-1] else bool(_LATIN_RE.fullmatch(ch))


@dataclass
class _Numeral:
    start: int  # of 百分之 when present
    end: int
    value: Decimal
    tail: _Tail
    chinese: bool
    generic_ok: bool  # False for 一 + unit and for a small Chinese numeral + bare classifier (三个)
    magnitude: bool = False  # a bare 万/千亿/百万 with no digit before it


def _latin_unit_at(f: str, pos: int, g: _Grammar) -> bool:
    """8400P: a Latin unit right after the digits, not the start of a longer code."""
    for u in g.latin_units:
        if f.startswith(u, pos):
            after = pos + len(u)
            return after >= len(f) or not _LATIN_RE.match(f[after])
    return False


def _read_magnitude(f: str, ns: int, run: str, g: _Grammar) -> _Numeral | None:
    """突破万亿元, 百万吨以上: a magnitude word as the number (qualifiers are checked by the caller)."""
    if f.endswith(g.magnitude_not_after, 0, ns):
        return None
    for w, factor in g.magnitude_words:
        if run.startswith(w):
            ne = ns + len(w)
            tail = _read_tail(f, ne, g)
            if tail.unit is None or tail.factor != 1:
                return None
            value = Decimal(factor)
            return _Numeral(ns, ne, value, tail, True, True, magnitude=True)
    return None


def _read_numeral(f: str, m: re.Match[str], g: _Grammar) -> _Numeral | None:
    """Value and tail of the numeral matched by ``m``; None when it is no number or has a trap."""
    ns = m.start()
    core = m.start("ar") if m["ar"] else m.start("cn")
    before = f[max(0, core - 4) : core]
    if _glued_before(before, g):
        return None
    if before.endswith(g.before_numeral):
        return None
    if m["pct"]:
        digits = m["ar"] or m["cn"]
        value = _arabic_value(digits) if m["ar"] else (Decimal(100) if digits == "百" else _cn_value(digits))
        if value is None:
            return None
        unit = "%" if m["pct"] == "百分之" else "‰"
        return _Numeral(ns, m.end(), value, _Tail(m.end(), 1, None, unit, unit), m["cn"] is not None, True)
    if m["ar"]:
        ne = m.end()
        if ne < len(f) and (_glued(f[ne], g) or f[ne] == ".") and not _latin_unit_at(f, ne, g):
            return None
        if before.endswith("[") and f.startswith("]", ne):
            return None  # footnote marker
        tail = _year_tail(f, ns, ne, m["ar"], g) or _read_tail(f, ne, g)
        return _Numeral(ns, ne, _arabic_value(m["ar"]), tail, False, True)
    run = m["cn"]
    if before.endswith(g.before_chinese):
        return None
    if run[0] in g.bare_multipliers:
        return _read_magnitude(f, ns, run, g)
    best: tuple[tuple[int, int], int, Decimal, _Tail] | None = None
    for cut in range(len(run), 0, -1):
        value = _cn_value(run[:cut])
        if value is None:
            continue
        ne = ns + cut
        if ne < len(f) and _glued(f[ne], g):
            continue
        tail = _year_tail(f, ns, ne, run[:cut], g) or _read_tail(f, ne, g)
        key = (len(tail.unit_form), cut)
        if best is None or key > best[0]:
            best = (key, ne, value, tail)
    if best is None:
        return None
    _, ne, value, tail = best
    text = run[: ne - ns]
    # 一批, 一个 are idioms; 三个关键词, 五项原则 summarise a list. Both are fine inside a range.
    idiom = text == g.idiom_one and tail.unit not in g.idiom_one_units
    generic_ok = not idiom and not (tail.unit_form in g.generic and value < 100)
    return _Numeral(ns, ne, value, tail, True, generic_ok)


def _prefix(f: str, start: int, g: _Grammar) -> tuple[int, str] | None:
    if start <= 0 or f[start - 1] not in g.prefix_lasts:
        return None
    for word, cmp in g.prefixes:
        if f.endswith(word, 0, start):
            p = start - len(word)
            if len(word) == 1 and p > 0 and f[p - 1] in g.not_after.get(word, frozenset()):
                continue
            return p, str(cmp)
    return None


def _suffix(f: str, end: int, unit: str, g: _Grammar) -> tuple[int, str] | None:
    if end >= len(f) or f[end] not in g.suffix_firsts:
        return None
    for word, cmp in g.suffixes:
        if f.startswith(word, end):
            if word in g.suffix_units and unit not in g.suffix_units[word]:
                continue
            after = end + len(word)
            if f.startswith(g.suffix_not_before.get(word, ()), after):
                continue
            return after, str(cmp)
    return None


def _unit_ok(f: str, num: _Numeral, g: _Grammar, in_range: bool) -> bool:
    """Traps that depend on the unit and what follows it."""
    tail = num.tail
    if tail.unit is None:
        return False
    form = tail.unit_form
    if form in g.needs_multiplier and tail.factor == 1 and num.value < 10000:
        return False
    if not in_range and not num.generic_ok:
        return False
    if form in g.rank_units and f.endswith(g.rank_prefix, 0, num.start):
        return False
    end = tail.end
    if f.startswith(g.class_suffix, end):
        return False  # 30万吨级航道
    rx = g.name_after.get(form)
    if rx is not None and rx.match(f, end):
        return False
    if end < len(f):
        nxt = f[end]
        if nxt.isascii() and nxt.isdigit():
            # “3个100”, 5个1000 are names; 388户771人 is two quantities.
            m = _NUMERAL_RE.match(f, end)
            nxt_num = _read_numeral(f, m, g) if m is not None else None
            if (nxt_num is None or nxt_num.tail.unit is None) and not g.spec_re.match(f, end):
                return False
        if num.chinese and nxt in _CN_DIGITS + "十" and not f.startswith(g.numeral_words, end):
            return False  # 六个一, 五位一体
    return True


def spec_at(text: str, pos: int) -> int:
    """End of a specification (750千伏, 35万千瓦) starting at ``pos`` on the folded text, else 0."""
    m = _grammar().spec_re.match(text, pos)
    return m.end() if m else 0


def _cn_magnitude(run: str, used: int) -> int:
    """The place value a Chinese range end carries (三万 -> 10000), so 两到三万人 starts at 20000."""
    text = run[:used]
    k = 1
    while text and text[-1] in "万亿":
        k *= 10000 if text[-1] == "万" else 10**8
        text = text[:-1]
    return k if text and k > 1 else 1


def _magnitude_ok(
    f: str, tail: _Tail, pre: tuple[int, str] | None, suf: tuple[int, str] | None, g: _Grammar
) -> bool:
    """A bare magnitude counts with a unit of bulk (千万吨原油) or a qualifier, and not when it heads a
    noun (超亿元项目, 千亿级产业 name a class of things)."""
    if tail.unit_form in g.magnitude_units:
        return True
    if pre is None and suf is None:
        return False
    end = suf[0] if suf else tail.end
    return end >= len(f) or _CJK_RE.match(f, end) is None


def _is_threshold(f: str, unit: str, suffix_start: int, suffix_end: int, g: _Grammar) -> bool:
    """10亿元以上重大产业项目, 65岁以上老年人: a bound that names a category of things."""
    if f[suffix_start:suffix_end] not in g.threshold_suffixes:
        return False
    nxt = suffix_end + 1 if f.startswith("的", suffix_end) else suffix_end
    if unit in g.class_counts and f.startswith(g.class_counts[unit], nxt):
        return True  # 30户以上自然村: a count that sizes the places named after it
    if unit not in g.threshold_units:
        return False
    return (
        nxt < len(f) and _CJK_RE.match(f, nxt) is not None and not f.startswith(g.threshold_not_before, nxt)
    )


def _is_enumerator(f: str, m: re.Match[str]) -> bool:
    """Is the "8." of "8.8个" at a line start the number of a list item (a "7." line comes before)?"""
    start = m.start("ar")
    dm = _LINE_START_DECIMAL_RE.match(f, start)
    if dm is None or f[f.rfind("\n", 0, start) + 1 : start].strip(" \t\u3000"):
        return False
    k = int(dm[1])
    # The item just before may itself start with a number ("8.8个" before "9.6个"): look 3 back.
    previous = {str(k - d) for d in (1, 2, 3)}
    return any(e[1] in previous for e in _ENUM_LINE_RE.finditer(f, max(0, start - 3000), start))


def _scan(f: str, g: _Grammar) -> list[_Cand]:
    quoted = _quoted_spans(f, g) if any(q in f for q in '“‘「『《〈"') else ([], [])
    out: list[_Cand] = []
    pos = 0
    n = len(f)
    while pos < n:
        jump = _NUMERAL_START_RE.search(f, pos)
        if jump is None:
            break
        m = _NUMERAL_RE.search(f, jump.start())
        if m is None:
            break
        pos = m.end()
        if _inside(quoted, m.start()):
            continue
        if m["ar"] and _is_enumerator(f, m):
            pos = m.start("ar") + m["ar"].index(".") + 1  # "8.8个" after "7.": item 8, then 8个
            continue
        num = _read_numeral(f, m, g)
        if num is None:
            continue
        value_max: Decimal | None = None
        tail = num.tail
        core_end = tail.end
        ranged = False
        # A range: 6%-6.5%, 1—2项, 5%到6%, 1-2万人.
        if core_end < n and _RANGE_SEP_RE.match(f, core_end):
            m2 = _NUMERAL_RE.match(f, core_end + 1)
            if m2 is not None and not _inside(quoted, m2.start()):
                num2 = _read_numeral(f, m2, g)
                if num2 is not None and _unit_ok(f, num2, g, in_range=True):
                    t2 = num2.tail
                    lo = num.value * tail.factor + tail.addend
                    if tail.unit is None and tail.factor == 1:
                        lo = num.value * t2.factor * _cn_magnitude(m2["cn"] or "", num2.end - num2.start)
                    hi = num2.value * t2.factor + t2.addend
                    if (tail.unit is None or tail.unit == t2.unit) and lo < hi:
                        ranged, value_max = True, hi
                        num = _Numeral(num.start, num.end, lo, t2, num.chinese, True)
                        tail, core_end = t2, t2.end
        implied = _implied_tail(f, num.start, tail, g) if not ranged else None
        if implied is not None:
            num = _Numeral(num.start, num.end, num.value, implied, num.chinese, True)
            tail, core_end = implied, implied.end
        if not ranged and not _unit_ok(f, num, g, in_range=False):
            continue
        assert tail.unit is not None
        value = num.value if ranged else num.value * tail.factor + tail.addend
        if alt := _ALT_COUNTER_RE.match(f, core_end):
            core_end = alt.end()  # 科研仪器1万台(套)以上: the counter's other reading belongs to it
        pre = _prefix(f, num.start, g)
        suf = _suffix(f, core_end, tail.unit, g)
        if suf and _is_threshold(f, tail.unit, core_end, suf[0], g):
            continue
        if implied and suf and f[core_end : suf[0]] in g.threshold_suffixes and f.startswith("的", suf[0]):
            continue  # 人口20万以上的县: a class of counties
        if num.magnitude and not ranged and not _magnitude_ok(f, tail, pre, suf, g):
            continue
        start = pre[0] if pre else num.start
        end = suf[0] if suf else core_end
        inner_cmp = g.inner[tail.inner] if tail.inner else None
        suffix_cmp = suf[1] if suf else inner_cmp
        prefix_cmp = pre[1] if pre else None
        if ranged:
            comparator = "range"
        else:
            comparator = suffix_cmp or prefix_cmp or "="
        out.append(
            _Cand(
                start,
                end,
                num.start,
                core_end,
                value,
                value_max,
                tail.unit,
                comparator,
                prefix_cmp,
                suffix_cmp,
            )
        )
        pos = end
    return out


def _doubles(f: str, g: _Grammar) -> list[_Cand]:
    quoted = _quoted_spans(f, g)
    out = []
    for m in _DOUBLE_RE.finditer(f):
        if _inside(quoted, m.start()):
            continue  # 两个“翻一番”: the name of a goal
        factor = Decimal(_DOUBLE_FACTOR[m["n"]])
        out.append(_Cand(m.start(), m.end(), m.start(), m.end(), factor, None, "倍", "double", None, None))
    return out


_FRACTION_RE = re.compile(
    r"(?<![百千])(?P<den>\d+|[一二两三四五六七八九十]+)分之(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十]+)"
)


def _fractions(f: str, g: _Grammar) -> list[_Cand]:
    """三分之一以上 -> 33.3333333333 %, 一半 -> 50 % (GUIDELINES: fractions are percentages)."""
    quoted = _quoted_spans(f, g)
    found: list[tuple[int, int, Decimal]] = []
    for m in _FRACTION_RE.finditer(f):
        den = parse_number(m["den"])
        num = parse_number(m["num"])
        if den and num is not None and 0 < num <= den:
            found.append((m.start(), m.end(), Decimal(num) * 100 / Decimal(den)))
    for word in g.fraction_halves:
        for m in re.finditer(re.escape(word), f):
            found.append((m.start(), m.end(), Decimal(50)))
    out = []
    for s, e, value in found:
        if _inside(quoted, s) or f.endswith(g.before_numeral, 0, s):
            continue
        pre = _prefix(f, s, g)
        suf = _suffix(f, e, "%", g)
        cmp_ = (suf[1] if suf else None) or (pre[1] if pre else None) or "="
        value = value.quantize(Decimal("1.0000000000")).normalize()
        out.append(
            _Cand(
                pre[0] if pre else s,
                suf[0] if suf else e,
                s,
                e,
                value,
                None,
                "%",
                cmp_,
                pre[1] if pre else None,
                suf[1] if suf else None,
            )
        )
    return out


_BARE_LIST_NUMBER_RE = re.compile(r"(?<![\d.A-Za-z])(\d+(?:\.\d+)?)([、和])$")
_SHARED_UNITS = ("%", "百分点")


def _share_list_units(f: str, cands: list[_Cand], g: _Grammar) -> list[_Cand]:
    """分别提高20.9、36.2、54个百分点: the unit of the last number of a list is the unit of all.

    Only for shares (% and 百分点), where a number without a unit cannot be anything else; a
    list like 12.7个、12个百分点 reads its first 个 as the 个百分点 that follows.
    """
    out: list[_Cand] = []
    for i, c in enumerate(cands):
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if (
            c.unit == "个"
            and nxt is not None
            and nxt.unit == "百分点"
            and f[c.end : nxt.start] in _LIST_SEPARATORS
            and f.startswith("个", c.num_end - 1)
        ):
            c.unit = "百分点"
        if c.unit in _SHARED_UNITS and c.value_max is None and c.prefix is None:
            extra: list[_Cand] = []
            pos = c.num_start
            while (m := _BARE_LIST_NUMBER_RE.search(f, max(0, pos - 16), pos)) and not (
                out and out[-1].end > m.start()
            ):
                value = _arabic_value(m[1])
                if value > 1000 or f.endswith(g.before_numeral, 0, m.start()):
                    break  # 第3、5%; 2023、2024 are no shares
                extra.append(
                    _Cand(
                        m.start(),
                        m.start(1) + len(m[1]),
                        m.start(),
                        m.end(1),
                        value,
                        None,
                        c.unit,
                        "=",
                        None,
                        None,
                    )
                )
                pos = m.start()
            out.extend(reversed(extra))
        out.append(c)
    return out


def _spread_list_qualifiers(f: str, cands: list[_Cand]) -> None:
    """不低于60%、55%: a leading qualifier covers the list; 分别增长7.5%、8.5%以上: so does a trailing one."""
    i = 0
    while i < len(cands):
        j = i
        while j + 1 < len(cands) and f[cands[j].end : cands[j + 1].start] in _LIST_SEPARATORS:
            j += 1
        if j > i:
            group = cands[i : j + 1]
            bare = [c for c in group if c.prefix is None and c.suffix is None and c.comparator == "="]
            head, last = group[0], group[-1]
            if head.prefix is not None and head.suffix is None:
                for c in bare:
                    c.comparator = head.prefix
            elif last.suffix is not None:
                clause_start = 0
                for mm in _CLAUSE_END_RE.finditer(f, max(0, head.start - 40), head.start):
                    clause_start = mm.end()
                if _RESPECTIVELY_RE.search(f, clause_start, head.start):
                    for c in bare:
                        c.comparator = last.suffix
        i = j + 1


def find_quantities(text: str, *, folded: bool = False) -> list[Quantity]:
    """Every measured quantity in running text, in document order, traps excluded; ``folded`` says
    ``text`` is already a folded view (a report's view: folding it again changes nothing).

    >>> [(q.value, q.unit, q.comparator) for q in find_quantities("城镇新增就业1200万人左右")]
    [(12000000, '人', '~')]
    """
    g = _grammar()
    f = text if folded else fold(text)
    cands = _scan(f, g)
    if "番" in f:
        cands = sorted(cands + _doubles(f, g), key=lambda c: (c.start, c.end))
    if "分之" in f or any(w in f for w in g.fraction_halves):
        taken = [(c.start, c.end) for c in cands]
        extra = [c for c in _fractions(f, g) if not any(s < c.end and c.start < e for s, e in taken)]
        cands = sorted(cands + extra, key=lambda c: (c.start, c.end))
    cands = _share_list_units(f, cands, g)
    _spread_list_qualifiers(f, cands)
    return [
        Quantity(
            start=c.start,
            end=c.end,
            num_start=c.num_start,
            num_end=c.num_end,
            value=_as_number(c.value),
            value_max=None if c.value_max is None else _as_number(c.value_max),
            unit=c.unit,
            comparator=c.comparator,
            raw=text[c.start : c.end],
        )
        for c in cands
    ]
