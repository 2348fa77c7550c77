"""Last year's promises against this year's review: did the later report claim it met them?

Each ``planned`` commitment of the earlier plan for its year (not a five-year target) is read as a
figure (``match.FigureReader``) and paired (``match.match_figures`` under ``TRACK_POLICY``) with a
figure of the later report's review of the same subject, kind and period, never a from-value;
``judge`` gives the verdict: ``met``, ``exceeded``, ``missed``, ``reported`` (named without a
comparable figure) or ``silent``. The rules, with the ±``TOLERANCE`` of a 左右 target and the ceilings
of less-is-better metrics, are stated once, in README.md ("Verdict rules"). Projects planned in the
earlier year are ``completed``, ``progressed`` or ``silent``. ``track_many`` pairs many governments'
reports by region and year.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from govplan.errors import GovplanError
from govplan.match import (
    TRACK_POLICY,
    Figure,
    FigureReader,
    PlanRef,
    clean_text,
    distinct_figures,
    distinct_projects,
    figure_similarity,
    is_completed,
    item_data,
    lower_is_better,
    match_figures,
    match_projects,
    metric_names,
    normalise_metric,
    normalise_unit,
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
    label: str = ""  # the promise's metric, readable (地区生产总值增长, not a bare 增长)
    indicator: str | None = None  # its headline indicator (gdp, cpi …), if it is one
    promise_quote: str = ""  # the clause of the earlier report that states it
    evidence_quote: str = ""  # the clause of the later report that states the figure


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
        # 超过1000万 reported meets 超过1000万 promised: the figure is itself a lower bound
        ok = v > t or (v == t and (cmp != ">" or achieved.comparator == ">"))
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


# A rate stated as unchanged (居民消费价格与上年持平, 涨幅基本持平): a figure of 0%.
FLAT_RE = re.compile(r"(?:涨幅|增速|增幅|指数|总水平)?(?:与上年|与去年|比上年|较上年|同比)?(?:基本)?持平")


def review_spans(later: Plan) -> list[tuple[int, int]]:
    """Where the later report looks back: its review sections, else its first part.

    A report whose review the segmenter did not recognise still opens with it (the genre always
    does), so the first top-level section stands in for it.
    """
    spans = [s.span for s in later.sections if s.part == "review"]
    if not spans and len(later.sections) > 1:
        spans = [later.sections[0].span]
    return [(a, b) for a, b in spans]


def _in_spans(c: Commitment, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= c.span[0] < b for a, b in spans)


def review_figures(later: Plan, reader: FigureReader) -> list[Figure]:
    """The later report's figures about the past: achieved ones, or those of its first part."""
    achieved = [c for c in later.commitments if c.status == "achieved"]
    if achieved:
        return reader.figures(achieved)
    spans = review_spans(later)
    figures = reader.figures(c for c in later.commitments if _in_spans(c, spans))
    return [f for f in figures if not f.this_year]


def plan_figures(earlier: Plan, reader: FigureReader) -> list[Figure]:
    """The earlier report's promises: its planned figures, less the review's when it has no review.

    Without recognised review sections the segmenter calls the review ``plan`` too; the figures of
    its first part (``review_spans``) are then promises only when stated about the year ahead.
    """
    figures = distinct_figures(reader.figures(c for c in earlier.commitments if c.status == "planned"))
    if any(s.part == "review" for s in earlier.sections):
        return figures
    spans = review_spans(earlier)
    return [f for f in figures if f.this_year or not _in_spans(f.commitment, spans)]


def _flat_figure(promise: Figure, text: str, spans: Sequence[tuple[int, int]]) -> Commitment | None:
    """The review's 持平 (unchanged) for a promised rate: a figure of 0%, or None."""
    c = promise.commitment
    if normalise_unit(c.unit) != "%" or c.kind == "share" or not promise.subject:
        return None
    names = [n for n in metric_names(promise.subject) if len(n) >= 3]
    for a, b in spans:
        for name in names:
            for m in re.finditer(re.escape(name), text[a:b]):
                flat = FLAT_RE.match(text, a + m.end(), b)
                if flat is None:
                    continue
                start, end = a + m.start(), flat.end()
                return Commitment(
                    id=f"flat-{start}",
                    text=text[start:end],
                    span=(start, end),
                    line=text.count("\n", 0, start) + 1,  # one look-up: no index of the whole text
                    metric=name,
                    value=0,
                    unit="%",
                    comparator="=",
                    raw="持平",
                    kind="growth",
                    status="achieved",
                )
    return None


def _check(pf: Figure, verdict: str, got: Commitment | None, note: str, quote: str = "") -> PromiseCheck:
    return PromiseCheck(pf.commitment, verdict, got, note, pf.label, pf.indicator, pf.quote, quote)


def _quote(fig: Figure | None) -> str:
    return fig.quote if fig is not None else ""


def track_plans(
    earlier: Plan,
    later: Plan,
    *,
    earlier_text: str | None = None,
    later_text: str | None = None,
    earlier_name: str | None = None,
    later_name: str | None = None,
    tolerance: float = TOLERANCE,
    indicators: Sequence[str] | None = None,
) -> TrackReport:
    """Judge the earlier plan's promises and projects against the later plan's review.

    With the report texts, a figure is read in its sentence (``match.FigureReader``): the review's
    增长3.8% after 地区生产总值183.7亿元 is GDP growth, a figure in a 这五年 stretch is not last year's.
    ``indicators`` keeps only the promises of those headline indicators (gdp, cpi …).
    """
    ey, ly = earlier.document.year, later.document.year
    if ey is not None and ly is not None and ey >= ly:
        raise GovplanError(
            f"this report is for {ly}, not later than the earlier one ({ey}); give the earlier year first",
            later_name or later.source.name,
        )
    haystack = review_text(later, later_text)
    read_e, read_l = FigureReader(earlier, earlier_text), FigureReader(later, later_text)

    promises = [f for f in plan_figures(earlier, read_e) if not f.baseline and not f.multi_year]
    if indicators is not None:  # a headline target is the year's, in the indicator's unit
        wanted = set(indicators)
        promises = [f for f in promises if f.indicator in wanted and headline_unit(f)]
    evidence = review_figures(later, read_l)
    pairs = dict(match_figures(promises, evidence, TRACK_POLICY))
    spans = review_spans(later)
    checks: list[PromiseCheck] = []
    for i, pf in enumerate(promises):
        promise = pf.commitment
        flat = _flat_figure(pf, later_text, spans) if i not in pairs and later_text is not None else None
        if i in pairs or flat is not None:
            ef = evidence[pairs[i]] if i in pairs else None
            got = ef.commitment if ef is not None else flat
            assert got is not None
            verdict, note = judge(promise, got, tolerance)
            checks.append(_check(pf, verdict, got, note, _quote(ef) or got.text))
            continue
        same = [f for f in evidence if pf.subject and not f.baseline and figure_similarity(pf, f) > 0.0]
        if same:
            other = same[0]
            oc = other.commitment
            if other.multi_year:
                note = f"reported only over several years ({oc.raw}), not for the year"
            elif normalise_unit(oc.unit) != normalise_unit(promise.unit):
                note = f"reported as {oc.raw}, not in {normalise_unit(promise.unit)}"
            else:
                note = f"reported as {oc.raw} ({oc.kind}), not comparable with a {promise.kind} promise"
            checks.append(_check(pf, "reported", oc, note, other.quote))
        elif pf.subject and _mentioned(metric_names(pf.subject), haystack):
            checks.append(_check(pf, "reported", None, "mentioned in the review without a figure"))
        else:
            checks.append(_check(pf, "silent", None, ""))

    projects = [] if indicators is not None else _track_projects(earlier, later, haystack)
    return TrackReport(
        PlanRef.of(earlier, earlier_name),
        PlanRef.of(later, later_name),
        tuple(checks),
        tuple(projects),
        tolerance,
    )


def headline_unit(fig: Figure) -> bool:
    """Whether a figure's unit is one its headline indicator's targets have (gdp: %, new_jobs: 人)."""
    from govplan.targets import vocabulary

    ind = vocabulary().by_key.get(fig.indicator or "")
    return ind is not None and (not ind.units or normalise_unit(fig.commitment.unit) in ind.units)


def _track_projects(earlier: Plan, later: Plan, haystack: str) -> list[ProjectCheck]:
    planned = distinct_projects([p for p in earlier.projects if p.status == "planned"])
    done = distinct_projects([p for p in later.projects if p.status == "achieved"])
    again = distinct_projects([p for p in later.projects if p.status == "planned"])
    pairs = dict(match_projects(planned, done, policy=TRACK_POLICY))
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
                "metric": c.label,
                "indicator": c.indicator,
                "promise_quote": c.promise_quote,
                "review_quote": c.evidence_quote,
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


# --- many governments at once --------------------------------------------------------------------

# The columns of the one table of ``govplan track`` over many governments (CSV header, JSON keys).
ROW_FIELDS = (
    "region",
    "year",
    "indicator",
    "metric",
    "target",
    "target_value",
    "target_max",
    "comparator",
    "unit",
    "reported",
    "reported_value",
    "verdict",
    "note",
    "promise_quote",
    "review_quote",
    "earlier",
    "later",
    "promise_line",
    "review_line",
)
STEM_YEAR_RE = re.compile(r"^(?P<key>.+?)[-_.]?(?P<year>(?:19|20)\d{2})(?:\D.*)?$")


def check_rows(report: TrackReport) -> list[dict[str, Any]]:
    """One row per promise of a report, keys in ``ROW_FIELDS`` order."""
    rows: list[dict[str, Any]] = []
    for c in report.commitments:
        p, e = c.promise, c.evidence
        rows.append(
            {
                "region": report.earlier.region,
                "year": report.earlier.year,
                "indicator": c.indicator,
                "metric": c.label or p.metric or p.text,
                "target": f"{p.stance or ''}{p.raw}",
                "target_value": p.value,
                "target_max": p.value_max,
                "comparator": p.comparator,
                "unit": normalise_unit(p.unit),
                "reported": e.raw if e is not None else None,
                "reported_value": e.value if e is not None else None,
                "verdict": c.verdict,
                "note": c.note,
                "promise_quote": c.promise_quote or p.text,
                "review_quote": c.evidence_quote or (e.text if e is not None else ""),
                "earlier": report.earlier.name,
                "later": report.later.name,
                "promise_line": p.line,
                "review_line": e.line if e is not None else None,
            }
        )
    return rows


@dataclass(frozen=True)
class TrackBatch:
    """Track over many governments: a report per pair of consecutive years, and the files left over."""

    reports: tuple[TrackReport, ...]
    unpaired: tuple[str, ...]
    indicators: tuple[str, ...] | None = None

    def rows(self) -> list[dict[str, Any]]:
        """Every promise of every pair, in region and year order."""
        return [row for r in self.reports for row in check_rows(r)]

    def counts(self) -> dict[str, int]:
        """How many promises got each verdict, over all pairs."""
        c = Counter(x.verdict for r in self.reports for x in r.commitments)
        return {v: c.get(v, 0) for v in COMMITMENT_VERDICTS}

    def summary_line(self) -> str:
        """``17 governments, 66 promises: 40 met (9 exceeded), 12 missed, 8 reported, 6 silent``."""
        c = self.counts()
        n = sum(c.values())
        govs = len({(r.earlier.region or r.earlier.name) for r in self.reports})
        line = (
            f"{govs} government{'s' * (govs != 1)}, {len(self.reports)} pair{'s' * (len(self.reports) != 1)}, "
            f"{n} promise{'s' * (n != 1)}: {c['met'] + c['exceeded']} met ({c['exceeded']} exceeded), "
            f"{c['missed']} missed, {c['reported']} reported without a comparable number, {c['silent']} silent"
        )
        if self.unpaired:
            line += (
                f"; {len(self.unpaired)} file{'s' * (len(self.unpaired) != 1)} without a next year's report"
            )
        return line


def _pair_key(plan: Plan, name: str) -> tuple[str, int] | None:
    """Who and which year a plan is: its region and year, else what its file name says (anhui-2025)."""
    stem = name.rsplit("/", 1)[-1].split(".", 1)[0]
    m = STEM_YEAR_RE.match(stem)
    region = plan.document.region or (m.group("key") if m else None)
    year = plan.document.year or (int(m.group("year")) if m else None)
    if not region or year is None:
        return None
    return region, year


def pair_plans(
    inputs: Sequence[tuple[str, Plan, str | None]],
) -> tuple[list[tuple[tuple[str, Plan, str | None], tuple[str, Plan, str | None]]], list[str]]:
    """Pair each government's report of year N with its report of year N+1, by region and year.

    Inputs are ``(name, plan, text)``. Two inputs for the same region and year: the report (with
    its text) is kept over a plan file, else the first name. Returns the pairs in region and year
    order and the names left without a pair.
    """
    by_key: dict[tuple[str, int], tuple[str, Plan, str | None]] = {}
    unkeyed: list[str] = []
    for item in sorted(inputs, key=lambda x: x[0]):
        key = _pair_key(item[1], item[0])
        if key is None:
            unkeyed.append(item[0])
        elif key not in by_key or (by_key[key][2] is None and item[2] is not None):
            by_key[key] = item
    pairs = []
    used: set[tuple[str, int]] = set()
    for region, year in sorted(by_key):
        nxt = (region, year + 1)
        if nxt in by_key:
            pairs.append((by_key[(region, year)], by_key[nxt]))
            used.update({(region, year), nxt})
    left = sorted(unkeyed + [item[0] for key, item in by_key.items() if key not in used])
    return pairs, left


def track_many(
    inputs: Sequence[tuple[str, Plan, str | None]],
    *,
    indicators: Sequence[str] | None = None,
    tolerance: float = TOLERANCE,
) -> TrackBatch:
    """Track every government of ``inputs`` (``(name, plan, text)``) from one year to the next."""
    pairs, left = pair_plans(inputs)
    reports: list[TrackReport] = []
    for (ne, pe, te), (nl, pl, tl) in pairs:
        report = track_plans(
            pe,
            pl,
            earlier_text=te,
            later_text=tl,
            earlier_name=_base(ne),
            later_name=_base(nl),
            tolerance=tolerance,
            indicators=indicators,
        )
        # a report whose document facts are missing is named by what paired it (its file name)
        key_e, key_l = _pair_key(pe, ne), _pair_key(pl, nl)
        assert key_e is not None and key_l is not None
        earlier = replace(report.earlier, region=report.earlier.region or key_e[0], year=key_e[1])
        later = replace(report.later, region=report.later.region or key_l[0], year=key_l[1])
        reports.append(replace(report, earlier=earlier, later=later))
    return TrackBatch(tuple(reports), tuple(left), tuple(indicators) if indicators is not None else None)


def _base(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def batch_data(batch: TrackBatch) -> dict[str, Any]:
    """The batch as plain data: ``{summary, rows, pairs}`` (each pair as ``track_data``)."""
    return {
        "summary": {
            "score": batch.summary_line(),
            "commitments": batch.counts(),
            "indicators": list(batch.indicators) if batch.indicators is not None else None,
            "unpaired": list(batch.unpaired),
        },
        "rows": batch.rows(),
        "pairs": [track_data(r) for r in batch.reports],
    }
