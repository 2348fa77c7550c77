"""Text extraction from .docx, .html and .md, keeping the bold runs that open paragraphs.

Each function returns the extracted text (paragraphs as lines) and the spans of bold runs in it;
those spans index the returned text, which is what a plan file's spans then index (``govplan parse
--dump-text FILE`` writes it out). Bold runs are topic hints: segmentation trusts them over its
plain-text heuristics once a document has enough of them.
"""

from __future__ import annotations

import io
import re
import zipfile
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from typing import Any

from govplan.errors import InputError

Span = tuple[int, int]
Runs = list[tuple[str, bool]]  # (text, bold) pieces of one paragraph

# Every pattern here runs on untrusted input, so each is linear: a scan stops at the next bracket
# of its own kind (never re-reads a line per ``[``), and a space run is tried from its start only.
# Bold pairs are found by a scanner (``_bold_pairs``), not by a lazy ``.+?`` that re-reads a
# line for every unclosed ``**``.
_MD_BOLD_MARK_RE = re.compile(r"(?=(\*\*|__))")
_MD_HEADING_RE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+|(?<![ \t])[ \t]+#+[ \t]*$", re.M)
_MD_IMAGE_RE = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")
_MD_LINK_RE = re.compile(r"\[([^\[\]\n]+)\]\([^()\n]*\)")
_EDGE_SPACES = " \t\u3000\u2003"

# Word: python-docx spends a quarter of a millisecond on each paragraph, so a document of a
# million empty paragraphs would take minutes; a report has a few hundred to two thousand.
DOCX_MAX_PARAGRAPHS = 30_000
_DOCX_PARA_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s>/]")
# Word: a heading style is a section title, never a bold lead.
_HEADING_STYLE_RE = re.compile(r"^(?:heading|标题|title|subtitle)\s*\d*$", re.I)

# HTML: elements that are never report text, and page furniture lines.
_DROP_TAGS = (
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "noscript",
    "iframe",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "svg",
    "template",
    "object",
    "embed",
    "canvas",
    "head",
)
_HIDDEN_SELECTOR = '[hidden], [style*="display:none"], [style*="display: none"], [aria-hidden="true"]'
_BLOCK_TAGS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 tr section article blockquote pre table ul ol dl dd dt main "
    "figure figcaption caption hr center address".split()
)
_CELL_TAGS = frozenset(("td", "th"))
# A whole short line of page controls (打印本页, 【字号：大 中 小】, 分享到：…), a breadcrumb or
# prev/next link, or a bare page number; never a sentence (关闭煤矿30处。 is report text).
_FURNITURE_RE = re.compile(
    r"^[\s【\[(（]*(?:(?:下载|打印|关闭|字号|分享到?|收藏|纠错|大\s*中\s*小)"
    r"(?:本页|此页|本文|全文|文章|附件|窗口)?(?:[^\u4e00-\u9fff][^。；;，,]{0,16})?|(?:上一篇|下一篇|当前位置|您的位置|浏览次数|点击量|阅读量|扫一扫|返回顶部|返回首页)[^。]{0,60}|"
    r"首页\s*[>＞»][^。]{0,60}|\d{1,4})\s*$"
)
# Pages nested deeper than this are refused before parsing: the HTML parser's time grows with the
# square of the depth (100,000 nested <div> take minutes), while sloppy CMS output nests ~1,000 deep.
HTML_MAX_DEPTH = 5000
# Tags that never hold content or whose end tag is optional: they do not add to the depth estimate.
# Tags (opening and closing) a page may have: a long report's page has tens of thousands; two
# million empty <p> took 15 s and 900 MB to parse and walk.
HTML_MAX_TAGS = 1_000_000
_FLAT_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr p li dt dd tr td th "
    "option optgroup thead tbody tfoot colgroup caption rb rt rp rtc".split()
)
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*(>?)")  # stops at the next <: linear
_LINK_LINE_MAX = 40  # a short line made only of links is a menu, not report text
_HTML_SPACE_RE = re.compile(r"[ \t\r\n\f]+")
# a source line break between two CJK characters is not a space (CSS segment-break rules)
_CJK_BREAK_RE = re.compile(
    r"(?<=[\u2e80-\u9fff\uff00-\uffef])[ \t\r\f]*\n[ \t\r\n\f]*(?=[\u2e80-\u9fff\uff00-\uffef])"
)


class _Builder:
    """Collects paragraphs of (text, bold) runs into one text with bold spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.bold: list[Span] = []
        self.pos = 0

    def paragraph(self, runs: Runs) -> None:
        """Append one paragraph (one line); line breaks inside a run start new lines."""
        runs = [(t.replace("\r\n", "\n").replace("\r", "\n"), b) for t, b in runs if t]
        if not "".join(t for t, _ in runs).strip():
            return
        for t, b in runs:
            if b and t.strip():
                # merge with the previous bold span when adjacent
                if self.bold and self.bold[-1][1] == self.pos:
                    self.bold[-1] = (self.bold[-1][0], self.pos + len(t))
                else:
                    self.bold.append((self.pos, self.pos + len(t)))
            self.parts.append(t)
            self.pos += len(t)
        self.parts.append("\n")
        self.pos += 1

    def result(self) -> tuple[str, list[Span]]:
        """The text and its bold spans, each span trimmed of spaces and split at line ends."""
        text = "".join(self.parts)
        bold: list[Span] = []
        for s, e in self.bold:
            for ls, le in _split_lines(text, s, e):
                while ls < le and text[ls] in _EDGE_SPACES:
                    ls += 1
                while le > ls and text[le - 1] in _EDGE_SPACES:
                    le -= 1
                if le > ls:
                    bold.append((ls, le))
        return text, bold


def _split_lines(text: str, s: int, e: int) -> Iterator[Span]:
    while True:
        nl = text.find("\n", s, e)
        if nl < 0:
            yield s, e
            return
        yield s, nl
        s = nl + 1


def markdown_text(md: str) -> tuple[str, list[Span]]:
    """Markdown to plain text: ``**bold**`` markers, ``#`` heading marks and link syntax go; bold spans kept.

    >>> markdown_text("## 一、工作安排\\n**办好教育。**新建学校3所。")
    ('一、工作安排\\n办好教育。新建学校3所。', [(7, 12)])
    """
    md = _MD_IMAGE_RE.sub("", md)
    md = _MD_LINK_RE.sub(r"\1", md)
    md = _MD_HEADING_RE.sub("", md)
    out: list[str] = []
    bold: list[Span] = []
    pos = 0
    last = 0
    for start, end in _bold_pairs(md):
        out.append(md[last:start])
        pos += start - last
        inner = md[start + 2 : end - 2]
        bold.append((pos, pos + len(inner)))
        out.append(inner)
        pos += len(inner)
        last = end
    out.append(md[last:])
    return "".join(out), bold


def _bold_pairs(md: str) -> Iterator[Span]:
    """``(start, end)`` of each ``**…**`` or ``__…__`` run: an opener followed by a non-space, the
    nearest closer on its line after a non-space, leftmost first, as the lazy pattern
    ``\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*`` would pair them, but in O(n log n) on any line."""
    line_start = 0
    for line in md.split("\n"):
        marks = [m.start() for m in _MD_BOLD_MARK_RE.finditer(line)]
        if marks:
            # closers per kind: marks preceded by a non-space
            closers = {
                k: [p for p in marks if line.startswith(k, p) and p > 0 and not line[p - 1].isspace()]
                for k in ("**", "__")
            }
            resume = 0
            for p in marks:
                if p < resume or p + 2 >= len(line) or line[p + 2].isspace():
                    continue
                kind = line[p : p + 2]
                ends = closers[kind]
                i = bisect_left(ends, p + 3)
                if i < len(ends):
                    yield line_start + p, line_start + ends[i] + 2
                    resume = ends[i] + 2
        line_start += len(line) + 1


def _check_docx_size(data: bytes, name: str, limit: int) -> None:
    """Refuse a .docx whose parts would inflate past ``limit`` bytes, before anything is inflated.

    zipfile never returns more than a member's declared size, so the declared sizes bound memory.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(info.file_size for info in zf.infolist())
            if total > limit:
                mib = limit // (1024 * 1024)
                raise InputError(f"its parts inflate past the {mib} MiB input limit (a zip bomb?)", name)
            xml = zf.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, RuntimeError):
        return  # python-docx reports the damage in its own words
    paragraphs = sum(1 for _ in _DOCX_PARA_RE.finditer(xml))
    if paragraphs > DOCX_MAX_PARAGRAPHS:
        raise InputError(f"a .docx of more than {DOCX_MAX_PARAGRAPHS:,} paragraphs", name)


def docx_text(data: bytes, name: str, limit: int = 64 * 1024 * 1024) -> tuple[str, list[Span]]:
    """Paragraphs (and table rows) of a Word file as lines, in document order; bold runs kept as spans.

    A run is bold by its own formatting, else by its character style, else by its paragraph style;
    paragraphs in a heading style are titles, so their bold is not a topic hint.
    """
    try:
        import docx
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError("reading .docx needs python-docx", name) from None
    _check_docx_size(data, name, limit)
    try:
        document = docx.Document(io.BytesIO(data))
        b = _Builder()
        _docx_blocks(document.iter_inner_content(), b, {})
    except InputError:
        raise
    except zipfile.BadZipFile:
        raise InputError("a damaged .docx file (not a readable zip archive)", name) from None
    except KeyError:
        raise InputError("a zip archive that is not a Word .docx file (no word/document.xml)", name) from None
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged file
        raise InputError(f"not a readable .docx file ({type(exc).__name__})", name) from None
    text, bold = b.result()
    if not text.strip():
        raise InputError("no text (the document is blank)", name)
    return text, bold


def _docx_blocks(items: Iterable[Any], b: _Builder, cache: dict[str, bool | None]) -> None:
    from docx.table import Table

    for item in items:
        if isinstance(item, Table):
            _docx_table(item, b, cache)
        else:
            b.paragraph(_docx_runs(item, cache))


def _docx_table(table: Any, b: _Builder, cache: dict[str, bool | None]) -> None:
    """A one-column table (a layout box) reads as paragraphs; a wider row reads as one tab-separated line."""
    for row in table.rows:
        cells: list[Any] = []
        for cell in row.cells:
            if not cells or cell._tc is not cells[-1]._tc:  # a merged cell repeats; read it once
                cells.append(cell)
        if len(cells) == 1:
            _docx_blocks(cells[0].iter_inner_content(), b, cache)
            continue
        line: Runs = []
        for i, cell in enumerate(cells):
            if i:
                line.append(("\t", False))
            texts = [p.text.replace("\n", " ") for p in cell.paragraphs if p.text.strip()]
            line.append((" ".join(texts), False))
        b.paragraph(line)


def _docx_runs(para: Any, cache: dict[str, bool | None]) -> Runs:
    # python-docx scans every style to find the default one on each ``.style``: looked up once per
    # style id here, or 20,000 paragraphs take 10 s
    pkey = f"\0p:{para._p.style}"
    if pkey not in cache:
        style = para.style
        cache[pkey] = _is_heading_style(style)
        cache[pkey + ":bold"] = bool(_style_bold(style, cache))
    heading, para_bold = bool(cache[pkey]), bool(cache[pkey + ":bold"])
    runs: Runs = []
    for item in para.iter_inner_content():
        for run in getattr(item, "runs", None) or [item]:  # a hyperlink holds runs
            bold = run.bold
            if bold is None:
                rkey = f"\0r:{run._r.style}"
                if rkey not in cache:
                    cache[rkey] = _style_bold(run.style, cache) if run.style is not None else None
                char_bold = cache[rkey]
                bold = para_bold if char_bold is None else char_bold
            runs.append((run.text, bool(bold) and not heading))
    return runs


def _is_heading_style(style: Any) -> bool:
    seen = 0
    while style is not None and seen < 20:
        if _HEADING_STYLE_RE.match(style.name or ""):
            return True
        style, seen = style.base_style, seen + 1
    return False


def _style_bold(style: Any, cache: dict[str, bool | None]) -> bool | None:
    """Bold as a style sets it, following its base styles (``None``: not set anywhere)."""
    if style is None:
        return None
    key = style.style_id or style.name or ""
    if key in cache:
        return cache[key]
    cache[key] = None  # guards a cycle of base styles
    found: bool | None = None
    seen, s = 0, style
    while s is not None and seen < 20:
        if s.font is not None and s.font.bold is not None:
            found = bool(s.font.bold)
            break
        s, seen = s.base_style, seen + 1
    cache[key] = found
    return found


def html_text(html: str, name: str) -> tuple[str, list[Span]]:
    """Body text of a web page, one block per line; ``<strong>``/``<b>`` runs kept as spans.

    Scripts, navigation, headers, footers, hidden elements, menus (short lines made only of links)
    and page furniture (下载, 打印, 字号 …) are dropped.

    >>> html_text("<p><strong>办好教育。</strong>新建学校3所。</p><p>打印</p>", "r.html")
    ('办好教育。新建学校3所。\\n', [(0, 5)])
    """
    from selectolax.lexbor import LexborHTMLParser, LexborNode

    _check_html_shape(html, name)
    tree = LexborHTMLParser(html)
    for node in tree.css(", ".join(_DROP_TAGS)):
        node.decompose()
    for node in tree.css(_HIDDEN_SELECTOR):
        node.decompose()
    root = tree.body or tree.root
    b = _Builder()
    runs: Runs = []
    linked: list[bool] = []  # per run: inside an <a>

    def flush() -> None:
        nonlocal runs, linked
        pieces = [(_html_space(t), bold) for t, bold in runs]
        line = "".join(t for t, _ in pieces).strip()
        menu = bool(line) and all(linked[i] or not pieces[i][0].strip() for i in range(len(pieces)))
        if line and not _FURNITURE_RE.match(line) and not (menu and len(line) <= _LINK_LINE_MAX):
            b.paragraph(_trim_runs(pieces))
        runs, linked = [], []

    def walk(top: LexborNode) -> None:
        # An explicit stack, not recursion: sloppy pages nest thousands of elements deep.
        # Each entry is (next sibling to visit, bold, link, whether its parent was a block).
        stack: list[tuple[LexborNode | None, bool, bool, bool]] = [(top.child, False, False, False)]
        while stack:
            child, bold, link, block = stack.pop()
            if child is None:
                if block:
                    flush()
                continue
            stack.append((child.next, bold, link, block))
            tag = child.tag
            if tag == "-text":
                runs.append((child.text_content or "", bold))
                linked.append(link)
            elif tag in ("strong", "b"):
                stack.append((child.child, True, link, False))
            elif tag == "a":
                stack.append((child.child, bold, True, False))
            elif tag in _CELL_TAGS:
                if runs:
                    runs.append(("\t", False))
                    linked.append(link)
                stack.append((child.child, bold, link, False))
            elif tag in _BLOCK_TAGS:
                flush()
                stack.append((child.child, bold, link, True))
            elif tag != "-comment":
                stack.append((child.child, bold, link, False))

    if root is not None:
        walk(root)
        flush()
    text, bold_spans = b.result()
    if not text.strip():
        raise InputError("no text in the HTML page", name)
    return text, bold_spans


def _check_html_shape(html: str, name: str) -> None:
    """Refuse, before parsing, a page of more tags than HTML_MAX_TAGS or nested past HTML_MAX_DEPTH
    (the depth is an estimate: void and optional-end tags are skipped)."""
    depth = 0
    for n, m in enumerate(_TAG_RE.finditer(html)):
        if n >= HTML_MAX_TAGS:
            raise InputError(f"HTML of more than {HTML_MAX_TAGS:,} tags", name)
        tag = m.group(2).lower()
        if tag in _FLAT_TAGS or m.group().endswith("/>"):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > HTML_MAX_DEPTH:
                raise InputError(f"HTML nested more than {HTML_MAX_DEPTH} elements deep", name)


def _html_space(t: str) -> str:
    """HTML whitespace collapses: a source line break between CJK characters vanishes, other runs become one space."""
    if "\n" in t:
        t = _CJK_BREAK_RE.sub("", t)
    return _HTML_SPACE_RE.sub(" ", t)


def _trim_runs(runs: Runs) -> Runs:
    """Drop the collapsed spaces at the two ends of a line (indentation by U+3000 is kept)."""
    out = [r for r in runs if r[0]]
    while out and not out[0][0].strip(" "):
        out.pop(0)
    while out and not out[-1][0].strip(" "):
        out.pop()
    if out:
        out[0] = (out[0][0].lstrip(" "), out[0][1])
        out[-1] = (out[-1][0].rstrip(" "), out[-1][1])
    return out
