"""The one owner of jieba: its dictionary and its cut (posseg, HMM pinned off), built once per process.

Loading jieba the usual way (``jieba.Tokenizer().initialize()`` and ``jieba.posseg``) costs one to
two seconds: it builds a 580,000-entry prefix dict and a 350,000-entry tag dict, of which a report
needs a few thousand entries. So jieba's dictionary file is read once, its lines sorted (nearly free:
the file is almost sorted), and entries are found by bisection when first asked for, then memoised.
The cut is jieba's own algorithm, unchanged: the DAG of dictionary words, the most probable route,
and ``jieba.posseg``'s tagging without HMM; tests/test_tokens.py checks that it gives exactly what
``jieba.posseg`` gives. jieba's package itself is never imported here: only its data is read.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import math
import os
import re
from array import array
from collections.abc import Iterator

HMM = False  # pinned: the same text always cuts the same way

# jieba.posseg's block patterns, verbatim, so blocks split exactly as jieba splits them.
_HAN_RE = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")
_SKIP_RE = re.compile(r"(\r\n|\s)")
_ENG_RE = re.compile(r"[a-zA-Z0-9]+")
_NUM_RE = re.compile(r"[\.0-9]+")
_ENG1 = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")  # posseg's ^[a-zA-Z0-9]$
_FREQ_RE = re.compile(r" (\d+)(?= |$)", re.M)
_MEMO_LIMIT = 200_000  # entries (about 30 MB); a huge input must not grow the memo without bound
_STEP = 32  # lines of the dictionary per bisected line

Entry = tuple[bool, int, str | None]  # (a prefix of some word, frequency if a word else 0, tag)


def dictionary_path() -> str:
    """The path of jieba's bundled dictionary (``dict.txt``), found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jieba is not installed")
    return os.path.join(list(spec.submodule_search_locations)[0], "dict.txt")


class JiebaDictionary:
    """jieba's dictionary as sorted lines (``word freq tag``), looked up on demand.

    The sorted lines are kept as one text, each line after a newline, with every 32nd line as a
    string to bisect: 350,000 line strings took 30 MB, a third of a 15 MB report's peak memory.
    """

    def __init__(self, data: str) -> None:
        self._data = data
        lines = sorted(data.splitlines())
        self.log_total = math.log(sum(map(int, _FREQ_RE.findall(data))))
        self._text = text = "\n" + "\n".join(lines) + "\n"
        # _index[t] is line t * _STEP; _at[t] the offset of the newline before it in _text
        self._at = array("q")
        at = 0
        for t in range(0, len(lines), _STEP):
            self._at.append(at)
            block = lines[t : t + _STEP]
            at += sum(map(len, block)) + len(block)
        del lines, block
        # fresh strings, made once the lines are gone: lines kept from among them would hold on to
        # the memory of all the others
        self._index = [text[a + 1 : text.find("\n", a + 1)] for a in self._at]
        self._memo: dict[str, Entry] = {}

    def entry(self, frag: str) -> Entry:
        """What jieba's prefix dict and tag dict hold for ``frag``."""
        hit = self._memo.get(frag)
        if hit is not None:
            return hit
        # The first line >= frag is frag's own line when frag is a word, and starts with frag when
        # frag is a prefix of one (a line is ``word freq tag`` and no word holds a space); lines
        # that start with frag all come from there on. Index line b is the first >= frag among
        # the index, so that line lies after index line b - 1 and at index line b at the latest.
        line = None
        if "\n" not in frag:
            b = bisect.bisect_left(self._index, frag)
            at, text = self._at, self._text
            lo = at[b - 1] if b > 0 else 0
            hi = at[b] + 1 + len(frag) if b < len(at) else len(text)
            i = text.find("\n" + frag, lo, hi)
            if i >= 0:
                line = text[i + 1 : text.find("\n", i + 1)]
        if line is not None:
            word_line = frag + " "
            if line.startswith(word_line):
                if text.startswith(word_line, i + 1 + len(line) + 1):
                    # a word listed twice: jieba keeps the later line of the file
                    at_ = self._data.rfind("\n" + word_line) + 1
                    line = self._data[at_ : self._data.find("\n", at_) % (len(self._data) + 1)]
                parts = line.split(" ")
                hit = (True, int(parts[1]), parts[2] if len(parts) > 2 else None)
            else:
                hit = (True, 0, None)
        else:
            hit = (False, 0, None)
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[frag] = hit
        return hit

    def _cut_block(self, s: str) -> Iterator[tuple[str, str]]:
        """jieba's ``get_DAG``, ``calc`` and posseg's ``__cut_DAG_NO_HMM`` on one block."""
        n = len(s)
        memo = self._memo
        entry = self.entry
        # dag[k]: (end, frequency) of every dictionary word starting at k; the one character alone
        # (frequency 0, weighed as 1) when none does
        dag: list[list[tuple[int, int]]] = []
        for k in range(n):
            ends = []
            i = k + 1
            frag = s[k]
            while True:
                hit = memo.get(frag) or entry(frag)
                if not hit[0]:
                    break
                if hit[1]:
                    ends.append((i - 1, hit[1]))
                if i >= n:
                    break
                i += 1
                frag = s[k:i]
            dag.append(ends or [(k, 0)])
        log_total = self.log_total
        log = math.log
        route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for idx in range(n - 1, -1, -1):
            ends = dag[idx]
            x, f = ends[0]
            best = (log(f or 1) - log_total + route[x + 1][0], x)
            for x, f in ends[1:]:  # max() of the candidates, without a generator per character
                cand = (log(f or 1) - log_total + route[x + 1][0], x)
                if cand > best:
                    best = cand
            route[idx] = best
        x = 0
        buf = ""
        while x < n:
            y = route[x][1] + 1
            word = s[x:y]
            if y - x == 1 and word in _ENG1:
                buf += word
            else:
                if buf:
                    yield buf, "eng"
                    buf = ""
                yield word, (memo.get(word) or entry(word))[2] or "x"
            x = y
        if buf:
            yield buf, "eng"

    def cut(self, text: str) -> Iterator[tuple[str, str]]:
        """``jieba.posseg`` words and tags of ``text`` (HMM off)."""
        for block in _HAN_RE.split(text):
            if not block:  # split's empty ends and gaps: nothing to cut
                continue
            if _HAN_RE.match(block):
                yield from self._cut_block(block)
                continue
            for x in _SKIP_RE.split(block):
                if _SKIP_RE.match(x):
                    yield x, "x"
                    continue
                for ch in x:
                    if _NUM_RE.match(ch):
                        yield ch, "m"
                    elif _ENG_RE.match(x):
                        yield ch, "eng"
                    else:
                        yield ch, "x"


@functools.lru_cache(maxsize=1)
def lexicon() -> JiebaDictionary:
    """The process's one lexicon, read from jieba's dictionary on first use."""
    with open(dictionary_path(), "rb") as fh:
        return JiebaDictionary(fh.read().decode("utf-8"))


_cut_memo: dict[str, tuple[tuple[str, str], ...]] = {}
_CUT_MEMO_LIMIT = 20_000  # texts (a few MB); the extractors cut the same clause again and again


def pos_cut(text: str) -> list[tuple[str, str]]:
    """Words of ``text`` with their jieba part-of-speech tags, in order; they concatenate to ``text``."""
    hit = _cut_memo.get(text)
    if hit is None:
        hit = tuple(lexicon().cut(text))
        if len(_cut_memo) >= _CUT_MEMO_LIMIT:
            _cut_memo.clear()
        _cut_memo[text] = hit
    return list(hit)


PLACE_SUFFIXES = "市县州旗盟"


def place_word(word: str) -> bool:
    """True when jieba's dictionary holds ``word`` with an administrative suffix as a place name
    (合肥市, 包头市, 府谷县), whatever tag it gives ``word`` alone (合肥 n, 包头 v): reports name their
    cities and counties without the suffix.

    >>> place_word("合肥"), place_word("府谷"), place_word("先进")
    (True, True, False)
    """
    if len(word) < 2:
        return False
    lex = lexicon()
    return any(lex.entry(word + s)[2] == "ns" for s in PLACE_SUFFIXES)


def words(text: str) -> list[str]:
    """Words of ``text`` in order; they concatenate back to ``text``."""
    return [w for w, _ in pos_cut(text)]
