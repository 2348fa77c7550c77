"""Stable ids derived from content (numbering path, title, metric, name), never from a counter."""

from __future__ import annotations

import hashlib

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def small_number(numeral: str) -> str:
    """A heading numeral as Arabic digits: 十二 -> 12, 四 -> 4, 7 -> 7 (else unchanged)."""
    if numeral.isdigit():
        return str(int(numeral))
    if not numeral or any(ch not in _DIGITS and ch != "十" for ch in numeral):
        return numeral
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        if len(tens) > 1 or len(ones) > 1 or tens == "十" or ones == "十":
            return numeral  # a typo (十十, 二十十, 一二十) is no number: kept as written
        return str((_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0))
    value = 0
    for ch in numeral:
        value = value * 10 + _DIGITS[ch]
    return str(value)


def digest(*parts: str, size: int = 6) -> str:
    """A short, stable hex digest of the parts."""
    h = hashlib.blake2s("\x1f".join(parts).encode("utf-8"), digest_size=8).hexdigest()
    return h[:size]


class IdRegistry:
    """Hands out ids, making a repeated one unique with a ~2, ~3 suffix in document order."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def take(self, base: str) -> str:
        n = self._seen.get(base, 0) + 1
        self._seen[base] = n
        return base if n == 1 else f"{base}~{n}"
