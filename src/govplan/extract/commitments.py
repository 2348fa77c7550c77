"""Numeric commitments: the quantities of a report with what they measure and how firmly.

``numerals.find_quantities`` finds the numbers; this stage gives each one its metric (the noun
phrase measured, bounded by clause punctuation and jieba's word edges), its kind, its stance, its
status (planned in the plan part, achieved in the review part) and its section and topic.

Sentence grammar read here (README.md, "Commitments", says the same for users):
- a list of numbers (增长7.5%、8.5%) shares the metric of its first number; with 分别 and as many
  listed subjects as numbers (国内游客、入境游客数量分别增长6.9%、68.4%) each number takes its own;
- a bare change (地区生产总值完成183.7亿元，增长3.8%) takes the subject of the commitment before it
  in the same sentence (地区生产总值增长);
- from -> to (从796元提高至842元) is one commitment, the target, with ``from_value`` the start;
- ages, the term of a standing policy (再延长30年) and the length of a streak (连续48个月) are not
  commitments.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex as re

from govplan.data import LongestFirst, alternation, load, longest_first, read_fields
from govplan.ids import IdRegistry, digest
from govplan.models import Commitment
from govplan.numerals import Quantity, find_quantities, spec_at
from govplan.patterns import ETC_RE, RATIO_WORDS
from govplan.segment import Layout
from govplan.tokens import pos_cut

# A clause ends at these (on the folded view); the metric never crosses one.
# A parenthesis breaks a clause only around an enumerator ((一), (2)); 污水治理(管控)率 is one phrase.
CLAUSE_BREAK_RE = re.compile(r"[,;:。!?\n]|\((?:[一二三四五六七八九十]+|\d+)\)|以及|并且")
SENTENCE_BREAKS = "。;!?\n"
# The noun after a unit ends at punctuation, a list mark or the next number.
NOUN_END_RE = re.compile(r"[,;:。!?\n、\d]")
LIST_ITEM_BREAK_RE = re.compile(r"(?<=[\d%亩吨株个项家处条座公里米元人次户套所上下右内点])、")
TRAILING_JUNK_RE = re.compile(r"[\s、和及与等的]+$")
LEADING_JUNK_RE = re.compile(r"^[\s、和及与并且把将对在使让向从以]+")
# 至少 (or 最少) and the verb run between it and the number it bounds (至少启动建设2个).
AT_LEAST_RE = re.compile(r"(?:至少|最少)([\u4e00-\u9fff]{1,4})$")
# What joins the numbers of one list (7.5%、8.5%; 18.6%和23.4%).
LIST_GLUE_RE = re.compile(r"(?:/[月年日天周])?\s*(?:、|和|及|与|或)\s*")
# The members of a list of subjects (国内游客、入境游客数量).
SUBJECT_SPLIT_RE = re.compile(r"、")
SUBJECT_SPLIT_WIDE_RE = re.compile(r"、|和|及|与")
# 从/由 opening a from -> to change, an optional base year between it and the number.
FROM_BEFORE_RE = re.compile(r"[从由](?:(?:19|20)\d\d年(?:末|底)?的?|[^\d,;:。!?、从由]{0,6})\s*$")
# An enumerator opening a clause (六是, ①): list structure, never part of a metric.
LIST_MARK_RE = re.compile(r"(?:[一二三四五六七八九十]+是|[①-⑳])")
PER_PERIOD_RE = re.compile(r"/[月年日天周]")
# 的36个 before the object of an amount (投资37亿元的6个项目).
LEADING_COUNT_RE = re.compile(r"^的?(?:\d+(?:\.\d+)?[个项家处条座所]?)?")
DIGIT_RE = re.compile(r"\d")
# What may stand between a number and the predicate that says what it counts (7.8万户、22.9万人稳定…).
PREDICATE_SKIP_RE = re.compile(r"(?:[、和]\d+(?:\.\d+)?[万亿]?(?:人次|[人户个家名项套座处所条吨亩]))*")
# The last amount of a clause (119家公共文化场馆…): what follows it is the clause's own noun phrase.
LAST_AMOUNT_RE = re.compile(r".*\d[^\u4e00-\u9fff]*[\u4e00-\u9fff]?")
# Adverbs between a subject and its predicate (16个区均被评为…): not part of the metric.
# A bound inside a noun phrase after a counted noun (海拔1500米以上…, 世界500强企业, 人口20万以上的县).
THRESHOLD_AFTER_RE = re.compile(r"\d+(?:\.\d+)?[万亿]?[^\d,;:。!?、\n]{0,3}?(?:以上|以下|强)的?")
# An amount right after a counted noun measures a part of each (9个乡镇29个行政村, 15个小区575户的…).
INNER_AMOUNT_RE = re.compile(r"\d+(?:\.\d+)?[万亿]?[多余]?(?:平方米|公里|人次|[个项家所户亩套座处条名人吨])")
PREDICATE_LEAD_RE = re.compile(r"^(?:的|均|都|已|也|全部|分别|先后|相继|已经|陆续|共同|率先|首批|成功)+")
YEAR_LEAD_RE = re.compile(r"^(?:(?:19|20)\d\d年)")
# A count (15, 2.5万, 300多) before its counter.
COUNT = r"\d+(?:\.\d+)?[万亿]?[多余]?"
# The next member of a list of counted things: 和15名, 、2所.
LIST_MEMBER_RE = re.compile(rf"[、和及与或]{COUNT}(?:[个项家所户名位座处条人])")
# A rank or size class alone (国家级, 省级, 千亿级, 乡镇级): in a list it shares the last member's noun.
RANK_RE = re.compile(r"[\u4e00-\u9fff]{1,4}级")
RANK_MEMBER_RE = re.compile(rf"[、和]{COUNT}(?:[个项家所户座处条名])(?:以上|左右)?")
# 其中 opens a clause that counts a part of the whole just named; 为/是 before what the part is.
SUBSET_WORD = "其中"
SUBSET_VERB_RE = re.compile(r"^(?:为|是|属于?)")
SHARE_WORD = "占比"
COVER_WORD = "覆盖"
# A rate set 按 a share (赤字率拟按3%安排, 减按15%征收) is the basis of what follows, not a share doing it.
RATE_BASIS_WORDS = ("按",)
# 由 opens the predicate of a share as a verb does (项目80%以上由企业牵头承担).
SHARE_AGENT_WORDS = frozenset({"由"})
# 由上年下降2.3%转为增长: a turn of a change, not what a share does.
SHARE_NOT_PREDICATE = frozenset({"转为", "转向"})
# The predicate of a share ends at a list mark or another number.
SHARE_PREDICATE_END_RE = re.compile(r"[、\d]")
RESPECTIVELY = "分别"
# A quoted name a metric reaches into is read to its closing quote when that is this near (“15分钟
# 高品质生活服务圈”, “双高建设计划”), else the metric stops before the opening quote.
QUOTE_OPEN, QUOTE_CLOSE, QUOTE_REACH = "“", "”", 16
# Words that may join the verbs a list's items share (新建和改造, 累计创建, 新打造).
LIST_VERB_GLUE = frozenset({"及", "和", "与", "新", "累计"})


@dataclass(frozen=True)
class Lexicon:
    """The commitment vocabulary of ``data/commitments.yaml``: the word fields are read from the key of
    their name (``data.read_fields``), the patterns built from the word lists."""

    stances: LongestFirst
    stance_not_in: LongestFirst
    stances_at_head: frozenset[str]
    borrow_verbs: frozenset[str]
    borrow_tail_re: re.Pattern[str]
    attributes: frozenset[str]
    lead_words: LongestFirst
    lead_verbs: LongestFirst
    linking_words: LongestFirst
    linking_tail_re: re.Pattern[str]
    # The first lead word (longest first) that opens a string and leaves something after it; the
    # first lead verb that leaves four characters: one match instead of a startswith per word.
    lead_word_re: re.Pattern[str]
    lead_verb_re: re.Pattern[str]
    action_verbs: frozenset[str]
    action_verbs_by_len: tuple[str, ...]
    action_run_re: re.Pattern[str]  # one or more action verbs (启动建设)
    kinds: tuple[tuple[str, tuple[str, ...]], ...]
    count_units: frozenset[str]
    spend_re: re.Pattern[str]
    aggregates: frozenset[str]
    owned_words: tuple[str, ...]  # attributes and aggregates: words that belong to an owner (资金占比)
    baseline_re: re.Pattern[str]
    bare_re: re.Pattern[str]
    subject_tail_re: re.Pattern[str]
    subject_head_re: re.Pattern[str]
    from_to_re: re.Pattern[str]
    age_unit: str
    age_measures: tuple[str, ...]
    streak_re: re.Pattern[str]
    time_taken_re: re.Pattern[str]
    time_units: frozenset[str]
    policy_term_re: re.Pattern[str]
    conjunction_words: tuple[str, ...]


def _at_end(words: list[str]) -> re.Pattern[str]:
    """One of the words at the end of a string."""
    return re.compile(rf"(?:{alternation(words)})$")


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The commitment vocabulary of ``data/commitments.yaml``."""
    raw = load("commitments.yaml")
    carry = alternation(raw["bare_words"])
    return read_fields(
        Lexicon,
        raw,
        attributes=frozenset(raw["attribute_words"]),
        aggregates=frozenset(raw["aggregate_words"]),
        owned_words=tuple(sorted(set(raw["attribute_words"]) | set(raw["aggregate_words"]))),
        action_verbs_by_len=longest_first(raw["action_verbs"]),
        action_run_re=re.compile(rf"(?:{alternation(raw['action_verbs'])})+"),
        kinds=tuple((k, tuple(v)) for k, v in raw["kinds"].items()),
        linking_tail_re=_at_end(raw["linking_words"]),
        # 性 after a lead word makes it the stem of an adjective (预期性指标, 持续性): no lead there
        lead_word_re=re.compile(rf"(?:{alternation(raw['lead_words'])})(?=.)(?!性)", re.S),
        lead_verb_re=re.compile(rf"(?:{alternation(raw['lead_verbs'])})(?=.{{4}})", re.S),
        spend_re=_at_end(raw["spend_verbs"]),
        borrow_tail_re=_at_end(raw["borrow_verbs"]),
        # 比上年, 较2020年, 同比: the base of a change is not part of what is measured.
        baseline_re=re.compile(
            rf"(?:{alternation(raw['baselines'])}|[比较](?:19|20)\d\d年(?:末|底|同期)?的?|[比较]“[^”]{{1,6}}”(?:时期|期间)?末?)"
        ),
        bare_re=re.compile(rf"^(?:{carry})+$"),
        subject_tail_re=re.compile(rf"(?:{carry})+$"),
        subject_head_re=re.compile(rf"^(?:{alternation(raw['subject_lead_words'])})"),
        from_to_re=re.compile(
            # 796元/月提高至842元/月: the period of a rate stays outside the quantity.
            rf"^(?:/[月年日天周])?\s*(?:{alternation(raw['from_to_verbs'])})?(?:到|至|为)(?:(?:19|20)\d\d年(?:末|底)?的?)?\s*$"
        ),
        streak_re=_at_end(raw["streak_words"]),
        time_taken_re=_at_end(raw["time_taken_words"]),
        policy_term_re=_at_end(raw["policy_term_verbs"]),
    )


@dataclass
class _Item:
    """A quantity on its way to a commitment."""

    q: Quantity
    anchor: int  # where the text before it that names the metric ends (the 从 of a from -> to)
    from_value: float | int | None = None


def _not_commitment(view: str, q: Quantity, lex: Lexicon) -> bool:
    """Ages, the term of a standing policy and the length of a streak (GUIDELINES: not commitments)."""
    before = view[max(0, q.start - 6) : q.start]
    if lex.streak_re.search(before):
        return True  # 连续48个月保持两位数增长, 连续3年
    if q.unit == "年" and lex.policy_term_re.search(before):
        return True  # 第二轮土地承包到期后再延长30年
    if q.unit == lex.age_unit:
        # 人均预期寿命达到79岁 measures something; 0—6岁, 3岁以下 only name an age group.
        clause = view[_clause_start(view, q.start, 0) : q.start]
        return not any(w in clause for w in lex.age_measures)
    return False


def _took(view: str, q: Quantity, lex: Lexicon) -> bool:
    """提前两年完成, 仅用90天建成: how long it took or how early it came, not what was delivered."""
    return (
        q.unit in lex.time_units and lex.time_taken_re.search(view, max(0, q.start - 6), q.start) is not None
    )


def _at_least(view: str, q: Quantity, lex: Lexicon) -> int | None:
    """Where 至少 stands when it bounds the number across the verb that counts it (每个县至少打造2座…书院,
    至少启动建设2个…小镇): the number is a floor, as 至少2座 is."""
    if q.comparator != "=":
        return None
    lo = max(0, q.start - 8)
    m = AT_LEAST_RE.search(view[lo : q.start])
    if m is None or not lex.action_run_re.fullmatch(m.group(1)):
        return None
    return lo + int(m.start())


def _pair_from_to(view: str, qs: list[Quantity], lex: Lexicon) -> list[_Item]:
    """从796元/月提高至842元/月: one item, the target, keeping the start as ``from_value``."""
    out: list[_Item] = []
    i = 0
    while i < len(qs):
        q = qs[i]
        if i + 1 < len(qs):
            nxt = qs[i + 1]
            fm = FROM_BEFORE_RE.search(view, max(0, q.start - 12), q.start)
            if (
                fm is not None
                and nxt.unit == q.unit
                and q.comparator in ("=", "~")
                and lex.from_to_re.match(view[q.end : nxt.start])
            ):
                out.append(_Item(nxt, fm.start(), q.value))
                i += 2
                continue
        out.append(_Item(q, q.start))
        i += 1
    return out


def _groups(view: str, items: list[_Item]) -> list[list[_Item]]:
    """Runs of numbers joined only by list glue (增长7.5%、8.5%和9%)."""
    out: list[list[_Item]] = []
    for it in items:
        if out and it.from_value is None and out[-1][-1].from_value is None:
            gap = view[out[-1][-1].q.end : it.q.start]
            if gap and LIST_GLUE_RE.fullmatch(gap):
                out[-1].append(it)
                continue
        out.append([it])
    return out


def extract_commitments(layout: Layout) -> list[Commitment]:
    """Every quantified statement in the report body, in document order."""
    lex = lexicon()
    text, view = layout.text, layout.view
    found: list[Quantity] = []
    # 利用20天完成47万亩…: a time taken is no commitment, yet no metric reaches back over it.
    walls: list[int] = []
    for q in find_quantities(view[: layout.body_end], folded=True):
        if layout.part_at(q.start) == "other" and q.start < layout.preamble_end:
            continue  # title, dateline and opening words: no promises there
        if _took(view, q, lex):
            walls.append(q.end)
        elif not _not_commitment(view, q, lex):
            found.append(q)
    wall_at = 0
    ids = IdRegistry()
    out: list[Commitment] = []
    # The subjects of the last group of numbers and where its sentence starts: a bare change
    # (…完成183.7亿元，增长3.8%) borrows them.
    # (sentence start, subjects of the last group, subjects of every group so far in the sentence)
    last: tuple[int, list[str], list[str]] | None = None
    floor = taken = floor_before = 0  # end of the last quantity and of its metric
    prev_metric: str | None = None
    for group in _groups(view, _pair_from_to(view, found, lex)):
        head = group[0]
        while wall_at < len(walls) and walls[wall_at] <= head.anchor:
            floor = taken = max(floor, walls[wall_at])
            wall_at += 1
        metric, m_span = _metric(
            layout, head.anchor, head.q.end, head.q.unit, lex, min(floor, head.anchor), taken, prev_metric
        )
        floor_before = floor
        floor, taken = group[-1].q.end, m_span[1]
        metrics: list[str | None] = [metric] * len(group)
        if (
            metric
            and len(group) > 1
            and RESPECTIVELY not in metric
            and m_span[1] <= head.q.start
            and RESPECTIVELY in view[m_span[1] : head.q.start]
        ):
            metric += (
                RESPECTIVELY  # 水果、蔬菜、茶叶产量分别达2050万吨、…: 分别达 was cut from the metric's end
            )
        if metric and len(group) > 1 and RESPECTIVELY in metric:
            metrics = list(_split_respectively(metric, len(group), lex))
        metrics = [_clean(m, lex) if m else None for m in metrics]
        sentence = _sentence_start(view, head.q.start)
        cs = _clause_start(view, head.anchor, 0)
        if (metrics[0] is None or lex.bare_re.match(metrics[0])) and view.startswith(RESPECTIVELY, cs):
            # 2021年旅游收入、游客人数再创新高，分别增长16.4%、15.8%
            listed = _previous_clause_subjects(view, cs, len(group), lex)
            if listed:
                verb = metrics[0] or ""
                verb = "" if verb in lex.linking_words else verb
                metrics = [p + verb for p in listed]
        if metrics[0] is None and prev_metric and head.anchor == floor_before:
            # 项目198个20.1万套, 11户52人: a number right after another measures the same thing.
            metrics = [prev_metric] * len(group)
        if last is not None and last[0] == sentence:
            subjects = last[1]
            if len(group) > 1 and len(subjects) < len(group) <= len(last[2]):
                # 接待游客2.73亿人次、实现收入4140亿元，增长18.6%和23.4%: one subject per number before.
                subjects = last[2][-len(group) :]
            for k, m in enumerate(metrics):
                borrow = m in lex.borrow_verbs
                if m and (lex.bare_re.match(m) or borrow):
                    subject = subjects[k] if len(subjects) == len(metrics) else subjects[-1]
                    if borrow:
                        # …项目599项，总投资5942亿元，当年计划投资…: the works, not their 总投资, spend the next amount
                        subject = lex.borrow_tail_re.sub("", subject) if len(subject) > 4 else subject
                    if borrow and (
                        len(subject) < 3 or m in subject or subject.endswith(tuple(lex.attributes))
                    ):
                        subject = ""  # 总投资5942亿元，当年计划投资…: no 总投资投资
                    if subject:
                        # 达到 adds nothing to the subject; 增长, 累计, 总额 say what of it is measured.
                        copula = m in lex.linking_words and m not in lex.aggregates
                        metrics[k] = subject + ("" if copula else m)
        if last is not None and last[0] == sentence and last[1] and view.startswith(SUBSET_WORD, cs):
            # 经营主体…突破1900万户，其中企业超830万户: the part is counted among the whole named before
            # (经营主体中企业); 其中56项为全国首创 names the part by what the clause says of it.
            whole = last[1][-1]
            for k, m in enumerate(metrics):
                said = m == SUBSET_WORD
                if said:
                    m = SUBSET_VERB_RE.sub("", _predicate_after(view, text, group[k].q.end, lex)[0] or "")
                # 其中制造业占比70%以上: a share with no whole of its own is a share of the whole
                share = m is not None and len(metrics) == 1 and m.endswith(SHARE_WORD) and m not in whole
                if m and (said or share or len(m) <= 2) and len(whole) >= 2 and whole not in m:
                    metrics[k] = f"{whole}中{m}"
        if any(m and len(m) <= 2 for m in metrics):
            metrics = [
                _fill_short(view, text, it.q, m, m_span, sentence, lex) if m and len(m) <= 2 else m
                for it, m in zip(group, metrics, strict=True)
            ]
        prev_metric = metrics[-1]
        subjects_now = [_subject(m, lex) if m else "" for m in metrics]
        earlier = last[2] if last is not None and last[0] == sentence else []
        last = (sentence, subjects_now, earlier + subjects_now)
        for k, it in enumerate(group):
            q = it.q
            metric = metrics[k]
            span = (
                (min(q.start, m_span[0]), max(q.end, m_span[1]))
                if m_span[1] > m_span[0]
                else (q.start, q.end)
            )
            if it.from_value is not None:
                span = (min(span[0], it.anchor), span[1])
            comparator = q.comparator
            floor_at = _at_least(view, q, lex)
            if floor_at is not None:
                comparator = ">="
                span = (min(span[0], floor_at), span[1])
            part = layout.part_at(q.start)
            section = layout.section_at(q.start)
            topic = layout.topic_at(q.start)
            section_id = section.id if section else None
            out.append(
                Commitment(
                    id=ids.take(f"c-{digest(section_id or '', metric or '', text[q.start : q.end])}"),
                    text=text[span[0] : span[1]],
                    span=span,
                    line=layout.line_at(span[0]),
                    metric=metric,
                    value=q.value,
                    value_max=q.value_max,
                    from_value=it.from_value,
                    unit=q.unit,
                    comparator=comparator,
                    raw=text[q.start : q.end],
                    kind=_kind(metric or "", q.unit, comparator, lex),
                    status="achieved" if part == "review" else "planned",
                    stance=_stance(view, q.start, lex, whole_sentence=part != "review"),
                    section=section_id,
                    topic=topic.id if topic else None,
                )
            )
    return out


def _fill_short(
    view: str, text: str, q: Quantity, metric: str, m_span: tuple[int, int], sentence: int, lex: Lexicon
) -> str:
    """A word before the number that says too little (占地, 投资, 惠及): complete it from the sentence.

    It takes the noun its amount qualifies (占地600亩的河北大学安国校区) or, for money spent and people
    reached, the noun phrase ending the clause before (…发放一次性生活补助，惠及1100多万人).
    """
    after_number = m_span[0] >= q.end
    if after_number and metric not in lex.borrow_verbs:
        return metric
    at, after = (0, "") if after_number else _noun_after(view, q.end)
    if 2 <= len(after) <= 12 and pos_cut(after)[0][1][:1] in ("n", "j", "b"):
        if metric in lex.stances:
            return after  # 确保20万吨电池级磷酸铁
        tag = pos_cut(metric)[0][1][:1]
        if tag not in ("r", "b", "t", "m", "q", "f", "u", "d", "c"):
            # 严守18亿亩耕地红线, 年产80万吨净水剂: the verb and its object (not 上述, 首期, 每年)
            return metric + after
        if tag in ("r", "t"):
            # 首期100亿元省级科技创新母基金, 我区1100多种…好产品: a determiner or a time points at
            # the thing; the noun after the amount names it.
            return after
    if view.startswith("的", q.end) and q.unit not in lex.count_units:
        at, after = _noun_after(view, q.end + 1)
        if len(after) > 12:
            after = _leading_nouns(after)  # 热海健康小镇创新生态农业示范区已启动…: up to its verb
        if 2 <= len(after) <= 16 and not DIGIT_RE.search(after):
            return after + metric
    if metric not in lex.borrow_verbs and metric not in lex.attributes:
        return metric  # 校舍, 首批, 其中, 推出: only money spent, people reached and attributes name a topic
    cs = _clause_start(view, min(q.start, m_span[0]), sentence)
    if metric in lex.attributes and (cs <= sentence or view[cs - 1] not in ",:"):
        # 石化产业持续…。产值突破1300亿元: opening its sentence, the attribute belongs to the
        # subject that opens the sentence before.
        rest = _strip_front(view[cs : m_span[0]], 0, lex)[0]
        if cs > sentence or (rest and rest not in lex.lead_words) or sentence < 1:
            return metric
        owner = _opening_subject(view, _sentence_start(view, sentence - 1), sentence - 1)
        return owner + metric if owner else metric
    if cs <= sentence or view[cs - 1] not in ",:":
        return metric
    lo = _clause_start(view, cs - 1, sentence)
    prev = view[lo : cs - 1]
    if metric in lex.attributes:
        # 粮食生产再获丰收，总产达到557亿斤: an attribute belongs to the subject the clause before opens with
        # (when it opens its own clause: 接待游客2.73亿人次、实现收入… has its subject).
        rest = _strip_front(view[cs : m_span[0]], 0, lex)[0]
        if rest and rest not in lex.lead_words:
            return metric
        owner = ""
        for word, flag in pos_cut(_strip_front(prev, 0, lex)[0]):
            if flag[:1] not in ("n", "j") and flag != "vn":
                break
            owner += word
        if len(owner) >= 2 and not DIGIT_RE.search(owner):
            return owner + metric
        # 包钢集团要全力突围，在…上下功夫，力争营收达到1200亿元: else the subject opening the sentence
        owner = _opening_subject(view, sentence, cs)
        return owner + metric if owner else metric
    cut = LAST_AMOUNT_RE.search(prev)
    if cut:
        prev = prev[cut.end() :]
    prev, _ = _strip_front(_strip_back(prev, lex), 0, lex)
    if len(prev) > 12:
        prev, _ = _tail_phrase(prev, 0)
    prev = _strip_back(prev, lex)
    if len(prev) < 2 or DIGIT_RE.search(prev) or metric in prev:
        return metric
    words = pos_cut(prev)
    if words[-1][1][:1] not in ("n", "v", "l", "j") or any(f[:1] == "p" or w == "是" for w, f in words):
        return metric  # 作为最大机遇, 是清新的蓝: no topic to borrow
    if "、" in prev:
        return metric
    if words[0][1] == "v" and len(prev) - len(words[0][0]) >= 4:
        prev = prev[len(words[0][0]) :]  # 推进白洋淀上游流域综合治理: the topic without its verb
    return prev + metric


def _opening_subject(view: str, lo: int, hi: int) -> str:
    """The noun phrase that opens view[lo:hi] as its subject (石化产业 of 石化产业持续…), else "".

    Only nouns, and a verb must follow them: 煤炭智能绿色安全开采方面 opens with no subject.
    """
    out = ""
    for k, (word, flag) in enumerate(pos_cut(view[lo : min(hi, lo + 30)])):
        if flag[:1] in ("n", "j") and flag != "nr" or (k == 0 and flag == "a" and len(word) == 1):
            out += word
            continue
        return out if len(out) >= 3 and flag[:1] in ("v", "d") and not DIGIT_RE.search(out) else ""
    return ""


def _predicate_tail(view: str, pos: int, lex: Lexicon, *, through_list: bool = False) -> str:
    """What the rest of the clause says of a noun ending at ``pos``: 通过国家两化融合贯标 (empty for a list)."""
    end = _clause_end(view, pos)
    chunk = view[pos:end]
    if not chunk or chunk[0] in "等(":
        return ""
    if chunk[0] in "、和及与或":
        if not through_list:
            return ""
        # 52个机关、企事业单位附属空间对外开放: the predicate after the other members of the list
        at = _past_counted_members(chunk) if LIST_MEMBER_RE.match(chunk) else 0
        if not at:
            for word, flag in pos_cut(chunk):
                if flag == "v" and len(word) >= 2 and at > 1 and word not in lex.linking_words:
                    break
                at += len(word)
        chunk = chunk[at:] if at < len(chunk) else ""
    if inner := INNER_AMOUNT_RE.match(chunk):
        chunk = chunk[inner.end() :]  # 5个项目398亩土地处置利用: the part counted inside each
    lead = PREDICATE_LEAD_RE.match(chunk)
    if lead is not None:
        chunk = chunk[lead.end() :]
    lo = end - len(chunk)  # where the chunk stands in the view
    d = DIGIT_RE.search(chunk)
    chunk = chunk[: d.start()] if d else chunk
    if chunk.startswith(("以上", "以下")):
        return ""  # 13条河流、300条中型以上侵蚀沟治理: a bound inside the last member, not a predicate
    chunk = _close_quote(view, lo, _strip_back(chunk[:14], lex))
    return chunk if len(chunk) >= 2 else ""


def _past_counted_members(chunk: str) -> int:
    """Where the predicate starts after the other counted members of a list (、15名个人, 和2家医院).

    Each member's noun is its first word and any one-character word or bracket after it (专业群,
    县（市）): jieba's verb tags are unreliable here (荣获 is a name to it, 选址 a noun). 0 when the
    rest still reads as a noun phrase (社区中心为重点: the member was longer than one word).
    """
    at = 0
    while member := LIST_MEMBER_RE.match(chunk, at):
        words = pos_cut(chunk[member.end() : member.end() + 24])
        if not words or words[0][1][:1] in ("v", "p", "c", "u", "r", "d", "m", "x"):
            return 0
        at = member.end() + len(words[0][0])
        k = 1
        while k < len(words) and (
            len(words[k][0]) == 1 and words[k][1][:1] == "n" or words[k][0] in "（）()"
        ):
            at += len(words[k][0])
            k += 1
    rest = pos_cut(chunk[at : at + 24])
    if rest and rest[0][1][:1] in ("n", "j", "s") and rest[0][1] != "nr":
        return 0  # 100条城市画廊实现…: a member of more than one word; the predicate opens with a verb
    return at


def _sentence_start(view: str, pos: int) -> int:
    # rfind per break character: the same answer as scanning SENTENCE_BREAK_RE, at C speed; bounded,
    # so a 100,000-character "sentence" is not re-read for every number in it
    lo = max(0, pos - 300)
    best = max(view.rfind(c, lo, pos) for c in SENTENCE_BREAKS)
    return best + 1 if best >= 0 else lo


def _close_quote(view: str, at: int, phrase: str) -> str:
    """``phrase`` (= view[at:at + len(phrase)]) never ends inside a quoted name: 新建100个“15分钟高品质
    生活服务圈” was cut at the 15 (新建“), 入选国家第二期“双高建设计划 at its length."""
    if phrase.count(QUOTE_OPEN) <= phrase.count(QUOTE_CLOSE):
        return phrase
    end = at + len(phrase)
    close = view.find(QUOTE_CLOSE, end, end + QUOTE_REACH)
    if close >= 0 and CLAUSE_BREAK_RE.search(view, end, close) is None:
        return view[at : close + 1]
    return phrase[: phrase.rfind(QUOTE_OPEN)]


def _clean(metric: str, lex: Lexicon) -> str:
    """The metric without the base of a change (同比, 比上年) or list glue (分别)."""
    m = lex.baseline_re.sub("", metric).replace(RESPECTIVELY, "")
    m = _strip_back(m, lex)
    return m or metric


def _subject(metric: str, lex: Lexicon) -> str:
    """What a metric is about: 地区生产总值 of 地区生产总值增长, 全国重点实验室 of 新增全国重点实验室."""
    m = lex.subject_head_re.sub("", YEAR_LEAD_RE.sub("", metric))
    m = lex.subject_tail_re.sub("", m)
    return _strip_back(m, lex) if len(m) >= 2 else ""


def _split_respectively(metric: str, n: int, lex: Lexicon) -> list[str]:
    """国内游客、入境游客数量分别增长 over two numbers: 国内游客数量增长, 入境游客数量增长."""
    subject, verb = metric.rsplit(RESPECTIVELY, 1)
    verb = _strip_back(lex.baseline_re.sub("", verb), lex)
    if verb in lex.linking_words:
        verb = ""
    pieces = [p for p in SUBJECT_SPLIT_RE.split(subject) if p]
    if len(pieces) != n:
        pieces = [p for p in SUBJECT_SPLIT_WIDE_RE.split(subject) if p]
    if len(pieces) != n:
        return [subject + verb] * n
    last = pieces[-1]
    return [_share_head(p, last) + verb for p in pieces[:-1]] + [last + verb]


def _share_head(piece: str, last: str) -> str:
    """城镇 before 农村居民人均可支配收入 means 城镇居民人均可支配收入; 国内游客 before 入境游客数量 means 国内游客数量."""
    if len(piece) > len(last):
        return _drop_stray_quotes(piece)
    for size in range(min(len(piece), len(last) - 1), 1, -1):
        j = last.find(piece[-size:])
        if j >= 0:
            return _drop_stray_quotes(piece + last[j + size :])
    if len(piece) <= 4:
        # 城镇 stands for the first word of 农村居民人均… (jieba may read 农村居民 as one word), but not
        # for part of a word: 人参 / 食用菌全产业链产值 is 人参全产业链产值, not 人参菌….
        first = pos_cut(last)[0][0]
        cut = min(len(first), len(piece))
        if 2 <= cut < len(first) and len(pos_cut(last[cut:])[0][0]) < 2:
            cut = len(first)
        if cut >= len(last) and len(last) >= 4:
            cut = len(last) - 2  # 高速公路、电网投资: one jieba word; its last two characters are the head
        if cut < len(last):
            return _drop_stray_quotes(piece + last[cut:])
    return piece


def _drop_stray_quotes(metric: str) -> str:
    """城市公园”保有量 (a quote of the last member's name): a quote without its pair is no part of it."""
    if metric.count(QUOTE_OPEN) == metric.count(QUOTE_CLOSE):
        return metric
    return metric.replace(QUOTE_OPEN, "").replace(QUOTE_CLOSE, "")


def _clause_start(view: str, pos: int, floor: int) -> int:
    """Start of the clause that holds ``pos``: after the last clause break before it."""
    best = floor
    for m in CLAUSE_BREAK_RE.finditer(view, max(floor, pos - 80), pos):
        best = m.end()
    return best


def _strip_front(s: str, start: int, lex: Lexicon) -> tuple[str, int]:
    changed = True
    while changed and s:
        changed = False
        m = LEADING_JUNK_RE.match(s)
        if m and m.end():
            s, start, changed = s[m.end() :], start + m.end(), True
        lw = lex.lead_word_re.match(s)
        if lw is not None and lw.end() and not (lw.end() == 1 and len(pos_cut(s[:4])[0][0]) > 1):
            # (one character opening a longer word stays: 更新住宅老旧电梯, 要素保障, 并购重组)
            s, start, changed = s[lw.end() :], start + lw.end(), True
    # last, so that 完成并购重组 keeps its 并
    lv = lex.lead_verb_re.match(s)
    if lv is not None and lv.end():
        return s[lv.end() :], start + lv.end()
    return s, start


def _strip_back(s: str, lex: Lexicon) -> str:
    if s in lex.action_verbs:
        return s  # 惠及 is a verb, not 惠 + 及
    changed = True
    while changed and s:
        changed = False
        m = TRAILING_JUNK_RE.search(s)
        if m and m.start() < len(s):
            s, changed = s[: m.start()], True
        # The longest linking word that ends s and leaves something (one regex search, not one
        # endswith per word: this runs for every clause head).
        lw = lex.linking_tail_re.search(s, 1)
        if lw is not None and not (lw.end() - lw.start() == 1 and _word_ending(s)):
            s, changed = s[: lw.start()], True
    return s


def _word_ending(s: str) -> bool:
    """True when the last character of ``s`` ends a word jieba knows as a verb, noun or short form
    (签约, 接近, 年均), not a link glued to what precedes it (占比|达 read as 比达, 均达)."""
    word, tag = pos_cut(s)[-1]
    return len(word) > 1 and (tag[:1] in ("v", "j", "b") or (tag[:1] == "n" and not tag.startswith("nr")))


def _metric(
    layout: Layout,
    qs: int,
    qe: int,
    unit: str,
    lex: Lexicon,
    floor: int = 0,
    taken: int = 0,
    previous: str | None = None,
) -> tuple[str | None, tuple[int, int]]:
    """What the quantity at [qs, qe) measures, and where that phrase stands.

    ``floor`` is the end of the quantity before: a metric never holds another number.
    """
    metric, span = _metric_phrase(layout, qs, qe, unit, lex, floor, taken)
    if metric and len(metric) <= 2 and not lex.bare_re.match(metric):
        view = layout.view
        anchor = min(qs, span[0])
        # A two-character noun says too little: the word just before it (全国75个城市, 引进培育100个首店)
        # or, for a later item of a list, the list's verb (改造市政道路21条、桥梁30座 -> 改造桥梁).
        counted = span[0] >= qe and unit in lex.count_units and not view[qe : span[0]].strip()
        if counted and (th := THRESHOLD_AFTER_RE.match(view, span[1])):
            # 100所海拔1500米以上农村中小学, 200家世界500强企业: a bound inside the noun phrase
            at, noun = _noun_after(view, th.end())
            noun = _leading_nouns(noun)
            if noun:
                return metric + th[0] + noun, (span[0], at + len(noun))
        if counted and (rest := _predicate_tail(view, span[1], lex)):
            # 404家企业通过国家两化融合贯标: what the clause goes on to say of the noun.
            return metric + rest, span
        # 推动20个机关、企事业单位附属空间对社会开放共享: what the list goes on to say of its members
        listed = _predicate_tail(view, span[1], lex, through_list=True) if counted else ""
        if listed and view[span[1] : span[1] + 1] in ("、", "和") and _member_follows(view, span[1] + 1):
            return metric + listed, span
        word = _word_before(view, max(floor, _clause_start(view, anchor, floor)), anchor, lex)
        if not word and span[0] < qs and view[span[0] - 1 : span[0]] == "、":
            # 粮食播种面积1266.6万亩、产量514.4万吨: the item shares the first word of the one before.
            word = _first_word(previous) if previous else ""
            word = word or _clause_verb(view, _clause_start(view, qs, 0), anchor, lex)
        if not word and _is_noun(metric):
            # 通达…的555个港口, 累计支持近2000家企业: the verb of the clause says which ones.
            word = _clause_verb(view, _clause_start(view, anchor, 0), anchor, lex)
        if not word and listed:
            return metric + listed, span  # 52个机关、企事业单位附属空间对外开放
        if word and word not in metric:
            metric = word + metric
    elif metric and previous and unit != "元" and span[0] < qs and layout.view[span[0] - 1 : span[0]] == "、":
        # 新建改扩建及维修改造公办幼儿园200所以上、普通高中40所以上: a later item of the list is
        # built the same way, so it shares the verb its first item opens with (not an amount of
        # money: 盘活房产345处、货币价值8.83亿元 values the same houses).
        verb = _list_verb(previous, lex) if _plain_item(layout.view, metric, span, qs, lex) else ""
        if verb and not metric.startswith(verb):
            metric = verb + metric
    if metric and unit == "%" and metric.endswith(COVER_WORD) and span[1] <= qs:
        # 5G网络覆盖90%以上行政村: a share covered is a share of the noun after it
        at, noun = _noun_after(layout.view, qe + 1 if layout.view.startswith("的", qe) else qe)
        if len(noun) >= 2 and not DIGIT_RE.search(noun):
            return metric + layout.text[at : at + len(noun)], (span[0], at + len(noun))
    if (
        metric
        and unit == "%"
        and span[1] <= qs
        and not (metric.endswith(RATE_BASIS_WORDS) or layout.view[span[1] : qs].endswith(RATE_BASIS_WORDS))
    ):
        # 制造业企业100%使用清洁和绿色电力, 财政科技资金80%以上投入…: a share of the subject is
        # measured by what that share does (not 赤字率拟按3%安排, where the rate is the basis).
        pred = _share_predicate(layout.view, qe, lex)
        if pred:
            return metric + layout.text[qe : qe + len(pred)], (span[0], qe + len(pred))
    return metric, span


def _share_predicate(view: str, pos: int, lex: Lexicon) -> str:
    """The predicate right after a share (使用清洁和绿色电力 of 100%使用清洁和绿色电力), else ""."""
    chunk = view[pos : _clause_end(view, pos)]
    d = SHARE_PREDICATE_END_RE.search(chunk)
    chunk = chunk[: d.start()] if d else chunk
    words = pos_cut(chunk[:16])
    if not words:
        return ""
    word, flag = words[0]
    if not (flag == "v" or word in SHARE_AGENT_WORDS) or word in SHARE_NOT_PREDICATE:
        return ""
    if word in lex.linking_words or word in lex.stances:
        return ""
    phrase = _close_quote(view, pos, _strip_back(chunk[:14], lex))
    return phrase if len(phrase) >= 2 else ""


def _plain_item(view: str, metric: str, span: tuple[int, int], qs: int, lex: Lexicon) -> bool:
    """高新技术企业3200家: a noun right before its number, opening with no verb of its own and
    naming no amount (总投资, 产量, 总数: those say what is measured, not what is made)."""
    if span[1] != qs or not DIGIT_RE.match(view, qs) or lex.baseline_re.search(metric):
        # 发电量超3000亿度: a qualifier between noun and number makes a clause of its own
        return False
    metric = _clean(metric, lex)
    if len(metric) <= 2 or lex.bare_re.match(metric) or lex.subject_head_re.match(metric):
        return False
    if lex.subject_tail_re.search(metric):
        return False  # 光伏产品“新三样”出口增长: a change, not a thing made
    if metric.startswith(lex.action_verbs_by_len) or pos_cut(metric)[0][1].startswith("v"):
        return False
    return not (metric.endswith(lex.owned_words) or lex.spend_re.search(metric))


def _list_verb(metric: str, lex: Lexicon) -> str:
    """新建改扩建及维修改造 of 新建改扩建及维修改造公办幼儿园, 新增 of 新增省级中心村: what a metric
    says before the noun phrase it ends in, when that is a verb of making or adding (jieba's tags
    of such verbs are unreliable, 新建 is a place name to it, so the noun phrase is read from the end)."""
    words = pos_cut(metric)
    i = len(words)
    while i > 0 and (words[i - 1][1][:1] in ("n", "j", "b", "l") or words[i - 1][0] in "“”\"'"):
        i -= 1
    run = "".join(w for w, _ in words[:i])
    if len(run) < 2 or len(metric) - len(run) < 2 or len(run) > 12 or DIGIT_RE.search(run):
        return ""
    if run in lex.aggregates or any(ch in run for ch in "的、,"):
        return ""  # 累计 makes nothing; 的 and 、 belong to a longer phrase
    if not all(
        flag == "v"
        or word in lex.action_verbs
        or lex.subject_head_re.fullmatch(word)
        or word in LIST_VERB_GLUE
        for word, flag in words[:i]
    ):
        return ""  # 建成乡村振兴“美丽庭院”: a noun before the noun phrase, which jieba split
    last = words[i - 1]
    if last[1] != "v" and last[0] not in lex.action_verbs:
        return ""
    first = words[0][0]
    return run if first in lex.action_verbs or lex.subject_head_re.match(run) or first == "新" else ""


def _member_follows(view: str, pos: int) -> bool:
    """Another member of a list opens at ``pos`` (300条侵蚀沟, 企事业单位), not a clause of its own
    (荣获53个奖项、比上次增长47%)."""
    if DIGIT_RE.match(view, pos):
        return True
    words = pos_cut(view[pos : pos + 12])
    return bool(words) and words[0][1][:1] in ("n", "j", "s") and words[0][1] != "nr"


def _leading_nouns(phrase: str) -> str:
    """旅游景区 of 旅游景区实施“平安黔哨”工程: the phrase up to its first verb."""
    out = ""
    for word, flag in pos_cut(phrase):
        if flag == "v" or flag[:1] in ("p", "c", "u", "r", "d"):
            break
        out += word
    return out


def _is_noun(word: str) -> bool:
    words = pos_cut(word)
    return len(words) == 1 and words[0][1][:1] in ("n", "j") and words[0][1] != "nr"


def _first_word(metric: str) -> str:
    words = pos_cut(metric)
    if len(words) < 2:
        return ""
    word, flag = words[0]
    return word if len(word) >= 2 and flag[:1] in ("n", "v") and flag != "nr" else ""


def _word_before(view: str, lo: int, hi: int, lex: Lexicon) -> str:
    """The word right before ``hi`` in its clause when it can qualify a noun (not a linking verb)."""
    words = pos_cut(view[lo:hi])
    if not words:
        return ""
    word, flag = words[-1]
    if (
        len(word) == 1
        and flag == "v"
        and len(words) > 1
        and words[-2][1] in ("a", "d")
        and len(words[-2][0]) == 1
    ):
        word = words[-2][0] + word  # 新设106个专业: jieba cuts 新设 into 新 + 设
    if len(word) < 2 or DIGIT_RE.search(word) or flag[:1] in ("p", "c", "u", "r", "x", "m"):
        return ""
    if word in lex.linking_words or word in lex.stances or word in lex.lead_words:
        return ""
    return word


def _clause_verb(view: str, lo: int, hi: int, lex: Lexicon) -> str:
    """The first verb of a clause (the one a list of measured items shares), else ""."""
    for word, flag in pos_cut(view[lo:hi]):
        # jieba tags some verbs of the list as names (通达 is nr): the action verbs are known
        verb = flag == "v" or word in lex.action_verbs
        if verb and len(word) >= 2 and word not in lex.linking_words and word not in lex.stances:
            return word
    return ""


def _metric_phrase(
    layout: Layout, qs: int, qe: int, unit: str, lex: Lexicon, floor: int, taken: int
) -> tuple[str | None, tuple[int, int]]:
    view, text = layout.view, layout.text
    cs = _clause_start(view, qs, floor)
    # In a list of measured items (生态修复1700亩、义务植树45万株) each item starts after the 、
    # that follows the previous number.
    for m in LIST_ITEM_BREAK_RE.finditer(view, cs, qs):
        cs = m.end()
    # 康达水业等投资37亿元: the examples before 等 are not what is measured (unless nothing else is:
    # 新建改造乡镇商贸中心、集贸市场等30个以上).
    deng = max((m.start() for m in ETC_RE.finditer(view, cs, qs)), default=-1)  # not 中等路, 高等教育
    if deng >= 0 and view[deng + 1 : qs].strip():
        cs = deng + 1
    elif deng >= 0:
        at, after = _noun_after(view, qe)
        if len(after) >= 2:  # 商洛电厂二期等402万千瓦机组建成投运: the noun after names it
            return text[at : at + len(after)], (qe, at + len(after))
    if mark := LIST_MARK_RE.match(view, cs):
        cs = mark.end()
    raw_before = view[cs:qs]
    before, b_start = _strip_front(raw_before, cs, lex)
    before = _strip_back(before, lex)
    if before and b_start < taken:
        # 6处煤矿、产能1400万吨/年: what the number before already took is not this one's metric.
        rest, r_start = _strip_front(before[taken - b_start :], taken, lex)
        if len(rest) >= 2:
            before, b_start = rest, r_start
    if b_start < taken or not before:
        # 保障7个项目390亩土地: 项目 already counts the number before, so the noun after names this one
        # (when there is one); 90%的县: so does the noun after 的.
        at, after = _noun_after(view, qe + 1 if view.startswith("的", qe) else qe)
        if len(after) >= 2:
            return _with_shared_head(view, text, at, after), (qe, at + len(after))
    spent = before
    if unit == "元" and (run := lex.action_run_re.match(before)) and run.end() < len(before):
        spent = before[
            run.end() :
        ]  # 谋划启动总投资4亿元的…: the verbs that open the works are not the spending
    spend = lex.spend_re.search(spent) if unit == "元" and len(spent) <= 6 else None
    if spend is not None:
        # 投资8.5亿元的城市排水防涝能力提升工程, 发行1万亿元抗疫特别国债: what the money is for.
        obj = _object_after(view, qe, lex)
        if len(obj) >= 2:
            return obj + spend[0], (b_start, qe)
    if unit in lex.count_units:
        # A classifier counts the noun it precedes (新增100条“漫步北京”旅游线路, 6个项目建成投产).
        at, after = _noun_after(view, qe)
        if len(after) >= 2:
            return _with_shared_head(view, text, at, after), (qe, at + len(after))
    if raw_before.rstrip().endswith("的") or before in lex.action_verbs or not before or _only_verbs(before):
        # 提供1200个岗位, 金源天鹅湖等31个房地产项目: the measured noun follows the unit.
        at, after = _noun_after(view, qe)
        if after:
            return text[at : at + len(after)], (qe, at + len(after))
        if not before:
            return _predicate_after(view, text, qe, lex)
    if len(before) > (40 if RESPECTIVELY in raw_before else 18):
        before, b_start = _tail_phrase(before, b_start)
        before, b_start = _strip_front(before, b_start, lex)
    if not before:
        return None, (qs, qs)
    return text[b_start : b_start + len(before)], (b_start, b_start + len(before))


def _with_shared_head(view: str, text: str, at: int, noun: str) -> str:
    """The noun at ``at`` as written, with the head it shares when it is a rank alone (国家级 + …)."""
    head = _shared_head(view, at + len(noun)) if RANK_RE.fullmatch(noun) else ""
    return text[at : at + len(noun)] + head


def _shared_head(view: str, pos: int) -> str:
    """建成8个国家级、13个省级区域医疗中心, 建强2个国家级和22个省级区域医疗中心: a rank alone before 、
    or 和 shares the head noun of the last member of its list (国家级区域医疗中心); empty when the list
    ends in no such noun."""
    while (m := RANK_MEMBER_RE.match(view, pos)) is not None:
        at, noun = _noun_after(view, m.end())
        if RANK_RE.fullmatch(noun) and view.startswith(("、", "和"), at + len(noun)):
            pos = at + len(noun)
            continue
        rank = RANK_RE.match(noun)
        return noun[rank.end() :] if rank is not None and len(noun) - rank.end() >= 2 else ""
    return ""


def _predicate_after(view: str, text: str, qe: int, lex: Lexicon) -> tuple[str | None, tuple[int, int]]:
    """1324人凭转化贡献晋升职称, 200个以上通过省级验收: with no noun on either side, what the rest
    of the clause says of the number (other numbers of the same subject list skipped)."""
    m = PREDICATE_SKIP_RE.match(view, qe)
    at = m.end() if m else qe
    end = _clause_end(view, at)
    phrase = _strip_back(view[at : min(end, at + 16)], lex)
    if len(phrase) < 2 or DIGIT_RE.search(phrase):
        return None, (qe, qe)
    return text[at : at + len(phrase)], (qe, at + len(phrase))


def _clause_end(view: str, pos: int) -> int:
    m = CLAUSE_BREAK_RE.search(view, pos, min(len(view), pos + 60))
    return m.start() if m else min(len(view), pos + 60)


def _previous_clause_subjects(view: str, cs: int, n: int, lex: Lexicon) -> list[str]:
    """万亿产业、国家先进制造业集群从无到有，分别达2个、3个: the subjects listed in the clause before."""
    if cs < 1 or view[cs - 1] not in ",，":
        return []
    prev = view[_clause_start(view, cs - 1, 0) : cs - 1]
    prev = YEAR_LEAD_RE.sub("", prev)
    pieces = [p for p in SUBJECT_SPLIT_RE.split(prev) if p]
    if len(pieces) != n:
        return []
    head = ""
    for word, flag in pos_cut(pieces[-1]):
        if head and flag[:1] in ("v", "p", "d", "c", "l", "i"):
            break
        head += word
    pieces[-1] = head
    out = [_strip_back(_strip_front(p, 0, lex)[0], lex) for p in pieces]
    # 城乡居民人均可支配收入分别达44999元、24102元: numbers, not a list of subjects
    return out if all(len(p) >= 2 and not DIGIT_RE.search(p) for p in out) else []


def _only_verbs(s: str) -> bool:
    """养护好, 抓好, 谋划实施: a clause head with no noun, so what is measured follows the unit."""
    if len(s) > 6:
        return False  # before cutting: most clause heads are longer, and cutting is the cost
    words = pos_cut(s)
    return all(flag[:1] in ("v", "a", "d") and flag != "vn" for _, flag in words) and (
        s.endswith("好") or any(w in lexicon().action_verbs for w, _ in words)
    )


def _noun_after(view: str, pos: int) -> tuple[int, str]:
    """The noun phrase right after a unit: 岗位 in 提供1200个岗位，… (empty when none follows).

    jieba tags inside a name are noisy (超长期 is d, 和美乡村 starts with c): only a preposition,
    a pronoun or a conjunction after the first word ends the phrase.
    """
    if per := PER_PERIOD_RE.match(view, pos):
        pos = per.end()  # 1400万吨/年建成试运转: the period of a rate is not the noun
    start = pos
    if spec := spec_at(view, pos):
        pos = spec  # 14个750千伏电网工程: the specification belongs to the noun
    elif (th := THRESHOLD_AFTER_RE.match(view, pos)) and view[th.end() : th.end() + 1] not in ("", ",", "。"):
        pos = th.end()  # 70个30亿元以上项目, 87万名80岁以上老年人: so does a bound that defines it
    limit = min(len(view), pos + 40)
    m = NOUN_END_RE.search(view, pos, limit)
    if m is not None and m.start() - pos == 1 and view[m.start()] == "、":
        m = NOUN_END_RE.search(view, m.end(), limit)  # 36个省、市重点项目
    while (
        m is not None
        and view[m.start()] == "、"
        and view.count("(", pos, m.start()) > view.count(")", pos, m.start())
    ):
        # 28个县(市、区)地下水水源替换: a list inside brackets is part of the noun
        close = view.find(")", m.end(), limit)
        if close < 0:
            break
        m = NOUN_END_RE.search(view, close, limit)
    chunk = view[start : m.start() if m else min(len(view), pos + 40)]
    out = ""
    cut = pos_cut(chunk)
    for i, (word, flag) in enumerate(cut):
        if word in ("的", "地") and out:
            out += word  # 群众身边的运动场地: 的 joins a noun phrase
            continue
        if out and word in ("及", "或") and cut[i + 1 : i + 2] and cut[i + 1][0] in ("以上", "以下"):
            out += word  # 省级及以上企业技术中心: a bound of the rank, not the end of the phrase
            continue
        if out and flag[:1] == "c" and chunk.startswith(lexicon().conjunction_words, len(out)):
            out += word  # 省级和美乡村重点片区: 和美 is a word, not 和 + 美
            continue
        if out and flag[:1] in ("p", "c", "r", "u"):
            break
        if out and flag == "ns" and word[0] in "和与及":
            break  # 民生实事和县人大票决…: jieba reads 和县 as the county, not 和 + 县
        if not out and flag[:1] in ("p", "r", "u") and not _opens_noun(word, flag, cut[i + 1 : i + 2]):
            break
        out += word
        if len(out) >= 16:
            break
    return start, _close_quote(view, start, _strip_back(out.rstrip("的"), lexicon()))


def _opens_noun(word: str, flag: str, nxt: list[tuple[str, str]]) -> bool:
    """本科 in 本科高校, 自 in 自贸试验区: jieba tags them pronoun or preposition, yet a noun follows."""
    if not nxt or flag[:1] == "u":
        return False
    w2, f2 = nxt[0]
    if flag[:1] == "r":
        return len(word) == 2 and f2[:1] in ("n", "m", "b")
    return len(word) == 1 and len(w2) == 1 and f2[:1] in ("n", "v")


def _object_after(view: str, pos: int, lex: Lexicon) -> str:
    """What an amount is spent on: 城市排水防涝能力提升工程 in 投资8.5亿元的城市排水防涝能力提升工程,
    省、市重点项目 in 总投资127亿元的36个省、市重点项目, 高标准农田建设 in 投资2.6亿元实施高标准农田建设9.5万亩."""
    m = CLAUSE_BREAK_RE.search(view, pos, min(len(view), pos + 40))
    chunk = view[pos : m.start() if m else min(len(view), pos + 40)]
    chunk = LEADING_COUNT_RE.sub("", chunk)
    cut = DIGIT_RE.search(chunk)
    chunk = chunk[: cut.start()] if cut else chunk
    chunk, _ = _strip_front(chunk, 0, lex)
    for w in lex.action_verbs_by_len:  # 办好 before 办, in the same order in every process
        if chunk.startswith(w) and len(chunk) > len(w) + 1:
            chunk = chunk[len(w) :]
            break
    return _strip_back(chunk[:16], lex)


def _tail_phrase(s: str, start: int) -> tuple[str, int]:
    """The last noun phrase of a long clause head: jieba words from the end, verbs allowed inside."""
    words = pos_cut(s)
    keep: list[str] = []
    size = 0
    limit = 16
    owned = lexicon().owned_words
    owner_read = ratio_read = False
    for word, flag in reversed(words):
        if word == "的" and keep and size <= 4 and not owner_read and "".join(reversed(keep)).endswith(owned):
            # …支持民间投资项目的资金占比: a short attribute is its owner's, read past 的 as a share's whole is
            keep.append(word)
            size += len(word)
            limit += size
            owner_read = True
            continue
        # 占规上工业的比重: a phrase of two characters is not yet a noun phrase, so go on past 的.
        if keep and size > 2 and (flag[:1] in ("p", "c", "u", "r") or size + len(word) > limit):
            break
        keep.append(word)
        size += len(word)
        if word in RATIO_WORDS and not ratio_read:
            limit += size  # …相当于全市生产总值的比例: the whole is read past, the part is the phrase
            ratio_read = True

    phrase = "".join(reversed(keep))
    if (
        phrase.count(QUOTE_CLOSE) > phrase.count(QUOTE_OPEN)
        and (q := s.rfind(QUOTE_OPEN, 0, len(s) - len(phrase))) >= 0
    ):
        phrase = s[q:]  # “新时代城市建设者管理者之家”床位: a quoted name is never cut
    return phrase, start + len(s) - len(phrase)


def _stance(view: str, qs: int, lex: Lexicon, *, whole_sentence: bool) -> str | None:
    """The stance word of the clause (or of its sentence in the plan part), used as a word.

    A stance inside a longer word (人均预期寿命, 培养计划) is none; the look back takes a stance only
    from the number's own clause, so a plan-part 预期目标 never colours last year's figures.
    """
    cs = _clause_start(view, qs, 0)
    sentence_start = _sentence_start(view, qs)
    for lo in (cs, sentence_start) if whole_sentence else (cs,):
        head = view[lo:qs]
        if not any(w in head for w in lex.stances):
            continue  # blanking the longer words out can only take stance words away
        for w in lex.stance_not_in:
            head = head.replace(w, " " * len(w))
        for w in lex.stances:
            if w in head and (w not in lex.stances_at_head or _at_clause_head(head, w, lex)):
                return w
    return None


def _at_clause_head(head: str, word: str, lex: Lexicon) -> bool:
    """Does ``word`` open one of the clauses of ``head`` (lead words aside)?"""
    at = head.find(word)
    while at >= 0:
        lo = 0
        for m in CLAUSE_BREAK_RE.finditer(head, 0, at):
            lo = m.end()
        rest, _ = _strip_front(head[lo:at] + word, 0, lex)
        if rest == word:
            return True
        at = head.find(word, at + 1)
    return False


def _kind(metric: str, unit: str, comparator: str, lex: Lexicon) -> str:
    for kind, words in lex.kinds:
        if any(w in metric for w in words):
            if kind == "share" and unit not in ("%", "百分点"):
                continue
            if kind == "growth" and unit not in ("%", "百分点", "倍"):
                kind = "increase"
            return kind
    if comparator == "double":
        return "growth"
    return "count" if unit in lex.count_units else "level"
