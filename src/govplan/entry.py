"""The process around the app: every failure becomes one line on stderr and a documented exit code.

0 success; 1 invalid, different, or some files of a batch failed; 2 could not run;
3 an internal error (a bug), whose traceback only ``--debug`` shows; 130 interrupted (Ctrl-C);
143 and 129 terminated by SIGTERM and SIGHUP, which unwind as Ctrl-C does.
"""

from __future__ import annotations

import io
import os
import re
import signal
import sys
from typing import Any, NoReturn

from govplan.errors import GovplanError, Terminated, internal_line
from govplan.output import err

# typer words a bad choice as "Value error, 'xml' is not one of 'yaml', 'json'."
_CHOICE_RE = re.compile(r"Value error, ('[^']*') is not one of (.*?)\.?$")


def usage_line(message: str) -> str:
    """typer's message for bad usage, with a bad choice said plainly.

    >>> usage_line("Invalid value for '--format' / '-f': Value error, 'xml' is not one of 'yaml', 'json'.")
    "Error: Invalid value for '--format' / '-f': 'xml' is not one of yaml, json"
    """
    m = _CHOICE_RE.search(message)
    if m:
        message = message[: m.start()] + f"{m[1]} is not one of {m[2].replace(chr(39), '')}"
    return f"Error: {message}"


def _on_signal(signum: int, frame: object) -> None:
    raise Terminated(signum)


def run(app: Any, argv: list[str] | None, abort: type[Exception], usage: type[Exception]) -> NoReturn:
    """Run the typer ``app`` on ``argv`` (default: ``sys.argv[1:]``) and exit with its code.

    ``abort`` and ``usage`` are typer's Abort and TyperException (only cli.py imports typer).
    """
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
            err("Error: interrupted")
    except GovplanError as exc:
        err(exc.line())
        code = exc.exit_code
    except (abort, KeyboardInterrupt):
        err("Error: interrupted")
        code = 130
    except Terminated as exc:
        err(f"Error: terminated ({signal.Signals(exc.signum).name})")
        code = 128 + exc.signum
    except usage as exc:
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            print(ctx.get_help(), flush=True)
            code = 0
        else:
            err(usage_line(exc.format_message()))  # type: ignore[attr-defined]
            code = 2
    except BrokenPipeError:
        # the reader went away (govplan parse x | head): stop quietly, and keep Python's own
        # flush at exit from complaining about the closed pipe
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    except MemoryError:
        err("Error: out of memory")
        code = 2
    except RecursionError:  # input nested past what any stage can walk: the input's fault
        err("Error: the input is nested too deeply to process")
        code = 2
    except OSError as exc:  # the system refused (disk full, …): not a bug in govplan
        where = f"{exc.filename}: " if exc.filename else ""
        err(f"Error: {where}{exc.strerror or exc}")
        code = 2
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if debug:
            import traceback

            traceback.print_exc()
        err(internal_line(exc))
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
