"""Which files the inputs name: the report and plan file suffixes, and directory expansion, once.

>>> expand_inputs(["-"])
['-']
"""

from __future__ import annotations

import os
from pathlib import Path

from govplan.errors import InputError
from govplan.suffixes import PLAN_SUFFIXES, REPORT_SUFFIXES

__all__ = ["PLAN_SUFFIXES", "REPORT_SUFFIXES", "expand_inputs", "list_dir"]


def list_dir(path: str, suffixes: tuple[str, ...], what: str) -> list[str]:
    """The files of a directory with one of ``suffixes`` (sorted, not recursive, no dot files)."""
    try:
        names = os.listdir(path)
    except OSError as exc:
        raise InputError(f"cannot list the directory ({exc.strerror or exc})", path) from None
    found = sorted(
        os.path.join(path, n)
        for n in names
        if n.lower().endswith(suffixes) and not n.startswith(".") and os.path.isfile(os.path.join(path, n))
    )
    if not found:
        raise InputError(f"no {what} ({', '.join(suffixes)}) in this directory", path)
    return found


def expand_inputs(paths: list[str], suffixes: tuple[str, ...] = REPORT_SUFFIXES) -> list[str]:
    """Files as given, directories expanded to their report files (sorted, not recursive)."""
    out: list[str] = []
    for p in paths:
        if p != "-" and os.path.isdir(p):
            out.extend(str(Path(f)) for f in list_dir(p, suffixes, "report files"))
        else:
            out.append(p)
    return out
