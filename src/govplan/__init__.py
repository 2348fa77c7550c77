"""govplan: Chinese government work reports (政府工作报告) as structured, validated data.

The library does the work; ``govplan.cli`` only renders. Importing this package is cheap: jieba,
rich and typer load only on the paths that need them.

>>> from govplan import parse_text
>>> plan = parse_text("新增充电桩240个。", name="x.txt")
>>> plan.commitments[0].value
240
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "parse_text", "parse_file", "parse_bytes"]

if TYPE_CHECKING:  # pragma: no cover
    from govplan.pipeline import parse_bytes, parse_file, parse_text


def __getattr__(name: str) -> Any:
    # Lazy: keep `import govplan` free of the parser's heavy imports.
    if name in {"parse_text", "parse_file", "parse_bytes"}:
        from govplan import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
