"""Policy domains for every topic, commitment and project, from a keyword lexicon.

The lexicon (``data/domains.yaml``, or the file given as ``--lexicon``) lists weighted keywords per
domain key of the contract (``models.DomainKey``). A topic reads its title first, then its own text
in its paragraph and its section's title as weaker evidence. A commitment or project is decided by the nearest words
that speak clearly, nearest first:

1. its own words: a commitment's metric and clause, a project's name (the word it ends with
   counts most);
2. its sentence (the list a project stands in, ``…等铁路建设``; the subject of a bare ``增长8%``);
3. its topic; without a topic, its paragraph (so that the items of a section without sub-headings
   do not all share one answer); then its section.

A layer speaks when its best domain reaches a threshold; a weak word of an inner layer is kept as a
runner-up behind what an outer layer decides, never the other way round. ``domain_evidence`` names
the keywords that decided (``教育:学校``), marked ``(sentence)``, ``(topic)``, ``(paragraph)`` or
``(section)`` when they come from around the item.

The whole document is scanned for keywords once; the reading of any stretch of it (a section's
body, a sentence) is then a bisection into that list, not another scan.

>>> from govplan.pipeline import parse_text
>>> plan = parse_text("一、2023年工作安排\\n办好人民满意教育。新建学校3所，增加学位2000个。\\n", name="r.txt")
>>> topic = plan.sections[0].topics[0]
>>> topic.domains[0], topic.domain_evidence[:2]
('education', ['教育:教育', '教育:学校'])
"""

from __future__ import annotations

import bisect
import functools
import math
import re as stdre
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast, get_args

import regex as re

from govplan.data import load
from govplan.errors import InputError
from govplan.models import Commitment, DomainKey, Project, Section, Topic
from govplan.options import ParseOptions
from govplan.patterns import PHASE, PHASE_NUMBER, RATIO_WORDS
from govplan.segment import Layout, RawSection, RawTopic, walk

DOMAIN_KEYS: tuple[str, ...] = get_args(DomainKey)
_ORDER = {k: i for i, k in enumerate(DOMAIN_KEYS)}  # ties go to the contract's order
MAX_DOMAINS = 3
RUNNER_UP = 0.5  # a domain is listed when it scores at least this share of the best one
MAX_EVIDENCE = 3  # keywords named per listed domain
REPEAT_CAP = 3  # a keyword repeated in a long text counts at most this often

# Weights of the places a topic's words come from.
TOPIC_TITLE = 4.0
TOPIC_BODY = 1.0
BODY_CAP = 8.0  # a paragraph adds less than this to a domain, so a clear title keyword decides
SECTION_TITLE = 1.5
# A section (the last fallback of items) reads its title and, weakly, its whole text.
SECTION_OWN_TITLE = 3.0
SECTION_BODY = 0.3
# An item's own words.
ITEM_METRIC = 3.0
ITEM_TEXT = 1.0
PROJECT_HEAD = 3.0  # the keyword a project's name ends with (…学校, …医院)
PROJECT_NAME = 1.0
# Weight of a name_ends character: above a word of 2 just before it (创业路 is a road), below one of 3
# (自由贸易港 is opening-up's).
NAME_END = 2.5
MIN_OWN = 1.5  # a project name whose best score is below this is read as silent (村 in …村搬迁)
# A commitment's metric word counts ITEM_METRIC + ITEM_TEXT times (the clause holds the metric): it
# speaks from weight 1.25 up; a leaning word (区域, 政府 …) leaves the choice to the sentence.
MIN_OWN_METRIC = 5.0
# The item's sentence: one clear word next to the item speaks (a list's 等铁路建设), a leaning word
# or a word far off in a long sentence does not.
SENTENCE = 1.0
MIN_SENTENCE = 2.0
NEAR = 30.0  # a sentence word this many characters from the item counts half (it speaks in full)
# How far a word after the item counts, against one before it: a commitment's subject leads it
# (地区生产总值…增长5%), a project's list ends with the class that names it (…、青山水库等重大水利工程).
AFTER_COMMITMENT = 2.0
AFTER_PROJECT = 0.5
TOPIC_TIE = 0.25  # the topic's first domain breaks ties between an item's own readings
_MEMO_LIMIT = 4096  # topic and paragraph readings kept (see _Context._memo)

# Where sentences end in the folded view (； and ！ fold to ; and !).
SENTENCE_BREAK_RE = re.compile(r"[。!?;\n]")
# The whole a share is taken of (研发经费支出占GDP比重, …相当于全市生产总值的比例): the share is the part's.
DENOMINATOR_RE = re.compile(rf"(?<={'|'.join(RATIO_WORDS)})[^,;。、]{{1,14}}?(?=的?(?:比重|比例))")
HAN_CHAR_RE = re.compile(r"\p{Han}")
# A phase that ends a project's name (南沙港五期, 民生港（一期）, 电厂二期工程): the name before it says what it is.
PHASE_RE = re.compile(rf"(?:[（(]{PHASE_NUMBER}[）)]|{PHASE})$")
# A note in brackets that ends a project's name (…产业园（祁州上康谷）, 保新路（S604）, …（安徽段）): another
# name or the stretch meant, not what the project is; the name before it says that.
NOTE_RE = re.compile(r"[（(][^（()）]{1,12}[）)]$")
# A road or line carried on in a direction (复兴路西延, 6号线南延, 13号线东延伸, 岸线南拓北延): the name
# before it says what it is.
EXTENSION_RE = re.compile(r"(?:[东南西北](?:延伸?|拓)){1,2}$")

T = TypeVar("T", Commitment, Project)


@dataclass(frozen=True)
class DomainLexicon:
    """Keywords and their (domain, weight) pairs, and the pattern that finds them longest first."""

    labels: dict[str, str]
    entries: dict[str, tuple[tuple[str, float], ...]]
    pattern: stdre.Pattern[str]
    # Heads that name only the kind of place a project is (产业园, 公园, 街区): the keyword before one
    # says what the place is for (现代农业产业园, 考古公园), so it weighs as a head too.
    containers: frozenset[str] = frozenset()
    # Characters that say what a project is only when they end its name (南沙港, 创业路): as keywords
    # they would be read inside every sentence (思路, 香港), so they are looked at there alone.
    name_ends: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    # ``label:keyword`` strings, each made once: every item names a few, and a 15 MB report's
    # 60,000 items made 230,000 copies of a few thousand strings
    names: dict[tuple[str, str, str], str] = field(default_factory=dict, compare=False, repr=False)

    def name(self, key: str, word: str, suffix: str = "") -> str:
        """``label:keyword`` (and the layer it comes from) of ``key``'s ``word``."""
        got = self.names.get((key, word, suffix))
        if got is None:
            got = self.names[(key, word, suffix)] = f"{self.labels[key]}:{word}{suffix}"
        return got


@dataclass(slots=True)
class Reading:
    """Scores per domain and the keywords that gave them, in the order they were met."""

    scores: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=dict)

    def add(self, other: Reading, factor: float = 1.0) -> Reading:
        for key, value in other.scores.items():
            self.scores[key] = self.scores.get(key, 0.0) + value * factor
            seen = self.evidence.setdefault(key, [])
            seen.extend(w for w in other.evidence.get(key, []) if w not in seen)
        return self

    def best(self) -> float:
        return max(self.scores.values(), default=0.0)

    def ranked(self) -> list[str]:
        """Domain keys best first: ties in contract order, runners-up within RUNNER_UP of the best."""
        order = sorted(
            (k for k, v in self.scores.items() if v > 0),
            key=lambda k: (-self.scores[k], _ORDER[k]),
        )
        if not order:
            return []
        best = self.scores[order[0]]
        return [k for k in order if self.scores[k] >= best * RUNNER_UP][:MAX_DOMAINS]


@dataclass(frozen=True, slots=True)
class Decision:
    """The domains of one item, best first, and the keywords that decided them."""

    domains: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()


@dataclass
class DomainDecisions:
    """What ``decide_domains`` found: per topic id, and per commitment and project in list order."""

    topics: dict[str, Decision]
    commitments: list[Decision]
    projects: list[Decision]

    def on_sections(self, sections: list[Section]) -> list[Section]:
        """``sections``, their topics now carrying their decisions (in place: copies of every model
        would be a second plan alive at once, a quarter of a huge report's peak memory)."""
        for s in sections:
            self._on_topics(s.topics)
            self.on_sections(s.sections)
        return sections

    def _on_topics(self, topics: list[Topic]) -> None:
        for t in topics:
            _update(t, _fields(self.topics.get(t.id, Decision())))
            self._on_topics(t.topics)

    @staticmethod
    def on_items(items: Sequence[T], decisions: Sequence[Decision]) -> list[T]:
        """``items`` carrying ``decisions`` (same order; updated in place)."""
        out = list(items)
        for item, d in zip(out, decisions, strict=True):
            _update(item, _fields(d))
        return out


def _update(model: Topic | Commitment | Project, fields: dict[str, Any]) -> None:
    """What ``model.model_copy(update=fields)`` gives, without the copy (the fields are already valid)."""
    model.__dict__.update(fields)
    model.__pydantic_fields_set__.update(fields)


def _fields(d: Decision) -> dict[str, Any]:
    return {"domains": list(d.domains), "domain_evidence": list(d.evidence)}


def _trie_pattern(words: Sequence[str]) -> str:
    """One regex over ``words`` that takes the longest word at the leftmost position.

    The words are folded into a prefix tree (教育|教育体系|教师 -> 教(?:育(?:体系)?|师)), which the
    standard ``re`` engine runs several times faster than a flat alternation of hundreds of words.
    The engine tries a group's alternatives one after another, and most places where a keyword
    could start hold none (发 of 发挥 ...): a flat list of 467 first characters costs all 467 tries
    there. So the first characters are split into a few classes, each class into smaller ones told
    apart by looking back at the character just read, down to one character and its own branch:
    about twenty tries instead (the scan of a report takes less than half the time). A place is
    still read by exactly one branch, its first character's, so what matches is the same.
    """
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [stdre.escape(ch) + build(node[ch]) for ch in sorted(ch for ch in node if ch)]
        if not alts:
            return ""
        group = alts[0] if len(alts) == 1 and len(alts[0]) == 1 else "(?:" + "|".join(alts) + ")"
        return group + "?" if "" in node else group

    def one_of(chars: Sequence[str]) -> str:
        escaped = "".join(stdre.escape(ch) for ch in chars)
        return escaped if len(chars) == 1 else "[" + escaped + "]"

    def split(chars: Sequence[str]) -> list[Sequence[str]]:
        size = -(-len(chars) // _FAN_OUT)
        return [chars[i : i + size] for i in range(0, len(chars), size)]

    def below(chars: Sequence[str]) -> str:
        """The branches of ``chars``, the character just read being one of them."""
        if len(chars) <= _FAN_OUT:
            return "|".join(f"(?<={stdre.escape(ch)}){build(trie[ch])}" for ch in chars)
        return "|".join(f"(?<={one_of(part)})(?:{below(part)})" for part in split(chars))

    firsts = sorted(trie)
    return "(?:" + "|".join(f"{one_of(part)}(?:{below(part)})" for part in split(firsts)) + ")"


_FAN_OUT = 6  # classes per level of the first-character tree (4 to 12 measure alike)


# Bounds on a user's lexicon (the bundled one has 678 keywords of at most 6 characters): a million
# keywords or one of millions of characters would make a pattern that takes minutes to build.
LEXICON_LIMIT = 4 * 1024 * 1024
MAX_KEYWORDS = 50_000
MAX_KEYWORD_CHARS = 100


def _parse_lexicon(raw: Any, where: str) -> DomainLexicon:
    if not isinstance(raw, dict) or not isinstance(raw.get("domains"), dict):
        raise InputError("not a domain lexicon: it needs a 'domains' mapping of domain keys", where)
    labels: dict[str, str] = {}
    entries: dict[str, list[tuple[str, float]]] = {}
    for key, spec in raw["domains"].items():
        if key not in DOMAIN_KEYS:
            raise InputError(f"unknown domain key {key!r} (known: {', '.join(DOMAIN_KEYS)})", where)
        if not isinstance(spec, dict) or "keywords" not in spec:
            raise InputError(f"domain {key!r} needs 'keywords'", where)
        labels[key] = str(spec.get("label") or key)
        words = spec["keywords"]
        pairs: Iterable[tuple[Any, Any]]
        if isinstance(words, dict):
            pairs = words.items()
        elif isinstance(words, list):
            pairs = ((w, 1) for w in words)
        else:
            raise InputError(f"keywords of {key!r} must be a list or a mapping of word to weight", where)
        for word, weight in pairs:
            if not isinstance(word, str | int) or not str(word).strip():
                raise InputError(f"a keyword of {key!r} is empty", where)
            if (
                isinstance(weight, bool)
                or not isinstance(weight, int | float)
                or not math.isfinite(weight)
                or weight <= 0
            ):
                raise InputError(f"keyword {word!r} of {key!r} needs a positive number as weight", where)
            if len(str(word)) > MAX_KEYWORD_CHARS:
                raise InputError(f"a keyword of {key!r} is longer than {MAX_KEYWORD_CHARS} characters", where)
            entries.setdefault(str(word).strip(), []).append((key, float(weight)))
            if len(entries) > MAX_KEYWORDS:
                raise InputError(f"more than {MAX_KEYWORDS:,} keywords", where)
    if not entries:
        raise InputError("the lexicon has no keywords", where)
    neutral = raw.get("neutral") or []
    if not isinstance(neutral, list) or not all(isinstance(w, str) and w.strip() for w in neutral):
        raise InputError("'neutral' must be a list of words", where)
    for word in neutral:
        entries.setdefault(word.strip(), [])  # found, so the keywords inside it are not, but counts for none
    containers = raw.get("containers") or []
    # (a neutral word is found but counts for no domain, so it contains nothing either)
    if not isinstance(containers, list) or not all(
        isinstance(w, str) and entries.get(w.strip()) for w in containers
    ):
        raise InputError("'containers' must be a list of keywords", where)
    name_ends = _parse_name_ends(raw.get("name_ends") or {}, labels, where)
    pattern = stdre.compile(_trie_pattern(sorted(entries)))
    return DomainLexicon(
        labels,
        {w: tuple(p) for w, p in entries.items()},
        pattern,
        frozenset(w.strip() for w in containers),
        name_ends,
    )


def _parse_name_ends(
    raw: Any, labels: dict[str, str], where: str
) -> dict[str, tuple[tuple[str, float], ...]]:
    """``name_ends``: domain key -> list of single characters (each weighing NAME_END)."""
    if not isinstance(raw, dict):
        raise InputError("'name_ends' must map domain keys to lists of characters", where)
    out: dict[str, list[tuple[str, float]]] = {}
    for key, chars in raw.items():
        if key not in DOMAIN_KEYS:
            raise InputError(f"unknown domain key {key!r} (known: {', '.join(DOMAIN_KEYS)})", where)
        if key not in labels:
            raise InputError(f"'name_ends' names {key!r}, which has no keywords", where)
        if not isinstance(chars, list) or not all(
            isinstance(c, str) and HAN_CHAR_RE.fullmatch(c) for c in chars
        ):
            raise InputError("'name_ends' must map domain keys to lists of characters", where)
        for c in chars:
            out.setdefault(c, []).append((key, NAME_END))
    return {c: tuple(p) for c, p in out.items()}


@functools.lru_cache(maxsize=8)
def load_lexicon(path: str | None = None) -> DomainLexicon:
    """The bundled lexicon, or the one at ``path`` (InputError when it is missing or invalid)."""
    if path is None:
        return _parse_lexicon(load("domains.yaml"), "domains.yaml")
    from govplan.yamlload import load_config

    raw = load_config(path, "lexicon", LEXICON_LIMIT)  # bounded read; duplicate keys, aliases refused
    return _parse_lexicon(raw, path)


def _tally(words: Iterable[tuple[str, float]], lex: DomainLexicon) -> Reading:
    """A reading of ``(keyword, factor)`` pairs met in order; a repeated keyword counts REPEAT_CAP times."""
    counts: dict[str, int] = {}
    out = Reading()
    scores, evidence = out.scores, out.evidence
    for word, f in words:
        n = counts.get(word, 0) + 1
        counts[word] = n
        if n > REPEAT_CAP:
            continue
        for key, weight in lex.entries[word]:
            scores[key] = scores.get(key, 0.0) + weight * f
            seen = evidence.get(key)
            if seen is None:
                evidence[key] = [word]
            elif word not in seen:
                seen.append(word)
    return out


def read_name(name: str, lex: DomainLexicon) -> Reading:
    """The domains a project's name points to: the keyword it ends with weighs most, and when that is
    a container (…产业园, …公园), so does the keyword that says what the place is for (现代农业产业园).
    A phase (…五期, …（一期）), a note in brackets (…（安徽段）) or a direction it is carried on in
    (…路东延) is not what the name ends with; a name that no keyword ends may end with a character of
    ``name_ends`` (南沙港, 创业路), which then weighs as a container would, unless a neutral word ends it
    (物流专线 and 旅游路线 are services, not lines built)."""
    name = PHASE_RE.sub("", NOTE_RE.sub("", name) or name) or name
    name = EXTENSION_RE.sub("", name) or name
    every = [(m.group(), m.end()) for m in lex.pattern.finditer(name)]
    found = [(w, e) for w, e in every if lex.entries[w]]
    head = len(found) - 1 if found and found[-1][1] == len(name) else -1
    # ``之路`` is a figure (海上丝绸之路, 振兴之路), not a road
    figure = len(name) > 1 and name[-2] == "之"
    said = bool(every) and every[-1][1] == len(name)  # a keyword or a neutral word ends the name
    end = lex.name_ends.get(name[-1], ()) if not said and name and not figure else ()
    if end and found and found[-1][1] == len(name) - 1:
        first = head = len(found) - 1  # the word before 路 says what kind of road (园区路)
    else:
        container = head > 0 and found[head][0] in lex.containers
        first = head - 1 if container and found[head - 1][1] == len(name) - len(found[head][0]) else head
    reading = _tally(
        (
            (w, PROJECT_HEAD if first <= k <= head and k >= 0 else PROJECT_NAME)
            for k, (w, _) in enumerate(found)
        ),
        lex,
    )
    for key, weight in end:
        reading.scores[key] = reading.scores.get(key, 0.0) + weight * PROJECT_HEAD
        reading.evidence.setdefault(key, []).append(name[-1])
    return reading


def read_text(text: str, lex: DomainLexicon, factor: float = 1.0) -> Reading:
    """The domains the keywords of ``text`` point to, each weighing ``factor``."""
    return _tally(((m.group(), factor) for m in lex.pattern.finditer(text)), lex)


class Scan:
    """Every keyword of a document, found in one pass; the reading of any stretch is a bisection."""

    def __init__(self, view: str, lex: DomainLexicon) -> None:
        self.lex = lex
        # Offsets in machine-word arrays and each word the lexicon's own string: a 15 MB report
        # meets over a million keywords, which as lists of ints and fresh strings took 170 MB.
        self.starts = array("q")
        self.ends = array("q")
        self.words: list[str] = []
        own = {w: w for w in lex.entries}
        starts, ends, words = self.starts, self.ends, self.words
        for m in lex.pattern.finditer(view):
            s, e = m.span()
            starts.append(s)
            ends.append(e)
            g = m.group()
            words.append(own.get(g, g))

    def read(self, start: int, end: int, factor: float = 1.0) -> Reading:
        """The reading of ``view[start:end]``: the keywords found wholly inside it."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end, i)
        ends, words = self.ends, self.words
        return _tally(((words[k], factor) for k in range(i, j) if ends[k] <= end), self.lex)


def evidence_of(reading: Reading, keys: Sequence[str], lex: DomainLexicon, suffix: str = "") -> list[str]:
    """``label:keyword`` for the first keywords of each listed domain."""
    return [lex.name(k, w, suffix) for k in keys for w in reading.evidence.get(k, [])[:MAX_EVIDENCE]]


def decide_domains(
    layout: Layout, commitments: Sequence[Commitment], projects: Sequence[Project], options: ParseOptions
) -> DomainDecisions:
    """The domains (best first) and their evidence for every topic, commitment and project.

    Reads the raw layout and the extracted items; builds nothing, changes nothing.
    """
    lex = load_lexicon(str(options.lexicon) if options.lexicon is not None else None)
    ctx = _Context(layout, lex)
    decisions = DomainDecisions({}, [], [])
    for raw in walk(layout.sections):
        for t in _walk_topics(raw.topics):
            reading = ctx.topic(t.id)
            keys = reading.ranked()
            decisions.topics[t.id] = Decision(tuple(keys), tuple(evidence_of(reading, keys, lex)))
    for c in commitments:
        metric, said = (DENOMINATOR_RE.sub("", c.metric or ""), DENOMINATOR_RE.sub("", c.text))
        own = read_text(metric, lex, ITEM_METRIC).add(read_text(said, lex, ITEM_TEXT))
        decisions.commitments.append(
            ctx.settle(own, c.span, c.topic, c.section, MIN_OWN_METRIC, AFTER_COMMITMENT)
        )
    for p in projects:
        own = read_name(p.name, lex)
        decisions.projects.append(ctx.settle(own, p.span, p.topic, p.section, MIN_OWN, AFTER_PROJECT))
    return decisions


class _Context:
    """The readings around items (sentences, topics, paragraphs, sections), each made once."""

    def __init__(self, layout: Layout, lex: DomainLexicon) -> None:
        self.layout = layout
        self.lex = lex
        self.scan = Scan(layout.view, lex)
        self.breaks = array("q", [m.start() for m in SENTENCE_BREAK_RE.finditer(layout.view)])
        self.para_starts = [p.start for p in layout.paragraphs]
        self.ends = _Ends(layout)
        self.sections: dict[str, RawSection] = {}
        self.topics: dict[str, tuple[RawSection, RawTopic]] = {}
        for s in walk(layout.sections):
            self.sections[s.id] = s
            for t in _walk_topics(s.topics):
                self.topics[t.id] = (s, t)
        self._cache: dict[tuple[str, object], Reading] = {}
        self._sections: dict[object, Reading] = {}

    def _memo(self, kind: str, key: object, make: Any) -> Reading:
        """The reading of a topic, paragraph or section, made once: items come in document order,
        so a topic's or paragraph's reading is kept while the next _MEMO_LIMIT are made (all of them
        in a report of ordinary length; a 15 MB one's took 25 MB), a section's for the whole run (a
        section's text can be long, and there are few)."""
        if kind == "section":
            got = self._sections.get(key)
        else:
            got = self._cache.get((kind, key))
        if got is None:
            got = make()
            # What stands around items is only ranked and named (its first MAX_EVIDENCE keywords
            # of a listed domain), never added to: a long body's other keywords are let go.
            for words in got.evidence.values():
                if len(words) > MAX_EVIDENCE:
                    del words[MAX_EVIDENCE:]
            if kind == "section":
                self._sections[key] = got
            else:
                if len(self._cache) >= _MEMO_LIMIT:
                    del self._cache[next(iter(self._cache))]  # the oldest
                self._cache[(kind, key)] = got
        return cast(Reading, got)

    def sentence(self, span: tuple[int, int], after: float) -> tuple[Reading, Reading]:
        """The words of the item's sentence, each weighing less the farther it stands from the item;
        and the sentence read flat, which says whether it speaks at all."""
        start, end = span
        b = bisect.bisect_left(self.breaks, start)
        lo = self.breaks[b - 1] + 1 if b > 0 else 0
        b = bisect.bisect_left(self.breaks, end, b)
        hi = self.breaks[b] if b < len(self.breaks) else len(self.layout.view)
        scan = self.scan
        i = bisect.bisect_left(scan.starts, lo)
        j = bisect.bisect_left(scan.starts, hi, i)
        hits = []
        for k in range(i, j):
            if scan.ends[k] > hi:
                continue
            gap = max(start - scan.ends[k], after * (scan.starts[k] - end), 0)
            hits.append((scan.words[k], SENTENCE * NEAR / (NEAR + gap)))
        return _tally(hits, self.lex), _tally(((w, SENTENCE) for w, _ in hits), self.lex)

    def topic(self, tid: str | None) -> Reading:
        if tid is None or tid not in self.topics:
            return Reading()
        section, raw = self.topics[tid]

        def make() -> Reading:
            view = self.layout.view
            reading = read_text(view[raw.title[0] : raw.title[1]], self.lex, TOPIC_TITLE)
            return _topic_mix(
                reading,
                self.scan.read(raw.title[1], self._body_end(section, raw), TOPIC_BODY),
                read_text(view[section.title[0] : section.title[1]], self.lex, SECTION_TITLE),
            )

        return self._memo("topic", tid, make)

    def paragraph(self, offset: int) -> Reading:
        """A paragraph read as a topic would be: its first sentence as the title, the rest as body."""
        i = bisect.bisect_right(self.para_starts, offset) - 1
        if i < 0 or offset >= self.layout.paragraphs[i].end:
            return Reading()
        para = self.layout.paragraphs[i]

        def make() -> Reading:
            k = bisect.bisect_left(self.breaks, para.start)
            lead_end = min(self.breaks[k] if k < len(self.breaks) else para.end, para.end)
            return _topic_mix(
                self.scan.read(para.start, lead_end, TOPIC_TITLE),
                self.scan.read(lead_end, para.end, TOPIC_BODY),
                Reading(),
            )

        return self._memo("paragraph", i, make)

    def section(self, sid: str | None) -> Reading:
        if sid is None or sid not in self.sections:
            return Reading()
        s = self.sections[sid]

        def make() -> Reading:
            reading = self.scan.read(s.title[0], s.title[1], SECTION_OWN_TITLE)
            return reading.add(self.scan.read(s.title[1], s.end, SECTION_BODY))

        return self._memo("section", sid, make)

    def settle(
        self,
        own: Reading,
        span: tuple[int, int],
        tid: str | None,
        sid: str | None,
        min_own: float,
        after: float,
    ) -> Decision:
        """An item's domains from its own words, else its sentence, else what it stands in."""
        topic = self.topic(tid)
        around = topic if topic.scores else self.paragraph(span[0])
        lead = around.ranked()[:1]
        if own.best() >= min_own:
            return self._decide(own, lead, [(own, "")])
        sentence, flat = self.sentence(span, after)
        near = Reading().add(own).add(sentence)
        if Reading().add(own).add(flat).best() >= MIN_SENTENCE:
            return self._decide(near, lead, [(own, ""), (near, " (sentence)")])
        keys = own.ranked()
        layers = ((topic, " (topic)"), (around, " (paragraph)"), (self.section(sid), " (section)"))
        for inherited, suffix in layers:
            if got := inherited.ranked():
                extra = [k for k in keys if k not in got]
                domains = (got + extra)[:MAX_DOMAINS]
                evidence = evidence_of(inherited, got, self.lex, suffix)
                evidence += evidence_of(own, [k for k in extra if k in domains], self.lex)
                return Decision(tuple(domains), tuple(evidence))
        return Decision(tuple(keys), tuple(evidence_of(own, keys, self.lex)))

    def _decide(self, reading: Reading, lead: list[str], sources: list[tuple[Reading, str]]) -> Decision:
        """The ranked domains of ``reading`` (``lead`` breaking ties), each keyword named once."""
        if lead and lead[0] in reading.scores:
            reading = Reading(dict(reading.scores), reading.evidence)
            reading.scores[lead[0]] += TOPIC_TIE
        keys = reading.ranked()
        evidence: list[str] = []
        for k in keys:
            named: list[str] = []
            for source, suffix in sources:
                for w in source.evidence.get(k, []):
                    if len(named) < MAX_EVIDENCE and w not in named:
                        named.append(w)
                        evidence.append(self.lex.name(k, w, suffix))
        return Decision(tuple(keys), tuple(evidence))

    def _body_end(self, section: RawSection, topic: RawTopic) -> int:
        """Where a topic's text ends: the next topic that is not its own sub-topic, or its paragraph's end."""
        return self.ends.body_end(section, topic)


def _topic_mix(title: Reading, body: Reading, section_title: Reading) -> Reading:
    """A title's reading, its body's (saturating when the title speaks) and its heading's."""
    if title.scores:  # the title speaks: its paragraph only adds weaker, saturating evidence
        body.scores = {k: BODY_CAP * v / (v + BODY_CAP) for k, v in body.scores.items()}
    return title.add(body).add(section_title)


def topic_reading(
    title: str, body: str = "", section_title: str = "", lex: DomainLexicon | None = None
) -> Reading:
    """A topic's reading: its title first; its own text and its section's title as weaker evidence.

    >>> topic_reading("办好人民满意教育").ranked()
    ['education']
    """
    lex = lex or load_lexicon()
    return _topic_mix(
        read_text(title, lex, TOPIC_TITLE),
        read_text(body, lex, TOPIC_BODY),
        read_text(section_title, lex, SECTION_TITLE),
    )


class _Ends:
    """Where each topic's text ends: the next topic that is not its own sub-topic, or its paragraph's
    end; found by bisection (a page of 40,000 bold runs is 40,000 topics: no scan per topic)."""

    def __init__(self, layout: Layout) -> None:
        self.paragraphs = sorted(layout.paragraphs, key=lambda p: p.start)
        self.para_starts = [p.start for p in self.paragraphs]
        self.sections: dict[int, tuple[list[int], list[RawTopic]]] = {}

    def body_end(self, section: RawSection, topic: RawTopic) -> int:
        start = topic.title[0]
        i = bisect.bisect_right(self.para_starts, start) - 1
        para = self.paragraphs[i] if i >= 0 else None
        para_end = para.end if para is not None and start < para.end else topic.title[1]
        if id(section) not in self.sections:
            xs = sorted((x for t in section.topics for x in (t, *t.children)), key=lambda x: x.title[0])
            self.sections[id(section)] = ([x.title[0] for x in xs], xs)
        starts, xs = self.sections[id(section)]
        own = {id(c) for c in topic.children}
        for j in range(bisect.bisect_left(starts, start + 1), len(xs)):
            x = xs[j]
            if id(x) not in own and x is not topic:
                return min(para_end, x.title[0])
        return para_end


def _walk_topics(topics: list[RawTopic]) -> Iterator[RawTopic]:
    for t in topics:
        yield t
        yield from _walk_topics(t.children)
