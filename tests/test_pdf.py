"""PDF reports: a PDF of a report gives the plan of the report's text (reflow, furniture, spaces, bold)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

from govplan.errors import InputError  # noqa: E402
from govplan.models import Plan  # noqa: E402
from govplan.options import ParseOptions  # noqa: E402
from govplan.pipeline import parse_source  # noqa: E402
from govplan.read import source_from_bytes  # noqa: E402
from pdf_maker import make_pdf  # noqa: E402

DATA = Path(__file__).parent / "data"
GOVPLAN = str(Path(sys.executable).with_name("govplan"))
# Two whole public reports (a city's 2020 report and a county's 2022 report) the targets tests keep.
REPORTS = [DATA / "targets" / "anguo-2020.txt", DATA / "targets" / "miyi-2022.txt"]


def plan_of(data: bytes, name: str) -> Plan:
    return parse_source(source_from_bytes(data, name), ParseOptions())


def items(plan: Plan) -> Counter[tuple[Any, ...]]:
    """Headings, topics and commitments with their values, without spans (they index other texts)."""
    out: Counter[tuple[Any, ...]] = Counter()

    def topics(ts: list[Any]) -> None:
        for t in ts:
            out[("topic", t.title, t.marker)] += 1
            topics(t.topics)

    def sections(ss: list[Any]) -> None:
        for s in ss:
            out[("heading", s.level, s.number, s.title)] += 1
            topics(s.topics)
            sections(s.sections)

    sections(plan.sections)
    for c in plan.commitments:
        out[("commitment", c.text, c.metric, c.value, c.value_max, c.unit, c.comparator, c.status)] += 1
    return out


def f1(a: Counter[tuple[Any, ...]], b: Counter[tuple[Any, ...]]) -> float:
    both = sum((a & b).values())
    return 2 * both / (sum(a.values()) + sum(b.values()))


def text_of(pdf: bytes) -> str:
    return source_from_bytes(pdf, "r.pdf").text


# ------------------------------------------------------------------------- the plan of the text


LAYOUTS = {
    "justified, spaced numbers, heading faces": {"spaced_numbers": True, "heading_faces": True},
    "ragged right": {"justify": False},
    "no indent, gaps, mirrored margins": {"indent": False, "para_gap": 12.0, "mirrored": True},
    "small type, long lines, a watermark": {
        "size": 10.5,
        "width_chars": 40,
        "lines_per_page": 48,
        "watermark": "内部资料 注意保存",
    },
}


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
@pytest.mark.parametrize("report", REPORTS, ids=[p.stem for p in REPORTS])
def test_a_pdf_gives_the_plan_of_its_text(report: Path, layout: str) -> None:
    text = report.read_text(encoding="utf-8")
    want = items(plan_of(text.encode(), report.name))
    pdf = make_pdf(text, **LAYOUTS[layout])  # type: ignore[arg-type]
    got = items(plan_of(pdf, report.stem + ".pdf"))
    headings = [k for k in want if k[0] == "heading"]
    assert [k for k in got if k[0] == "heading"] == headings
    assert f1(want, got) >= 0.98, (sorted(want - got)[:5], sorted(got - want)[:5])


def test_the_extracted_text_is_the_reports_paragraphs() -> None:
    """Every paragraph of the text comes back as one line: no page number, header or wrap inside one."""
    text = REPORTS[1].read_text(encoding="utf-8")
    paragraphs = [p.strip(" \u3000\t") for p in text.split("\n") if p.strip(" \u3000\t")]
    got = text_of(make_pdf(text, spaced_numbers=True)).split("\n")[:-1]
    # spaces written inside a line (县长　 代坤宏) may go; the words and line breaks may not
    assert [g.replace(" ", "") for g in got] == [p.replace(" ", "").replace("\u3000", "") for p in paragraphs]


def test_bold_heading_faces_are_bold_runs_and_bold_leads_are_topics() -> None:
    md = (DATA / "beijing-2025.bold.md").read_text(encoding="utf-8")
    want = items(plan_of(md.encode(), "beijing-2025.md"))
    pdf = make_pdf(md, heading_faces=True)
    src = source_from_bytes(pdf, "beijing-2025.pdf")
    assert src.bold and all(src.text[s:e].strip() == src.text[s:e] for s, e in src.bold)
    assert items(parse_source(src, ParseOptions())) == want
    # the 黑体 一、 heading and a 黑体 lead are both passed as bold
    first = next(line for line in src.text.split("\n") if line.startswith("一、"))
    start = src.text.index(first)
    assert (start, start + len(first)) in src.bold


def test_a_word_processor_pdf_gives_the_plan_of_its_text() -> None:
    """A PDF LibreOffice made (embedded font subsets, bold 一、 headings, a running header, — n —
    page numbers, justified lines, autospaced numbers, glyphs drawn out of order): see make_real.py."""
    text = (DATA / "pdf" / "qingyuan-2024-excerpt.txt").read_bytes()
    pdf = (DATA / "pdf" / "qingyuan-2024-excerpt.pdf").read_bytes()
    want, got = plan_of(text, "r.txt"), plan_of(pdf, "r.pdf")
    assert items(got) == items(want)
    headings = [s.title for s in got.sections] + [t.title for s in got.sections for t in s.sections]
    assert headings == [s.title for s in want.sections] + [t.title for s in want.sections for t in s.sections]
    assert len(headings) == 3
    paragraphs = [line.strip(" \u3000") for line in text.decode().split("\n") if line.strip()]
    lines = [line for line in source_from_bytes(pdf, "r.pdf").text.split("\n") if line]
    assert len(lines) == len(paragraphs)
    assert not any("—" in line[-4:] or "政府工作报告" in line[1:] for line in lines[1:])
    values = {c.text: c.value for c in got.commitments}
    assert values and values == {c.text: c.value for c in want.commitments}
    assert 6 in values.values()  # 生产总值增长6%左右, read whole across the autospacing


def test_spans_index_the_dumped_text_and_the_format_is_pdf(tmp_path: Path) -> None:
    (tmp_path / "r.pdf").write_bytes(make_pdf(REPORTS[0].read_text(encoding="utf-8"), spaced_numbers=True))
    r = subprocess.run(
        [GOVPLAN, "parse", "r.pdf", "-o", "plan.json", "--dump-text", "r.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (r.returncode, r.stderr) == (0, "")
    import json

    plan = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    text = (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert plan["source"]["format"] == "pdf"
    assert plan["source"]["chars"] == len(text)
    assert plan["commitments"]
    for c in plan["commitments"]:
        assert text[c["span"][0] : c["span"][1]] == c["text"]


# ------------------------------------------------------------------------------ reflow rules


def test_page_numbers_and_running_headers_go() -> None:
    body = "\n".join(
        f"（{'一二三四五六七八九'[i]}）第{i + 1}项工作。" + "推进重点项目建设，" * 12 for i in range(9)
    )
    pdf = make_pdf("2024年政府工作报告\n" + body, header="2024年政府工作报告", mirrored=True)
    text = text_of(pdf)
    assert text.startswith("2024年政府工作报告\n（一）")  # the title stays; it is not at the header's place
    assert text.count("政府工作报告") == 1
    assert "—" not in text and "- " not in text
    assert len(text.split("\n")) == 11


@pytest.mark.parametrize(
    ("written", "read"),
    [
        (
            "2023年1月，地区生产总值增长5.2%，新增就业54.2万名。",
            "2023年1月，地区生产总值增长5.2%，新增就业54.2万名。",
        ),
        ("建成5G基站1.2万个，GDP增长5%。", "建成5G基站1.2万个，GDP增长5%。"),
    ],
)
def test_spaces_around_numbers_go(written: str, read: str) -> None:
    assert text_of(make_pdf(written, spaced_numbers=True)) == read + "\n"


def test_numbers_are_read_whole() -> None:
    report = (
        "一、2023年工作回顾\n地区生产总值增长5.2%，城镇新增就业54.2万名，粮食产量达到1300万吨。\n"
        "二、2024年工作安排\n今年主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业50万名以上。\n"
    )
    for layout in ({"spaced_numbers": True}, {"spaced_numbers": True, "width_chars": 9}):
        plan = plan_of(make_pdf(report, **layout), "r.pdf")
        assert [c.value for c in plan.commitments] == [5.2, 542000, 13000000, 5.5, 500000]


def test_written_spaces_between_chinese_and_numbers_go_but_word_spaces_stay() -> None:
    from govplan.pdf import _Char, _clean

    def clean(s: str) -> str:
        return "".join(c.ch for c in _clean([_Char(ch, False, False) for ch in s]))

    assert clean("2023 年 1 月，增长 5.2% ，5G 基站") == "2023年1月，增长5.2%，5G基站"
    assert clean("Made in China 2025 计划") == "Made in China 2025计划"
    assert clean("县长\u3000代坤宏") == "县长\u3000代坤宏"


def test_a_wrapped_centred_dateline_stays_one_line() -> None:
    front = "2024年政府工作报告\n——2024年1月15日在保定市清苑区第三届人民代表大会第四次会议上\n保定市清苑区人民政府区长李英英\n"
    body = (
        "各位代表：\n"
        + "现在，我代表区政府向大会作工作报告，请予审议，并请区政协委员和其他列席人员提出意见。" * 3
        + "\n"
    )
    assert text_of(make_pdf(front + body, centre_first=3, header=None)) == front + body


def test_a_heading_after_a_full_line_starts_its_own_paragraph() -> None:
    # a paragraph whose last line is full, then a heading: no indent and no gap tell them apart
    para = "甲" * 25 + "。"
    text = text_of(make_pdf(f"{para}\n（二）加快发展。乙乙乙。", indent=False, justify=False))
    assert text == f"{para}\n（二）加快发展。乙乙乙。\n"


def test_a_number_pushed_to_the_next_line_does_not_split_the_paragraph() -> None:
    para = "甲" * 24 + "20235年" + "乙" * 10 + "。"
    assert text_of(make_pdf(para, justify=False)) == para + "\n"


def test_a_hyphen_at_a_line_end_is_kept() -> None:
    """pdfium marks a line-end hyphen as a soft one; in 5G-A it is a real hyphen."""
    from reportlab.pdfgen import canvas

    from pdf_maker import BODY, _face

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont(_face(BODY), 16)
    c.drawString(72, 700, "甲甲甲甲甲甲甲甲甲甲甲科学合理布局5G-")
    c.drawString(72, 672, "A、算力等新型基础设施项目。")
    c.showPage()
    c.save()
    assert text_of(buf.getvalue()) == "甲甲甲甲甲甲甲甲甲甲甲科学合理布局5G-A、算力等新型基础设施项目。\n"


def test_a_passage_set_wholly_in_a_heading_face_is_not_a_lead() -> None:
    passage = "**" + "名词解释：" + "甲" * 100 + "。**"
    src = source_from_bytes(make_pdf(passage), "r.pdf")
    assert src.bold == []


def test_a_bold_number_alone_is_not_a_lead_but_a_bold_phrase_is() -> None:
    src = source_from_bytes(make_pdf("全年完成投资**2023**亿元。**稳住经济大盘。**加大投资力度。"), "r.pdf")
    assert [src.text[s:e] for s, e in src.bold] == ["稳住经济大盘。"]


# --------------------------------------------------------------------------------- refusals


def _picture_pdf() -> bytes:
    """A scan: a page that is only an image, no text layer."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
    )
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for _ in range(3):
        c.drawImage(ImageReader(io.BytesIO(png)), 50, 50, 400, 600)
        c.showPage()
    c.save()
    return buf.getvalue()


def _cover_over_scans() -> bytes:
    """A typed cover page, then three scanned pages."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("Helvetica", 12)
    for line in range(20):
        c.drawString(72, 700 - 20 * line, f"Annual work report of the city government, cover line {line}")
    c.showPage()
    for _ in range(3):
        c.rect(50, 50, 400, 600, fill=1)
        c.showPage()
    c.save()
    return buf.getvalue()


def _locked_pdf() -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("secret"))
    c.drawString(72, 700, "report")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (_picture_pdf(), "a scanned PDF with no text layer (govplan does no OCR)"),
        (_locked_pdf(), "an encrypted PDF (it needs a password)"),
        (_cover_over_scans(), "a scanned PDF: 3 of 4 pages have no text layer (govplan does no OCR)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\n", "a damaged PDF file (pdfium cannot open it)"),
    ],
    ids=["scan", "locked", "cover-over-scans", "damaged"],
)
def test_a_pdf_without_text_is_refused_in_one_line(tmp_path: Path, data: bytes, what: str) -> None:
    with pytest.raises(InputError) as exc:
        source_from_bytes(data, "r.pdf")
    assert str(exc.value) == what
    (tmp_path / "scan.pdf").write_bytes(data)
    r = subprocess.run(
        [GOVPLAN, "parse", "scan.pdf"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert (r.returncode, r.stdout, r.stderr) == (2, "", f"Error: scan.pdf: {what}\n")


def test_a_directory_batch_reads_its_pdfs(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    text = REPORTS[1].read_text(encoding="utf-8")
    (reports / "a.pdf").write_bytes(make_pdf(text))
    (reports / "b.txt").write_text(text, encoding="utf-8")
    r = subprocess.run(
        [GOVPLAN, "parse", "reports", "-o", "plans", "--jobs", "1", "-f", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "plans").iterdir()) == ["a.plan.json", "b.plan.json"]


def test_the_same_pdf_gives_the_same_text() -> None:
    pdf = make_pdf(REPORTS[0].read_text(encoding="utf-8")[:4000], heading_faces=True)
    a, b = source_from_bytes(pdf, "r.pdf"), source_from_bytes(pdf, "r.pdf")
    assert (a.text, a.bold) == (b.text, b.bold)


def test_a_damaged_pdf_is_an_input_error_never_a_crash() -> None:
    import random

    data = (DATA / "pdf" / "qingyuan-2024-excerpt.pdf").read_bytes()
    rnd = random.Random(20)
    for n in range(30):
        broken = bytearray(data[: rnd.randrange(10, len(data))] if n % 3 == 0 else data)
        for _ in range(0 if n % 3 == 0 else rnd.randrange(1, 40)):
            broken[rnd.randrange(len(broken))] = rnd.randrange(256)
        try:
            src = source_from_bytes(bytes(broken), "r.pdf")
        except InputError as exc:
            assert str(exc).startswith(("a damaged PDF", "a scanned PDF", "a PDF whose fonts"))
        else:
            assert src.text and all(0 <= s < e <= len(src.text) for s, e in src.bold)


def test_diff_and_targets_read_pdfs() -> None:
    folder = DATA / "pdf"
    r = subprocess.run(
        [GOVPLAN, "diff", "qingyuan-2024-excerpt.txt", "qingyuan-2024-excerpt.pdf", "--format", "json"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    import json

    summary = json.loads(r.stdout)["summary"]
    assert summary["different"] is False
    assert summary["commitments"]["unchanged"] > 10
    r = subprocess.run(
        [GOVPLAN, "targets", "qingyuan-2024-excerpt.pdf"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert "qingyuan-2024-excerpt.pdf,保定市清苑区,2024,county,gdp,6,,%,~" in r.stdout


def test_a_pdfs_text_is_held_to_the_text_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # the limit is on the text of every input; a PDF's text is no exception
    pdf = DATA / "pdf" / "qingyuan-2024-excerpt.pdf"
    monkeypatch.setenv("GOVPLAN_MAX_CHARS", "100")
    with pytest.raises(InputError) as exc:
        source_from_bytes(pdf.read_bytes(), pdf.name)
    assert (exc.value.file, exc.value.what) == (
        pdf.name,
        "longer than the 100-character text limit (GOVPLAN_MAX_CHARS=0 lifts it)",
    )
    monkeypatch.setenv("GOVPLAN_MAX_CHARS", "0")
    assert source_from_bytes(pdf.read_bytes(), pdf.name).format == "pdf"
