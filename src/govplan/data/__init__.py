"""The bundled vocabularies (the YAML files beside this module), each read and parsed once.

>>> load("units.yaml")["units"]["个百分点"]
'百分点'
>>> longest_first(["人", "人次", "人"])
('人次', '人')
>>> alternation(["人", "人次", "人"])
'人次|人'

A lexicon is a frozen dataclass whose word fields ``read_fields`` fills from the YAML key of the
same name, as the field's type says:

>>> @dataclasses.dataclass(frozen=True)
... class Units:
...     generic: frozenset[str]
...     latin_units: LongestFirst
...     per_year: str
>>> read_fields(Units, load("units.yaml"), per_year="年").latin_units[-2:]
('PF', 'P')
"""

from __future__ import annotations

import dataclasses
import functools
import re
import typing
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import yaml

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    D = TypeVar("D", bound=DataclassInstance)


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


# A field type for read_fields: the distinct words, longest first (a first-match loop or an
# alternation then takes the longest word).
LongestFirst = Annotated[tuple[str, ...], longest_first]
# How read_fields reads a vocabulary into a field of each type (a plain tuple keeps the listed order).
_READERS: dict[object, Callable[[Any], object]] = {
    str: str,
    frozenset[str]: frozenset,
    tuple[str, ...]: tuple,
    LongestFirst: longest_first,
}


def read_fields(cls: type[D], raw: Mapping[str, Any], **given: Any) -> D:
    """The dataclass ``cls`` with the fields in ``given`` as given and every other field read from
    ``raw`` under its own name, as its type says: ``str``, ``frozenset[str]``, ``tuple[str, ...]`` (as
    listed) or ``LongestFirst``. A field of another type must be given."""
    hints = typing.get_type_hints(cls, include_extras=True)
    values = dict(given)
    for f in dataclasses.fields(cls):
        if f.init and f.name not in values:
            read = _READERS.get(hints[f.name])
            if read is None:
                raise TypeError(f"{cls.__name__}.{f.name}: a {hints[f.name]} is not read from data; give it")
            values[f.name] = read(raw[f.name])
    return cls(**values)
