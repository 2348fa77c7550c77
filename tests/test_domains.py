"""Policy domains: the bundled lexicon over every topic of the public gold, how items inherit,
the evidence they carry, and a user's own lexicon (``--lexicon``) with its error messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from govplan.cli import main
from govplan.errors import InputError
from govplan.extract.domains import DOMAIN_KEYS, load_lexicon, topic_reading
from govplan.models import Plan
from govplan.options import ParseOptions
from govplan.pipeline import parse_text

GOLD_TOPICS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "domains_gold_topics.yaml").read_text(encoding="utf-8")
)["topics"]
SINGLE = [t for t in GOLD_TOPICS if len(t["domains"]) == 1]

# Real paragraphs of the 东兴 2023 excerpt (a public document), shortened.
DONGXING = """(四)推动民生短板再补齐,奋力拼出人民生活新品质
办好人民满意教育。加快教育城乡一体化建设,优化教育资源配置,谋划迁建市中职学校、北仑河中学,开工建设京华学校、伏波小学,增加学位供给,化解“大校额”问题。
推进健康东兴建设。加快推进市应急救治中心二期、妇幼保健院迁建工程等一批项目建设。深入开展爱国卫生运动,力争各项任务完成率达95%以上。
提升城市品质。推动建设兴边富民中心城镇,加快推进东盟大道人行天桥等16个市政项目,新增充电桩240个。
"""


def _topics(plan: Plan) -> dict[str, Any]:
    out = {}
    for s in plan.sections:
        for t in s.topics:
            out[t.title] = t
    return out


def _first(title: str, section: str | None) -> str | None:
    ranked = topic_reading(title, section_title=section or "").ranked()
    return ranked[0] if ranked else None


def test_gold_topics_are_copied() -> None:
    assert len(GOLD_TOPICS) >= 90
    assert all(set(t["domains"]) <= set(DOMAIN_KEYS) for t in GOLD_TOPICS)


def test_every_gold_topic_reads_mostly_right_from_its_title_and_heading() -> None:
    misses = [
        (t["title"], _first(t["title"], t["section"]), t["domains"])
        for t in GOLD_TOPICS
        if _first(t["title"], t["section"]) not in t["domains"]
    ]
    accuracy = 1 - len(misses) / len(GOLD_TOPICS)
    assert accuracy >= 0.95, misses


@pytest.mark.parametrize("topic", SINGLE, ids=[t["title"] for t in SINGLE])
def test_unambiguous_gold_topics(topic: dict[str, Any]) -> None:
    assert _first(topic["title"], topic["section"]) == topic["domains"][0]


@pytest.fixture(scope="module")
def dongxing() -> Plan:
    return parse_text(DONGXING, name="dongxing.txt")


def test_topics_get_domains_with_evidence(dongxing: Plan) -> None:
    topics = _topics(dongxing)
    edu = topics["办好人民满意教育"]
    assert edu.domains[0] == "education"
    assert edu.domain_evidence[0] == "教育:教育"
    assert "教育:学校" in edu.domain_evidence
    assert topics["推进健康东兴建设"].domains[0] == "health"
    assert topics["提升城市品质"].domains[0] == "urban_development"
    for t in topics.values():
        assert 1 <= len(t.domains) <= 3
        assert len(set(t.domains)) == len(t.domains)


def test_projects_read_their_own_name_first(dongxing: Plan) -> None:
    by_name = {p.name: p for p in dongxing.projects}
    assert by_name["京华学校"].domains[0] == "education"
    assert by_name["京华学校"].domain_evidence[0] == "教育:学校"
    assert by_name["妇幼保健院迁建工程"].domains[0] == "health"
    # 人行天桥 names no keyword of its own ending; 大道 leans to 城乡建设 and the topic agrees
    assert by_name["东盟大道人行天桥"].domains[0] == "urban_development"


def test_silent_items_inherit_from_their_topic(dongxing: Plan) -> None:
    rate = next(c for c in dongxing.commitments if c.value == 95)
    assert rate.domains[0] == "health"
    assert all(e.endswith(" (topic)") for e in rate.domain_evidence)
    # a commitment with words of its own keeps them: 充电桩 sits in a 城市品质 topic either way
    assert all(c.domains for c in dongxing.commitments)


def test_items_without_topic_inherit_from_their_section() -> None:
    plan = parse_text("(一)加快推进乡村振兴\n新建冷库3座。\n", name="s.txt")
    (c,) = plan.commitments
    assert c.domains[0] == "agriculture"
    assert c.domain_evidence[0].endswith(" (section)")


def test_domains_are_deterministic(dongxing: Plan) -> None:
    again = parse_text(DONGXING, name="dongxing.txt")
    assert again.model_dump() == dongxing.model_dump()


# ---------------------------------------------------------------- a user's lexicon


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "lexicon.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_a_user_lexicon_replaces_the_bundled_one(tmp_path: Path) -> None:
    lex = _write(
        tmp_path,
        "domains:\n  health: {label: 健康, keywords: {学校: 2}}\n  education: {label: 教育, keywords: [教师]}\n",
    )
    plan = parse_text(DONGXING, name="d.txt", options=ParseOptions(lexicon=lex))
    edu = _topics(plan)["办好人民满意教育"]
    assert edu.domains == ["health"]
    assert edu.domain_evidence == ["健康:学校"]
    # words the user's file does not hold decide nothing
    assert _topics(plan)["提升城市品质"].domains == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("domains:\n  education: [学校\n", "not valid YAML at line 3"),
        ("- a list\n", "not a domain lexicon: it needs a 'domains' mapping of domain keys"),
        ("domains: {schools: {keywords: [学校]}}\n", "unknown domain key 'schools'"),
        ("domains: {education: {label: 教育}}\n", "domain 'education' needs 'keywords'"),
        ("domains: {education: {keywords: 学校}}\n", "keywords of 'education' must be a list or a mapping"),
        (
            "domains: {education: {keywords: {学校: -1}}}\n",
            "keyword '学校' of 'education' needs a positive number",
        ),
        ("domains: {education: {keywords: []}}\n", "the lexicon has no keywords"),
    ],
)
def test_an_invalid_lexicon_is_an_input_error(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as err:
        load_lexicon(str(path))
    assert err.value.line().startswith(f"Error: {path}: {message}")


def test_cli_reports_a_bad_lexicon_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "r.txt"
    report.write_text(DONGXING, encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    with pytest.raises(SystemExit) as exit_:
        main(["parse", str(report), "--lexicon", str(missing)])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == f"Error: {missing}: no such lexicon file\n"
    bad = _write(tmp_path, "domains: {edu: {keywords: [学校]}}\n")
    with pytest.raises(SystemExit) as exit_:
        main(["parse", str(report), "--lexicon", str(bad)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"Error: {bad}: unknown domain key 'edu'") and err.count("\n") == 1


def test_the_bundled_lexicon_covers_every_key() -> None:
    lex = load_lexicon()
    assert set(lex.labels) == set(DOMAIN_KEYS)
    assert lex.labels["education"] == "教育"
