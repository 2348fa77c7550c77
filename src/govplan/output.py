"""Where a command's output goes: stdout or a file written whole (text or binary), colour and width.

Every file is written to a temp file beside it and renamed over it, so a reader never sees half.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from govplan.batch import one_line
from govplan.errors import OutputError


def err(line: str) -> None:
    """Print one message line (an ``Error:``/``Warning:`` line or a summary) on stderr."""
    print(one_line(line), file=sys.stderr, flush=True)


def color_out(output: str | None) -> tuple[bool, int]:
    """Colour and width for text output: colour only on a terminal without NO_COLOR; width 100 off one."""
    import shutil

    if output is None and sys.stdout.isatty():
        return not os.environ.get("NO_COLOR"), shutil.get_terminal_size((100, 24)).columns
    return False, 100


def emit(content: str | Iterable[str], output: str | None, inputs: tuple[str, ...]) -> None:
    """Write ``content`` (a text or its pieces) to stdout, or whole to ``output`` (never over one of
    ``inputs``)."""
    from govplan.serialize import write_atomic

    if output is None:
        sys.stdout.write(content if isinstance(content, str) else "".join(content))
    else:
        write_atomic(Path(output), content, tuple(Path(p) for p in inputs))


def refuse_inputs(output: str, inputs: Iterable[str]) -> None:
    """Raise the one OutputError when writing ``output`` would replace one of ``inputs``."""
    from govplan.serialize import is_an_input

    if is_an_input(Path(output), tuple(Path(p) for p in inputs)):
        raise OutputError("refusing to write over an input file", output)


def write_binary(write: Callable[[str], None], output: str, inputs: tuple[str, ...]) -> None:
    """Let ``write`` make a temporary file beside ``output``, then rename it over ``output``."""
    import tempfile

    refuse_inputs(output, inputs)
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


def same_output(a: Path, b: Path) -> bool:
    """Whether two output names are one file (one path, or one device and inode)."""
    from govplan.serialize import file_identity

    ident = file_identity(a)
    return os.path.abspath(a) == os.path.abspath(b) or (ident is not None and ident == file_identity(b))
