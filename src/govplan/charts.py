"""``targets --chart``: one indicator's targets by region and year, drawn to .svg or .png."""

from __future__ import annotations

from typing import Any

from govplan.errors import GovplanError, InputError, OutputError
from govplan.output import emit, write_binary


def check_chart(indicator: str, output: str | None) -> None:
    """Refuse, before any work, an unknown indicator or an output that is no .svg/.png file."""
    from govplan.targets import vocabulary

    keys = [ind.key for ind in vocabulary().indicators]
    if indicator not in keys:
        raise GovplanError(f"Invalid value: unknown indicator {indicator!r}; choose one of {', '.join(keys)}")
    if output is None or not output.lower().endswith((".svg", ".png")):
        raise GovplanError("Invalid value: --chart needs -o FILE ending in .svg or .png")


def write_chart(rows: list[Any], indicator: str, output: str, inputs: tuple[str, ...]) -> None:
    """Draw ``indicator`` of ``rows`` to ``output``: SVG directly, PNG through matplotlib."""
    from govplan.render.chart import render_png, render_svg

    try:
        if output.lower().endswith(".svg"):
            emit(render_svg(rows, indicator), output, inputs)
            return
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            raise OutputError(
                "a PNG chart needs matplotlib: pip install 'govplan[chart]', or use .svg", output
            ) from None
        write_binary(lambda tmp: render_png(rows, indicator, tmp), output, inputs)
    except ValueError as exc:
        raise InputError(str(exc)) from None
