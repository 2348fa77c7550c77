"""The work of the commands behind the CLI: each takes plain values and returns an exit code.

``cli.py`` declares the options and hands them here; messages go through ``report`` (stderr),
output through ``govplan.output``. Usage errors raise GovplanError (exit 2).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from govplan.batch import check_output_file
from govplan.choices import DiffFormat, DiffOnly, DiffPart, PlanFormat, TargetsFormat, TrackFormat
from govplan.errors import GovplanError, OutputError
from govplan.inputs import expand_inputs
from govplan.output import color_out, emit, same_output, write_binary
from govplan.suffixes import PLAN_SUFFIXES, REPORT_SUFFIXES

Report = Callable[[str], None]


def plan_format_of(output: str | None) -> PlanFormat:
    """The plan format -o FILE's suffix names (``.json``), else YAML."""
    return PlanFormat.json if output is not None and output.lower().endswith(".json") else PlanFormat.yaml


def run_parse(
    inputs: list[str],
    output: str | None,
    fmt: PlanFormat | None,
    jobs: int | None,
    lexicon: Path | None,
    dump_text: Path | None,
    quiet: bool,
    debug: bool,
    report: Report,
) -> int:
    """``govplan parse``: one input to stdout or -o FILE, several (or a directory) into -o DIR."""
    from govplan.batch import output_dir, parse_one, run_batch, warning_lines
    from govplan.options import ParseOptions

    if lexicon is not None:
        from govplan.extract.domains import load_lexicon

        load_lexicon(str(lexicon))  # a bad lexicon stops the run once, not once per file of a batch
    options = ParseOptions(lexicon=lexicon)
    files = expand_inputs(inputs)
    to_dir = output is not None and (output.endswith(("/", os.sep)) or os.path.isdir(output))
    batch = len(files) > 1 or any(p != "-" and os.path.isdir(p) for p in inputs)
    out_fmt = (fmt or plan_format_of(output if not (batch or to_dir) else None)).value
    input_paths = tuple(Path(f) for f in files)
    if not batch and not to_dir:
        if output is not None and dump_text is not None and same_output(Path(output), dump_text):
            raise OutputError("-o and --dump-text name the same file", str(dump_text))
        for target in (output, dump_text):
            if target is not None:
                check_output_file(Path(target), input_paths)  # before the work, not after it
        parsed = parse_one(files[0], out_fmt, options, stream=output is not None)
        if dump_text is not None:
            from govplan.serialize import write_atomic

            write_atomic(dump_text, parsed.text, input_paths)
        emit(parsed.parts, output, tuple(files))
        if not quiet:
            for line in warning_lines(files[0], parsed.warnings):
                report(line)
        return 0
    if output is None:
        raise OutputError("several inputs need -o DIR to write one plan file each", None)
    if dump_text is not None:
        raise OutputError("--dump-text takes one input", None)
    if files == ["-"]:
        raise OutputError("stdin has no name to write into a directory; use -o FILE", "-")
    outcome = run_batch(files, output_dir(output), out_fmt, options, jobs, debug, report, quiet)
    done = outcome.total - outcome.failed - outcome.skipped
    summary = f"parsed {done} of {outcome.total} files into {output}"
    if outcome.skipped:
        summary += f"; {outcome.skipped} skipped (not work reports)"
    report(summary + (f"; {outcome.failed} failed" if outcome.failed else ""))
    return 3 if outcome.internal else 1 if outcome.failed else 0


def run_diff(
    a: str, b: str, fmt: DiffFormat, only: list[DiffOnly] | None, part: DiffPart, output: str | None
) -> int:
    """``govplan diff``: 0 when the plans are the same, 1 when they differ."""
    from govplan.diff import diff_plans, read_input
    from govplan.render.registry import render

    plan_a, text_a = read_input(a)
    plan_b, text_b = read_input(b)
    result = diff_plans(
        plan_a,
        plan_b,
        part=part.value,
        only=[o.value for o in only] if only else None,
        a_name=Path(a).name,
        b_name=Path(b).name,
        a_text=text_a,
        b_text=text_b,
    )
    if fmt is DiffFormat.html:
        from govplan.render.html import render_diff_html
        from govplan.view import side_text

        sides = (plan_a, side_text(a, plan_a, text_a)), (plan_b, side_text(b, plan_b, text_b))
        emit(render_diff_html(result, a=sides[0], b=sides[1]), output, (a, b))
    else:
        color, width = color_out(output) if fmt is DiffFormat.text else (False, 100)
        emit(render("diff", fmt.value, result, color=color, width=width), output, (a, b))
    return result.exit_code


def indicator_keys(indicators: str | None) -> list[str] | None:
    """The keys of ``--indicators``, checked against the vocabulary of ``targets``."""
    if indicators is None:
        return None
    from govplan.targets import vocabulary

    keys = [k.strip() for k in indicators.split(",") if k.strip()]
    known = [i.key for i in vocabulary().indicators]
    unknown = [k for k in keys if k not in known]
    if unknown or not keys:
        raise GovplanError(
            f"--indicators: unknown indicator {', '.join(unknown) or '(none)'}; known: {', '.join(known)}"
        )
    return keys


def run_track(
    inputs: list[str], indicators: str | None, fmt: TrackFormat, output: str | None, report: Report
) -> int:
    """``govplan track``: one pair (two files), or many governments (directories, more files)."""
    from govplan.match import read_input
    from govplan.render.registry import render
    from govplan.track import track_many, track_plans

    keys = indicator_keys(indicators)
    if len(inputs) == 2 and not any(os.path.isdir(p) for p in inputs):
        earlier, later = inputs
        plan_e, text_e = read_input(earlier)
        plan_l, text_l = read_input(later)
        result = track_plans(
            plan_e,
            plan_l,
            earlier_text=text_e,
            later_text=text_l,
            earlier_name=Path(earlier).name,
            later_name=Path(later).name,
            indicators=keys,
        )
        if fmt is TrackFormat.html:
            from govplan.render.html import render_track_html
            from govplan.view import side_text

            sides = (plan_e, side_text(earlier, plan_e, text_e)), (plan_l, side_text(later, plan_l, text_l))
            emit(render_track_html(result, earlier=sides[0], later=sides[1]), output, (earlier, later))
            return 0
        color, width = color_out(output) if fmt is TrackFormat.text else (False, 100)
        emit(render("track", fmt.value, result, color=color, width=width), output, tuple(inputs))
        return 0
    if fmt is TrackFormat.html:
        raise GovplanError("--format html shows one pair: give the earlier and the later file")
    files = expand_inputs(inputs, REPORT_SUFFIXES + PLAN_SUFFIXES)
    read: list[tuple[str, Any, str | None]] = []
    for f in files:
        try:
            plan, text = read_input(f)
        except GovplanError as exc:  # one unreadable file does not stop the others
            report(exc.line("Warning"))
            continue
        read.append((f, plan, text))
    batch = track_many(read, indicators=keys)
    if not batch.reports:
        raise GovplanError("no government has reports of two consecutive years among these files")
    color, width = color_out(output) if fmt is TrackFormat.text else (False, 160)
    width = width if output is None and sys.stdout.isatty() else 160  # a file or pipe: room for quotes
    emit(render("track-batch", fmt.value, batch, color=color, width=width), output, tuple(files))
    return 0


def targets_format(fmt: TargetsFormat | None, output: str | None) -> TargetsFormat:
    """--format, else -o's suffix (.json, .xlsx), else csv; an .xlsx file is only ever a workbook."""
    suffix = Path(output).suffix.lower() if output else ""
    if fmt is None:
        fmt = {".json": TargetsFormat.json, ".xlsx": TargetsFormat.xlsx}.get(suffix, TargetsFormat.csv)
    if (suffix == ".xlsx") != (fmt is TargetsFormat.xlsx):
        raise GovplanError("Invalid value: an Excel workbook is --format xlsx with -o FILE.xlsx")
    if fmt is TargetsFormat.xlsx:
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            raise OutputError(
                "an Excel workbook needs openpyxl: pip install 'govplan[xlsx]'", output
            ) from None
    return fmt


def run_targets(
    inputs: list[str],
    fmt: TargetsFormat | None,
    bom: bool,
    output: str | None,
    chart: str | None,
    report: Report,
) -> int:
    """``govplan targets``: 0, 1 when some file failed, 2 when none could be read."""
    from govplan.charts import check_chart, write_chart
    from govplan.render.progress import progress_bar
    from govplan.render.registry import render
    from govplan.render.targets import write_xlsx
    from govplan.targets import collect_targets

    fmt = targets_format(fmt, output)
    if bom and fmt is not TargetsFormat.csv:
        raise GovplanError("Invalid value: --bom is for --format csv")
    if chart is not None:
        check_chart(chart, output)
    files = expand_inputs(inputs, REPORT_SUFFIXES + PLAN_SUFFIXES)
    with progress_bar(len(files), "targets", enabled=len(files) > 1 and sys.stderr.isatty()) as advance:
        batch = collect_targets(files, on_file=advance)
    for line in [*(exc.line() for exc in batch.errors), *batch.warnings]:
        report(line)
    if not batch.results:
        return batch.exit_code
    if chart is not None and output is not None:
        write_chart(batch.rows, chart, output, tuple(files))
    elif fmt is TargetsFormat.xlsx and output is not None:
        write_binary(lambda tmp: write_xlsx(batch.rows, tmp), output, tuple(files))
    else:
        color, width = color_out(output) if fmt is TargetsFormat.table else (False, 100)
        emit(
            render("targets", fmt.value, batch.rows, bom=bom, color=color, width=width), output, tuple(files)
        )
    return batch.exit_code


def run_view(input_path: str, source: str | None, output: str | None) -> int:
    """``govplan view``: one self-contained HTML page of a report or plan."""
    from govplan.render.html import render_view
    from govplan.view import build_page, load_view_input

    inputs = tuple(p for p in (input_path, source) if p)
    if output is not None:
        check_output_file(Path(output), tuple(Path(p) for p in inputs if p != "-"))
    plan, text, warnings = load_view_input(input_path, source)
    emit(render_view(build_page(plan, text, warnings)), output, inputs)
    return 0


def run_validate(paths: list[str], source: str | None, fmt: str, require_source: bool, report: Report) -> int:
    """``govplan validate``: the problems on stdout, what was not checked on stderr; 0 valid, 1 not."""
    from govplan.render.registry import render
    from govplan.validate import validate_paths

    result = validate_paths(paths, source=source, require_source=require_source)
    for line in result.warnings:
        report(line)
    sys.stdout.write(render("validate", fmt, result))
    return result.exit_code
