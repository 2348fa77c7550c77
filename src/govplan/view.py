"""The page model of ``govplan view``: a report's text with the plan's items laid on it.

Every heading, topic, commitment and project becomes a highlight at its span. Highlights must nest
to be HTML elements, but extracted spans can cross (two commitments that share a clause:
办理人大代表建议144件、政协提案121件). Items are placed in priority order (commitments, projects,
topics, headings; then by position) and an item that crosses one already placed is cut at the
other's boundary into contiguous pieces, so every character of every item is highlighted exactly
once and the pieces of an item, read in order, are its exact text. ``render.html`` writes the page.

>>> from govplan.pipeline import parse_text
>>> text = "一、2024年工作安排\\n新建学校3所。\\n"
>>> page = build_page(parse_text(text, name="r.txt"), text)
>>> [(i.kind, i.text) for i in page.items]
[('heading', '一、2024年工作安排'), ('commitment', '新建学校3所')]
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from govplan.errors import InputError
from govplan.inputs import beside
from govplan.models import Commitment, Plan, Project, Section, Topic
from govplan.normalize import LineIndex
from govplan.suffixes import PLAN_SUFFIXES

KINDS = ("heading", "topic", "commitment", "project")
# Which item stays whole where two spans cross: the lower rank wins.
PLACE_RANK = {"commitment": 0, "project": 1, "topic": 2, "heading": 3}
# Which item is the outer element where two spans are identical: the lower rank is outside.
NEST_RANK = {"heading": 0, "topic": 1, "project": 2, "commitment": 3}
COMPARATOR_WORDS = {
    "=": "= (exactly)",
    ">=": "≥ (以上, 不低于)",
    "<=": "≤ (以内, 不超过)",
    ">": "> (超过)",
    "<": "< (低于)",
    "~": "≈ (左右, 约)",
    "range": "range",
    "double": "doubled (翻番)",
}


@dataclass(frozen=True)
class Item:
    """One highlighted plan item: where it is, its exact text, and the fields the page shows."""

    id: str
    kind: str
    start: int
    end: int
    text: str
    line: int
    domains: tuple[str, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()
    level: int = 0  # headings: 1-3


@dataclass
class Mark:
    """A highlighted element: an item, or piece ``part`` of ``parts`` of it, with what nests inside."""

    item: Item
    start: int
    end: int
    part: int = 1
    parts: int = 1
    children: list[Mark | tuple[int, int]] = field(default_factory=list)


Node = Mark | tuple[int, int]  # a highlight, or plain text [start, end)


@dataclass(frozen=True)
class PageParagraph:
    """A run of lines that no highlight crosses; ``heading`` is the level when it opens with one."""

    start: int
    end: int
    line: int
    nodes: tuple[Node, ...]
    heading: int = 0


@dataclass(frozen=True)
class TocEntry:
    """A heading in the side panel: its item, and how many items of each kind lie in its section."""

    item: Item
    counts: dict[str, int]
    children: tuple[TocEntry, ...]


@dataclass(frozen=True)
class PageWarning:
    """A parser warning, or something the page could not show; ``line`` 0 when it has no place."""

    code: str
    message: str
    line: int = 0


@dataclass(frozen=True)
class Page:
    """Everything the page shows, in document order."""

    title: str
    source: str
    facts: tuple[tuple[str, str], ...]
    text: str
    items: tuple[Item, ...]
    paragraphs: tuple[PageParagraph, ...]
    toc: tuple[TocEntry, ...]
    warnings: tuple[PageWarning, ...]
    domain_labels: dict[str, str]

    def counts(self) -> dict[str, int]:
        """How many items of each kind the page highlights."""
        out = dict.fromkeys(KINDS, 0)
        for it in self.items:
            out[it.kind] += 1
        return out

    def domain_counts(self) -> dict[str, int]:
        """How many items carry each domain, in the lexicon's order."""
        out = dict.fromkeys(self.domain_labels, 0)
        for it in self.items:
            for d in it.domains:
                out[d] = out.get(d, 0) + 1
        return {k: v for k, v in out.items() if v}


# --- numbers and fields ---------------------------------------------------------------------------


def number(value: float | int | None) -> str:
    """A value as a person writes it: no exponent, no trailing .0 (1.3e12 -> 1300000000000)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _domain_names(domains: Sequence[str], labels: dict[str, str]) -> str:
    return "、".join(f"{labels.get(d, d)} ({d})" for d in domains)


def _common(fields: list[tuple[str, str]], it: Any, labels: dict[str, str]) -> None:
    if getattr(it, "status", None):
        fields.append(("status", it.status))
    if getattr(it, "section", None):
        fields.append(("section", it.section))
    if getattr(it, "topic", None):
        fields.append(("topic", it.topic))
    fields.append(("domains", _domain_names(it.domains, labels) or "—"))
    if it.domain_evidence:
        fields.append(("evidence", "、".join(it.domain_evidence)))


def commitment_fields(c: Commitment, labels: dict[str, str]) -> list[tuple[str, str]]:
    """The fields a commitment's card shows, in reading order."""
    value = number(c.value) if c.value_max is None else f"{number(c.value)}–{number(c.value_max)}"
    out = [
        ("metric", c.metric or "—"),
        ("value", f"{value} {c.unit}".strip()),
        ("comparator", COMPARATOR_WORDS.get(c.comparator, c.comparator)),
        ("as written", c.raw),
        ("kind", c.kind),
        ("stance", c.stance or "—"),
    ]
    _common(out, c, labels)
    return out


def project_fields(p: Project, labels: dict[str, str]) -> list[tuple[str, str]]:
    """The fields a project's card shows."""
    out = [("name", p.name), ("action", p.action or "—"), ("stage", p.stage)]
    _common(out, p, labels)
    return out


def topic_fields(t: Topic, labels: dict[str, str]) -> list[tuple[str, str]]:
    """The fields a topic's card shows."""
    out = [("title", t.title), ("marker", t.marker or "—")]
    _common(out, t, labels)
    return out


# --- building the page ----------------------------------------------------------------------------


def heading_end(text: str, s: Section) -> int:
    """Where a section's heading ends: after its title on the heading's line, else at the line end."""
    start = s.span[0]
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if s.title:
        pos = text.find(s.title, start, line_end)
        if pos >= 0:
            return pos + len(s.title)
    while line_end > start and text[line_end - 1].isspace():
        line_end -= 1
    return line_end


def _collect(
    plan: Plan, text: str, labels: dict[str, str]
) -> tuple[list[Item], list[PageWarning], dict[str, Section]]:
    """Every item with a usable span, in document order; a warning for each that has none."""
    lines = LineIndex(text)
    items: list[Item] = []
    problems: list[PageWarning] = []
    sections: dict[str, Section] = {}
    n = len(text)

    def add(kind: str, iid: str, start: int, end: int, expected: str | None, **kw: Any) -> None:
        if not (0 <= start < end <= n):
            problems.append(
                PageWarning("view-span", f"{kind} {iid}: span [{start}, {end}] is empty or outside the text")
            )
            return
        got = text[start:end]
        if expected is not None and expected != got:
            problems.append(
                PageWarning(
                    "view-text",
                    f"{kind} {iid}: its text is not the source text at its span",
                    lines.line_of(start),
                )
            )
        items.append(Item(iid, kind, start, end, got, lines.line_of(start), **kw))

    def topics(ts: Iterable[Topic]) -> None:
        for t in ts:
            fields = tuple(topic_fields(t, labels))
            add("topic", t.id, t.span[0], t.span[1], t.title, domains=tuple(t.domains), fields=fields)
            topics(t.topics)

    def walk(ss: Iterable[Section]) -> None:
        for s in ss:
            sections[s.id] = s
            fields = (
                ("number", s.number or "—"),
                ("title", s.title),
                ("level", str(s.level)),
                ("part", s.part),
            )
            add("heading", s.id, s.span[0], heading_end(text, s), None, fields=fields, level=s.level)
            topics(s.topics)
            walk(s.sections)

    walk(plan.sections)
    for c in plan.commitments:
        fields = tuple(commitment_fields(c, labels))
        add("commitment", c.id, c.span[0], c.span[1], c.text, domains=tuple(c.domains), fields=fields)
    for p in plan.projects:
        fields = tuple(project_fields(p, labels))
        add("project", p.id, p.span[0], p.span[1], p.text, domains=tuple(p.domains), fields=fields)
    items.sort(key=lambda it: (it.start, NEST_RANK[it.kind], -it.end, it.id))
    return items, problems, sections


def place(items: Sequence[Item]) -> list[Mark]:
    """Cut crossing items into pieces so that all highlights nest; returns the pieces, unnested.

    Items are placed in ``PLACE_RANK`` order, then by position; an item that crosses a placed
    piece is cut at that piece's boundary. The placed set stays laminar (any two pieces nest or are
    apart), so each cut piece nests with everything placed before it.
    """
    order = sorted(items, key=lambda it: (PLACE_RANK[it.kind], it.start, -it.end, it.id))
    placed: list[tuple[int, int]] = []  # kept sorted by start
    longest = 0  # no placed piece starting before s - longest can reach s
    marks: list[Mark] = []
    for it in order:
        s, e = it.start, it.end
        cuts: set[int] = set()
        for js, je in placed[bisect.bisect_left(placed, (s - longest, -1)) :]:
            if js >= e:
                break
            if js < s < je < e:
                cuts.add(je)
            elif s < js < e < je:
                cuts.add(js)
        bounds = [s, *sorted(cuts), e]
        pieces = list(zip(bounds, bounds[1:], strict=False))
        for k, (ps, pe) in enumerate(pieces, 1):
            marks.append(Mark(it, ps, pe, k, len(pieces)))
            bisect.insort(placed, (ps, pe))
            longest = max(longest, pe - ps)
    return marks


def nest(marks: Sequence[Mark], start: int, end: int) -> list[Node]:
    """The pieces inside [start, end) as a tree, with the plain text between them as ranges."""
    ordered = sorted(
        (m for m in marks if start <= m.start and m.end <= end),
        key=lambda m: (m.start, -m.end, NEST_RANK[m.item.kind], m.item.start, m.item.id),
    )
    root: list[Node] = []
    stack: list[Mark] = []

    def close(upto: int) -> None:
        while stack and stack[-1].end <= upto:
            m = stack.pop()
            _fill(m)

    for m in ordered:
        close(m.start)
        (stack[-1].children if stack else root).append(m)
        stack.append(m)
    close(end + 1)
    out: list[Node] = []
    pos = start
    for node in root:
        assert isinstance(node, Mark)
        if node.start > pos:
            out.append((pos, node.start))
        out.append(node)
        pos = node.end
    if pos < end:
        out.append((pos, end))
    return out


def _fill(m: Mark) -> None:
    """Add the plain text between a mark's children (which are all marks until now)."""
    out: list[Node] = []
    pos = m.start
    for child in m.children:
        assert isinstance(child, Mark)
        if child.start > pos:
            out.append((pos, child.start))
        out.append(child)
        pos = child.end
    if pos < m.end:
        out.append((pos, m.end))
    m.children = out


def paragraphs(text: str, marks: Sequence[Mark], lines: LineIndex | None = None) -> list[PageParagraph]:
    """The text's lines as paragraphs, blank ones left out; lines a highlight runs across are kept together."""
    lines = lines or LineIndex(text)
    inside = sorted((m.start, m.end) for m in marks)
    joined: set[int] = set()  # newlines a highlight covers
    for s, e in inside:
        nl = text.find("\n", s, e)
        while nl >= 0:
            joined.add(nl)
            nl = text.find("\n", nl + 1, e)
    by_start = sorted(marks, key=lambda m: m.start)
    starts = [m.start for m in by_start]
    out: list[PageParagraph] = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        while nl >= 0 and nl in joined:
            nl = text.find("\n", nl + 1)
        end = n if nl < 0 else nl
        lo, hi = bisect.bisect_left(starts, pos), bisect.bisect_left(starts, end)
        if text[pos:end].strip() or lo < hi:  # a blank line is left out unless a highlight is on it
            nodes = nest(by_start[lo:hi], pos, end)
            out.append(PageParagraph(pos, end, lines.line_of(pos), tuple(nodes), _opens_heading(text, nodes)))
        pos = end + 1
    return out


def _opens_heading(text: str, nodes: Sequence[Node]) -> int:
    for node in nodes:
        if isinstance(node, Mark):
            return node.item.level if node.item.kind == "heading" else 0
        if text[node[0] : node[1]].strip():
            return 0
    return 0


def _toc(sections: Sequence[Section], by_id: dict[str, Item], items: Sequence[Item]) -> tuple[TocEntry, ...]:
    starts = [(it.start, it.kind) for it in items if it.kind != "heading"]
    keys = [s for s, _ in starts]

    def counts(span: tuple[int, int]) -> dict[str, int]:
        lo, hi = bisect.bisect_left(keys, span[0]), bisect.bisect_left(keys, span[1])
        out = dict.fromkeys(("commitment", "project", "topic"), 0)
        for _, kind in starts[lo:hi]:
            out[kind] += 1
        return out

    def walk(ss: Sequence[Section]) -> tuple[TocEntry, ...]:
        return tuple(TocEntry(by_id[s.id], counts(s.span), walk(s.sections)) for s in ss if s.id in by_id)

    return walk(sections)


def build_page(plan: Plan, text: str, extra_warnings: Sequence[PageWarning] = ()) -> Page:
    """The page model of ``plan`` laid on ``text``, the source text its spans index."""
    from govplan.extract.domains import load_lexicon

    labels = dict(load_lexicon().labels)
    lines = LineIndex(text)
    items, problems, sections = _collect(plan, text, labels)
    marks = place(items)
    paras = paragraphs(text, marks, lines)
    by_id = {it.id: it for it in items if it.kind == "heading"}
    warnings = [*extra_warnings]
    for w in plan.warnings:
        warnings.append(PageWarning(w.code, w.message, lines.line_of(w.span[0]) if w.span else 0))
    warnings.extend(problems)
    d = plan.document
    facts = tuple(
        (k, str(v))
        for k, v in (("region", d.region), ("year", d.year), ("level", d.level), ("source", plan.source.name))
        if v is not None
    )
    title = " ".join(str(x) for x in (d.region, d.year, d.title) if x) or plan.source.name
    return Page(
        title=title,
        source=plan.source.name,
        facts=facts,
        text=text,
        items=tuple(items),
        paragraphs=tuple(paras),
        toc=_toc(plan.sections, by_id, items),
        warnings=tuple(warnings),
        domain_labels=labels,
    )


# --- inputs ---------------------------------------------------------------------------------------


def source_beside(plan_path: str, plan: Plan) -> Path | None:
    """The report that source.name names, when it lies beside the plan file."""
    return beside(plan_path, plan.source.name)


def load_view_input(path: str, source: str | None = None) -> tuple[Plan, str, list[PageWarning]]:
    """A plan and the text its spans index: a report is parsed; a plan file needs its source report.

    The source is ``source``, else the file source.name names beside the plan file. A source whose
    hash differs is accepted only when every item's text still matches it (a re-saved copy).
    """
    from govplan.pipeline import parse_source
    from govplan.read import read_source
    from govplan.serialize import load_plan

    if not path.lower().endswith(PLAN_SUFFIXES):
        if source is not None:
            raise InputError("--source is for a plan file; a report is its own source", path)
        src = read_source(path)
        return parse_source(src), src.text, []
    plan = load_plan(path)
    found = Path(source) if source is not None else source_beside(path, plan)
    if found is None:
        raise InputError(
            f"the source report {plan.source.name!r} is not beside the plan file; "
            "give it with --source REPORT",
            path,
        )
    src = read_source(str(found))
    warnings: list[PageWarning] = []
    if src.sha256 != plan.source.sha256:
        bad = first_text_mismatch(plan, src.text)
        if bad is not None:
            raise InputError(
                f"is not the report this plan was parsed from (sha256 differs, and {bad})", str(found)
            )
        warnings.append(
            PageWarning(
                "view-source", f"{found.name}: sha256 differs from the plan's, but every span matches"
            )
        )
    return plan, src.text, warnings


def side_text(path: str, plan: Plan, text: str | None) -> str | None:
    """The text a plan's spans index for a diff or track page: the parsed report's, else the source
    report beside the plan file when it is that report; None when there is none to show."""
    if text is not None:
        return text
    from govplan.read import read_source

    found = source_beside(path, plan) if path.lower().endswith(PLAN_SUFFIXES) else None
    if found is None:
        return None
    try:
        src = read_source(str(found))
    except InputError:
        return None
    if src.sha256 != plan.source.sha256 and first_text_mismatch(plan, src.text) is not None:
        return None
    return src.text


def first_text_mismatch(plan: Plan, text: str) -> str | None:
    """The first item whose text is not the source slice at its span, described; None when all match."""
    checks: list[tuple[str, tuple[int, int], str]] = [(c.id, c.span, c.text) for c in plan.commitments]
    checks += [(p.id, p.span, p.text) for p in plan.projects]
    for cid, (s, e), t in checks:
        if text[s:e] != t:
            return f"the text of {cid} is not at its span"
    return None
