"""Accuracy regression over the project's own copy of the hand-made gold files (tests/gold/).

Each gold file names its source (a report bundled in samples/ or tests/gold/sources/), the scope it covers and what a
careful reader finds there. This test parses the source, pairs plan items with gold items one to
one, and fails when the micro F1 of any kind falls below its floor in tests/gold/floors.yaml, so
accuracy cannot fall silently. Raise a floor when the parser gets better.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from rapidfuzz import fuzz

from govplan.pipeline import parse_file

GOLD_DIR = Path(__file__).parent / "gold"
KINDS = ("headings", "topics", "commitments", "commitments_strict", "projects", "domains")
GOLD_FILES = sorted(GOLD_DIR.glob("*.gold.yaml"))
FLOORS: dict[str, float] = yaml.safe_load((GOLD_DIR / "floors.yaml").read_text(encoding="utf-8"))

_SKIP = set(" \t\r\n\u3000。，、；：！？,.;:!?“”‘’\"'（）()《》<>【】[]—-·…")
_ENUM = tuple(f"{n}{v}" for n in "一二三四五六七八九十" for v in "是要")


def squash(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    s = "".join(ch for ch in s if ch not in _SKIP)
    return s[2:] if s.startswith(_ENUM) else s


def similar(a: str, b: str) -> float:
    a, b = squash(a), squash(b)
    return fuzz.ratio(a, b) / 100 if a and b else 0.0


def dice(a: str, b: str) -> float:
    """Dice coefficient of the two strings' characters (as the project's scorer compares metrics)."""
    ca, cb = Counter(squash(a)), Counter(squash(b))
    total = sum(ca.values()) + sum(cb.values())
    return 2 * sum((ca & cb).values()) / total if total else 1.0


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    hit: int = 0

    def f1(self) -> float:
        if not self.gold and not self.found:
            return 1.0
        p = self.hit / self.found if self.found else 0.0
        r = self.hit / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: Path) -> tuple[dict[str, Any], str, tuple[int, int]]:
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = (path.parent / gold["source"]).resolve()
    text = source.read_text(encoding="utf-8")
    scope = gold.get("scope") or {}
    lo = text.find(scope["from"]) if scope.get("from") else 0
    hi = text.find(scope["to"], lo) if scope.get("to") else len(text)
    assert lo >= 0 and hi >= 0, f"{path.name}: scope markers not in {source.name}"
    # Gold items are located in document order: each one is the next occurrence of its quote.
    for kind, key in (("topics", "title"), ("commitments", "quote"), ("projects", "name")):
        pos = lo
        for item in gold.get(kind) or []:
            needle = item.get("quote") or item[key]
            start = text.find(needle, pos)
            assert start >= 0, f"{path.name}: {needle!r} not found"
            item["span"] = (start, start + len(needle))
            pos = start
    for item in gold.get("headings") or []:
        start = text.find(item["title"], lo)
        item["span"] = (start, start + len(item["title"]))
    return gold, str(source), (lo, hi)


def pair(gold: list[dict[str, Any]], found: list[dict[str, Any]], same: Any) -> Tally:
    """Greedy one-to-one pairing; optional gold items cost nothing either way."""
    tally = Tally(found=len(found))
    used: set[int] = set()
    for g in sorted(gold, key=lambda g: bool(g.get("optional"))):
        tally.gold += not g.get("optional")
        for j, p in enumerate(found):
            if j not in used and same(g, p):
                used.add(j)
                if g.get("optional"):
                    tally.found -= 1
                else:
                    tally.hit += 1
                break
    return tally


def flatten(sections: list[Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    heads: list[dict[str, Any]] = []
    topics: list[dict[str, Any]] = []

    def topic_walk(ts: list[Any]) -> None:
        for t in ts:
            topics.append({"title": t.title, "span": tuple(t.span), "domains": list(t.domains)})
            topic_walk(t.topics)

    def walk(ss: list[Any]) -> None:
        for s in ss:
            heads.append({"number": s.number, "title": s.title, "span": tuple(s.span)})
            topic_walk(s.topics)
            walk(s.sections)

    walk(sections)
    return heads, topics


def measure() -> dict[str, Tally]:
    """Micro tallies per kind over every bundled gold file."""
    totals = {k: Tally() for k in KINDS}
    for path in GOLD_FILES:
        gold, source, (lo, hi) = load_gold(path)
        plan = parse_file(source)

        def inside(item: dict[str, Any], lo: int = lo, hi: int = hi) -> bool:
            return bool(lo <= item["span"][0] < hi)

        heads, topics = flatten(plan.sections)
        heads = [h for h in heads if inside(h)]
        topics = [t for t in topics if inside(t)]
        commitments = [c.model_dump() for c in plan.commitments if lo <= c.span[0] < hi]
        projects = [p.model_dump() for p in plan.projects if lo <= p.span[0] < hi]
        for c in commitments + projects:
            c["span"] = tuple(c["span"])

        def topic_same(g: dict[str, Any], p: dict[str, Any]) -> bool:
            return similar(g["title"], p["title"]) >= 0.9 and overlap(g["span"], p["span"])

        def commitment_same(g: dict[str, Any], p: dict[str, Any]) -> bool:
            return (
                abs(float(g["value"]) - float(p["value"])) <= 1e-6 * max(1.0, abs(float(g["value"])))
                and squash(str(g["unit"])).replace("个百分点", "百分点") == squash(p["unit"])
                and overlap(g["span"], p["span"])
            )

        def commitment_strict(g: dict[str, Any], p: dict[str, Any]) -> bool:
            # 'strict' as score.py has it: the comparator too, and a metric that reads the same.
            return (
                commitment_same(g, p)
                and (g.get("comparator") or "=") == (p["comparator"] or "=")
                and ("metric" not in g or dice(g["metric"], p.get("metric") or "") >= 0.5)
            )

        results = {
            "headings": pair(
                gold.get("headings") or [],
                heads,
                lambda g, p: (
                    squash(str(g["number"])) == squash(p["number"]) and similar(g["title"], p["title"]) >= 0.8
                ),
            ),
            "topics": pair(gold.get("topics") or [], topics, topic_same),
            "commitments": pair(gold.get("commitments") or [], commitments, commitment_same),
            "commitments_strict": pair(gold.get("commitments") or [], commitments, commitment_strict),
            "projects": pair(
                gold.get("projects") or [],
                projects,
                lambda g, p: (
                    (squash(g["name"]) in squash(p["name"]) or squash(p["name"]) in squash(g["name"]))
                    and similar(g["name"], p["name"]) >= 0.6
                    and overlap(g["span"], p["span"])
                ),
            ),
        }
        dom = Tally()
        for g in gold.get("topics") or []:
            if g.get("optional") or not g.get("domains"):
                continue
            match = next((p for p in topics if topic_same(g, p)), None)
            if match is not None:
                dom.gold += 1
                dom.found += 1
                dom.hit += bool(match["domains"]) and match["domains"][0] in g["domains"]
        results["domains"] = dom
        for k, t in results.items():
            totals[k].gold += t.gold
            totals[k].found += t.found
            totals[k].hit += t.hit
    return totals


@pytest.fixture(scope="module")
def tallies() -> dict[str, Tally]:
    return measure()


def test_gold_files_are_bundled() -> None:
    assert len(GOLD_FILES) >= 5


@pytest.mark.parametrize("kind", KINDS)
def test_accuracy_does_not_fall(tallies: dict[str, Tally], kind: str) -> None:
    t = tallies[kind]
    assert t.f1() >= FLOORS[kind], f"{kind}: F1 {t.f1():.3f} below the floor {FLOORS[kind]} ({t})"


if __name__ == "__main__":  # python tests/test_accuracy.py prints the figures
    for kind, tally in measure().items():
        print(f"{kind:12} gold {tally.gold:4} found {tally.found:4} hit {tally.hit:4} F1 {tally.f1():.3f}")
