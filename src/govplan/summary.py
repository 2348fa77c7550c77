"""A one-screen overview of a plan: document facts, the heading tree with counts, targets, warnings.

>>> from govplan.pipeline import parse_text
>>> s = summarize(parse_text("一、2023年工作安排\\n办好人民满意教育。新建学校3所，增加学位2000个。\\n", name="r.txt"))
>>> [(r.title, r.topics, r.commitments) for r in s.sections]
[('2023年工作安排', 1, 2)]
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

from govplan.models import Plan, Section, Topic
from govplan.targets import TargetRow, TargetsResult, plan_and_targets


@dataclass(frozen=True)
class SectionRow:
    """One heading with what lies under it (its own and its subsections' items)."""

    depth: int
    number: str
    title: str
    part: str
    topics: int
    commitments: int
    projects: int


@dataclass
class Summary:
    """What ``govplan show`` prints."""

    source: str
    title: str | None
    region: str | None
    year: int | None
    level: str | None
    chars: int
    counts: dict[str, int]
    sections: list[SectionRow] = field(default_factory=list)
    targets: list[TargetRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _topics(items: list[Topic]) -> int:
    return sum(1 + _topics(t.topics) for t in items)


def summarize(plan: Plan, targets: TargetsResult | None = None) -> Summary:
    """The overview of ``plan``; ``targets`` are its headline targets when known."""
    commitments = Counter(c.section for c in plan.commitments)
    projects = Counter(p.section for p in plan.projects)
    rows: list[SectionRow] = []

    def walk(sections: list[Section], depth: int) -> tuple[int, int, int]:
        total = (0, 0, 0)
        for s in sections:
            at = len(rows)
            rows.append(SectionRow(depth, s.number, s.title, s.part, 0, 0, 0))
            sub = walk(s.sections, depth + 1)
            own = (_topics(s.topics), commitments[s.id], projects[s.id])
            mine = tuple(a + b for a, b in zip(own, sub, strict=True))
            rows[at] = SectionRow(depth, s.number, s.title, s.part, *mine)
            total = tuple(a + b for a, b in zip(total, mine, strict=True))  # type: ignore[assignment]
        return total

    walk(plan.sections, 0)
    doc = plan.document
    return Summary(
        source=plan.source.name,
        title=doc.title,
        region=doc.region,
        year=doc.year,
        level=doc.level,
        chars=plan.source.chars,
        counts={
            "sections": len(rows),
            "topics": sum(_topics(s.topics) for s in plan.walk_sections()),
            "commitments": len(plan.commitments),
            "projects": len(plan.projects),
        },
        sections=rows,
        targets=[r for r in (targets.rows if targets else []) if not r.absent],
        warnings=[f"{w.code}: {w.message}" for w in plan.warnings],
    )


def summarize_file(path: str) -> Summary:
    """The overview of a plan file (.yaml/.json) or of a report parsed on the fly."""
    from govplan.suffixes import PLAN_SUFFIXES

    summary = summarize(*plan_and_targets(path))
    if path.lower().endswith(PLAN_SUFFIXES):
        summary.source = os.path.basename(path)
    return summary
