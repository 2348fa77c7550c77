"""A progress bar on stderr for batches of files, drawn only where someone is watching (a terminal)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class Advance(Protocol):
    """Moves the bar one file on; a ``note`` (an error line, say) is printed above the bar."""

    def __call__(self, path: str, note: str | None = None) -> None: ...


@contextmanager
def progress_bar(total: int, label: str, *, enabled: bool) -> Iterator[Advance]:
    """Yield an ``advance(path, note=None)`` callback; when ``enabled`` it moves a bar on stderr.

    Notes go to stderr either way, one line each, so a batch's errors read the same with or
    without a terminal.

    >>> with progress_bar(2, "targets", enabled=False) as advance:
    ...     advance("a.txt")
    """
    if not enabled:

        def quiet(path: str, note: str | None = None) -> None:
            if note is not None:
                sys.stderr.write(note + "\n")
                sys.stderr.flush()

        yield quiet
        return
    console = Console(stderr=True, highlight=False)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[file]}"),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=total, file="")

        def advance(path: str, note: str | None = None) -> None:
            if note is not None:
                console.print(note, markup=False, highlight=False, soft_wrap=True)
            progress.update(task, advance=1, file=os.path.basename(path))

        yield advance
