"""Rendering ``govplan show``: a rich overview on a terminal, the same lines as plain text in a pipe."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from govplan.render.registry import renderer
from govplan.render.table import render_rich
from govplan.render.targets import target_text
from govplan.summary import Summary

_PART_STYLE = {"review": "dim", "plan": "bold", "other": "italic"}


@renderer("show", "text")
def render_show(summary: Summary, *, color: bool = False, width: int = 100) -> str:
    """The overview: facts, counts, heading tree with counts per section, targets, warnings."""
    facts = " · ".join(
        str(x)
        for x in (summary.region or "(region unknown)", summary.year or "(year unknown)", summary.level)
        if x
    )
    head = Text()
    head.append(summary.source, style="bold" if color else None)
    head.append(f"  {summary.title or '(no title)'}  {facts}  {summary.chars} characters\n")
    head.append(", ".join(f"{n} {k}" for k, n in summary.counts.items()))
    out: list[RenderableType] = [head, Text("")]
    tree = Table(box=None, show_edge=False, pad_edge=False, expand=False)
    for name, justify in (("Section", "left"), ("Part", "left"), ("Topics", "right"),
                          ("Commitments", "right"), ("Projects", "right")):  # fmt: skip
        tree.add_column(name, justify=justify, overflow="ellipsis", no_wrap=True)  # type: ignore[arg-type]
    for r in summary.sections:
        number = ("{}、", "（{}）", "{}.")[min(r.depth, 2)].format(r.number) if r.number else ""
        title = "  " * r.depth + number + (r.title or "(untitled)")
        tree.add_row(
            title[:60], r.part, str(r.topics), str(r.commitments), str(r.projects),
            style=_PART_STYLE.get(r.part) if color else None,
        )  # fmt: skip
    out.append(tree)
    if summary.targets:
        out.append(Text("\nHeadline targets", style="bold" if color else ""))
        for row in summary.targets:
            out.append(Text(f"  {row.indicator:<24} {target_text(row)}"))
    if summary.warnings:
        out.append(Text("\nWarnings", style="bold yellow" if color else ""))
        for w in summary.warnings:
            out.append(Text(f"  {w}"))
    return render_rich(out, color=color, width=width)
