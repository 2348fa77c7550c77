"""fold keeps offsets and maps exactly its table, however the characters are mixed."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from govplan.normalize import _TABLE, fold

MAPPED = [chr(c) for c in _TABLE]
OTHERS = ["?", "—", " ", "a", "5", "年", "\n", "\uff5f", "\uff00"]


def reference(text: str) -> str:
    """The fold as first written: one translate over the table, then runs of ?? blanked."""
    return re.sub(r"\?{2,}", lambda m: " " * len(m.group()), text.translate(_TABLE))


@given(st.text(st.sampled_from(MAPPED + OTHERS), max_size=40))
def test_fold_is_the_table_translation(text: str) -> None:
    out = fold(text)
    assert len(out) == len(text)
    assert out == reference(text)


def test_fold_of_a_report_line() -> None:
    line = "（四）空气质量优良天数比例达９５％以上，　细颗粒物浓度下降――??"
    assert fold(line) == "(四)空气质量优良天数比例达95%以上, 细颗粒物浓度下降——  "
