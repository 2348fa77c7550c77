"""Batch parsing: which files the inputs name, where their plan files go, and the worker pool.

The rules live here once: a directory expands to its report files (sorted, not recursive); a file
given twice is parsed once; ``-o FILE`` and ``-o DIR`` are checked before any work; every input
writes ``DIR/<stem>.plan.<fmt>`` and two inputs never write one name; a write that fails is that file's
failure, not the run's. Workers are killed, not orphaned, when the run is interrupted
(Ctrl-C, SIGTERM, SIGHUP), and no temp file is left.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govplan.errors import GovplanError, OutputError, internal_line, one_line

if TYPE_CHECKING:
    from govplan.options import ParseOptions

from govplan.inputs import PLAN_SUFFIXES


def unique_inputs(files: list[str]) -> tuple[list[str], list[str]]:
    """The files with repeats dropped (the same file by path or by device and inode), and the repeats."""
    from govplan.serialize import file_identity

    seen: set[Any] = set()
    kept: list[str] = []
    repeats: list[str] = []
    for f in files:
        key: Any = file_identity(f) if f != "-" else "-"
        key = key or os.path.abspath(f)
        if key in seen:
            if f not in repeats:
                repeats.append(f)
            continue
        seen.add(key)
        kept.append(f)
    return kept, repeats


def check_output_file(path: Path, inputs: tuple[Path, ...]) -> None:
    """-o FILE must go into an existing directory and must not be one of the inputs (stdin included)."""
    from govplan.serialize import refuse_inputs

    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"directory {parent} does not exist", str(path))
    if path.is_dir():
        raise OutputError("is a directory; name a file, or give several inputs for -o DIR", str(path))
    refuse_inputs(path, inputs)


def output_dir(output: str) -> Path:
    """-o DIR: an existing directory, or a new one whose parent exists (nothing more is created)."""
    out_dir = Path(output)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError("is a file; several inputs need -o DIR", output)
    if not out_dir.exists():
        if output.lower().endswith(PLAN_SUFFIXES):
            raise OutputError(
                "names a plan file, but several inputs need -o DIR (end it with / for a directory)", output
            )
        parent = out_dir.resolve().parent
        if not parent.is_dir():
            raise OutputError(
                f"directory {out_dir.parent} does not exist (only {out_dir.name} is created)", output
            )
        try:
            out_dir.mkdir()
        except OSError as exc:
            raise OutputError(f"cannot create the directory ({exc.strerror or exc})", output) from None
    return out_dir


def cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Parsed:
    """One report parsed: its plan file's text in pieces (``content`` joins them), the text its
    spans index, and the parser's warnings as ``(code, message)``."""

    parts: Iterable[str]  # a tuple; with parse_one(stream=True), a generator to write once
    text: str
    warnings: tuple[tuple[str, str], ...]

    @property
    def content(self) -> str:
        return "".join(self.parts)

    @property
    def not_a_report(self) -> bool:
        return any(code == "not-a-report" for code, _ in self.warnings)


def parse_one(path: str, fmt: str, options: ParseOptions, *, stream: bool = False) -> Parsed:
    """One report to its plan file's text, the extracted text its spans index, and its warnings.

    The text comes as pieces, never joined (a huge plan's text and its join would be two copies);
    with ``stream`` they are made as they are written, so only one is in memory at a time.
    """
    from govplan.pipeline import parse_source
    from govplan.read import read_source
    from govplan.serialize import dump_plan_parts

    src = read_source(path, options.max_input_bytes)
    plan = parse_source(src, options)
    warnings = tuple((w.code, w.message) for w in plan.warnings)
    parts = dump_plan_parts(plan, fmt)
    del plan  # the generator holds the plan until its data is made, then lets it go
    return Parsed(parts if stream else tuple(parts), src.text, warnings)


def warning_lines(path: str, warnings: Iterable[tuple[str, str]]) -> list[str]:
    """The parser's warnings as the lines a terminal shows: ``Warning: <file>: <what> [<code>]``."""
    return [one_line(f"Warning: {path}: {message} [{code}]") for code, message in warnings]


_Result = tuple[Parsed | None, str | None, bool]  # (the parse, error line, whether a bug)


def _parse_job(job: tuple[str, str, ParseOptions, bool]) -> _Result:
    """A batch worker: one file to (its parse, None, False) or (None, error line, is an internal error)."""
    path, fmt, options, debug = job
    try:
        return parse_one(path, fmt, options), None, False
    except GovplanError as exc:
        return None, one_line(exc.line() if exc.file else f"Error: {path}: {exc.what}"), False
    except RecursionError as exc:  # a structure too deep for this input: its failure, not a bug
        return None, one_line(f"Error: {path}: nested too deeply to parse ({type(exc).__name__})"), False
    except MemoryError:
        return None, one_line(f"Error: {path}: out of memory"), False
    except Exception as exc:  # a bug: reported for this file, the batch goes on
        import traceback

        tb = traceback.format_exc() if debug else ""
        return None, tb + internal_line(exc, path), True


def _warm(options: ParseOptions) -> None:
    """Build the lexicons and compiled patterns once in the parent: forked workers share them
    instead of each building its own (about half a second of CPU per worker)."""
    import gc

    from govplan.pipeline import parse_text

    parse_text(
        "各位代表：\n一、2024年工作安排\n办好人民满意教育。新建学校3所，建成京华学校。\n", options=options
    )
    gc.freeze()  # what the workers inherit is never touched by their collector, so its pages stay shared


def _worker_init() -> None:
    """Workers leave signals to the parent, which kills them; and die with it if it is killed."""
    import signal

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: no orphan holds the caller's pipes
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


@dataclass
class BatchOutcome:
    """What a batch did: files parsed and written, files that failed, and whether one hit a bug."""

    total: int
    failed: int = 0
    skipped: int = 0  # files that do not look like work reports: not written, not failures
    internal: bool = False
    repeats: list[str] = field(default_factory=list)


def run_batch(
    files: list[str],
    out_dir: Path,
    fmt: str,
    options: ParseOptions,
    jobs: int | None,
    debug: bool,
    report: Callable[[str], None],
    quiet: bool = False,
) -> BatchOutcome:
    """Parse ``files`` into ``out_dir``, ``jobs`` at a time (default and most: the cores), results
    taken and written in input order."""
    from govplan.render.progress import progress_bar
    from govplan.serialize import write_atomic

    unique, repeats = unique_inputs(files)
    for f in repeats:
        report(one_line(f"Warning: {f}: given more than once; parsed once"))
    inputs = tuple(Path(f) for f in unique)
    outcome = BatchOutcome(len(unique), repeats=repeats)
    targets: list[Path | None] = []
    problems: dict[int, str] = {}
    taken: dict[str, int] = {}
    for i, f in enumerate(unique):
        target = out_dir / f"{Path(f).stem}.plan.{fmt}"  # the name the pre-commit hook matches
        key = os.path.normcase(target.name)
        if f == "-":
            problems[i] = "Error: -: stdin cannot be part of a batch; parse it alone"
            targets.append(None)
        elif key in taken:
            problems[i] = f"Error: {f}: another input already writes {target}"
            targets.append(None)
        else:
            taken[key] = i
            targets.append(target)
    todo = [(f, fmt, options, debug) for i, f in enumerate(unique) if i not in problems]
    workers = max(1, min(jobs or cores(), len(todo), cores()))
    executor: Any = None
    results: Iterable[_Result]
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        _warm(options)

        executor = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init)
        futures = [executor.submit(_parse_job, job) for job in todo]
        results = (fut.result() for fut in futures)
    else:
        results = map(_parse_job, todo)
    it: Iterator[_Result] = iter(results)
    finished = False
    try:
        with progress_bar(len(unique), "parse", enabled=sys.stderr.isatty()) as advance:
            for i, f in enumerate(unique):
                if i in problems:
                    outcome.failed += 1
                    advance(f, one_line(problems[i]))
                    continue
                parsed, error, bug = next(it)
                out = targets[i]
                if parsed is not None and parsed.not_a_report:
                    outcome.skipped += 1
                    advance(f, one_line(f"Warning: {f}: does not look like a work report; skipped"))
                    continue
                if parsed is not None and out is not None:
                    try:
                        write_atomic(out, parsed.parts, inputs)
                    except GovplanError as exc:  # this file's failure: the others are still written
                        error = one_line(exc.line())
                if error is not None:
                    outcome.failed += 1
                    outcome.internal = outcome.internal or bug
                elif parsed is not None and not quiet:
                    for line in warning_lines(f, parsed.warnings):
                        report(line)
                advance(f, error)
        finished = True
    finally:
        if executor is not None:
            _stop(executor, finished)
    return outcome


def _stop(executor: Any, finished: bool) -> None:
    """Shut the pool down; when interrupted, kill its workers first (they ignore SIGTERM)."""
    procs = list((getattr(executor, "_processes", None) or {}).values())
    if not finished:
        for p in procs:
            try:
                p.kill()
            except (OSError, AttributeError):  # pragma: no cover - already gone
                pass
    executor.shutdown(wait=finished, cancel_futures=True)
    for p in procs:
        p.join(timeout=5)
