"""Numeric commitments: the quantities of a report with what they measure and how firmly.

``numerals.find_quantities`` finds the numbers; this stage gives each one its metric (the noun
phrase measured, bounded by clause punctuation and jieba's word edges), its kind, its stance, its
status (planned in the plan part, achieved in the review part) and its section and topic.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import regex as re
import yaml

from govplan.ids import IdRegistry, digest
from govplan.models import Commitment
from govplan.segment import Layout

# A clause ends at these (on the folded view); the metric never crosses one.
CLAUSE_BREAK_RE = re.compile(r"[,;:。!?\n()“”\"]|以及|并且")
# The noun after a unit ends at punctuation, a list mark or the next number.
NOUN_END_RE = re.compile(r"[,;:。!?\n、\d]")
LIST_ITEM_BREAK_RE = re.compile(r"(?<=[\d%亩吨株个项家处条座公里米元人次户套所])、")
TRAILING_JUNK_RE = re.compile(r"[\s、和及与等的]+$")
LEADING_JUNK_RE = re.compile(r"^[\s、和及与并且把将对在使让向从以]+")
NOUN_TAGS = frozenset(
    {"n", "nr", "ns", "nt", "nz", "vn", "an", "ng", "nrt", "j", "l", "eng", "x", "m", "q", "b", "f"}
)


@dataclass(frozen=True)
class Lexicon:
    stances: tuple[str, ...]
    lead_words: tuple[str, ...]
    linking_words: tuple[str, ...]
    action_verbs: frozenset[str]
    kinds: tuple[tuple[str, tuple[str, ...]], ...]
    count_units: frozenset[str]


def by_len(words: list[str]) -> tuple[str, ...]:
    """Longest first, ties by the words themselves (set order changes with every process)."""
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The commitment vocabulary of ``data/commitments.yaml``."""
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("govplan.data").joinpath("commitments.yaml").read_text(encoding="utf-8")
    )
    return Lexicon(
        stances=by_len(raw["stances"]),
        lead_words=by_len(raw["lead_words"]),
        linking_words=by_len(raw["linking_words"]),
        action_verbs=frozenset(raw["action_verbs"]),
        kinds=tuple((k, tuple(v)) for k, v in raw["kinds"].items()),
        count_units=frozenset(raw["count_units"]),
    )


def extract_commitments(layout: Layout) -> list[Commitment]:
    """Every quantified statement in the report body, in document order."""
    from govplan.numerals import find_quantities

    lex = lexicon()
    text, view = layout.text, layout.view
    ids = IdRegistry()
    out: list[Commitment] = []
    previous: tuple[int, str | None, int, int] | None = None  # (end, metric, metric span) of the last one
    for q in find_quantities(view[: layout.body_end]):
        part = layout.part_at(q.start)
        if part == "other" and q.start < layout.preamble_end:
            continue  # title, dateline and opening words: no promises there
        metric, m_span = _metric(layout, q.start, q.end, q.unit, previous, lex)
        start = min(q.start, m_span[0]) if metric else q.start
        end = max(q.end, m_span[1]) if metric else q.end
        stance = _stance(view, q.start, lex)
        section = layout.section_at(q.start)
        topic = layout.topic_at(q.start)
        section_id = section.id if section else None
        unit = q.unit
        out.append(
            Commitment(
                id=ids.take(f"c-{digest(section_id or '', metric or '', text[q.start : q.end])}"),
                text=text[start:end],
                span=(start, end),
                line=layout.line_at(start),
                metric=metric,
                value=q.value,
                value_max=q.value_max,
                unit=unit,
                comparator=q.comparator,
                raw=text[q.start : q.end],
                kind=_kind(metric or "", unit, q.comparator, lex),
                status="achieved" if part == "review" else "planned",
                stance=stance,
                section=section_id,
                topic=topic.id if topic else None,
            )
        )
        previous = (q.end, metric, m_span[0], m_span[1])
    return out


def _clause_start(view: str, pos: int, floor: int) -> int:
    """Start of the clause that holds ``pos``: after the last clause break before it."""
    best = floor
    for m in CLAUSE_BREAK_RE.finditer(view, max(floor, pos - 80), pos):
        best = m.end()
    return best


def _clause_end(view: str, pos: int) -> int:
    m = CLAUSE_BREAK_RE.search(view, pos, min(len(view), pos + 60))
    return m.start() if m else min(len(view), pos + 60)


def _strip_front(s: str, start: int, lex: Lexicon) -> tuple[str, int]:
    changed = True
    while changed and s:
        changed = False
        m = LEADING_JUNK_RE.match(s)
        if m and m.end():
            s, start, changed = s[m.end() :], start + m.end(), True
        for w in lex.lead_words:
            if s.startswith(w) and len(s) > len(w):
                s, start, changed = s[len(w) :], start + len(w), True
                break
    return s, start


def _strip_back(s: str, lex: Lexicon) -> str:
    changed = True
    while changed and s:
        changed = False
        m = TRAILING_JUNK_RE.search(s)
        if m and m.start() < len(s):
            s, changed = s[: m.start()], True
        for w in lex.linking_words:
            if s.endswith(w) and len(s) > len(w):
                s, changed = s[: -len(w)], True
                break
    return s


def _metric(
    layout: Layout,
    qs: int,
    qe: int,
    unit: str,
    previous: tuple[int, str | None, int, int] | None,
    lex: Lexicon,
) -> tuple[str | None, tuple[int, int]]:
    """What the quantity at [qs, qe) measures, and where that phrase stands."""
    view, text = layout.view, layout.text
    # A list member (分别增长7.5%、8.5%): the metric of the number before it.
    if previous is not None and previous[1] and view[previous[0] : qs].strip() in ("、", "和", "或", "及"):
        return previous[1], (previous[2], previous[3])
    cs = _clause_start(view, qs, 0)
    # In a list of measured items (生态修复1700亩、义务植树45万株) each item starts after the 、
    # that follows the previous number.
    for m in LIST_ITEM_BREAK_RE.finditer(view, cs, qs):
        cs = m.end()
    # 康达水业等投资37亿元: the examples before 等 are not what is measured.
    cs = max(cs, view.rfind("等", cs, qs) + 1)
    raw_before = view[cs:qs]
    before, b_start = _strip_front(raw_before, cs, lex)
    before = _strip_back(before, lex)
    if unit in lex.count_units:
        # A classifier counts the noun it precedes (新增100条“漫步北京”旅游线路, 6个项目建成投产).
        after = _noun_after(view, qe)
        if len(after) >= 2:
            return text[qe : qe + len(after)], (qe, qe + len(after))
    if raw_before.rstrip().endswith("的") or before in lex.action_verbs or not before:
        # 提供1200个岗位, 金源天鹅湖等31个房地产项目: the measured noun follows the unit.
        after = _noun_after(view, qe)
        if after:
            return text[qe : qe + len(after)], (qe, qe + len(after))
        if not before:
            return None, (qs, qs)
    if len(before) > 18:
        before, b_start = _tail_phrase(before, b_start)
    if not before:
        return None, (qs, qs)
    return text[b_start : b_start + len(before)], (b_start, b_start + len(before))


def _noun_after(view: str, pos: int) -> str:
    """The noun phrase right after a unit: 岗位 in 提供1200个岗位，… (empty when none follows)."""
    from govplan.tokens import pos_cut

    m = NOUN_END_RE.search(view, pos, min(len(view), pos + 40))
    chunk = view[pos : m.start() if m else min(len(view), pos + 40)]
    out = ""
    for word, flag in pos_cut(chunk):
        if word == "的" and out:
            out += word  # 群众身边的运动场地: 的 joins a noun phrase
            continue
        if flag[:1] in ("p", "c", "u", "d", "r"):
            break
        out += word
        if len(out) >= 16:
            break
    return _strip_back(out.rstrip("的"), lexicon())


def _tail_phrase(s: str, start: int) -> tuple[str, int]:
    """The last noun phrase of a long clause head: jieba words from the end, verbs allowed inside."""
    from govplan.tokens import pos_cut

    words = pos_cut(s)
    keep: list[str] = []
    size = 0
    for word, flag in reversed(words):
        if keep and (flag[:1] in ("p", "c", "u", "r") or size + len(word) > 16):
            break
        keep.append(word)
        size += len(word)
    phrase = "".join(reversed(keep))
    return phrase, start + len(s) - len(phrase)


_STANCE_LOOKBACK = 400  # characters; far longer than any real sentence


def _stance(view: str, qs: int, lex: Lexicon) -> str | None:
    cs = _clause_start(view, qs, 0)
    # the look-back is bounded: a 100,000-character "sentence" must not be re-read per number
    floor = max(0, qs - _STANCE_LOOKBACK)
    sentence_start = (
        max(floor - 1, view.rfind("。", floor, qs), view.rfind(";", floor, qs), view.rfind("\n", floor, qs))
        + 1
    )
    for lo in (cs, sentence_start):
        head = view[lo:qs]
        for w in lex.stances:
            if w in head:
                return w
    return None


def _kind(metric: str, unit: str, comparator: str, lex: Lexicon) -> str:
    for kind, words in lex.kinds:
        if any(w in metric for w in words):
            if kind == "share" and unit not in ("%", "百分点"):
                continue
            if kind == "growth" and unit not in ("%", "百分点", "倍"):
                kind = "increase"
            return kind
    if comparator == "double":
        return "growth"
    return "count" if unit in lex.count_units else "level"
