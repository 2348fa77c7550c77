"""The GovplanError family: every user-facing failure, with the exit code the CLI gives it."""

from __future__ import annotations


class GovplanError(Exception):
    """A failure the user can act on; the CLI prints ``Error: <file>: <what>``."""

    exit_code = 2

    def __init__(self, what: str, file: str | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.file = file

    def line(self) -> str:
        """The one line the CLI prints for this error."""
        return f"Error: {self.file}: {self.what}" if self.file else f"Error: {self.what}"


class InputError(GovplanError):
    """An input that cannot be read: missing, empty, binary, undecodable, too large."""


class PlanFileError(GovplanError):
    """A file that is not a loadable plan file (bad YAML/JSON, wrong shape, future version)."""


class OutputError(GovplanError):
    """An output that must not or cannot be written (it would overwrite an input, say)."""
