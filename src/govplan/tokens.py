"""The one place that imports jieba: a tokenizer built once per process, quiet, HMM pinned off.

jieba's dictionary load dominates parse time (about a second), so it is loaded lazily, only by
stages that need word boundaries, and cached for the life of the process.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

HMM = False  # pinned: the same text always cuts the same way


@functools.lru_cache(maxsize=1)
def _pos_tokenizer() -> Any:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return jieba.posseg.POSTokenizer(tok)


def pos_cut(text: str) -> list[tuple[str, str]]:
    """Words of ``text`` with their jieba part-of-speech tags, in order; they concatenate to ``text``."""
    return [(p.word, p.flag) for p in _pos_tokenizer().cut(text, HMM=HMM)]


def words(text: str) -> list[str]:
    """Words of ``text`` in order; they concatenate back to ``text``."""
    return [w for w, _ in pos_cut(text)]
