"""Last year's promises against this year's review: did the later report claim it met them?

Each ``planned`` commitment of the earlier plan is matched (``govplan.match``, the matcher of diff)
to an ``achieved`` commitment of the later plan's review, and judged:

- ``met``: the achieved value satisfies the promise. ``以上``/``以内`` bounds are exact; a ``左右``
  (``~``) target is met within ±``TOLERANCE`` of its value (5% of it: 5.5%左右 is met by 5.225% to
  5.775%); an ``=`` target is met exactly; a range is met inside its bounds. On a metric where less
  is better (失业率, 居民消费价格: ``lower_is_better`` in the lexicon) a ``~``/``=``/range target is a
  ceiling: anything up to it (plus the tolerance) is met.
- ``exceeded``: above the tolerance or range of a ``~``, ``=`` or range target on a more-is-better
  metric;
- ``missed``: the achieved value falls short;
- ``reported``: the review mentions the metric but gives no comparable number (none, or another unit);
- ``silent``: no trace of it in the review.

Projects planned in the earlier year are ``completed`` (the review has them at stage ``complete`` or
with an action of ``completion_actions``: 建成, 投用, 投入使用 …), ``progressed`` (the review names them at another stage, or mentions them) or ``silent``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from govplan.diff import PlanRef, distinct_projects, item_data
from govplan.errors import GovplanError
from govplan.match import (
    MIN_PROJECT_SIMILARITY,
    Candidate,
    clean_text,
    commitment_metric_similarity,
    comparable_kinds,
    guarded_similarity,
    is_baseline,
    is_completed,
    is_multi_year,
    lower_is_better,
    metric_names,
    normalise_metric,
    normalise_unit,
    one_to_one,
    project_key,
)
from govplan.models import Commitment, Plan, Project

TOLERANCE = 0.05  # a 左右 target is met within ±5% of its value
MIN_SEARCH_CHARS = 3  # a metric shorter than this is not looked for in the review's words

COMMITMENT_VERDICTS = ("met", "exceeded", "missed", "reported", "silent")
PROJECT_VERDICTS = ("completed", "progressed", "silent")


@dataclass(frozen=True)
class PromiseCheck:
    """One promise of the earlier plan, its verdict and the review figure it was judged on."""

    promise: Commitment
    verdict: str
    evidence: Commitment | None
    note: str


@dataclass(frozen=True)
class ProjectCheck:
    """One project of the earlier plan, its verdict and the review mention it was judged on."""

    project: Project
    verdict: str
    evidence: Project | None
    note: str


@dataclass(frozen=True)
class TrackReport:
    """Promise by promise, what the later report's review says about the earlier plan."""

    earlier: PlanRef
    later: PlanRef
    commitments: tuple[PromiseCheck, ...]
    projects: tuple[ProjectCheck, ...]
    tolerance: float = TOLERANCE

    def commitment_counts(self) -> dict[str, int]:
        """How many promises got each verdict, in verdict order."""
        c = Counter(x.verdict for x in self.commitments)
        return {v: c.get(v, 0) for v in COMMITMENT_VERDICTS}

    def project_counts(self) -> dict[str, int]:
        """How many projects got each verdict, in verdict order."""
        c = Counter(x.verdict for x in self.projects)
        return {v: c.get(v, 0) for v in PROJECT_VERDICTS}

    def score_line(self) -> str:
        """The one-line score: ``met 12 of 20 quantified promises (…); projects: …``."""
        c = self.commitment_counts()
        p = self.project_counts()
        met = c["met"] + c["exceeded"]
        line = (
            f"met {met} of {len(self.commitments)} quantified promises ({c['exceeded']} exceeded), "
            f"{c['missed']} missed, {c['reported']} reported without a comparable number, {c['silent']} silent"
        )
        return line + (
            f"; projects: {p['completed']} completed, {p['progressed']} progressed, "
            f"{p['silent']} silent of {len(self.projects)}"
        )


# --- judging one figure --------------------------------------------------------------------------


def quantity(value: float, unit: str) -> str:
    """A value in the base unit written the way reports write it: 1206万人, 1.37万亿斤, 5.5%."""
    v = float(value)
    for size, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if abs(v) >= size:
            return f"{v / size:.6g}{word}{unit}"
    return f"{v:.6g}{unit}"


def judge(promise: Commitment, achieved: Commitment, tolerance: float = TOLERANCE) -> tuple[str, str]:
    """Verdict (met, exceeded, missed) of an achieved figure against a promise, and why.

    >>> from govplan.models import Commitment
    >>> def c(v, cmp, status):
    ...     return Commitment(id="c", text="", span=(0, 0), line=1, metric="城镇新增就业", value=v,
    ...                       unit="人", comparator=cmp, raw="", kind="count", status=status)
    >>> judge(c(11000000, ">=", "planned"), c(12060000, "=", "achieved"))
    ('met', '1206万人 against at least 1100万人')
    """
    v = float(achieved.value)
    if {promise.kind, achieved.kind} == {"growth", "reduction"}:
        v = -v  # 进出口增长 promised, 下降3% reported
    t = float(promise.value)
    hi = float(promise.value_max) if promise.value_max is not None else t
    ceiling = promise.kind != "reduction" and lower_is_better(normalise_metric(promise.metric))
    cmp = promise.comparator
    unit = normalise_unit(promise.unit)
    got = quantity(v, unit)
    if cmp in (">=", ">", "double"):
        ok = v > t if cmp == ">" else v >= t
        return ("met" if ok else "missed"), f"{got} against at least {quantity(t, unit)}"
    if cmp in ("<=", "<"):
        ok = v < t if cmp == "<" else v <= t
        return ("met" if ok else "missed"), f"{got} against at most {quantity(t, unit)}"
    if cmp == "range":
        lo = t
        window = f"{quantity(lo, '')}–{quantity(hi, unit)}"
    elif cmp == "~":
        slack = tolerance * abs(t)
        lo, hi = t - slack, t + slack
        window = f"{quantity(lo, '')}–{quantity(hi, unit)} ({quantity(t, unit)} ±{tolerance:.0%})"
    else:
        lo = hi = t
        window = quantity(t, unit)
    if ceiling:
        return ("met" if v <= hi else "missed"), f"{got} against a ceiling of {quantity(hi, unit)}"
    if v < lo:
        return "missed", f"{got}, below {window}"
    if v > hi:
        return "exceeded", f"{got}, above {window}"
    return "met", f"{got}, within {window}" if lo != hi else f"{got}, as promised"


# --- what the review says --------------------------------------------------------------------------


def review_text(later: Plan, text: str | None) -> str:
    """The words of the later report's review, cleaned for search.

    From the report text when there is one (the spans of its review sections); from a plan file,
    what it keeps of the review: section and topic titles, achieved figures and projects.
    """
    reviews = [s for s in later.sections if s.part == "review"]
    pieces: list[str] = []
    if text is not None:
        pieces.extend(text[s.span[0] : s.span[1]] for s in reviews)
    else:

        def walk(sections: Sequence[Any]) -> None:
            for s in sections:
                pieces.append(s.title)
                stack = list(s.topics)
                while stack:
                    t = stack.pop(0)
                    pieces.append(t.title)
                    stack.extend(t.topics)
                walk(s.sections)

        walk(reviews)
    pieces.extend(c.text for c in later.commitments if c.status == "achieved")
    pieces.extend(p.text for p in later.projects if p.status == "achieved")
    return clean_text("\n".join(pieces))


def _mentioned(names: Sequence[str], haystack: str) -> bool:
    return any(len(n) >= MIN_SEARCH_CHARS and n in haystack for n in names)


def distinct_promises(commitments: Sequence[Commitment]) -> list[Commitment]:
    """Planned commitments, a promise stated twice (targets paragraph and section) counted once."""
    seen: set[tuple[Any, ...]] = set()
    out: list[Commitment] = []
    for c in commitments:
        if c.status != "planned":
            continue
        key = (
            normalise_metric(c.metric) or c.text,
            normalise_unit(c.unit),
            float(c.value),
            c.value_max,
            c.comparator,
        )
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _match_evidence(promises: Sequence[Commitment], achieved: Sequence[Commitment]) -> list[tuple[int, int]]:
    by_unit: dict[str, list[int]] = {}
    for j, y in enumerate(achieved):
        by_unit.setdefault(normalise_unit(y.unit), []).append(j)
    n = len(achieved)
    cands: list[Candidate] = []
    for i, x in enumerate(promises):
        for j in by_unit.get(normalise_unit(x.unit), []):
            y = achieved[j]
            if not comparable_kinds(x.kind, y.kind):
                continue
            sim = commitment_metric_similarity(x, y)
            if sim <= 0.0:
                continue
            score = (
                sim
                + (0.05 if x.kind == y.kind else 0.0)
                + (0.03 if x.domains[:1] and x.domains[:1] == y.domains[:1] else 0.0)
                - (0.1 if is_multi_year(y.text) else 0.0)
                - (0.1 if is_baseline(y.metric) else 0.0)
                - 0.02 * (j / n)  # the review's headline figures come first
            )
            cands.append((score, i, j))
    return one_to_one(cands)


def track_plans(
    earlier: Plan,
    later: Plan,
    *,
    later_text: str | None = None,
    earlier_name: str | None = None,
    later_name: str | None = None,
    tolerance: float = TOLERANCE,
) -> TrackReport:
    """Judge the earlier plan's promises and projects against the later plan's review."""
    ey, ly = earlier.document.year, later.document.year
    if ey is not None and ly is not None and ey >= ly:
        raise GovplanError(
            f"this report is for {ly}, not later than the earlier one ({ey}); give the earlier year first",
            later_name or later.source.name,
        )
    haystack = review_text(later, later_text)

    promises = distinct_promises(earlier.commitments)
    achieved = [c for c in later.commitments if c.status == "achieved"]
    pairs = dict(_match_evidence(promises, achieved))
    checks: list[PromiseCheck] = []
    for i, promise in enumerate(promises):
        if i in pairs:
            evidence = achieved[pairs[i]]
            verdict, note = judge(promise, evidence, tolerance)
            checks.append(PromiseCheck(promise, verdict, evidence, note))
            continue
        key = normalise_metric(promise.metric)
        other = next((y for y in achieved if key and normalise_metric(y.metric) == key), None)
        if other is not None:
            if normalise_unit(other.unit) != normalise_unit(promise.unit):
                note = f"reported as {other.raw}, not in {normalise_unit(promise.unit)}"
            else:
                note = f"reported as {other.raw} ({other.kind}), not comparable with a {promise.kind} promise"
            checks.append(PromiseCheck(promise, "reported", other, note))
        elif _mentioned(metric_names(normalise_metric(promise.metric)), haystack):
            checks.append(PromiseCheck(promise, "reported", None, "mentioned in the review without a figure"))
        else:
            checks.append(PromiseCheck(promise, "silent", None, ""))

    return TrackReport(
        PlanRef.of(earlier, earlier_name),
        PlanRef.of(later, later_name),
        tuple(checks),
        tuple(_track_projects(earlier, later, haystack)),
        tolerance,
    )


def _track_projects(earlier: Plan, later: Plan, haystack: str) -> list[ProjectCheck]:
    planned = distinct_projects([p for p in earlier.projects if p.status == "planned"])
    done = distinct_projects([p for p in later.projects if p.status == "achieved"])
    again = distinct_projects([p for p in later.projects if p.status == "planned"])
    keys_done = [project_key(p.name) for p in done]
    cands: list[Candidate] = []
    for i, p in enumerate(planned):
        kp = project_key(p.name)
        for j, k in enumerate(keys_done):
            sim = guarded_similarity(kp, k)
            if sim >= MIN_PROJECT_SIMILARITY:
                cands.append((sim, i, j))
    pairs = dict(one_to_one(cands))
    out: list[ProjectCheck] = []
    for i, p in enumerate(planned):
        kp = project_key(p.name)
        replanned = next((q for q in again if project_key(q.name) == kp), None)
        later_note = f"; planned again: {replanned.action or replanned.stage}" if replanned else ""
        if i in pairs:
            ev = done[pairs[i]]
            verdict = "completed" if is_completed(ev) else "progressed"
            out.append(ProjectCheck(p, verdict, ev, f"review: {ev.action or ev.stage}{later_note}"))
        elif _mentioned([kp, clean_text(p.name)], haystack):
            out.append(ProjectCheck(p, "progressed", None, f"mentioned in the review{later_note}"))
        else:
            out.append(ProjectCheck(p, "silent", None, later_note.removeprefix("; ")))
    return out


# --- plain data ----------------------------------------------------------------------------------


def track_data(report: TrackReport) -> dict[str, Any]:
    """The report as plain data: ``{earlier, later, summary, commitments, projects}``."""
    return {
        "earlier": report.earlier.data(),
        "later": report.later.data(),
        "summary": {
            "score": report.score_line(),
            "tolerance": report.tolerance,
            "commitments": report.commitment_counts(),
            "projects": report.project_counts(),
        },
        "commitments": [
            {
                "verdict": c.verdict,
                "promise": item_data(c.promise),
                "evidence": item_data(c.evidence) if c.evidence is not None else None,
                "note": c.note,
            }
            for c in report.commitments
        ],
        "projects": [
            {
                "verdict": p.verdict,
                "project": item_data(p.project),
                "evidence": item_data(p.evidence) if p.evidence is not None else None,
                "note": p.note,
            }
            for p in report.projects
        ],
    }
