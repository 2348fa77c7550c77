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

import functools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import regex as re
import yaml
from rapidfuzz.distance import Indel

from govplan.ids import small_number
from govplan.models import Commitment, Plan, Project, Section

# Everything that is not a letter or digit of any script: punctuation, quotes, spaces, symbols.
NON_WORD_RE = re.compile(r"[\W_]+")
# Numerals inside a name are part of its identity: 二期 is not 一期, PM2.5 is not PM10.
NUMERAL_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?|[〇零一二三四五六七八九十百千两]+")
YEAR_RE = re.compile(r"(?:19|20)\d{2}年?")

MIN_METRIC_SIMILARITY = 0.75  # a fuzzy metric match below this is no match
MIN_TEXT_SIMILARITY = 0.85  # for commitments without a metric, the clause text minus its numbers
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
    return tuple(sorted({_clean(w) for w in words if _clean(w)}, key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=1)
def lexicon() -> MatchLexicon:
    """The bundled matching lexicon (``data/metric_synonyms.yaml``), loaded once."""
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("govplan.data").joinpath("metric_synonyms.yaml").read_text(encoding="utf-8")
    )
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
    s = _clean(metric)
    for _ in range(12):
        if s in lex.synonyms:
            return lex.synonyms[s]
        shorter = _strip_once(s, lex.prefixes, lex.suffixes)
        if shorter == s:
            break
        s = shorter
    return lex.synonyms.get(s, s)


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
    """Similarity of two normalised metrics (see ``normalise_metric``)."""
    return guarded_similarity(a, b, lexicon().qualifiers)


def lower_is_better(metric_key: str) -> bool:
    """Whether less of this (normalised) metric is the better outcome: 失业率, 居民消费价格."""
    return any(w in metric_key for w in lexicon().lower_is_better)


def is_multi_year(text: str) -> bool:
    """Whether a figure's clause reports a multi-year total or average (五年年均增长5.2%)."""
    clean = _clean(text)
    return any(w in clean for w in lexicon().multi_year)


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


def commitment_metric_similarity(x: Commitment, y: Commitment) -> float:
    """Similarity of what two commitments measure: their metrics, or their clauses without numbers."""
    kx, ky = normalise_metric(x.metric), normalise_metric(y.metric)
    if kx and ky:
        sim = metric_similarity(kx, ky)
        return sim if sim >= MIN_METRIC_SIMILARITY else 0.0
    if kx or ky:
        return 0.0
    sim = similarity(_without_numbers(x.text), _without_numbers(y.text))
    return sim if sim >= MIN_TEXT_SIMILARITY else 0.0


def match_commitments(
    a: Sequence[Commitment], b: Sequence[Commitment], ctx_a: Context, ctx_b: Context
) -> list[tuple[int, int]]:
    """Pair commitments of two plans one to one by metric and unit, helped by context; symmetric."""
    by_unit: dict[str, list[int]] = {}
    for j, y in enumerate(b):
        by_unit.setdefault(normalise_unit(y.unit), []).append(j)
    cands: list[Candidate] = []
    for i, x in enumerate(a):
        for j in by_unit.get(normalise_unit(x.unit), []):
            y = b[j]
            if x.status != y.status:
                continue
            sim = commitment_metric_similarity(x, y)
            if sim <= 0.0:
                continue
            score = (
                sim
                + (0.05 if x.kind == y.kind else 0.0)
                + 0.05 * ctx_a.section_similarity(ctx_b, x.section, y.section)
                + (0.03 if x.domains[:1] and x.domains[:1] == y.domains[:1] else 0.0)
                + (0.1 if commitment_core_equal(x, y) else 0.0)
                - 0.05 * abs(_position(i, len(a)) - _position(j, len(b)))
            )
            cands.append((score, i, j))
    return one_to_one(cands)


def match_projects(
    a: Sequence[Project], b: Sequence[Project], ctx_a: Context, ctx_b: Context
) -> list[tuple[int, int]]:
    """Pair projects of two plans one to one by normalised name; symmetric."""
    keys_b = [project_key(y.name) for y in b]
    cands: list[Candidate] = []
    for i, x in enumerate(a):
        kx = project_key(x.name)
        for j, y in enumerate(b):
            if x.status != y.status:
                continue
            sim = guarded_similarity(kx, keys_b[j])
            if sim < MIN_PROJECT_SIMILARITY:
                continue
            score = (
                sim
                + (0.05 if x.stage == y.stage else 0.0)
                + 0.03 * ctx_a.section_similarity(ctx_b, x.section, y.section)
                + (0.02 if x.domains[:1] and x.domains[:1] == y.domains[:1] else 0.0)
                - 0.05 * abs(_position(i, len(a)) - _position(j, len(b)))
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
            score = similarity(kx, keys_b[j]) + (0.3 if x.path == y.path else 0.0)
            if score < MIN_SECTION_SCORE:
                continue
            cands.append((score + (0.05 if x.level == y.level else 0.0), i, j))
    return one_to_one(cands)
