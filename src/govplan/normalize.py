"""Offset-keeping normalisation: a folded *view* of the text, the same length as the text.

Every later stage matches patterns on the folded view and slices titles and quotes from the
original, so spans always index the decoded source text.
"""

from __future__ import annotations

import bisect
import re

# Characters that become a plain space in the view: ideographic and em spaces, NBSP, zero-width
# characters and a stray BOM. Each maps to exactly one character, so offsets never move.
_SPACES = "\u3000\u2002\u2003\u2009\u00a0\u200b\u200c\u200d\u2060\ufeff"
_TABLE: dict[int, str] = {ord(c): " " for c in _SPACES}
# Full-width ASCII block (！ to ～) to its half-width twin: ９５％ -> 95%, （四） -> (四).
_TABLE.update({c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})
# Dash look-alikes that scrapes use for "——" (U+2015 HORIZONTAL BAR).
_TABLE[0x2015] = "—"

# str.translate looks every character up in the table; a report holds a dozen of the mapped ones, and
# one str.replace per character present is twice as fast (no target is itself mapped: order is free).
# Which are present, a pattern finds (a set built from the text would make a string of every character).
_MAP: dict[str, str] = {chr(k): v for k, v in _TABLE.items()}
_CHUNK = 1 << 20
_MAPPED_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_MAP)) + "]")

# Runs of "??" (lost NBSP or ideographic spaces in web scrapes) are whitespace, not questions.
_QMARKS_RE = re.compile(r"\?{2,}")


def fold(text: str) -> str:
    """Return the folded view of ``text``: same length, full-width folded, odd spaces blanked.

    >>> fold("（四）空气质量优良天数比例达９５％以上")
    '(四)空气质量优良天数比例达95%以上'
    """
    present: set[str] = set()
    for i in range(0, len(text), _CHUNK):  # a chunk at a time: a huge text's list of hits stays small
        present.update(_MAPPED_RE.findall(text, i, i + _CHUNK))
    out = text
    for c in sorted(present):
        out = out.replace(c, _MAP[c])
    if "??" in out:
        out = _QMARKS_RE.sub(lambda m: " " * len(m.group()), out)
    return out


class LineIndex:
    """1-based line numbers of offsets in one text, by bisection over its newlines (found once).

    >>> LineIndex("第一行\\n第二行\\n第三行").line_of(4)
    2
    """

    def __init__(self, text: str) -> None:
        newlines, i = [], text.find("\n")
        while i >= 0:
            newlines.append(i)
            i = text.find("\n", i + 1)
        self._newlines = newlines

    def line_of(self, offset: int) -> int:
        """The line ``offset`` is on."""
        return bisect.bisect_left(self._newlines, offset) + 1
