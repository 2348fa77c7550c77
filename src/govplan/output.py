"""Where a command's output goes: stdout or a file written whole (text or binary), colour and width.

Every file is written to a temp file beside it and renamed over it, so a reader never sees half.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from govplan.errors import OutputError, one_line


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


def write_binary(write: Callable[[str], None], output: str, inputs: tuple[str, ...]) -> None:
    """Let ``write`` make a temporary file beside ``output``, then rename it over ``output``."""
    from govplan.batch import check_output_file
    from govplan.serialize import temp_beside

    if os.path.isdir(output):
        raise OutputError("is a directory; name a file", output)
    check_output_file(Path(output), tuple(Path(p) for p in inputs))  # as -o FILE of a text output
    try:
        with temp_beside(os.path.dirname(output) or ".", ".govplan-", Path(output).suffix) as tmp:
            write(tmp.name)
            os.chmod(tmp.name, 0o644)
            tmp.replace(output)
    except OSError as exc:  # named by the output, never by its temp file
        raise OutputError(f"cannot write ({exc.strerror or exc})", output) from None


def same_output(a: Path, b: Path) -> bool:
    """Whether two output names are one file (one path, or one device and inode)."""
    from govplan.serialize import file_identity

    ident = file_identity(a)
    return os.path.abspath(a) == os.path.abspath(b) or (ident is not None and ident == file_identity(b))
