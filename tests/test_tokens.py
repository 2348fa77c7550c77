"""tokens.py cuts exactly as jieba.posseg does (HMM off), without jieba's two-second dictionary load."""

from __future__ import annotations

import bisect
import logging
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govplan import tokens

SAMPLE = Path(__file__).parent.parent / "samples" / "national-2023.txt"


@pytest.fixture(scope="module")
def jieba_pos() -> Any:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return jieba.posseg.POSTokenizer(tok)


def _jieba(pt: Any, text: str) -> list[tuple[str, str]]:
    return [(p.word, p.flag) for p in pt.cut(text, HMM=False)]


def test_same_words_and_tags_as_jieba_on_a_whole_report(jieba_pos: Any) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    ours = tokens.pos_cut(text)
    assert ours == _jieba(jieba_pos, text)
    assert "".join(w for w, _ in ours) == text
    assert len(ours) > 5000


def test_dictionary_entries_match_jieba(jieba_pos: Any) -> None:
    lx = tokens.lexicon()
    freq = jieba_pos.tokenizer.FREQ
    for w in ("政府", "政府工作报告", "B超", "c++", "AT&T", "的", "十四五", "高质量发展", "zzzz", "政"):
        is_prefix, f, tag = lx.entry(w)
        assert is_prefix == (w in freq)
        assert f == (freq.get(w) or 0)
        assert (tag or "x") == jieba_pos.word_tag_tab.get(w, "x")


_ALPHABET = st.sampled_from(list("的是一二三发展经济AbC9.5%#+_ \t\r\n\u3000，。、B超c++十四五“”（）"))


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_random_strings_cut_as_jieba_does(jieba_pos: Any, text: str) -> None:
    assert tokens.pos_cut(text) == _jieba(jieba_pos, text)


def test_words_concatenate_back() -> None:
    text = "新建学校3所，增加学位2000个。PM2.5浓度下降\n"
    assert "".join(tokens.words(text)) == text


def _plain_entry(lines: list[str], data: str, frag: str) -> tuple[bool, int, str | None]:
    """The look-up by bisection over every sorted line: what the compact index must answer."""
    i = bisect.bisect_left(lines, frag)
    if i < len(lines) and lines[i].startswith(frag):
        word_line = frag + " "
        line = lines[i]
        if not line.startswith(word_line):
            return (True, 0, None)
        if i + 1 < len(lines) and lines[i + 1].startswith(word_line):
            at = data.rfind("\n" + word_line) + 1
            line = data[at : data.find("\n", at) % (len(data) + 1)]
        parts = line.split(" ")
        return (True, int(parts[1]), parts[2] if len(parts) > 2 else None)
    return (False, 0, None)


def test_the_compact_index_answers_as_a_bisection_over_every_line() -> None:
    # A small dictionary with a word listed twice (the later line counts), prefixes and neighbours.
    data = "中国 100 ns\n中国人 50 n\nB超 3 n\n中 10 zg\n国 20 n\nB超 7 nz\n中国人民 40 nt\nc++ 3 nz\n"
    data += "".join(f"字{i:03d} {i + 1} n\n" for i in range(200))
    lx = tokens.JiebaDictionary(data)
    lines = sorted(data.splitlines())
    frags = {w[:k] for line in lines for w in [line.split(" ")[0]] for k in range(len(w) + 1)}
    frags |= {f + x for f in list(frags) for x in ("", "x", " ", "\n", "中")} | {"字", "字1", "字199", "zzz"}
    for frag in sorted(frags):
        assert lx.entry(frag) == _plain_entry(lines, data, frag), frag
    assert lx.entry("B超") == (True, 7, "nz")
