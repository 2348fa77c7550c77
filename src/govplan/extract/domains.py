"""Policy domains for every topic, commitment and project, from a keyword lexicon.

The lexicon (``data/domains.yaml``, or the file given as ``--lexicon``) lists weighted keywords per
domain key of CONTRACT.md. A topic reads its title first, then its own text in its paragraph and
its section's title as weaker evidence. A commitment reads its metric and clause, a project its
name (the word its name ends with counts most); either inherits its topic's domains, else its
section's, where its own words are silent. ``domain_evidence`` names the keywords that decided
(``教育:学校``), marked ``(topic)`` or ``(section)`` when inherited.

>>> from govplan.pipeline import parse_text
>>> plan = parse_text("一、2023年工作安排\\n办好人民满意教育。新建学校3所，增加学位2000个。\\n", name="r.txt")
>>> topic = plan.sections[0].topics[0]
>>> topic.domains[0], topic.domain_evidence[:2]
('education', ['教育:教育', '教育:学校'])
"""

from __future__ import annotations

import functools
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, get_args

import regex as re
import yaml

from govplan.errors import InputError
from govplan.models import Commitment, DomainKey, Plan, Project, Section, Topic
from govplan.options import ParseOptions
from govplan.segment import Layout, RawSection, RawTopic

DOMAIN_KEYS: tuple[str, ...] = get_args(DomainKey)
MAX_DOMAINS = 3
RUNNER_UP = 0.5  # a domain is listed when it scores at least this share of the best one
MAX_EVIDENCE = 3  # keywords named per listed domain
REPEAT_CAP = 3  # a keyword repeated in a long text counts at most this often

# Weights of the places a topic's words come from.
TOPIC_TITLE = 4.0
TOPIC_BODY = 1.0
BODY_CAP = 8.0  # a paragraph adds less than this to a domain, so a clear title keyword decides
SECTION_TITLE = 1.5
# A section (the fallback of items without a topic) reads its title and, weakly, its whole text.
SECTION_OWN_TITLE = 3.0
SECTION_BODY = 0.3
# An item's own words.
ITEM_METRIC = 3.0
ITEM_TEXT = 1.0
PROJECT_HEAD = 3.0  # the keyword a project's name ends with (…学校, …医院)
PROJECT_NAME = 1.0
MIN_OWN = 1.5  # an item whose best own score is below this is read as silent (村 in …村搬迁)


@dataclass(frozen=True)
class Lexicon:
    """Keywords and their (domain, weight) pairs, and the pattern that finds them longest first."""

    labels: dict[str, str]
    entries: dict[str, tuple[tuple[str, float], ...]]
    pattern: re.Pattern[str]


@dataclass
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

    def ranked(self) -> list[str]:
        """Domain keys best first: ties in contract order, runners-up within RUNNER_UP of the best."""
        order = sorted(
            (k for k, v in self.scores.items() if v > 0),
            key=lambda k: (-self.scores[k], DOMAIN_KEYS.index(k)),
        )
        if not order:
            return []
        best = self.scores[order[0]]
        return [k for k in order if self.scores[k] >= best * RUNNER_UP][:MAX_DOMAINS]


# Bounds on a user's lexicon (the bundled one has 678 keywords of at most 6 characters): a million
# keywords or one of millions of characters would make a pattern that takes minutes to build.
LEXICON_LIMIT = 4 * 1024 * 1024
MAX_KEYWORDS = 50_000
MAX_KEYWORD_CHARS = 100


def _parse_lexicon(raw: Any, where: str) -> Lexicon:
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
    words_sorted = sorted(entries, key=lambda w: (-len(w), w))
    pattern = re.compile("|".join(re.escape(w) for w in words_sorted))
    return Lexicon(labels, {w: tuple(p) for w, p in entries.items()}, pattern)


@functools.lru_cache(maxsize=8)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The bundled lexicon, or the one at ``path`` (InputError when it is missing or invalid)."""
    if path is None:
        text = resources.files("govplan.data").joinpath("domains.yaml").read_text(encoding="utf-8")
        return _parse_lexicon(yaml.safe_load(text), "domains.yaml")
    from govplan.yamlload import load_config

    raw = load_config(path, "lexicon", LEXICON_LIMIT)  # bounded read; duplicate keys, aliases refused
    return _parse_lexicon(raw, path)


def read_text(text: str, lex: Lexicon, factor: float = 1.0, head_factor: float | None = None) -> Reading:
    """The domains the keywords of ``text`` point to; a keyword ending ``text`` weighs ``head_factor``."""
    counts: dict[str, int] = {}
    out = Reading()
    for m in lex.pattern.finditer(text):
        word = m.group()
        counts[word] = counts.get(word, 0) + 1
        if counts[word] > REPEAT_CAP:
            continue
        f = head_factor if head_factor is not None and m.end() == len(text) else factor
        for key, weight in lex.entries[word]:
            out.scores[key] = out.scores.get(key, 0.0) + weight * f
            seen = out.evidence.setdefault(key, [])
            if word not in seen:
                seen.append(word)
    return out


def evidence_of(reading: Reading, keys: Sequence[str], lex: Lexicon, suffix: str = "") -> list[str]:
    """``label:keyword`` for the first keywords of each listed domain."""
    return [f"{lex.labels[k]}:{w}{suffix}" for k in keys for w in reading.evidence.get(k, [])[:MAX_EVIDENCE]]


def assign_domains(plan: Plan, layout: Layout, options: ParseOptions) -> None:
    """Fill ``domains`` (best first) and ``domain_evidence`` on every topic, commitment and project."""
    lex = load_lexicon(str(options.lexicon) if options.lexicon is not None else None)
    view = layout.view
    sections: dict[str, Reading] = {}
    topics: dict[str, Reading] = {}
    ends = _Ends(layout)
    for raw, model in _pairs(layout.sections, plan.sections):
        title = view[raw.title[0] : raw.title[1]]
        reading = read_text(title, lex, SECTION_OWN_TITLE)
        reading.add(read_text(view[raw.title[1] : raw.end], lex, SECTION_BODY))
        sections[model.id] = reading
        for traw, tmodel in _topic_pairs(raw.topics, model.topics):
            tr = _topic_reading(layout, raw, traw, lex, ends)
            topics[tmodel.id] = tr
            tmodel.domains = tr.ranked()  # type: ignore[assignment]
            tmodel.domain_evidence = evidence_of(tr, tmodel.domains, lex)
    for c in plan.commitments:
        own = read_text(c.metric or "", lex, ITEM_METRIC).add(read_text(c.text, lex, ITEM_TEXT))
        _settle(c, own, topics.get(c.topic or ""), sections.get(c.section or ""), lex)
    for p in plan.projects:
        own = read_text(p.name, lex, PROJECT_NAME, head_factor=PROJECT_HEAD)
        _settle(p, own, topics.get(p.topic or ""), sections.get(p.section or ""), lex)


def _settle(
    item: Commitment | Project, own: Reading, topic: Reading | None, section: Reading | None, lex: Lexicon
) -> None:
    """An item's domains from its own words; else (or when they are weak) its topic's, its section's."""
    keys = own.ranked()
    if keys and own.scores[keys[0]] >= MIN_OWN:
        # The topic breaks ties between the item's own readings (学校 in a 教育 topic).
        if topic is not None and (ranked := topic.ranked()) and ranked[0] in own.scores:
            own.scores[ranked[0]] += 0.5
            keys = own.ranked()
        item.domains = keys  # type: ignore[assignment]
        item.domain_evidence = evidence_of(own, keys, lex)
        return
    for inherited, suffix in ((topic, " (topic)"), (section, " (section)")):
        if inherited is not None and (got := inherited.ranked()):
            extra = [k for k in keys if k not in got]
            item.domains = (got + extra)[:MAX_DOMAINS]  # type: ignore[assignment]
            item.domain_evidence = evidence_of(inherited, got, lex, suffix) + evidence_of(
                own, [k for k in extra if k in item.domains], lex
            )
            return
    item.domains = keys  # type: ignore[assignment]
    item.domain_evidence = evidence_of(own, keys, lex)


def _topic_reading(
    layout: Layout, section: RawSection, topic: RawTopic, lex: Lexicon, ends: _Ends
) -> Reading:
    view = layout.view
    return topic_reading(
        view[topic.title[0] : topic.title[1]],
        view[topic.title[1] : ends.body_end(section, topic)],
        view[section.title[0] : section.title[1]],
        lex,
    )


def topic_reading(title: str, body: str = "", section_title: str = "", lex: Lexicon | None = None) -> Reading:
    """A topic's reading: its title first; its own text and its section's title as weaker evidence.

    >>> topic_reading("办好人民满意教育").ranked()
    ['education']
    """
    lex = lex or load_lexicon()
    reading = read_text(title, lex, TOPIC_TITLE)
    body_reading = read_text(body, lex, TOPIC_BODY)
    if reading.scores:  # the title speaks: its paragraph only adds weaker, saturating evidence
        body_reading.scores = {k: BODY_CAP * v / (v + BODY_CAP) for k, v in body_reading.scores.items()}
    reading.add(body_reading)
    reading.add(read_text(section_title, lex, SECTION_TITLE))
    return reading


class _Ends:
    """Where each topic's text ends: the next topic that is not its own sub-topic, or its paragraph's
    end; found by bisection (a page of 40,000 bold runs is 40,000 topics: no scan per topic)."""

    def __init__(self, layout: Layout) -> None:
        self.paragraphs = sorted(layout.paragraphs, key=lambda p: p.start)
        self.para_starts = [p.start for p in self.paragraphs]
        self.sections: dict[int, tuple[list[int], list[RawTopic]]] = {}

    def body_end(self, section: RawSection, topic: RawTopic) -> int:
        start = topic.title[0]
        i = bisect_right(self.para_starts, start) - 1
        para = self.paragraphs[i] if i >= 0 else None
        para_end = para.end if para is not None and start < para.end else topic.title[1]
        if id(section) not in self.sections:
            xs = sorted((x for t in section.topics for x in (t, *t.children)), key=lambda x: x.title[0])
            self.sections[id(section)] = ([x.title[0] for x in xs], xs)
        starts, xs = self.sections[id(section)]
        own = {id(c) for c in topic.children}
        for j in range(bisect_left(starts, start + 1), len(xs)):
            x = xs[j]
            if id(x) not in own and x is not topic:
                return min(para_end, x.title[0])
        return para_end


def _pairs(raws: list[RawSection], models: list[Section]) -> Iterator[tuple[RawSection, Section]]:
    for raw, model in zip(raws, models, strict=True):
        yield raw, model
        yield from _pairs(raw.children, model.sections)


def _topic_pairs(raws: list[RawTopic], models: list[Topic]) -> Iterator[tuple[RawTopic, Topic]]:
    for raw, model in zip(raws, models, strict=True):
        yield raw, model
        yield from _topic_pairs(raw.children, model.topics)
