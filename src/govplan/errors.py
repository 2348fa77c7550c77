"""The GovplanError family: every user-facing failure, with the exit code the CLI gives it.

Every ``Error: …`` and ``Warning: …`` line a user sees is built by ``problem_line``:

>>> problem_line("is empty", "a.txt")
'Error: a.txt: is empty'
>>> problem_line("no targets paragraph found", "a.txt", level="Warning")
'Warning: a.txt: no targets paragraph found'
"""

from __future__ import annotations

from typing import Literal

Level = Literal["Error", "Warning"]


def problem_line(what: str, file: str | None = None, *, level: Level = "Error") -> str:
    """The one line printed for a problem: ``<level>: <file>: <what>``, or without a file."""
    return f"{level}: {file}: {what}" if file else f"{level}: {what}"


class GovplanError(Exception):
    """A failure the user can act on; the CLI prints ``Error: <file>: <what>``."""

    exit_code = 2

    def __init__(self, what: str, file: str | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.file = file

    def line(self, level: Level = "Error") -> str:
        """The one line the CLI prints for this error (a ``Warning`` when the run goes on without it)."""
        return problem_line(self.what, self.file, level=level)


class InputError(GovplanError):
    """An input that cannot be read: missing, empty, binary, undecodable, too large."""


class PlanFileError(GovplanError):
    """A file that is not a loadable plan file (bad YAML/JSON, wrong shape, future version)."""


class OutputError(GovplanError):
    """An output that must not or cannot be written (it would overwrite an input, say)."""


class Terminated(BaseException):  # noqa: N818 - a signal, raised like KeyboardInterrupt
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C (temp files go, workers are killed)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0)) if c != 0x09}


def printable(text: str) -> str:
    """Text safe for a terminal: control characters (an escape sequence in a file name) and bytes
    that were not UTF-8 (surrogate escapes) shown as ``\\x1b``, ``\\udcff``; tabs kept.

    >>> printable("a\\x1b[31mb")
    'a\\\\x1b[31mb'
    """
    text = text.translate(_CONTROL)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def one_line(line: str) -> str:
    """A message on one line, its control characters and undecodable bytes made visible."""
    return printable(" ".join(line.splitlines()))


def internal_line(exc: BaseException, file: str | None = None) -> str:
    """The line an internal error (a bug) prints."""
    from govplan import __version__

    what = one_line(str(exc))[:300]
    where = f"{file}: " if file else ""
    return one_line(
        f"Error: {where}internal error ({type(exc).__name__}: {what}); this is a bug in govplan "
        f"{__version__}, please report it (rerun with --debug for the traceback)"
    )
