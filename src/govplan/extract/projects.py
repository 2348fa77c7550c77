"""Named projects: facilities, engineering programmes and platforms, each with its governing verb.

A clause (text between , ; : 。 ! ?) governs projects when a verb chain opens it (开工建设京华学校) or
closes it (老街子水库、新山水库动工建设). What lies between is split into list members (、 always;
和/及/与 between two members that end with a head); each member is a project when it ends with a
head word (学校, 工程, 平台 …), or when the list ends in 等 + a project category (康达水业等6个项目).
Generic categories (重点项目, 老旧小区改造), counted things (50个养老服务中心) and ordinary words
(集成电路) are left out. The vocabulary is ``data/projects.yaml``.

>>> from govplan.pipeline import parse_text
>>> [(p.name, p.action, p.stage) for p in parse_text("开工建设京华学校、伏波小学。\\n").projects]
[('京华学校', '开工建设', 'start'), ('伏波小学', '开工建设', 'start')]
"""

from __future__ import annotations

import functools
import re as sre  # stdlib: the plain alternations below, without regex's call overhead
from dataclasses import dataclass, field
from typing import NamedTuple

import regex as re

from govplan.data import LongestFirst, load, longest_first, read_fields
from govplan.ids import IdRegistry, digest
from govplan.models import Project
from govplan.patterns import CN_DIGITS, ETC_RE, MUNICIPALITIES, PHASE
from govplan.segment import Layout
from govplan.tokens import place_word, pos_cut

# Clause breaks on the folded view; brackets and quotes stay inside a clause.
CLAUSE_RE = re.compile(r"[^,;:。!?\n]+")
# The words that count things (个, 座, 所 …) and the Chinese digits (两 too), in the patterns below.
COUNTERS = "个座所条家处项批栋套张台宗户件眼"
CN = CN_DIGITS + "两"
# An amount or count inside a candidate: the name starts after the last one.
AMOUNT_RE = re.compile(
    r"(?:\d[\d.]*(?:[—～~-]\d[\d.]*)?|[" + CN + r"百千]+)\s*[万亿]?\s*"
    f"(?:[{COUNTERS}]|元|亩|公里|平方米)"
)
# A count (not money) right before a name: the thing is counted, not named (新建50个养老服务中心).
COUNT_RE = re.compile(f"[{COUNTERS}]$")
# Counted places that each host the work (在30个县建设运营现代农事综合服务中心): a kind, built in each.
COUNTED_HOSTS_RE = re.compile(r"\s*在(?:\d+|[" + CN + r"百千]+)[" + COUNTERS + "]")
# 六大进口基地, 三大工程: a numbered set, not one named work; so is a list closed by one
# (消费保稳提质、潜能挖掘…四大工程, 节能降碳改造、绿色技术推广等10大绿色转型工程).
NUMBERED_SET_RE = re.compile(r"^[“\"]?[" + CN + r"百千\d]+大")
NUMBERED_TAIL_RE = re.compile(r"[" + CN + r"百\d]+大\p{Han}{0,12}(?:工程|项目|行动|基地|中心|园区|通道)$")
# 20年以上老化燃气管道: an age says which kind, not which work.
AGE_RE = re.compile(r"^\d+年(?:以上|以下)")
# 集成电路重大项目, 文旅重点项目: a field's major projects, a category.
CATEGORY_TAIL_RE = re.compile(r"(?:重大|重点)(?:产业)?项目$")
# Two partners' one-character names before 共建 (沪皖, 川渝, 部区, 省市): who builds, not what.
PARTNERS_JOIN_RE = re.compile(r"\p{Han}{2}(?=共建(?!共))")
LEAD_TIME_RE = re.compile(r"(?:\d{4}年(?:底前|底|内)?|\p{Han}{1,4}前)")
# 福莆宁F2和F3线: a code before a joiner and a code (with its head) after it.
CODE_END_RE = re.compile(r"[A-Za-z]\d+$")
CODE_HEAD_RE = re.compile(r"[A-Za-z]\d+\p{Han}{1,3}$")
CODE_LEAD_RE = re.compile(r"[A-Za-z]\d+(?=\p{Han})")
LATIN_RE = re.compile(r"[A-Za-z0-9]{2,}")
HAN_RE = re.compile(r"\p{Han}+")  # a short kind before 项目 is Chinese words only (煤电, 房地产)
# A month, quarter or holiday between a work and its closing verb (中国古动物馆10月开馆, …燃气管网6月底前
# 全面建成, …段三季度前开工建设, …一桥国庆前建成通车): part of neither.
MONTH = (
    r"(?:(?:\d{1,2}|[" + CN_DIGITS + r"]{1,2})月(?:份|底|末|初|中旬|上旬|下旬)?前?"
    r"|[一二三四]季度(?:前|末|内|底)?|(?:国庆|春节|元旦|主汛期|汛期)前)"
)
MONTH_START_RE = re.compile("^" + MONTH)
MONTH_END_RE = re.compile(MONTH + "$")

# A grade to win (国家5A级景区, 四星级) names no work.
GRADE_RE = re.compile(r"[1-5]A(?:级|景区)|[一二三四五]A级|[一二三四五]星级")
# A numbered set inside a list's last member (…、储能四大…清洁能源基地): the members are its kinds.
# A quoted count (名医、名院、名诊所“三名”工程; not “十四五”): the members are a numbered set.
QUOTED_COUNT = r"“[两三四五六七八九]\p{Han}{1,3}”"
QUOTED_COUNT_RE = re.compile(QUOTED_COUNT)
# …、储能四大…基地; …“三名”工程
SET_INSIDE_RE = re.compile(r"[两三四五六七八九十]大(?!道|街|桥|厦|楼|院|学|剧院)|" + QUOTED_COUNT)
# Kinds counted each (…、省工程研究中心各20家): no member is a work.
EACH_COUNT_RE = re.compile(f"各[\\d{CN}百千]+[{COUNTERS}]")
# 引绰济辽一期、二期工程: a member that is only a phase names the same work as the member before.
PHASE_ALONE_RE = re.compile(PHASE)
PHASE_END_RE = re.compile(PHASE + "$")
# A shared phrase that opens with a count (尕羊、吉曲3乡大电网延伸工程) counts places, it is no kind.
COUNTED_SUFFIX_RE = re.compile(f"\\d+[{COUNTERS}乡镇村县区]")
# An ordinal (第三幼儿园) makes a name the one of its kind.
ORDINAL_RE = re.compile(r"第[" + CN_DIGITS + r"\d]")
# A route named by its two ends (贵阳至北海, 缅气入攀: gas from Myanmar into Panzhihua); not a river
# between two points (龙泉河至新唐河), a stretch of the river.
ROUTE_RE = re.compile(r"\p{Han}{2,}[至入]\p{Han}+(?<![河江湖海溪])$")
# A bracketed stretch that ends a place's name (唐河（清苑段）): no part of the place itself.
TRAILING_BRACKET_RE = re.compile(r"[(（][^()（）]{1,10}[)）]$")
# A note of what a work holds (…工程（含揭阳龙颈水库扩建）): no part of its name, which ends before it.
CONTENT_NOTE_RE = re.compile(r"[(（]不?含[^()（）]{1,30}[)）]$")
# Marks of a proper name before a head: digits, quotes, a title, a dot of a brand, a bracket, or a
# dash joining two places (广西—东盟具身智能中试训练场, 瓮福—江山…产业园).
PROPER_MARK_RE = re.compile(r"[\d“”《》·（(]|\p{Han}—\p{Han}")
# A quoted manner (“一站式”, “保姆式”) says how a service works, not whose it is: no proper name.
QUOTED_MANNER_RE = re.compile(r"“\p{Han}{1,4}式”")
DIGITS_ONLY_RE = re.compile(r"^[\d\s.%]+$")
# A numbered slogan: three numbered one-character words in a row (一区两地一园), or a number and a
# quality word at the start (四好农村路, 五通); or a reach to achieve (建制村通硬化路, 市市通高铁,
# 县县通高速, 村村通; 荆荆高铁 is a work).
SLOGAN_RE = re.compile(r"(?:[" + CN + r"]\p{Han}){3,}|^[" + CN + r"]+[好通]|[村镇乡]通|^(.)\1.{0,2}通")
NUMERALS_RE = re.compile(r"[" + CN + r"百千万亿\d+]+")
QUOTED_RE = re.compile(r"“[^”]*”")
REGION_RE = re.compile(r"\p{Han}{2,}[市县区省]")
# 大同国家数据标注基地, 贵阳国家物流枢纽: a short word before a national or provincial designation is
# the place that hosts it, whatever jieba tags it.
PLACE_BEFORE_STATE_RE = re.compile(r"^(\p{Han}{2,3})(?:国家|省级)")
UNNAMED_TAGS = frozenset({"b", "v", "vn"})  # jieba: attribute, verb, verbal noun
PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nt", "nz", "eng"})
# jieba tags of function words: adverbs, conjunctions, prepositions, particles (都, 和, 在, 的)
FUNCTION_TAGS = frozenset({"d", "c", "p", "u", "uj", "ul", "ud"})
OPEN_BRACKETS = "(“‘《【"
CLOSE_BRACKETS = ")”’》】"
PREPOSITIONS = ("在", "于", "按照", "对")
ADJECTIVE_SUFFIXES = "性型化式"
PARTNER_PREPOSITIONS = ("与", "同", "和", "跟", "向", "为", "以", "把", "将", "从", "由")
NOT_PROJECTS = "\x00"  # _etc's marker for a list of fields, firms or partners
PROGRAMME_GROUPS = ("programmes", "platforms", "activities")
PROGRAMME_WORDS = ("项目", "工程")  # a category of only these (and generic words) hands no head back
Span = tuple[int, int]


@dataclass(frozen=True)
class Vocabulary:
    heads: tuple[str, ...]  # longest first
    physical_heads: frozenset[str]
    programme_heads: frozenset[str]
    activity_heads: frozenset[str]
    line_heads: frozenset[str]  # transport and utilities: works that carry a place's name (水库, 高速公路)
    place_markers: LongestFirst
    platform_heads: frozenset[str]
    platform_markers: LongestFirst
    stop_suffixes: LongestFirst
    min_before_short: int
    phase_re: re.Pattern[str]
    stages: tuple[tuple[str, tuple[str, ...]], ...]  # in priority order
    lead_verbs: LongestFirst
    adverbs: LongestFirst
    tails: LongestFirst
    post_verbs: tuple[str, ...]  # the tails that are verbs, not 项目建设/工程建设
    category_words: LongestFirst
    not_categories: LongestFirst
    joiners: LongestFirst
    generic: tuple[str, ...]
    programme_generic: tuple[str, ...]
    inner_verbs: LongestFirst
    weak_post_verbs: frozenset[str]
    stop_names: frozenset[str]
    quantifiers: LongestFirst
    verb_words: tuple[str, ...]  # what may follow a list's category: closing verbs, verbs, stance words
    not_category_parts: LongestFirst
    park_heads: frozenset[str]
    verbs_adverbs: tuple[str, ...]  # lead verbs, then adverbs
    generic_programmes: tuple[str, ...]  # programme_generic, then 项目/工程
    generic_heads: tuple[str, ...]  # programme_generic, then heads
    admin_prefixes: LongestFirst
    designation_heads: frozenset[str]
    designation_markers: LongestFirst
    designation_words: tuple[str, ...]  # markers and functions
    designation_functions: LongestFirst
    category_qualifiers: LongestFirst  # ranks, scales and stages
    qualities: frozenset[str]
    taking_part: LongestFirst
    unique_prefixes: LongestFirst
    rank_prefixes: LongestFirst
    new_building_verbs: frozenset[str]
    zone_ends: LongestFirst
    laid_along: frozenset[str]
    trade_parks: LongestFirst
    facility_works: LongestFirst
    problems: LongestFirst
    hub_heads: frozenset[str]
    not_places: LongestFirst
    rank_words: LongestFirst
    ordinary_words: LongestFirst
    # A province's or the nation's report: a list of works none of which has a proper name is a list
    # of kinds (郊野公园、湿地公园); a city or county names its own facilities so (体育场、规划展馆).
    wide: bool = False
    # Derived once here, not per call on the hot paths: the characters a word of a list can start
    # (or end) with, so a loop skips the look-up at every other position, and each stage's verbs
    # as one pattern (search finds a word inside the chain iff some ``w in chain``).
    head_set: frozenset[str] = field(init=False, repr=False, compare=False)  # the heads, to look one up
    lead_firsts: frozenset[str] = field(init=False, repr=False, compare=False)
    adverb_firsts: frozenset[str] = field(init=False, repr=False, compare=False)
    inner_firsts: frozenset[str] = field(init=False, repr=False, compare=False)
    joiner_firsts: frozenset[str] = field(init=False, repr=False, compare=False)
    post_lasts: frozenset[str] = field(init=False, repr=False, compare=False)
    adverb_lasts: frozenset[str] = field(init=False, repr=False, compare=False)
    stage_res: tuple[tuple[str, sre.Pattern[str] | None], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        def firsts(words: tuple[str, ...]) -> frozenset[str]:
            return frozenset(w[:1] for w in words)

        def any_of(words: tuple[str, ...]) -> sre.Pattern[str] | None:
            return sre.compile("|".join(sre.escape(w) for w in words)) if words else None

        object.__setattr__(self, "head_set", frozenset(self.heads))
        object.__setattr__(self, "lead_firsts", firsts(self.lead_verbs))
        object.__setattr__(self, "adverb_firsts", firsts(self.adverbs))
        object.__setattr__(self, "inner_firsts", firsts(self.inner_verbs))
        object.__setattr__(self, "joiner_firsts", firsts(self.joiners))
        object.__setattr__(self, "post_lasts", frozenset(w[-1:] for w in self.post_verbs))
        object.__setattr__(self, "adverb_lasts", frozenset(w[-1:] for w in self.adverbs))
        object.__setattr__(self, "stage_res", tuple((st, any_of(words)) for st, words in self.stages))


@functools.lru_cache(maxsize=2)
def vocabulary(wide: bool = False) -> Vocabulary:
    """The project vocabulary of ``data/projects.yaml``; ``wide`` for a province's or the nation's
    report."""
    raw = load("projects.yaml")
    groups: dict[str, list[str]] = raw["heads"]
    heads = [h for group in groups.values() for h in group]
    physical = [h for g, group in groups.items() if g not in PROGRAMME_GROUPS for h in group]
    programme = [h for g in PROGRAMME_GROUPS for h in groups.get(g, [])]
    verbs: dict[str, list[str]] = raw["verbs"]
    order = ("plan", "complete", "start", "relocate", "continue")
    lead = longest_first(raw["lead_verbs"])
    adverbs = longest_first(raw["adverbs"])
    programme_generic = longest_first(
        raw["generic_modifiers"] + raw["programme_generic"] + raw["programme_values"]
    )
    heads_sorted = longest_first(heads)
    post_verbs = [t for t in raw["tails"] if not t.startswith(PROGRAMME_WORDS)]  # not 项目建设/工程建设
    return read_fields(
        Vocabulary,
        raw,
        heads=heads_sorted,
        physical_heads=frozenset(physical),
        programme_heads=frozenset(programme),
        activity_heads=frozenset(groups.get("activities", [])),
        line_heads=frozenset(groups.get("transport", []) + groups.get("utilities", [])),
        min_before_short=int(raw["min_chars_before_short_head"]),
        phase_re=re.compile(raw["phase_re"] + "$"),
        stages=tuple((s, tuple(verbs.get(s, []))) for s in order),
        post_verbs=longest_first(post_verbs),
        generic=longest_first(raw["generic_modifiers"]),
        programme_generic=programme_generic,
        verb_words=longest_first(post_verbs + raw["lead_verbs"] + raw["after_category"]),
        verbs_adverbs=lead + adverbs,
        generic_programmes=programme_generic + PROGRAMME_WORDS,
        generic_heads=programme_generic + heads_sorted,
        designation_words=longest_first(raw["designation_markers"] + raw["designation_functions"]),
        wide=wide,
    )


@dataclass(frozen=True)
class Candidate:
    name: str
    span: tuple[int, int]
    action: str | None
    stage: str


def extract_projects(layout: Layout) -> list[Project]:
    """Every named project in the report body, in document order."""
    # a municipality (上海市) names its own facilities as a city does (革命军事馆、工业博物馆)
    vocab = vocabulary(
        wide=layout.level == "national"
        or (layout.level == "province" and layout.region not in MUNICIPALITIES),
    )
    text, view = layout.text, layout.view
    ids = IdRegistry()
    found: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    for para in layout.paragraphs:
        end = min(para.end, layout.body_end)
        for m in CLAUSE_RE.finditer(view, para.start, end):
            for cs, ce in _sub_clauses(view, m.start(), m.end(), vocab):
                for cand in clause_projects(text, view, cs, ce, vocab):
                    if cand.span not in seen and layout.part_at(cand.span[0]) != "other":
                        seen.add(cand.span)
                        found.append(cand)
    out: list[Project] = []
    for cand in sorted(found, key=lambda c: c.span):
        section = layout.section_at(cand.span[0])
        topic = layout.topic_at(cand.span[0])
        out.append(
            Project(
                id=ids.take(f"p-{digest(cand.name)}"),
                name=cand.name,
                action=cand.action,
                stage=cand.stage,
                text=text[cand.span[0] : cand.span[1]],
                span=cand.span,
                line=layout.line_at(cand.span[0]),
                status="achieved" if layout.part_at(cand.span[0]) == "review" else "planned",
                section=section.id if section else None,
                topic=topic.id if topic else None,
            )
        )
    return out


def _sub_clauses(view: str, cs: int, ce: int, vocab: Vocabulary) -> list[Span]:
    """The clause at [cs, ce), cut at each 、 that a start or completion verb closes: what follows is
    a statement of its own, not a list member (荆荆高铁建成运营、实现…的目标; S465…段年内建成通车、
    S465…段三季度前开工建设; 承平高速建成投运、石家庄至张家口高铁直达)."""
    if view.find("、", cs, ce) < 0:
        return [(cs, ce)]
    out = []
    s = cs
    for i in range(cs + 2, ce - 1):
        if view[i] != "、" or view[i - 1] not in vocab.post_lasts:
            continue
        t = _ending(view, s, i, vocab.post_verbs)
        if t is not None and len(t) >= 2 and stage_of(t, vocab) in ("complete", "start"):
            out.append((s, i))
            s = i + 1
    out.append((s, ce))
    return out


def stage_of(action: str | None, vocab: Vocabulary | None = None) -> str:
    """The normalised stage (plan, start, continue, complete, relocate, other) of a verb chain.

    >>> stage_of("谋划建设"), stage_of("建成投用"), stage_of("续建"), stage_of(None)
    ('plan', 'complete', 'continue', 'other')
    """
    vocab = vocab or vocabulary()
    if not action:
        return "other"
    for stage, pattern in vocab.stage_res:
        if pattern is not None and pattern.search(action):
            return stage
    return "other"


def clause_projects(text: str, view: str, cs: int, ce: int, vocab: Vocabulary) -> list[Candidate]:
    """The projects governed by the verbs of the clause at [cs, ce); names are sliced from ``text``."""
    c = view[cs:ce]
    if "在" in c[:3] and COUNTED_HOSTS_RE.match(c):  # (the look-in skips the pattern on most clauses)
        return []
    supported = False
    first_verb, lead_end = _lead_chain(c, vocab)
    lead = _verb_text(c[first_verb:lead_end], vocab) if first_verb >= 0 else ""
    if first_verb < 0 and "支持" in c[:4]:  # (the look-in spares most clauses the work below)
        i = len(c) - len(c.lstrip(" "))
        # support given to a work itself, with no place to host it, names a work of a proper name
        # (支持筹办大湾区大学), not a kind the support helps along (支持建设市场化运作的场景中心)
        supported = c.startswith("支持", i) and _match_any(c, i + 2, vocab.lead_verbs) is not None
        hosted = i + 2 if supported else _supported_place(c, vocab)
        if hosted is not None:
            # 支持厦门设立空港综合保税区, 支持赤峰建设…种质资源库, 支持三明市“中国稻种基地”建设: the
            # place hosts the work and is no part of its name
            verb_at, lead_end = _lead_chain(c[hosted:], vocab)
            lead = "支持" + (
                _verb_text(c[hosted + verb_at : hosted + lead_end], vocab) if verb_at >= 0 else ""
            )
            first_verb, lead_end = 0, hosted + lead_end
    tail_start = _tail_chain(c, lead_end, vocab)
    post = _verb_text(MONTH_START_RE.sub("", c[tail_start:].strip(" ")), vocab)
    lo, hi = cs + lead_end, cs + tail_start
    whole = view.find("于一体的", lo, hi)
    if whole >= 0:
        lo = whole + 4  # 集美术馆、…、文学馆于一体的…艺术中心: the parts make one work, named after them
    if hi - lo < 2:
        return []
    etc = _etc(view, lo, hi, vocab)
    if not lead and post in vocab.weak_post_verbs and not (etc is not None and etc.direct):
        # but 成渝中线高铁、渝西高铁等加速推进 (a list of works closed by 等 and its verb) and
        # 陕皖直流输电工程有序推进 (a subject that ends with a head) report a work's progress
        stance = c[tail_start:].strip(" ") != post  # 有序推进, 顺利实施: a progress report
        # …等一批功能性项目相继实施: a list whose category is projects reports their progress too
        works = etc is not None and etc.head is not None and view.endswith(PROGRAMME_WORDS, *etc.head)
        if (etc is not None and not works) or not stance or not _headed_subject(view, lo, hi, vocab):
            post = ""
    if (
        not lead
        and post
        and any(_match_any(c, j, vocab.taking_part) for j in range(lead_end, min(len(c), lead_end + 6)))
    ):
        # 积极参与中蒙俄经济走廊建设, 更好参与共建…和中蒙俄经济走廊建设 (a manner word first): taking part
        # in a work that is not the government's own
        return []
    if not lead and not post:
        if etc is None or not etc.verb or etc.verb == NOT_PROJECTS:
            return []
        post = etc.verb  # 旭威汽车零部件等13个项目达到形象进度: the verb follows the category
    if lead and post:
        action = f"{lead}…{post}" if lo < hi else lead + post
    else:
        action = lead or post
    stage = stage_of(action, vocab)
    out = []
    for a, b in _hosted_pieces(view, lo, hi, vocab) if lead.startswith("支持") else [(lo, hi)]:
        piece_etc = etc if (a, b) == (lo, hi) else _etc(view, a, b, vocab)
        for span, suffix in _names_in(view, a, b, piece_etc, vocab):
            name = text[span[0] : span[1]]
            if suffix is not None:  # a head handed back after the name, or a name borrowed before a phase
                borrowed = text[suffix[0] : suffix[1]]
                name = borrowed + name if suffix[1] <= span[0] else name + borrowed
            if supported and _kind_only(name, vocab):
                continue
            out.append(Candidate(name, span, action or None, stage))
    return out


def _without_manner(s: str) -> str:
    """``s`` without the quoted manners in it (“一站式”): a manner is no proper name nor a slogan."""
    return str(QUOTED_MANNER_RE.sub("", s)) if "式”" in s else s


def _hosted_pieces(view: str, lo: int, hi: int, vocab: Vocabulary) -> list[Span]:
    """[lo, hi) cut where another place and its verb begin (支持厦门建设…示范区、泉州建设…、漳州建设
    …基地): each piece names the work of its own place."""
    out: list[Span] = []
    a = lo
    k = view.find("、", lo, hi)
    while k >= 0:
        at = _hosting_places(view, k + 1, hi, vocab)
        verb = _match_any(view, at, vocab.lead_verbs) if at is not None else None
        if at is not None and verb and at + len(verb) <= hi:
            out.append((a, k))
            a = at + len(verb)
        k = view.find("、", k + 1, hi)
    out.append((a, hi))
    return out


def _supported_place(c: str, vocab: Vocabulary) -> int | None:
    """Where the clause ``c`` goes on after 支持 and a place (支持厦门|, 支持三明市|, 支持营口片区|),
    or None when it does not open so."""
    i = len(c) - len(c.lstrip(" "))
    if not c.startswith("支持", i):
        return None
    return _hosting_places(c, i + 2, len(c), vocab)


def _hosting_places(s: str, i: int, hi: int, vocab: Vocabulary) -> int | None:
    """Where ``s[i:hi]`` goes on after a place or a list of places that host a work (厦门|建设…,
    三明市|“…”建设), or None when it does not open so."""
    suffixed = False
    while True:  # 支持泉州、漳州建设…, 支持宜昌-鄂州-黄石建设…: one place or a list of them
        words = pos_cut(s[i : min(i + 8, hi)])
        if not words or len(words[0][0]) < 2 or not _place(*words[0]):
            return None
        i += len(words[0][0])
        suffix = next((x for x in ("片区", "市", "县", "区") if s.startswith(x, i, hi)), "")
        suffixed = suffixed or bool(suffix)
        i += len(suffix)
        if i < hi and s[i] in "、-—和":
            i += 1
            continue
        break
    # the place hosts the work when a verb follows it (支持赤峰建设…) or it carries its suffix
    # (支持三明市“中国稻种基地”建设); 支持北京城市副中心建设 names 北京's own work
    verb = _match_any(s, i, vocab.lead_verbs)
    if suffixed or (verb and i + len(verb) <= hi):
        return i
    return None


# The vocabulary's word tuples by first and by last character, memoised by the tuple's identity
# (every tuple passed in lives as long as the Vocabulary; hashing a long tuple per call would cost
# more, and the identity check guards against a reused id). Each bucket keeps the tuple's order.
_FIRST: dict[int, tuple[tuple[str, ...], dict[str, tuple[str, ...]]]] = {}
_LAST: dict[int, tuple[tuple[str, ...], dict[str, tuple[str, ...]]]] = {}


def _by_char(words: tuple[str, ...], last: bool) -> dict[str, tuple[str, ...]]:
    """``words`` by last (or first) character, memoised in _LAST (or _FIRST)."""
    memo = _LAST if last else _FIRST
    hit = memo.get(id(words))
    if hit is None or hit[0] is not words:
        out: dict[str, list[str]] = {}
        for w in words:
            out.setdefault(w[-1:] if last else w[:1], []).append(w)
        hit = memo[id(words)] = (words, {k: tuple(v) for k, v in out.items()})
    return hit[1]


def _ending(s: str, lo: int, end: int, words: tuple[str, ...]) -> str | None:
    """The first of ``words`` that ``s[lo:end]`` ends with (hot path: only words that share s[end-1])."""
    if end <= lo:
        return None
    hit = _LAST.get(id(words))  # (inline: the hottest call of the extractor)
    index = hit[1] if hit is not None and hit[0] is words else _by_char(words, True)
    for w in index.get(s[end - 1], ()):
        if s.endswith(w, lo, end):
            return w
    return None


def _match_any(s: str, i: int, words: tuple[str, ...]) -> str | None:
    """The first of ``words`` that ``s`` holds at ``i`` (hot path: only words that share s[i])."""
    if i >= len(s):
        return None
    hit = _FIRST.get(id(words))  # (inline: the hottest call of the extractor)
    index = hit[1] if hit is not None and hit[0] is words else _by_char(words, False)
    for w in index.get(s[i], ()):
        if s.startswith(w, i):
            return w
    return None


def _headed_subject(view: str, lo: int, hi: int, vocab: Vocabulary) -> bool:
    """True when the last list member of [lo, hi) ends with a head (…、大水网工程、G331沿边公路)."""
    a = max(view.rfind("、", lo, hi) + 1, lo)
    name = _strip_tails(view, a, hi, vocab)[0].strip(" ")
    return _head_of(name, vocab) is not None


def _lead_chain(c: str, vocab: Vocabulary) -> tuple[int, int]:
    """(first verb or -1, end) of the adverbs and verbs that open clause ``c``."""
    n = len(c)
    i = 0
    while i < n and c[i] == " ":
        i += 1
    if c.startswith(PREPOSITIONS, i):
        # 在条件成熟的地块续建一批口袋公园: a short place phrase before the verb.
        j = next((j for j in range(i + 1, min(n, i + 16)) if _match_any(c, j, vocab.lead_verbs)), None)
        if j is not None:
            i = j
    m = LEAD_TIME_RE.match(c, i)
    if m and _match_any(c, m.end(), vocab.verbs_adverbs):
        i = m.end()  # 主汛期前建成投用…
    elif "共建" in c:  # (most clauses: no partners, no pattern to try)
        if PARTNERS_JOIN_RE.match(c, i):
            i += 2  # 沪皖共建…康养基地, 部区共建…交易中心: the partners who build it together
        elif c.startswith(PARTNER_PREPOSITIONS[:3], i):
            k = c.find("共建", i + 2, i + 16)
            if k > 0 and not c.startswith("共建共", k):
                i = k  # 与河北大学共建莲池书院: the partner, then the work built with it
    first_verb = -1
    last = i
    verb_firsts, adverb_firsts = vocab.lead_firsts, vocab.adverb_firsts
    while i < n:
        ch = c[i]
        v = _match_any(c, i, vocab.lead_verbs) if ch in verb_firsts else None
        a = _match_any(c, i, vocab.adverbs) if ch in adverb_firsts else None
        if v and (not a or len(v) >= len(a)):
            first_verb = i if first_verb < 0 else first_verb
            last, i = i, i + len(v)
        elif a:
            last, i = i, i + len(a)
        else:
            break
    if first_verb >= 0 and i < n - 2 and c[i] in "好了":
        i += 1  # 建设好, 办好: the verb's complement; 新建了: its aspect; not the name's first character
    elif i < n and c[i] in ADJECTIVE_SUFFIXES:
        i = last  # 谋划保障性安居工程: 保障性 is a word, not the verb 保障
        first_verb = -1 if first_verb >= i else first_verb
    return first_verb, i


def _tail_chain(c: str, lo: int, vocab: Vocabulary) -> int:
    """Where the verbs that close clause ``c`` begin (its end when there are none)."""
    end = len(c)
    while end > lo:
        while end > lo and c[end - 1] == " ":
            end -= 1
        if end <= lo:
            break
        ch = c[end - 1]  # no call where no word can end
        t = _ending(c, lo, end, vocab.post_verbs) if ch in vocab.post_lasts else None
        if t is None:
            t = _ending(c, lo, end, vocab.adverbs) if ch in vocab.adverb_lasts else None
            if t is None and end < len(c.rstrip(" ")):
                m = MONTH_END_RE.search(c, lo, end)  # 中国古动物馆10月开馆: a month before the verb
                t = m.group() if m else None
            if t is None or end - len(t) <= lo:
                break
        end -= len(t)
    return end


def _verb_text(s: str, vocab: Vocabulary) -> str:
    """A verb chain without its leading stance words (确保建成投用 -> 建成投用)."""
    i = 0
    while i < len(s):
        if s[i] not in vocab.adverb_firsts:
            break  # no stance word opens here: the loop below would stop too
        a = _match_any(s, i, vocab.adverbs)
        v = _match_any(s, i, vocab.lead_verbs)
        if a and (not v or len(a) > len(v)) and i + len(a) < len(s):
            i += len(a)
        else:
            break
    return s[i:].removesuffix("了")  # 成立了: the aspect is no part of the verb


class Etc(NamedTuple):
    """The 等 that closes a list: where it stands, whether the names before it are projects, the verb
    after its category, and the head the category hands back to bare names (等公路 -> 公路)."""

    at: int
    ok: bool
    verb: str
    head: Span | None
    direct: bool = False  # 等 right before the verb, no category (…、沈海高速漳诏扩容工程等建设)
    activity: bool = False  # the category is a work on places (等3条中小河流治理, 等配套设施)
    facilities: bool = False  # the category is facilities (等重大文化设施), not a campaign (等专项整治)


def _etc(view: str, lo: int, hi: int, vocab: Vocabulary) -> Etc | None:
    """The 等 that closes the list in [lo, hi) -- 康达水业等6个项目 and 尖扎至贵德等公路 close a list of
    projects, 东利机械等骨干企业 does not."""
    if view.find("等", lo, hi) < 0:
        return None  # most clauses: no scan with the pattern's look-arounds
    for m in ETC_RE.finditer(view, lo, hi):
        rest = view[m.end() : hi]
        if "、" in rest:
            continue
        k = m.end()
        while k < hi and view[k] == " ":
            k += 1
        if _all_verbs(view, k, hi, vocab):
            return Etc(m.start(), True, view[k:hi].strip(" "), None, True)  # …、沈海高速漳诏扩容工程等建设
        cat = _category(view, k, hi, vocab)
        if cat is not None and NUMBERED_SET_RE.match(view[cat[0] : cat[1]]):
            # 节能降碳改造、绿色技术推广等10大绿色转型工程: a numbered set makes no bare name a
            # project and hands no head back; members with heads of their own still count
            return Etc(m.start(), False, "", None)
        if cat is not None:
            c0, c1 = cat
            head = _head_of(view[c0:c1], vocab) or view[c0:c1]
            return Etc(
                m.start(),
                True,
                view[c1:hi].strip(" "),
                _category_head(view, c0, c1, vocab),
                activity=head in vocab.activity_heads,
                facilities=head.endswith("设施"),
            )
        if any(w in rest for w in vocab.not_categories + vocab.not_category_parts) and not _facility_kind(
            rest, vocab
        ):
            return Etc(m.start(), False, NOT_PROJECTS, None)
        for w in vocab.category_words:
            i = rest.find(w)
            if i < 0:
                continue
            after = rest[i + len(w) :].strip(" ")
            if not after:
                return Etc(m.start(), True, "", None)
            if _match_any(after, 0, vocab.verb_words):
                return Etc(m.start(), True, after, None)
        return Etc(m.start(), False, "", None)
    return None


def _facility_kind(rest: str, vocab: Vocabulary) -> bool:
    """True when the category after 等 ends with a facility's or platform's head (等产业创新平台, 等企业
    技术中心): its field word only qualifies the kind, and members with heads of their own are works."""
    head = _head_of(rest.strip(" "), vocab)
    return head is not None and not head.endswith(PROGRAMME_WORDS) and head not in vocab.activity_heads


def _all_verbs(view: str, k: int, hi: int, vocab: Vocabulary) -> bool:
    """True when [k, hi) is empty or only verbs and stance words (等建设, 等尽快开工)."""
    while k < hi:
        w = _match_any(view, k, vocab.verb_words)
        if w is None or k + len(w) > hi:
            return view[k:hi].strip(" ") == ""
        k += len(w)
    return True


def _category(view: str, k: int, hi: int, vocab: Vocabulary) -> Span | None:
    """The category noun after 等 (or after a list's count) at [k, hi): the longest stretch that ends
    with a head and is followed by nothing or by a verb (等6个项目达到形象进度 -> 6个项目)."""
    for e in range(hi, k + 1, -1):
        if e < hi and not _match_any(view, e, vocab.verb_words):
            continue
        cat = view[k:e]
        if any(cat.endswith(w) for w in vocab.not_categories) or any(
            w in cat for w in vocab.not_category_parts
        ):
            return None
        if any(_match_any(cat, i, vocab.inner_verbs) for i in range(len(cat))):
            return None  # 等工具支持产业项目: a verb phrase, not a category
        head = _head_or_whole(cat, vocab)
        if head is not None:
            if head in vocab.platform_heads and not _system(cat, head, vocab):
                return None  # 概念验证、中试熟化等平台: kinds of platform, not named ones
            if _fields_then_verb(cat, vocab):
                return None  # 在人工智能、高端装备等领域新组建…省实验室: fields, then what is done in them
            return k, e
    return None


def _fields_then_verb(cat: str, vocab: Vocabulary) -> bool:
    """True when a word for fields or partners (领域, 企业) in ``cat`` is followed, within two
    characters, by a verb: the category says what is done in those fields (领域新组建…省实验室)."""
    for w in vocab.not_categories:
        i = cat.find(w)
        if i >= 0 and any(
            _match_any(cat, j, vocab.verbs_adverbs) for j in range(i + len(w), min(len(cat), i + len(w) + 2))
        ):
            return True
    return False


def _category_head(view: str, c0: int, c1: int, vocab: Vocabulary) -> Span | None:
    """The part of the category at [c0, c1) that a bare name takes (等14个750千伏电网工程 ->
    750千伏电网工程, 等公路项目 -> 公路); None when it is only a generic word (等6个重点项目)."""
    cut = view.rfind("的", c0, c1)
    if cut >= 0:
        c0 = cut + 1
    for j in vocab.joiners:  # 等重点考古发掘和遗址公园: the last kind is the head handed back
        cut = view.rfind(j, c0, c1)
        if cut >= 0 and _head_of(view[c0:cut], vocab):
            c1 = cut  # 旭龙、古水等大型水电站和690万千瓦火电项目: the list's own kind comes first
        elif cut >= 0 and (line := _leading_line(view, c0, cut, vocab)) is not None:
            c1 = line  # 广惠、广深等高速公路繁忙路段扩容提质和普通国省道提档升级: the list's roads
        elif cut >= 0:
            c0 = cut + len(j)
    for m in AMOUNT_RE.finditer(view, c0, c1):
        c0 = m.end()
        for q in ("以上", "左右", "以内"):  # 等5个以上装备制造项目
            if view.startswith(q, c0):
                c0 += len(q)
    while c0 < c1 and view[c0] == " ":
        c0 += 1
    rank = _match_any(view, c0, vocab.category_qualifiers)
    while rank and c1 - c0 - len(rank) >= 2 and view[c0:c1] not in vocab.head_set:  # (重点实验室 is a term)
        # 满洲里、策克等重点口岸提升工程 -> 满洲里口岸提升工程; 盘山等大中型灌区现代化改造 -> 盘山灌区…:
        # a category's rank or scale says which of its kind, no part of the name handed back
        c0 += len(rank)
        rank = _match_any(view, c0, vocab.category_qualifiers)
    for w in ("项目", "工程"):
        if not view.endswith(w, c0, c1):
            continue
        e = c1 - len(w)
        v = _ending(view, c0, e, vocab.lead_verbs)
        if v and e - len(v) > c0 and v not in vocab.activity_heads:
            e -= len(v)  # 等高速公路续建项目 -> 高速公路: the stage is no part of the head
        rest = view[c0:e]
        if _head_or_whole(rest, vocab):
            c1 = e  # 公路项目 -> 公路
            break
    cat = view[c0:c1]
    if not cat or _only_generic(cat, vocab.generic_programmes, vocab.joiners):
        return None
    if cat.endswith("项目") and not _project_kind(cat[:-2], vocab):
        return None  # 等百亿级项目, 等“绿电氢氨醇”标志性项目: no kind of work to hand back
    head = _head_of(cat, vocab) or cat
    while head in vocab.activity_heads:  # 楠木河等3条中小河流治理 -> 楠木河治理: generic words stay behind
        g = _match_any(view, c0, vocab.programme_generic)
        rest = view[c0 + len(g) : c1] if g else ""
        if not g or len(g) < 2 or not _head_or_whole(rest, vocab):
            break
        c0 += len(g)
    return c0, c1


def _leading_line(view: str, c0: int, c1: int, vocab: Vocabulary) -> int | None:
    """Where a line or utility that opens [c0, c1) ends, when what follows it is work done on it
    (高速公路|繁忙路段扩容提质 -> after 高速公路); None when [c0, c1) opens with none."""
    rank = _match_any(view, c0, vocab.category_qualifiers)
    start = c0 + len(rank) if rank else c0
    for e in range(start + 2, c1 - 1):
        w = view[start:e]
        if w not in vocab.line_heads and _head_of(w, vocab) not in vocab.line_heads:
            continue
        if _match_any(view, e, vocab.heads) is not None:
            continue  # 高速|公路: the line's own word goes on
        return e if not _head_of(view[e:c1], vocab) else None
    return None


def _project_kind(kind: str, vocab: Vocabulary) -> bool:
    """True when ``kind`` (before 项目 in a list's category) is a short word for a kind of work that
    each bare name takes back (大湾、盘南等煤电项目 -> 大湾煤电项目, 等房地产项目, 等抽水蓄能项目); not a
    rank, a scale, a field of partners or a phrase (百亿级, 国际合作, 现代煤化工)."""
    if not 2 <= len(kind) <= 4 or not HAN_RE.fullmatch(kind) or "级" in kind:
        return False
    return not any(w in kind for w in vocab.not_categories) and not _match_any(kind, 0, vocab.inner_verbs)


def _names_in(
    view: str, lo: int, hi: int, etc: Etc | None, vocab: Vocabulary
) -> list[tuple[Span, Span | None]]:
    """The project names in the object region [lo, hi) of a verb chain: where each one stands,
    and where the head it shares with a later member or the list's category stands (漕河 +
    治理工程, 尖扎至贵德 + 公路), if it does."""
    if view.startswith("对", lo) and view.startswith("进行", hi):
        lo += 1  # 对新华路、友谊街等道路进行改扩建
    if etc is not None:
        if etc.verb == NOT_PROJECTS:
            return []
        hi = etc.at
    if _partner(view, lo, vocab):
        return []  # 推动与北京儿童医院…合作: partners, not works
    lead = view[lo:hi].lstrip(" ").split("、", 1)[0]
    if any(q in lead for q in vocab.quantifiers) or AMOUNT_RE.match(lead):
        return []  # 打造一批…、…基地, 储备一批水利、能源等项目: the whole list is counted
    if EACH_COUNT_RE.search(view, lo, hi):
        return []  # 新建省重点实验室、省技术创新中心…各20家: kinds, each counted
    last = view.rfind("、", lo, hi)
    if last >= 0 and SET_INSIDE_RE.search(view, last + 1, hi):
        return []  # 海上风电、沿海核电、辽西风光、储能四大…清洁能源基地: a numbered set of kinds
    # A list may hold sub-lists, each closed by its own 等 and category (卡阳、松如沟等14个750千伏电网
    # 工程、青疆联网通道): each is read on its own.
    out: list[tuple[Span, Span | None]] = []
    pieces = _split(view, lo, hi)
    start = 0
    for k, (a, b) in enumerate(pieces):
        if k == len(pieces) - 1:
            out.extend(_group_names(view, pieces[start:], etc, vocab))
            break
        m = ETC_RE.search(view, a, b)
        if m is None or m.start() - a < 2:
            continue
        cat = _category(view, m.end(), b, vocab)
        if cat is None or cat[1] != b:
            start = k + 1  # 榆林、渭南等氢能产业集群、储能电站: a sub-list of places, not works
            continue
        sub = Etc(m.start(), True, "", _category_head(view, cat[0], cat[1], vocab))
        out.extend(_group_names(view, [*pieces[start:k], (a, m.start())], sub, vocab))
        start = k + 1
    return out


def _group_names(
    view: str, pieces: list[Span], etc: Etc | None, vocab: Vocabulary
) -> list[tuple[Span, Span | None]]:
    """The names in one list (its pieces between 、, the 等 that closes it already cut off)."""
    members: list[tuple[int, int]] = []
    joined: set[int] = set()  # members followed by a joiner: 福莆宁F2 in 福莆宁F2和F3线
    for k, (a, b) in enumerate(pieces):
        parts = _split_joiners(
            view, a, b, vocab, last=k == len(pieces) - 1, named=etc is not None and etc.head is not None
        )
        joined.update(range(len(members), len(members) + len(parts) - 1))
        members.extend(parts)
    if etc is not None and _hosts(view, members, vocab, etc.head) and etc.head is not None:
        m = AMOUNT_RE.search(view, etc.at, etc.head[0])
        if m is not None and COUNT_RE.search(m.group()):
            return [(etc.head, None)]  # 宝鸡、延安等4个国家骨干冷链物流基地: one kind, hosted by each
    if etc is None and len(members) > 1:
        members[-1] = _count_closes(view, members, vocab)
        counted = _counted_list(view, members, vocab)
        if counted is not None:
            i, j, last, head = counted
            if head is not None and _hosts(view, [*members[i:j], last], vocab, head):
                # 福州、厦门、泉州3个省级人工智能产业园: the cities host one kind of work, counted
                before = _member_names(view, members[:i], None, {k for k in joined if k < i - 1}, vocab)
                return [*before, (head, None), *_member_names(view, members[j + 1 :], None, set(), vocab)]
            before = _member_names(view, members[:i], None, {k for k in joined if k < i - 1}, vocab)
            group = _member_names(view, [*members[i:j], last], Etc(last[1], True, "", head), set(), vocab)
            return before + group + _member_names(view, members[j + 1 :], None, set(), vocab)
    return _member_names(view, members, etc, joined, vocab)


def _member_names(
    view: str, members: list[Span], etc: Etc | None, joined: set[int], vocab: Vocabulary
) -> list[tuple[Span, Span | None]]:
    """The names of list members (each a span), with the head a bare one takes (see _names_in)."""
    etc_ok = etc is not None and etc.ok
    cat_head = etc.head if etc is not None else None
    if not members or any(len(view[a:b].strip(" ")) < 2 for a, b in members):
        etc_ok = False  # 水、电、气等配套设施: kinds of supply, not named works
    if etc_ok and etc is not None and etc.direct:
        # bare names count in a list of works closed by 等 and its verb, not in a list of fields
        etc_ok = any(_head_of(_strip_tails(view, a, b, vocab)[0].strip(" "), vocab) for a, b in members)
    lines = False  # the category is a line or utility whose names may be common words (观音等大型水库)
    if etc_ok:
        common = [
            _common_word(m) and not PHASE_ALONE_RE.fullmatch(m)
            for m in (view[a:b].strip(" ") for a, b in members)
        ]
        lines = not all(common) and _names_lines(view, etc, vocab)
        if any(common) and not lines:
            etc_ok = False  # 燃气、水电、通信、排水防涝等城市生命线安全工程: kinds of work, not names
    spans = [
        _member_name(view, a, b, vocab, etc_ok, first=k == 0, relaxed=lines)
        for k, (a, b) in enumerate(members)
    ]
    if len(members) > 1 and spans[-1] is None and any(spans[:-1]):
        spans[-1] = _facility_then_phrase(view, *members[-1], vocab)
    if (
        vocab.wide
        and None in spans
        and any(sp and not _kind_only(view[sp[0] : sp[1]], vocab) for sp in spans)
    ):
        # 昝岗高端高新产业集聚区、互联网产业园等建设: beside a sibling with a proper name, a park named
        # by its trade is one park, as a city's report names it
        narrow = vocabulary(wide=False)
        spans = [
            sp or _member_name(view, a, b, narrow, etc_ok, first=k == 0, relaxed=lines)
            for k, ((a, b), sp) in enumerate(zip(members, spans, strict=True))
        ]
    headed = [sp is not None and _head_of(view[sp[0] : sp[1]], vocab) is not None for sp in spans]
    cat_text = view[cat_head[0] : cat_head[1]] if cat_head is not None else ""
    cat_activity = bool(cat_text) and _head_or_whole(cat_text, vocab) in vocab.activity_heads
    if (etc is not None and etc.activity) or cat_activity:
        # 楠木河等3条中小河流治理 names rivers; 高价彩礼、大操大办等综合治理 names customs to curb; in a
        # list of facilities, one with a head and a proper name stays (湛江文化中心等重大文化设施)
        facilities = etc is not None and etc.facilities
        # 河套、镫口等大中型灌区现代化改造: the category names the kind of place the names are
        places = bool(cat_text) and _match_any(cat_text, 0, vocab.place_markers) is not None
        spans = [
            sp
            if sp
            and (
                places
                or view[sp[0] : sp[1]].endswith(vocab.place_markers)
                or (facilities and _own_facility(view[sp[0] : sp[1]], vocab))
            )
            else None
            for sp in spans
        ]
    found: list[tuple[Span, Span | None] | None] = []
    # 东风路、裕华路等重点道路微更新改造: a work on places is done on each, road or not
    on_places = cat_activity and not cat_text.endswith("设施")
    for k, sp in enumerate(spans):
        if (
            sp is not None
            and cat_head is not None
            and (not headed[k] or _phase_only(view[sp[0] : sp[1]], vocab) or on_places)
        ):
            # 尖扎至贵德等公路 -> 尖扎至贵德公路; 川州二期等500千伏输变电工程: a phase is no kind of work
            found.append((sp if headed[k] else _without_work(view, sp, vocab), cat_head))
        else:
            found.append((sp, None) if sp else None)
    # A shared head (漕河、府河、唐河（清苑区段）治理工程; 西康、西十高铁): a bare member takes the
    # head of the next member that has one.
    # 乌拉哈达、娄里、青山水库等重大水利工程: bare names, then one with a head, closed by a category
    # that hands none back -- the bare names share the last one's head.
    run = cat_head is None and len(members) > 1 and headed[-1] and not any(headed[:-1])

    def nxt_of(k: int) -> Span | None:
        return next((spans[j] for j in range(k + 1, len(members)) if headed[j] and spans[j]), None)

    shared: list[int] = []
    # 教育强市、西部创新高地和人才中心: a designation joined to a facility; no head to share
    designation = any(
        k in joined
        and not headed[k]
        and len(TRAILING_BRACKET_RE.sub("", view[members[k][0] : members[k][1]])) > 4
        for k in joined
    )
    for k in range(len(members) - 1 if not designation else 0):
        if found[k] is None or run or (k in joined and not headed[k] and cat_head is None):
            nxt = nxt_of(k)
            if nxt is not None:
                got = _shared_head(view, members[k], nxt, vocab)
                if got is None:
                    # 长征、长江国家文化公园贵州段: a long phrase to share makes a common word
                    # (长征) a name; 气源、输气管网 shares only a kind
                    loose = _shared_head(view, members[k], nxt, vocab, relaxed=True)
                    got = loose if loose is not None and loose[1][1] - loose[1][0] >= 4 else None
                if got is not None:
                    shared.append(k)
                found[k] = got or found[k]
    if shared:
        # 南宁、百色、来宾、梧州泛铝件先进制造基地: once one bare name takes the head, its siblings
        # do too, even those that are also ordinary words (百色, 来宾)
        target = nxt_of(shared[0])
        for k in range(len(members) - 1):
            if found[k] is None and nxt_of(k) == target and target is not None:
                found[k] = _shared_head(view, members[k], target, vocab, relaxed=True)
        # 自治区牛羊、玉米、马铃薯、大豆技术创新中心: siblings share one kind, the longest any of them
        # took (技术创新中心, not 中心 for the one whose cut fell on the head alone)
        taken = [f[1] for k, f in enumerate(found[:-1]) if f is not None and f[1] is not None and k in shared]
        if taken:
            kind = min(taken)  # the suffix that starts first is the longest (they end together)
            for k in shared:
                f = found[k]
                if f is not None and f[1] is not None and f[1][1] == kind[1] and f[1] != kind:
                    found[k] = (f[0], kind)
    if cat_head is None:
        for k in range(len(members) - 2, -1, -1):  # from the last, so 甲路、乙路、丙路…改造 passes it on
            f, g = found[k], found[k + 1]
            if f is not None and f[1] is None and g is not None and k not in joined:
                found[k] = _shared_work(view, f[0], g, vocab) or f
    for k in range(1, len(members)):
        found[k] = _phase_sibling(view, members[k], found[k - 1], vocab) or found[k]
    named = [f for f in found if f is not None]
    return [] if vocab.wide and _kinds_listed(view, members, named, vocab) else named


def _kinds_listed(
    view: str, members: list[Span], named: list[tuple[Span, Span | None]], vocab: Vocabulary
) -> bool:
    """True when a list in a province's or the nation's report names kinds of work, none by a proper
    name: 生态廊道、自然公园、郊野公园、口袋公园等建设; 商业步行街、特色商业街改造升级 (the members that
    name nothing by themselves count as kinds too)."""
    if len(members) < 2 or not named or any(borrowed is not None for _, borrowed in named):
        return False
    if len(named) >= 2 and all(_kind_only(view[sp[0] : sp[1]], vocab) for sp, _ in named):
        return True
    return all(_kind_or_slogan(_strip_tails(view, a, b, vocab)[0].strip(" "), vocab) for a, b in members)


def _kind_or_slogan(member: str, vocab: Vocabulary) -> bool:
    """True when a list's member is a kind of work or a slogan quoted whole (完整社区、口袋公园、“温暖工程”
    建设: the quote names a drive, no work)."""
    if len(member) > 2 and member[0] == "“" and member[-1] == "”" and "“" not in member[1:-1]:
        return True
    return _kind_only(member, vocab)


def _kind_only(name: str, vocab: Vocabulary) -> bool:
    """True when ``name`` is a kind of work with no proper part before its head (郊野公园, 城际铁路,
    企业技术中心), not one named work (湛江文化中心, 第三幼儿园, 国家超算深圳中心二期)."""
    head = _head_of(name, vocab)
    if head is None:  # a bare name of the list (生态廊道)
        return not _has_proper_part(name, vocab)
    if ORDINAL_RE.match(name) or name.startswith(vocab.unique_prefixes):
        return False  # 第三幼儿园; 国家超算深圳中心: the one of its kind
    core = _core(name, vocab)
    before = core[: -len(head)] if core.endswith(head) else core
    return len(core) == len(name) and not _has_proper_part(before, vocab)


def _shared_work(
    view: str, name: Span, nxt: tuple[Span, Span | None], vocab: Vocabulary
) -> tuple[Span, Span] | None:
    """汇鑫路 in 汇鑫路、光明路雨污分流改造 is 汇鑫路雨污分流改造: a short place (a road, street or river)
    before a place with a work done on it takes that work, as the next member's suffix after its
    place (the suffix span returned), or the suffix the next member took itself."""
    a, b = name
    place = view[a:b]
    if len(place) > 6 or not place.endswith(vocab.place_markers):
        return None
    (na, nb), took = nxt
    if took is not None:  # 甲路、乙路、丙路雨污分流改造: 乙路 took 雨污分流改造 from 丙路
        return ((a, b), took) if took[0] >= nb and _work_on_place(view[took[0] : took[1]], vocab) else None
    bounds = _word_bounds(view[na:nb], na)
    for i in range(na + 2, nb - 1):
        if not view.endswith(vocab.place_markers, na, i):
            continue
        if i not in bounds:
            return None  # 鄱阳湖|区…: the marker ends no word here
        work = view[i:nb]
        return ((a, b), (i, nb)) if _work_on_place(work, vocab) else None
    return None


def _work_on_place(work: str, vocab: Vocabulary) -> bool:
    """True when ``work`` is a work done on a place (雨污分流改造, 路域环境改造提升工程, 生态补水工程),
    not a facility (故道郊野森林公园, 机场) nor a list."""
    head = _head_or_whole(work, vocab)
    if head is None or "等" in work or any(j in work for j in vocab.joiners):
        return False
    if _match_any(work, 0, vocab.category_qualifiers):
        return False  # 井冈灌区、鄱阳湖区重点圩堤治理: a ranked kind of its own, no shared work
    if head in PROGRAMME_WORDS:  # 雨污管道项目, 生态补水工程: the programme's own words say what is done
        core = work[: -len(head)]
        head = _head_of(core, vocab) or head
        if any(w in core for w in vocab.activity_heads):
            return True
    return head in vocab.activity_heads or head in vocab.laid_along


def _phase_sibling(
    view: str, member: Span, before: tuple[Span, Span | None] | None, vocab: Vocabulary
) -> tuple[Span, Span] | None:
    """引绰济辽一期、二期工程: a member that is only a phase (二期工程) names the work of the member before
    it at that phase; the name it borrows (引绰济辽) is returned as the second span, before the first."""
    a, b = member
    if before is None or before[1] is not None or view.find("期", a, b) < 0:
        return None  # (most members: no phase, no call to _strip_tails)
    phase = _strip_tails(view, a, b, vocab)[0].strip(" ")
    if not PHASE_ALONE_RE.fullmatch(phase):
        return None
    (pa, pb) = before[0]
    m = PHASE_END_RE.search(view, pa, pb)
    if m is None or m.start() - pa < 2:
        return None
    while view[a] == " ":
        a += 1
    return (a, a + len(phase)), (pa, m.start())


def _names_lines(view: str, etc: Etc | None, vocab: Vocabulary) -> bool:
    """True when the list's category hands back a line or utility (等大型水库, 等高速公路), or a work on
    one (等大中型灌区现代化改造): a kind of work that only a place's name tells apart, so a member that
    is also a common word (观音, 河套) is that name, as long as not every member is one (公路、铁路、
    机场等交通枢纽)."""
    if etc is None or etc.head is None:
        return False
    cat = view[etc.head[0] : etc.head[1]]
    head = _head_of(cat, vocab) or cat
    return head in vocab.line_heads or (
        head in vocab.activity_heads and any(cat.startswith(h) for h in vocab.line_heads if len(h) >= 2)
    )


def _phase_only(name: str, vocab: Vocabulary) -> bool:
    """True when the head of ``name`` is only its phase (川州二期), no kind of work (三中二期工程)."""
    head = _head_of(name, vocab)
    return (
        head is not None and not head.endswith(PROGRAMME_WORDS) and vocab.phase_re.fullmatch(head) is not None
    )


def _own_facility(name: str, vocab: Vocabulary) -> bool:
    """True when ``name`` ends with a facility's head after a proper name (湛江文化中心, not 涉河桥梁)."""
    head = _head_of(name, vocab)
    if head is None or head not in vocab.physical_heads:
        return False
    return _has_proper_part(_core(name, vocab)[: -len(head)], vocab)


def _partner(view: str, lo: int, vocab: Vocabulary) -> bool:
    """True when the region opens with a partner preposition (与, 同 …) as a word of its own: 同德至玛沁
    is a place, 同北京…合作 a partner."""
    while lo < len(view) and view[lo] == " ":
        lo += 1
    if not view.startswith(PARTNER_PREPOSITIONS, lo):
        return False
    words = pos_cut(view[lo : lo + 8])
    return bool(words) and len(words[0][0]) == 1


def _counted_list(
    view: str, members: list[Span], vocab: Vocabulary
) -> tuple[int, int, Span, Span | None] | None:
    """本桓、凌绥、台黑4条高速公路 (after 沈白高铁和京哈高速改扩建): bare names closed by their
    count and category. The first bare member of the run, the member that holds the count, where
    its bare name stands, and the category the names share."""
    for j in range(1, len(members)):
        a, b = members[j]
        m = next((m for m in AMOUNT_RE.finditer(view, a, b) if COUNT_RE.search(m.group())), None)
        if m is None:
            continue
        if m.start() - a < 2 or _head_of(view[a : m.start()].strip(" "), vocab):
            return None
        i = j
        while i > 0 and not _head_of(_strip_tails(view, *members[i - 1], vocab)[0].strip(" "), vocab):
            i -= 1
        if i == j:
            return None
        cat = _category(view, m.start(), b, vocab)
        if cat is None or cat[1] != b:
            return None
        return i, j, (a, m.start()), _category_head(view, cat[0], cat[1], vocab)
    return None


def _count_closes(view: str, members: list[Span], vocab: Vocabulary) -> Span:
    """The last member without the count and category that close a list of works each with its own
    head (北大肿瘤医院、…、北京中医医院内蒙古医院|4个国家区域医疗中心, 鄂州花湖机场、宜昌三峡机场|2个国际机场):
    the category says what they all are, as after 等."""
    a, b = members[-1]
    m = next((m for m in AMOUNT_RE.finditer(view, a, b) if COUNT_RE.search(m.group())), None)
    if m is None or m.start() - a < 4 or not _head_of(view[m.end() : b].strip(" "), vocab):
        return a, b
    if not _head_of(view[a : m.start()].strip(" "), vocab):
        return a, b
    if not all(_head_of(_strip_tails(view, *sp, vocab)[0].strip(" "), vocab) for sp in members[:-1]):
        return a, b
    return a, m.start()


def _hosts(view: str, members: list[Span], vocab: Vocabulary, kind: Span | None) -> bool:
    """True when every member is only a place's name (福州, 包头, 延安) and the counted ``kind`` a
    work with a head (not 城东、城南、城西三个片区城中村改造, an activity on no named place): the list
    says where that kind of work stands, it names no work of its own."""
    if kind is None:
        return False
    head = _head_of(view[kind[0] : kind[1]], vocab)
    if head is None or not _placed(view[kind[0] : kind[1]], head, vocab):
        return False
    for a, b in members:
        name = view[a:b].strip(" ")
        if not 2 <= len(name) <= 4:
            return False
        words = pos_cut(name)
        if len(words) != 1 or not _place(*words[0]):
            return False
    return bool(members)


def _split(view: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Pieces of [lo, hi) between 、 outside brackets and quotes."""
    out = []
    depth = 0
    s = lo
    for i in range(lo, hi):
        ch = view[i]
        if ch in OPEN_BRACKETS:
            depth += 1
        elif ch in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        elif ch == "、" and depth == 0 and not (view[i - 1 : i].isdigit() and view[i + 1 : i + 2].isdigit()):
            out.append((s, i))  # (not in 台山核电3、4号机组: a list of numbers inside one name)
            s = i + 1
    out.append((s, hi))
    return [(a, b) for a, b in out if b > a]


def _split_joiners(
    view: str, a: int, b: int, vocab: Vocabulary, last: bool = True, named: bool = False
) -> list[tuple[int, int]]:
    """Split a member at 和/及/与 when the parts on both sides end with a head (or, with ``named``, are
    short bare names a category will complete); or when the part
    before ends with one and a later member can hand its head back to the bare part after (西安东站和
    府谷、定边机场); or when both sides are codes sharing the head after them (福莆宁F2和F3线)."""
    out = []
    s = a
    i = a + 2
    depth = 0
    joiner_firsts = vocab.joiner_firsts  # skip the call where no joiner can start
    while i < b - 1:
        ch = view[i]
        if ch in OPEN_BRACKETS:
            depth += 1
        elif ch in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        j = _match_any(view, i, vocab.joiners) if depth == 0 and ch in joiner_firsts else None
        if j:
            left = _strip_tails(view, s, i, vocab)[0]
            right = _strip_tails(view, i + len(j), b, vocab)[0]
            split = _head_of(left, vocab) is not None and (
                _head_of(right, vocab) is not None or (not last and 2 <= len(right) <= 6)
            )
            if not split and CODE_END_RE.search(left) and CODE_HEAD_RE.match(right):
                split = _head_of(right, vocab) is not None
            if not split and "至" in left and "至" in right and not _head_of(left, vocab):
                split = True  # 洋县至西乡和镇巴至陕川界(等高速项目): two routes
            place = TRAILING_BRACKET_RE.sub("", left.strip(" "))  # 唐河（清苑段）: a stretch of a place
            if not split and _head_of(right, vocab) and (place.endswith(vocab.place_markers) or "至" in left):
                # 巢湖和新安江流域防洪治理工程, 洋县至西乡和镇巴至陕川界高速: a place or route that
                # takes the head after it
                split = _bare_name(left.strip(" "), vocab)
            if not split and PHASE_ALONE_RE.fullmatch(left.strip(" ")) and _head_of(right, vocab):
                split = True  # 一期、二期和黄茅峡水库: the phase of the work before, then a work
            if not split and _ending(view, s, i, vocab.post_verbs) and _head_of(right, vocab):
                split = True  # 高标准农田建设和…机井改造: a clause closed by its verb, then a work
            if not split and _designation_and_work(left.strip(" "), right.strip(" "), j, vocab):
                split = True
            if not split and named and all(2 <= len(x.strip(" ")) <= 6 for x in (left, right)):
                # 长四辽通、敦牡和四梅集扩能等铁路项目: in a list whose category hands its kind
                # back, two short bare names joined by 和 are two works
                split = _bare_name(left.strip(" "), vocab) and _bare_name(right.strip(" "), vocab)
            if split:
                out.append((s, i))
                s = i + len(j)
                i = s + 2
                continue
        i += 1
    out.append((s, b))
    return out


def _designation_and_work(left: str, right: str, joiner: str, vocab: Vocabulary) -> bool:
    """True for a designation or field joined to a facility (松原国家碳达峰试点城市和长春循环经济产业园,
    西部创新高地和人才中心; only 和: 繁育与推广基地, …及关键部件研发制造基地 are one name): the facility
    is a member of its own. A short left part is a place that
    shares the head (漕河和府河治理工程), and a programme (…保护和修复重大工程) is one name."""
    head = _head_of(right, vocab)
    work = head in vocab.physical_heads or head in vocab.platform_heads
    if joiner != "和" or head is None or not work or len(left) <= 4 or _head_of(left, vocab):
        return False
    if "至" in left or left.endswith(vocab.place_markers):
        return False
    return any(w == joiner for w, _ in pos_cut(left[-2:] + joiner + right[:2]))  # not 协和, 人和


def _strip_tails(view: str, a: int, b: int, vocab: Vocabulary) -> tuple[str, int]:
    """The member text without closing verbs: the shortest cut that still ends with a head."""
    while b > a and view[b - 1] == " ":
        b -= 1
    note = CONTENT_NOTE_RE.search(view, a, b)
    if note is not None and note.start() - a >= 2:
        b = note.start()
    best = b
    todo = [b]
    done: set[int] = set()
    while todo:
        e = todo.pop()
        if e in done:
            continue
        done.add(e)
        if e < best and _head_of(view[a:e], vocab):
            best = e
        if e > a:
            todo.extend(
                e - len(t)
                for t in _by_char(vocab.tails, True).get(view[e - 1], ())
                if view.endswith(t, a, e) and e - len(t) > a
            )
    return view[a:best], best


def _core(name: str, vocab: Vocabulary) -> str:
    """``name`` without a trailing phase (三中二期工程 -> 三中, 院区三期 -> 院区)."""
    m = vocab.phase_re.search(name)
    return name[: m.start()] if m and m.start() > 0 else name


def _head_or_whole(s: str, vocab: Vocabulary) -> str | None:
    """The head word that ends ``s``, or ``s`` itself when it is a head word (站, 线: too short to
    end a name of their own, yet each the kind a list hands back)."""
    return _head_of(s, vocab) or (s if s in vocab.head_set else None)


def _head_of(name: str, vocab: Vocabulary) -> str | None:
    """The head word that ends ``name`` (a phase after it allowed), else None."""
    if name.endswith(vocab.stop_suffixes):
        return None
    core = _core(name, vocab)
    if core != name and _head_of(core, vocab) is None:
        if "期" in name[len(core) :] or (name.endswith(("段）", "段)")) and ROUTE_RE.search(core)):
            # 三中二期工程, 市应急救治中心二期: the phase is the head; 贵阳至北海（南宁至北海段）,
            # 缅气入攀（米易段）: a route from one place to another is built by stretches
            return name[len(core) :]
        return None  # 蜀道（重庆段）: a stretch qualifies a head, it is none
    for h in _by_char(vocab.heads, True).get(core[-1:], ()):
        if core.endswith(h):
            before = len(core) - len(h)
            if before < 1 or (len(h) == 1 and before < vocab.min_before_short):
                continue
            return h
    return None


def _member_name(
    view: str, a: int, b: int, vocab: Vocabulary, etc_ok: bool, first: bool, relaxed: bool = False
) -> Span | None:
    """Where the project named by the list member at [a, b) stands, or None; ``relaxed`` when the
    list's category is a line or utility, whose bare names may be common words (观音等大型水库)."""
    while a < b and view[a] == " ":
        a += 1
    if b - a > 2 and view[a] == "“" and view[b - 1] == "”" and "“" not in view[a + 1 : b - 1]:
        a, b = a + 1, b - 1  # 实施“名医培育工程”
    _, end = _strip_tails(view, a, b, vocab)
    start = a
    # The name starts after the last 的, amount and verb (投资8.5亿元的城市排水防涝能力提升工程).
    cut = view.rfind("的", a, end)
    if cut >= 0:
        start = cut + 1
    for m in AMOUNT_RE.finditer(view, start, end):
        if view.count("“", start, m.start()) > view.count("”", start, m.start()):
            continue  # 全省“一张网”公共资源交易平台, 数字“第一家园”服务平台: words of a quoted name
        if COUNT_RE.search(m.group()) and view[m.end() : m.end() + 1] != "的":
            return None  # 新建50个养老服务中心: counted, not named
        start = m.end()
    had_verb = False
    bounds: frozenset[int] | None = None
    verb_firsts = vocab.inner_firsts  # skip the call where no verb can start
    for i in range(end - 2, start - 1, -1):
        if view[i] not in verb_firsts:
            continue
        v = _match_any(view, i, vocab.inner_verbs)
        if v and i + len(v) < end:
            if bounds is None:
                bounds = _word_bounds(view[start:end], start)
            rest = view[i + len(v) : end]
            # 储备|基地 is a facility's own words (a bare facility head after the verb); 培育|工程 is a verb's
            head = _head_of(rest, vocab) or (
                rest
                if rest in vocab.physical_heads and len(rest) >= 2 and v not in vocab.lead_verbs
                else None
            )
            if (
                i + len(v) in bounds
                and head is not None
                and len(rest) == len(head) + 1
                and rest[0] in vocab.admin_prefixes
            ):
                # 分类别推动省实验室: the verb acts on the province's kind of lab, named by no one
                return None
            if i + len(v) not in bounds or (head is not None and len(rest) - len(head) < 2):
                continue  # 国家储备林项目: 储备 belongs to the name (林项目 is no name)
            if (
                v in vocab.new_building_verbs
                and head is not None
                and _head_of(view[start:i], vocab) in vocab.physical_heads
            ):
                continue  # 区妇幼保健院新建住院病房楼: the institution's new building, one name
            if (rest in vocab.programme_heads or head in vocab.programme_heads) and _opens_with_place(
                view[start:i]
            ):
                # 韩江榕江练江水系连通后续优化工程, 粤东水资源优化配置工程: a named place's work, its verb and all
                continue
            start, had_verb = i + len(v), True
            break
    if not first and not had_verb:
        v = _match_any(view, start, vocab.lead_verbs)
        if v and end - start - len(v) >= 3:
            start += len(v)

    if view.endswith(vocab.quantifiers, a, start):
        return None
    while start < end and view[start] == " ":
        start += 1
    j = _match_any(view, start, vocab.joiners)
    if j and end - start > len(j) + 2:
        start += len(j)  # …研发，和超前布局…: a joiner never opens a name
    dash = view.rfind("——", start, end)
    if dash >= 0 and end - dash - 2 >= 2:
        start = dash + 2  # 中华文明探源重点工程——陶寺遗址博物馆: the work is named after the dash
    name = view[start:end]
    if _match_any(name, 0, vocab.quantifiers) or name.startswith("其") or NUMBERED_SET_RE.match(name):
        return None
    if (
        SLOGAN_RE.search(name)
        or GRADE_RE.search(name)
        or NUMBERED_TAIL_RE.search(name)
        or CATEGORY_TAIL_RE.search(name)
        or AGE_RE.match(name)
    ):
        return None  # 一区两地一园一通道, 四好农村路: a numbered slogan, not a work
    if not 2 <= len(name) <= 32 or DIGITS_ONLY_RE.match(name) or name in vocab.stop_names or "在" in name:
        return None
    head = _head_of(name, vocab)
    if head is None and not etc_ok:
        facility_end = _work_on_facility(view, start, end, vocab)
        if facility_end is not None:
            end, name = facility_end, view[start:facility_end]
            head = _head_of(name, vocab)
    if head is None:
        # 康达水业等6个项目: named by the category after 等, but never a verb phrase.
        if (
            etc_ok
            and len(name) <= 20
            and not had_verb
            and not name.endswith(vocab.stop_suffixes)
            and not _only_generic(name, vocab.generic_heads, vocab.joiners)
            and (relaxed or not _common_word(name))
        ):
            return start, end
        return None
    if (
        view[start - 1 : start] == "的"
        and not view.endswith("元", a, start - 1)  # 投资35亿元的保定职教园区一期: an amount, no description
        and (head in vocab.park_heads or _ranked(view, a, start - 1, head, vocab))
        and not _has_proper_part(name[: len(name) - len(head)], vocab)
    ):
        # 打造“全国知名、河北一流”的现代装备制造产业基地, 打造华北地区最重要的数据服务中心: a role to become,
        # described by its rank, not a work named (面向全国的稀土产品交易中心 is one)
        return None
    if start == a and _match_any(view, a - 1, vocab.joiners) and _joined_to_ranked(view, a, head, vocab):
        return None  # 具有重要影响力的智能装备制造和食品加工基地: the rank describes both members
    return (start, end) if _named(name, head, vocab) else None


def _without_work(view: str, sp: Span, vocab: Vocabulary) -> Span:
    """A bare name without the work done on it that ends it, when the category after 等 hands the
    head back (四梅集扩能等铁路项目 -> 四梅集 + 铁路, 京哈改扩建…4条高速 -> 京哈 + 高速): the head names
    what the work is done on, and the facility is the project, as with 永定门城楼修缮."""
    a, b = sp
    work = _ending(view, a, b, vocab.facility_works)
    return (a, b - len(work)) if work is not None and b - len(work) - a >= 2 else sp


def _facility_then_phrase(view: str, a: int, b: int, vocab: Vocabulary) -> Span | None:
    """The named facility that opens the last member of a list when a verb phrase follows it
    (推动吉利贵阳基地、奇瑞（贵州）产业基地|扩大整车生产规模): the phrase is said of every member, so the
    last one is named like its siblings."""
    for i in range(a + 2, b - 1):
        if view[i] not in vocab.inner_firsts:
            continue
        v = _match_any(view, i, vocab.inner_verbs)
        if v is None:
            continue
        head = _head_of(view[a:i], vocab)
        if head is None or head not in vocab.physical_heads:
            return None  # the first verb is inside no facility's name: a phrase of another kind
        sp = _member_name(view, a, i, vocab, False, first=False)
        return sp if sp is not None and sp[1] == i else None
    return None


def _work_on_facility(view: str, start: int, end: int, vocab: Vocabulary) -> int | None:
    """Where a named facility ends when a short work done on it follows (永定门城楼|修缮, …博物馆|布展,
    …科创中心|功能开发): the facility is the project, its work the action's detail."""
    if end - start < 5:
        return None
    if _ending(view, start, end, vocab.facility_works) is None:
        return None
    if any(j in view[start:end] for j in vocab.joiners):
        return None  # 防洪工程建设和病险水库除险加固: a list runs through the cut
    words = pos_cut(view[start:end])
    at = end
    for w, _ in reversed(words[1:]):
        at -= len(w)
        if end - at > 6 or w == "的":
            return None
        head = _head_of(view[start:at], vocab)
        if head is not None and head in vocab.physical_heads:
            if w[-1:] in ADJECTIVE_SUFFIXES:
                return None  # 冬奥场馆市场化开发: an existing place run a new way, no work on it
            return at if view.count("“", start, at) == view.count("”", start, at) else None
    return None


def _joined_to_ranked(view: str, a: int, head: str, vocab: Vocabulary) -> bool:
    """True when the member at ``a``, after a one-character joiner, shares a ranked description
    with the member before it (具有国际竞争力的先进制造业中心、具有全国影响力的产业创新中心和西部人才中心)."""
    lo = max(0, a - 24)
    for stop in "、,;:。":
        lo = max(lo, view.rfind(stop, lo, a) + 1)
    de = view.rfind("的", lo, a - 1)
    return de > lo and _ranked(view, lo, de, head, vocab)


def _ranked(view: str, a: int, de: int, head: str, vocab: Vocabulary) -> bool:
    """True when the description that ends at the 的 at ``de`` ranks what the name is to become
    (最重要的, 具有国际影响力的, 全国一流的): a role, unless the head is a programme's or a platform's,
    a system to build (the platforms are among the programme heads)."""
    if head in vocab.programme_heads:
        return False
    return any(view.find(w, a, de) >= 0 for w in vocab.rank_words)


def _place(word: str, tag: str) -> bool:
    """True when jieba's ``word`` (tagged ``tag``) is a place's name: tagged so, or a city or county
    named without its suffix (合肥, 府谷)."""
    return tag == "ns" or place_word(word)


def _ordinary(word: str, tag: str) -> bool:
    """True when jieba's ``word`` is an ordinary word: no proper name, abbreviation or place."""
    return tag not in PROPER_TAGS and tag != "j" and not place_word(word)


def _opens_with_place(s: str) -> bool:
    """True when ``s`` opens with a place's name of two or more characters (韩江, 合肥)."""
    words = pos_cut(s) if s else []
    return bool(words) and len(words[0][0]) >= 2 and _place(*words[0])


def _named(name: str, head: str, vocab: Vocabulary) -> bool:
    """True when ``name``, ending with ``head``, names one work: not a generic category, an activity
    on no place, a kind of platform, an ordinary word, a slogan or a designation."""
    if _generic(name, head, vocab) or not _placed(name, head, vocab) or not _system(name, head, vocab):
        return False
    if _slogan(name, vocab) or _designation(name, head, vocab):
        return False
    before = name[: len(name) - len(head)]
    if vocab.wide and head not in vocab.programme_heads and _ranked_kind(before, vocab):
        return False  # 国家级技术中心, 全省重点实验室: a rank to win or a kind across the province
    if head in vocab.park_heads and _trade_park(before, head, vocab):
        return not _word_only(name, vocab)  # 健康食品产业园 in a county: its trade names it
    if _unnamed(name, head, vocab) or _word_only(name, vocab):  # the checks that cut words, last
        return False
    if (
        head in vocab.hub_heads
        and not _has_proper_part(before, vocab)
        and not any(before.find(p, 1) > 0 for p in vocab.place_markers)
    ):
        return False  # 京津冀交通大枢纽, 关键零部件供应链枢纽: a role by what it does (保定东站综合交通枢纽 is at a station)
    if (
        head in vocab.park_heads or (head == "项目" and vocab.wide and not _head_of(name[:-2], vocab))
    ) and not (_has_proper_part(before, vocab) or before.startswith(vocab.unique_prefixes)):
        # 传感器产业园, 冰雪装备产业园 in a province: a kind of park, not one park (国家海洋综合试验场 is the
        # nation's one)
        return False
    return True


def _ranked_kind(before: str, vocab: Vocabulary) -> bool:
    """True when ``before`` is a rank (国家级, 省级) or the whole province (全省) and then no proper
    name: in a province's report a title to win or a kind of facility across it, not one work (a
    city's 市级优抚医院 or 县级…服务中心 is its own)."""
    rank = _match_any(before, 0, vocab.rank_prefixes)
    if rank is None and before.startswith("全"):
        rank = _match_any(before, 0, vocab.admin_prefixes)
    if rank is None or rank[-1] not in "级省市县区":
        return False
    return not _has_proper_part(before[len(rank) :], vocab)


def _trade_park(before: str, head: str, vocab: Vocabulary) -> bool:
    """True when, in a city's or county's report, ``before`` (what stands before a park's or base's
    head) is the trade that names the place's own park (健康食品, 智能装备, 健康生物科技): not a
    rank or title to win (省级现代农业, 国家级大数据服务, 农村产业融合发展示范), generic words (项目) or
    a verb's tail (集度假休闲). A province's report names kinds of park so (传感器产业园)."""
    if vocab.wide or not head.endswith(vocab.trade_parks):
        return False
    if len(before) < 2 or before.startswith(vocab.rank_prefixes) or "示范" in before:
        return False
    if (
        _only_generic(before, vocab.generic, vocab.joiners)
        or before in vocab.generic_heads
        or before in vocab.qualities
    ):
        return False  # 项目园区, 智慧园区
    first, tag = pos_cut(before)[0]
    return len(first) >= 2 and tag not in ("p", "c", "d")


def _has_proper_part(before: str, vocab: Vocabulary) -> bool:
    """True when ``before`` holds a proper name: a place, firm or other proper noun, an
    administrative prefix, a code, a quote, or a name jieba does not know (cut into single
    characters): 长春新区, 中南高科·清苑新经济, 安药集团; not 传感器, 冰雪装备, 零碳."""
    before = _without_manner(before)
    if not before:
        return False
    prefix = _match_any(before, 0, vocab.admin_prefixes)
    if prefix and not before.startswith("级", len(prefix)):
        return True  # 市职教园区, not 市级高新区
    if LATIN_RE.search(before) or PROPER_MARK_RE.search(before):
        return True
    m = PLACE_BEFORE_STATE_RE.match(before)
    if m and _host_place(m.group(1), vocab):
        return True
    words = _cut_known(before, vocab)
    if sum(len(w) == 1 for w, _ in words) >= 2:
        return True
    if any(
        (t in PROPER_TAGS or t == "j") and not (t in ("nr", "ns", "nz") and w in vocab.generic_heads)
        for w, t in words
    ):
        # (not 智慧 in 智慧商圈, 城镇 in 城镇燃气管网: a generic word jieba takes for a name, nr or ns)
        return True
    first = words[0][0]  # 合肥|先进光源园区, 包头|氢能装备制造产业园: a city jieba tags as a common word
    return place_word(first) and not _only_generic(first, vocab.generic_heads, ())


def _cut_known(s: str, vocab: Vocabulary) -> list[tuple[str, str]]:
    """jieba's words of ``s``, with the ordinary words of the reports that it cuts into characters
    joined again (算|力, 跨|江, 高|载|能: as characters they would read as an unknown proper name),
    never across a word jieba knows (全国|高端 holds no 国高), and tagged as common nouns (海洋 is
    no abbreviation of a name)."""
    words = pos_cut(s)
    if not any(w in s for w in vocab.ordinary_words):
        return words
    out: list[tuple[str, str]] = []
    k = 0
    while k < len(words):
        joined, end = "", 0
        for j in range(k, len(words)):
            if len(words[j][0]) != 1:
                break
            joined += words[j][0]
            if joined in vocab.ordinary_words:
                end = j + 1
                break
        if end:
            out.append((joined, "n"))
            k = end
        else:
            w, t = words[k]
            out.append((w, "n") if w in vocab.ordinary_words else (w, t))  # 海洋: no abbreviation
            k += 1
    return out


def _host_place(w: str, vocab: Vocabulary) -> bool:
    """True when ``w`` (before 国家/省级) reads as a place: not a verb, stance or generic word
    (新增, 推进, 综合性, 全国)."""
    if w[-1] in ADJECTIVE_SUFFIXES or w[-1] == "级" or _only_generic(w, vocab.generic_heads, ()):
        return False
    if _match_any(w, 0, vocab.verbs_adverbs) or _match_any(w, 0, vocab.inner_verbs):
        return False
    words = pos_cut(w)
    return not (len(words) == 1 and words[0][1] in {"v", "vn", "a", "ad", "b", "m"})


def _word_only(name: str, vocab: Vocabulary) -> bool:
    """True when ``name`` is one ordinary dictionary word, a category and no name (博物馆, 步行街,
    变电站, 新阶段); a place name that is one word (西环路) is a name."""
    words = pos_cut(name)
    return len(words) == 1 and words[0][1] not in PROPER_TAGS


def _unnamed(name: str, head: str, vocab: Vocabulary) -> bool:
    """True when nothing before the head names one work: no proper noun, code, quote or place, only
    one ordinary word (口袋公园, 人防工程, 储能电站, 三甲医院, 国际物流枢纽中心). A platform is judged
    by _system; a city's or county's own institution (市中职学校) is one of a kind."""
    if head in vocab.platform_heads or name.startswith(vocab.admin_prefixes):
        return False
    before = _core(name, vocab)
    if before != name and name[len(before)] not in "（(":
        return False  # 新余电厂二期: a phase is built on one work, whatever jieba makes of 新余
    before = before[: -len(head)] if before.endswith(head) else before
    if not before or LATIN_RE.search(before) or re.search(r"[\d“”《》·（(]", _without_manner(before)):
        return False
    words = pos_cut(before)
    i = 0
    while i < len(words) - 1 and _only_generic(words[i][0], vocab.generic, ()):
        i += 1
    rest = words[i:]
    if "".join(w for w, _ in rest) in vocab.qualities:
        return True  # 智慧港口, 零碳园区: a kind of facility by its quality, whatever jieba's tag (智慧: nr)
    if len(rest) != 1 or len(rest[0][0]) < 2 or rest[0][1] in PROPER_TAGS:
        return False
    # Before a programme head any one ordinary word is a category (人防工程, 人才项目); before a
    # facility only a distinguishing attribute or a verb is (三甲医院, 实证基地): 华侨学校, 地表水厂
    # and 能源谷 are how reports name one school, plant or park.
    return head in vocab.programme_heads or rest[0][1] in UNNAMED_TAGS


def _slogan(name: str, vocab: Vocabulary) -> bool:
    """A slogan with a head, not a work: a quoted list (“登高、升规、晋位、上市”工程), or a campaign
    joined to a programme (民贸民品产业提升行动和社区“石榴籽”家园提级工程)."""
    for q in QUOTED_RE.findall(name):
        inner = q[1:-1]
        if "、" in inner or (len(name) - len(q) <= 2 and (len(inner) <= 2 or NUMERALS_RE.fullmatch(inner))):
            return True  # “十百千万”工程, “两重”项目: a numbered slogan and a programme word
    for j in vocab.joiners:
        k = name.find(j)
        if k > 0 and name[:k].endswith(vocab.stop_suffixes):
            return True
    return "等地" in name or ("等" in name and ETC_RE.search(name) is not None)


def _designation(name: str, head: str, vocab: Vocabulary) -> bool:
    """A role to play, not a work: from a marker on, only markers and functions before the head
    (大湾区|国际消费枢纽, 西南|重要国际物流枢纽, 遵义|省域副中心); 国家中医区域医疗中心 is a work."""
    if head not in vocab.designation_heads:
        return False
    before = name[: -len(head)]
    if _only_generic(before, vocab.designation_words, ()):
        return True  # 碳金融中心: only functions, a role or a kind
    state = _match_any(before, 0, vocab.unique_prefixes)
    if state and _only_generic(before[len(state) :], vocab.designation_functions, ()):
        return True  # 国家商贸物流中心, 国家科技创新中心: the state's role for a city (贵阳国家物流枢纽 is a work)
    for m in vocab.designation_markers:
        i = before.find(m)
        while i >= 0:
            if _only_generic(before[i:], vocab.designation_words, ()):
                return True
            i = before.find(m, i + 1)
    return False


def _word_bounds(s: str, offset: int) -> frozenset[int]:
    """Where jieba's words of ``s`` end, as offsets in the view."""
    out = []
    pos = offset
    for w, _ in pos_cut(s):
        pos += len(w)
        out.append(pos)
    return frozenset(out)


def _only_generic(s: str, words: tuple[str, ...], joiners: tuple[str, ...]) -> bool:
    i = 0
    while i < len(s):
        w = _match_any(s, i, words) or _match_any(s, i, joiners)
        if w is None:
            return False
        i += len(w)
    return True


def _common_word(name: str) -> bool:
    """True when ``name`` is one ordinary dictionary word (电力, 高校), not a proper name (府谷, a
    county's name that jieba tags as a common word)."""
    words = pos_cut(name)
    return len(words) == 1 and _ordinary(*words[0])


def _generic(name: str, head: str, vocab: Vocabulary) -> bool:
    """True when ``name`` is only generic modifiers and heads (重点项目, 老旧小区和危旧房改造)."""
    words = vocab.programme_generic if head in vocab.programme_heads else vocab.generic
    core = _core(name, vocab)
    core = core[: -len(head)] if core.endswith(head) else core
    if head in vocab.programme_heads:
        unquoted = QUOTED_RE.sub("", core)
        if unquoted and unquoted != core:
            core = unquoted  # “平急两用”公共基础设施: a slogan before a generic category
    if _only_generic(core, words, vocab.joiners):
        return True
    bare = TRAILING_BRACKET_RE.sub("", core)
    if bare != core and bare and _only_generic(bare, words, vocab.joiners):
        return True  # 政策性开发性金融工具(基金)项目: a bracket that glosses a generic kind
    # 重大科技攻关和重大项目: the last part of an unsplit list is itself generic.
    for j in vocab.joiners:
        k = core.rfind(j)
        if k <= 1:
            continue
        tail = core[k + len(j) :]
        if tail and _only_generic(tail, words, ()):
            return True  # 重大科技攻关和重大项目; not 邢和铁路, a one-character name
        if not tail:
            # …园区和开发区, 宿舍楼和运动场: a bare head after a kind of work; 驮英水库及灌区: a named
            # work's own (a proper name before the first head)
            left = core[:k]
            left_head = _head_of(left, vocab)
            if left_head is None or not _named(left, left_head, vocab):
                return True
            return not _has_proper_part(left[: -len(left_head)], vocab)
    return False


def _placed(name: str, head: str, vocab: Vocabulary) -> bool:
    """An activity (改造, 治理 …) counts only on a named place: 城中街片区老旧小区改造, not 生活垃圾治理."""
    if head not in vocab.activity_heads:
        return True
    core = name[: -len(head)]
    if LATIN_RE.search(core):
        return True
    i = 0
    while i < len(core):  # generic modifiers first: 场站周边 names no place
        w = _match_any(core, i, vocab.programme_generic)
        if w is None:
            break
        i += len(w)
    rest = core[i:]
    if rest.endswith(vocab.problems):
        return False  # 非电网直供电小区用电问题治理, 违法占用耕地问题整治: a problem to curb, not a place
    for w in vocab.not_places:
        rest = rest.replace(w, "")  # 站点, 场所, 场景 hold a marker and name no place
    for p in vocab.place_markers:
        k = rest.find(p, 1)
        while k > 0:
            if not vocab.wide or rest[: k + len(p)] not in vocab.head_set:
                return True
            # 高速公路拥堵路段扩容改造 in a province: a kind of road (公路) names no place (a city's
            # 县污水处理厂提标改造 is its one plant)
            k = rest.find(p, k + 1)
    return False


def _system(name: str, head: str, vocab: Vocabulary) -> bool:
    """A platform counts as an information system or a place's own: 智慧调度平台, not 共性技术平台."""
    if head not in vocab.platform_heads:
        return True
    if QUOTED_RE.search(_without_manner(name[: -len(head)])):
        return True  # “海上福建”总平台, “闽投”系列深远海养殖平台: a platform with a name of its own
    if any(w in name for w in vocab.platform_markers) or REGION_RE.search(name[: -len(head)]):
        return True
    return _opens_with_place(name)  # 鄂尔多斯制氢装备检验检测实证平台, 揭阳重型网箱平台: a place's own


def _shared_head(
    view: str, member: Span, last: Span, vocab: Vocabulary, relaxed: bool = False
) -> tuple[Span, Span] | None:
    """漕河 in 漕河、府河、唐河（清苑区段）治理工程 is 漕河治理工程, located at 漕河; 西康 in 西康、西十高铁
    is 西康高铁: (where the member stands, where the shared suffix stands in the next member)."""
    a, b = member
    while a < b and view[a] == " ":
        a += 1
    while b > a and view[b - 1] == " ":
        b -= 1
    name = view[a:b]
    if not 2 <= len(name) <= 8 or _head_of(name, vocab) or AMOUNT_RE.search(name):
        return None  # (总投资11亿元、占地600亩的…校区: an amount is no name to complete)
    if name.endswith(vocab.zone_ends) and len(name) > 3:
        return None  # 自贸试验区、海南自由贸易港: a zone is whole, it takes no other work's head
    ls, le = last
    if _joined(view[ls:le], vocab):
        return None  # 国内集货仓、海外前置仓和陆海空物流专线: no one head to share
    k = -1
    place = TRAILING_BRACKET_RE.sub("", name)  # 唐河（清苑段）和金线河治理工程: the river is the place
    if len(place) <= 6 and place.endswith(vocab.place_markers):
        idx = view.find(place[-1], ls + 1, le)  # 漕河 … 唐河（清苑区段）治理工程: after the same marker
        if idx >= 0:
            k = idx + 1
            if k < le and view[k] == "(":  # (the view folds （ to ( ); a quote opened here is no stretch
                close = view.find(")", k, le)
                if close < 0:
                    return None
                k = close + 1
    if k < 0:
        if not _bare_name(name, vocab, relaxed):
            return None
        k = ls + _proper_cut(view[ls:le], len(name), vocab, name)
    suffix = view[k:le]
    first = pos_cut(suffix)[:2]
    if len(first) == 2 and len(first[0][0]) == 1 and first[0][1] in FUNCTION_TAGS:
        k += 1  # 甘其毛|都|口岸互贸区: a function word jieba cut out of the name is no part of the head
        suffix = view[k:le]
    if view[k - 1 : k].isdigit() or view[k : k + 1] in CN or COUNTED_SUFFIX_RE.match(view, k):
        return None  # 330千伏…线路工程: never cut inside an amount; 西气东输|三线…段: nor before one
    if len(suffix) < 1 or k <= ls or _match_any(suffix, 0, vocab.lead_verbs) or "等" in suffix:
        return None
    if NUMBERED_SET_RE.match(suffix) or QUOTED_COUNT_RE.match(suffix):
        return None  # 名医、名院、名诊所“三名”工程: the members make a numbered set, no head to share
    if len(suffix) == 1 and not CODE_END_RE.search(name) and not name.endswith(vocab.place_markers):
        return None  # 万里茶道、海上丝绸之路; 智能电网、新能源汇集站: one character is too little to share
    if any(j in suffix for j in vocab.joiners) or name.endswith(suffix):
        return None  # …省实验室和产业创新研究院 is two works; 视谷 already ends with 谷
    if not _head_or_whole(suffix, vocab):
        return None
    if vocab.phase_re.match(suffix):  # (the pattern ends with $)
        return None  # 国电湖东、同热三期: a phase belongs to its own work, not a head to share
    return (a, b), (k, le)


def _joined(s: str, vocab: Vocabulary) -> bool:
    """True when ``s`` holds a joiner as a word of its own (…前置仓和陆海空物流专线), not inside a
    name (乌兰布和至京津冀鲁外送通道)."""
    if not any(j in s for j in vocab.joiners):
        return False
    words = [w for w, _ in pos_cut(s)]
    # a joiner before 至 ends a place's name (乌兰布|和|至…, as jieba cuts it): no conjunct starts with 至
    return any(w in vocab.joiners and words[k + 1 : k + 2] != ["至"] for k, w in enumerate(words))


def _bare_name(name: str, vocab: Vocabulary, relaxed: bool = False) -> bool:
    """True when ``name`` (no head of its own) reads as a proper name that a later head completes:
    西康, 府谷, 同德至玛沁 -- not an ordinary word (教育), a generic modifier or a verb phrase."""
    if DIGITS_ONLY_RE.match(name) or name.startswith(OPEN_BRACKETS) or "等" in name or "的" in name:
        return False
    if not HAN_RE.search(name) or name in vocab.stop_names:
        return False  # 5G、数据、充换电站: a technology and a field, no names
    if name.endswith(vocab.stop_suffixes) or _joined(name, vocab):
        return False  # (呼和浩特 holds 和 inside a word: no joiner)
    if _only_generic(name, vocab.generic_heads, vocab.joiners) or (not relaxed and _common_word(name)):
        return False
    return not any(_match_any(name, i, vocab.inner_verbs) for i in range(len(name)))


def _own_thing(bare: str, vocab: Vocabulary) -> bool:
    """True when the bare name ``bare`` ends with a common word of its own (中农|商贸城, 发热|门诊, 城区|
    转盘): a thing, not a place whose work a later member names (贵阳, 科右前旗, 格尔木东)."""
    words = pos_cut(bare)
    if len(words) < 2 or bare.endswith(vocab.admin_prefixes):
        return False
    last, tag = words[-1]
    return len(last) >= 2 and _ordinary(last, tag)


def _proper_cut(name: str, want: int, vocab: Vocabulary, bare: str = "") -> int:
    """Where the proper part of ``name`` ends and the head it shares with a bare name of length
    ``want`` begins: after a code (F3|线); at a word boundary of the same length as a short bare name
    (青桂 -> 青粤|绿电外送通道); after a leading place or proper noun (遵义|国家物流枢纽); else
    before its head word alone (钾盐高效利用 -> …利用|工程)."""
    m = CODE_LEAD_RE.match(name)
    if m:
        return int(m.end())
    words = pos_cut(name)
    pos = 0
    bounds = []
    for w, _ in words[:-1]:
        pos += len(w)
        bounds.append(pos)
    short = want <= 3 or (want == 4 and not (len(words[0][0]) == 2 and words[0][1] == "ns"))  # not 海南|清洁…
    if short and want in bounds and _head_or_whole(name[want:], vocab):
        return want
    if want <= 3 and bounds and 2 <= bounds[0] <= 3 and words[0][1].startswith("n"):
        first = name[bounds[0] :]
        if _head_of(first, vocab) and not _head_of(name[: bounds[0]], vocab):
            return bounds[0]  # 牛羊、玉米、马铃薯、大豆技术创新中心: one noun each, the same phrase after it
    rest = name[want:]
    if want in bounds and bare[:2] == name[:2] and _head_or_whole(rest, vocab):
        return want  # 中国中化、中国华能总部: a name as long, from the same first characters
    head = _head_of(name, vocab)
    if "至" in name and head:
        # 镇巴至陕川界|高速: a route's name runs to its head and the generic words before it
        # (乌兰布和至京津冀鲁|外送通道)
        k = len(name) - len(head)
        g = _ending(name, name.rfind("至") + 2, k, vocab.generic)
        while g:
            k -= len(g)
            g = _ending(name, name.rfind("至") + 2, k, vocab.generic)
        return k
    if len(words) > 1 and len(words[0][0]) > 1 and words[0][1] in PROPER_TAGS:
        if _own_thing(bare, vocab):
            return 0  # 中农商贸城、黄河故道郊野森林公园: a thing of its own takes no place's head
        k = len(words[0][0])
        w, tag = words[1]
        if len(words) > 2 and tag == "v" and len(w) == 1 and len(words[2][0]) > 1 and HAN_RE.fullmatch(w):
            k += 1  # 乌拉|盖|通用机场: a lone verb character after a name is the name's own (乌拉盖)
        return k
    if head and want <= 3:
        # 凌家滩、双墩|遗址博物馆, 大堤口、中冉|城中村改造安置房: jieba cuts a short unknown name
        # into characters; its proper part is as short as the bare names, and the rest is shared
        b = next((x for x in bounds if x >= 2), 0)
        if (
            2 <= b <= 3
            and b < len(name) - len(head)
            and not _only_generic(name[:b], vocab.generic, ())
            and _match_any(name, b, vocab.heads) is None  # 江淮运河|文化旅游带: 运河 is the name's
        ):
            return b
    return len(name) - len(head) if head else 0
