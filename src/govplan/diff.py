"""What changed between two plans: commitments, projects and sections matched by meaning.

Commitments are paired by metric and unit (``govplan.match``), not by position, so a target whose
value moved is one ``changed`` item, not an add and a remove. Projects are paired by name (二期
stays part of it) and sections by number path and title. Nothing here prints; ``render.diff`` does.

>>> from govplan.pipeline import parse_text
>>> a = parse_text("一、今年工作安排\\n国内生产总值增长5.5%左右。\\n", name="a.txt")
>>> diff_plans(a, a).different
False
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from govplan.match import (
    DIFF_POLICY,
    Context,
    FigureReader,
    PlanRef,
    SectionRef,
    distinct_figures,
    distinct_projects,
    flat_sections,
    item_data,
    match_figures,
    match_projects,
    match_sections,
    normalise_metric,
    normalise_unit,
    project_key,
    read_input,
    section_key,
    stage_rank,
    stance_rank,
)
from govplan.models import Commitment, Plan, Project

T = TypeVar("T")
Part = Literal["plan", "review", "all"]
Category = Literal["sections", "commitments", "projects"]
CATEGORIES: tuple[Category, ...] = ("sections", "commitments", "projects")

__all__ = [
    "CATEGORIES",
    "Change",
    "Changes",
    "PlanDiff",
    "PlanRef",
    "diff_data",
    "diff_plans",
    "item_data",
    "read_input",
]

# Which statuses and section parts each --part value compares.
STATUSES: dict[str, frozenset[str]] = {
    "plan": frozenset({"planned"}),
    "review": frozenset({"achieved"}),
    "all": frozenset({"planned", "achieved"}),
}
SECTION_PARTS: dict[str, frozenset[str]] = {
    "plan": frozenset({"plan", "other"}),
    "review": frozenset({"review"}),
    "all": frozenset({"plan", "review", "other"}),
}

# How binding a comparator is: ~ (左右) and ranges bind least, strict bounds most.
COMPARATOR_STRENGTH = {"~": 0, "range": 0, "double": 1, "=": 1, ">=": 2, "<=": 2, ">": 3, "<": 3}
COMPARATOR_SIDE = {">=": "floor", ">": "floor", "<=": "ceiling", "<": "ceiling"}


@dataclass(frozen=True)
class Change(Generic[T]):
    """One matched pair that differs: which fields differ and how (raised, stage_advanced …)."""

    key: str
    before: T
    after: T
    fields: tuple[str, ...]
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Changes(Generic[T]):
    """The diff of one kind of item: added, removed, changed, and how many are unchanged."""

    added: tuple[T, ...]
    removed: tuple[T, ...]
    changed: tuple[Change[T], ...]
    unchanged: int

    @property
    def different(self) -> bool:
        """Whether anything was added, removed or changed."""
        return bool(self.added or self.removed or self.changed)

    def counts(self) -> dict[str, int]:
        """How many items are added, removed, changed and unchanged."""
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
        }


@dataclass(frozen=True)
class PlanDiff:
    """The difference between plan ``a`` (before) and plan ``b`` (after); a category is None when not compared."""

    a: PlanRef
    b: PlanRef
    part: str
    sections: Changes[SectionRef] | None
    commitments: Changes[Commitment] | None
    projects: Changes[Project] | None
    labels: dict[str, str] = field(default_factory=dict)  # "a:<id>"/"b:<id>" -> readable metric

    def label(self, side: str, c: Commitment) -> str:
        """The readable metric of a commitment of side ``a`` or ``b`` (never a bare 增长)."""
        return self.labels.get(f"{side}:{c.id}") or c.metric or c.text

    @property
    def different(self) -> bool:
        """Whether any compared category differs (the exit status of ``govplan diff``)."""
        return any(c is not None and c.different for c in (self.sections, self.commitments, self.projects))

    @property
    def exit_code(self) -> int:
        """0 when the plans are the same, 1 when they differ."""
        return 1 if self.different else 0

    def label_counts(self) -> dict[str, int]:
        """How often each kind of change occurs (raised, lowered, stage_advanced …), sorted by name."""
        counter: Counter[str] = Counter()
        for cat in (self.sections, self.commitments, self.projects):
            if cat is not None:
                for ch in cat.changed:
                    counter.update(ch.labels)
        return dict(sorted(counter.items()))


# --- keys and classification -------------------------------------------------------------------


def commitment_key(c: Commitment) -> str:
    """A readable identity of a commitment: its normalised metric and unit (国内生产总值 %)."""
    metric = normalise_metric(c.metric) or c.text[:24]
    return f"{metric} ({normalise_unit(c.unit)})"


def _same(x: float | int | None, y: float | int | None) -> bool:
    if x is None or y is None:
        return x is y
    return abs(float(x) - float(y)) <= 1e-9 * max(1.0, abs(float(x)), abs(float(y)))


def classify_commitment(x: Commitment, y: Commitment) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields that differ between two matched commitments, and the kinds of change."""
    fields: list[str] = []
    labels: list[str] = []
    if normalise_metric(x.metric) != normalise_metric(y.metric):
        fields.append("metric")
        labels.append("renamed")
    if not _same(x.value, y.value):
        fields.append("value")
    if not _same(x.value_max, y.value_max):
        fields.append("value_max")
    if x.comparator != y.comparator:
        fields.append("comparator")
    if (x.stance or None) != (y.stance or None):
        fields.append("stance")
    if x.kind != y.kind:
        fields.append("kind")
        labels.append("kind_changed")
    ranged = "range" in (x.comparator, y.comparator)
    if ranged and {"value", "value_max", "comparator"} & set(fields):
        labels.append("range_changed")
    else:
        if "value" in fields:
            labels.append("raised" if float(y.value) > float(x.value) else "lowered")
        if "comparator" in fields:
            labels.append(_comparator_change(x.comparator, y.comparator))
    if "stance" in fields:
        rx, ry = stance_rank(x.stance), stance_rank(y.stance)
        if rx is None or ry is None or rx == ry:
            labels.append("stance_changed")
        else:
            labels.append("stance_strengthened" if ry > rx else "stance_weakened")
    return tuple(fields), tuple(labels)


def _comparator_change(before: str, after: str) -> str:
    side_b, side_a = COMPARATOR_SIDE.get(before), COMPARATOR_SIDE.get(after)
    if side_b and side_a and side_b != side_a:
        return "comparator_changed"
    sb, sa = COMPARATOR_STRENGTH.get(before, 0), COMPARATOR_STRENGTH.get(after, 0)
    if sa > sb:
        return "comparator_tightened"
    if sa < sb:
        return "comparator_loosened"
    return "comparator_changed"


def classify_project(x: Project, y: Project) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields that differ between two matched projects (stage, name), and the kinds of change."""
    fields: list[str] = []
    labels: list[str] = []
    if project_key(x.name) != project_key(y.name):
        fields.append("name")
        labels.append("renamed")
    if x.stage != y.stage:
        fields.append("stage")
        rx, ry = stage_rank(x.stage), stage_rank(y.stage)
        if rx is None or ry is None:
            labels.append("stage_changed")
        else:
            labels.append("stage_advanced" if ry > rx else "stage_regressed")
    return tuple(fields), tuple(labels)


def classify_section(x: SectionRef, y: SectionRef) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields that differ between two matched headings, and the kinds of change."""
    fields: list[str] = []
    labels: list[str] = []
    if section_key(x.title) != section_key(y.title):
        fields.append("title")
        labels.append("renamed")
    if x.path != y.path:
        fields.append("path")
        labels.append("renumbered")
    if x.level != y.level:
        fields.append("level")
        labels.append("level_changed")
    return tuple(fields), tuple(labels)


# --- the diff ------------------------------------------------------------------------------------


def _compare(
    a: Sequence[T],
    b: Sequence[T],
    pairs: list[tuple[int, int]],
    classify: Callable[[T, T], tuple[tuple[str, ...], tuple[str, ...]]],
    key: Callable[[T], str],
) -> Changes[T]:
    matched_a = {i for i, _ in pairs}
    matched_b = {j for _, j in pairs}
    changed: list[Change[T]] = []
    unchanged = 0
    for i, j in pairs:
        fields, labels = classify(a[i], b[j])
        if fields:
            changed.append(Change(key(b[j]), a[i], b[j], fields, labels))
        else:
            unchanged += 1
    return Changes(
        added=tuple(y for j, y in enumerate(b) if j not in matched_b),
        removed=tuple(x for i, x in enumerate(a) if i not in matched_a),
        changed=tuple(changed),
        unchanged=unchanged,
    )


def diff_plans(
    a: Plan,
    b: Plan,
    *,
    part: Part = "plan",
    only: Sequence[Category] | None = None,
    a_name: str | None = None,
    b_name: str | None = None,
    a_text: str | None = None,
    b_text: str | None = None,
) -> PlanDiff:
    """Compare plan ``a`` (before) with plan ``b`` (after); ``part`` picks plan, review or all items.

    With the report texts (``a_text``, ``b_text``) a figure is read in its sentence: the period it
    covers (这五年…), the subject of a bare 增长, a from-value; without them, from its own words.
    """
    if part not in STATUSES:
        raise ValueError(f"unknown part {part!r}")
    wanted = set(only or CATEGORIES)
    ctx_a, ctx_b = Context.of(a), Context.of(b)
    statuses = STATUSES[part]

    sections: Changes[SectionRef] | None = None
    if "sections" in wanted:
        sa = [s for s in flat_sections(a) if s.part in SECTION_PARTS[part]]
        sb = [s for s in flat_sections(b) if s.part in SECTION_PARTS[part]]
        sections = _compare(sa, sb, match_sections(sa, sb), classify_section, lambda s: s.title)

    commitments: Changes[Commitment] | None = None
    labels: dict[str, str] = {}
    if "commitments" in wanted:
        # a target stated twice (the targets paragraph and its explanation) is one target
        fa = distinct_figures(
            FigureReader(a, a_text).figures(c for c in a.commitments if c.status in statuses)
        )
        fb = distinct_figures(
            FigureReader(b, b_text).figures(c for c in b.commitments if c.status in statuses)
        )
        pairs = match_figures(fa, fb, DIFF_POLICY, ctx_a, ctx_b)
        subjects = {id(f.commitment): f.subject for f in (*fa, *fb)}

        def classify(x: Commitment, y: Commitment) -> tuple[tuple[str, ...], tuple[str, ...]]:
            fields, changes = classify_commitment(x, y)
            if "metric" in fields and subjects[id(x)] and subjects[id(x)] == subjects[id(y)]:
                # 增长 after 国内生产总值 is 国内生产总值增长: the same subject, not a rename
                fields = tuple(f for f in fields if f != "metric")
                changes = tuple(c for c in changes if c != "renamed")
            return fields, changes

        commitments = _compare(
            [f.commitment for f in fa], [f.commitment for f in fb], pairs, classify, commitment_key
        )
        labels = {f"a:{f.commitment.id}": f.label for f in fa} | {f"b:{f.commitment.id}": f.label for f in fb}

    projects: Changes[Project] | None = None
    if "projects" in wanted:
        pa = distinct_projects([p for p in a.projects if p.status in statuses])
        pb = distinct_projects([p for p in b.projects if p.status in statuses])
        projects = _compare(pa, pb, match_projects(pa, pb, ctx_a, ctx_b), classify_project, lambda p: p.name)

    return PlanDiff(
        PlanRef.of(a, a_name), PlanRef.of(b, b_name), part, sections, commitments, projects, labels
    )


# --- plain data (the JSON of `govplan diff --format json`) ----------------------------------------


def _changes_data(changes: Changes[Any]) -> dict[str, Any]:
    return {
        "added": [item_data(x) for x in changes.added],
        "removed": [item_data(x) for x in changes.removed],
        "changed": [
            {
                "key": ch.key,
                "before": item_data(ch.before),
                "after": item_data(ch.after),
                "fields": list(ch.fields),
                "changes": list(ch.labels),
            }
            for ch in changes.changed
        ],
        "unchanged": changes.unchanged,
    }


def diff_data(diff: PlanDiff) -> dict[str, Any]:
    """The diff as plain data: ``{a, b, summary, sections, commitments, projects}``.

    A category left out with ``only`` is absent.
    """
    summary: dict[str, Any] = {"different": diff.different, "part": diff.part}
    out: dict[str, Any] = {"a": diff.a.data(), "b": diff.b.data(), "summary": summary}
    for name in CATEGORIES:
        cat = getattr(diff, name)
        if cat is not None:
            summary[name] = cat.counts()
            out[name] = _changes_data(cat)
    summary["changes"] = diff.label_counts()
    return out
