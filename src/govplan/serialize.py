"""Plan files: deterministic YAML/JSON out, and the one loader that diff, validate and track use."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import yaml

from govplan.errors import OutputError, PlanFileError
from govplan.models import Plan


class _FlowList(list[Any]):
    """A short list (a span) written on one line: ``span: [12, 30]``."""


# libyaml's emitter writes the same bytes as PyYAML's (checked on every corpus report) four times
# faster; the pure-Python one stays the fallback where PyYAML was built without libyaml.
_SafeDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_SafeDumper):  # type: ignore[misc]
    pass


def _flow_list(dumper: yaml.SafeDumper, data: _FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(_FlowList, _flow_list)


def _flow_spans(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {
            k: (_FlowList(v) if k == "span" and isinstance(v, list) else _flow_spans(v))
            for k, v in obj.items()
        }
    if isinstance(obj, list):
        return [_flow_spans(x) for x in obj]
    return obj


def plan_data(plan: Plan) -> dict[str, Any]:
    """The plan as plain JSON-compatible data, fields in contract order."""
    return plan.model_dump(mode="json")


def dumps(data: Any, fmt: str) -> str:
    """Serialise plain data as YAML or JSON; the same data gives the same bytes."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        if not isinstance(data, dict) or not data:
            return _yaml(data)
        # A mapping is written key by key and a long list a slice at a time (the same bytes: PyYAML
        # writes a list under a key unindented), so the node tree of a huge plan is never whole.
        parts: list[str] = []
        for key, value in data.items():
            if isinstance(value, list) and len(value) > _YAML_SLICE:
                parts.append(_yaml({key: value[:_YAML_SLICE]}))
                parts.extend(
                    _yaml(value[i : i + _YAML_SLICE]) for i in range(_YAML_SLICE, len(value), _YAML_SLICE)
                )
            else:
                parts.append(_yaml({key: value}))
        return "".join(parts)
    raise ValueError(f"unknown format {fmt!r}")


_YAML_SLICE = 64


def _yaml(data: Any) -> str:
    from govplan.yamlemit import Unsure, emit

    try:
        return emit(data)
    except Unsure:  # something only PyYAML's own emitter is sure to write the same way
        pass
    return yaml.dump(
        _flow_spans(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6, indent=2
    )


def dump_plan(plan: Plan, fmt: str = "yaml") -> str:
    """A plan file's text."""
    data = plan_data(plan)
    del plan  # a caller's temporary (dump_plan(parse_source(...))): its models go before the text is made
    return dumps(data, fmt)


def write_atomic(path: Path, content: str, inputs: tuple[Path, ...] = ()) -> None:
    """Write ``content`` to ``path`` through a temp file and a rename; never over an input."""
    target = path.resolve()
    for src in inputs:
        try:
            if src.exists() and target.exists() and os.path.samefile(src, target):
                raise OutputError("refusing to write over an input file", str(path))
        except OSError:
            continue
        if src.resolve() == target:
            raise OutputError("refusing to write over an input file", str(path))
    if target.is_dir():
        raise OutputError("is a directory; name a file, or give several inputs for -o DIR", str(path))
    try:
        special = not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        special = False
    if special:  # /dev/null, /dev/stdout, a FIFO: a rename would replace the device, so write through
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
        return
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(f"directory {parent} does not exist", str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    try:
        os.fchmod(fd, _file_mode(target))  # mkstemp makes 0600; a plan file gets the usual mode
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _file_mode(target: Path) -> int:
    """The mode a plain ``open(path, "w")`` would give: the existing file's, else 0666 less the umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def load_data(path: str) -> Any:
    """Load a plan file's raw data (YAML or JSON); bad syntax or a duplicate key raises PlanFileError."""
    from govplan.yamlload import format_path, read_document

    doc = read_document(path)
    if doc.issues:
        issue = doc.issues[0]
        where = f"line {issue.line}, column {issue.column}: " if issue.line and issue.column else ""
        at = f"{format_path(issue.path)}: " if issue.path else ""
        raise PlanFileError(f"{where}{at}{issue.message}", path)
    return doc.data


def load_plan(path: str) -> Plan:
    """A plan file that loads (no duplicate keys) and fits the schema; else PlanFileError with the line."""
    from govplan.validate import load_checked_plan

    return load_checked_plan(path)
