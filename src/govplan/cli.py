"""The command line: each command opens its inputs, makes library calls and renders the result.

Exit codes: 0 success; 1 invalid plan files, differences found, or some files of a batch failed;
2 could not run (bad input, bad usage); 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from govplan import __version__
from govplan.batch import check_output_file, expand_inputs, internal_line, one_line
from govplan.errors import GovplanError, InputError, OutputError, Terminated
from govplan.suffixes import PLAN_SUFFIXES, REPORT_SUFFIXES

if TYPE_CHECKING:
    pass

app = typer.Typer(
    name="govplan",
    help="Turn Chinese government work reports (政府工作报告) into structured, validated data.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class PlanFormat(StrEnum):
    yaml = "yaml"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"govplan {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")] = False,
) -> None:
    """Turn Chinese government work reports (政府工作报告) into structured, validated data."""


def _err(line: str) -> None:
    typer.echo(one_line(line), err=True)


@app.command()
def parse(
    ctx: typer.Context,
    inputs: Annotated[
        list[str],
        typer.Argument(help="Report files (.txt .md .html .docx .pdf), directories, or - for stdin."),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            help="Write to FILE (one input), or into DIR (a directory, several inputs, or a name ending in /).",
        ),
    ] = None,
    fmt: Annotated[
        PlanFormat | None,
        typer.Option("--format", "-f", help="Output format [default: from -o FILE's suffix, else yaml]."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes for several inputs [default and most: the cores, at most one per input].",
        ),
    ] = None,
    lexicon: Annotated[
        Path | None,
        typer.Option("--lexicon", help="A domains.yaml that replaces the bundled domain lexicon."),
    ] = None,
    dump_text: Annotated[
        Path | None,
        typer.Option("--dump-text", help="Also write the extracted text that spans index to FILE."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Do not print the parser's warnings on stderr.")
    ] = False,
) -> None:
    """Parse reports into plan files (YAML by default, or JSON).

    Several inputs (or a directory) need -o DIR and give one plan file each, named after the input;
    a file that fails is reported and skipped, and the run exits 1 at the end.
    """
    from govplan.batch import check_output_file, output_dir, parse_one, run_batch, warning_lines
    from govplan.options import ParseOptions

    if lexicon is not None:
        from govplan.extract.domains import load_lexicon

        load_lexicon(str(lexicon))  # a bad lexicon stops the run once, not once per file of a batch
    options = ParseOptions(lexicon=lexicon)
    files = expand_inputs(inputs)
    to_dir = output is not None and (output.endswith(("/", os.sep)) or os.path.isdir(output))
    batch = len(files) > 1 or any(p != "-" and os.path.isdir(p) for p in inputs)
    out_fmt = (fmt or _format_of(output if not (batch or to_dir) else None)).value
    input_paths = tuple(Path(f) for f in files)
    if not batch and not to_dir:
        if output is not None and dump_text is not None and _same_output(Path(output), dump_text):
            raise OutputError("-o and --dump-text name the same file", str(dump_text))
        for target in (output, dump_text):
            if target is not None:
                check_output_file(Path(target), input_paths)  # before the work, not after it
        parsed = parse_one(files[0], out_fmt, options)
        if dump_text is not None:
            from govplan.serialize import write_atomic

            write_atomic(dump_text, parsed.text, input_paths)
        _emit(parsed.content, output, tuple(files))
        if not quiet:
            for line in warning_lines(files[0], parsed.warnings):
                _err(line)
        return
    if output is None:
        raise OutputError("several inputs need -o DIR to write one plan file each", None)
    if dump_text is not None:
        raise OutputError("--dump-text takes one input", None)
    if files == ["-"]:
        raise OutputError("stdin has no name to write into a directory; use -o FILE", "-")
    out_dir = output_dir(output)
    debug = bool(ctx.find_root().params.get("debug"))
    outcome = run_batch(files, out_dir, out_fmt, options, jobs, debug, _err, quiet)
    done = outcome.total - outcome.failed - outcome.skipped
    summary = f"parsed {done} of {outcome.total} files into {output}"
    if outcome.skipped:
        summary += f"; {outcome.skipped} skipped (not work reports)"
    _err(summary + (f"; {outcome.failed} failed" if outcome.failed else ""))
    if outcome.internal:
        raise typer.Exit(3)
    if outcome.failed:
        raise typer.Exit(1)


def _same_output(a: Path, b: Path) -> bool:
    from govplan.serialize import file_identity

    ident = file_identity(a)
    return os.path.abspath(a) == os.path.abspath(b) or (ident is not None and ident == file_identity(b))


def _format_of(output: str | None) -> PlanFormat:
    """The plan format -o FILE's suffix names (``.json``), else YAML."""
    return PlanFormat.json if output is not None and output.lower().endswith(".json") else PlanFormat.yaml


@app.command()
def schema() -> None:
    """Print the JSON Schema of plan files."""
    from govplan.schema import schema_text

    sys.stdout.write(schema_text())


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


class TrackFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    html = "html"


class DiffPart(StrEnum):
    plan = "plan"
    review = "review"
    all = "all"


class DiffOnly(StrEnum):
    sections = "sections"
    commitments = "commitments"
    projects = "projects"


PLAN_INPUT_HELP = "a plan file (.yaml/.json) or a report (.txt .md .html .docx .pdf), parsed on the fly"


def _color_out(output: str | None) -> tuple[bool, int]:
    """Colour and width for text output: colour only on a terminal without NO_COLOR; width 100 off one."""
    import shutil

    if output is None and sys.stdout.isatty():
        return not os.environ.get("NO_COLOR"), shutil.get_terminal_size((100, 24)).columns
    return False, 100


def _emit(content: str, output: str | None, inputs: tuple[str, ...]) -> None:
    from govplan.serialize import write_atomic

    if output is None:
        sys.stdout.write(content)
    else:
        write_atomic(Path(output), content, tuple(Path(p) for p in inputs))


@app.command()
def diff(
    a: Annotated[str, typer.Argument(help=f"The earlier plan: {PLAN_INPUT_HELP}.")],
    b: Annotated[str, typer.Argument(help=f"The later plan: {PLAN_INPUT_HELP}.")],
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = DiffFormat.text,
    only: Annotated[
        list[DiffOnly] | None, typer.Option("--only", help="Compare only this kind of item (repeatable).")
    ] = None,
    part: Annotated[
        DiffPart, typer.Option("--part", help="Compare the plan part (targets), the review part, or both.")
    ] = DiffPart.plan,
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="Write to FILE instead of stdout.")
    ] = None,
) -> None:
    """Show what changed between two plans, matched by meaning; exit 0 same, 1 different, 2 error."""
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
        _emit(render_diff_html(result, a=sides[0], b=sides[1]), output, (a, b))
    else:
        color, width = _color_out(output) if fmt is DiffFormat.text else (False, 100)
        _emit(render("diff", fmt.value, result, color=color, width=width), output, (a, b))
    if result.exit_code:
        raise typer.Exit(result.exit_code)


@app.command()
def track(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help=(
                "EARLIER LATER (one pair, in that order), or directories and files of many governments:"
                f" each {PLAN_INPUT_HELP}."
            ),
            metavar="REPORT...",
        ),
    ],
    indicators: Annotated[
        str | None,
        typer.Option(
            "--indicators",
            help="Only these headline targets, comma-separated keys of `targets` (gdp,cpi,unemployment,new_jobs).",
            metavar="KEYS",
        ),
    ] = None,
    fmt: Annotated[TrackFormat, typer.Option("--format", "-f", help="Output format.")] = TrackFormat.text,
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="Write to FILE instead of stdout.")
    ] = None,
) -> None:
    """Judge last year's promises against this year's review: met, missed, exceeded, reported, silent.

    Two files are one pair (the earlier year first). A directory, or more files, is many governments:
    each report of year N is paired with the same region's report of year N+1, and one table has a
    row per government, year and promise. Exit 0, or 2 when it cannot run.
    """
    from govplan.match import read_input
    from govplan.render.registry import render
    from govplan.track import track_many, track_plans

    keys = _indicator_keys(indicators)
    pair = len(inputs) == 2 and not any(os.path.isdir(p) for p in inputs)
    if pair:
        earlier, later = inputs
        plan_e, text_e = read_input(earlier)
        plan_l, text_l = read_input(later)
        report = track_plans(
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
            _emit(render_track_html(report, earlier=sides[0], later=sides[1]), output, (earlier, later))
            return
        color, width = _color_out(output) if fmt is TrackFormat.text else (False, 100)
        _emit(render("track", fmt.value, report, color=color, width=width), output, tuple(inputs))
        return
    if fmt is TrackFormat.html:
        raise GovplanError("--format html shows one pair: give the earlier and the later file")
    files = expand_inputs(inputs, REPORT_SUFFIXES + PLAN_SUFFIXES)
    read: list[tuple[str, Any, str | None]] = []
    for f in files:
        try:
            plan, text = read_input(f)
        except GovplanError as exc:  # one unreadable file does not stop the others
            _err(one_line(exc.line("Warning")))
            continue
        read.append((f, plan, text))
    batch = track_many(read, indicators=keys)
    if not batch.reports:
        raise GovplanError("no government has reports of two consecutive years among these files")
    color, width = _color_out(output) if fmt is TrackFormat.text else (False, 160)
    width = width if output is None and sys.stdout.isatty() else 160  # a file or pipe: room for quotes
    _emit(render("track-batch", fmt.value, batch, color=color, width=width), output, tuple(files))


def _indicator_keys(indicators: str | None) -> list[str] | None:
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


@app.command()
def view(
    input_path: Annotated[
        str,
        typer.Argument(metavar="REPORT|PLAN", help=f"The report or plan file to show: {PLAN_INPUT_HELP}."),
    ],
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="Write the page to FILE instead of stdout.")
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="REPORT",
            help="The report a PLAN was parsed from. Default: the file source.name names, beside the plan.",
        ),
    ] = None,
) -> None:
    """Write one self-contained HTML page: the report's text with what was extracted highlighted on it."""
    from govplan.render.html import render_view
    from govplan.view import build_page, load_view_input

    if output is not None:
        check_output_file(Path(output), tuple(Path(p) for p in (input_path, source) if p and p != "-"))
    plan, text, warnings = load_view_input(input_path, source)
    _emit(render_view(build_page(plan, text, warnings)), output, tuple(p for p in (input_path, source) if p))


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PLAN", help="Plan files (.yaml .yml .json), directories of them, or globs."),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="REPORT",
            help="The report the plan files were parsed from; checks sha256 and every text at its span. "
            "Default: the file source.name names, when it lies beside the plan file.",
        ),
    ] = None,
    fmt: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ValidateFormat.text,
    require_source: Annotated[
        bool,
        typer.Option(
            "--require-source", help="A plan file whose source report is not found is invalid (exit 1)."
        ),
    ] = False,
) -> None:
    """Check plan files: schema, vocabulary, ids, references, spans, source; exit 0 valid, 1 invalid, 2 error."""
    from govplan.render.registry import render
    from govplan.validate import validate_paths

    result = validate_paths(paths, source=source, require_source=require_source)
    for line in result.warnings:
        _err(line)
    sys.stdout.write(render("validate", fmt.value, result))
    if result.exit_code:
        raise typer.Exit(result.exit_code)


class TargetsFormat(StrEnum):
    csv = "csv"
    json = "json"
    table = "table"
    xlsx = "xlsx"


def _targets_format(fmt: TargetsFormat | None, output: str | None) -> TargetsFormat:
    """--format, else -o's suffix (.json, .xlsx), else csv; an .xlsx file is only ever a workbook."""
    suffix = Path(output).suffix.lower() if output else ""
    if fmt is None:
        fmt = {".json": TargetsFormat.json, ".xlsx": TargetsFormat.xlsx}.get(suffix, TargetsFormat.csv)
    if (suffix == ".xlsx") != (fmt is TargetsFormat.xlsx):
        raise typer.BadParameter("an Excel workbook is --format xlsx with -o FILE.xlsx")
    if fmt is TargetsFormat.xlsx:
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            raise OutputError(
                "an Excel workbook needs openpyxl: pip install 'govplan[xlsx]'", output
            ) from None
    return fmt


def _write_binary(write: Callable[[str], None], output: str, inputs: tuple[str, ...]) -> None:
    """Let ``write`` make a temporary file beside ``output``, then rename it over ``output``."""
    import tempfile

    if any(os.path.abspath(p) == os.path.abspath(output) for p in inputs if p != "-"):
        raise OutputError("is also an input; refusing to overwrite it", output)
    suffix = Path(output).suffix
    fd, tmp = tempfile.mkstemp(prefix=".govplan-", suffix=suffix, dir=os.path.dirname(output) or ".")
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, output)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@app.command()
def targets(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Reports (.txt .md .html .docx .pdf), plan files (.yaml .json), directories of them, or - for stdin."
        ),
    ],
    fmt: Annotated[
        TargetsFormat | None,
        typer.Option("--format", "-f", help="Output format [default: from -o FILE's suffix, else csv]."),
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="Start the CSV with a UTF-8 byte order mark (for Excel).")
    ] = False,
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="Write to FILE instead of stdout.")
    ] = None,
    chart: Annotated[
        str | None,
        typer.Option(
            "--chart",
            metavar="INDICATOR",
            help="Draw INDICATOR's targets by region and year to -o FILE (.svg, or .png with matplotlib).",
        ),
    ] = None,
) -> None:
    """The headline targets (主要预期目标) of reports as one table: a row per report and indicator.

    A file that fails is reported and skipped (exit 1); exit 2 when no file could be read.

    Example: govplan targets reports/ --chart gdp -o gdp.svg
    """
    from govplan.render.progress import progress_bar
    from govplan.render.registry import render
    from govplan.render.targets import write_xlsx
    from govplan.targets import collect_targets

    fmt = _targets_format(fmt, output)
    if bom and fmt is not TargetsFormat.csv:
        raise typer.BadParameter("--bom is for --format csv")
    if chart is not None:
        _check_chart(chart, output)
    files = expand_inputs(inputs, REPORT_SUFFIXES + PLAN_SUFFIXES)
    with progress_bar(len(files), "targets", enabled=len(files) > 1 and sys.stderr.isatty()) as advance:
        batch = collect_targets(files, on_file=advance)
    for line in [*(exc.line() for exc in batch.errors), *batch.warnings]:
        _err(line)
    if not batch.results:
        raise typer.Exit(batch.exit_code)
    if chart is not None and output is not None:
        _write_chart(batch.rows, chart, output, tuple(files))
    elif fmt is TargetsFormat.xlsx and output is not None:
        _write_binary(lambda tmp: write_xlsx(batch.rows, tmp), output, tuple(files))
    else:
        color, width = _color_out(output) if fmt is TargetsFormat.table else (False, 100)
        _emit(
            render("targets", fmt.value, batch.rows, bom=bom, color=color, width=width), output, tuple(files)
        )
    if batch.exit_code:
        raise typer.Exit(batch.exit_code)


def _check_chart(indicator: str, output: str | None) -> None:
    from govplan.targets import vocabulary

    keys = [ind.key for ind in vocabulary().indicators]
    if indicator not in keys:
        raise typer.BadParameter(f"unknown indicator {indicator!r}; choose one of {', '.join(keys)}")
    if output is None or not output.lower().endswith((".svg", ".png")):
        raise typer.BadParameter("--chart needs -o FILE ending in .svg or .png")


def _write_chart(rows: list[Any], indicator: str, output: str, inputs: tuple[str, ...]) -> None:
    from govplan.render.chart import render_png, render_svg

    try:
        if output.lower().endswith(".svg"):
            _emit(render_svg(rows, indicator), output, inputs)
            return
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            raise OutputError(
                "a PNG chart needs matplotlib: pip install 'govplan[chart]', or use .svg", output
            ) from None
        _write_binary(lambda tmp: render_png(rows, indicator, tmp), output, inputs)
    except ValueError as exc:
        raise InputError(str(exc)) from None


@app.command()
def show(
    path: Annotated[
        str, typer.Argument(help=f"The plan or report: {PLAN_INPUT_HELP}.", metavar="PLAN|REPORT")
    ],
) -> None:
    """A one-screen overview: document facts, the heading tree with counts, headline targets, warnings.

    Exit 0, or 2 when the file cannot be read.

    Example: govplan show report.txt
    """
    from govplan.render.registry import render
    from govplan.summary import summarize_file

    color, width = _color_out(None)
    sys.stdout.write(render("show", "text", summarize_file(path), color=color, width=width))


class ExportFormat(StrEnum):
    sqlite = "sqlite"
    duckdb = "duckdb"
    parquet = "parquet"
    xlsx = "xlsx"


@app.command()
def export(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Plan files (.yaml .json), reports (.txt .md .html .docx .pdf) or directories of them.",
            metavar="PLANS_OR_REPORTS...",
        ),
    ],
    output: Annotated[
        str,
        typer.Option(
            "-o",
            "--output",
            help="corpus.sqlite (default format), corpus.duckdb, corpus.xlsx, or a directory for Parquet.",
        ),
    ],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option("--format", "-f", help="Table format [default: from -o's suffix]."),
    ] = None,
) -> None:
    """Export many plans as tables (reports, sections, topics, commitments, projects, targets).

    Re-exporting a report replaces its rows (by its sha256). A file that fails is reported and
    skipped (exit 1); exit 2 when no file could be read or the output cannot be written.

    Example: govplan export plans/ -o corpus.sqlite
    """
    from govplan.export import export_tables, format_of, merge_tables, tables_from_file
    from govplan.render.progress import progress_bar

    kind = format_of(output, fmt.value if fmt else None)
    files = expand_inputs(inputs, REPORT_SUFFIXES + PLAN_SUFFIXES)
    if any(os.path.abspath(f) == os.path.abspath(output) for f in files if f != "-"):
        raise OutputError("is also an input; refusing to overwrite it", output)
    parts, failed = [], 0
    with progress_bar(len(files), "export", enabled=len(files) > 1 and sys.stderr.isatty()) as advance:
        for path in files:
            try:
                parts.append(tables_from_file(path))
            except GovplanError as exc:
                exc.file = exc.file or path
                _err(one_line(exc.line()))
                failed += 1
            advance(path)
    if not parts:
        raise typer.Exit(2)
    result = export_tables(merge_tables(parts), output, kind)
    counts = ", ".join(f"{n} {name}" for name, n in result.rows.items() if name != "reports")
    _err(f"exported {len(result.reports)} of {len(files)} files to {output} ({kind}): {counts}")
    if failed:
        raise typer.Exit(1)


def _on_signal(signum: int, frame: object) -> None:
    raise Terminated(signum)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning every failure into one line on stderr and an exit code.

    0 success; 1 invalid, different, or some files of a batch failed; 2 could not run;
    3 an internal error (a bug), whose traceback only ``--debug`` shows; 130 interrupted (Ctrl-C);
    143 and 129 terminated by SIGTERM and SIGHUP, which unwind as Ctrl-C does.
    """
    import signal

    from typer.exceptions import Abort, TyperException

    try:
        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, _on_signal)
    except ValueError:  # pragma: no cover - called off the main thread (embedded): signals stay as they are
        pass
    if isinstance(sys.stdout, io.TextIOWrapper):  # a file name that is not UTF-8 goes out as its bytes
        sys.stdout.reconfigure(errors="surrogateescape")
    args = list(sys.argv[1:] if argv is None else argv)
    cut = args.index("--") if "--" in args else len(args)
    debug = "--debug" in args[:cut]
    if debug:  # accepted anywhere before --, handed to the root where it is declared
        args = ["--debug", *(a for a in args[:cut] if a != "--debug"), *args[cut:]]
    try:
        code = app(args=args, prog_name="govplan", standalone_mode=False)
        sys.stdout.flush()
        if code == 130:  # typer turns Ctrl-C into a silent Exit(130)
            _err("Error: interrupted")
    except GovplanError as exc:
        _err(exc.line())
        code = exc.exit_code
    except (Abort, KeyboardInterrupt):
        _err("Error: interrupted")
        code = 130
    except Terminated as exc:
        _err(f"Error: terminated ({signal.Signals(exc.signum).name})")
        code = 128 + exc.signum
    except TyperException as exc:
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            typer.echo(ctx.get_help())
            code = 0
        else:
            _err(f"Error: {exc.format_message()}")
            code = 2
    except BrokenPipeError:
        # the reader went away (govplan parse x | head): stop quietly, and keep Python's own
        # flush at exit from complaining about the closed pipe
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    except MemoryError:
        _err("Error: out of memory")
        code = 2
    except RecursionError:  # input nested past what any stage can walk: the input's fault
        _err("Error: the input is nested too deeply to process")
        code = 2
    except OSError as exc:  # the system refused (disk full, …): not a bug in govplan
        where = f"{exc.filename}: " if exc.filename else ""
        _err(f"Error: {where}{exc.strerror or exc}")
        code = 2
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if debug:
            import traceback

            traceback.print_exc()
        _err(internal_line(exc))
        code = 3
    if argv is None and code in (130, 128 + signal.SIGTERM, 128 + signal.SIGHUP):
        # Interrupted: temp files are gone and workers killed; leave now, without the executor's
        # exit-time join, which can wait forever on a result a killed worker half wrote.
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
