"""Which files the inputs name: the report and plan file suffixes, and directory expansion, once.

>>> expand_inputs(["-"])
['-']
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Sequence
from pathlib import Path

from govplan.errors import InputError
from govplan.suffixes import PLAN_SUFFIXES, REPORT_SUFFIXES

__all__ = ["PLAN_SUFFIXES", "REPORT_SUFFIXES", "beside", "expand_inputs", "list_dir"]

GLOB_RE = re.compile(r"[*?\[]")


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


def expand_inputs(
    paths: Sequence[str],
    suffixes: tuple[str, ...] = REPORT_SUFFIXES,
    *,
    what: str = "report files",
    strict: bool = False,
) -> list[str]:
    """Files as given, directories expanded to their files with ``suffixes`` (sorted, not recursive).

    ``strict`` is how ``validate`` reads its arguments: a name that is no file may be a glob, expanded
    to the files it matches (sorted), a name that is neither raises InputError, and a file named twice
    counts once. Otherwise a missing file is left for its reader to report.
    """
    out: list[str] = []
    for p in paths:
        if p != "-" and os.path.isdir(p):
            out.extend(str(Path(f)) for f in list_dir(p, suffixes, what))
        elif not strict or os.path.exists(p):
            out.append(p)
        elif GLOB_RE.search(p):
            matches = sorted(m for m in glob.glob(p, recursive=True) if os.path.isfile(m))
            if not matches:
                raise InputError("no files match this pattern", p)
            out.extend(matches)
        else:
            raise InputError("no such file", p)
    return list(dict.fromkeys(out)) if strict else out


def beside(plan_path: str, name: object) -> Path | None:
    """The file ``name`` (a plan file's source.name) beside the plan file at ``plan_path``, when it is
    a plain file name and such a file is there; never a path that leaves the plan file's folder."""
    if not isinstance(name, str) or not name or name != os.path.basename(name) or name in (".", ".."):
        return None
    candidate = Path(plan_path).parent / name
    return candidate if candidate.is_file() else None
