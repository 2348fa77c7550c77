"""Headline targets: a report's 主要预期目标 paragraph as one row per indicator.

The paragraph is found by its lead-in (今年经济社会发展的主要预期目标是：…, 主要目标是, 预期目标为 …)
or, failing that, as the plan paragraph that sets the most core targets; each clause is mapped to an
indicator key by the vocabulary in ``data/indicators.yaml`` and its value read by
``numerals.find_quantities``. A core indicator (gdp, cpi, unemployment, new_jobs) the paragraph does
not state gets a row with ``absent: true``; a target stated without a number (居民收入增长与经济增长
同步, 物价总水平基本稳定) gets a row with ``value: null`` and ``absent: false``.

>>> r = extract_targets("今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。", "r.txt")
>>> [(row.indicator, row.value, row.comparator, row.absent) for row in r.rows]
[('gdp', 5, '~', False), ('cpi', None, None, True), ('unemployment', None, None, True), \
('new_jobs', 12000000, '>=', False)]
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from govplan.data import alternation, load, longest_first
from govplan.errors import GovplanError, problem_line
from govplan.models import Plan, Span
from govplan.normalize import fold
from govplan.patterns import SENTENCE_END_RE
from govplan.suffixes import PLAN_SUFFIXES

__all__ = [
    "FIELDS",
    "TargetRow",
    "TargetsBatch",
    "TargetsResult",
    "collect_targets",
    "extract_targets",
    "row_data",
    "targets_from_file",
    "targets_from_plan",
    "vocabulary",
]

Number = float | int

FIELDS = (
    "source",
    "region",
    "year",
    "level",
    "indicator",
    "value",
    "value_max",
    "unit",
    "comparator",
    "stance",
    "text",
    "span",
    "absent",
)

# The lead-in of a targets paragraph, on the folded view; spaces and line breaks may split it
# (主要预期目标\n是：). 目标是/目标为/目标: after optional 主要/预期, with up to four characters
# between (目标建议为, 目标确定为, 目标任务是, 目标建议如下).
TRIGGER_RE = re.compile(
    r"(?P<head>(?:主\s*要\s*)?(?:预\s*期\s*)?(?:目\s*标|指\s*标))"
    r"(?:\s*[^\s,;。:!?、“”\d]{0,4}?\s*(?:是|为|如\s*下)\s*:?|\s*:)"
)
# A sentence ends at SENTENCE_END_RE (segmentation's); a clause inside it at these. A line break is
# not a break: web pages put bold runs on lines of their own (今年经济社会发展的⏎主要预期目标⏎是：).
CLAUSE_BREAK_RE = re.compile(r"[,;:。!?]")
# A new heading or the salutation: the targets never run past one.
HEADING_LINE_RE = re.compile(
    r"\n[ \t]*(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|第[一二三四五六七八九十]+部分|各位代表)"
)
# What opens a line of a list of targets: ——, 1., （1）, 一是.
LEAD_MARK_RE = re.compile(
    r"[ \t]*(?:[—\-]+|\d{1,2}[.、]|\(\d{1,2}\)|[一二三四五六七八九十]{1,2}[是要、])[ \t]*"
)
CONTEXT_BREAK_RE = re.compile(r"[。!?,;]")
YEAR_RE = re.compile(r"(20\d\d)\s*年")
SPACE_RE = re.compile(r"\s+")

MAX_BLOCK_CHARS = 2000  # a targets paragraph is a few hundred characters; never read a whole report
MAX_CONTEXT_CHARS = 40  # how far before a lead-in to look for 十五五/时期 (a multi-year plan's targets)
MAX_LEAD_SENTENCES = 2  # sentences without a target that may open a targets paragraph
MAX_PLAN_GAP = 120  # characters between two commitments of one targets paragraph in a plan file


@dataclass(frozen=True)
class Indicator:
    """One indicator of the vocabulary."""

    key: str
    name: str
    core: bool
    units: frozenset[str]


@dataclass(frozen=True)
class IndicatorVocabulary:
    """The indicator vocabulary of ``data/indicators.yaml``, compiled."""

    indicators: tuple[Indicator, ...]
    by_key: dict[str, Indicator]
    word_key: dict[str, str]
    word_re: re.Pattern[str]
    respectively: dict[str, tuple[str, ...]]
    prefixes: tuple[str, ...]
    max_free_prefix: int
    joiners: tuple[str, ...]
    sync_words: tuple[str, ...]
    stances: tuple[str, ...]
    lead_verbs: tuple[str, ...]
    multi_year: tuple[str, ...]
    multi_year_context: tuple[str, ...]
    this_year_context: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def vocabulary() -> IndicatorVocabulary:
    """The bundled indicator vocabulary (``data/indicators.yaml``), loaded once."""
    raw = load("indicators.yaml")
    indicators: list[Indicator] = []
    word_key: dict[str, str] = {}
    for entry in raw["indicators"]:
        ind = Indicator(
            key=entry["key"],
            name=entry["name"],
            core=bool(entry.get("core", False)),
            units=frozenset(str(u) for u in entry.get("units", [])),
        )
        indicators.append(ind)
        for w in entry["words"]:
            word = fold(str(w))
            if word in word_key:
                raise ValueError(f"indicators.yaml: {word!r} names both {word_key[word]} and {ind.key}")
            word_key[word] = ind.key
    by_key = {i.key: i for i in indicators}
    respectively = {fold(w): tuple(keys) for w, keys in (raw.get("respectively") or {}).items()}
    for keys in respectively.values():
        for k in keys:
            if k not in by_key:
                raise ValueError(f"indicators.yaml: respectively names unknown indicator {k!r}")
    # Longest alternative first: the regex then takes the longest word at the leftmost position.
    word_re = re.compile(alternation(word_key))
    return IndicatorVocabulary(
        indicators=tuple(indicators),
        by_key=by_key,
        word_key=word_key,
        word_re=word_re,
        respectively=respectively,
        prefixes=longest_first(fold(str(p)) for p in raw.get("prefixes", [])),
        max_free_prefix=int(raw.get("max_free_prefix", 2)),
        joiners=longest_first(str(j) for j in raw.get("joiners", [])),
        sync_words=tuple(raw.get("sync_words", [])),
        stances=longest_first(raw.get("stances", [])),
        lead_verbs=tuple(raw.get("lead_verbs", [])),
        multi_year=tuple(raw.get("multi_year", [])),
        multi_year_context=tuple(str(w) for w in raw.get("multi_year_context", [])),
        this_year_context=tuple(str(w) for w in raw.get("this_year_context", [])),
    )


@dataclass(frozen=True)
class TargetRow:
    """One indicator of one report: its target, or ``absent`` when the report sets none."""

    source: str
    region: str | None
    year: int | None
    level: str | None
    indicator: str
    value: Number | None = None
    value_max: Number | None = None
    unit: str | None = None
    comparator: str | None = None
    stance: str | None = None
    text: str | None = None
    span: Span | None = None
    absent: bool = False


def row_data(row: TargetRow) -> dict[str, Any]:
    """A row as plain JSON-compatible data, keys in ``FIELDS`` order."""
    data = {name: getattr(row, name) for name in FIELDS}
    data["span"] = list(row.span) if row.span is not None else None
    return data


@dataclass(frozen=True)
class TargetsResult:
    """The targets of one report: where its targets paragraph is (null if none) and the rows."""

    source: str
    region: str | None
    year: int | None
    level: str | None
    paragraph: Span | None
    rows: list[TargetRow]


@dataclass
class TargetsBatch:
    """The targets of many files: every row in input order, the files that failed, and warnings."""

    results: list[TargetsResult] = field(default_factory=list)
    errors: list[GovplanError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[TargetRow]:
        """All rows, file by file."""
        return [row for r in self.results for row in r.rows]

    @property
    def exit_code(self) -> int:
        """0 when every file gave its targets, 1 when some failed, 2 when none could be read."""
        return 2 if not self.results else 1 if self.errors else 0


# --- clauses --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Quantity:
    start: int
    end: int
    value: Number
    value_max: Number | None
    unit: str
    comparator: str


@dataclass(frozen=True)
class _Hit:
    key: str
    span: Span
    quantity: _Quantity | None
    stance: str | None


def _quantities(view: str, start: int, end: int) -> list[_Quantity]:
    from govplan.numerals import find_quantities

    return [
        _Quantity(start + q.start, start + q.end, q.value, q.value_max, q.unit, q.comparator)
        for q in find_quantities(view[start:end], folded=True)  # a view is folded already
    ]


def _strip_words(s: str, words: Sequence[str]) -> str:
    """``s`` with every listed word taken out (longest first), spaces too."""
    s = SPACE_RE.sub("", s)
    for w in words:
        s = s.replace(w, "")
    return s


def _only_joiners(s: str, vocab: IndicatorVocabulary) -> bool:
    return not _strip_words(s, vocab.joiners)


def _clause_hits(view: str, cs: int, ce: int, qs: list[_Quantity], vocab: IndicatorVocabulary) -> list[_Hit]:
    """The targets one clause states: its subjects (indicator names where a clause can start) with
    the values after them."""
    clause = view[cs:ce]
    if any(w in clause for w in vocab.multi_year):
        return []
    quantities = [q for q in qs if cs <= q.start and q.end <= ce]
    # groups of subjects: [(member matches)], a list joined by 、/和 shares the values after it
    groups: list[list[re.Match[str]]] = []
    starts: list[int] = []
    last: re.Match[str] | None = None
    for m in vocab.word_re.finditer(view, cs, ce):
        if (
            last is not None
            and _only_joiners(view[last.end() : m.start()], vocab)
            and not any(last.end() <= q.start < m.start() for q in quantities)
        ):
            groups[-1].append(m)  # 城镇调查失业率、登记失业率分别…: one more name of the list
            last = m
            continue
        anchor, after_subject = cs, False
        for q in quantities:
            if q.end <= m.start():
                anchor = max(anchor, q.end)
        sep = view.rfind("、", anchor, m.start())
        if sep >= 0:
            anchor = sep + 1
        if last is not None and last.end() >= anchor:
            anchor, after_subject = last.end(), True
        before = view[anchor : m.start()]
        prefix = _strip_words(before, vocab.prefixes)
        # right after another name only lead words may come between (居民收入增长与经济增长: no);
        # at a clause start a few more, or any phrase ending in a lead verb (…基础上实现经济增长)
        if len(prefix) > (0 if after_subject else vocab.max_free_prefix) and (
            after_subject or not before.rstrip().endswith(vocab.lead_verbs)
        ):
            continue
        groups.append([m])
        lead = anchor
        while lead < m.start() and (view[lead].isspace() or view[lead] in "、"):
            lead += 1
        mark = LEAD_MARK_RE.match(view, lead, m.start())
        starts.append(mark.end() if mark else lead)
        last = m
    synced = any(w in clause for w in vocab.sync_words)
    hits: list[_Hit] = []
    for i, members in enumerate(groups):
        g_start = starts[i]
        g_end = starts[i + 1] if i + 1 < len(groups) else ce
        scope = [q for q in quantities if members[-1].end() <= q.start < g_end]
        keys = [vocab.word_key[m.group()] for m in members]
        if synced:
            keys = keys[:1]
        if len(keys) == 1:
            expand = vocab.respectively.get(members[0].group(), ())
            usable = [q for q in scope if _unit_ok(vocab.by_key[expand[0]], q)] if expand else []
            if expand and len(usable) == len(expand):
                keys = list(expand)
        pairs = _pair(keys, scope, vocab)
        first_q = min((q.start for q in scope), default=g_end)
        stance = next((s for s in vocab.stances if s in view[g_start:first_q]), None)
        for key, value in pairs:
            end = value.end if value is not None else _trim_end(view, g_start, g_end)
            if value is not None and len(keys) > 1:
                end = max(x.end for _, x in pairs if x is not None)
            hits.append(_Hit(key, (g_start, end), value, stance))
    return hits


def _unit_ok(ind: Indicator, q: _Quantity) -> bool:
    return not ind.units or q.unit in ind.units


def _pair(
    keys: list[str], scope: list[_Quantity], vocab: IndicatorVocabulary
) -> list[tuple[str, _Quantity | None]]:
    """Values to the names of one group: in order for a list (分别…), the first fitting one for a
    single name."""
    if len(keys) == 1:
        ind = vocab.by_key[keys[0]]
        return [(keys[0], next((q for q in scope if _unit_ok(ind, q)), None))]
    usable = [q for q in scope if _unit_ok(vocab.by_key[keys[0]], q)]
    if len(usable) == 1:
        return [(k, usable[0] if _unit_ok(vocab.by_key[k], usable[0]) else None) for k in keys]
    out: list[tuple[str, _Quantity | None]] = []
    for i, k in enumerate(keys):
        q = usable[i] if i < len(usable) else None
        out.append((k, q if q is not None and _unit_ok(vocab.by_key[k], q) else None))
    return out


def _trim_end(view: str, start: int, end: int) -> int:
    while end > start and (view[end - 1].isspace() or view[end - 1] in "、和及与"):
        end -= 1
    return end


def _sentence_hits(view: str, s: int, e: int, qs: list[_Quantity], vocab: IndicatorVocabulary) -> list[_Hit]:
    hits: list[_Hit] = []
    pos = s
    for m in CLAUSE_BREAK_RE.finditer(view, s, e):
        hits.extend(_clause_hits(view, pos, m.start(), qs, vocab))
        pos = m.end()
    hits.extend(_clause_hits(view, pos, e, qs, vocab))
    return hits


# --- the paragraph --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    span: Span
    hits: list[_Hit]
    trigger: str
    year: int | None

    review: bool = False

    def score(self) -> tuple[int, int, int, int, int]:
        valued = {h.key for h in self.hits if h.quantity is not None}
        return (
            int(not self.review),
            len(valued),
            len({h.key for h in self.hits}),
            int("预期" in self.trigger),
            -self.span[0],
        )


def _block(view: str, start: int, limit: int, vocab: IndicatorVocabulary) -> tuple[Span, list[_Hit]]:
    """The target clauses from ``start``: sentence by sentence while each states some target, to the
    end of the paragraph (or on through a list of lines when the lead-in ends its line)."""
    limit = min(limit, start + MAX_BLOCK_CHARS)
    qs = _quantities(view, start, limit)
    nl = view.find("\n", start, limit)
    listed = nl >= 0 and not view[start:nl].strip()  # 目标是：⏎ one target a line
    hits: list[_Hit] = []
    end = start
    pos = start
    skipped = 0
    while pos < limit:
        m = SENTENCE_END_RE.search(view, pos, limit)
        s_end = m.end() if m else limit
        h = HEADING_LINE_RE.search(view, pos, s_end)
        stop = h is not None
        if h is not None:
            s_end = h.start()
        found = _sentence_hits(view, pos, s_end, qs, vocab)
        if not found and (hits or skipped == MAX_LEAD_SENTENCES):
            break
        skipped += not found  # 主要预期目标是：经济保持稳定增长。地区生产总值…: a preamble first
        hits.extend(found)
        end = s_end if found else end
        k = s_end
        while k < limit and view[k] in " \t":
            k += 1
        if stop or (not listed and (k >= limit or view[k] == "\n")):
            break
        pos = s_end
    while end > start and view[end - 1].isspace():
        end -= 1
    return (start, end), hits


def _context(view: str, start: int) -> str:
    """The words just before a lead-in, back to the previous clause break."""
    lo = max(0, start - MAX_CONTEXT_CHARS)
    before = view[lo:start]
    cut = max((m.end() for m in CONTEXT_BREAK_RE.finditer(before)), default=0)
    return before[cut:]


def _candidates(view: str, layout: Any, vocab: IndicatorVocabulary) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in TRIGGER_RE.finditer(view, 0, layout.body_end):
        ctx = SPACE_RE.sub("", _context(view, m.start()))
        if any(w in ctx for w in vocab.multi_year_context) and not any(
            w in ctx for w in vocab.this_year_context
        ):
            continue  # “十五五”时期…的主要目标是: a five-year plan's, not this year's
        span, hits = _block(view, m.end(), layout.body_end, vocab)
        if any(h.quantity is not None for h in hits):
            y = YEAR_RE.search(ctx)
            out.append(
                _Candidate(
                    span,
                    hits,
                    SPACE_RE.sub("", m.group("head")),
                    int(y.group(1)) if y else None,
                    layout.part_at(m.start()) == "review",
                )
            )
    return out


def _fallback(view: str, layout: Any, vocab: IndicatorVocabulary) -> list[_Candidate]:
    """Plan paragraphs without a lead-in that still set several core targets (national 2020)."""
    out: list[_Candidate] = []
    core = {i.key for i in vocab.indicators if i.core}
    for p in layout.paragraphs:
        if p.end > layout.body_end or "目标" not in view[p.start : p.end]:
            continue
        qs = _quantities(view, p.start, p.end)
        hits: list[_Hit] = []
        pos = p.start
        for m in SENTENCE_END_RE.finditer(view, p.start, p.end):
            hits.extend(_sentence_hits(view, pos, m.end(), qs, vocab))
            pos = m.end()
        hits.extend(_sentence_hits(view, pos, p.end, qs, vocab))
        valued = {h.key for h in hits if h.quantity is not None}
        if len(valued) >= 3 and len(valued & core) >= 2:
            out.append(_Candidate((p.start, p.end), hits, "", None, layout.part_at(p.start) == "review"))
    return out


def _rows(
    hits: list[_Hit],
    text: str,
    facts: tuple[str, str | None, int | None, str | None],
    vocab: IndicatorVocabulary,
    offset: int = 0,
) -> list[TargetRow]:
    """One row per indicator stated (the first valued statement wins) and one per absent core one."""
    best: dict[str, _Hit] = {}
    for h in hits:
        if h.key not in best or (best[h.key].quantity is None and h.quantity is not None):
            best[h.key] = h
    source, region, year, level = facts
    rows: list[TargetRow] = []
    for ind in vocab.indicators:
        hit = best.get(ind.key)
        if hit is None:
            if ind.core:
                rows.append(TargetRow(source, region, year, level, ind.key, absent=True))
            continue
        q = hit.quantity
        span = (hit.span[0] + offset, hit.span[1] + offset)
        rows.append(
            TargetRow(
                source,
                region,
                year,
                level,
                ind.key,
                value=q.value if q else None,
                value_max=q.value_max if q else None,
                unit=q.unit if q else None,
                comparator=q.comparator if q else None,
                stance=hit.stance,
                text=text[hit.span[0] : hit.span[1]],
                span=span,
            )
        )
    return rows


def extract_targets(
    text: str,
    name: str = "stdin",
    *,
    region: str | None = None,
    year: int | None = None,
    level: str | None = None,
) -> TargetsResult:
    """The headline targets of decoded report text; region, year and level from the text unless given.

    >>> extract_targets("主要预期目标是：城镇调查失业率控制在5.5%以内。", "x.txt").rows[2].comparator
    '<='
    """
    from govplan.options import ParseOptions
    from govplan.segment import segment_text

    vocab = vocabulary()
    view = fold(text)
    layout = segment_text(text, view, ParseOptions(), name=name)
    candidates = _candidates(view, layout, vocab) or _fallback(view, layout, vocab)
    best = max(candidates, key=_Candidate.score, default=None)
    region = region or layout.region
    year = year or layout.year or (best.year if best else None)
    level = level or layout.level
    rows = _rows(best.hits if best else [], text, (name, region, year, level), vocab)
    return TargetsResult(name, region, year, level, best.span if best else None, rows)


def targets_from_plan(plan: Plan, name: str | None = None) -> TargetsResult:
    """The headline targets of a plan file: the run of planned commitments that sets the most
    indicators (a plan keeps no source text, so targets stated without a number are not seen)."""
    vocab = vocabulary()
    source = name or plan.source.name
    doc = plan.document
    facts = (source, doc.region, doc.year, doc.level)
    planned = [
        c
        for c in plan.commitments
        if c.status == "planned" and not any(w in c.text for w in vocab.multi_year)
    ]
    runs: list[list[Any]] = []
    for c in planned:
        if runs and c.span[0] - runs[-1][-1].span[1] <= MAX_PLAN_GAP:
            runs[-1].append(c)
        else:
            runs.append([c])
    best: tuple[tuple[int, int], list[_Hit], str, Span] | None = None
    for run in runs:
        # The run's commitment texts at their offsets, blanks between: clauses as in the report,
        # minus what had no number.
        lo, hi = run[0].span[0], max(c.span[1] for c in run)
        chars = [" "] * (hi - lo)
        for c in run:
            chars[c.span[0] - lo : c.span[1] - lo] = c.text
        text = "".join(chars)
        view = fold(text)
        hits = [
            h
            for h in _sentence_hits(view, 0, len(view), _quantities(view, 0, len(view)), vocab)
            if h.quantity
        ]
        keys = {h.key for h in hits}
        if len(keys) >= 2 and (best is None or (len(keys), -lo) > best[0]):
            best = ((len(keys), -lo), hits, text, (lo, hi))
    if best is None:
        return TargetsResult(source, doc.region, doc.year, doc.level, None, _rows([], "", facts, vocab))
    _, hits, text, span = best
    return TargetsResult(
        source, doc.region, doc.year, doc.level, span, _rows(hits, text, facts, vocab, span[0])
    )


def source_beside(plan_path: str, plan: Plan) -> str | None:
    """The report a plan file was parsed from, when it lies beside the plan file unchanged."""
    from govplan.inputs import beside
    from govplan.read import read_source

    candidate = beside(plan_path, plan.source.name)
    if candidate is None:
        return None
    try:
        src = read_source(str(candidate))
    except GovplanError:
        return None
    return src.text if src.sha256 == plan.source.sha256 else None


def targets_from_plan_file(path: str, plan: Plan, warnings: list[str] | None = None) -> TargetsResult:
    """The headline targets of a loaded plan file.

    A plan file whose report lies beside it (by ``source.name``, with the same sha256) is read from
    that report's text, so it gives the same rows as the report; otherwise from its commitments,
    with a warning in ``warnings``: targets stated without a number are not seen then.
    """
    name = os.path.basename(path)
    text = source_beside(path, plan)
    if text is not None:
        doc = plan.document
        return extract_targets(text, name, region=doc.region, year=doc.year, level=doc.level)
    if warnings is not None:
        warnings.append(
            problem_line(
                f"source report {plan.source.name} not beside the plan file; "
                "targets read from its commitments (targets without a number not seen)",
                path,
                level="Warning",
            )
        )
    return targets_from_plan(plan, name)


def plan_and_targets(path: str) -> tuple[Plan, TargetsResult]:
    """A plan file loaded, or a report parsed on the fly, with its targets (a report's region, year
    and level from its parse): what ``show`` and ``export`` read of each file."""
    if path.lower().endswith(PLAN_SUFFIXES):
        from govplan.serialize import load_plan

        plan = load_plan(path)
        return plan, targets_from_plan_file(path, plan)
    from govplan.pipeline import parse_source
    from govplan.read import read_source

    src = read_source(path)
    plan = parse_source(src)
    doc = plan.document
    return plan, extract_targets(src.text, src.name, region=doc.region, year=doc.year, level=doc.level)


def targets_from_file(path: str, warnings: list[str] | None = None) -> TargetsResult:
    """The headline targets of one file: a report (.txt .md .html .docx .pdf, ``-`` for stdin) or a plan file."""
    if path.lower().endswith(PLAN_SUFFIXES):
        from govplan.serialize import load_plan

        return targets_from_plan_file(path, load_plan(path), warnings)
    from govplan.read import read_source

    src = read_source(path)
    return extract_targets(src.text, src.name)


def collect_targets(paths: Sequence[str], on_file: Callable[[str], None] | None = None) -> TargetsBatch:
    """The targets of many files, in order; a file that fails is kept in ``errors`` and skipped.

    ``on_file`` is called with each path once it is done (a progress bar's advance).
    """
    batch = TargetsBatch()
    for path in paths:
        try:
            result = targets_from_file(path, batch.warnings)
            batch.results.append(result)
            if result.paragraph is None:
                batch.warnings.append(
                    problem_line(
                        "no targets paragraph found; core indicators reported absent", path, level="Warning"
                    )
                )
        except GovplanError as exc:
            if exc.file is None:
                exc.file = path
            batch.errors.append(exc)
        if on_file is not None:
            on_file(path)
    return batch
