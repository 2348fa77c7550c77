"""Plan file loading that remembers where every value was written and refuses duplicate keys.

PyYAML's composed nodes carry line and column marks; the data is built from those nodes here, so a
problem found later at a JSON path (``$.commitments[3].value``) can be pointed at ``line:col``.
JSON is read by the standard library and located on demand by a small scanner. Nothing here raises
for bad content: problems come back as ``LoadIssue`` values; only an unreadable file raises.

>>> doc = parse_document("a: 1\\nb: [x, y]\\n", "plan.yaml")
>>> doc.data, doc.locate(("b", 1))
({'a': 1, 'b': ['x', 'y']}, (2, 8))
"""

from __future__ import annotations

import json
import math
import re
import sys
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from govplan.errors import PlanFileError

PathKey = str | int
JsonPath = tuple[PathKey, ...]

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_TAG = "tag:yaml.org,2002:"
_STR_TAG = "tag:yaml.org,2002:str"
_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_JSON_SCALARS = (str, int, float, bool, type(None))
_JSON_NUMBER_RE = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_JSON_SPACE_RE = re.compile(r"[ \t\n\r]*")
_IDENT_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# The standard library's (C) string scanner: the decoded string and the offset after its quote.
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


class LoadIssue(NamedTuple):
    """A problem met while loading: its rule id, message, JSON path and 1-based position."""

    rule: str
    message: str
    path: JsonPath
    line: int | None
    column: int | None


def format_path(path: JsonPath) -> str:
    """A JSON path as text: ``$.commitments[3].value``."""
    out = ["$"]
    for key in path:
        if isinstance(key, int):
            out.append(f"[{key}]")
        elif _IDENT_RE.fullmatch(key):
            out.append(f".{key}")
        else:
            out.append(f"[{json.dumps(key, ensure_ascii=False)}]")
    return "".join(out)


@dataclass
class Document:
    """A loaded plan file: its data (None when unreadable), format, issues and a way to locate paths."""

    name: str
    text: str
    format: str  # "yaml" or "json"
    data: Any = None
    issues: list[LoadIssue] = field(default_factory=list)
    fatal: bool = False  # the text parsed, but not into data a plan can be
    _root: Node | None = None
    _json_marks: dict[JsonPath, tuple[int, int]] | None = None

    @property
    def loaded(self) -> bool:
        """Whether the text parsed at all (duplicate keys and the like still leave data)."""
        return not self.fatal and not any(
            i.rule in ("yaml-syntax", "json-syntax", "encoding") for i in self.issues
        )

    def locate(self, path: JsonPath, at_key: bool = False) -> tuple[int, int] | None:
        """The 1-based line and column of the value at ``path`` (of its key with ``at_key``)."""
        if self.format == "json":
            if self._json_marks is None:
                self._json_marks = _json_marks(self.text)
            probe = (*path, ":key") if at_key and path and isinstance(path[-1], str) else path
            while probe not in self._json_marks and probe:
                probe = probe[:-1]
            return self._json_marks.get(probe)
        node = self._root
        if node is None:
            return None
        mark = node.start_mark
        for i, key in enumerate(path):
            last = i == len(path) - 1
            if isinstance(node, MappingNode) and isinstance(key, str):
                for knode, vnode in node.value:
                    if isinstance(knode, ScalarNode) and knode.value == key:
                        mark = knode.start_mark if last and at_key else vnode.start_mark
                        node = vnode
                        break
                else:
                    break
            elif isinstance(node, SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
                node = node.value[key]
                mark = node.start_mark
            else:
                break
        return mark.line + 1, mark.column + 1


# A plan file of the longest report is about 120 KB; loading costs ~30 times the file's size, so
# this bounds a load to about half a gigabyte.
PLAN_LIMIT = 16 * 1024 * 1024
# Plan data nests sections in sections a few levels deep; deeper data is refused before any
# recursive step (the schema check, a walk) can meet Python's recursion limit.
MAX_DEPTH = 64
_DEEP = f"nested more than {MAX_DEPTH} levels deep"


def read_document(path: str, limit: int = PLAN_LIMIT) -> Document:
    """Read and parse a plan file; a missing or unreadable file raises PlanFileError.

    The read is the reports' bounded, non-blocking one: ``/dev/zero``, an endless pipe or a FIFO
    without a writer is refused or read as empty, never read forever.
    """
    from govplan.errors import InputError
    from govplan.read import read_bytes

    try:
        raw = read_bytes(path, limit)
    except InputError as exc:
        what = "is a directory, not a plan file" if exc.what.startswith("is a directory") else exc.what
        raise PlanFileError(what, path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        issue = LoadIssue("encoding", "not UTF-8 text, so not a plan file", (), line, None)
        return Document(path, "", _format_of(path, ""), issues=[issue])
    return parse_document(text, path)


def _format_of(name: str, text: str) -> str:
    lower = name.lower()
    if lower.endswith(".json"):
        return "json"
    if lower.endswith((".yaml", ".yml")):
        return "yaml"
    return "json" if text.lstrip().startswith(("{", "[")) else "yaml"


def parse_document(text: str, name: str) -> Document:
    """Parse plan file text: JSON for ``.json`` names (or ``{``-led text), else YAML."""
    if _format_of(name, text) == "json":
        return _parse_json(text, name)
    return _parse_yaml(text, name)


# --- YAML ----------------------------------------------------------------------------------------


class _Builder:
    """Plain data from composed nodes, with duplicate keys, aliases and odd tags reported."""

    def __init__(self, loader: yaml.SafeLoader) -> None:
        self.loader = loader
        self.ctors: dict[Any, Callable[..., Any]] = loader.yaml_constructors
        self.issues: list[LoadIssue] = []
        self.seen: set[int] = set()
        self.path: list[PathKey] = []
        self.fatal = False

    def issue(self, rule: str, message: str, mark: Any, extra: PathKey | None = None) -> None:
        path = tuple(self.path) if extra is None else (*self.path, extra)
        self.issues.append(LoadIssue(rule, message, path, mark.line + 1, mark.column + 1))

    def build(self, node: Node, at: Any = None) -> Any:
        """The data of ``node``; ``at`` is where it is written (its key), which an alias does not keep."""
        if isinstance(node, ScalarNode) and id(node) not in self.seen:
            self.seen.add(id(node))
            if node.tag == _STR_TAG:
                return node.value
            return self.scalar(node)
        if id(node) in self.seen:
            # The composer hands an alias back as the anchored node itself. Refused outright: a
            # shared node would be expanded again and again downstream (the "billion laughs").
            if self.fatal:
                return None  # one alias is reported; the document is refused already
            self.fatal = True
            anchor = node.start_mark.line + 1
            message = f"anchors and aliases are not allowed in plan files (this repeats line {anchor})"
            self.issue("yaml-unsupported", message, at or node.start_mark)
            return None
        self.seen.add(id(node))
        if node.tag not in _COLLECTION_TAGS:
            self.issue("yaml-unsupported", f"tag {_short_tag(node.tag)} is not allowed", node.start_mark)
        if isinstance(node, SequenceNode):
            out: list[Any] = []
            for i, child in enumerate(node.value):
                self.path.append(i)
                out.append(self.build(child))
                self.path.pop()
            return out
        assert isinstance(node, MappingNode)
        data: dict[str, Any] = {}
        first: dict[str, int] = {}
        for knode, vnode in node.value:
            key = self.build(knode) if isinstance(knode, ScalarNode) else knode
            if not isinstance(key, str):
                self.issue("yaml-unsupported", "mapping keys must be strings", knode.start_mark)
                continue
            if key in data:
                message = f"duplicate key {key!r} (first at line {first[key]})"
                self.issue("duplicate-key", message, knode.start_mark, key)
                continue
            first[key] = knode.start_mark.line + 1
            self.path.append(key)
            data[key] = self.build(vnode, knode.start_mark)
            self.path.pop()
        return data

    def scalar(self, node: ScalarNode) -> Any:
        ctor = self.ctors.get(node.tag)
        if ctor is None:
            self.issue("yaml-unsupported", f"tag {_short_tag(node.tag)} is not allowed", node.start_mark)
            return node.value
        try:
            value = ctor(self.loader, node)
        except (ValueError, TypeError, OverflowError, yaml.YAMLError):  # 2022-13-45, !!float abc, …
            shown = node.value if len(node.value) <= 40 else node.value[:37] + "…"
            self.issue(
                "yaml-unsupported", f"{shown!r} is not a valid {_short_tag(node.tag)}", node.start_mark
            )
            return node.value
        if not isinstance(value, _JSON_SCALARS):
            kind = type(value).__name__
            message = f"a YAML {kind} is not JSON data; quote it as a string"
            self.issue("yaml-unsupported", message, node.start_mark)
            return node.value
        return value


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag


def _parse_yaml(text: str, name: str) -> Document:
    doc = Document(name, text, "yaml")
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        doc.issues.append(LoadIssue("yaml-syntax", f"invalid YAML: {problem}", (), line, col))
        return doc
    except yaml.YAMLError as exc:
        doc.issues.append(LoadIssue("yaml-syntax", f"invalid YAML: {exc}", (), None, None))
        return doc
    finally:
        loader.dispose()
    if root is None:
        return doc
    builder = _Builder(loader)
    try:
        doc.data = builder.build(root)
    except RecursionError:
        doc.issues.append(LoadIssue("nested-too-deep", _DEEP, (), None, None))
        doc.fatal = True
        return doc
    doc.issues.extend(builder.issues)
    doc.fatal = builder.fatal
    doc._root = root
    _check_values(doc)
    return doc


# --- JSON ----------------------------------------------------------------------------------------


class _Duplicates:
    """An ``object_pairs_hook`` that notes whether any object repeats a key."""

    def __init__(self) -> None:
        self.found = False

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in pairs:
            if k in out:
                self.found = True
                continue
            out[k] = v
        return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _json_int(text: str) -> int:
    if len(text) > 400:  # past a double's range whatever the digits; int() would refuse 4,300 of them
        return _FLOAT_MAX * 10
    return int(text)


def _parse_json(text: str, name: str) -> Document:
    doc = Document(name, text, "json")
    dups = _Duplicates()
    try:
        doc.data = json.loads(text, object_pairs_hook=dups, parse_constant=_no_constant, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        doc.issues.append(LoadIssue("json-syntax", f"invalid JSON: {exc.msg}", (), exc.lineno, exc.colno))
        return doc
    except ValueError as exc:
        doc.issues.append(LoadIssue("json-syntax", f"invalid JSON: {exc}", (), None, None))
        return doc
    except RecursionError:
        doc.issues.append(LoadIssue("nested-too-deep", _DEEP, (), None, None))
        doc.fatal = True
        return doc
    if dups.found:
        doc.issues.extend(_json_duplicates(text))
    _check_values(doc)
    return doc


def _check_values(doc: Document) -> None:
    """Numbers a plan cannot hold (1e400, .inf, NaN, an integer past a double's range) and nesting
    deeper than MAX_DEPTH; each makes the document fatal, so no later check meets them."""
    stack: list[tuple[Any, JsonPath]] = [(doc.data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            doc.issues.append(LoadIssue("nested-too-deep", _DEEP, (), None, None))
            doc.fatal = True
            return
        if isinstance(value, dict):
            stack.extend((v, (*path, k)) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((v, (*path, i)) for i, v in reversed(list(enumerate(value))))
        elif isinstance(value, float) and not math.isfinite(value):
            _number_issue(doc, path, f"{value} is not a finite number")
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > _FLOAT_MAX:
            _number_issue(doc, path, "a number too large for a plan file (beyond ±1.8e308)")


_FLOAT_MAX = int(sys.float_info.max)


def _number_issue(doc: Document, path: JsonPath, message: str) -> None:
    line, col = doc.locate(path) or (None, None)
    doc.issues.append(LoadIssue("number-range", message, path, line, col))
    doc.fatal = True


class _JsonScan:
    """Offsets of every value (and ``(*path, ":key")`` for every key) in well-formed JSON text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.marks: dict[JsonPath, int] = {}
        self.dups: list[tuple[JsonPath, int, int]] = []  # (path, offset, offset of the first)

    def ws(self, i: int) -> int:
        m = _JSON_SPACE_RE.match(self.text, i)
        return m.end() if m else i

    def value(self, i: int, path: JsonPath) -> int:
        i = self.ws(i)
        self.marks[path] = i
        ch = self.text[i]
        if ch == "{":
            i = self.ws(i + 1)
            if self.text[i] == "}":
                return i + 1
            seen: dict[str, int] = {}
            while True:
                i = self.ws(i)
                start = i
                key, i = _scanstring(self.text, i + 1)
                i = self.ws(i) + 1  # the colon
                if key in seen:
                    self.dups.append(((*path, key), start, seen[key]))
                    i = self.value(i, (*path, key, ":dup"))
                else:
                    seen[key] = start
                    self.marks[(*path, key, ":key")] = start
                    i = self.value(i, (*path, key))
                i = self.ws(i)
                if self.text[i] == "}":
                    return i + 1
                i += 1  # the comma
        if ch == "[":
            i = self.ws(i + 1)
            if self.text[i] == "]":
                return i + 1
            n = 0
            while True:
                i = self.ws(self.value(i, (*path, n)))
                n += 1
                if self.text[i] == "]":
                    return i + 1
                i += 1
        if ch == '"':
            return _scanstring(self.text, i + 1)[1]
        for word in ("true", "false", "null"):
            if self.text.startswith(word, i):
                return i + len(word)
        m = _JSON_NUMBER_RE.match(self.text, i)
        return m.end() if m else i + 1


class _Lines:
    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        n = bisect_right(self.starts, offset)
        return n, offset - self.starts[n - 1] + 1


def _scan(text: str) -> _JsonScan:
    scan = _JsonScan(text)
    scan.value(1 if text.startswith("\ufeff") else 0, ())
    return scan


def _json_marks(text: str) -> dict[JsonPath, tuple[int, int]]:
    try:
        scan = _scan(text)
    except (IndexError, ValueError):
        return {}
    lines = _Lines(text)
    return {path: lines.at(off) for path, off in scan.marks.items()}


def _json_duplicates(text: str) -> list[LoadIssue]:
    scan = _scan(text)
    lines = _Lines(text)
    out = []
    for path, off, first in scan.dups:
        line, col = lines.at(off)
        message = f"duplicate key {path[-1]!r} (first at line {lines.at(first)[0]})"
        out.append(LoadIssue("duplicate-key", message, path, line, col))
    return out


def load_config(path: str, what: str, limit: int) -> Any:
    """A small YAML file given by the user (a ``--lexicon``): read bounded and non-blocking, then
    loaded as plan files are (no duplicate keys, aliases, tags, non-finite numbers or deep nesting);
    any problem is an InputError naming the file and the line."""
    from govplan.errors import InputError
    from govplan.read import read_bytes

    try:
        raw = read_bytes(path, limit)
    except InputError as exc:
        if exc.what in ("no such file", "is a directory, not a file"):
            raise InputError(exc.what.replace("file", f"{what} file"), path) from None
        raise
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"not UTF-8 text, so not a {what} file", path) from None
    doc = _parse_yaml(text, path)
    if doc.issues:
        issue = doc.issues[0]
        where = f" at line {issue.line}" if issue.line else ""
        kind = "not valid YAML" if issue.rule == "yaml-syntax" else f"not a {what} file"
        raise InputError(f"{kind}{where}: {issue.message.removeprefix('invalid YAML: ')}", path)
    return doc.data
