"""Policy domains: the bundled lexicon over every topic of the public gold, how items inherit,
the evidence they carry, and a user's own lexicon (``--lexicon``) with its error messages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from govplan.cli import main
from govplan.errors import InputError
from govplan.extract.commitments import extract_commitments
from govplan.extract.domains import (
    DOMAIN_KEYS,
    Scan,
    _trie_pattern,
    decide_domains,
    load_lexicon,
    read_name,
    read_text,
    topic_reading,
)
from govplan.extract.projects import extract_projects
from govplan.models import Plan
from govplan.normalize import fold
from govplan.options import ParseOptions
from govplan.pipeline import DEFAULT_OPTIONS, build_sections, parse_text
from govplan.segment import segment_text

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


def test_a_silent_item_reads_its_sentence_before_its_topic(dongxing: Plan) -> None:
    # 力争各项任务完成率达95%以上: the clause names nothing; its sentence's 爱国卫生运动 does
    rate = next(c for c in dongxing.commitments if c.value == 95)
    assert rate.domains[0] == "health"
    assert rate.domain_evidence[0] == "卫生健康:爱国卫生 (sentence)"
    assert all(c.domains for c in dongxing.commitments)


def test_items_whose_sentence_is_silent_inherit_from_their_topic() -> None:
    plan = parse_text(
        "一、2023年工作安排\n推进健康东兴建设。加快推进一批项目。力争各项任务完成率达95%以上。\n"
    )
    (rate,) = plan.commitments
    assert rate.domains[0] == "health"
    assert all(e.endswith(" (topic)") for e in rate.domain_evidence)


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


# ---------------------------------------------------------------- items: own words, sentence, paragraph

# A look back without sub-headings (山西 2025, public): one paragraph, many departments.
SHANXI_REVIEW = """一、2024年工作回顾
（五）用情用力保障和改善民生。多措并举促进就业，举办第六届“中国创翼”创业大赛，提升122个劳务品牌知名度，\
城镇新增就业47万人。新建改扩建寄宿制学校100所，建成城乡义务教育共同体500个、省级市域产教联合体10个。\
保交房交付率96.5%以上，维护了19.2万户家庭购房权益。持续巩固拓展脱贫攻坚成果，6.1万户14.2万名防返贫监测对象\
稳定消除风险，108.6万名脱贫劳动力实现就业。5部作品获“五个一工程”奖，“五个一批”群众文化惠民工程深入实施。
"""


def test_items_of_a_section_without_topics_do_not_share_one_answer() -> None:
    plan = parse_text(SHANXI_REVIEW)
    by_text = {c.text: c for c in plan.commitments}
    assert not plan.sections[0].sections[0].topics
    assert by_text["城镇新增就业47万人"].domains[0] == "employment"
    assert by_text["新建改扩建寄宿制学校100所"].domains[0] == "education"
    assert by_text["保交房交付率96.5%以上"].domains[0] == "urban_development"
    assert by_text["5部作品获“五个一工程”奖"].domains[0] == "culture_tourism_sports"
    # 6.1万户 has no words of its own: its sentence (巩固拓展脱贫攻坚成果) speaks, and says so
    households = by_text["6.1万户"]
    assert households.domains[0] == "agriculture"
    assert households.domain_evidence[0].endswith(" (sentence)")
    # evidence names only the words that decided, each once per domain
    for c in plan.commitments:
        assert len(c.domain_evidence) == len(set(c.domain_evidence))
        labels = {e.split(":")[0] for e in c.domain_evidence}
        assert labels <= {load_lexicon().labels[k] for k in c.domains}


# A list of projects (河北 2025 and 江西 2025, public): each is its own word first, else its list's.
HEBEI_LIST = """二、2025年工作安排
（一）扩大有效投资。争取增发国债项目资金1221.9亿元、居全国首位，乌拉哈达、娄里、青山水库等重大水利工程启动建设。\
加快昌九高铁、国电投分宜电厂扩建、萍乡绕城高速、南昌昌北国际机场三期扩建等项目建设。
"""


def test_projects_read_their_name_then_their_list() -> None:
    plan = parse_text(HEBEI_LIST)
    by_name = {p.name: p for p in plan.projects}
    assert by_name["青山水库"].domain_evidence[0] == "城乡建设:水库"
    assert by_name["国电投分宜电厂扩建"].domains[0] == "industry"
    assert by_name["萍乡绕城高速"].domains[0] == "urban_development"
    # 乌拉哈达 takes the head its list hands back (水库), and so its own word decides
    assert by_name["乌拉哈达水库"].domains[0] == "urban_development"
    assert by_name["乌拉哈达水库"].domain_evidence[0] == "城乡建设:水库"
    # the topic (扩大有效投资, 经济运行) never overrides a clear word of the item's own
    assert all(p.domains[0] != "economy" for p in plan.projects)


# The targets each department answers for, as reports word them (public reports other than the gold).
VOCABULARY = [
    ("吸纳技术合同成交额年均增长51.3%", "innovation"),
    ("全社会研发经费投入年均增长10.5%", "innovation"),
    ("PM2.5平均浓度35.2微克/立方米", "environment"),
    ("单位地区生产总值能耗下降2.5%", "environment"),
    ("地表水考核断面达标率100%", "environment"),
    ("新增五星级饭店3家", "culture_tourism_sports"),
    ("新增民宿经营主体1500家", "culture_tourism_sports"),
    ("入境游客增长39%", "culture_tourism_sports"),
    ("全省新增博士点23个、硕士点90个", "education"),
    ("人均预期寿命提高到80岁以上", "health"),
    ("规模以上工业增加值完成10.9亿元", "industry"),
    ("新增风电光伏装机400万千瓦以上", "industry"),
    ("新增国家级专精特新“小巨人”企业2家", "industry"),
    ("跨境电商交易额增长24%左右", "opening_up"),
    ("进出口总额1050万美元", "opening_up"),
    ("新建开通5G基站307处", "digital"),
    ("全年粮食播种面积1.1亿亩", "agriculture"),
    ("完成高标准农田建设6.2万亩", "agriculture"),
    ("新增7701张家庭养老床位", "social_security"),
    ("每千人口拥有3岁以下托位数不少于5.5个", "social_security"),
    ("生产安全事故起数下降16.3%", "public_safety"),
    ("12345热线群众诉求满意率达到90%以上", "government"),
    ("社会消费品零售总额完成97.3亿元", "economy"),
    ("一般公共预算收入完成8.23亿元", "fiscal_finance"),
    ("城镇新增就业3833人", "employment"),
    ("城镇调查失业率平均值5.2%", "employment"),
    ("老旧小区改造793户", "urban_development"),
]


@pytest.mark.parametrize(("text", "domain"), VOCABULARY, ids=[t for t, _ in VOCABULARY])
def test_every_department_knows_its_targets(text: str, domain: str) -> None:
    plan = parse_text(f"二、2025年工作安排\n{text}。\n")
    assert plan.commitments
    for c in plan.commitments:
        assert c.domains[0] == domain
        assert not c.domain_evidence[0].endswith(")")  # decided by the item's own words


def test_the_lexicon_covers_every_domain_with_target_vocabulary() -> None:
    assert {d for _, d in VOCABULARY} == set(DOMAIN_KEYS)


def test_a_neutral_word_hides_the_keyword_inside_it() -> None:
    lex = load_lexicon()
    # 利用工程 holds 用工 (就业) across a word boundary; 利用 is read first and counts for nothing
    assert read_text("革命文物保护利用工程", lex).ranked() == ["culture_tourism_sports"]
    assert "employment" not in read_text("稀散元素高值化利用工程", lex).scores


def test_a_stretch_of_the_scan_reads_as_the_text_itself() -> None:
    text = fold(SHANXI_REVIEW + DONGXING)
    lex = load_lexicon()
    scan = Scan(text, lex)
    start = 0
    for sentence in text.split("。"):  # no keyword holds 。, so a sentence is read alike both ways
        end = start + len(sentence)
        assert scan.read(start, end).scores == pytest.approx(read_text(sentence, lex).scores)
        assert scan.read(start, end).evidence == read_text(sentence, lex).evidence
        start = end + 1


def test_the_pattern_finds_the_longest_word_at_the_leftmost_place() -> None:
    lex = load_lexicon()
    text = fold(SHANXI_REVIEW + DONGXING + HEBEI_LIST)
    words = sorted(lex.entries, key=lambda w: (-len(w), w))
    i, expected = 0, []
    while i < len(text):  # the plain definition, one place at a time
        hit = next((w for w in words if text.startswith(w, i)), None)
        if hit:
            expected.append((i, hit))
        i += len(hit) if hit else 1
    assert [(m.start(), m.group()) for m in lex.pattern.finditer(text)] == expected


def test_deciding_domains_changes_nothing_it_reads() -> None:
    text = DONGXING
    layout = segment_text(text, fold(text), DEFAULT_OPTIONS, None)
    build_sections(layout)
    commitments, projects = extract_commitments(layout), extract_projects(layout)
    before = [c.model_dump() for c in commitments] + [p.model_dump() for p in projects]
    decided = decide_domains(layout, commitments, projects, DEFAULT_OPTIONS)
    assert [c.model_dump() for c in commitments] + [p.model_dump() for p in projects] == before
    assert len(decided.commitments) == len(commitments) and len(decided.projects) == len(projects)
    plan = parse_text(text, name="dongxing.txt")
    assert [list(d.domains) for d in decided.commitments] == [c.domains for c in plan.commitments]
    assert [list(d.domains) for d in decided.projects] == [p.domains for p in plan.projects]


def test_a_neutral_list_must_hold_words(tmp_path: Path) -> None:
    path = _write(tmp_path, "neutral: 利用\ndomains: {education: {keywords: [学校]}}\n")
    with pytest.raises(InputError, match="'neutral' must be a list of words"):
        load_lexicon(str(path))


def test_the_bundled_lexicon_names_no_word_twice_in_one_domain() -> None:
    class Strict(yaml.SafeLoader):
        pass

    def mapping(loader: Strict, node: yaml.MappingNode) -> dict[Any, Any]:
        keys = [loader.construct_object(k) for k, _ in node.value]
        assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
        return loader.construct_mapping(node)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    path = Path(__file__).parents[1] / "src" / "govplan" / "data" / "domains.yaml"
    assert yaml.load(path.read_text(encoding="utf-8"), Loader=Strict)["domains"]


@given(
    words=st.lists(
        st.text(alphabet="教育师体系学校医院a-]^\\[ .*", min_size=1, max_size=4), min_size=1, max_size=60
    ),
    text=st.text(alphabet="教育师体系学校医院a-]^\\[ .*x", max_size=80),
)
@settings(max_examples=300, deadline=None)
def test_the_first_character_tree_finds_what_the_plain_definition_finds(words: list[str], text: str) -> None:
    # Enough distinct first characters (with regex metacharacters) for classes of classes.
    pattern = re.compile(_trie_pattern(sorted(set(words))))
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    i, expected = 0, []
    while i < len(text):
        hit = next((w for w in ordered if text.startswith(w, i)), None)
        if hit:
            expected.append((i, hit))
        i += len(hit) if hit else 1
    assert [(m.start(), m.group()) for m in pattern.finditer(text)] == expected


def test_the_first_character_tree_splits_a_large_lexicon_in_levels() -> None:
    words = [chr(0x4E00 + i) + "业" for i in range(300)] + ["发展", "发挥作用"]
    pattern = re.compile(_trie_pattern(words))
    text = "发挥作用发展" + "".join(words[::7]) + "发挥"
    assert [m.group() for m in pattern.finditer(text)] == ["发挥作用", "发展", *words[::7]]


def test_readings_let_go_of_in_a_long_report_are_made_again_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    from govplan.extract import domains

    text = DONGXING * 3
    layout = segment_text(text, fold(text), DEFAULT_OPTIONS, None)
    build_sections(layout)
    commitments, projects = extract_commitments(layout), extract_projects(layout)
    kept = decide_domains(layout, commitments, projects, DEFAULT_OPTIONS)
    monkeypatch.setattr(domains, "_MEMO_LIMIT", 1)  # every topic and paragraph reading made afresh
    again = decide_domains(layout, commitments, projects, DEFAULT_OPTIONS)
    assert again == kept and len(kept.topics) >= 4 and kept.commitments and kept.projects


@pytest.mark.parametrize(
    ("name", "first"),
    [
        # miyi-2022, shanghai-2026, baoding-2022, yixian-2022: the keyword before a container says
        # what the place is for
        ("普威雪梨县级现代农业园区", "agriculture"),
        ("横沙新洲现代农业产业园", "agriculture"),
        ("西大街历史文化街区", "culture_tourism_sports"),
        ("燕下都遗址考古公园", "culture_tourism_sports"),
        # a word that is not next to the container does not (健康 | 食品 | 产业园)
        ("健康食品产业园", "industry"),
        # a trade of its own stays the park's (新材料产业园), as does a head that is no container
        ("新材料产业园", "industry"),
        ("现代农业示范区职业学校", "education"),
        # a cluster of data centres is digital's (hebei-2024; 8 reports)
        ("张家口数据中心集群", "digital"),
        # rain and sewage works are the city's, burning waste the environment's, training bases
        # education's (yixian-2022, baoding-2021; 7-13 reports each)
        ("文化产业园雨污管道项目", "urban_development"),
        ("阜平垃圾焚烧发电厂", "environment"),
        ("中德（保定）工业4.0智能制造公共实训基地", "education"),
        # a name that no keyword ends is a road when it ends in 路 (anguo-2022, baoding-2022 and
        # 3 more reports name roads so), a phase aside; an ending word still says what it is
        ("药兴南路", "urban_development"),
        ("邳彤大路", "urban_development"),
        ("药兴南路二期", "urban_development"),
        ("集成电路", "industry"),
        # a phase is not the word a name ends with (yixian-2022: …基础设施（一期）)
        ("开发区基础设施（一期）", "urban_development"),
        # supercomputing centres are digital's (qinghai-2025, guangdong-2025/2026)
        ("国家超算无锡中心青海大学分中心", "digital"),
        # a dedicated route (专线) or a tour route (路线) is a service, not a line built (jiangxi-2025,
        # hubei-2026, anguo-2020): what it carries decides
        ("跨境电商全货机专线", "opening_up"),
        ("陆海空物流专线", "economy"),
        ("红色旅游路线", "culture_tourism_sports"),
        # housing for talent is housing (人才公寓 in 5 reports, 人才房 in 2), not the talent it houses
        ("县人才公寓", "urban_development"),
        ("人才房", "urban_development"),
        # a canal being dug is a waterway (guangxi-2025, guangxi-2026); the Grand Canal is heritage
        ("平陆运河", "urban_development"),
        ("大运河国家文化公园", "culture_tourism_sports"),
        # a surface-water works is a waterworks, not surface water (地表水厂 in 6 county reports)
        ("南水北调县城地表水厂", "urban_development"),
        # academies (书院, 5 reports) are culture's; telecoms (通信, 22 reports) digital's
        ("双峰书院", "culture_tourism_sports"),
        ("昆明国际通信业务出入口局", "digital"),
        # a note in brackets is not what a name ends with (qingyuan-2023, anhui-2025: another name, a
        # stretch): 保新路 is a road
        ("保新路（S604）", "urban_development"),
        ("大运河国家文化公园（安徽段）", "culture_tourism_sports"),
        # a line that no keyword ends is a railway or road (neimenggu-2025, baoding-2021, shanghai-2025:
        # 临哈线, 容易线, 崇明线), a road carried on in a direction still a road (qingyuan-2025), but a
        # production line is a factory's and a pilot line research's
        ("集二线", "urban_development"),
        ("满洲里铁路口岸准轨增二线", "urban_development"),
        ("和平路东延", "urban_development"),
        ("华润微电子12英寸产线", "industry"),
        ("鞍钢全球首套氢冶金中试线", "innovation"),
    ],
)
def test_a_project_name_reads_its_head_and_what_it_holds(name: str, first: str) -> None:
    assert read_name(name, load_lexicon()).ranked()[0] == first


def test_a_figure_in_zhi_lu_is_no_road() -> None:
    # guangdong-2026: 海上丝绸之路 (the maritime silk road) is a figure of speech, as is …之路
    assert "urban_development" not in read_name("海上丝绸之路", load_lexicon()).ranked()


def test_name_ends_must_be_characters_of_known_domains(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "name_ends: {urban_development: [道路]}\ndomains: {urban_development: {keywords: [城市]}}\n"
    )
    with pytest.raises(InputError, match="'name_ends' must map domain keys to lists of characters"):
        load_lexicon(str(path))
    path = _write(
        tmp_path, 'name_ends: {urban_development: [" "]}\ndomains: {urban_development: {keywords: [城市]}}\n'
    )
    with pytest.raises(InputError, match="'name_ends' must map domain keys to lists of characters"):
        load_lexicon(str(path))
    path = _write(
        tmp_path, "name_ends: {education: [路]}\ndomains: {urban_development: {keywords: [城市]}}\n"
    )
    with pytest.raises(InputError, match="'name_ends' names 'education', which has no keywords"):
        load_lexicon(str(path))


def test_containers_must_be_keywords(tmp_path: Path) -> None:
    path = _write(tmp_path, "containers: [公园]\ndomains: {education: {keywords: [学校]}}\n")
    with pytest.raises(InputError, match="'containers' must be a list of keywords"):
        load_lexicon(str(path))
    # a neutral word is found but counts for no domain
    path = _write(tmp_path, "neutral: [利用]\ncontainers: [利用]\ndomains: {education: {keywords: [学校]}}\n")
    with pytest.raises(InputError, match="'containers' must be a list of keywords"):
        load_lexicon(str(path))


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # an ecosystem of firms or of innovation is no environment (guizhou-2026, and 15-20 reports)
        ("150家以上云生态企业", "digital"),
        ("优化创新生态", "innovation"),
        ("构建产业生态", "industry"),
        # colleges are schools (anhui-2026: 新建现代产业学院40个); 康养 bases are health's as much as
        # tourism's; 旅居 (staying as a traveller) is tourism's
        ("新建现代产业学院40个", "education"),
        ("建设康养基地", "health"),
        ("新增旅居人口100万", "culture_tourism_sports"),
        # a farm product's whole chain (全产业链) is farming's; a car's stays industry's (jilin-2026,
        # anhui-2026)
        ("吉林鲜食玉米全产业链产值达到100亿元", "agriculture"),
        ("人参全产业链产值增长30%", "agriculture"),
        # 绿色食品 is a class of certified farm produce (7 reports)
        ("绿色食品全产业链产值增长12%", "agriculture"),
        ("绿色食品产品总数达到120个以上", "agriculture"),
        ("推动智能网联新能源汽车全产业链发展", "industry"),
        # an open hub is opening-up's, not a transport work's (shanghai-2026, 3 reports); the 长三角's
        # integration and regions moving together are the economy's (12 and 10 reports); CPI is a price
        ("持续推进虹桥国际开放枢纽建设", "opening_up"),
        ("深入推进长三角一体化发展", "economy"),
        ("提升区域联动质效", "economy"),
        ("CPI涨幅2%左右", "economy"),
        # big-science devices are innovation's (anhui-2026; 4 reports speak of 大科学装置)
        ("完成紧凑型聚变能实验装置园区主体工程", "innovation"),
        ("推进大科学装置建设", "innovation"),
        # coal power is energy industry (guangdong-2025; 21 reports), drug making industry
        # (yunnan-2025; 5 reports), embodied AI digital's (16 reports)
        ("抓好清洁高效煤电建设", "industry"),
        ("大力发展生物制药", "industry"),
        ("脑机接口、具身智能、第六代移动通信", "digital"),
        # a verb in 化 before 工程 is no 化工 (chemicals): gaoyang-2017's 道路硬化工程 is a road work
        ("实施景观亮化、立面美化、道路硬化工程", "urban_development"),
        # AI is artificial intelligence (chongqing-2025/2026, 9 reports); science envoys are the
        # science department's (fujian-2026, 13 reports); co-operation between regions
        # is opening-up's (fujian-2025, baoding-2021, guangdong-2025, 10 reports)
        ("大力发展AI手机、AI眼镜", "digital"),
        ("有序深化拓展科技特派员制度，助力农村一二三产业融合发展", "innovation"),
        ("积极对接RCEP等区域合作", "opening_up"),
        # 招引 (attracting, 20 reports) is investment promotion's; talent it attracts stays
        # innovation's (anhui-2026)
        ("要精准谋划招引项目", "opening_up"),
        ("支持重大产业项目和人才团队招引", "innovation"),
        # carbon accounting and markets are the environment's (14, 19 and 5 reports); rare earths,
        # drones and silicon carbide are industries (guizhou-2026, guangdong-2026, baoding-2021)
        ("加强产品碳足迹管理", "environment"),
        ("积极参与全国碳市场建设", "environment"),
        ("强化碳计量基础能力建设", "environment"),
        ("依托稀土、镓、锑、锗等战略性资源", "industry"),
        ("无人机产量增长39%、占全国9成", "industry"),
        ("同光晶体涞源10万片碳化硅单晶衬底", "industry"),
        # land consolidation is the countryside's (土地整治 / 全域土地综合整治 in 15 reports), not the
        # economy's land supply; 揭榜挂帅 (open calls for research, 15 reports; national-2020) is innovation's
        ("稳步开展全域土地综合整治", "agriculture"),
        ("完成土地整治5000亩", "agriculture"),
        ("实行重点项目攻关“揭榜挂帅”", "innovation"),
        ("新增第四代移动通信用户3.4亿", "digital"),
        # the primary sector is farming (第一产业 / 一产 in 24 reports), as are the firms of
        # 农业产业化 (10 reports), not industry's 龙头企业
        ("实现第一产业增加值36.82亿元", "agriculture"),
        ("一产增加值突破3000亿元", "agriculture"),
        ("农业产业化龙头企业达到100家以上", "agriculture"),
        ("第二产业增加值增长", "industry"),
        # shipping (航运, 11 reports) is transport's, memory chips (存储器, 存储芯片) industry's, and
        # food streets and festivals (美食, 15 reports) are catering, the economy's
        ("国际绿色航运走廊", "urban_development"),
        ("存储芯片、心肌旋磁", "industry"),
        ("国际友城美食街开街", "economy"),
        # the official name of R&D (研究与试验发展, 4 reports) is innovation's; labour productivity (10
        # reports) the economy's; coal-bed and shale gas fields industry's; old pipelines and EV
        # super-charging the city's (beijing-2026, guangdong-2026, anhui-2025, guizhou-2025, shanxi-2026)
        ("研究与试验发展经费投入强度2.85%左右", "innovation"),
        ("全员劳动生产率达58万元/人左右", "economy"),
        ("加快推进11个煤层气、5个页岩气项目建设", "industry"),
        ("更新改造老旧管线1000公里", "urban_development"),
        ("加强超充、快充设施布局，完善县、镇、村充电设施", "urban_development"),
    ],
)
def test_words_of_a_domain_in_compounds(text: str, first: str) -> None:
    assert read_text(text, load_lexicon()).ranked()[0] == first


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # jiangxi-2025, qingyuan-2023, anhui-2026: a verb in 化 before 工作 or 工业 is no 化工 either
        ("省委政法委牵头预防法治化工作", {"government": ["法治"]}),
        ("深化工业污染治理", {"industry": ["工业"], "environment": ["污染"]}),
        ("建立合肥滨湖科学城实体化工作和运行机制", {"innovation": ["科学城"]}),
    ],
)
def test_no_chemicals_in_a_verb_in_hua(text: str, words: dict[str, list[str]]) -> None:
    assert read_text(text, load_lexicon()).evidence == words


def test_social_undertakings_are_schools_first() -> None:
    # 社会事业 (35 reports) are education, health and culture, not social security (national-2022)
    assert topic_reading("加快发展社会事业").ranked()[:1] == ["education"]


def test_the_economy_s_risks_are_finance() -> None:
    # guangdong-2025: the economy's risks are the financial regulators' work, not public safety's
    body = (
        "积极稳妥防范化解房地产企业风险，用好城市房地产融资协调机制，推动“白名单”项目扩围增效，"
        "坚决打好保交房攻坚战。稳妥处置地方中小金融机构风险，加大私募基金、债券违约等领域风险化解力度，"
        "央地协同合力打击非法金融活动，持续提升金融监管效能。"
    )
    section = "推进法治广东、平安广东建设，实现高质量发展和高水平安全良性互动"
    assert topic_reading("有效防范化解经济领域风险", body, section).ranked()[0] == "fiscal_finance"


def test_risks_to_defuse_are_finance_s_in_a_section_on_security() -> None:
    # anhui-2025 (and hebei-2023/2025, jiangxi-2025, qinghai-2025): 防范化解 (prevent and defuse) is the
    # set phrase of debt and financial risks (most of its 140 uses in 40 reports); 化解 alone names no
    # domain (化解矛盾 is public safety's by 矛盾), so a section title on security does not decide
    body = (
        "有序置换政府存量隐性债务，分类推动融资平台改革转型，坚决遏制新增隐性债务。"
        "强化“三保”支出预算执行硬性约束，兜牢基层“三保”底线。稳妥处置中小金融机构风险，实现高风险金融机构动态清零。"
    )
    section = "筑牢安全底线，促进高质量发展和高水平安全良性互动"
    assert topic_reading("防范化解重点领域风险", body, section).ranked()[0] == "fiscal_finance"
    assert topic_reading("强化风险防范化解", body).ranked()[0] == "fiscal_finance"
    assert topic_reading("推动矛盾纠纷多元化解").ranked()[0] == "public_safety"
    # systemic risk (系统性风险, 27 reports) is a financial term (hebei-2024)
    assert topic_reading("守住不发生系统性风险底线").ranked()[0] == "fiscal_finance"


@pytest.mark.parametrize(
    "title",
    # anguo-2022, national-2022, miyi-2022: the government's own conduct (廉洁 in 46 reports,
    # 全面从严治党 in 42, 政治建设 in 17) is the government's, whatever its paragraph speaks of
    ["扛起纪律建设之责，坚决做到廉洁从政", "贯彻落实党中央全面从严治党战略部署", "政治建设全面加强"],
)
def test_the_government_s_own_conduct(title: str) -> None:
    assert topic_reading(title).ranked()[:1] == ["government"]


@pytest.mark.parametrize(
    "text",
    # state firms and state capital (国资国企 in 57 reports) are the economy's first, the reform of them
    # the government's second (national-2020, shanxi-2025, chongqing-2025)
    ["提升国资国企改革成效", "做强做优做大国资国企", "市属国企减亏扭亏548户"],
)
def test_state_firms_are_the_economy_s(text: str) -> None:
    assert read_text(text, load_lexicon()).ranked()[:2] == ["economy", "government"]


@pytest.mark.parametrize(
    ("sentence", "first"),
    [
        # a project's total investment (总投资, 52 amounts) says how much, not what: the projects it
        # counts decide (guangdong-2025), and key projects (重点项目) are the economy's
        ("推进重点领域安全能力建设项目142个、总投资1514亿元。", "public_safety"),
        ("15个主平台新承接产业转移项目约700个、总投资约3000亿元。", "industry"),
        ("市以上重点项目总投资5942亿元。", "economy"),
    ],
)
def test_a_total_investment_is_its_projects(sentence: str, first: str) -> None:
    plan = parse_text("二、2026年工作安排\n" + sentence + "\n", name="total.txt")
    total = [c for c in plan.commitments if c.unit == "元"]
    assert [c.domains[0] for c in total] == [first]


def test_kept_at_is_no_stability() -> None:
    # neimenggu-2026: 稳定在 (kept at) is a verb of targets in 36 reports, not social stability, so
    # the amounts read their sentence (肉牛肉羊, 奶业)
    plan = parse_text(
        "二、2026年工作安排\n实施饲草料供给提升、肉牛肉羊增产增效、奶业振兴行动，确保肉、奶产量分别稳定在310万吨和750万吨左右。\n"
    )
    assert [c.domains[0] for c in plan.commitments] == ["agriculture", "agriculture"]


@pytest.mark.parametrize(
    ("sentence", "first"),
    [
        # a share is its part's, not its whole's: the 生产总值 or 投资 after 占 or 相当于 says nothing of
        # its domain (guizhou-2026, shanghai-2025; 30 such shares in 20 reports)
        ("数字经济核心产业增加值占地区生产总值比重达8%左右。", "digital"),
        ("全社会研发经费支出相当于全市生产总值的比例达到4.4%左右。", "innovation"),
    ],
)
def test_a_share_is_its_parts(sentence: str, first: str) -> None:
    plan = parse_text("二、2026年工作安排\n" + sentence + "\n", name="share.txt")
    assert [c.domains[0] for c in plan.commitments] == [first]


@pytest.mark.parametrize(
    "text",
    [
        # opening a venue to the public (national-2024, shanghai-2025/2026, fujian-2026, liaoning-2026)
        # and sharing facilities or data (开放共享, 9 reports) are no opening-up; the banks of a river
        # (清河两岸, 五河两岸) are no cross-strait ties
        "提高公共文化场馆免费开放服务水平",
        "推动20个机关、企事业单位附属空间对社会开放共享",
        "开放共享科研设施和科研仪器1万台（套）以上",
        "深化“五河两岸一湖一江”全域治理",
    ],
)
def test_open_to_the_public_is_no_opening_up(text: str) -> None:
    assert "opening_up" not in read_text(text, load_lexicon()).scores
