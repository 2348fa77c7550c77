"""The command line: each command opens its inputs, makes library calls and renders the result.

Exit codes: 0 success; 1 invalid plan files, differences found, or some files of a batch failed;
2 could not run (bad input, bad usage); 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from govplan import __version__
from govplan.errors import GovplanError, InputError, OutputError

if TYPE_CHECKING:
    from govplan.validate import ValidationResult

app = typer.Typer(
    name="govplan",
    help="Turn Chinese government work reports (政府工作报告) into structured, validated data.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")


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


def expand_inputs(paths: list[str], suffixes: tuple[str, ...] = REPORT_SUFFIXES) -> list[str]:
    """Files as given, directories expanded to their report files (sorted, not recursive)."""
    out: list[str] = []
    for p in paths:
        if p != "-" and os.path.isdir(p):
            found = sorted(
                str(Path(p) / n)
                for n in os.listdir(p)
                if n.lower().endswith(suffixes) and not n.startswith(".") and os.path.isfile(Path(p) / n)
            )
            if not found:
                raise InputError(f"no report files ({', '.join(suffixes)}) in this directory", p)
            out.extend(found)
        else:
            out.append(p)
    return out


def _err(line: str) -> None:
    typer.echo(line, err=True)


@app.command()
def parse(
    inputs: Annotated[list[str], typer.Argument(help="Report files (.txt .md .html .docx), directories, or - for stdin.")],
    output: Annotated[
        str | None,
        typer.Option("-o", "--output", help="Write to FILE (one input) or into DIR (several inputs or a directory)."),
    ] = None,
    fmt: Annotated[PlanFormat, typer.Option("--format", "-f", help="Output format.")] = PlanFormat.yaml,
    lexicon: Annotated[
        Path | None, typer.Option("--lexicon", help="A domains.yaml that replaces the bundled domain lexicon.")
    ] = None,
    dump_text: Annotated[
        Path | None, typer.Option("--dump-text", help="Also write the extracted text that spans index to FILE.")
    ] = None,
) -> None:
    """Parse reports into plan files (YAML by default, or JSON)."""
    from govplan.options import ParseOptions
    from govplan.pipeline import parse_source
    from govplan.read import read_source
    from govplan.serialize import dump_plan, write_atomic

    if lexicon is not None and not lexicon.is_file():
        raise InputError("no such lexicon file", str(lexicon))
    options = ParseOptions(lexicon=lexicon)
    files = expand_inputs(inputs)
    batch = len(files) > 1 or any(p != "-" and os.path.isdir(p) for p in inputs)
    input_paths = tuple(Path(f) for f in files if f != "-")
    if not batch:
        src = read_source(files[0], options.max_input_bytes)
        content = dump_plan(parse_source(src, options), fmt.value)
        if dump_text is not None:
            write_atomic(dump_text, src.text, input_paths)
        if output is None:
            sys.stdout.write(content)
        else:
            write_atomic(Path(output), content, input_paths)
        return
    if output is None:
        raise OutputError("several inputs need -o DIR to write one plan file each", None)
    if dump_text is not None:
        raise OutputError("--dump-text takes one input", None)
    out_dir = Path(output)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError("is a file; several inputs need -o DIR", output)
    if not out_dir.exists():
        if not out_dir.parent.is_dir():
            raise OutputError(f"directory {out_dir.parent} does not exist", output)
        out_dir.mkdir()
    failed = 0
    taken: set[str] = set()
    for f in files:
        target = out_dir / f"{Path(f).stem}.{fmt.value}"
        try:
            if target.name in taken:
                raise OutputError(f"another input already writes {target.name}", f)
            taken.add(target.name)
            plan = parse_source(read_source(f, options.max_input_bytes), options)
            write_atomic(target, dump_plan(plan, fmt.value), input_paths)
        except GovplanError as exc:
            failed += 1
            _err(exc.line() if exc.file else f"Error: {f}: {exc.what}")
    _err(f"parsed {len(files) - failed} of {len(files)} files into {out_dir}" + (f", {failed} failed" if failed else ""))
    if failed:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of plan files."""
    from govplan.schema import schema_text

    sys.stdout.write(schema_text())


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class TrackFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class DiffPart(StrEnum):
    plan = "plan"
    review = "review"
    all = "all"


class DiffOnly(StrEnum):
    sections = "sections"
    commitments = "commitments"
    projects = "projects"


PLAN_INPUT_HELP = "a plan file (.yaml/.json) or a report (.txt .md .html .docx), parsed on the fly"


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
    from govplan.render.diff import render_diff

    plan_a, _ = read_input(a)
    plan_b, _ = read_input(b)
    result = diff_plans(
        plan_a,
        plan_b,
        part=part.value,
        only=[o.value for o in only] if only else None,
        a_name=Path(a).name,
        b_name=Path(b).name,
    )
    color, width = _color_out(output) if fmt is DiffFormat.text else (False, 100)
    _emit(render_diff(result, fmt.value, color=color, width=width), output, (a, b))
    if result.different:
        raise typer.Exit(1)


@app.command()
def track(
    earlier: Annotated[str, typer.Argument(help=f"The earlier year's plan: {PLAN_INPUT_HELP}.")],
    later: Annotated[
        str, typer.Argument(help=f"The later year's report, whose review is read: {PLAN_INPUT_HELP}.")
    ],
    fmt: Annotated[TrackFormat, typer.Option("--format", "-f", help="Output format.")] = TrackFormat.text,
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="Write to FILE instead of stdout.")
    ] = None,
) -> None:
    """Judge last year's promises against this year's review: met, missed, exceeded, reported, silent."""
    from govplan.diff import read_input
    from govplan.render.track import render_track
    from govplan.track import track_plans

    plan_e, _ = read_input(earlier)
    plan_l, text_l = read_input(later)
    report = track_plans(
        plan_e, plan_l, later_text=text_l, earlier_name=Path(earlier).name, later_name=Path(later).name
    )
    color, width = _color_out(output) if fmt is TrackFormat.text else (False, 100)
    _emit(render_track(report, fmt.value, color=color, width=width), output, (earlier, later))


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _validate_text(result: ValidationResult) -> str:
    lines = []
    for p in result.problems:
        at = "".join(f":{n}" for n in (p.line, p.column) if n is not None)
        lines.append(f"{p.file}{at}: {p.path}: {p.message} [{p.rule}]")
    n, bad, count = len(result.files), len(result.invalid_files), len(result.problems)
    files = f"{n} plan file{'s' * (n != 1)}"
    lines.append(f"{bad} of {files} invalid, {count} problem{'s' * (count != 1)}" if bad else f"{files} valid")
    return "\n".join(lines) + "\n"


def _validate_json(result: ValidationResult) -> str:
    import json

    return json.dumps([p.as_dict() for p in result.problems], ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def _validate_github(result: ValidationResult) -> str:
    out = []
    for p in result.problems:
        props = [f"file={_gh_escape(p.file, True)}"]
        if p.line is not None:
            props.append(f"line={p.line}")
        if p.column is not None:
            props.append(f"col={p.column}")
        props.append(f"title={_gh_escape(f'govplan validate [{p.rule}]', True)}")
        out.append(f"::error {','.join(props)}::{_gh_escape(f'{p.path}: {p.message}')}\n")
    return "".join(out)


VALIDATE_REPORTERS: dict[str, Callable[[ValidationResult], str]] = {
    "text": _validate_text,
    "json": _validate_json,
    "github": _validate_github,
}


@app.command()
def validate(
    paths: Annotated[
        list[str], typer.Argument(help="Plan files (.yaml .yml .json), directories of them, or globs.")
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help="The report the plan files were parsed from; checks sha256 and every text at its span. "
            "Default: the file source.name names, when it lies beside the plan file.",
        ),
    ] = None,
    fmt: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ValidateFormat.text,
) -> None:
    """Check plan files: schema, vocabulary, ids, references, spans, source; exit 0 valid, 1 invalid, 2 error."""
    from govplan.validate import validate_paths

    result = validate_paths(paths, source=source)
    sys.stdout.write(VALIDATE_REPORTERS[fmt.value](result))
    if not result.valid:
        raise typer.Exit(1)


class TargetsFormat(StrEnum):
    csv = "csv"
    json = "json"
    table = "table"


@app.command()
def targets(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Reports (.txt .md .html .docx), plan files (.yaml .json), directories of them, or - for stdin."
        ),
    ],
    fmt: Annotated[TargetsFormat, typer.Option("--format", "-f", help="Output format.")] = TargetsFormat.csv,
    bom: Annotated[
        bool, typer.Option("--bom", help="Start the CSV with a UTF-8 byte order mark (for Excel).")
    ] = False,
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="Write to FILE instead of stdout.")
    ] = None,
) -> None:
    """The headline targets (主要预期目标) of reports as one table: a row per report and indicator.

    A file that fails is reported and skipped (exit 1); exit 2 when no file could be read.
    """
    from govplan.render.progress import progress_bar
    from govplan.render.targets import render_targets
    from govplan.targets import PLAN_SUFFIXES, collect_targets

    if bom and fmt is not TargetsFormat.csv:
        raise typer.BadParameter("--bom is for --format csv")
    files = expand_inputs(inputs, REPORT_SUFFIXES + PLAN_SUFFIXES)
    with progress_bar(len(files), "targets", enabled=len(files) > 1 and sys.stderr.isatty()) as advance:
        batch = collect_targets(files, on_file=advance)
    for line in [*(exc.line() for exc in batch.errors), *batch.warnings]:
        _err(line)
    if not batch.results:
        raise typer.Exit(2)
    color, width = _color_out(output) if fmt is TargetsFormat.table else (False, 100)
    _emit(render_targets(batch.rows, fmt.value, bom=bom, color=color, width=width), output, tuple(files))
    if batch.errors:
        raise typer.Exit(1)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning every failure into one line and an exit code."""
    from typer.exceptions import Abort, TyperException

    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        code = app(args=args, prog_name="govplan", standalone_mode=False)
    except GovplanError as exc:
        _err(exc.line())
        code = exc.exit_code
    except Abort:
        _err("Error: interrupted")
        code = 130
    except TyperException as exc:
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            typer.echo(ctx.get_help())
            code = 0
        else:
            _err(f"Error: {exc.format_message()}")
            code = 2
    except KeyboardInterrupt:
        _err("Error: interrupted")
        code = 130
    except BrokenPipeError:
        code = 0
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if debug:
            import traceback

            traceback.print_exc()
        _err(
            f"Error: internal error ({type(exc).__name__}: {exc}); this is a bug in govplan {__version__}, "
            "please report it (rerun with --debug for the traceback)"
        )
        code = 3
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
