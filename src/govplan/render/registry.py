"""One registry of named renderers: what is shown (``diff``, ``track``, …) and a format name → function.

Each render module marks its functions with ``@renderer(kind, fmt)``; ``render`` imports the module
of a kind on first use (so ``import govplan`` and ``govplan validate`` stay cheap), looks the
format up and calls it with the options (``color``, ``width``, and ``bom`` for targets' CSV).

>>> formats("validate")
('text', 'json', 'github')
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

Renderer = Callable[..., str]
R = TypeVar("R", bound=Renderer)

# The module that registers the renderers of each kind.
MODULES = {
    "diff": "govplan.render.diff",
    "track": "govplan.render.track",
    "track-batch": "govplan.render.track",
    "targets": "govplan.render.targets",
    "validate": "govplan.render.validate",
    "show": "govplan.render.show",
}
_REGISTRY: dict[str, dict[str, Renderer]] = {}


def renderer(kind: str, fmt: str) -> Callable[[R], R]:
    """Register the decorated function as the ``fmt`` renderer of ``kind``."""

    def register(fn: R) -> R:
        _REGISTRY.setdefault(kind, {})[fmt] = fn
        return fn

    return register


def formats(kind: str) -> tuple[str, ...]:
    """The format names ``kind`` offers, in the order its module registers them."""
    importlib.import_module(MODULES[kind])
    return tuple(_REGISTRY[kind])


def render(kind: str, fmt: str, value: Any, **options: Any) -> str:
    """Render ``value`` (a ``kind``) as ``fmt``; ValueError for a format not offered."""
    importlib.import_module(MODULES[kind])
    try:
        fn = _REGISTRY[kind][fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}") from None
    return fn(value, **options)
