"""The direct YAML writer gives PyYAML's bytes: on the bundled plans and on random data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govplan import yamlemit
from govplan.pipeline import parse_text
from govplan.serialize import _Dumper, _flow_spans, dump_plan, plan_data

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def pyyaml(data: Any) -> str:
    """What serialize wrote before the direct writer: PyYAML, spans in flow style."""
    return str(
        yaml.dump(
            _flow_spans(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6, indent=2
        )
    )


def pyyaml_plan(data: dict[str, Any]) -> str:
    return "".join(pyyaml({k: v}) for k, v in data.items())


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_bundled_samples_dump_as_pyyaml_does(path: Path) -> None:
    plan = parse_text(path.read_text(encoding="utf-8"), name=path.name)
    data = plan_data(plan)
    assert dump_plan(plan) == pyyaml_plan(data)
    assert yamlemit.emit(data) == pyyaml_plan(data)


# Characters that decide a scalar's style: indicators, spaces, breaks, quotes, escapes, CJK, fullwidth,
# the byte-order mark, line and paragraph separators, NEL, a character beyond the BMP, a tab.
TRICKY = list(" :#-?,[]{}&*!|>'\"%@`.~<=+_0123456789eExXoOyYnNtTfF\n\r\t\\") + [
    "\u3000", "\u2028", "\u2029", "\x85", "\ufeff", "\U0001f600", "\xa0", "\x7f", "\x00",
    "年", "增", "长", "％", "：", "＃", "（", "）", "　",
]  # fmt: skip
WORDS = [
    "yes", "no", "null", "Null", "~", "true", "False", "on", "OFF", "y", "N", "1", "-1", "0x1F", "0o7",
    "1_000", "1.5", ".5", "1e5", "1.0e+5", ".inf", "-.Inf", ".NaN", "2023-01-01", "2023-1-1 10:00:00",
    "12:30", "<<", "=", "---", "...", "- a", "? b", "a: b", "a #b", "a#b", "%", ">=", "'q'", '"q"',
    "增长5%", "GDP增长5.5%左右", "",
]  # fmt: skip
strings = st.one_of(
    st.sampled_from(WORDS),
    st.text(st.sampled_from(TRICKY), max_size=12),
    st.text(max_size=12),
    st.lists(st.sampled_from(WORDS + TRICKY), max_size=4).map("".join),
)
scalars = st.one_of(
    strings,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
)
keys = st.one_of(
    st.sampled_from(["id", "text", "span", "value", "domains", "yes", "null", "a b", "1"]), strings
)
trees = st.recursive(
    scalars,
    lambda kids: st.one_of(
        st.lists(kids, max_size=4),
        st.dictionaries(keys, kids, max_size=4),
        st.lists(st.integers(0, 10**6), min_size=2, max_size=2).map(lambda s: {"span": s}),
    ),
    max_leaves=12,
)


@given(strings)
@example("a\nb")
@example(" lead")
@example("trail ")
def test_a_string_value_is_written_as_pyyaml_writes_it(s: str) -> None:
    expected = pyyaml({"k": s, "l": [s]})
    try:
        assert yamlemit.emit({"k": s, "l": [s]}) == expected
    except yamlemit.Unsure:
        pass  # the caller falls back to PyYAML; what is written is PyYAML's anyway


@given(strings)
def test_plain_only_where_pyyaml_writes_plain(s: str) -> None:
    written = pyyaml({"k": s})[3:-1]
    assert yamlemit.plain_ok(s) <= (written == s)  # never plain where PyYAML quotes


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(st.dictionaries(keys, trees, min_size=1, max_size=5), st.lists(trees, min_size=1, max_size=5))
)
def test_random_plan_like_data_dumps_as_pyyaml_does(data: Any) -> None:
    from govplan.serialize import dumps

    assert dumps(data, "yaml") == (
        "".join(pyyaml({k: v}) for k, v in data.items()) if isinstance(data, dict) else pyyaml(data)
    )


def test_common_plan_strings_take_the_direct_path() -> None:
    for s in ["增长5.5%左右", "2023年", "GDP", "a:b", "a#b不", "（一）", "年均增长 5%"]:
        assert yamlemit.plain_ok(s), s
    for s in ["%", "=", ">=", "yes", "1", "2023-01-01", "a: b", "a #b", " x", "x ", "", "~", "-x", "a\nb"]:
        assert not yamlemit.plain_ok(s), s


def test_pyyaml_resolvers_read_only_ascii() -> None:
    """The shortcut for strings with a non-ASCII character rests on this."""
    assert yamlemit._ASCII_RESOLVERS
    for word in ["２０２３", "1２", "ｙｅｓ", "\u212a", "1.5\u3000", "null年"]:
        assert yamlemit._resolves_to(word) == "tag:yaml.org,2002:str"
        assert pyyaml({"k": word}) == f"k: {word}\n"
