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
from dataclasses import dataclass
from importlib import resources
from typing import Any

import regex as re
import yaml

from govplan.ids import IdRegistry, digest
from govplan.models import Project
from govplan.segment import Layout

# Clause breaks on the folded view; brackets and quotes stay inside a clause.
CLAUSE_RE = re.compile(r"[^,;:。!?\n]+")
# An amount or count inside a candidate: the name starts after the last one.
AMOUNT_RE = re.compile(
    r"(?:\d[\d.]*|[一二两三四五六七八九十百千]+)\s*[万亿]?\s*(?:元|个|座|所|条|家|处|项|批|栋|套|张|台|宗|亩|公里|平方米)"
)
# A count (not money) right before a name: the thing is counted, not named (新建50个养老服务中心).
COUNT_RE = re.compile(r"[个座所条家处项批栋套张台宗]$")
# 六大进口基地, 三大工程: a numbered set, not one named work.
NUMBERED_SET_RE = re.compile(r"^[“\"]?[一二两三四五六七八九十百千\d]+大")
# 等 that closes a list (not 高等, 中等, 平等, 同等, 等级).
ETC_RE = re.compile(r"(?<![高中初平同均对相上优次何])等(?![级次同待候])")
LEAD_TIME_RE = re.compile(r"(?:\d{4}年(?:底前|底|内)?|\p{Han}{1,4}前)")
LATIN_RE = re.compile(r"[A-Za-z0-9]{2,}")
DIGITS_ONLY_RE = re.compile(r"^[\d\s.%]+$")
QUOTED_RE = re.compile(r"“[^”]*”")
REGION_RE = re.compile(r"\p{Han}{2,}[市县区省]")
PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nt", "nz", "eng"})
OPEN_BRACKETS = "(“‘《【"
CLOSE_BRACKETS = ")”’》】"
PREPOSITIONS = ("在", "于", "按照", "对")
ADJECTIVE_SUFFIXES = "性型化式"
PARTNER_PREPOSITIONS = ("与", "同", "和", "跟", "向", "为", "以", "把", "将", "从", "由")
NOT_PROJECTS = "\x00"  # _etc's marker for a list of fields, firms or partners
PROGRAMME_GROUPS = ("programmes", "platforms", "activities")
Span = tuple[int, int]


@dataclass(frozen=True)
class Vocabulary:
    heads: tuple[str, ...]  # longest first
    physical_heads: frozenset[str]
    programme_heads: frozenset[str]
    activity_heads: frozenset[str]
    place_markers: tuple[str, ...]
    platform_heads: frozenset[str]
    platform_markers: tuple[str, ...]
    stop_suffixes: tuple[str, ...]
    min_before_short: int
    phase_re: re.Pattern[str]
    stages: tuple[tuple[str, tuple[str, ...]], ...]  # in priority order
    lead_verbs: tuple[str, ...]
    adverbs: tuple[str, ...]
    tails: tuple[str, ...]
    post_verbs: tuple[str, ...]  # the tails that are verbs, not 项目建设/工程建设
    category_words: tuple[str, ...]
    not_categories: tuple[str, ...]
    after_category: tuple[str, ...]
    joiners: tuple[str, ...]
    generic: tuple[str, ...]
    programme_generic: tuple[str, ...]
    inner_verbs: tuple[str, ...]
    weak_post_verbs: frozenset[str]
    stop_names: frozenset[str]
    quantifiers: tuple[str, ...]


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The project vocabulary of ``data/projects.yaml``."""
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("govplan.data").joinpath("projects.yaml").read_text(encoding="utf-8")
    )
    groups: dict[str, list[str]] = raw["heads"]
    heads = [h for group in groups.values() for h in group]
    physical = [h for g, group in groups.items() if g not in PROGRAMME_GROUPS for h in group]
    programme = [h for g in PROGRAMME_GROUPS for h in groups.get(g, [])]
    verbs: dict[str, list[str]] = raw["verbs"]
    order = ("plan", "complete", "start", "relocate", "continue")
    return Vocabulary(
        heads=_longest_first(heads),
        physical_heads=frozenset(physical),
        programme_heads=frozenset(programme),
        activity_heads=frozenset(groups.get("activities", [])),
        place_markers=_longest_first(raw["place_markers"]),
        platform_heads=frozenset(raw["platform_heads"]),
        platform_markers=_longest_first(raw["platform_markers"]),
        stop_suffixes=_longest_first(raw["stop_suffixes"]),
        min_before_short=int(raw["min_chars_before_short_head"]),
        phase_re=re.compile(raw["phase_re"] + "$"),
        stages=tuple((s, tuple(verbs.get(s, []))) for s in order),
        lead_verbs=_longest_first(raw["lead_verbs"]),
        adverbs=_longest_first(raw["adverbs"]),
        tails=_longest_first(raw["tails"]),
        post_verbs=_longest_first([t for t in raw["tails"] if not t.startswith(("项目", "工程"))]),
        category_words=_longest_first(raw["category_words"]),
        not_categories=_longest_first(raw["not_categories"]),
        after_category=_longest_first(raw["after_category"]),
        joiners=_longest_first(raw["joiners"]),
        generic=_longest_first(raw["generic_modifiers"]),
        programme_generic=_longest_first(raw["generic_modifiers"] + raw["programme_generic"]),
        inner_verbs=_longest_first(raw["inner_verbs"]),
        weak_post_verbs=frozenset(raw["weak_post_verbs"]),
        stop_names=frozenset(raw["stop_names"]),
        quantifiers=_longest_first(raw["quantifiers"]),
    )


@dataclass(frozen=True)
class Candidate:
    name: str
    span: tuple[int, int]
    action: str | None
    stage: str


def extract_projects(layout: Layout) -> list[Project]:
    """Every named project in the report body, in document order."""
    vocab = vocabulary()
    text, view = layout.text, layout.view
    ids = IdRegistry()
    found: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    for para in layout.paragraphs:
        end = min(para.end, layout.body_end)
        for m in CLAUSE_RE.finditer(view, para.start, end):
            for cand in clause_projects(text, view, m.start(), m.end(), vocab):
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


def stage_of(action: str | None, vocab: Vocabulary | None = None) -> str:
    """The normalised stage (plan, start, continue, complete, relocate, other) of a verb chain.

    >>> stage_of("谋划建设"), stage_of("建成投用"), stage_of("续建"), stage_of(None)
    ('plan', 'complete', 'continue', 'other')
    """
    vocab = vocab or vocabulary()
    for stage, words in vocab.stages:
        if action and any(w in action for w in words):
            return stage
    return "other"


def clause_projects(text: str, view: str, cs: int, ce: int, vocab: Vocabulary) -> list[Candidate]:
    """The projects governed by the verbs of the clause at [cs, ce); names are sliced from ``text``."""
    c = view[cs:ce]
    first_verb, lead_end = _lead_chain(c, vocab)
    tail_start = _tail_chain(c, lead_end, vocab)
    lead = _verb_text(c[first_verb:lead_end], vocab) if first_verb >= 0 else ""
    post = _verb_text(c[tail_start:].strip(" "), vocab)
    lo, hi = cs + lead_end, cs + tail_start
    if hi - lo < 2:
        return []
    if not lead and post in vocab.weak_post_verbs:
        post = ""
    etc = _etc(view, lo, hi, vocab)
    if not lead and not post:
        if etc is None or not etc[2] or etc[2] == NOT_PROJECTS:
            return []
        post = etc[2]  # 旭威汽车零部件等13个项目达到形象进度: the verb follows the category
    if lead and post:
        action = f"{lead}…{post}" if lo < hi else lead + post
    else:
        action = lead or post
    stage = stage_of(action, vocab)
    out = []
    for span, suffix in _names_in(view, lo, hi, etc, vocab):
        name = text[span[0] : span[1]] + (text[suffix[0] : suffix[1]] if suffix else "")
        out.append(Candidate(name, span, action or None, stage))
    return out


def _match_any(s: str, i: int, words: tuple[str, ...]) -> str | None:
    for w in words:
        if s.startswith(w, i):
            return w
    return None


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
    if m and _match_any(c, m.end(), vocab.lead_verbs + vocab.adverbs):
        i = m.end()  # 主汛期前建成投用…
    first_verb = -1
    last = i
    while i < n:
        v = _match_any(c, i, vocab.lead_verbs)
        a = _match_any(c, i, vocab.adverbs)
        if v and (not a or len(v) >= len(a)):
            first_verb = i if first_verb < 0 else first_verb
            last, i = i, i + len(v)
        elif a:
            last, i = i, i + len(a)
        else:
            break
    if i < n and c[i] in ADJECTIVE_SUFFIXES:
        i = last  # 谋划保障性安居工程: 保障性 is a word, not the verb 保障
        first_verb = -1 if first_verb >= i else first_verb
    return first_verb, i


def _tail_chain(c: str, lo: int, vocab: Vocabulary) -> int:
    """Where the verbs that close clause ``c`` begin (its end when there are none)."""
    end = len(c)
    while end > lo:
        while end > lo and c[end - 1] == " ":
            end -= 1
        t = next((w for w in vocab.post_verbs if c.endswith(w, lo, end)), None)
        if t is None:
            t = next((w for w in vocab.adverbs if c.endswith(w, lo, end)), None)
            if t is None or end - len(t) <= lo:
                break
        end -= len(t)
    return end


def _verb_text(s: str, vocab: Vocabulary) -> str:
    """A verb chain without its leading stance words (确保建成投用 -> 建成投用)."""
    i = 0
    while i < len(s):
        a = _match_any(s, i, vocab.adverbs)
        v = _match_any(s, i, vocab.lead_verbs)
        if a and (not v or len(a) > len(v)) and i + len(a) < len(s):
            i += len(a)
        else:
            break
    return s[i:]


def _etc(view: str, lo: int, hi: int, vocab: Vocabulary) -> tuple[int, bool, str] | None:
    """The 等 that closes the list in [lo, hi): (where, whether a project category follows, the
    verb after the category) -- 康达水业等6个项目 is a project category, 东利机械等骨干企业 is not."""
    for m in ETC_RE.finditer(view, lo, hi):
        rest = view[m.end() : hi]
        if "、" in rest:
            continue
        if any(w in rest for w in vocab.not_categories):
            return m.start(), False, NOT_PROJECTS
        for w in vocab.category_words:
            i = rest.find(w)
            if i < 0:
                continue
            after = rest[i + len(w) :].strip(" ")
            if not after:
                return m.start(), True, ""
            if _match_any(after, 0, vocab.tails + vocab.lead_verbs + vocab.after_category):
                return m.start(), True, after
        return m.start(), False, ""
    return None


def _names_in(
    view: str, lo: int, hi: int, etc: tuple[int, bool, str] | None, vocab: Vocabulary
) -> list[tuple[Span, Span | None]]:
    """The project names in the object region [lo, hi) of a verb chain: where each one stands,
    and where the head it shares with the last member stands (漕河 + 治理工程), if it does."""
    if view.startswith("对", lo) and view.startswith("进行", hi):
        lo += 1  # 对新华路、友谊街等道路进行改扩建
    etc_ok = etc is not None and etc[1]
    if etc is not None:
        if etc[2] == NOT_PROJECTS:
            return []
        hi = etc[0]
    if view.startswith(PARTNER_PREPOSITIONS, lo):
        return []  # 推动与北京儿童医院…合作: partners, not works
    lead = view[lo:hi].lstrip(" ").split("、", 1)[0]
    if any(q in lead for q in vocab.quantifiers) or AMOUNT_RE.match(lead):
        return []  # 打造一批…、…基地, 储备一批水利、能源等项目: the whole list is counted
    members: list[tuple[int, int]] = []
    for a, b in _split(view, lo, hi):
        members.extend(_split_joiners(view, a, b, vocab))
    if any(len(view[a:b].strip(" ")) < 2 for a, b in members):
        etc_ok = False  # 水、电、气等配套设施: kinds of supply, not named works
    spans = [_member_name(view, a, b, vocab, etc_ok, first=k == 0) for k, (a, b) in enumerate(members)]
    found: list[tuple[Span, Span | None] | None] = [(sp, None) if sp else None for sp in spans]
    # A shared head (漕河、府河、唐河（清苑区段）治理工程): earlier short members take the last one's suffix.
    last = spans[-1] if spans else None
    if last is not None and len(members) > 1:
        for k in range(len(members) - 1):
            if found[k] is None:
                found[k] = _shared_head(view, members[k], last, vocab)
    return [f for f in found if f is not None]


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
        elif ch == "、" and depth == 0:
            out.append((s, i))
            s = i + 1
    out.append((s, hi))
    return [(a, b) for a, b in out if b > a]


def _split_joiners(view: str, a: int, b: int, vocab: Vocabulary) -> list[tuple[int, int]]:
    """Split a member at 和/及/与 when the parts on both sides end with a head."""
    out = []
    s = a
    i = a + 2
    depth = 0
    while i < b - 1:
        ch = view[i]
        if ch in OPEN_BRACKETS:
            depth += 1
        elif ch in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        j = _match_any(view, i, vocab.joiners) if depth == 0 else None
        if (
            j
            and _head_of(_strip_tails(view, s, i, vocab)[0], vocab)
            and _head_of(_strip_tails(view, i + len(j), b, vocab)[0], vocab)
        ):
            out.append((s, i))
            s = i + len(j)
            i = s + 2
            continue
        i += 1
    out.append((s, b))
    return out


def _strip_tails(view: str, a: int, b: int, vocab: Vocabulary) -> tuple[str, int]:
    """The member text without closing verbs: the shortest cut that still ends with a head."""
    while b > a and view[b - 1] == " ":
        b -= 1
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
        todo.extend(e - len(t) for t in vocab.tails if view.endswith(t, a, e) and e - len(t) > a)
    return view[a:best], best


def _core(name: str, vocab: Vocabulary) -> str:
    """``name`` without a trailing phase (三中二期工程 -> 三中, 院区三期 -> 院区)."""
    m = vocab.phase_re.search(name)
    return name[: m.start()] if m and m.start() > 0 else name


def _head_of(name: str, vocab: Vocabulary) -> str | None:
    """The head word that ends ``name`` (a phase after it allowed), else None."""
    if name.endswith(vocab.stop_suffixes):
        return None
    core = _core(name, vocab)
    if core != name and _head_of(core, vocab) is None:
        return name[len(core) :]  # 三中二期工程, 市应急救治中心二期: the phase is the head
    for h in vocab.heads:
        if core.endswith(h):
            before = len(core) - len(h)
            if before < 1 or (len(h) == 1 and before < vocab.min_before_short):
                continue
            return h
    return None


def _member_name(view: str, a: int, b: int, vocab: Vocabulary, etc_ok: bool, first: bool) -> Span | None:
    """Where the project named by the list member at [a, b) stands, or None."""
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
        if COUNT_RE.search(m.group()) and view[m.end() : m.end() + 1] != "的":
            return None  # 新建50个养老服务中心: counted, not named
        start = m.end()
    had_verb = False
    for i in range(end - 2, start - 1, -1):
        v = _match_any(view, i, vocab.inner_verbs)
        if v and i + len(v) < end:
            start, had_verb = i + len(v), True
            break
    if not first and not had_verb:
        v = _match_any(view, start, vocab.lead_verbs)
        if v and end - start - len(v) >= 3:
            start += len(v)
    if any(view.endswith(q, a, start) for q in vocab.quantifiers):
        return None
    while start < end and view[start] == " ":
        start += 1
    j = _match_any(view, start, vocab.joiners)
    if j and end - start > len(j) + 2:
        start += len(j)  # …研发，和超前布局…: a joiner never opens a name
    name = view[start:end]
    if _match_any(name, 0, vocab.quantifiers) or name.startswith("其") or NUMBERED_SET_RE.match(name):
        return None
    if not 2 <= len(name) <= 32 or DIGITS_ONLY_RE.match(name) or name in vocab.stop_names or "在" in name:
        return None
    head = _head_of(name, vocab)
    if head is None:
        # 康达水业等6个项目: named by the category after 等, but never a verb phrase.
        if (
            etc_ok
            and len(name) <= 20
            and not had_verb
            and not name.endswith(vocab.stop_suffixes)
            and not _only_generic(name, vocab.programme_generic + vocab.heads, vocab.joiners)
            and not _common_word(name)
        ):
            return start, end
        return None
    if _generic(name, head, vocab) or not _placed(name, head, vocab) or not _system(name, head, vocab):
        return None
    return start, end


def _only_generic(s: str, words: tuple[str, ...], joiners: tuple[str, ...]) -> bool:
    i = 0
    while i < len(s):
        w = _match_any(s, i, words) or _match_any(s, i, joiners)
        if w is None:
            return False
        i += len(w)
    return True


def _common_word(name: str) -> bool:
    """True when ``name`` is one ordinary dictionary word (电力, 高校), not a proper name."""
    from govplan.tokens import pos_cut

    words = pos_cut(name)
    return len(words) == 1 and words[0][1] not in PROPER_TAGS


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
    # 重大科技攻关和重大项目: the last part of an unsplit list is itself generic.
    for j in vocab.joiners:
        k = core.rfind(j)
        if k > 0 and _only_generic(core[k + len(j) :], words, ()):
            return True
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
    return any(rest.find(p, 1) > 0 for p in vocab.place_markers)


def _system(name: str, head: str, vocab: Vocabulary) -> bool:
    """A platform counts as an information system or a place's own: 智慧调度平台, not 共性技术平台."""
    if head not in vocab.platform_heads:
        return True
    return any(w in name for w in vocab.platform_markers) or bool(REGION_RE.search(name[: -len(head)]))


def _shared_head(view: str, member: Span, last: Span, vocab: Vocabulary) -> tuple[Span, Span] | None:
    """漕河 in 漕河、府河、唐河（清苑区段）治理工程 is 漕河治理工程, located at 漕河: (where the
    member stands, where the shared suffix stands in the last member)."""
    a, b = member
    while a < b and view[a] == " ":
        a += 1
    while b > a and view[b - 1] == " ":
        b -= 1
    name = view[a:b]
    if not 2 <= len(name) <= 6 or _head_of(name, vocab) or not name.endswith(vocab.place_markers):
        return None
    ls, le = last
    idx = view.find(name[-1], ls + 1, le)
    if idx < 0:
        return None
    k = idx + 1
    if k < le and view[k] in OPEN_BRACKETS:
        close = view.find(")", k, le)
        if close < 0:
            return None
        k = close + 1
    suffix = view[k:le]
    if len(suffix) < 2 or _match_any(suffix, 0, vocab.lead_verbs):
        return None
    if not _head_of(suffix, vocab) and suffix not in vocab.heads:
        return None
    return (a, b), (k, le)
