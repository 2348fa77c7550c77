"""The command line: each command declares its options and hands them to ``govplan.commands``
(or ``export.export_files``); ``govplan.entry`` turns every failure into one line and an exit code.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand

from govplan import __version__, choices
from govplan.choices import DiffFormat, TargetsFormat, TrackFormat, ValidateFormat
from govplan.output import color_out, err

__all__ = ["DiffFormat", "TargetsFormat", "TrackFormat", "ValidateFormat", "app", "main"]

app = typer.Typer(
    name="govplan",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

PLAN_INPUT_HELP = "a plan file (.yaml/.json) or a report (.txt .md .html .docx .pdf), parsed on the fly"
REPORTS = "Reports (.txt .md .html .docx .pdf), plan files (.yaml .json), directories of them, or - (stdin)."
H = {  # the longer help texts, so each option's declaration stays one line
    "parse-o": "Write to FILE (one input), or into DIR as <stem>.plan.yaml (a directory, several inputs, or a name ending in /).",
    "jobs": "N worker processes for several inputs, N >= 1 [default and most: the cores, one per input].",
    "indicators": "Only these headline targets, comma-separated keys of `targets` (gdp,cpi,unemployment,new_jobs).",
    "view-source": "The report a PLAN was parsed from. Default: the file source.name names, beside the plan.",
    "validate-source": "The report the plan files were parsed from; checks sha256 and every text at its span. Default: the file source.name names, when it lies beside the plan file.",
    "require-source": "A plan file whose source report is not found is invalid (exit 1).",
    "chart": "Draw INDICATOR's targets by region and year to -o FILE (.svg, or .png with matplotlib).",
    "export-in": "Plan files (.yaml .json), reports (.txt .md .html .docx .pdf) or directories of them.",
    "export-o": "corpus.sqlite (default format), corpus.duckdb, corpus.xlsx, or a directory for Parquet.",
}
FORMAT = typer.Option("--format", "-f", help="Output format.")
Output = Annotated[
    str | None, typer.Option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")
]


class _Argument(TyperArgument):
    """An argument shown by its metavar alone (``REPORT...``), not ``{inputs}...`` or ``<list[str]>``."""

    def _usage_display_name(self) -> str:
        return self.display_name_raw if self.required else f"[{self.display_name_raw}]"

    def display_type(self, ctx: Any) -> str:
        return ""


class _Command(TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument and param.metavar:
                param.__class__ = _Argument


def _version(value: bool) -> None:
    if value:
        typer.echo(f"govplan {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")] = False,
) -> None:
    """Turn Chinese government work reports (政府工作报告) into structured, validated data.

    Exit codes: 0 success; 1 invalid, different, or some files of a batch failed; 2 could not run
    (bad input, bad usage); 3 an internal error (a bug); 130 interrupted.
    """


def _at_least(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise typer.BadParameter("Input should be greater than or equal to 1")
    return value


def _exit(code: int) -> None:
    if code:
        raise typer.Exit(code)


@app.command(cls=_Command)
def parse(
    ctx: typer.Context,
    inputs: Annotated[
        list[str], typer.Argument(metavar="REPORT...", help=REPORTS.replace(", plan files (.yaml .json)", ""))
    ],
    output: Annotated[
        str | None, typer.Option("-o", "--output", metavar="FILE|DIR", help=H["parse-o"])
    ] = None,
    fmt: Annotated[
        choices.PlanFormat | None,
        typer.Option("--format", "-f", help="Output format [default: from -o FILE's suffix, else yaml]."),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", metavar="N", callback=_at_least, help=H["jobs"])
    ] = None,
    lexicon: Annotated[
        Path | None,
        typer.Option("--lexicon", metavar="FILE", help="A domains.yaml that replaces the bundled lexicon."),
    ] = None,
    dump_text: Annotated[
        Path | None,
        typer.Option("--dump-text", metavar="FILE", help="Also write the text that spans index to FILE."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Do not print the parser's warnings on stderr.")
    ] = False,
) -> None:
    """Parse reports into plan files (YAML or JSON).

    Several inputs (or a directory) need -o DIR and give one plan file each, DIR/<stem>.plan.yaml;
    a file that fails is reported and skipped, and the run exits 1 at the end.

    Example: govplan parse reports/ -o plans/

    Exit codes: 0 parsed; 1 some files of a batch failed; 2 could not run; 3 an internal error.
    """
    from govplan.commands import run_parse

    debug = bool(ctx.find_root().params.get("debug"))
    _exit(run_parse(inputs, output, fmt, jobs, lexicon, dump_text, quiet, debug, err))


@app.command(cls=_Command)
def schema() -> None:
    """Print the JSON Schema of plan files.

    Example: govplan schema > plan.schema.json

    Exit codes: 0 printed.
    """
    from govplan.schema import schema_text

    sys.stdout.write(schema_text())


@app.command(cls=_Command)
def diff(
    a: Annotated[str, typer.Argument(metavar="EARLIER", help=f"The earlier plan: {PLAN_INPUT_HELP}.")],
    b: Annotated[str, typer.Argument(metavar="LATER", help=f"The later plan: {PLAN_INPUT_HELP}.")],
    fmt: Annotated[DiffFormat, FORMAT] = DiffFormat.text,
    only: Annotated[
        list[choices.DiffOnly] | None,
        typer.Option(
            "--only",
            metavar="KIND",
            help="Compare only KIND: sections, commitments or projects (repeatable).",
        ),
    ] = None,
    part: Annotated[
        choices.DiffPart,
        typer.Option("--part", help="Compare the plan part (targets), the review part, or both."),
    ] = choices.DiffPart.plan,
    output: Output = None,
) -> None:
    """Show what changed between two plans, matched by meaning.

    Example: govplan diff 2023.plan.yaml 2024.plan.yaml --format markdown

    Exit codes: 0 the same; 1 different; 2 could not run; 3 an internal error.
    """
    from govplan.commands import run_diff

    _exit(run_diff(a, b, fmt, only, part, output))


@app.command(cls=_Command)
def track(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="REPORT...",
            help=f"EARLIER LATER (one pair, in that order), or directories and files of many governments: each {PLAN_INPUT_HELP}.",
        ),
    ],
    indicators: Annotated[
        str | None, typer.Option("--indicators", metavar="KEYS", help=H["indicators"])
    ] = None,
    fmt: Annotated[TrackFormat, FORMAT] = TrackFormat.text,
    output: Output = None,
) -> None:
    """Judge last year's promises against this year's review.

    Each promise is met, missed, exceeded, reported or silent. Two files are one pair (the earlier
    year first). A directory, or more files, is many governments: each report of year N is paired
    with the same region's report of year N+1, and one table has a row per government, year and
    promise.

    Example: govplan track 2023.txt 2024.txt

    Exit codes: 0 judged; 2 could not run; 3 an internal error.
    """
    from govplan.commands import run_track

    _exit(run_track(inputs, indicators, fmt, output, err))


@app.command(cls=_Command)
def view(
    input_path: Annotated[
        str,
        typer.Argument(metavar="REPORT|PLAN", help=f"The report or plan file to show: {PLAN_INPUT_HELP}."),
    ],
    output: Output = None,
    source: Annotated[str | None, typer.Option("--source", metavar="REPORT", help=H["view-source"])] = None,
) -> None:
    """Write an HTML page of a report with what was extracted.

    One self-contained page: the report's text with the headings, topics, commitments and projects
    highlighted on it.

    Example: govplan view report.txt -o report.html

    Exit codes: 0 written; 2 could not run; 3 an internal error.
    """
    from govplan.commands import run_view

    _exit(run_view(input_path, source, output))


@app.command(cls=_Command)
def validate(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PLAN...", help="Plan files (.yaml .yml .json), directories of them, or globs."
        ),
    ],
    source: Annotated[
        str | None, typer.Option("--source", metavar="REPORT", help=H["validate-source"])
    ] = None,
    fmt: Annotated[ValidateFormat, FORMAT] = ValidateFormat.text,
    require_source: Annotated[bool, typer.Option("--require-source", help=H["require-source"])] = False,
) -> None:
    """Check plan files: schema, ids, spans and source.

    The schema, the vocabulary, ids, references, spans and, when the report is found, its sha256
    and every text at its span; without it: `Warning: <file>: source not found, spans not checked`.

    Example: govplan validate plans/ --format github

    Exit codes: 0 valid; 1 invalid; 2 could not run; 3 an internal error.
    """
    from govplan.commands import run_validate

    _exit(run_validate(paths, source, fmt.value, require_source, err))


@app.command(cls=_Command)
def targets(
    inputs: Annotated[list[str], typer.Argument(metavar="REPORT...", help=REPORTS)],
    fmt: Annotated[
        TargetsFormat | None,
        typer.Option("--format", "-f", help="Output format [default: from -o FILE's suffix, else csv]."),
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="Start the CSV with a UTF-8 byte order mark (for Excel).")
    ] = False,
    output: Output = None,
    chart: Annotated[str | None, typer.Option("--chart", metavar="INDICATOR", help=H["chart"])] = None,
) -> None:
    """The headline targets (主要预期目标) of reports as one table.

    A row per report and indicator. A file that fails is reported and skipped.

    Example: govplan targets reports/ --chart gdp -o gdp.svg

    Exit codes: 0 done; 1 some files failed; 2 no file could be read, or bad usage; 3 an internal error.
    """
    from govplan.commands import run_targets

    _exit(run_targets(inputs, fmt, bom, output, chart, err))


@app.command(cls=_Command)
def show(
    path: Annotated[
        str, typer.Argument(help=f"The plan or report: {PLAN_INPUT_HELP}.", metavar="PLAN|REPORT")
    ],
) -> None:
    """A one-screen overview of a plan or report.

    Document facts, the heading tree with counts, headline targets, warnings.

    Example: govplan show report.txt

    Exit codes: 0 shown; 2 the file cannot be read; 3 an internal error.
    """
    from govplan.render.registry import render
    from govplan.summary import summarize_file

    color, width = color_out(None)
    sys.stdout.write(render("show", "text", summarize_file(path), color=color, width=width))


@app.command(cls=_Command)
def export(
    inputs: Annotated[list[str], typer.Argument(metavar="PLAN|REPORT...", help=H["export-in"])],
    output: Annotated[str, typer.Option("-o", "--output", metavar="FILE|DIR", help=H["export-o"])],
    fmt: Annotated[
        choices.ExportFormat | None,
        typer.Option("--format", "-f", help="Table format [default: from -o's suffix]."),
    ] = None,
) -> None:
    """Export many plans as tables of a database or workbook.

    The tables: reports, sections, topics, commitments, projects, targets. Re-exporting a report
    replaces its rows (by its sha256). A file that fails is reported and skipped.

    Example: govplan export plans/ -o corpus.sqlite

    Exit codes: 0 done; 1 some files failed; 2 no file could be read or the output cannot be
    written; 3 an internal error.
    """
    from govplan.export import export_files

    _exit(export_files(inputs, output, fmt.value if fmt else None, err))


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; every failure is one line on stderr and an exit code (govplan.entry)."""
    from typer.exceptions import Abort, TyperException

    from govplan.entry import run

    run(app, argv, Abort, TyperException)


if __name__ == "__main__":  # pragma: no cover
    main()
