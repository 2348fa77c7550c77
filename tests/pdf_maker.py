"""Typeset report text into a PDF the way official reports are laid out, for the PDF reader's tests.

Paragraphs get a two-character first-line indent and are wrapped at the page width (a number or a
Latin word is never broken; a closing punctuation mark never starts a line, so the line before it
ends short), full lines are justified, pages carry a running header and a ``- n -`` page number,
headings can be set in 黑体/楷体 faces and ``**bold**`` runs in 黑体, and numbers can get the
spaces a word processor's CJK/Latin autospacing leaves in the text layer.  The fonts are
reportlab's built-in Adobe-GB1 CID font (not embedded), renamed for the heading faces.
"""

from __future__ import annotations

import copy
import io
import re
from typing import Any

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.cidfonts import CIDFontInfo, UnicodeCIDFont
from reportlab.pdfgen import canvas

BODY = "STSong-Light"
PAGE_W, PAGE_H = 595.0, 842.0
_NO_LINE_START = "，。、；：？！”’）》」』】%"
_TOKEN_RE = re.compile(r"[0-9A-Za-z.%+\-]+|\*\*|.", re.S)
_H1_RE = re.compile(r"^[\s\u3000]*[一二三四五六七八九十]+、")
_H2_RE = re.compile(r"^[\s\u3000]*（[一二三四五六七八九十]+）")


# The codes written are UCS-2, so the ToUnicode map is the identity (ranges may not cross a high byte).
_TO_UNICODE = (
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /UCS2-Identity def\n"
    "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
    + "".join(
        f"100 beginbfrange\n{''.join(f'<{h:02X}00> <{h:02X}FF> <{h:02X}00>' + chr(10) for h in range(b, b + 100))}endbfrange\n"
        for b in (0, 100)
    )
    + f"56 beginbfrange\n{''.join(f'<{h:02X}00> <{h:02X}FF> <{h:02X}00>' + chr(10) for h in range(200, 256))}endbfrange\n"
    "endcmap CMapName currentdict /CMap defineresource pop end end\n"
)


class _MappedFont(UnicodeCIDFont):  # type: ignore[misc]
    """The CID font with a ToUnicode map, as real PDFs have, so full-width punctuation reads back as written."""

    def addObjects(self, doc: Any) -> None:
        super().addObjects(doc)
        internal = doc.fontMapping[self.name][1:]
        font_dict = doc.idToObject["BasicFonts"].dict[internal]
        obj = doc.idToObject[font_dict.name] if hasattr(font_dict, "name") else font_dict
        obj.dict["ToUnicode"] = doc.Reference(pdfdoc.PDFStream(content=_TO_UNICODE))


def _face(name: str) -> str:
    """Register the body CID font again under another face name (``SimHei``)."""
    if name == BODY:
        pdfmetrics.registerFont(_MappedFont(BODY))
        return name
    if name not in CIDFontInfo:
        info = copy.deepcopy(CIDFontInfo[BODY])
        info["BaseFont"] = "/" + name
        info["DescendantFonts"][0]["BaseFont"] = "/" + name
        info["DescendantFonts"][0]["FontDescriptor"]["FontName"] = "/" + name
        CIDFontInfo[name] = info
    font = _MappedFont(BODY)
    font.name = font.fontName = name
    font.face = copy.copy(font.face)
    font.face.name = name
    pdfmetrics.registerFont(font)
    return name


def make_pdf(
    text: str,
    *,
    size: float = 16.0,
    width_chars: int = 26,
    header: str | None = "政府工作报告",
    page_numbers: bool = True,
    heading_faces: bool = False,
    spaced_numbers: bool = False,
    justify: bool = True,
    lines_per_page: int = 22,
    indent: bool = True,
    para_gap: float = 0.0,
    mirrored: bool = False,
    watermark: str | None = None,
    centre_first: int = 0,
) -> bytes:
    """A PDF of ``text`` (one paragraph per line; ``**…**`` marks bold runs)."""
    body = _face(BODY)
    hei = _face("SimHei")
    kai = _face("KaiTi_GB2312")
    centre = (PAGE_W - width_chars * size) / 2
    left = right = 0.0

    def margins() -> None:
        nonlocal left, right
        # mirrored margins: odd pages sit 20pt further right than even pages
        left = centre + (10.0 if page % 2 else -10.0) if mirrored else centre
        right = left + width_chars * size

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1)
    page = 1
    y = PAGE_H - 90.0
    lines_on_page = 0

    def furniture() -> None:
        if watermark:
            c.saveState()
            c.translate(PAGE_W / 2, PAGE_H / 2)
            c.rotate(35)
            c.setFont(body, 40)
            c.drawCentredString(0, 0, watermark)
            c.restoreState()
        if header and page > 1:
            c.setFont(body, 10)
            c.drawCentredString(PAGE_W / 2, PAGE_H - 50, header)
        if page_numbers:
            c.setFont(body, 12)
            if mirrored:  # odd pages number at the outer right, even pages at the outer left
                c.drawString(PAGE_W - 100 if page % 2 else 80, 40, f"— {page} —")
            else:
                c.drawCentredString(PAGE_W / 2, 40, f"- {page} -")

    def new_page() -> None:
        nonlocal page, y, lines_on_page
        furniture()
        c.showPage()
        page += 1
        y = PAGE_H - 90.0
        lines_on_page = 0
        margins()

    margins()
    paragraphs = [p.strip(" \u3000") for p in text.split("\n") if p.strip()]
    for number, para in enumerate(paragraphs):
        centred = number < centre_first  # the title, dateline and speaker
        face = body
        if heading_faces and _H1_RE.match(para):
            face = hei
        elif heading_faces and _H2_RE.match(para):
            face = kai
        # (token, font) pieces; ** toggles the bold face
        pieces: list[tuple[str, str]] = []
        bold = False
        for tok in _TOKEN_RE.findall(para):
            if tok == "**":
                bold = not bold
                continue
            pieces.append((tok, hei if bold else face))
        lines: list[list[tuple[str, str]]] = [[]]
        used = 2 * size if indent and not centred else 0.0  # the first-line indent
        for tok, font in pieces:
            w = pdfmetrics.stringWidth(tok, font, size) + (
                _gap(size) if spaced_numbers and _ascii(tok) else 0
            )
            if lines[-1] and used + w > right - left + 0.01:
                if tok[0] in _NO_LINE_START and lines[-1]:
                    carry = lines[-1].pop()  # the char before a closing mark goes down with it
                    lines.append([carry])
                    used = pdfmetrics.stringWidth(carry[0], carry[1], size)
                else:
                    lines.append([])
                    used = 0.0
            lines[-1].append((tok, font))
            used += w
        for k, line in enumerate(lines):
            if lines_on_page >= lines_per_page:
                new_page()
            x = left + (2 * size if k == 0 and indent and not centred else 0.0)
            natural = sum(pdfmetrics.stringWidth(t, f, size) for t, f in line)
            if spaced_numbers:
                natural += sum(_gap(size) for t, _ in line if _ascii(t))
            n_chars = sum(len(t) for t, _ in line)
            spread = 0.0
            if centred:
                x = left + (right - left - natural) / 2
            elif justify and k < len(lines) - 1 and n_chars > 1:
                spread = max(0.0, (right - x - natural) / (n_chars - 1))
            obj = c.beginText(x, y)
            obj.setCharSpace(spread)
            for tok, font in line:
                obj.setFont(font, size)
                gap = _gap(size) / 2 if spaced_numbers and _ascii(tok) else 0.0
                x += gap
                obj.setTextOrigin(x, y)
                obj.textOut(tok)
                x += pdfmetrics.stringWidth(tok, font, size) + spread * len(tok) + gap
            c.drawText(obj)
            y -= size * 1.75
            lines_on_page += 1
        y -= para_gap
    furniture()
    c.showPage()
    c.save()
    return buf.getvalue()


def _gap(size: float) -> float:
    return size * 0.25


def _ascii(tok: str) -> bool:
    return tok[0].isascii() and tok[0].isalnum()
