"""A chart of one indicator's targets by region and year: SVG written directly, PNG through matplotlib.

A line per region, a point per year with a target; a range target (4.5%—5%) is drawn as a bar
from its lower to its upper bound with the point at the lower bound, as the tables read it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape

from govplan.targets import TargetRow

# Fonts that show Chinese on common systems, then any sans-serif.
FONTS = "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif"
PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22",
)  # fmt: skip
WIDTH, HEIGHT = 820, 480
LEFT, RIGHT, TOP, BOTTOM = 70, 190, 50, 50

Series = dict[str, list[tuple[int, float, float | None]]]


def chart_series(rows: Sequence[TargetRow], indicator: str) -> tuple[Series, str]:
    """The points to draw: region -> [(year, value, value_max)] sorted by year, and the unit."""
    series: Series = {}
    units: list[str] = []
    for r in rows:
        if r.indicator != indicator or r.absent or r.value is None or r.year is None:
            continue
        if r.unit and r.unit not in units:
            units.append(r.unit)
        region = r.region or r.source
        points = series.setdefault(region, [])
        if all(year != r.year for year, _, _ in points):
            vmax = float(r.value_max) if r.value_max is not None else None
            points.append((r.year, float(r.value), vmax))
    for points in series.values():
        points.sort()
    return dict(sorted(series.items())), "/".join(units)


def _ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    return [round(start + i * step, 10) for i in range(int((hi - start) / step) + 2)]


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def render_svg(rows: Sequence[TargetRow], indicator: str) -> str:
    """The chart as a standalone SVG document (text as text, so Chinese needs only a system font)."""
    series, unit = chart_series(rows, indicator)
    years = sorted({y for pts in series.values() for y, _, _ in pts})
    values = [b for pts in series.values() for _, v, m in pts for b in (v, m) if b is not None]
    if not years:
        raise ValueError(f"no {indicator} target with a number and a year in these reports")
    ticks = _ticks(min(0.0, min(values)) if min(values) < 0 else min(values) * 0.9, max(values) * 1.05)
    y0, y1 = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        if len(years) == 1:
            return LEFT + plot_w / 2
        return LEFT + (year - years[0]) / (years[-1] - years[0]) * plot_w

    def y(v: float) -> float:
        return TOP + (y1 - v) / (y1 - y0) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONTS}" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        f'<text x="{LEFT}" y="28" font-size="16" font-weight="bold">'
        f"{escape(indicator)} target{f' ({escape(unit)})' if unit else ''} by region and year</text>",
    ]
    for t in ticks:
        out.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#ddd"/>'
            f'<text x="{LEFT - 8}" y="{y(t) + 4:.1f}" text-anchor="end">{_num(t)}</text>'
        )
    for year in years:
        out.append(f'<text x="{x(year):.1f}" y="{TOP + plot_h + 20}" text-anchor="middle">{year}</text>')
    out.append(
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}" stroke="#333"/>'
        f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" stroke="#333"/>'
    )
    for i, (region, points) in enumerate(series.items()):
        color = PALETTE[i % len(PALETTE)]
        if len(points) > 1:
            path = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v, _ in points)
            out.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
        for yr, v, vmax in points:
            title = f"{region} {yr}: {_num(v)}{f'—{_num(vmax)}' if vmax is not None else ''}{unit}"
            if vmax is not None:
                out.append(
                    f'<line x1="{x(yr):.1f}" x2="{x(yr):.1f}" y1="{y(v):.1f}" y2="{y(vmax):.1f}" '
                    f'stroke="{color}" stroke-width="6" stroke-opacity="0.35"/>'
                )
            out.append(
                f'<circle cx="{x(yr):.1f}" cy="{y(v):.1f}" r="4" fill="{color}">'
                f"<title>{escape(title)}</title></circle>"
            )
        ly = TOP + 10 + i * 18
        out.append(
            f'<rect x="{WIDTH - RIGHT + 20}" y="{ly - 9}" width="12" height="12" fill="{color}"/>'
            f'<text x="{WIDTH - RIGHT + 38}" y="{ly + 1}">{escape(region)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def render_png(rows: Sequence[TargetRow], indicator: str, path: str) -> None:
    """The same chart as a PNG file through matplotlib (the ``chart`` extra)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    series, unit = chart_series(rows, indicator)
    if not series:
        raise ValueError(f"no {indicator} target with a number and a year in these reports")
    names = {f.name for f in font_manager.fontManager.ttflist}
    cjk = [f.strip() for f in FONTS.split(",") if f.strip() in names]
    plt.rcParams["font.sans-serif"] = [*cjk, "DejaVu Sans"]
    fig, ax = plt.subplots(figsize=(WIDTH / 100, HEIGHT / 100), dpi=100)
    for i, (region, points) in enumerate(series.items()):
        color = PALETTE[i % len(PALETTE)]
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", color=color, label=region)
        for yr, v, vmax in points:
            if vmax is not None:
                ax.vlines(yr, v, vmax, color=color, alpha=0.35, linewidth=6)
    ax.set_title(f"{indicator} target{f' ({unit})' if unit else ''} by region and year")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="center left", bbox_to_anchor=(1, 0.5), fontsize=8)
    fig.tight_layout()
    fig.savefig(path, format="png", metadata={"Software": None})
    plt.close(fig)
