"""Matching across two reports: metric and name normalisation, and the one-to-one matcher.

``diff`` and ``track`` both ask "is this the same commitment (project, section) as that one?". A
metric is normalised (punctuation, region prefixes such as 全市, verb suffixes such as 增长, and the
synonyms of ``data/metric_synonyms.yaml``), then compared exactly or, failing that, by rapidfuzz
similarity guarded against numerals and qualifiers that change what is measured.

>>> normalise_metric("全市地区生产总值增长")
'国内生产总值'
>>> normalise_metric("“城镇新增就业”人数")
'城镇新增就业'
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import regex as re
from rapidfuzz.distance import Indel

from govplan.data import load, longest_first
from govplan.ids import small_number
from govplan.models import Commitment, Plan, Project, Section
from govplan.suffixes import REPORT_SUFFIXES
from govplan.tokens import pos_cut

# Everything that is not a letter or digit of any script: punctuation, quotes, spaces, symbols.
NON_WORD_RE = re.compile(r"[\W_]+")
# Numerals inside a name are part of its identity: 二期 is not 一期, PM2.5 is not PM10.
NUMERAL_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?|[〇零一二三四五六七八九十百千两]+")
YEAR_RE = re.compile(r"(?:19|20)\d{2}年?")
# What a metric may carry that does not change what it measures, cut off in this order: an enumerator
# in front (一是, （二）, 3.), a year (2025年), an ordinal (第二轮, 第三批), and the from-part of a
# from-to statement left at its end (比例从75%, 失业率从上半年).
METRIC_NOISE_RES = (
    re.compile(r"^\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])"),
    YEAR_RE,
    re.compile(r"第[〇零一二三四五六七八九十百\d]+(?:轮|批|次|届|期|阶段)?"),
    re.compile(r"(?<=..)(?:从|由)(?:[^从由]*\d[^从由]*|上半年|年初|上年末|上年|去年)$"),
)
# Where a sentence ends, on the text as written (full-width and folded forms); a clause ends there too.
SENTENCE_ENDS = r"。！？；;!?\n"
SENTENCE_END_RE = re.compile(f"[{SENTENCE_ENDS}]")
CLAUSE_END_RE = re.compile(f"[{SENTENCE_ENDS}，,：:]")
# What may stand before a sentence's first word: spaces, dashes, quotes (——“十四五”时期).
LEAD_RE = re.compile(r"[\s—–\-“”‘’\"'《》「」『』]+")
# A from-value: the figure is followed by the verb of a from-to statement (从50元提高到84元).
FROM_TO_RE = re.compile(
    r"\s*(?:提高|提升|增加|增长|上升|扩大|降低|下降|减少|缩小|压降|缩减|降|升|增)?(?:到|至)"
)
# What may stand between a level and the bare growth verb that follows it (183.7亿元，增长3.8%).
JOINER_RE = re.compile(r"^[、，,]?(?:同比|比上年|较上年)?$")


MIN_METRIC_SIMILARITY = 0.75  # a fuzzy metric match below this is no match
MIN_TEXT_SIMILARITY = 0.85
HEAD_SIMILARITY = 0.8  # a metric that ends with the other (its head), above MIN_METRIC_SIMILARITY  # for commitments without a metric, the clause text minus its numbers
MIN_PROJECT_SIMILARITY = 0.85
MIN_SECTION_SCORE = 0.6  # title similarity plus 0.3 for the same number path

STAGE_ORDER = {"plan": 0, "start": 1, "continue": 2, "complete": 3}


@dataclass(frozen=True)
class MatchLexicon:
    """The data of ``metric_synonyms.yaml``, ready for lookups."""

    synonyms: dict[str, str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    qualifiers: tuple[str, ...]
    lower_is_better: tuple[str, ...]
    multi_year: tuple[str, ...]
    one_year_words: tuple[str, ...]
    multi_year_scopes: tuple[str, ...]
    one_year_scopes: tuple[str, ...]
    lead_ins: tuple[str, ...]
    baseline_suffixes: tuple[str, ...]
    stances: dict[str, int]
    units: dict[str, str]
    project_prefixes: tuple[str, ...]
    project_suffixes: tuple[str, ...]
    completion_actions: tuple[str, ...]


def _clean(text: str) -> str:
    """NFKC-folded, ASCII upper-cased, with every non-word character removed."""
    return str(NON_WORD_RE.sub("", unicodedata.normalize("NFKC", text))).upper()


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return longest_first(c for c in map(_clean, words) if c)


@functools.lru_cache(maxsize=1)
def lexicon() -> MatchLexicon:
    """The bundled matching lexicon (``data/metric_synonyms.yaml``), loaded once."""
    raw = load("metric_synonyms.yaml")
    synonyms: dict[str, str] = {}
    for group in raw.get("synonyms", []):
        canon = _clean(str(group[0]))
        for name in group:
            synonyms.setdefault(_clean(str(name)), canon)
    return MatchLexicon(
        synonyms=synonyms,
        prefixes=_longest_first(raw.get("prefixes", [])),
        suffixes=_longest_first(raw.get("suffixes", [])),
        qualifiers=_longest_first(raw.get("qualifiers", [])),
        lower_is_better=_longest_first(raw.get("lower_is_better", [])),
        multi_year=_longest_first(raw.get("multi_year", [])),
        one_year_words=_longest_first(raw.get("one_year_words", [])),
        multi_year_scopes=_longest_first(raw.get("multi_year_scopes", [])),
        one_year_scopes=_longest_first(raw.get("one_year_scopes", [])),
        lead_ins=_longest_first(raw.get("lead_ins", [])),
        baseline_suffixes=_longest_first(raw.get("baseline_suffixes", [])),
        stances={str(k): int(v) for k, v in (raw.get("stances") or {}).items()},
        units={unicodedata.normalize("NFKC", str(k)): str(v) for k, v in (raw.get("units") or {}).items()},
        project_prefixes=_longest_first(raw.get("project_prefixes", [])),
        project_suffixes=_longest_first(raw.get("project_suffixes", [])),
        completion_actions=_longest_first(raw.get("completion_actions", [])),
    )


def _strip_once(s: str, prefixes: Sequence[str], suffixes: Sequence[str]) -> str:
    for p in prefixes:
        if s.startswith(p) and len(s) > len(p):
            return s[len(p) :]
    for x in suffixes:
        if s.endswith(x) and len(s) > len(x):
            return s[: -len(x)]
    return s


def normalise_metric(metric: str | None) -> str:
    """The comparable form of a metric: cleaned, prefixes and verb suffixes stripped, synonyms folded."""
    if not metric:
        return ""
    lex = lexicon()
    s = _clean(_unframed(metric))
    for _ in range(12):
        if s in lex.synonyms:
            return lex.synonyms[s]
        shorter = _strip_once(s, lex.prefixes, lex.suffixes)
        if shorter == s:
            break
        s = shorter
    return lex.synonyms.get(s, s)


def _unframed(metric: str) -> str:
    """A metric without enumerator, years, ordinals and a lead-in frame (国家关于…, 开展好…)."""
    m = unicodedata.normalize("NFKC", metric)
    for noise in METRIC_NOISE_RES:
        m = str(noise.sub("", m))
    head = m[:8]
    for w in lexicon().lead_ins:
        at = head.find(w)
        if at >= 0 and len(m) > at + len(w) + 1:
            return m[at + len(w) :]
    return m


def is_bare_metric(metric: str | None) -> bool:
    """Whether a metric is only a verb or a scope word (增长, 同比增长, 全年): it names no subject."""
    lex = lexicon()
    s = _clean(_unframed(metric or ""))
    for _ in range(12):
        shorter = s
        for w in (*lex.prefixes, *lex.suffixes):
            if s.startswith(w):
                shorter = s[len(w) :]
                break
            if s.endswith(w):
                shorter = s[: -len(w)]
                break
        if shorter == s:
            break
        s = shorter
    return len(s) < 2


def metric_names(key: str) -> list[str]:
    """Every name of a normalised metric's synonym group (cleaned), the key itself first."""
    names = [key]
    names.extend(sorted(n for n, canon in lexicon().synonyms.items() if canon == key and n != key))
    return names


def clean_text(text: str) -> str:
    """Text folded and stripped of everything but letters and digits, for substring search."""
    return _clean(text)


def normalise_unit(unit: str) -> str:
    """A unit with its spelling variants folded (％ -> %, 个百分点 -> 百分点)."""
    u = unicodedata.normalize("NFKC", unit).strip()
    return lexicon().units.get(u, u)


def project_key(name: str) -> str:
    """The comparable form of a project name; phase words (二期) stay part of it."""
    lex = lexicon()
    s = _clean(name)
    for _ in range(6):
        shorter = _strip_once(s, lex.project_prefixes, lex.project_suffixes)
        if shorter == s or len(shorter) < 2:
            break
        s = shorter
    return s


def section_key(title: str) -> str:
    """The comparable form of a heading title: cleaned, with years blanked (2023年工作回顾)."""
    return _clean(YEAR_RE.sub("Y", title))


# jieba tags of words that say nothing of a heading's subject: adverbs, conjunctions, prepositions,
# particles, numerals, punctuation (着力, 和, 在, 的, 十)
NOT_SUBJECT_TAGS = ("d", "c", "p", "u", "m", "x")
# What sharing words adds to a pair of heading titles' similarity (see title_similarity).
SHARED_WORDS_BONUS = 0.2


@functools.lru_cache(maxsize=4096)
def _title_words(key: str) -> frozenset[str]:
    """The words of a heading title that say what it is about."""
    return frozenset(w for w, tag in pos_cut(key) if len(w) > 1 and not tag.startswith(NOT_SUBJECT_TAGS))


def title_similarity(a: str, b: str) -> float:
    """How alike two heading keys are: as strings, or by the words they share (Dice, at least two
    words, plus a bonus), whichever is higher. A reworded title is the same heading: 大力推进现代化
    产业体系建设，加快发展新质生产力 and 因地制宜发展新质生产力，加快建设现代化产业体系 share six words."""
    if a == b:
        return 1.0
    wa, wb = _title_words(a), _title_words(b)
    shared = len(wa & wb)
    words = 2 * shared / (len(wa) + len(wb)) + SHARED_WORDS_BONUS if shared >= 2 else 0.0
    return max(similarity(a, b), min(1.0, words))


def _numerals(s: str) -> list[str]:
    return [str(x) for x in NUMERAL_RE.findall(s)]


def similarity(a: str, b: str) -> float:
    """Normalised Indel similarity in [0, 1]; symmetric."""
    if a == b:
        return 1.0
    return float(Indel.normalized_similarity(a, b))


def guarded_similarity(a: str, b: str, qualifiers: Sequence[str] = ()) -> float:
    """Similarity of two normalised names, 0 when their numerals or qualifiers differ."""
    if a == b:
        return 1.0
    if not a or not b or _numerals(a) != _numerals(b):
        return 0.0
    for q in qualifiers:
        if (q in a) != (q in b):
            return 0.0
    return similarity(a, b)


def metric_similarity(a: str, b: str) -> float:
    """Similarity of two normalised metrics (see ``normalise_metric``).

    A metric that ends with the other (增值税留抵退税, 留抵退税) names the same thing more narrowly:
    Chinese puts the head last, and the qualifier guard keeps out a narrower population (农村…).
    """
    sim = guarded_similarity(a, b, lexicon().qualifiers)
    short, long_ = sorted((a, b), key=len)
    if sim > 0.0 and len(short) >= 3 and long_.endswith(short):
        return max(sim, HEAD_SIMILARITY)
    return sim


def lower_is_better(metric_key: str) -> bool:
    """Whether less of this (normalised) metric is the better outcome: 失业率, 居民消费价格."""
    return any(w in metric_key for w in lexicon().lower_is_better)


def is_baseline(metric: str | None) -> bool:
    """Whether a figure is the starting point of a from-to statement (城镇化率从60.2%…)."""
    clean = _clean(metric or "")
    return any(clean.endswith(w) for w in lexicon().baseline_suffixes)


# A rate of change (增长5%, 提高30元) and a state (达到50元, 比例95%) say different things: a promise
# of one is not judged by a figure of the other. Counts and absolute increases go with either, as
# reports word the same amount both ways (建设高标准农田1亿亩, 新建高标准农田1亿亩).
RATE_KINDS = frozenset({"growth", "reduction"})
STATE_KINDS = frozenset({"level", "share"})


def comparable_kinds(a: str, b: str) -> bool:
    """Whether a figure of kind ``b`` can be judged against a promise of kind ``a``."""
    return not ((a in RATE_KINDS and b in STATE_KINDS) or (a in STATE_KINDS and b in RATE_KINDS))


def stance_rank(stance: str | None) -> int | None:
    """How firm a stance is (确保 4 … 争取 1); None for a word the lexicon does not rank."""
    ranks = lexicon().stances
    if not stance:
        return ranks.get("none")
    return ranks.get(stance)


def is_completed(project: Project) -> bool:
    """Whether a mention says the project is done: stage ``complete``, or an action such as 投入使用."""
    action = _clean(project.action or "")
    return project.stage == "complete" or any(w in action for w in lexicon().completion_actions)


def stage_rank(stage: str) -> int | None:
    """plan 0 < start 1 < continue 2 < complete 3; None for relocate and other."""
    return STAGE_ORDER.get(stage)


def _without_numbers(text: str) -> str:
    return str(NUMERAL_RE.sub("", _clean(text)))


# --- the flattened section tree ---------------------------------------------------------------


@dataclass(frozen=True)
class SectionRef:
    """One heading of the tree, flattened: its number path (2.1) and title."""

    id: str
    level: int
    number: str
    path: str
    title: str
    part: str
    line: int

    def data(self) -> dict[str, Any]:
        """JSON-compatible data."""
        return {
            "id": self.id,
            "level": self.level,
            "number": self.number,
            "path": self.path,
            "title": self.title,
            "part": self.part,
            "line": self.line,
        }


def flat_sections(plan: Plan) -> list[SectionRef]:
    """Every section of the tree in document order, with its number path."""
    out: list[SectionRef] = []

    def walk(sections: list[Section], prefix: str) -> None:
        for s in sections:
            num = small_number(s.number) if s.number else "-"
            path = f"{prefix}.{num}" if prefix else num
            out.append(SectionRef(s.id, s.level, s.number, path, s.title, s.part, s.line))
            walk(s.sections, path)

    walk(plan.sections, "")
    return out


# --- what a figure is: subject, period, from-value -------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A commitment read in its context: what it measures, over which period, and how to call it.

    ``subject`` is the normalised metric, or, for a bare verb (增长3.8% after 地区生产总值183.7亿元，),
    the subject of the figure it follows. ``indicator`` is the headline indicator of the subject in
    the vocabulary of ``targets`` (gdp, cpi …) or None. ``multi_year`` says the figure is a total or
    average over several years (年均, 累计, a stretch opened by 这五年); ``this_year`` that it was
    stated about the report's own year (今年, the targets); ``baseline`` that it is the from-value of
    a from-to statement. ``label`` is a readable name for tables (never shorter than the metric).
    """

    commitment: Commitment
    subject: str
    indicator: str | None
    multi_year: bool
    this_year: bool
    baseline: bool
    label: str
    words: str  # the clause without numbers, for figures without a subject
    quote: str  # the clause that states it, from the report text (else the commitment's text)


def _cue_re(words: Iterable[str]) -> re.Pattern[str]:
    # A quote may stand anywhere inside a period word as written (“十四五”时期).
    alts = ["[“”‘’\"']?".join(re.escape(ch) for ch in w) for w in words if w]
    return re.compile("|".join(alts) if alts else r"(?!)")


@functools.lru_cache(maxsize=1)
def _scope_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()
    return _cue_re(lex.multi_year_scopes), _cue_re(lex.one_year_scopes)


def _opens_sentence(text: str, at: int) -> bool:
    """Whether only a few characters (初步统计，, 刚刚过去的, ——) stand between a sentence start and ``at``."""
    lo = max(0, at - 12)
    cut = max((m.end() for m in SENTENCE_END_RE.finditer(text, lo, at)), default=lo)
    return len(LEAD_RE.sub("", text[cut:at])) <= 6


def _clause_period(clause: str, year: int | None) -> str | None:
    """``multi`` or ``year`` when a clause says its period itself (年均…, 去年底…), else None."""
    lex = lexicon()
    c = _clean(clause)
    if year is not None:
        c = c.replace(f"{year - 1}年", "全年")
    for w in lex.one_year_words:
        c = c.replace(w, "|")
    if any(w in c for w in lex.multi_year):
        return "multi"
    return "year" if "|" in c else None


@functools.lru_cache(maxsize=1024)
def indicator_of(subject: str) -> str | None:
    """The headline indicator (data/indicators.yaml) a normalised subject is, if any: gdp, cpi …"""
    from govplan.targets import vocabulary  # targets does not import match: no cycle

    word_key = vocabulary().word_key
    for name in metric_names(subject):
        if name in word_key:
            return word_key[name]
    return None


class FigureReader:
    """Reads the commitments of one plan as figures, with the report text when there is one."""

    def __init__(self, plan: Plan, text: str | None = None) -> None:
        self.plan = plan
        self.text = text
        self.year = plan.document.year
        self.order = sorted(plan.commitments, key=lambda c: (c.span[0], c.span[1], c.id))
        self._cache: dict[str, Figure] = {}
        self._scopes: list[tuple[int, str]] = self._scan_scopes() if text is not None else []

    def _scan_scopes(self) -> list[tuple[int, str]]:
        """Every period word of the text that opens a stretch, with its kind: multi, year, this."""
        assert self.text is not None
        multi_re, year_re = _scope_res()
        text = self.text
        found: list[tuple[int, str]] = [(m.start(), "multi") for m in multi_re.finditer(text)]
        for m in year_re.finditer(text):
            found.append((m.start(), "this" if m.group().startswith("今年") else "year"))
        if self.year is not None:
            for y, kind in ((self.year - 1, "year"), (self.year, "this")):
                found.extend((m.start(), kind) for m in re.finditer(f"{y}年(?!以来)", text))
        # Only a word that opens a sentence opens a stretch (这五年，我们…); 去年底 inside one does not.
        found = [(at, k) for at, k in found if _opens_sentence(text, at)]
        # A top-level section starts afresh: the previous part's period does not run on.
        found.extend((sec.span[0], "none") for sec in self.plan.sections)
        return sorted(found)

    def _scope_at(self, pos: int) -> str:
        i = bisect.bisect_left(self._scopes, (pos, ""))
        return self._scopes[i - 1][1] if i else "none"

    def _clause(self, c: Commitment) -> tuple[str, str]:
        """The clause of a figure up to its end, and the words after it to the clause end."""
        if self.text is None:
            return c.text, ""
        start, end = c.span
        lo = max(0, start - 80)
        before = self.text[lo:start]
        cut = max((m.end() for m in CLAUSE_END_RE.finditer(before)), default=0)
        m = CLAUSE_END_RE.search(self.text, end, min(len(self.text), end + 40))
        after = self.text[end : m.start() if m else min(len(self.text), end + 40)]
        return before[cut:] + self.text[start:end], after

    def _previous(self, c: Commitment) -> Commitment | None:
        """The figure just before ``c`` when only a joiner stands between them (…亿元，增长3.8%)."""
        prev = [p for p in self.order if p.span[1] <= c.span[0] and p.id != c.id]
        if not prev:
            return None
        p = max(prev, key=lambda x: (x.span[1], x.span[0]))
        if self.text is not None:
            gap = self.text[p.span[1] : c.span[0]]
        else:
            gap = "、" * (c.span[0] - p.span[1])
        return p if JOINER_RE.match(gap) else None

    def figure(self, c: Commitment) -> Figure:
        """The figure of one commitment of this plan."""
        if c.id in self._cache and self._cache[c.id].commitment is c:
            return self._cache[c.id]
        clause, after = self._clause(c)
        subject, label, quote = normalise_metric(c.metric), c.metric or "", clause
        if is_bare_metric(c.metric):
            prev = self._previous(c)
            if prev is not None and not is_bare_metric(prev.metric):
                pf = self.figure(prev)
                subject = pf.subject
                # 地区生产总值 + 增长; a short subject (规模) leaves the label to the clause below
                label = f"{prev.metric}{c.metric or ''}" if len(_clean(prev.metric or "")) >= 3 else ""
                if self.text is not None:
                    quote = pf.quote + self.text[prev.span[1] : c.span[1]]
            else:
                subject = ""
        if len(_clean(label)) < 3 or (not subject and is_bare_metric(c.metric)):
            # the words around the figure; for an inherited subject, from the figure it follows
            label = (quote if subject and quote != clause else clause + after).strip() or c.text
            if len(label) > 32:
                label = label[-32:]
        own = _clause_period(clause + (c.metric or ""), self.year)
        multi = own == "multi" or (
            own is None and self.text is not None and self._scope_at(c.span[0]) == "multi"
        )
        this_year = self.text is not None and self._scope_at(c.span[0]) == "this"
        baseline = (
            is_baseline(c.metric)
            or ("从" in clause or "由" in clause)
            and FROM_TO_RE.match(after) is not None
        )
        words = _without_numbers(clause if self.text is not None else c.text)
        indicator = indicator_of(subject) if subject else None
        fig = Figure(c, subject, indicator, multi, this_year, baseline, label, words, quote.strip())
        self._cache[c.id] = fig
        return fig

    def figures(self, commitments: Iterable[Commitment]) -> list[Figure]:
        """The figures of several commitments of this plan, in the order given."""
        return [self.figure(c) for c in commitments]


# --- the one-to-one matcher -------------------------------------------------------------------

Candidate = tuple[float, int, int]


def one_to_one(candidates: Iterable[Candidate]) -> list[tuple[int, int]]:
    """Greedy one-to-one assignment, best score first; pairs (i, j) returned in i order.

    Ties go in (i, j) order. Only ties between pairs that share an item matter, and for those the
    (i, j) order and the swapped (j, i) order agree, so matching ``a`` to ``b`` and ``b`` to ``a``
    pair the same items: the symmetry that diff's properties test.
    """
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _score, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j))
    return sorted(pairs)


@dataclass(frozen=True)
class Context:
    """What a plan says around its items: section titles by id, for context bonuses."""

    section_titles: dict[str, str]

    @classmethod
    def of(cls, plan: Plan) -> Context:
        """The context of one plan."""
        return cls({s.id: section_key(s.title) for s in flat_sections(plan)})

    def section_similarity(self, other: Context, a: str | None, b: str | None) -> float:
        """How alike the titles of two sections are (0 when either is unknown)."""
        ta = self.section_titles.get(a or "")
        tb = other.section_titles.get(b or "")
        if not ta or not tb:
            return 0.0
        return similarity(ta, tb)


def _position(i: int, n: int) -> float:
    return i / (n - 1) if n > 1 else 0.0


def _same_number(x: float | int | None, y: float | int | None) -> bool:
    if x is None or y is None:
        return x is y
    return abs(float(x) - float(y)) <= 1e-9 * max(1.0, abs(float(x)), abs(float(y)))


def commitment_core_equal(x: Commitment, y: Commitment) -> bool:
    """Whether two commitments promise the same thing: value, bound, comparator, stance, kind."""
    return (
        _same_number(x.value, y.value)
        and _same_number(x.value_max, y.value_max)
        and x.comparator == y.comparator
        and (x.stance or None) == (y.stance or None)
        and x.kind == y.kind
    )


def figure_similarity(x: Figure, y: Figure) -> float:
    """How alike the subjects of two figures are; 0 when they measure different things.

    The same headline indicator is the same subject (经济增长 and 地区生产总值增长); two different
    ones never are. Otherwise the metrics are compared (``metric_similarity``); figures without a
    subject compare their clauses without numbers.
    """
    if x.indicator and y.indicator:
        return 1.0 if x.indicator == y.indicator else 0.0
    kx, ky = x.subject, y.subject
    if kx and ky:
        sim = metric_similarity(kx, ky)
        return sim if sim >= MIN_METRIC_SIMILARITY else 0.0
    if kx or ky:
        return 0.0
    if len(x.words) < 3 or len(y.words) < 3:  # too few words to tell: only the same words pair
        return 1.0 if x.words == y.words and _clean(x.commitment.text) == _clean(y.commitment.text) else 0.0
    sim = similarity(x.words, y.words)
    return sim if sim >= MIN_TEXT_SIMILARITY else 0.0


def comparable_figures(x: Figure, y: Figure) -> bool:
    """Whether two figures could state the same thing: unit, kind, period and from-value agree."""
    cx, cy = x.commitment, y.commitment
    return (
        normalise_unit(cx.unit) == normalise_unit(cy.unit)
        and comparable_kinds(cx.kind, cy.kind)
        and x.multi_year == y.multi_year
        and x.baseline == y.baseline
    )


@dataclass(frozen=True)
class Weights:
    """What one use adds to the subject similarity of a candidate pair of one sort of item."""

    kind: float  # bonus for the same kind (growth, level …); for projects, the same stage
    section: float  # times the similarity of the two section titles
    domain: float  # bonus for the same first domain
    position: float  # penalty times the distance of relative positions in the two lists
    core: float = 0.0  # bonus for the same value, comparator and stance (figures)
    lateness: float = 0.0  # penalty times the relative position in b (a review's headline comes first)

    def score(
        self,
        sim: float,
        x: Commitment | Project,
        y: Commitment | Project,
        at: tuple[int, int, int, int],
        ctx: tuple[Context | None, Context | None],
        *,
        same_kind: bool,
        same_core: bool = False,
    ) -> float:
        """The score of ``x`` (item ``i`` of ``n_a``) and ``y`` (item ``j`` of ``n_b``), ``at`` =
        ``(i, n_a, j, n_b)``, whose subjects are ``sim`` alike; ``ctx`` gives the section titles."""
        i, n_a, j, n_b = at
        ctx_a, ctx_b = ctx
        section = ctx_a.section_similarity(ctx_b, x.section, y.section) if ctx_a and ctx_b else 0.0
        return (
            sim
            + (self.kind if same_kind else 0.0)
            + self.section * section
            + (self.domain if x.domains[:1] and x.domains[:1] == y.domains[:1] else 0.0)
            + (self.core if same_core else 0.0)
            - self.position * abs(_position(i, n_a) - _position(j, n_b))
            - self.lateness * (j / n_b)
        )


@dataclass(frozen=True)
class MatchPolicy:
    """How one use scores a candidate pair beyond the subject: the weights for figures and projects."""

    same_status: bool  # diff pairs planned with planned; track pairs planned with achieved
    figures: Weights
    projects: Weights


DIFF_POLICY = MatchPolicy(
    same_status=True,
    figures=Weights(kind=0.05, section=0.05, domain=0.03, position=0.05, core=0.1),
    projects=Weights(kind=0.05, section=0.03, domain=0.02, position=0.05),
)
TRACK_POLICY = MatchPolicy(
    same_status=False,
    figures=Weights(kind=0.05, section=0.0, domain=0.03, position=0.0, core=0.01, lateness=0.02),
    projects=Weights(kind=0.05, section=0.0, domain=0.0, position=0.0),
)


def match_figures(
    a: Sequence[Figure],
    b: Sequence[Figure],
    policy: MatchPolicy,
    ctx_a: Context | None = None,
    ctx_b: Context | None = None,
) -> list[tuple[int, int]]:
    """Pair figures of two plans one to one under ``policy``; symmetric for a symmetric policy."""
    by_unit: dict[str, list[int]] = {}
    for j, fb in enumerate(b):
        by_unit.setdefault(normalise_unit(fb.commitment.unit), []).append(j)
    cands: list[Candidate] = []
    for i, fx in enumerate(a):
        x = fx.commitment
        for j in by_unit.get(normalise_unit(x.unit), []):
            fy = b[j]
            y = fy.commitment
            if policy.same_status and x.status != y.status:
                continue
            if not comparable_figures(fx, fy):
                continue
            sim = figure_similarity(fx, fy)
            if sim <= 0.0:
                continue
            score = policy.figures.score(
                sim,
                x,
                y,
                (i, len(a), j, len(b)),
                (ctx_a, ctx_b),
                same_kind=x.kind == y.kind,
                same_core=commitment_core_equal(x, y),
            )
            cands.append((score, i, j))
    return one_to_one(cands)


def match_projects(
    a: Sequence[Project],
    b: Sequence[Project],
    ctx_a: Context | None = None,
    ctx_b: Context | None = None,
    policy: MatchPolicy = DIFF_POLICY,
) -> list[tuple[int, int]]:
    """Pair projects of two plans one to one by normalised name under ``policy``; symmetric for diff."""
    keys_b = [project_key(y.name) for y in b]
    cands: list[Candidate] = []
    for i, x in enumerate(a):
        kx = project_key(x.name)
        for j, y in enumerate(b):
            if policy.same_status and x.status != y.status:
                continue
            sim = guarded_similarity(kx, keys_b[j])
            if sim < MIN_PROJECT_SIMILARITY:
                continue
            score = policy.projects.score(
                sim, x, y, (i, len(a), j, len(b)), (ctx_a, ctx_b), same_kind=x.stage == y.stage
            )
            cands.append((score, i, j))
    return one_to_one(cands)


def match_sections(a: Sequence[SectionRef], b: Sequence[SectionRef]) -> list[tuple[int, int]]:
    """Pair headings by number path and title similarity, within the same part; symmetric."""
    keys_b = [section_key(y.title) for y in b]
    cands: list[Candidate] = []
    for i, x in enumerate(a):
        kx = section_key(x.title)
        for j, y in enumerate(b):
            if x.part != y.part:
                continue
            score = title_similarity(kx, keys_b[j]) + (0.3 if x.path == y.path else 0.0)
            if score < MIN_SECTION_SCORE:
                continue
            cands.append((score + (0.05 if x.level == y.level else 0.0), i, j))
    return one_to_one(cands)


# --- pieces shared by diff and track ------------------------------------------------------------


@dataclass(frozen=True)
class PlanRef:
    """Which plan a side of a diff is: the file name, and the document facts when known."""

    name: str
    region: str | None
    year: int | None
    title: str | None

    @classmethod
    def of(cls, plan: Plan, name: str | None = None) -> PlanRef:
        """The reference for ``plan``, named by ``name`` or else its source file name."""
        d = plan.document
        return cls(name or plan.source.name, d.region, d.year, d.title)

    def label(self) -> str:
        """A short column label: the year when known, else the file name."""
        return str(self.year) if self.year is not None else self.name

    def data(self) -> dict[str, Any]:
        """JSON-compatible data."""
        return {"name": self.name, "region": self.region, "year": self.year, "title": self.title}


def distinct_figures(figures: Sequence[Figure]) -> list[Figure]:
    """The figures of one side, a figure stated twice (the targets paragraph and its section, or
    its explanation) counted once, at its first statement.

    The period is part of what is stated: 生产总值年均增长8%以上 (the five-year plan's) and 生产总值增长8%以上
    (the year's) share a metric once 年均 is normalised away, and are two figures.
    """
    seen: set[tuple[Any, ...]] = set()
    out: list[Figure] = []
    for f in figures:
        c = f.commitment
        key = (
            normalise_metric(c.metric) or c.text,
            normalise_unit(c.unit),
            float(c.value),
            c.value_max,
            c.comparator,
            f.multi_year,
        )
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def distinct_projects(projects: Sequence[Project]) -> list[Project]:
    """One project per normalised name and status, in document order.

    A report may name a project twice (in the targets and again in its section); the mention with a
    definite stage (not ``other``) stands for it.
    """
    order: list[tuple[str, str]] = []
    best: dict[tuple[str, str], Project] = {}
    for p in projects:
        key = (p.status, project_key(p.name))
        if key not in best:
            order.append(key)
            best[key] = p
        elif best[key].stage == "other" and p.stage != "other":
            best[key] = p
    return [best[k] for k in order]


def item_data(item: Commitment | Project | SectionRef) -> dict[str, Any]:
    """One diffed item as JSON-compatible data."""
    if isinstance(item, SectionRef):
        return item.data()
    return item.model_dump(mode="json", exclude={"domain_evidence"})


def read_input(path: str) -> tuple[Plan, str | None]:
    """A plan from a plan file (YAML/JSON) or a report parsed on the fly; the report's text if parsed."""
    lower = path.lower()
    if lower.endswith(REPORT_SUFFIXES):
        from govplan.pipeline import parse_source
        from govplan.read import read_source

        source = read_source(path)
        return parse_source(source), source.text
    from govplan.serialize import load_plan

    return load_plan(path), None
