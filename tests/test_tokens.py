"""tokens.py cuts exactly as jieba.posseg does (HMM off), without jieba's two-second dictionary load."""

from __future__ import annotations

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
