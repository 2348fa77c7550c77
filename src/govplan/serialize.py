"""Plan files: deterministic YAML/JSON out, and the one loader that diff, validate and track use."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import functools
import json
import os
import secrets
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter

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
    return "".join(dump_parts(data, fmt))


def dump_parts(data: Any, fmt: str) -> Iterator[str]:
    """``dumps(data, fmt)`` a piece at a time, so that a huge plan's text is never whole in memory:
    written as it is made, a 15 MB report's 30 MB of YAML costs one piece, not the pieces and their
    join (the largest part of its peak memory)."""
    if fmt == "json":
        # iterencode yields the very chunks json.dumps joins (with an indent, both run the Python encoder)
        encoder = json.JSONEncoder(ensure_ascii=False, indent=2, allow_nan=False)
        buf: list[str] = []
        for chunk in encoder.iterencode(data):
            buf.append(chunk)
            if len(buf) >= _JSON_CHUNKS:
                yield "".join(buf)
                buf.clear()
        buf.append("\n")
        yield "".join(buf)
        return
    if fmt == "yaml":
        if not isinstance(data, dict) or not data:
            yield _yaml(data)
            return
        # A mapping is written key by key and a long list a slice at a time (the same bytes: PyYAML
        # writes a list under a key unindented), so the node tree of a huge plan is never whole.
        for key, value in data.items():
            if isinstance(value, list) and len(value) > _YAML_SLICE:
                yield _yaml({key: value[:_YAML_SLICE]})
                for i in range(_YAML_SLICE, len(value), _YAML_SLICE):
                    yield _yaml(value[i : i + _YAML_SLICE])
            else:
                yield _yaml({key: value})
        return
    raise ValueError(f"unknown format {fmt!r}")


_JSON_CHUNKS = 8192  # iterencode's chunks are tokens: joined this many at a time
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


def dump_plan_parts(plan: Plan, fmt: str = "yaml") -> Iterator[str]:
    """A plan file's text a piece at a time (``dump_parts``); the plan is read when the first piece is
    asked for.

    YAML is made a field and a slice of a long list at a time, each slice turned into plain data
    just before it is written: the plain data of a whole 15 MB report (dicts for 80,000 items) is
    never alive at once. (JSON is made from the whole plain data.)
    """
    if fmt != "yaml":
        data = plan_data(plan)
        del plan
        yield from dump_parts(data, fmt)
        return
    for key in type(plan).model_fields:
        value = getattr(plan, key)
        if isinstance(value, list) and len(value) > _YAML_SLICE and isinstance(value[0], BaseModel):
            items = _items_adapter(type(value[0]))
            yield _yaml({key: items.dump_python(value[:_YAML_SLICE], mode="json")})
            for i in range(_YAML_SLICE, len(value), _YAML_SLICE):
                yield _yaml(items.dump_python(value[i : i + _YAML_SLICE], mode="json"))
        else:
            yield _yaml({key: plan.model_dump(mode="json", include={key})[key]})


@functools.lru_cache(maxsize=16)
def _items_adapter(model: type[BaseModel]) -> TypeAdapter[list[Any]]:
    """Dumps a slice of a plan's list of ``model`` as the plan's own dump would."""
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def file_identity(path: Path | str) -> tuple[int, int] | None:
    """(device, inode) of a regular file, following links; ``-`` is stdin's file; else None.

    Devices and pipes have no identity here: stdin and stdout on one terminal are not one file.
    """
    try:
        st = os.fstat(sys.stdin.fileno()) if str(path) == "-" else os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def is_an_input(path: Path, inputs: tuple[Path, ...]) -> bool:
    """Whether writing ``path`` would replace one of the inputs (stdin's file included)."""
    target = file_identity(path)
    for src in inputs:
        if target is not None and file_identity(src) == target:
            return True
        if str(src) != "-" and os.path.abspath(src) == os.path.abspath(path):
            return True
    return False


def refuse_inputs(path: Path, inputs: Iterable[Path | str]) -> None:
    """The one OutputError when writing ``path`` would replace one of ``inputs`` (stdin's file too)."""
    if is_an_input(path, tuple(Path(p) for p in inputs)):
        raise OutputError("refusing to write over an input file", str(path))


def write_atomic(path: Path, content: str | Iterable[str], inputs: tuple[Path, ...] = ()) -> None:
    """Write ``content`` (a text, or its pieces in order) to ``path`` through a temp file and a
    rename; never over an input.

    A link at ``path`` is never followed into a file: the rename replaces the link itself. Only a
    device or FIFO (``-o /dev/stdout``, ``/dev/null``, a named pipe), named directly or through a
    link, is written through, and a FIFO nobody reads is refused instead of waited on. Every
    failure is an OutputError naming ``path``; no temp file outlives the call.
    """
    name = str(path)
    refuse_inputs(path, inputs)
    try:
        lst = os.lstat(path)
    except FileNotFoundError:
        lst = None
    except OSError as exc:
        raise OutputError(f"cannot write ({exc.strerror or exc})", name) from None
    mode = lst.st_mode if lst is not None else 0
    if stat.S_ISLNK(mode):
        try:
            mode = os.stat(path).st_mode
        except OSError:
            mode = 0  # a dangling link: replaced like any other
        if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
            mode = 0  # a link to a file or directory is replaced, not followed
    if stat.S_ISDIR(mode):
        raise OutputError("is a directory; name a file, or give several inputs for -o DIR", name)
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        _write_through(path, content)
        return
    if lst is not None and not (stat.S_ISREG(mode) or stat.S_ISLNK(lst.st_mode)):
        raise OutputError("not a regular file; refusing to replace it", name)
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise OutputError(f"directory {os.path.dirname(name) or '.'} does not exist", name)
    try:
        # A short temp name: the output's own name may be as long as the system allows.
        with temp_beside(parent, ".govplan-", ".tmp") as tmp:
            os.chmod(tmp.name, _file_mode(path if lst is not None and stat.S_ISREG(lst.st_mode) else None))
            with open(tmp.name, "w", encoding="utf-8", newline="\n") as fh:
                _write_text(fh, content)
            tmp.replace(path)
    except OSError as exc:
        raise OutputError(f"cannot write ({exc.strerror or exc})", name) from None


class TempFile:
    """A temporary file made by ``temp_beside``: its ``name`` until ``replace`` renames it over its
    target, empty after (nothing of it is left to remove)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def replace(self, target: str | os.PathLike[str]) -> None:
        os.replace(self.name, target)
        self.name = ""


@contextlib.contextmanager
def temp_beside(folder: str | os.PathLike[str], prefix: str, suffix: str) -> Iterator[TempFile]:
    """A new, empty temporary file in ``folder`` that is gone afterwards unless ``replace`` renamed
    it: after a failure, Ctrl-C or a signal too, and only ever the file this made. Its name is bound
    before the file is made: a signal's handler may run between any two steps (it runs in this
    thread whichever thread took the signal), and with ``mkstemp`` one landing after the file was
    made but before its name was bound left the file behind."""
    made = TempFile("")
    try:
        for _ in range(100):
            made.name = os.path.join(folder, f"{prefix}{secrets.token_hex(5)}{suffix}")
            try:
                os.close(os.open(made.name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
                break
            except FileExistsError:  # another file's name: never this one's to remove
                made.name = ""
            except OSError:  # no file made (permission, a name too long): nothing to remove
                made.name = ""
                raise
        else:  # pragma: no cover - a hundred taken random names
            raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))
        yield made
    finally:
        if made.name:
            try:
                os.unlink(made.name)
            except OSError:
                pass


def _write_text(fh: Any, content: str | Iterable[str]) -> None:
    """``fh.write`` of the text or of each piece, a slice at a time: the file object encodes what it
    is given whole, and a 30 MB plan would be a second, encoded copy of itself."""
    for part in (content,) if isinstance(content, str) else content:
        for i in range(0, len(part), _WRITE_SLICE):
            fh.write(part[i : i + _WRITE_SLICE])


_WRITE_SLICE = 1 << 20


def _write_through(path: Path, content: str | Iterable[str]) -> None:
    name = str(path)
    try:
        # O_NONBLOCK: a FIFO with no reader fails at once (ENXIO) instead of hanging the run
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError("a FIFO that nobody reads", name) from None
        raise OutputError(f"cannot write ({exc.strerror or exc})", name) from None
    try:
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            _write_text(fh, content)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write ({exc.strerror or exc})", name) from None


def _file_mode(target: Path | None) -> int:
    """The mode a plain ``open(path, "w")`` would give: the existing file's, else 0666 less the umask."""
    try:
        if target is None:
            raise FileNotFoundError
        return os.lstat(target).st_mode & 0o777
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
