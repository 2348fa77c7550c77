"""Segmentation: the heading tree, the parts, the topic sentences and the document facts.

Works on the folded view (``normalize.fold``), so every offset indexes the decoded source text.
The output is plain data (``Layout``); ``assemble`` turns it into the contract's models.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from govplan import patterns as P
from govplan.ids import small_number
from govplan.models import Level, Span
from govplan.normalize import LineIndex
from govplan.options import ParseOptions


@dataclass
class RawTopic:
    title: Span
    marker: str | None = None
    children: list[RawTopic] = field(default_factory=list)
    id: str = ""
    paired: bool = False  # two comma-joined halves (狠抓颜值提标，打造精致城市)


@dataclass
class RawSection:
    level: int
    number: str
    title: Span
    start: int
    line: int
    part: str
    end: int = 0
    topics: list[RawTopic] = field(default_factory=list)
    children: list[RawSection] = field(default_factory=list)
    id: str = ""
    # A heading that covers both parts is labelled with the first; from `switch[0]` on, its text
    # speaks of the other one (“十四五”时期发展成就和“十五五”时期主要目标任务 -> “十五五”时期是…).
    switch: tuple[int, str] | None = None

    def part_for(self, offset: int) -> str:
        """The part of this section's text at ``offset``."""
        return self.switch[1] if self.switch and offset >= self.switch[0] else self.part


@dataclass
class Paragraph:
    start: int
    end: int
    line: int


@dataclass
class Layout:
    """What segmentation found: sections, paragraphs, document facts, warnings."""

    text: str
    view: str
    sections: list[RawSection]
    paragraphs: list[Paragraph]
    body_end: int  # where glossaries and annexes begin (len(text) when there are none)
    preamble_end: int  # where the first heading starts
    title: str | None = None
    region: str | None = None
    year: int | None = None
    level: str | None = None
    warnings: list[tuple[str, str, Span | None]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)
    _flat: list[RawSection] = field(default_factory=list, repr=False)
    _lines: LineIndex | None = field(default=None, repr=False)

    def line_at(self, offset: int) -> int:
        """1-based line number of ``offset``; a bisection, so large inputs stay linear."""
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines.line_of(offset)

    def index(self) -> None:
        """Prepare the offset lookups; call once after the tree is final."""
        flat = list(walk(self.sections))
        flat.sort(key=lambda s: (s.start, s.level))
        self._flat = flat
        self._starts = [s.start for s in flat]

    def section_at(self, offset: int) -> RawSection | None:
        """The innermost section whose span holds ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0:
            s = self._flat[i]
            if s.start <= offset < s.end:
                return s
            i -= 1
        return None

    def topic_at(self, offset: int) -> RawTopic | None:
        """The last topic (or sub-topic) of the innermost section that starts at or before ``offset``."""
        s = self.section_at(offset)
        best: RawTopic | None = None
        for t in s.topics if s else []:
            for x in (t, *t.children):
                if x.title[0] <= offset and (best is None or x.title[0] >= best.title[0]):
                    best = x
        return best

    def part_at(self, offset: int) -> str:
        """review, plan or other for the text at ``offset``."""
        if offset >= self.body_end or offset < self.preamble_end:
            return "other"
        s = self.section_at(offset)
        return s.part_for(offset) if s else "plan"


def _lines(view: str) -> list[tuple[int, int, int]]:
    """(start, end, line number) of every non-blank line, trimmed of spaces."""
    out = []
    pos = 0
    for n, raw in enumerate(view.split("\n"), start=1):
        s, e = pos, pos + len(raw)
        pos = e + 1
        while s < e and view[s] in P.SPACE_CHARS:
            s += 1
        while e > s and view[e - 1] in P.SPACE_CHARS:
            e -= 1
        if e > s:
            out.append((s, e, n))
    return out


def _title_end(view: str, start: int, end: int) -> tuple[int, bool]:
    """Where a heading's title ends on its line, and whether a paragraph runs on after it."""
    m = P.SENTENCE_END_RE.search(view, start, end)
    if m is None:
        return end, False
    rest = view[m.end() : end].strip()
    return m.start(), bool(rest)


def _five_year_start(numeral: str) -> int | None:
    """First year of the n-th five-year plan (十四五 -> 2021); the third began in 1966."""
    n = small_number(numeral)
    return 1966 + 5 * (int(n) - 3) if n.isdigit() and int(n) >= 3 else None


def _year_part(m: regex.Match[str], year: int) -> str:
    """The part a year (a YEAR_RE match) speaks of in the plan for ``year``: an earlier one the review."""
    return "review" if int(m.group(1)) < year else "plan"


def _five_year_part(m: regex.Match[str], year: int) -> str | None:
    """The part a five-year plan (a FIVE_YEAR_RE match) speaks of: one ended by ``year`` the review."""
    first = _five_year_start(m.group("n") or m.group("n2"))
    return None if first is None else ("review" if first + 5 <= year else "plan")


def _part_signals(title: str, year: int | None) -> list[tuple[int, str]]:
    """(position, part) of every word in a heading that places it in the review or the plan."""
    out = [(m.start(), "review") for m in P.PART_REVIEW_RE.finditer(title)]
    out += [(m.start(), "plan") for m in P.PART_PLAN_RE.finditer(title)]
    for m in P.YEAR_RE.finditer(title):
        # The plan's year decides which year is "last year"; unknown, only the words decide,
        # and a year with no other word (2023年) names the plan.
        if year:
            out.append((m.start(), _year_part(m, year)))
        elif not out:
            out.append((len(title), "plan"))
    for m in P.FIVE_YEAR_RE.finditer(title):
        part = _five_year_part(m, year) if year else None
        if part is not None:
            out.append((m.start(), part))
    return sorted(out)


def _part_of(title: str, year: int | None) -> str | None:
    """The part a heading names: the government itself is `other`; else the first signal wins,
    so a heading that covers both (2025年工作回顾和2026年工作安排) takes what it names first."""
    if P.PART_OTHER_RE.search(title):
        return "other"
    found = _part_signals(title, year)
    return found[0][1] if found else None


def _covers_both(view: str, sec: RawSection, year: int | None) -> bool:
    """Whether a heading names the review and the plan both, so its subsections say which."""
    found = {p for _, p in _part_signals(view[sec.title[0] : sec.title[1]], year)}
    return len(found) == 2


def _speaks_of(view: str, s: int, e: int, year: int | None) -> str | None:
    """The part a paragraph under a heading that covers both opens on: a time named near its start
    (根据《…第十五个五年规划的建议》，… is the plan in 2026), else how it opens."""
    head = view[s : min(e, s + 40)]
    found = [(m.start(), m) for m in P.FIVE_YEAR_RE.finditer(head)]
    if found and year:
        part = _five_year_part(min(found, key=lambda x: x[0])[1], year)
        if part is not None:
            return part
    return _opening_part(view, s, e, year)


def _opening_part(view: str, start: int, end: int, year: int | None) -> str | None:
    """The part the first words under a silent heading speak of: 2024年是… / 一年来 is the review,
    “十五五”时期是… / 今年 the plan."""
    head = view[start : min(end, start + 14)].lstrip(P.SPACE_CHARS)
    m = P.YEAR_RE.match(head)
    if m and year:
        return _year_part(m, year)
    f = P.FIVE_YEAR_RE.match(head)
    part = _five_year_part(f, year) if f and year else None
    if part is not None:
        return part
    if P.OPENS_REVIEW_RE.match(head):
        return "review"
    if P.OPENS_PLAN_RE.match(head):
        return "plan"
    return None


def _plan_year(view: str, name_year: int | None = None) -> int | None:
    """The year the plan is for: the congress date, else the title, else the year reviewed + 1,
    else the year of a plan heading (2024年工作安排), else the year in the file name."""
    congress = P.CONGRESS_RE.search(view[:800])
    if congress and congress.group("year"):
        return int(congress.group("year"))
    ym = P.TITLE_YEAR_RE.search(view[:300])
    if ym:
        return int(ym.group(1))
    rv = P.REVIEW_YEAR_RE.search(view)
    if rv:
        return int(rv.group(1)) + 1
    pv = P.PLAN_HEADING_YEAR_RE.search(view)
    return int(pv.group(1)) if pv else name_year


def segment_text(
    text: str, view: str, options: ParseOptions, bold: list[Span] | None = None, name: str = ""
) -> Layout:
    """Split a report into its heading tree, topics and parts; ``name`` (the file name) is the last
    place document facts are looked for."""
    lines = _lines(view)
    n = len(text)
    body_end = n
    for s, e, _ln in lines:
        if e - s <= 24 and P.APPENDIX_RE.match(view, s, e):
            body_end = s
            break
    lines = [ln for ln in lines if ln[0] < body_end]
    name_year = P.NAME_YEAR_RE.findall(name)
    year = _plan_year(view, int(name_year[-1]) if name_year else None)

    sections: list[RawSection] = []
    paragraphs: list[Paragraph] = []
    stack: list[RawSection] = []  # open sections, outermost first
    part_ctx: str | None = None  # part set by the last part heading
    under_unnumbered = False  # numbered headings sit under an unnumbered part line (2022年工作回顾)
    warnings: list[tuple[str, str, Span | None]] = []
    orphans: list[RawTopic] = []  # topics before any heading (an excerpt cut mid-report)

    def open_section(sec: RawSection) -> None:
        while stack and stack[-1].level >= sec.level:
            stack.pop()
        (stack[-1].children if stack else sections).append(sec)
        stack.append(sec)

    def add_topics(found: list[RawTopic]) -> None:
        if found:
            (stack[-1].topics if stack else orphans).extend(found)

    front_end = _front_matter_end(view, lines)
    bold_starts = {b[0]: b for b in (bold or [])}
    # A bold title or bold headings say nothing about topics: only bold runs in body lines count.
    starts = sorted(bold_starts)
    leads = sum(
        1
        for s, e, _ln in lines
        if s >= front_end
        and bisect.bisect_left(starts, e) > bisect.bisect_left(starts, s)
        and _match_heading(view, s, e) is None
    )
    use_bold = leads >= options.min_bold_topics
    body = _join_split_brackets(view, [ln for ln in lines if ln[0] >= front_end])
    headings = [_match_heading(view, s, e) for s, e, _ln in body]
    after_lone = False  # the paragraph after a lead printed on its own line is its elaboration
    for i, (s, e, ln) in enumerate(body):
        heading = headings[i]
        nxt = body[i + 1] if i + 1 < len(body) and headings[i + 1] is None else None
        if heading is not None:
            after_lone = False
            level, number, tstart = heading
            tend, runs_on = _title_end(view, tstart, e)
            rest = tend + 1 if runs_on else e
            while tend > tstart and view[tend - 1] in P.SPACE_CHARS + ":":
                tend -= 1
            title = view[tstart:tend]
            own = _part_of(title, year)
            if level == 1:
                if not number:
                    under_unnumbered = True
                elif own is None and not under_unnumbered:
                    # A heading that names no part (牢记殷殷嘱托，…): the first paragraphs under it
                    # that open on a time (2024年是…, 一年来, “十五五”时期是…) decide.
                    follow = [(rest, e)] if runs_on else []
                    for j in range(i + 1, min(i + 1 + options.part_lookahead, len(body))):
                        if headings[j] is not None:
                            break
                        follow.append((body[j][0], body[j][1]))
                    own = next((p for a, b in follow if (p := _opening_part(view, a, b, year))), None)
                    if own is None and part_ctx == "review":
                        own = "plan"  # a report looks back once; the next silent part looks ahead
                if own == "other" and number and under_unnumbered and part_ctx == "review":
                    own = None  # 六、坚持政府职能转变… under 2022年工作回顾 looks back at it
                part = own or part_ctx or "plan"
                part_ctx = part
            else:
                parent = next((x for x in reversed(stack) if x.level < level), None)
                part = parent.part_for(s) if parent else (part_ctx or "plan")
                if own == "other" and part == "plan":
                    part = "other"  # （十二）全面加强政府自身建设 closes the plan part
                elif (
                    own is not None
                    and parent is not None
                    and P.PART_WORDS_RE.search(title)
                    and _covers_both(view, parent, year)
                ):
                    part = own  # 一、2025年工作回顾和2026年工作安排 / （二）2026年工作安排
            sec = RawSection(level, number, (tstart, tend), s, ln, part)
            open_section(sec)
            if runs_on:
                paragraphs.append(Paragraph(tend, e, ln))
                # The heading is not a topic; leads inside its paragraph are.
                if use_bold:
                    add_topics(_bold_topics(view, rest, e, bold_starts))
                else:
                    add_topics(_topics_in(view, rest, e, options, lead=False, series=True))
            continue
        paragraphs.append(Paragraph(s, e, ln))
        top = stack[0] if stack else None
        if top is not None and top.switch is None and _covers_both(view, top, year):
            speaks = _speaks_of(view, s, e, year)
            if speaks is not None and speaks != top.part:
                top.switch = (s, speaks)
        if use_bold:
            add_topics(_bold_topics(view, s, e, bold_starts))
            continue
        lone = None if after_lone else _lone_lead(view, s, e, nxt, options)
        if lone is not None:
            em = P.ENUM_START_RE.match(view, lone[0], lone[1])
            add_topics([RawTopic((em.end(), lone[1]), marker=em.group()) if em else RawTopic(lone)])
            after_lone = True
            continue
        add_topics(_topics_in(view, s, e, options, lead=not after_lone))
        after_lone = False

    first_heading = min((x.start for x in sections), default=n)
    preamble_end = first_heading
    if front_end == 0 and not P.TITLE_RE.search(view[:first_heading]):
        # No title and no salutation: an excerpt cut mid-report, whose opening text is body.
        preamble_end = 0
    if not sections:
        what = "the text is one untitled section" if orphans else "the plan has no sections"
        warnings.append(("no-headings", f"no numbered or part headings found; {what}", None))
        if not P.REPORT_CUE_RE.search(view):
            warnings.append(
                (
                    "not-a-report",
                    "does not look like a government work report (no headings, no 各位代表 or "
                    "政府工作报告, no targets or look back)",
                    None,
                )
            )
        # Without headings nothing marks where the opening words end: only the front matter
        # (title, dateline, salutation) is kept out, so the targets paragraph is not lost.
        preamble_end = min(preamble_end, front_end)
        if orphans:
            # The whole text is one section; it has no heading, so no title either.
            sections.append(RawSection(1, "", (front_end, front_end), front_end, 1, "plan", topics=orphans))
    elif orphans:
        # An excerpt cut mid-section: its first leads have no heading to hang from. A section
        # without a title would be a heading nobody wrote, so they are reported, not invented.
        warnings.append(
            (
                "topics-before-heading",
                "topics before the first heading belong to no section",
                orphans[0].title,
            )
        )
    _close(sections, body_end)
    for sec in walk(sections):
        # Paired leads come in series (four 狠抓…，打造… in one section); a lone one is a
        # slogan in the closing words (大道至简，实干为要), not a topic.
        if sum(t.paired for t in sec.topics) < 2:
            sec.topics = [t for t in sec.topics if not t.paired]
    if body_end < n:
        warnings.append(
            ("appendix", f"glossary or annex from offset {body_end} kept out of the plan", (body_end, n))
        )
    layout = Layout(text, view, sections, paragraphs, body_end, preamble_end, warnings=warnings)
    _document_facts(layout, year)
    layout.index()
    return layout


def _join_split_brackets(view: str, lines: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """A scrape that broke a heading after its bracket (`（` / `三）改革开放…`) gets it back whole."""
    out: list[tuple[int, int, int]] = []
    for s, e, ln in lines:
        if out and view[out[-1][0] : out[-1][1]] == "(" and P.BROKEN_HEADING_RE.match(view, s, e):
            out[-1] = (out[-1][0], e, out[-1][2])
        else:
            out.append((s, e, ln))
    return out


def _front_matter_end(view: str, lines: list[tuple[int, int, int]]) -> int:
    """Where the body begins: just after the salutation (各位代表：) when it opens the report."""
    for s, e, _ln in lines[:40]:  # web scrapes put menus, datelines and a photo caption first
        if s > 3000:
            break
        if P.SALUTATION_RE.match(view, s, e):
            return e
    return 0


def walk(nodes: list[RawSection]) -> Iterator[RawSection]:
    """Every raw section at every level, depth first in document order."""
    for s in nodes:
        yield s
        yield from walk(s.children)


def _close(nodes: list[RawSection], end: int) -> None:
    for i, s in enumerate(nodes):
        nxt = nodes[i + 1].start if i + 1 < len(nodes) else end
        s.end = nxt
        _close(s.children, nxt)


def _match_heading(view: str, s: int, e: int) -> tuple[int, str, int] | None:
    """(level, number, title start) when the line at [s, e) is a heading."""
    for level, rx in P.HEADING_RES:
        m = rx.match(view, s, e)
        if m:
            tstart = m.end()
            while tstart < e and view[tstart] in P.SPACE_CHARS:
                tstart += 1
            if tstart >= e:
                return None
            return level, m.group("num"), tstart
    if e - s <= 30 and P.PART_HEADING_RE.fullmatch(view, s, e):
        return 1, "", s
    return None


def _topics_in(
    view: str, s: int, e: int, options: ParseOptions, lead: bool = True, series: bool = False
) -> list[RawTopic]:
    """The lead topic of the paragraph at [s, e) and the sub-topics and enumerated leads in it.

    ``lead`` is False where the paragraph's first sentence is not its own (a run-in heading's
    title, or the elaboration of a lead printed on the line before)."""
    out: list[RawTopic] = []
    first = _lead_sentence(view, s, e, options) if lead else None
    if first is not None:
        out.append(RawTopic(first, paired=bool(P.COMMA_RE.search(view, first[0], first[1]))))
    enums: list[RawTopic] = []
    for m in P.ENUM_LEAD_RE.finditer(view, s, e):
        ts, te = m.start("title"), m.end("title")
        if te - ts > options.max_enum_topic_chars:
            continue
        # A lead is expanded on before the next enumerator; a bare list item (一是…；二是…) is not.
        nxt = P.ENUM_START_ANYWHERE_RE.search(view, te + 1, e)
        if (nxt.start() if nxt else e) - (te + 1) < options.min_topic_body:
            continue
        enums.append(RawTopic((ts, te), marker=m.group("marker")))
    # A run of leads inside a paragraph is read where a heading runs into it; after a paragraph's
    # own lead, short sentences are its elaboration.
    subs = enums or (
        [RawTopic(x) for x in _series_leads(view, s, e, options)]
        if series or (lead and first is None)
        else []
    )
    if out and out[0].marker is None:
        out[0].children.extend(t for t in subs if t.title[0] >= out[0].title[1])
    else:
        out.extend(subs)
    return out


def _series_leads(view: str, s: int, e: int, options: ParseOptions) -> list[Span]:
    """Lead sentences inside a paragraph (…。大力推动能源转型。深化能源革命，…。着力推进产业升级。…):
    short verb phrases, each expanded on before the next; a run of them, never one alone."""
    cands: list[tuple[int, int, int]] = []  # (title start, title end, end of the sentence)
    first_two = e  # where the third sentence starts
    pos = s
    for k, m in enumerate(P.SENTENCE_END_RE.finditer(view, s, e)):
        ts, te = pos, m.start()
        pos = m.end()
        while ts < te and view[ts] in P.SPACE_CHARS + "。!?":
            ts += 1
        if k == 1:
            first_two = m.end()
        if _sub_lead_shape(view[ts:te], options):
            cands.append((ts, te, m.end()))
    found = [
        (ts, te)
        for i, (ts, te, end) in enumerate(cands)
        if (cands[i + 1][0] if i + 1 < len(cands) else e) - end >= options.min_sub_topic_body
    ]
    # Leads are the skeleton of such a paragraph: nearly every short sentence in it is one. Where
    # most short sentences are not expanded on, it is terse prose (一体推进…。完善…机制。深入实施…。).
    # ... and it opens on them: at most one framing sentence comes before the first lead. Short
    # sentences met later in a paragraph of facts are facts (率先发放股改企业专项贷。).
    if len(found) < options.min_sub_topics or 3 * len(found) < 2 * len(cands) or found[0][1] > first_two:
        return []
    return found


def _sub_lead_shape(body: str, options: ParseOptions) -> bool:
    chars = _length(body)
    if not options.min_topic_chars <= chars <= options.max_sub_topic_chars:
        return False
    if P.COMMA_RE.search(body) or ":" in body or P.DIGIT_RE.search(body):
        return False
    return not (P.NOT_LEAD_RE.match(body) or P.ENUM_START_RE.match(body) or P.NOT_SUB_LEAD_RE.search(body))


def _lone_lead(
    view: str, s: int, e: int, nxt: tuple[int, int, int] | None, options: ParseOptions
) -> Span | None:
    """A lead printed on a line of its own (加强生态系统保护修复。), its elaboration on the next line."""
    if nxt is None or nxt[1] - nxt[0] < options.min_topic_body or P.SALUTATION_LINE_RE.match(view, nxt[0]):
        return None
    m = P.SENTENCE_END_RE.search(view, s, e)
    if m is None or view[m.end() : e].strip():
        return None  # not one whole sentence
    body = view[s : m.start()]
    chars = _length(body)
    if not options.min_topic_chars <= chars <= options.max_topic_chars:
        return None
    if P.COMMA_RE.search(body) or ":" in body or P.LONE_NOT_LEAD_RE.match(body):
        return None
    if P.DIGIT_RE.search(body) and P.QUANTITY_HINT_RE.search(body):
        return None
    return s, m.start()


def _length(body: str) -> int:
    """A title's length in characters of its words: spaces and quotation marks do not count."""
    return sum(1 for ch in body if ch not in P.UNCOUNTED_CHARS)


def _lead_sentence(view: str, s: int, e: int, options: ParseOptions) -> Span | None:
    m = P.SENTENCE_END_RE.search(view, s, e)
    if m is None:
        return None
    ts, te = s, m.start()
    while ts < te and view[ts] in P.BULLET_CHARS:
        ts += 1  # ——经济运行持续向好。: the dash is a bullet, like an enumerator, not title
    body = view[ts:te]
    chars = _length(body)
    if not options.min_topic_chars <= chars <= options.max_topic_chars:
        return None
    if e - m.end() < options.min_topic_body:
        return None  # nothing expands on it
    if (
        (P.NOT_LEAD_RE.match(body) and not P.YEARS_LEAD_RE.match(body))
        or P.ENUM_START_RE.match(body)
        or ":" in body
    ):
        return None
    commas = P.COMMA_RE.findall(body)
    if commas:
        halves = P.COMMA_RE.split(body)
        if len(commas) > 1 or min(len(h) for h in halves) < 4 or chars > options.max_paired_topic_chars:
            return None
        if P.DIGIT_RE.search(body):
            return None  # 2022年，是…的一年: a time phrase, not a paired lead
    if P.DIGIT_RE.search(body) and P.QUANTITY_HINT_RE.search(body):
        return None
    return ts, te


def _bold_topics(view: str, s: int, e: int, bold_starts: dict[int, Span]) -> list[RawTopic]:
    out: list[RawTopic] = []
    for bs, (b0, b1) in sorted(bold_starts.items()):
        if not s <= bs < e:
            continue
        te = b1
        while te > b0 and view[te - 1] in P.SPACE_CHARS + "。.;,:!":
            te -= 1
        if te <= b0:
            continue
        # A bold enumerated lead (**一是…**) keeps its enumerator as the marker, as plain text does.
        em = P.ENUM_START_RE.match(view, b0, te)
        if em is not None and te - em.end() >= 2:
            topic = RawTopic((em.end(), te), marker=em.group())
        else:
            topic = RawTopic((b0, te))
        if bs == s or not out:
            out.append(topic)
        else:
            out[0].children.append(topic)
    return out


def _document_facts(layout: Layout, year: int | None) -> None:
    """Title, region, year and level: from the title, the session line, the signature, the dateline,
    the file name, in that order; a `document-facts` warning names what none of them gives."""
    view, text = layout.view, layout.text
    head = view[: layout.preamble_end] if layout.preamble_end else view[:400]
    m = P.TITLE_RE.search(head)
    if m:
        layout.title = _squash(text[m.start() : m.end()])
    layout.year = year
    congress = P.CONGRESS_RE.search(view[:800])
    if congress:
        region = _squash(congress.group("region"))
        layout.region = "中华人民共和国" if region in ("", "全国") or "全国" in congress.group(0) else region
    if layout.region is None and P.NATIONAL_RE.search(view[:3000]):
        layout.region = "中华人民共和国"
    if layout.region is None:
        rm = P.TITLED_REGION_RE.search(view[:300])
        if rm:
            layout.region = _squash(rm.group("region"))
    if layout.region is None:
        sig = P.SIGNATURE_RE.search(view[:1500])
        if sig:
            layout.region = _squash(sig.group("region") or sig.group("region2"))
    layout.level = _level_of(layout.region, view)
    missing = [k for k in ("region", "year", "level") if getattr(layout, k) is None]
    if missing:
        layout.warnings.append(
            (
                "document-facts",
                f"{', '.join(missing)} not found (no title, session line, signature or file name gives "
                f"{'it' if len(missing) == 1 else 'them'})",
                None,
            )
        )


def _level_of(region: str | None, view: str) -> Level | None:
    """national, province, city (prefecture level) or county (a county, district, banner or a
    county-level city: a 市 whose report names no counties under it)."""
    if not region:
        return None
    if region == "中华人民共和国":
        return "national"
    if region.endswith(("省", "自治区")) or region in P.MUNICIPALITIES:
        return "province"
    if region.endswith(("县", "区", "旗")):
        return "county"
    if region.endswith(("州", "盟")):
        return "city"
    if region.endswith("市"):
        return "city" if P.SUBORDINATE_COUNTIES_RE.search(view) else "county"
    return None


def _squash(s: str) -> str:
    return "".join(ch for ch in s if not ch.isspace() and ch not in "\u3000\u200b?")
