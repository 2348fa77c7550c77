"""A direct YAML writer for plan data that gives PyYAML's bytes without its node tree.

PyYAML spends most of a plan's dump building and resolving nodes in Python (a third of a whole
parse). Plan data is a tree of dicts, lists and plain scalars, and almost every string in it is
Chinese text that PyYAML writes plain, so this module writes the same block layout directly:
``key: value``, sequences under a key unindented, ``span: [a, b]`` in flow style. A string is
written plain only when both PyYAML's analysis and its resolver would write it plain (printable,
no indicator at its start, no ``: `` or `` #``, no space at either end, not read back as a number,
bool, null or date); any other scalar is handed to PyYAML itself on its own, and a structure this
module does not know (a list in a list, a key that would need quoting, a subclass) makes
:func:`emit` raise :class:`Unsure` so the caller dumps the whole document with PyYAML.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# Characters both emitters count printable (libyaml's set is the narrower: no U+0085, nothing
# above U+FFFF), less the Unicode line breaks U+2028/U+2029 and the byte-order mark.
_PRINTABLE_RE = re.compile(r"[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]+")
_KEY_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_STR_TAG = "tag:yaml.org,2002:str"
_FLOAT_TAG = "tag:yaml.org,2002:float"
# Strings longer than this could meet the line width; PyYAML writes those.
_LONG = 100_000


class Unsure(Exception):
    """The data holds something this writer does not reproduce byte for byte."""


def _resolves_to(value: str) -> str:
    """The tag PyYAML's resolver gives ``value`` written plain."""
    resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]] = _Dumper.yaml_implicit_resolvers
    for tag, regexp in resolvers.get(value[0] if value else "", []) + resolvers.get(None, []):
        if regexp.match(value):
            return tag
    return _STR_TAG


def _ascii_patterns() -> bool:
    """Whether every implicit resolver's pattern can only match ASCII: no ``.``, ``\\d``, ``\\w``, ``\\s``,
    negated class or ignored case (K matches the Kelvin sign)."""
    wild = re.compile(r"(?<!\\)\.|\\[dDwWsS]|\[\^")
    return all(
        wild.search(regexp.pattern.replace("\\\\", "")) is None and not regexp.flags & re.IGNORECASE
        for resolvers in _Dumper.yaml_implicit_resolvers.values()
        for _, regexp in resolvers
    )


# PyYAML's resolvers (bool, int, float, null, timestamp …) spell their patterns in ASCII classes,
# so a string with a Chinese character in it is never read back as anything but a string.
_ASCII_RESOLVERS = _ascii_patterns()


_FIRST_UNPLAIN = frozenset(" #,[]{}&*!|>'\"%@`?:-")


def plain_ok(value: str) -> bool:
    """Whether PyYAML would write ``value`` plain as a block mapping value or sequence item."""
    # What stops a plain scalar in block context: an indicator first, ": " or a final ":", " #",
    # a space at either end, a document marker (PyYAML's analyze_scalar, as libyaml has it).
    return (
        0 < len(value) <= _LONG
        and value[0] not in _FIRST_UNPLAIN
        and value[-1] not in " :"
        and ": " not in value
        and " #" not in value
        and not value.startswith("...")
        and _PRINTABLE_RE.fullmatch(value) is not None
        and (
            value[0] not in _Dumper.yaml_implicit_resolvers
            or (_ASCII_RESOLVERS and not value.isascii())
            or _resolves_to(value) == _STR_TAG
        )
    )


# plain_ok of short strings, which repeat from item to item (units, kinds, statuses, evidence): 64k of
# the 87k strings of the 35 bench reports are repeats
_plain_memo: dict[str, bool] = {}
_PLAIN_MEMO_LEN = 16
_PLAIN_MEMO_SIZE = 65_536


def _plain(value: str) -> bool:
    hit = _plain_memo.get(value)
    if hit is None:
        hit = plain_ok(value)
        if len(value) <= _PLAIN_MEMO_LEN:
            if len(_plain_memo) >= _PLAIN_MEMO_SIZE:
                _plain_memo.clear()
            _plain_memo[value] = hit
    return hit


_quoted_cache: dict[str, str] = {}


def _quoted(value: str) -> str:
    """A string PyYAML would not write plain, as PyYAML writes it when it fits on one line."""
    hit = _quoted_cache.get(value)
    if hit is not None:
        return hit
    if len(value) > _LONG:
        raise Unsure("long string")
    out = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=10**6, indent=2)
    if out.endswith("\n...\n"):
        out = out[:-4]
    out = out[:-1]
    if "\n" in out:  # a multi-line scalar's continuation lines depend on its indentation
        raise Unsure("multi-line string")
    if len(_quoted_cache) < 4096:
        _quoted_cache[value] = out
    return out


def _float(value: float) -> str:
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value).lower()
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    if _resolves_to(text) != _FLOAT_TAG:
        raise Unsure("float")
    return text


def scalar(value: Any) -> str:
    """One scalar as PyYAML writes it in block context."""
    t = type(value)
    if t is str:
        return value if _plain(value) else _quoted(value)
    if t is int:
        return str(value)
    if value is None:
        return "null"
    if t is bool:
        return "true" if value else "false"
    if t is float:
        return _float(value)
    raise Unsure(t.__name__)


_keys_ok: set[str] = set()


def _key(key: Any) -> str:
    if type(key) is str and key in _keys_ok:
        return key
    if type(key) is not str or not _KEY_RE.fullmatch(key) or _resolves_to(key) != _STR_TAG:
        raise Unsure("key")
    if len(_keys_ok) < 1024:
        _keys_ok.add(key)
    return key


def _flow_ints(items: list[Any]) -> str:
    for x in items:
        if type(x) is not int:
            raise Unsure("flow list")
    return "[" + ", ".join(map(str, items)) + "]"


def _mapping(data: dict[str, Any], indent: str, first: str, out: list[str]) -> None:
    """A block mapping; its first line starts with ``first`` (``- `` in a sequence) instead of ``indent``."""
    lead = first
    inner = indent + "  "
    for k, v in data.items():
        key = _key(k)
        t = type(v)
        if t is str:  # most values: inline of scalar()
            out.append(f"{lead}{key}: {v if _plain(v) else _quoted(v)}\n")
        elif t is dict:
            if v:
                out.append(f"{lead}{key}:\n")
                _mapping(v, inner, inner, out)
            else:
                out.append(f"{lead}{key}: {{}}\n")
        elif t is list:
            if not v:
                out.append(f"{lead}{key}: []\n")
            elif key == "span":
                out.append(f"{lead}{key}: {_flow_ints(v)}\n")
            else:
                out.append(f"{lead}{key}:\n")
                _sequence(v, indent, out)
        else:
            out.append(f"{lead}{key}: {scalar(v)}\n")
        lead = indent


def _sequence(data: list[Any], indent: str, out: list[str]) -> None:
    """A block sequence at ``indent`` (under a key: the key's own indentation)."""
    for v in data:
        t = type(v)
        if t is dict:
            if v:
                _mapping(v, indent + "  ", indent + "- ", out)
            else:
                out.append(f"{indent}- {{}}\n")
        elif t is list:
            raise Unsure("list in a list")
        else:
            out.append(f"{indent}- {scalar(v)}\n")


def emit(data: Any) -> str:
    """``data`` (a mapping or a list) as PyYAML's block YAML; spans in flow style. Raises Unsure."""
    out: list[str] = []
    if type(data) is dict and data:
        _mapping(data, "", "", out)
    elif type(data) is list and data:
        _sequence(data, "", out)
    else:
        raise Unsure("not a non-empty mapping or list")
    return "".join(out)
