"""Plan files written a piece at a time are the same bytes as the whole text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govplan import serialize
from govplan.pipeline import parse_text
from govplan.serialize import dump_parts, dump_plan, dump_plan_parts, dumps, plan_data, write_atomic

# Real lines of the 东兴 2023 excerpt (a public document), repeated so lists are longer than a slice.
TEXT = (
    "一、2023年工作安排\n"
    + "办好人民满意教育。开工建设京华学校、伏波小学，新建学校3所，增加学位2000个。\n" * 40
)


def test_json_in_pieces_is_json_dumps() -> None:
    data = plan_data(parse_text(TEXT, name="r.txt"))
    expected = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    assert "".join(dump_parts(data, "json")) == expected == dumps(data, "json")


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_the_pieces_of_a_plan_join_to_its_text(fmt: str) -> None:
    plan = parse_text(TEXT, name="r.txt")
    assert len(plan.commitments) > 64  # more than one slice of the YAML
    whole = dump_plan(plan, fmt)
    parts = list(dump_plan_parts(plan, fmt))
    assert len(parts) > (2 if fmt == "yaml" else 1) and "".join(parts) == whole


def test_write_atomic_writes_pieces_and_long_texts_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serialize, "_WRITE_SLICE", 7)  # every text longer than a slice
    target = tmp_path / "plan.yaml"
    write_atomic(target, (p for p in ["甲乙丙丁戊己庚辛壬癸\n", "", "x" * 20]))
    assert target.read_text(encoding="utf-8") == "甲乙丙丁戊己庚辛壬癸\n" + "x" * 20
    write_atomic(target, "子丑寅卯辰巳午未申酉戌亥")
    assert target.read_text(encoding="utf-8") == "子丑寅卯辰巳午未申酉戌亥"
