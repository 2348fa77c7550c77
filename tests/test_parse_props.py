"""Properties of parsing that hold for any input: spans slice back, output is byte-stable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govplan.normalize import fold
from govplan.pipeline import parse_text
from govplan.serialize import dump_plan

SAMPLES = Path(__file__).parent.parent / "samples"
REAL = (SAMPLES / "qingyuan-2024.txt").read_text(encoding="utf-8")

# Text made of what reports are made of: numerals, heading marks, punctuation, odd spaces.
ALPHABET = st.sampled_from(
    list("一二三四五六七八九十（）()、。，；：！“”0123456789.%％万亿个人元年是要加快推进建设学校工程项目")
    + ["\n", "\u3000", "\u200b", "??", "\r\n", "９５", "—", "１"]
)


def spans_slice_back(plan: Any, text: str) -> None:
    def walk_topics(topics: list[Any]) -> None:
        for t in topics:
            assert 0 <= t.span[0] <= t.span[1] <= len(text)
            assert text[t.span[0] : t.span[1]] == t.title
            walk_topics(t.topics)

    def walk(sections: list[Any]) -> None:
        for s in sections:
            assert 0 <= s.span[0] <= s.span[1] <= len(text)
            assert (
                text[s.span[0] : s.span[0] + len(s.title)] == s.title
                or s.title in text[s.span[0] : s.span[1]]
            )
            walk_topics(s.topics)
            walk(s.sections)

    walk(plan.sections)
    for item in [*plan.commitments, *plan.projects]:
        assert text[item.span[0] : item.span[1]] == item.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=200).map("".join))
def test_random_text_parses_and_spans_slice_back(text: str) -> None:
    text = text.replace("\r\n", "\n")
    if not text:
        return
    spans_slice_back(parse_text(text), text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, len(REAL) - 1), st.integers(1, 3000), st.sampled_from(["", "\u3000", "\n", "。", "（三）"])
)
def test_cut_real_text_parses(start: int, length: int, insert: str) -> None:
    text = REAL[start : start + length]
    mid = len(text) // 2
    text = text[:mid] + insert + text[mid:]
    if text.strip():
        spans_slice_back(parse_text(text), text)


def test_real_report_spans_slice_back() -> None:
    spans_slice_back(parse_text(REAL), REAL)


def test_parse_twice_gives_the_same_bytes() -> None:
    assert dump_plan(parse_text(REAL, "q.txt"), "yaml") == dump_plan(parse_text(REAL, "q.txt"), "yaml")
    assert dump_plan(parse_text(REAL, "q.txt"), "json") == dump_plan(parse_text(REAL, "q.txt"), "json")


@given(st.text(max_size=300))
def test_fold_keeps_length_and_is_idempotent(text: str) -> None:
    once = fold(text)
    assert len(once) == len(text)
    assert fold(once) == once


def test_fullwidth_reads_like_halfwidth() -> None:
    half = parse_text("（四）推动民生短板再补齐\n办好人民满意教育。新建学校，增加学位供给。\n")
    full = parse_text(
        "（四）推动民生短板再补齐\n办好人民满意教育。新建学校，增加学位供给。\n".replace("（", "(").replace(
            "）", ")"
        )
    )
    assert [s.number for s in half.sections] == [s.number for s in full.sections] == ["四"]
    assert half.sections[0].topics[0].title == "办好人民满意教育"
