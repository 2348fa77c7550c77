"""The bundled vocabularies (the YAML files beside this module), each read and parsed once.

>>> load("units.yaml")["units"]["个百分点"]
'百分点'
>>> longest_first(["人", "人次", "人"])
('人次', '人')
>>> alternation(["人", "人次", "人"])
'人次|人'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources
from typing import Any

import yaml


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The parsed mapping of the bundled ``name`` (``units.yaml``, say); shared, so never changed."""
    data = yaml.safe_load(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{name}: not a mapping")
    return data


def longest_first(words: Iterable[str]) -> tuple[str, ...]:
    """The distinct words, longest first (ties in code-point order): an alternation then takes the longest."""
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


def alternation(words: Iterable[str]) -> str:
    """The words as one regular-expression alternation, escaped and longest first, so it matches the
    longest word where several start (人次 before 人)."""
    return "|".join(map(re.escape, longest_first(words)))
