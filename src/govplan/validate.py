"""Validate plan files: the schema of the models, the vocabulary, internal consistency and the source.

Each problem names the file, the line and column (from the YAML nodes, or a JSON scan), the JSON
path and a stable rule id (``RULES``). Nothing here prints and nothing loads the parser or jieba:
the CLI renders a ``ValidationResult`` and decides the exit code from it.

>>> r = validate_paths(["samples/"])  # doctest: +SKIP
>>> r.valid, [p.rule for p in r.problems]  # doctest: +SKIP
(True, [])
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, get_args

import yaml
from pydantic import ValidationError

from govplan.errors import InputError, PlanFileError, problem_line
from govplan.inputs import PLAN_SUFFIXES, beside, expand_inputs
from govplan.models import SCHEMA_VERSION, Comparator, DomainKey, Plan
from govplan.yamlload import Document, JsonPath, format_path, read_document

_SYNTAX_RULES = ("encoding", "yaml-syntax", "json-syntax")

# Every rule id this validator reports; ids are stable, messages may be reworded.
RULES: dict[str, str] = {
    "encoding": "the file is not UTF-8 text",
    "yaml-syntax": "the YAML does not parse",
    "json-syntax": "the JSON does not parse",
    "duplicate-key": "a key appears twice in one mapping (PyYAML and json would silently keep the last)",
    "yaml-unsupported": "YAML that is not plain JSON data: anchors/aliases, tags, dates, non-string keys",
    "number-range": "a number that is not finite (1e400, .inf, NaN) or beyond a double's range",
    "nested-too-deep": "data nested deeper than any plan file (64 levels)",
    "not-a-mapping": "the file is empty or its top level is not a mapping",
    "schema-version-missing": "no schema_version",
    "schema-version-unsupported": f"a schema_version this govplan does not read (it reads {SCHEMA_VERSION})",
    "schema-unknown-field": "a field the schema does not define (extra fields are refused)",
    "schema-missing-field": "a required field is absent",
    "schema-type": "a value of the wrong type (a string where a number belongs, …)",
    "schema-value": "a value outside what the schema allows (an enum, a bound, a length)",
    "comparator-unknown": "a comparator outside the vocabulary (=, >=, <=, >, <, ~, range, double)",
    "domain-unknown": "a domain key outside the vocabulary",
    "unit-unknown": "a unit that src/govplan/data/units.yaml does not know",
    "id-duplicate": "two items share an id",
    "section-ref": "a `section` that names no section of the file",
    "topic-ref": "a `topic` that names no topic of the file, or a topic of another section",
    "span-reversed": "a span whose start is after its end",
    "span-out-of-range": "a span outside the source text (negative, or past source.chars)",
    "value-above-max": "a `value` above its `value_max`",
    "outside-section": "an item whose span is not inside the span of its section",
    "source-unreadable": "the source report beside the plan file cannot be read",
    "source-missing": "no source report beside the plan file, so its spans were not checked (--require-source)",
    "source-sha256": "source.sha256 is not the hash of the source report",
    "source-chars": "source.chars is not the length of the decoded source text",
    "text-mismatch": "an item's `text` is not the source text at its `span`",
    "line-mismatch": "an item's `line` is not the line its span starts on",
}

_COMPARATORS = get_args(Comparator)
_DOMAINS = get_args(DomainKey)
_KIND_WORDS = {
    "list": "a list",
    "str": "a string",
    "int": "a number",
    "float": "a number",
    "bool": "a boolean",
}
_TYPE_WORDS = {
    "float": "a number",
    "int": "an integer",
    "string": "a string",
    "bool": "true or false",
    "list": "a list",
    "tuple": "a list",
    "dict": "a mapping",
    "model": "a mapping",
}


@dataclass(frozen=True)
class Problem:
    """One problem: where (file, 1-based line and column, JSON path), which rule, what."""

    file: str
    line: int | None
    column: int | None
    path: str
    rule: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        """The problem as JSON-ready data, fields in a fixed order."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "rule": self.rule,
            "message": self.message,
        }


@dataclass(frozen=True)
class FileResult:
    """The problems of one plan file, and the source report it was checked against, if any."""

    file: str
    problems: tuple[Problem, ...]
    source: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        """Whether the file has no problem."""
        return not self.problems


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of a validate run: one FileResult per plan file, in the order given."""

    files: tuple[FileResult, ...]

    @property
    def problems(self) -> list[Problem]:
        """Every problem of every file."""
        return [p for f in self.files for p in f.problems]

    @property
    def valid(self) -> bool:
        """Whether every file is valid."""
        return all(f.valid for f in self.files)

    @property
    def warnings(self) -> list[str]:
        """``Warning: <file>: <what>`` lines: what was not checked (a source not found)."""
        return [problem_line(w, f.file, level="Warning") for f in self.files for w in f.warnings]

    @property
    def invalid_files(self) -> list[str]:
        """The files with at least one problem."""
        return [f.file for f in self.files if not f.valid]

    @property
    def exit_code(self) -> int:
        """0 when every file is valid, else 1."""
        return 0 if self.valid else 1


@dataclass
class _Sink:
    """Collects problems for one document, locating each JSON path as it comes."""

    doc: Document
    problems: list[Problem] = field(default_factory=list)

    def add(self, path: JsonPath, rule: str, message: str, at_key: bool = False) -> None:
        where = self.doc.locate(path, at_key)
        line, col = where if where else (None, None)
        self.problems.append(Problem(self.doc.name, line, col, format_path(path), rule, message))


# --- inputs --------------------------------------------------------------------------------------


# --- the checks ----------------------------------------------------------------------------------


def validate_paths(
    paths: Sequence[str], source: str | None = None, require_source: bool = False
) -> ValidationResult:
    """Validate plan files, directories of them, or globs; ``source`` is the report to check against.

    A plan file whose source report is not found is valid with the warning ``source not found,
    spans not checked``, or invalid (``source-missing``) with ``require_source``.

    A missing file, an empty pattern or an unreadable source raises InputError/PlanFileError (the
    run could not happen); a file that is merely invalid is a result with problems.
    """
    files = expand_inputs(paths, PLAN_SUFFIXES, what="plan files", strict=True)
    if source is not None and not os.path.exists(source):
        raise InputError("no such source report", source)
    sources: dict[str, Any] = {}
    return ValidationResult(tuple(validate_file(f, source, sources, require_source) for f in files))


SOURCE_NOT_FOUND = "source not found, spans not checked"


def validate_file(
    path: str, source: str | None = None, cache: dict[str, Any] | None = None, require_source: bool = False
) -> FileResult:
    """Validate one plan file; the source report is ``source``, else the one its source.name names beside it."""
    doc = read_document(path)
    _, problems, used = check_document(doc, source=source, find_source=True, cache=cache)
    data = doc.data if doc.loaded else None
    # Only a file that reached the source stage (a mapping of the version read) misses its source.
    reached = isinstance(data, dict) and _version_read(data)
    if not reached or used is not None or any(p.rule == "source-unreadable" for p in problems):
        return FileResult(path, tuple(problems), used)
    if not require_source:
        return FileResult(path, tuple(problems), None, (SOURCE_NOT_FOUND,))
    sink = _Sink(doc)
    sink.add(("source", "name"), "source-missing", f"{SOURCE_NOT_FOUND} (--require-source)")
    return FileResult(path, tuple(_sorted([*problems, *sink.problems])), None)


def check_document(
    doc: Document,
    source: str | None = None,
    find_source: bool = False,
    cache: dict[str, Any] | None = None,
    consistency: bool = True,
) -> tuple[Plan | None, list[Problem], str | None]:
    """The checks on a loaded document: the plan (when all pass), the problems, the source used.

    ``consistency=False`` stops after the schema: the file loads and fits the models, which is all
    that ``diff`` and ``track`` need; ids, references, spans and units are left to ``validate``.
    """
    sink = _Sink(doc)
    for issue in doc.issues:
        path = format_path(issue.path)
        sink.problems.append(Problem(doc.name, issue.line, issue.column, path, issue.rule, issue.message))
    if not doc.loaded:
        return None, sink.problems, None
    data = doc.data
    if not isinstance(data, dict):
        what = "empty" if data is None else _KIND_WORDS.get(type(data).__name__, type(data).__name__)
        sink.add((), "not-a-mapping", f"not a plan file (the top level is {what}, not a mapping)")
        return None, _sorted(sink.problems), None
    # Without a version there is no knowing which schema applies: say so and nothing else.
    if "schema_version" not in data:
        sink.add((), "schema-version-missing", "not a plan file (no schema_version)")
        return None, _sorted(sink.problems), None
    version = data["schema_version"]
    if not _version_read(data):
        message = f"unsupported schema_version {version!r} (this govplan reads {SCHEMA_VERSION})"
        sink.add(("schema_version",), "schema-version-unsupported", message)
        return None, _sorted(sink.problems), None
    plan = _check_schema(doc, sink)
    if not consistency:
        return (plan if not sink.problems else None), _sorted(sink.problems), None
    _check_rules(data, sink)
    used = None
    src_path = source or (_source_beside(doc.name, data) if find_source else None)
    if src_path is not None:
        src = _read_source(src_path, source is not None, sink, cache)
        if src is not None:
            _check_source(data, src, sink)
            used = src_path
    return (plan if not sink.problems else None), _sorted(sink.problems), used


def _version_read(data: dict[str, Any]) -> bool:
    """Whether a plan file's schema_version is the one this govplan reads (a bool is no version)."""
    version = data.get("schema_version")
    return version == SCHEMA_VERSION and not isinstance(version, bool)


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _check_schema(doc: Document, sink: _Sink) -> Plan | None:
    """Pydantic's strict JSON validation of the models, its errors mapped back to paths and lines."""
    text = doc.text if doc.format == "json" else json.dumps(doc.data, ensure_ascii=False, default=str)
    try:
        return Plan.model_validate_json(text, strict=True)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    seen: set[tuple[JsonPath, str, str]] = set()
    for err in errors:
        path, rest = _resolve(doc.data, err["loc"])
        rule, message, at_key = _describe(err, path, rest)
        if (path, rule, message) in seen:  # the members of a union (float | int) fail together
            continue
        seen.add((path, rule, message))
        sink.add(path, rule, message, at_key)
    return None


def _resolve(data: Any, loc: tuple[int | str, ...]) -> tuple[JsonPath, tuple[int | str, ...]]:
    """The longest prefix of a pydantic ``loc`` that exists in the data, and what is left of it."""
    path: list[int | str] = []
    cur = data
    for el in loc:
        if isinstance(cur, dict) and isinstance(el, str) and el in cur:
            cur = cur[el]
        elif isinstance(cur, list) and isinstance(el, int) and 0 <= el < len(cur):
            cur = cur[el]
        else:
            break
        path.append(el)
    return tuple(path), loc[len(path) :]


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"


def _describe(err: Any, path: JsonPath, rest: tuple[int | str, ...]) -> tuple[str, str, bool]:
    """Rule id, message and whether to point at the key, for one pydantic error."""
    kind: str = err["type"]
    field_name = next((k for k in reversed(path) if isinstance(k, str)), "")
    got = _shown(err.get("input"))
    if kind == "extra_forbidden":
        return "schema-unknown-field", f"unknown field {path[-1]!r}", True
    if kind == "missing":
        return "schema-missing-field", f"missing required field {rest[0]!r}", False
    if kind == "literal_error":
        if field_name == "comparator":
            return (
                "comparator-unknown",
                f"unknown comparator {got} (expected one of {', '.join(_COMPARATORS)})",
                False,
            )
        if field_name == "domains":
            return (
                "domain-unknown",
                f"unknown domain key {got} (expected one of {', '.join(_DOMAINS)})",
                False,
            )
        return "schema-value", f"{got}: {err['msg']}", False
    stem = kind.split("_")[0]
    if kind.endswith(("_type", "_parsing")) or kind == "int_from_float":
        if len(rest) == 1 and isinstance(rest[0], str) and rest[0] in ("float", "int"):
            stem = "float"  # a float | int union: say "a number", not one member
        wanted = _TYPE_WORDS.get(stem, stem)
        return "schema-type", f"expected {wanted}, got {got}", False
    return "schema-value", f"{err['msg']} (got {got})", False


@functools.cache
def _unit_vocabulary() -> tuple[frozenset[str], tuple[str, ...]] | None:
    """Base units and multiplier words from data/units.yaml and number_traps.yaml; None if absent."""
    try:
        units = yaml.load(_data_text("units.yaml"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        base = {str(v) for v in units["units"].values()}
        multipliers = tuple(sorted((str(k) for k in units.get("multipliers", {})), key=len, reverse=True))
    except (FileNotFoundError, KeyError, TypeError, AttributeError, yaml.YAMLError):
        return None
    try:
        traps = yaml.load(
            _data_text("number_traps.yaml"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
        base.add(str(traps["year_unit"]))
    except (FileNotFoundError, KeyError, TypeError, yaml.YAMLError):
        pass
    return frozenset(base), multipliers


def _data_text(name: str) -> str:
    return resources.files("govplan").joinpath("data", name).read_text(encoding="utf-8")


def unit_known(unit: str) -> bool:
    """Whether a unit is in the vocabulary: a base unit, or a rate such as 元/吨 or 人/万人."""
    vocab = _unit_vocabulary()
    if vocab is None:
        return bool(unit)
    base, multipliers = vocab
    head, *rest = unit.split("/")
    if head not in base:
        return False
    for part in rest:
        for m in multipliers:
            if part.startswith(m) and part[len(m) :] in base:
                part = part[len(m) :]
                break
        if part not in base:
            return False
    return True


def _span(item: dict[str, Any]) -> tuple[int, int] | None:
    span = item.get("span")
    if isinstance(span, list) and len(span) == 2 and all(type(x) is int for x in span):
        return span[0], span[1]
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return value
    return None


def _dicts(items: Any, path: JsonPath) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield (*path, i), item


@dataclass
class _Index:
    """What the rules look things up in: ids, sections with their spans, topics with their sections."""

    ids: dict[str, JsonPath] = field(default_factory=dict)
    sections: dict[str, tuple[int, int] | None] = field(default_factory=dict)
    topics: dict[str, str | None] = field(default_factory=dict)  # topic id -> its section id


def _check_rules(data: dict[str, Any], sink: _Sink) -> None:
    """The semantic rules no generic schema can state; tolerant of data the schema already refused."""
    idx = _Index()
    source = data.get("source")
    chars = source.get("chars") if isinstance(source, dict) else None
    chars = chars if type(chars) is int else None

    def item(path: JsonPath, it: dict[str, Any]) -> tuple[int, int] | None:
        ident = it.get("id")
        if isinstance(ident, str):
            if ident in idx.ids:
                first = idx.ids[ident]
                where = sink.doc.locate(first)
                at = f"line {where[0]}" if where else format_path(first)
                sink.add((*path, "id"), "id-duplicate", f"duplicate id {ident!r} (first at {at})")
            else:
                idx.ids[ident] = path
        span = _span(it)
        if span is None:
            return None
        if span[0] > span[1]:
            sink.add((*path, "span"), "span-reversed", f"span [{span[0]}, {span[1]}] starts after it ends")
            return None
        if span[0] < 0 or (chars is not None and span[1] > chars):
            limit = f" (source.chars is {chars})" if chars is not None else ""
            sink.add(
                (*path, "span"),
                "span-out-of-range",
                f"span [{span[0]}, {span[1]}] is outside the source text{limit}",
            )
        return span

    def inside(path: JsonPath, span: tuple[int, int] | None, sid: str, outer: tuple[int, int] | None) -> None:
        if span is not None and outer is not None and not (outer[0] <= span[0] and span[1] <= outer[1]):
            sink.add(
                (*path, "span"),
                "outside-section",
                f"span [{span[0]}, {span[1]}] is outside its section {sid!r} [{outer[0]}, {outer[1]}]",
            )

    def topics(items: Any, path: JsonPath, sid: str | None, outer: tuple[int, int] | None) -> None:
        for tpath, topic in _dicts(items, path):
            span = item(tpath, topic)
            if isinstance(topic.get("id"), str):
                idx.topics[topic["id"]] = sid
            if sid is not None:
                inside(tpath, span, sid, outer)
            topics(topic.get("topics"), (*tpath, "topics"), sid, outer)

    def sections(items: Any, path: JsonPath, parent: tuple[str, tuple[int, int] | None] | None) -> None:
        for spath, sec in _dicts(items, path):
            span = item(spath, sec)
            sid = sec.get("id") if isinstance(sec.get("id"), str) else None
            if sid is not None:
                idx.sections[sid] = span
            if parent is not None:
                inside(spath, span, parent[0], parent[1])
            topics(sec.get("topics"), (*spath, "topics"), sid, span)
            sections(sec.get("sections"), (*spath, "sections"), (sid, span) if sid is not None else None)

    sections(data.get("sections"), ("sections",), None)
    placed: list[tuple[JsonPath, dict[str, Any], tuple[int, int] | None]] = []
    for cpath, c in _dicts(data.get("commitments"), ("commitments",)):
        placed.append((cpath, c, item(cpath, c)))
        value, value_max = _number(c.get("value")), _number(c.get("value_max"))
        if value is not None and value_max is not None and value > value_max:
            sink.add(
                (*cpath, "value"), "value-above-max", f"value {value:g} is above value_max {value_max:g}"
            )
        unit = c.get("unit")
        if isinstance(unit, str) and not unit_known(unit):
            sink.add((*cpath, "unit"), "unit-unknown", f"unknown unit {unit!r} (not in data/units.yaml)")
    for ppath, p in _dicts(data.get("projects"), ("projects",)):
        placed.append((ppath, p, item(ppath, p)))
    for wpath, w in _dicts(data.get("warnings"), ("warnings",)):
        span = _span(w)
        if span is not None and span[0] > span[1]:
            sink.add((*wpath, "span"), "span-reversed", f"span [{span[0]}, {span[1]}] starts after it ends")
    for path, it, span in placed:
        sid, tid = it.get("section"), it.get("topic")
        if isinstance(sid, str):
            if sid not in idx.sections:
                sink.add((*path, "section"), "section-ref", f"section {sid!r} is not a section of this file")
            else:
                inside(path, span, sid, idx.sections[sid])
        if isinstance(tid, str):
            if tid not in idx.topics:
                sink.add((*path, "topic"), "topic-ref", f"topic {tid!r} is not a topic of this file")
            elif isinstance(sid, str) and sid in idx.sections and idx.topics[tid] != sid:
                owner = idx.topics[tid]
                sink.add((*path, "topic"), "topic-ref", f"topic {tid!r} is in section {owner!r}, not {sid!r}")


# --- the source ----------------------------------------------------------------------------------


def _source_beside(plan_path: str, data: dict[str, Any]) -> str | None:
    """The report that source.name names, when it lies beside the plan file."""
    source = data.get("source")
    found = beside(plan_path, source.get("name") if isinstance(source, dict) else None)
    return str(found) if found is not None else None


def _read_source(path: str, explicit: bool, sink: _Sink, cache: dict[str, Any] | None) -> Any:
    """The decoded source report (a read.SourceText), or None with a problem when it cannot be read."""
    from govplan.read import read_source

    if cache is not None and path in cache:
        return cache[path]
    try:
        src = read_source(path)
    except InputError as exc:
        if explicit:
            raise
        sink.add(
            ("source", "name"), "source-unreadable", f"the source report {path} cannot be read: {exc.what}"
        )
        src = None
    if cache is not None:
        cache[path] = src
    return src


def _check_source(data: dict[str, Any], src: Any, sink: _Sink) -> None:
    """sha256, chars, and every item's text against the source slice at its span."""
    source = data.get("source")
    text: str = src.text
    if isinstance(source, dict):
        sha = source.get("sha256")
        if isinstance(sha, str) and sha != src.sha256:
            sink.add(
                ("source", "sha256"),
                "source-sha256",
                f"not the hash of the source report {src.name} ({src.sha256[:12]}…): the report changed",
            )
        chars = source.get("chars")
        if type(chars) is int and chars != len(text):
            sink.add(
                ("source", "chars"),
                "source-chars",
                f"source.chars is {chars}, the source text has {len(text)}",
            )
    chars = source.get("chars") if isinstance(source, dict) else None
    lines = [m.start() for m in re.finditer("\n", text)]
    for path, it in _items(data):
        span = _span(it)
        if span is None or span[0] > span[1]:
            continue
        if span[0] < 0 or span[1] > len(text):
            if type(chars) is not int or span[1] <= chars:  # else the rules said so already
                sink.add(
                    (*path, "span"), "span-out-of-range", f"span {list(span)} is outside the source text"
                )
            continue
        got = text[span[0] : span[1]]
        if isinstance(it.get("text"), str) and it["text"] != got:
            sink.add(
                (*path, "text"),
                "text-mismatch",
                f"text is not the source at [{span[0]}, {span[1]}], which reads {_shown(got)}",
            )
        line = it.get("line")
        if type(line) is int:
            actual = _line_at(lines, span[0])
            if line != actual:
                sink.add(
                    (*path, "line"), "line-mismatch", f"line {line}, but the span starts on line {actual}"
                )


def _items(data: dict[str, Any]) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    """Every section, topic, commitment and project (the things with spans), in document order."""

    def topics(items: Any, path: JsonPath) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
        for tpath, topic in _dicts(items, path):
            yield tpath, topic
            yield from topics(topic.get("topics"), (*tpath, "topics"))

    def sections(items: Any, path: JsonPath) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
        for spath, sec in _dicts(items, path):
            yield spath, sec
            yield from topics(sec.get("topics"), (*spath, "topics"))
            yield from sections(sec.get("sections"), (*spath, "sections"))

    yield from sections(data.get("sections"), ("sections",))
    for kind in ("commitments", "projects"):
        yield from _dicts(data.get(kind), (kind,))


def _line_at(newlines: list[int], offset: int) -> int:
    from bisect import bisect_left

    return bisect_left(newlines, offset) + 1


def load_checked_plan(path: str) -> Plan:
    """A plan file that loads and fits the schema; else PlanFileError naming the first problem."""
    doc = read_document(path)
    plan, problems, _ = check_document(doc, consistency=False)
    if problems:
        first = problems[0]
        located = first.line is not None and (first.path != "$" or first.rule in _SYNTAX_RULES)
        where = f"line {first.line}, column {first.column}: " if located else ""
        at = f"{first.path}: " if first.path != "$" else ""
        more = (
            f" (and {len(problems) - 1} more; `govplan validate {path}` lists them)"
            if len(problems) > 1
            else ""
        )
        raise PlanFileError(f"{where}{at}{first.message}{more}", path)
    if plan is None:  # pragma: no cover - problems are always reported when the schema fails
        raise PlanFileError("not a valid plan file", path)
    return plan
