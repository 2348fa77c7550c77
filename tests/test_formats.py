"""Extraction from .docx, .html and .md: the text spans index, and bold leads as topics."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govplan.errors import InputError
from govplan.formats import _bold_pairs, docx_text, html_text, markdown_text
from govplan.models import Plan, Topic
from govplan.pipeline import parse_source
from govplan.read import read_source, source_from_bytes

DATA = Path(__file__).parent / "data"
HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|附件)")
ENUM_RE = re.compile(r"^[一二三四五六七八九十]+是")


def bold_leads(md: str) -> list[str]:
    """The bold runs of a .bold.md that lead a paragraph and are not headings or the title: the gold."""
    out = []
    for i, line in enumerate(md.split("\n")):
        body = line.strip(" \t\u3000\u2003").lstrip("—")
        m = re.match(r"\*\*(.+?)\*\*", body)
        if i == 0 or m is None or HEADING_RE.match(m.group(1)):
            continue
        out.extend(re.findall(r"\*\*(.+?)\*\*", body))
    return [ENUM_RE.sub("", t).rstrip("。；;，,：:") for t in out]


def all_topics(plan: Plan) -> list[Topic]:
    out: list[Topic] = []

    def walk(sections: list[Any]) -> None:
        for s in sections:
            for t in s.topics:
                out.append(t)
                out.extend(t.topics)
            walk(s.sections)

    walk(plan.sections)
    return out


@pytest.fixture(scope="module")
def docx_plan() -> tuple[str, Plan]:
    src = read_source(str(DATA / "beijing-2025.docx"))
    return src.text, parse_source(src)


@pytest.fixture(scope="module")
def html_plan() -> tuple[str, Plan]:
    src = read_source(str(DATA / "beijing-2025.html"))
    return src.text, parse_source(src)


def test_docx_topics_are_the_bold_leads_of_the_original(docx_plan: tuple[str, Plan]) -> None:
    _, plan = docx_plan
    gold = bold_leads((DATA / "beijing-2025.bold.md").read_text(encoding="utf-8"))
    assert len(gold) == 45
    assert [t.title for t in all_topics(plan)] == gold


def test_docx_bold_enumerated_leads_keep_their_marker(docx_plan: tuple[str, Plan]) -> None:
    _, plan = docx_plan
    review = plan.sections[0]
    assert review.part == "review"
    enum = [(t.marker, t.title) for t in review.topics if t.marker]
    assert enum[0] == ("一是", "针对性出台系列稳增长举措，经济总体实现稳定向好")
    assert [m for m, _ in enum] == ["一是", "二是", "三是", "四是", "五是", "六是", "七是"]


def test_docx_spans_index_the_extracted_text(docx_plan: tuple[str, Plan]) -> None:
    text, plan = docx_plan
    assert plan.source.format == "docx"
    assert plan.source.chars == len(text)
    for t in all_topics(plan):
        assert text[t.span[0] : t.span[1]] == t.title
    for c in plan.commitments:
        assert text[c.span[0] : c.span[1]] == c.text
    assert plan.document.region == "北京市"
    assert plan.document.year == 2025


def test_docx_bold_runs_match_the_bold_markdown_of_the_same_file() -> None:
    text, bold = docx_text((DATA / "beijing-2025.docx").read_bytes(), "b.docx")
    md_text, md_bold = markdown_text((DATA / "beijing-2025.bold.md").read_text(encoding="utf-8"))
    assert [text[s:e] for s, e in bold] == [md_text[s:e] for s, e in md_bold]
    assert [ln for ln in text.splitlines() if ln.strip()] == [ln for ln in md_text.splitlines() if ln.strip()]


def _docx(build: Any) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_headings_tables_breaks_and_style_bold() -> None:
    from docx.enum.style import WD_STYLE_TYPE

    def build(d: Any) -> None:
        h = d.add_paragraph("一、2025年工作安排", style="Heading 1")
        h.runs[0].bold = True
        lead = d.add_paragraph()
        lead.add_run("办好人民满意教育。").bold = True
        lead.add_run("新建学校3所。")
        strong = d.styles.add_style("Lead", WD_STYLE_TYPE.CHARACTER)
        strong.font.bold = True
        p = d.add_paragraph()
        p.add_run("稳定扩大就业。", style="Lead")
        p.add_run("新增就业1万人。")
        split = d.add_paragraph("第一行")
        split.runs[0].add_break()
        split.add_run("第二行")
        table = d.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "指标"
        table.cell(0, 1).text = "目标"
        table.cell(1, 0).text = "地区生产总值增长"
        table.cell(1, 1).text = "5%左右"
        d.add_paragraph("")  # blank paragraphs leave no line

    text, bold = docx_text(_docx(build), "t.docx")
    assert text == (
        "一、2025年工作安排\n办好人民满意教育。新建学校3所。\n稳定扩大就业。新增就业1万人。\n"
        "第一行\n第二行\n指标\t目标\n地区生产总值增长\t5%左右\n"
    )
    assert [text[s:e] for s, e in bold] == ["办好人民满意教育。", "稳定扩大就业。"]  # not the heading


def test_docx_one_cell_layout_tables_read_as_paragraphs() -> None:
    def build(d: Any) -> None:
        cell = d.add_table(rows=1, cols=1).cell(0, 0)
        cell.text = "一、工作回顾"
        cell.add_paragraph().add_run("经济稳中有进。").bold = True

    text, bold = docx_text(_docx(build), "t.docx")
    assert text == "一、工作回顾\n经济稳中有进。\n"
    assert [text[s:e] for s, e in bold] == ["经济稳中有进。"]


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"PK\x03\x04" + b"word/" + b"\x00" * 64, "a damaged .docx file (not a readable zip archive)"),
        (_docx(lambda d: None), "no text (the document is blank)"),
    ],
)
def test_bad_docx_files(data: bytes, what: str) -> None:
    with pytest.raises(InputError) as exc:
        source_from_bytes(data, "t.docx")
    assert exc.value.line() == f"Error: t.docx: {what}"


def test_html_page_furniture_is_dropped_and_topics_match_the_docx(
    html_plan: tuple[str, Plan], docx_plan: tuple[str, Plan]
) -> None:
    text, plan = html_plan
    assert plan.source.format == "html"
    for furniture in (
        "首页",
        "当前位置",
        "【字号",
        "打印",
        "分享到",
        "上一篇",
        "下一篇",
        "版权所有",
        "隐藏的文字",
        "统计代码",
        "机构职能",
        "政务公开",
    ):
        assert furniture not in text, furniture
    assert text.startswith("2025年北京市政府工作报告\n来源：北京日报\n")
    assert [t.title for t in all_topics(plan)] == [t.title for t in all_topics(docx_plan[1])]
    assert [(c.metric, c.value, c.unit) for c in plan.commitments] == [
        (c.metric, c.value, c.unit) for c in docx_plan[1].commitments
    ]
    for t in all_topics(plan):
        assert text[t.span[0] : t.span[1]] == t.title


@pytest.mark.parametrize(
    ("html", "text", "bold"),
    [
        ("<p><strong>办好教育。</strong>新建学校3所。</p>", "办好教育。新建学校3所。\n", ["办好教育。"]),
        ("<p><b>办好</b><b>教育。</b>新建</p>", "办好教育。新建\n", ["办好教育。"]),
        ("<div>第一行<br>第二行</div>", "第一行\n第二行\n", []),
        ("<p>\n   新建学校\n   3所，增加\n   学位。\n</p>", "新建学校 3所，增加学位。\n", []),
        ("<p>A&amp;B&nbsp;&lt;c&gt;</p>", "A&B\xa0<c>\n", []),
        ("<table><tr><td>指标</td><td>目标</td></tr></table>", "指标 目标\n", []),
        ("<ul><li><a href='/'>首页</a></li><li><a>政务公开</a></li></ul><p>正文。</p>", "正文。\n", []),
        ("<p>见<a href='/x'>附件</a>说明，共有十余项内容。</p>", "见附件说明，共有十余项内容。\n", []),
        ("<p hidden>隐藏</p><p style='display: none'>隐藏</p><p>正文。</p>", "正文。\n", []),
        ("<p>【字号：大 中 小】</p><p>正文。</p><p>打印本页</p>", "正文。\n", []),
        ("<p>\u3000\u3000缩进。</p>", "\u3000\u3000缩进。\n", []),
        ("<p>关闭煤矿30处。</p><p>打印机产业园投产</p><p>3</p>", "关闭煤矿30处。\n打印机产业园投产\n", []),
        ("<div>当前位置：首页 &gt; 政务公开</div><p>上一篇：工作报告</p><p>正文。</p>", "正文。\n", []),
    ],
)
def test_html_text(html: str, text: str, bold: list[str]) -> None:
    got, spans = html_text(f"<html><body>{html}</body></html>", "p.html")
    assert got == text
    assert [got[s:e] for s, e in spans] == bold


def test_html_without_text_is_refused() -> None:
    with pytest.raises(InputError) as exc:
        source_from_bytes(b"<html><body><script>x()</script><nav>a</nav></body></html>", "p.html")
    assert exc.value.line() == "Error: p.html: no text in the HTML page"


@pytest.mark.parametrize(
    ("md", "text", "bold"),
    [
        ("**办好教育。**新建学校3所。", "办好教育。新建学校3所。", ["办好教育。"]),
        ("## 一、工作安排\n正文", "一、工作安排\n正文", []),
        ("# 标题 #\n", "标题\n", []),
        ("见[附件](a.pdf)。![图](p.png)", "见附件。", []),
        ("__稳定就业。__新增", "稳定就业。新增", ["稳定就业。"]),
        ("** 不是粗体 **", "** 不是粗体 **", []),
        ("未闭合的**粗体", "未闭合的**粗体", []),
    ],
)
def test_markdown_text(md: str, text: str, bold: list[str]) -> None:
    got, spans = markdown_text(md)
    assert got == text
    assert [got[s:e] for s, e in spans] == bold


def test_markdown_bold_leads_become_topics() -> None:
    md = (
        "# 2025年政府工作报告\n\n各位代表：\n\n## 一、2025年工作安排\n\n"
        "**办好人民满意教育。**新建学校3所，增加学位2000个。\n\n"
        "**稳定扩大就业。**城镇新增就业1万人以上。\n\n"
        "——**扩大开放。**引进项目5个，实际利用外资增长10%。\n"
    )
    src = source_from_bytes(md.encode(), "r.md")
    plan = parse_source(src)
    assert src.format == "md"
    assert [t.title for t in all_topics(plan)] == ["办好人民满意教育", "稳定扩大就业", "扩大开放"]
    for t in all_topics(plan):
        assert src.text[t.span[0] : t.span[1]] == t.title


# The lazy pattern the bold scanner replaces: the same pairs, without its quadratic time on a line
# of unclosed ``**``.
_LAZY_BOLD_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="*_ a\n\u3000新", max_size=40))
def test_bold_pairs_are_the_lazy_pattern_s(md: str) -> None:
    assert list(_bold_pairs(md)) == [m.span() for m in _LAZY_BOLD_RE.finditer(md)]


def test_markdown_and_html_scans_are_linear() -> None:
    import time

    start = time.monotonic()
    markdown_text(
        "**新 " * 50_000 + "\n" + "[a" * 100_000 + "\n" + "[x](" * 50_000 + "\n" + " " * 100_000 + "x"
    )
    html_text("<div><b>" * 1200 + "新建学校3所。" + "</b></div>" * 1200, "cms.html")
    assert time.monotonic() - start < 10  # quadratic patterns took minutes on these


def test_html_nested_past_the_bound_is_refused_before_parsing() -> None:
    with pytest.raises(InputError, match="HTML nested more than 5000 elements deep"):
        html_text("<div>" * 100_000 + "x", "deep.html")
    # optional-end and void tags do not count: 10,000 unclosed <p> and <br> nest nothing
    text, _ = html_text("<body>" + "<p>新建学校3所。<br>" * 10_000, "flat.html")
    assert text.count("\n") == 10_000


def test_html_of_more_tags_than_the_bound_is_refused_before_parsing() -> None:
    with pytest.raises(InputError, match="HTML of more than 1,000,000 tags"):
        html_text("<p>" + "<i></i>" * 500_001, "many.html")


def test_a_docx_of_more_paragraphs_than_the_bound_is_refused_before_python_docx() -> None:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:body>" + "<w:p><w:pPr/><w:r><w:t>新</w:t></w:r></w:p>" * 30_001)
    with pytest.raises(InputError, match="a .docx of more than 30,000 paragraphs"):
        docx_text(buf.getvalue(), "many.docx")
