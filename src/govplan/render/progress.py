"""A progress bar on stderr for batches of files, drawn only where someone is watching (a terminal)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def progress_bar(total: int, label: str, *, enabled: bool) -> Iterator[Callable[[str], None]]:
    """Yield an ``advance(path)`` callback; when ``enabled`` it moves a bar on stderr, else it does nothing.

    >>> with progress_bar(2, "targets", enabled=False) as advance:
    ...     advance("a.txt")
    """
    if not enabled:
        yield lambda _path: None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[file]}"),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=total, file="")
        yield lambda path: progress.update(task, advance=1, file=os.path.basename(path))
