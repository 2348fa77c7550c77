"""Segmentation: the heading tree, the parts, the topic sentences and the document facts.

Works on the folded view (``normalize.fold``), so every offset indexes the decoded source text.
The output is plain data (``Layout``); ``assemble`` turns it into the contract's models.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from govplan import patterns as P
from govplan.options import ParseOptions

Span = tuple[int, int]


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
    _newlines: list[int] | None = field(default=None, repr=False)

    def line_at(self, offset: int) -> int:
        """1-based line number of ``offset``; a bisection, so large inputs stay linear."""
        if self._newlines is None:
            text, found = self.text, []
            i = text.find("\n")
            while i >= 0:
                found.append(i)
                i = text.find("\n", i + 1)
            self._newlines = found
        return bisect.bisect_left(self._newlines, offset) + 1

    def index(self) -> None:
        """Prepare the offset lookups; call once after the tree is final."""
        flat = _walk(self.sections)
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
        return s.part if s else "plan"


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


def _part_of(title: str, current: str | None) -> str | None:
    if P.PART_OTHER_RE.search(title):
        return "other"
    if P.PART_REVIEW_RE.search(title):
        return "review"
    if P.PART_PLAN_RE.search(title):
        return "plan"
    return current


def segment_text(text: str, view: str, options: ParseOptions, bold: list[Span] | None = None) -> Layout:
    """Split a report into its heading tree, topics and parts."""
    lines = _lines(view)
    n = len(text)
    body_end = n
    for s, e, _ln in lines:
        if e - s <= 24 and P.APPENDIX_RE.match(view, s, e):
            body_end = s
            break
    lines = [ln for ln in lines if ln[0] < body_end]

    sections: list[RawSection] = []
    paragraphs: list[Paragraph] = []
    stack: list[RawSection] = []  # open sections, outermost first
    part_ctx: str | None = None  # part set by the last unnumbered part heading / level-1 title
    warnings: list[tuple[str, str, Span | None]] = []
    root: RawSection | None = None

    def open_section(sec: RawSection) -> None:
        while stack and stack[-1].level >= sec.level:
            stack.pop()
        (stack[-1].children if stack else sections).append(sec)
        stack.append(sec)

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
    for s, e, ln in lines:
        if s < front_end:
            continue  # title, dateline, speaker and photo caption: never headings or topics
        heading = _match_heading(view, s, e)
        if heading is not None:
            level, number, tstart = heading
            tend, runs_on = _title_end(view, tstart, e)
            while tend > tstart and view[tend - 1] in P.SPACE_CHARS + ":":
                tend -= 1
            title = view[tstart:tend]
            part = part_ctx
            own = _part_of(title, None)
            if level == 1:
                if own is not None:
                    part_ctx = own
                    part = own
                elif part is None:
                    part = "plan"
                    part_ctx = part
            else:
                parent = next((x for x in reversed(stack) if x.level < level), None)
                part = parent.part if parent else (part_ctx or "plan")
                if own == "other" and part == "plan":
                    part = "other"  # （十二）全面加强政府自身建设 closes the plan part
            sec = RawSection(level, number, (tstart, tend), s, ln, part or "plan")
            open_section(sec)
            if runs_on:
                paragraphs.append(Paragraph(tend, e, ln))
            continue
        paragraphs.append(Paragraph(s, e, ln))
        here = stack[-1] if stack else root
        for t in _topics_in(view, s, e, options, bold_starts if use_bold else None):
            if here is None:
                # Topics before any heading (an excerpt cut mid-report) need a section to hang
                # from: an untitled one, never put on the stack, so later headings stay top-level.
                root = here = RawSection(1, "", (s, s), s, ln, part_ctx or "plan")
                sections.append(root)
            here.topics.append(t)

    # unnumbered part headings on a line of their own (2023年工作安排) are level-1 sections too;
    # they were matched above by _match_heading with an empty number.
    _close(sections, body_end)
    for sec in _walk(sections):
        # Paired leads come in series (four 狠抓…，打造… in one section); a lone one is a
        # slogan in the closing words (大道至简，实干为要), not a topic.
        if sum(t.paired for t in sec.topics) < 2:
            sec.topics = [t for t in sec.topics if not t.paired]
    preamble_end = min((x.start for x in sections), default=0)
    if not any(x.title[1] > x.title[0] for x in _walk(sections)):
        warnings.append(("no-headings", "no numbered or part headings found; the text is one section", None))
        # Without headings nothing marks where the opening words end: only the front matter
        # (title, dateline, salutation) is kept out, so the targets paragraph is not lost.
        preamble_end = min(preamble_end, front_end)
    if body_end < n:
        warnings.append(
            ("appendix", f"glossary or annex from offset {body_end} kept out of the plan", (body_end, n))
        )
    layout = Layout(text, view, sections, paragraphs, body_end, preamble_end, warnings=warnings)
    _document_facts(layout, lines)
    layout.index()
    return layout


def _front_matter_end(view: str, lines: list[tuple[int, int, int]]) -> int:
    """Where the body begins: just after the salutation (各位代表：) when it opens the report."""
    for s, e, _ln in lines[:12]:
        if P.SALUTATION_RE.match(view, s, e):
            return e
    return 0


def _walk(nodes: list[RawSection]) -> list[RawSection]:
    out: list[RawSection] = []
    for s in nodes:
        out.append(s)
        out.extend(_walk(s.children))
    return out


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
    view: str, s: int, e: int, options: ParseOptions, bold_starts: dict[int, Span] | None
) -> list[RawTopic]:
    """The lead topic of the paragraph at [s, e) and the sub-topics and enumerated leads in it."""
    if bold_starts is not None:
        return _bold_topics(view, s, e, bold_starts)
    out: list[RawTopic] = []
    lead = _lead_sentence(view, s, e, options)
    if lead is not None:
        out.append(RawTopic(lead, paired=bool(P.COMMA_RE.search(view, lead[0], lead[1]))))
    for m in P.ENUM_LEAD_RE.finditer(view, s, e):
        ts, te = m.start("title"), m.end("title")
        if te - ts > options.max_enum_topic_chars:
            continue
        # A lead is expanded on before the next enumerator; a bare list item (一是…；二是…) is not.
        nxt = P.ENUM_START_ANYWHERE_RE.search(view, te + 1, e)
        if (nxt.start() if nxt else e) - (te + 1) < options.min_topic_body:
            continue
        topic = RawTopic((ts, te), marker=m.group("marker"))
        if out and out[0].marker is None and out[0].title[1] <= m.start():
            out[0].children.append(topic)
        else:
            out.append(topic)
    return out


def _lead_sentence(view: str, s: int, e: int, options: ParseOptions) -> Span | None:
    m = P.SENTENCE_END_RE.search(view, s, e)
    if m is None:
        return None
    ts, te = s, m.start()
    body = view[ts:te]
    chars = len(body.replace(" ", ""))
    if not options.min_topic_chars <= chars <= options.max_topic_chars:
        return None
    if e - m.end() < options.min_topic_body:
        return None  # nothing expands on it
    if P.NOT_LEAD_RE.match(body) or P.ENUM_START_RE.match(body) or ":" in body:
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


def _document_facts(layout: Layout, lines: list[tuple[int, int, int]]) -> None:
    view, text = layout.view, layout.text
    head = view[: layout.preamble_end] if layout.preamble_end else view[:400]
    m = P.TITLE_RE.search(head)
    if m:
        layout.title = _squash(text[m.start() : m.end()])
    congress = P.CONGRESS_RE.search(view[:800])
    if congress:
        region = _squash(congress.group("region"))
        layout.region = "中华人民共和国" if region in ("", "全国") or "全国" in congress.group(0) else region
        layout.year = int(congress.group("year")) if congress.group("year") else None
    if layout.region is None and P.NATIONAL_RE.search(view[:3000]):
        layout.region = "中华人民共和国"
    if layout.region is None:
        rm = P.TITLED_REGION_RE.search(view[:300])
        if rm:
            layout.region = _squash(rm.group("region"))
    if layout.year is None:
        ym = P.TITLE_YEAR_RE.search(view[:300])
        if ym:
            layout.year = int(ym.group(1))
        else:
            rv = P.REVIEW_YEAR_RE.search(view)
            if rv:
                layout.year = int(rv.group(1)) + 1
    r = layout.region
    if r:
        if r == "中华人民共和国":
            layout.level = "national"
        elif r.endswith(("省", "自治区")) or r in P.MUNICIPALITIES:
            layout.level = "province"
        elif r.endswith(("县", "区", "旗")):
            layout.level = "county"
        elif r.endswith(("市", "州", "盟")):
            layout.level = "city"


def _squash(s: str) -> str:
    return "".join(ch for ch in s if not ch.isspace() and ch not in "\u3000\u200b?")
