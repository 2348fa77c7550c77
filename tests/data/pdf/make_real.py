"""How qingyuan-2024-excerpt.pdf was made (run by hand; the tests only read the PDF).

The excerpt of a district's 2024 report is laid out as an official .docx (16 pt, justified, a
two-character first-line indent, bold 一、 headings, the title as a running header and a
``— n —`` page number in the footer), then LibreOffice 7.4 converts it to PDF:

    python tests/data/pdf/make_real.py tests/data/pdf/qingyuan-2024-excerpt.txt /tmp/r.docx 清苑区2024年政府工作报告
    soffice --headless --convert-to pdf --outdir /tmp /tmp/r.docx
"""

from __future__ import annotations

import re
import sys

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt


def main(src: str, out: str, header: str) -> None:
    d = docx.Document()
    d.styles["Normal"].font.size = Pt(16)
    d.styles["Normal"].font.name = "FangSong"
    sec = d.sections[0]
    sec.header.paragraphs[0].text = header
    sec.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = sec.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    run = footer.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.text = text
        run._r.append(el)
    footer.add_run(" —")
    with open(src, encoding="utf-8") as fh:
        lines = [line.strip(" \u3000\t") for line in fh.read().split("\n")]
    for i, line in enumerate(line for line in lines if line):
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if i == 0 else WD_ALIGN_PARAGRAPH.JUSTIFY
        if i:
            p.paragraph_format.first_line_indent = Pt(32)
        p.add_run(line).bold = bool(re.match(r"^[一二三四五六七八九十]+、", line))
    d.save(out)


if __name__ == "__main__":
    main(*sys.argv[1:4])
