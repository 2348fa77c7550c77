"""govplan view: the page model (spans to nested highlights) and the HTML page, checked without a browser."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run
from govplan.models import Commitment, Plan, Project, Section, Topic
from govplan.pipeline import parse_text
from govplan.read import read_source
from govplan.render.html import render_diff_html, render_track_html, render_view
from govplan.view import Item, Mark, build_page, heading_end, nest, paragraphs, place

DATA = Path(__file__).parent / "data"
PROVINCE = DATA / "view" / "shaanxi-2026.txt"  # a provincial report, copied from the corpus
SAMPLES = Path(__file__).parent.parent / "samples"
VOID = {"meta", "input", "br", "img", "hr", "link"}


class PageParser(HTMLParser):
    """Reads a page as a browser's textContent would: the text under each data-id, and structure errors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []
        self.ids: dict[str, int] = {}
        self.text: dict[str, str] = {}  # data-id -> its pieces' text, in document order
        self.parts: dict[str, list[str]] = {}  # data-id -> data-part of each piece ("" when whole)
        self.paras: list[str] = []  # the text of each paragraph of #doc
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.doctype = 0

    def handle_decl(self, decl: str) -> None:
        self.doctype += decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids[a["id"] or ""] = self.ids.get(a["id"] or "", 0) + 1
        if tag in VOID:
            return
        if tag == "p" and any(t == "p" for t, _ in self.stack):
            self.errors.append("a <p> inside a <p>")
        if tag == "mark":
            if not any(t == "p" for t, _ in self.stack):
                self.errors.append(f"a <mark> outside a paragraph: {a}")
            iid = a.get("data-id") or ""
            self.parts.setdefault(iid, []).append(a.get("data-part") or "")
            self.text.setdefault(iid, "")
        if tag == "p" and self._in_doc():
            self.paras.append("")
        if tag == "script":
            self.scripts.append((a, ""))
        self.stack.append((tag, a))

    def _in_doc(self) -> bool:
        return any(a.get("id") == "doc" for _, a in self.stack)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> does not close <{self.stack[-1][0] if self.stack else '-'}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "script":
            a, body = self.scripts[-1]
            self.scripts[-1] = (a, body + data)
            return
        for tag, a in self.stack:
            if tag == "mark":
                iid = a.get("data-id") or ""
                self.text[iid] += data
        if self.paras and self._in_doc() and any(t == "p" for t, _ in self.stack):
            self.paras[-1] += data


def parse_page(html: str) -> PageParser:
    p = PageParser()
    p.feed(html)
    p.close()
    return p


def page_problems(html: str, plan: Plan, text: str) -> list[str]:
    """Everything wrong with a view page: structure, and any item not highlighted once with its text."""
    p = parse_page(html)
    out = list(p.errors)
    if p.stack:
        out.append(f"unclosed elements: {[t for t, _ in p.stack]}")
    if p.doctype != 1:
        out.append("no single <!DOCTYPE html>")
    out += [f"id {k!r} used {n} times" for k, n in p.ids.items() if n > 1]
    expected: dict[str, str] = {}

    def topics(ts: list[Topic]) -> None:
        for t in ts:
            expected[t.id] = text[t.span[0] : t.span[1]]
            topics(t.topics)

    def sections(ss: list[Section]) -> None:
        for s in ss:
            expected[s.id] = text[s.span[0] : heading_end(text, s)]
            topics(s.topics)
            sections(s.sections)

    sections(plan.sections)
    items: list[Commitment | Project] = [*plan.commitments, *plan.projects]
    for c in items:
        expected[c.id] = c.text
    for iid, want in expected.items():
        got = p.text.get(iid)
        parts = p.parts.get(iid, [])
        if got != want:
            out.append(f"{iid}: highlighted {got!r}, its text is {want!r}")
        n = len(parts)
        if parts != ([""] if n == 1 else [f"{k}/{n}" for k in range(1, n + 1)]):
            out.append(f"{iid}: pieces {parts}")
        if p.ids.get(f"at-{iid}") != 1:
            out.append(f"{iid}: no element with id at-{iid}")
    out += [f"{iid}: highlighted but not in the plan" for iid in p.text if iid not in expected]
    return out


def view_of(text: str, name: str = "r.txt") -> tuple[Plan, str]:
    plan = parse_text(text, name=name)
    return plan, render_view(build_page(plan, text))


# --- a real report ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def province() -> tuple[Plan, str, str]:
    src = read_source(str(PROVINCE))
    plan, html = view_of(src.text, PROVINCE.name)
    return plan, src.text, html


def test_every_item_of_a_provincial_report_is_highlighted_once_with_its_text(
    province: tuple[Plan, str, str],
) -> None:
    plan, text, html = province
    assert plan.commitments and plan.projects and plan.sections
    assert page_problems(html, plan, text) == []


def test_the_paragraphs_are_the_report_text_verbatim(province: tuple[Plan, str, str]) -> None:
    plan, text, html = province
    shown = parse_page(html).paras
    lines = [ln for ln in text.split("\n") if ln.strip()]
    assert shown == lines


def test_markup_sits_only_at_span_boundaries(province: tuple[Plan, str, str]) -> None:
    # Chinese is never split by markup: inside a paragraph a tag only stands where an item starts or ends
    plan, text, html = province
    page = build_page(plan, text)
    bounds = {b for it in page.items for b in (it.start, it.end)}
    doc = html[html.index('<main id="doc"') :]
    for p in page.paragraphs:
        m = re.search(rf'<p id="at-L{p.line}"[^>]*>(.*?)</p>\n', doc, re.S)
        assert m is not None
        pos = p.start
        for piece in re.split(r"(<[^>]+>)", m.group(1)):
            if piece.startswith("<"):
                assert pos in bounds, (p.line, pos)
            else:
                pos += len(
                    piece.replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", '"')
                    .replace("&#x27;", "'")
                )
        assert pos == p.end


def test_the_side_panel_lists_every_heading_with_its_counts(province: tuple[Plan, str, str]) -> None:
    plan, text, html = province
    toc = html[html.index('<nav id="toc"') : html.index("</nav>")]
    hrefs = re.findall(r'<a href="#at-([^"]+)">', toc)
    flat: list[Section] = []

    def walk(ss: list[Section]) -> None:
        for s in ss:
            flat.append(s)
            walk(s.sections)

    walk(plan.sections)
    assert hrefs == [s.id for s in flat]
    first = flat[0]
    n = sum(first.span[0] <= c.span[0] < first.span[1] for c in plan.commitments)
    assert f'title="{n} commitments"' in toc.split("<li")[1]


def test_the_item_data_gives_each_cards_fields(province: tuple[Plan, str, str]) -> None:
    plan, _, html = province
    p = parse_page(html)
    (data,) = [body for a, body in p.scripts if a.get("type") == "application/json"]
    items = json.loads(data)["items"]
    c = plan.commitments[0]
    got = items[c.id]
    assert got["k"] == "commitment" and got["t"] == c.text and got["l"] == c.line
    fields = dict(got["f"])
    assert fields["metric"] == (c.metric or "—")
    assert fields["as written"] == c.raw
    assert fields["status"] == c.status
    assert set(fields) >= {"value", "comparator", "stance", "domains", "kind"}
    pr = plan.projects[0]
    assert dict(items[pr.id]["f"])["stage"] == pr.stage


def test_a_30000_character_report_gives_a_page_under_2_mb(province: tuple[Plan, str, str]) -> None:
    _, text, _ = province
    big = text + "\n" + text  # two copies: every item twice
    assert len(big) >= 30_000
    plan, html = view_of(big)
    assert len(html.encode("utf-8")) < 2_000_000
    assert page_problems(html, plan, big) == []


# --- escaping -----------------------------------------------------------------------------------------

HOSTILE = (
    "<title>x</title>政府工作报告\n"
    "一、2024年工作安排\n"
    '新建学校3所</script><script>alert("x")</script>，A&B公司<b>投资</b>增长10%。\n'
    "增加学位2000个'单引号'</html><!-- -->&amp;。\n"
)


def test_report_text_is_shown_as_text_never_run() -> None:
    plan, html = view_of(HOSTILE)
    p = parse_page(html)
    assert p.errors == [] and not p.stack
    assert p.paras == [ln for ln in HOSTILE.split("\n") if ln.strip()]
    assert [a.get("type") for a, _ in p.scripts] == ["application/json", None]  # only the page's own two
    data = p.scripts[0][1]
    assert "<" not in data and ">" not in data and "&" not in data
    items = json.loads(data)["items"]
    assert any("</script>" in it["t"] for it in items.values())
    assert html.count("</html>") == 1 and html.rstrip().endswith("</html>")
    assert "<b>投资" not in html and "&lt;b&gt;投资&lt;/b&gt;" in html
    assert html.count("<title>") == 1 and "&lt;title&gt;x&lt;/title&gt;" in html
    assert page_problems(html, plan, HOSTILE) == []


# --- crossing spans ------------------------------------------------------------------------------------

# Two commitments that share a clause, as the extractor gives them on real text.
SHARED = "一、2024年工作回顾\n办理人大代表建议144件、政协委员提案121件。\n"


def _item(kind: str, iid: str, s: int, e: int, text: str) -> Item:
    return Item(iid, kind, s, e, text[s:e], 1)


def test_crossing_spans_keep_the_earlier_item_whole_and_cut_the_later() -> None:
    text = SHARED
    a = _item("commitment", "c-a", text.index("办理"), text.index("件、") + 1, text)
    b = _item("commitment", "c-b", text.index("建议"), text.index("121件") + 4, text)
    marks = place([a, b])
    pieces = {(m.item.id, m.part, m.parts): text[m.start : m.end] for m in marks}
    assert pieces == {
        ("c-a", 1, 1): "办理人大代表建议144件",
        ("c-b", 1, 2): "建议144件",
        ("c-b", 2, 2): "、政协委员提案121件",
    }


def test_a_commitment_stays_whole_where_a_topic_crosses_it() -> None:
    text = "一是扩大内需，地区生产总值增长5%左右。\n"
    topic = _item("topic", "t", 2, text.index("增长") + 2, text)  # ends inside the commitment
    c = _item("commitment", "c", text.index("地区"), text.index("。"), text)
    marks = place([topic, c])
    assert [(m.item.id, m.parts) for m in marks] == [("c", 1), ("t", 2), ("t", 2)]


def _flatten(text: str, nodes: list[Any]) -> str:
    out = []
    for n in nodes:
        out.append(text[n[0] : n[1]] if isinstance(n, tuple) else _flatten(text, n.children))
    return "".join(out)


def _check_tree(nodes: list[Any], start: int, end: int) -> None:
    pos = start
    for n in nodes:
        s, e = n if isinstance(n, tuple) else (n.start, n.end)
        assert s == pos and s < e
        if isinstance(n, Mark):
            _check_tree(n.children, n.start, n.end)
        pos = e
    assert pos == end


KIND = st.sampled_from(["heading", "topic", "commitment", "project"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=5, max_value=40).flatmap(
        lambda n: st.tuples(
            st.text(alphabet="的一是\n国家5%。 ", min_size=n, max_size=n),
            st.lists(st.tuples(KIND, st.integers(0, n - 1), st.integers(1, n)), max_size=12),
        )
    )
)
def test_any_spans_nest_and_each_item_reads_as_its_text(case: tuple[str, list[tuple[str, int, int]]]) -> None:
    text, raw = case
    items = [
        _item(k, f"i{n}", min(s, e), max(s, e), text)
        for n, (k, s, e) in enumerate(raw)
        if min(s, e) < max(s, e)
    ]
    marks = place(items)
    # the pieces of each item are contiguous and cover exactly its span
    for it in items:
        mine = sorted((m for m in marks if m.item is it), key=lambda m: m.part)
        assert [m.part for m in mine] == list(range(1, len(mine) + 1))
        assert all(m.parts == len(mine) for m in mine)
        assert mine[0].start == it.start and mine[-1].end == it.end
        assert all(x.end == y.start for x, y in zip(mine, mine[1:], strict=False))
    # any two pieces nest or are apart
    for x in marks:
        for y in marks:
            assert not (x.start < y.start < x.end < y.end)
    tree = nest(place(items), 0, len(text))
    _check_tree(tree, 0, len(text))
    assert _flatten(text, tree) == text
    paras = paragraphs(text, place(items))
    assert [_flatten(text, list(p.nodes)) for p in paras] == [text[p.start : p.end] for p in paras]
    assert all(text[p.start : p.end].strip() or p.nodes != ((p.start, p.end),) for p in paras)
    shown: list[Mark] = []
    todo = [n for p in paras for n in p.nodes if isinstance(n, Mark)]
    while todo:
        m = todo.pop()
        shown.append(m)
        todo.extend(n for n in m.children if isinstance(n, Mark))
    assert len(shown) == len(place(items))  # every piece of every item is on the page


# --- the command ---------------------------------------------------------------------------------------


@pytest.fixture()
def sample(tmp_path: Path) -> tuple[Path, Path]:
    report = tmp_path / "qingyuan-2024.txt"
    shutil.copy(SAMPLES / "qingyuan-2024.txt", report)
    plan = tmp_path / "qingyuan-2024.plan.yaml"
    shutil.copy(SAMPLES / "qingyuan-2024.plan.yaml", plan)
    return report, plan


def test_view_of_a_report_and_of_its_plan_file_are_the_same_page(
    sample: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report, plan = sample
    code, from_report, err = run(capsys, "view", str(report))
    assert (code, err) == (0, "")
    assert run(capsys, "view", str(plan)) == (0, from_report, "")
    out = tmp_path / "page.html"
    assert run(capsys, "view", str(plan), "-o", str(out)) == (0, "", "")
    assert out.read_text(encoding="utf-8") == from_report


def test_a_plan_file_without_its_report_says_where_to_give_it(
    sample: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report, plan = sample
    report.rename(tmp_path / "elsewhere.txt")
    code, out, err = run(capsys, "view", str(plan))
    assert (code, out) == (2, "")
    assert err == (
        f"Error: {plan}: the source report 'qingyuan-2024.txt' is not beside the plan file; "
        "give it with --source REPORT\n"
    )
    code, out, _ = run(capsys, "view", str(plan), "--source", str(tmp_path / "elsewhere.txt"))
    assert code == 0 and 'data-id="c-' in out


def test_a_plan_file_with_another_report_is_refused(
    sample: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, plan = sample
    other = tmp_path / "other.txt"
    shutil.copy(SAMPLES / "miyi-2023.txt", other)
    code, out, err = run(capsys, "view", str(plan), "--source", str(other))
    assert (code, out) == (2, "")
    assert err.startswith(
        f"Error: {other}: is not the report this plan was parsed from (sha256 differs, and "
    )


def test_a_re_saved_report_whose_spans_still_match_is_shown_with_a_warning(
    sample: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    report, plan = sample
    report.write_text(report.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "view", str(plan))
    assert code == 0
    assert (
        "<code>view-source</code> qingyuan-2024.txt: sha256 differs from the plan&#x27;s, but every span matches"
        in out
    )


def test_view_usage_errors(
    sample: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report, _ = sample
    assert run(capsys, "view", str(report), "--source", str(report))[2] == (
        f"Error: {report}: --source is for a plan file; a report is its own source\n"
    )
    assert run(capsys, "view", str(tmp_path / "none.txt"))[:3:2] == (
        2,
        f"Error: {tmp_path / 'none.txt'}: no such file\n",
    )
    assert run(capsys, "view", str(report), "-o", str(report))[2] == (
        f"Error: {report}: refusing to write over an input file\n"
    )
    assert run(capsys, "view", str(report), "-o", str(tmp_path / "no" / "x.html"))[2] == (
        f"Error: {tmp_path / 'no' / 'x.html'}: directory {tmp_path / 'no'} does not exist\n"
    )


def test_the_page_is_the_same_bytes_every_time(
    sample: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    report, _ = sample
    assert run(capsys, "view", str(report)) == run(capsys, "view", str(report))


# --- diff and track pages ------------------------------------------------------------------------------


def _pair(name: str) -> tuple[Plan, str]:
    src = read_source(str(SAMPLES / name))
    from govplan.pipeline import parse_source

    return parse_source(src), src.text


def test_a_diff_page_links_each_change_to_both_texts() -> None:
    from govplan.diff import diff_plans

    a, b = _pair("qingyuan-2023.txt"), _pair("qingyuan-2024.txt")
    d = diff_plans(a[0], b[0], a_name="qingyuan-2023.txt", b_name="qingyuan-2024.txt")
    html = render_diff_html(d, a=a, b=b)
    p = parse_page(html)
    assert p.errors == [] and not p.stack
    assert d.commitments is not None and d.commitments.changed
    for ch in d.commitments.changed:
        assert p.text[ch.before.id].endswith(ch.before.text) or ch.before.text in p.text[ch.before.id]
        assert p.ids.get(f"a-{ch.before.id}") == 1 and p.ids.get(f"b-{ch.after.id}") == 1
        assert f'data-go="a-{ch.before.id} b-{ch.after.id}"' in html
    for c in d.commitments.added:
        assert p.ids.get(f"b-{c.id}") == 1
    for c in d.commitments.removed:
        assert p.ids.get(f"a-{c.id}") == 1
    # without the texts, the table still lists every change and each side says why it is empty
    bare = render_diff_html(d)
    assert "the report text is not available" in bare
    assert bare.count('<tr id="row-') == html.count('<tr id="row-')


def test_a_track_page_colours_each_promise_by_its_verdict() -> None:
    from govplan.track import track_plans

    e = read_source(str(DATA / "track" / "national-2022-excerpt.txt"))
    later = read_source(str(DATA / "track" / "national-2023-excerpt.txt"))
    from govplan.pipeline import parse_source

    pe, pl = parse_source(e), parse_source(later)
    report = track_plans(pe, pl, later_text=later.text, earlier_name=e.name, later_name=later.name)
    html = render_track_html(report, earlier=(pe, e.text), later=(pl, later.text))
    p = parse_page(html)
    assert p.errors == [] and not p.stack
    assert report.commitments
    for chk in report.commitments:
        assert re.search(
            rf'<mark class="hl {chk.verdict}" data-id="{re.escape(chk.promise.id)}" id="a-', html
        )
        if chk.evidence is not None:
            assert p.ids.get(f"b-{chk.evidence.id}") == 1
    assert report.score_line() in html


def test_warnings_stand_at_the_top_and_link_to_their_paragraph() -> None:
    from govplan.models import ParseWarning

    text = "一、2024年工作安排\n\n新建学校3所。\n"
    plan = parse_text(text, name="r.txt")
    plan.warnings.append(
        ParseWarning(code="odd", message="a <b>note</b>", span=(text.index("\n\n") + 1, len(text)))
    )
    html = render_view(build_page(plan, text))
    p = parse_page(html)
    top = html[html.index('<section class="warnings"') : html.index('<div class="wrap">')]
    assert '<code>odd</code> a &lt;b&gt;note&lt;/b&gt; <a href="#at-L1">line 2</a>' in top
    assert p.ids["at-L1"] == 1 and p.ids["at-L3"] == 1
    quiet = parse_text(text, name="r.txt").model_copy(update={"warnings": []})
    assert "No parser warnings." in render_view(build_page(quiet, text))


def test_diff_and_track_write_html_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for stem in ("national-2022", "national-2023"):
        shutil.copy(SAMPLES / f"{stem}.txt", tmp_path / f"{stem}.txt")
        shutil.copy(SAMPLES / f"{stem}.plan.yaml", tmp_path / f"{stem}.plan.yaml")
    a, b = tmp_path / "national-2022.plan.yaml", tmp_path / "national-2023.plan.yaml"
    code, out, err = run(capsys, "diff", str(a), str(b), "--format", "html")
    assert (code, err) == (1, "")  # differences, as for every format
    p = parse_page(out)
    assert p.errors == [] and "the report text is not available" not in out  # both sources found beside
    assert any(k.startswith("a-c-") for k in p.ids) and any(k.startswith("b-c-") for k in p.ids)
    (tmp_path / "national-2022.txt").unlink()
    code, out, _ = run(capsys, "diff", str(a), str(b), "--format", "html")
    assert code == 1 and out.count("the report text is not available") == 1
    page = tmp_path / "track.html"
    code, out, err = run(
        capsys,
        "track",
        str(DATA / "track" / "national-2022-excerpt.txt"),
        str(DATA / "track" / "national-2023-excerpt.txt"),
        "-f",
        "html",
        "-o",
        str(page),
    )
    assert (code, out, err) == (0, "", "")
    assert parse_page(page.read_text(encoding="utf-8")).errors == []
