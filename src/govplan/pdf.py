"""PDF reports: the text layer read with pdfium, reflowed into the report's paragraphs.

A PDF's text layer is lines, not paragraphs: sentences are wrapped at the page width, page numbers
and running headers sit between paragraphs, and spaces appear around numbers (``2023 年``). This
module reads every character with its box and font, drops the page furniture, joins the lines of a
paragraph and keeps a paragraph break where the layout shows one (a first-line indent, a short last
line, a larger gap, a change of type size, a heading), so that a PDF gives the text (and the plan)
of the same report saved as text. Characters in a heading face (a bold font, 黑体, 楷体 …) other
than the body's are passed on as bold runs, as .docx bold is.
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from govplan.errors import InputError

Span = tuple[int, int]

# A font name that marks bold or a heading face in official documents (黑体 for 一、 headings,
# 楷体 for （一） headings, 小标宋/中宋 for titles); ``#BA#DA#CC#E5``-style names decode to Chinese.
_HEADING_FACE_RE = re.compile(
    r"bold|black|heavy|semibold|demibold|,bd\b|-bd\b|hei|黑|kai|楷|xbs|小标宋|zhongsong|中宋|weibei|魏碑",
    re.I,
)
_BOLD_WEIGHT = 700  # pdfium derives a weight from the stem width when a font gives none; 700 is bold
_FILL_STROKE = 2  # a text render mode that strokes the outline too: Word's "fake bold"
_FORCE_BOLD_FLAG = 1 << 18

# Page furniture: a line that is only a page number (``3``, ``- 3 -``, ``第3页``, ``3/13``).
_PAGE_NUMBER_RE = re.compile(
    r"^[-—–－_·•\s]*(?:第\s*)?(?:\d{1,4}|[ivxlc]{1,6})\s*页?"
    r"(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—–－_·•\s]*$",
    re.I,
)
_EDGE_LINES = 2  # page furniture sits among the first or last lines of a page
_REPEAT_SHARE = 0.4  # a line repeated at the edge of this share of pages is a running header
_DIGITS_RE = re.compile(r"\d+")
_HEADER_MAX_CHARS = 60
_SAME_HEIGHT = 4.0  # points

# A line that opens a heading starts a paragraph after a finished sentence; (1) and 1. are left
# out, as reports run such numbered points on inside one paragraph.
_HEADING_START_RE = re.compile(
    r"^[\s\u3000]*(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|第[一二三四五六七八九十]{1,3}[章部篇节])"
)
_SENTENCE_END = "。；;！!？?：:"
_CLOSERS = "”’」』）)】"
_PAUSES = "，,、"  # a line ending in one of these goes on in the next
_OPENERS = "“‘「『（(【《"
_NO_LINE_START = "，。、；：？！,.;:?!%）)》」』】”’"

_IDEOGRAPH_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD_WRAP_EMS = 4.0
_CJK_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_ASCII_WORD_RE = re.compile(r"[0-9A-Za-z%.+\-]")
_SPACE = " \u00a0\u2002\u2003\u2009\u3000"

_PAGE_MARGIN_LINES = 8  # a page with this many lines has its own margins
_PASSAGE_CHARS = 80  # a heading face filling a paragraph this long is a passage set in it, not a lead
_ROTATED = 0.05  # radians
_PDFIUM_HYPHEN = 2
_MIN_CHARS_PER_PAGE = 5  # fewer text characters than this on every page: a scan
_MAP_ERROR_SHARE = 0.3  # this share of characters without a Unicode value: an unreadable text layer


@dataclass
class _Char:
    ch: str
    bold: bool
    generated: bool
    left: float = 0.0
    right: float = 0.0


@dataclass
class _Line:
    page: int
    chars: list[_Char]
    left: float
    right: float
    top: float
    bottom: float
    size: float
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.text = "".join(c.ch for c in self.chars)


def pdf_text(data: bytes, name: str) -> tuple[str, list[Span]]:
    """The text of a PDF report, one paragraph per line, and the spans of its bold (heading face) runs."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise InputError("reading a PDF needs pypdfium2 (pip install 'govplan[pdf]')", name) from None
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError("an encrypted PDF (it needs a password)", name) from None
        raise InputError("a damaged PDF file (pdfium cannot open it)", name) from None
    try:
        lines, n_pages, n_chars, map_errors, blank_pages = _read_lines(doc)
    except pdfium.PdfiumError:
        raise InputError("a damaged PDF file (a page cannot be read)", name) from None
    finally:
        doc.close()
    if n_chars < _MIN_CHARS_PER_PAGE * max(n_pages, 1) and n_chars < 200:
        raise InputError("a scanned PDF with no text layer (govplan does no OCR)", name)
    if n_pages >= 2 and blank_pages > n_pages // 2:
        # a typed cover or stamp over scanned pages: most of the report has no text to read
        raise InputError(
            f"a scanned PDF: {blank_pages} of {n_pages} pages have no text layer (govplan does no OCR)", name
        )
    if map_errors > _MAP_ERROR_SHARE * n_chars:
        raise InputError("a PDF whose fonts do not map to Unicode (its text layer is unreadable)", name)
    lines = _drop_furniture(lines, n_pages)
    text, bold = _build(_paragraphs(lines))
    if not text.strip():
        raise InputError("a scanned PDF with no text layer (govplan does no OCR)", name)
    return text, bold


def _read_lines(doc: object) -> tuple[list[_Line], int, int, int, int]:
    """Every text line of every page with its box, type size and per-character bold flag; the
    number of pages, of characters, of characters without a Unicode value, and of blank pages."""
    import pypdfium2.raw as raw

    pages = len(doc)  # type: ignore[arg-type]
    fonts: dict[tuple[bytes, int], str] = {}
    pending: list[tuple[int, list[tuple[_Char, str, float, float, float]]]] = []
    face_count: Counter[str] = Counter()
    n_chars = 0
    map_errors = 0
    blank_pages = 0
    buf = ctypes.create_string_buffer(512)
    flags = ctypes.c_int()
    rect = raw.FS_RECTF()
    for index in range(pages):
        page = doc[index]  # type: ignore[index]
        textpage = page.get_textpage()
        tp = textpage.raw
        current: list[tuple[_Char, str, float, float, float]] = []
        before = n_chars
        for i in range(raw.FPDFText_CountChars(tp)):
            code = raw.FPDFText_GetUnicode(tp, i)
            generated = bool(raw.FPDFText_IsGenerated(tp, i))
            # 2 is pdfium's mark for a hyphen it takes for a soft one at a line end; in a report
            # it is a real hyphen (5G-A, 2023-2025)
            ch = "-" if code == _PDFIUM_HYPHEN else chr(code) if 0 < code < 0x110000 else ""
            if ch in ("\r", "\n"):
                if ch == "\n" and current:
                    pending.append((index, current))
                    current = []
                continue
            if not ch or ch in ("\ufffe", "\ufeff", "\u00ad") or (ord(ch) < 32 and ch != "\t"):
                continue
            if generated:
                at = current[-1][0].right if current else 0.0
                current.append((_Char(" ", False, True, at, at), "", 0.0, 0.0, 0.0))
                continue
            n_chars += 1
            if raw.FPDFText_HasUnicodeMapError(tp, i) == 1:
                map_errors += 1
            angle = raw.FPDFText_GetCharAngle(tp, i)
            if _ROTATED < angle < 2 * math.pi - _ROTATED:
                continue  # a slanted watermark or a rotated stamp is not report text
            raw.FPDFText_GetLooseCharBox(tp, i, rect)
            last = next((c for c in reversed(current) if not c[0].generated), None)
            if last is not None and (rect.top < last[3] or rect.bottom > last[2]):
                # pdfium joins a line ending in a Latin letter to a next line opening with one
                # (5G / A): a glyph wholly above or below the last one starts a new line
                pending.append((index, current))
                current = []
            size = raw.FPDFText_GetFontSize(tp, i)
            n = raw.FPDFText_GetFontInfo(tp, i, buf, len(buf), flags)
            font_name = buf.raw[: max(n - 1, 0)] if n else b""
            key = (font_name, flags.value)
            face = fonts.get(key)
            if face is None:
                face = fonts[key] = _face_name(font_name)
            bold = (
                bool(flags.value & _FORCE_BOLD_FLAG)
                or raw.FPDFText_GetFontWeight(tp, i) >= _BOLD_WEIGHT
                or _text_render_mode(raw, tp, i) == _FILL_STROKE
            )
            tag = face + (" +bold" if bold else "")
            if not ch.isspace():
                face_count[tag] += 1
            current.append((_Char(ch, False, False, rect.left, rect.right), tag, rect.top, rect.bottom, size))
        if current:
            pending.append((index, current))
        if n_chars - before < _MIN_CHARS_PER_PAGE:
            blank_pages += 1
        textpage.close()
        page.close()
    body = face_count.most_common(1)[0][0] if face_count else ""
    lines: list[_Line] = []
    for index, chars in pending:
        placed = [c for c in chars if not c[0].generated]
        if not placed or not "".join(c[0].ch for c in placed).strip():
            continue
        # Reading order on a line is left to right, whatever order the page draws its glyphs in
        # (a converter may draw the quotation marks of a fallback font after the rest of the line).
        chars.sort(key=lambda c: c[0].left)
        for c, tag, *_ in chars:
            # a heading face is a bold or heading font other than the body's own
            c.bold = (
                bool(tag) and tag != body and (tag.endswith(" +bold") or bool(_HEADING_FACE_RE.search(tag)))
            )
        inked = [c for c in placed if not c[0].ch.isspace()] or placed
        sizes = sorted(c[4] for c in inked)
        lines.append(
            _Line(
                index,
                [c[0] for c in chars],
                min(c[0].left for c in inked),
                max(c[0].right for c in inked),
                # the middle glyph's box, so a superscript note mark does not move the line
                sorted(c[2] for c in inked)[len(inked) // 2],
                sorted(c[3] for c in inked)[len(inked) // 2],
                sizes[len(sizes) // 2],
            )
        )
    return _merge_split_lines(lines), pages, n_chars, map_errors, blank_pages


def _merge_split_lines(lines: list[_Line]) -> list[_Line]:
    """pdfium sometimes ends a line inside a visual line (at a font or position change): rejoin them."""
    out: list[_Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.page == line.page
            and abs(prev.top - line.top) < 0.3 * max(prev.size, line.size)
            and abs(prev.bottom - line.bottom) < 0.5 * max(prev.size, line.size)
            and line.left >= prev.right - 0.3 * line.size
        ):
            gap = [_Char(" ", False, True)] if line.left - prev.right > 0.25 * line.size else []
            out[-1] = _Line(
                prev.page,
                prev.chars + gap + line.chars,
                prev.left,
                line.right,
                max(prev.top, line.top),
                min(prev.bottom, line.bottom),
                prev.size if len(prev.text) >= len(line.text) else line.size,
            )
        else:
            out.append(line)
    return out


def _text_render_mode(raw: object, tp: object, i: int) -> int:
    get_object = getattr(raw, "FPDFText_GetTextObject", None)
    if get_object is None:  # pragma: no cover - an old pdfium
        return 0
    obj = get_object(tp, i)
    return int(raw.FPDFTextObj_GetTextRenderMode(obj)) if obj else 0  # type: ignore[attr-defined]


def _face_name(raw_name: bytes) -> str:
    """A font's name without its subset prefix (``ABCDEF+``); GBK-encoded names are decoded."""
    for enc in ("utf-8", "gb18030"):
        try:
            name = raw_name.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        name = raw_name.decode("latin-1")
    return re.sub(r"^[A-Z]{6}\+", "", name)


def _edge_key(line: _Line) -> str:
    """A running header's words, its page number aside."""
    return _DIGITS_RE.sub("#", re.sub(r"\s+", "", line.text))


def _drop_furniture(lines: list[_Line], pages: int) -> list[_Line]:
    """Drop page numbers and running headers and footers from the edges of pages."""
    by_page: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        by_page.setdefault(line.page, []).append(i)
    edges: set[int] = set()
    for idx in by_page.values():
        # the top-most and bottom-most lines of the page, whatever order the stream has them in
        ordered = sorted(idx, key=lambda i: -lines[i].top)
        edges.update(ordered[:_EDGE_LINES])
        edges.update(ordered[-_EDGE_LINES:])
    seen: dict[str, list[int]] = {}
    for i in sorted(edges):
        if len(lines[i].text.strip()) <= _HEADER_MAX_CHARS:  # a header, not a sentence
            seen.setdefault(_edge_key(lines[i]), []).append(i)
    drop = {i for i in edges if _PAGE_NUMBER_RE.match(lines[i].text)}
    for found in seen.values():
        # the same words at the same height (within a few points) on enough pages
        for i in found:
            same = {lines[j].page for j in found if abs(lines[j].top - lines[i].top) <= _SAME_HEIGHT}
            if len(same) >= 2 and len(same) >= _REPEAT_SHARE * pages:
                drop.add(i)
    return [line for i, line in enumerate(lines) if i not in drop]


def _paragraphs(lines: list[_Line]) -> list[list[_Char]]:
    """Join the lines wrapped inside a paragraph; a break stays where the layout shows one."""
    if not lines:
        return []
    size = statistics.median(line.size for line in lines) or 10.0
    margins: dict[int, tuple[float, float]] = {}
    every = (_left_margin([line.left for line in lines]), _percentile([line.right for line in lines], 0.9))
    for page in sorted({line.page for line in lines}):
        on = [line for line in lines if line.page == page]
        # odd and even pages may have mirrored margins; a page with few lines takes those of the
        # page two before it (the same side), else the document's
        if len(on) >= _PAGE_MARGIN_LINES:
            margins[page] = (
                _left_margin([line.left for line in on]),
                _percentile([line.right for line in on], 0.9),
            )
        else:
            margins[page] = margins.get(page - 2, every)
    pitches = [
        a.top - b.top
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and 0 < a.top - b.top
    ]
    pitch = statistics.median(pitches) if pitches else size * 1.5
    paras: list[list[_Char]] = []
    prev: _Line | None = None
    for line in lines:
        left, right = margins[line.page]
        if prev is None or _breaks(prev, line, left, margins[prev.page][1], size, pitch):
            paras.append([])
        elif paras[-1] and _ascii_letter(paras[-1][-1].ch) and line.chars and _ascii_letter(line.chars[0].ch):
            paras[-1].append(_Char(" ", False, True))
        paras[-1].extend(line.chars)
        prev = line
    return [_clean(p) for p in paras]


def _breaks(prev: _Line, line: _Line, left: float, right: float, size: float, pitch: float) -> bool:
    """Whether ``line`` starts a new paragraph after ``prev``."""
    em = line.size or size
    tail = prev.text.rstrip(_SPACE + _CLOSERS)
    if line.left > left + 0.8 * em:  # a first-line indent, or a centred or right-aligned line
        # ... unless it is the centred rest of a wrapped centred line (a dateline), after a full
        # line that ends no sentence
        centred = abs((line.left - left) - (right - line.right)) < em
        full = right - prev.right < em and prev.left < left + 0.8 * em
        return not (centred and full and tail and tail[-1] not in _SENTENCE_END and prev.size == line.size)
    if abs(line.size - prev.size) > 0.15 * max(line.size, prev.size):  # a title in a larger size
        return True
    if line.page == prev.page and prev.top - line.top > pitch + 0.5 * em:  # space between paragraphs
        return True
    # a short last line: more room left than the next line's first word needed
    room = right - prev.right
    need = max(1.5 * em, _lead_width(line) + 0.6 * em)
    last = prev.text.rstrip(_SPACE)[-1:]
    if last and last in _PAUSES + _OPENERS:
        need = float("inf")  # a line ending in a comma or an opening mark goes on
    elif last and _IDEOGRAPH_RE.match(last):
        # a line ending inside a sentence: a converter that breaks Chinese at word boundaries
        # (LibreOffice) pushes a whole word such as 扫黑除恶 down
        need = max(need, _WORD_WRAP_EMS * em)
    if room > need:
        return True
    if tail and tail[-1] not in _SENTENCE_END + _PAUSES and _face_change(prev, line):
        return True  # a heading set in its face (no full stop) ends where the body face starts
    return bool(tail) and tail[-1] in _SENTENCE_END and bool(_HEADING_START_RE.match(line.text))


def _face_change(prev: _Line, line: _Line) -> bool:
    inked = [c for c in prev.chars if not c.ch.isspace()]
    first = next((c for c in line.chars if not c.ch.isspace()), None)
    return bool(inked) and all(c.bold for c in inked) and first is not None and not first.bold


def _lead_width(line: _Line) -> float:
    """The width of the unit that opens a line and could not end the line before: a number or Latin
    word, or one character with the closing marks that may not start a line (``年，``)."""
    placed = [c for c in line.chars if not c.generated]
    end = 0
    while end < len(placed) and placed[end].ch in _OPENERS:
        end += 1
    start = end
    while end < len(placed) and _ASCII_WORD_RE.match(placed[end].ch):
        end += 1
    if end == start and end < len(placed):
        end += 1
    while end < len(placed) and placed[end].ch in _NO_LINE_START:
        end += 1
    if end == 0:
        return 0.0
    return placed[end - 1].right - placed[0].left


def _ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _clean(chars: list[_Char]) -> list[_Char]:
    """Remove the spaces the text layer puts beside CJK text (``2023 年`` -> ``2023年``); keep word gaps."""
    out: list[_Char] = []
    i = 0
    while i < len(chars):
        c = chars[i]
        if c.ch not in _SPACE:
            out.append(c)
            i += 1
            continue
        j = i
        while j < len(chars) and chars[j].ch in _SPACE:
            j += 1
        before = out[-1].ch if out else ""
        after = chars[j].ch if j < len(chars) else ""
        run = chars[i:j]
        cjk_before, cjk_after = bool(_CJK_RE.match(before)), bool(_CJK_RE.match(after))
        if (
            not (before and after)
            or all(r.generated for r in run)
            and not (before.isalnum() and after.isalnum())
        ):
            pass  # a gap pdfium guessed from the layout (``5 .2``, ``增长 5.2%``) is no word space
        elif cjk_before != cjk_after:
            pass  # a space between Chinese and a number or Latin word is layout (``2023 年``)
        elif cjk_before:
            out.extend(r for r in run if not r.generated)  # written between two Chinese words (李　强)
        else:
            out.append(_Char(" ", run[0].bold and out[-1].bold, False))  # a word space (``GDP growth``)
        i = j
    return out


def _build(paras: list[list[_Char]]) -> tuple[str, list[Span]]:
    parts: list[str] = []
    bold: list[Span] = []
    pos = 0
    for para in paras:
        if not para:
            continue
        start: int | None = None
        for k, c in enumerate(para):
            if c.bold and start is None:
                start = pos + k
            elif not c.bold and start is not None:
                bold.append((start, pos + k))
                start = None
        if start is not None:
            if start == pos and len(para) > _PASSAGE_CHARS:
                pass  # a whole long paragraph in a heading face (名词解释 in 楷体) is no lead
            else:
                bold.append((start, pos + len(para)))
        parts.append("".join(c.ch for c in para) + "\n")
        pos += len(para) + 1
    text = "".join(parts)
    # a bold number or Latin word alone (2023 in a bold Latin face inside a heading) is no lead
    return text, [(s, e) for s, e in bold if _IDEOGRAPH_RE.search(text, s, e)]


def _left_margin(values: list[float]) -> float:
    """The left edge of the text: the leftmost position many lines start at (a page of one-line
    paragraphs starts most lines at the indent, so the most common position alone would mislead)."""
    counts = Counter(round(v) for v in values)
    common = [v for v, n in counts.items() if n >= max(2, 0.15 * len(values))]
    if common:
        return float(min(common))
    return float(min(counts, key=lambda v: (-counts[v], v))) if counts else 0.0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0
