"""Text extraction from .docx, .html and .md, keeping the bold runs that open paragraphs.

Each function returns the extracted text (paragraphs as lines) and the spans of bold runs in it;
those spans index the returned text, which is what a plan file's spans then index.
"""

from __future__ import annotations

import io
import re

from govplan.errors import InputError

Span = tuple[int, int]

_MD_BOLD_RE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")


class _Builder:
    """Collects paragraphs of (text, bold) runs into one text with bold spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.bold: list[Span] = []
        self.pos = 0

    def paragraph(self, runs: list[tuple[str, bool]]) -> None:
        runs = [(t.replace("\r", "").replace("\n", " "), b) for t, b in runs if t]
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
        text = "".join(self.parts)
        bold = []
        for s, e in self.bold:
            while s < e and text[s] in " \t\u3000\u2003":
                s += 1
            while e > s and text[e - 1] in " \t\u3000\u2003":
                e -= 1
            if e > s:
                bold.append((s, e))
        return text, bold


def markdown_text(md: str) -> tuple[str, list[Span]]:
    """Strip ``**bold**`` markers, returning the plain text and the bold spans in it."""
    out: list[str] = []
    bold: list[Span] = []
    pos = 0
    last = 0
    for m in _MD_BOLD_RE.finditer(md):
        out.append(md[last : m.start()])
        pos += m.start() - last
        inner = m.group(1) or m.group(2) or ""
        bold.append((pos, pos + len(inner)))
        out.append(inner)
        pos += len(inner)
        last = m.end()
    out.append(md[last:])
    return "".join(out), bold


def docx_text(data: bytes, name: str) -> tuple[str, list[Span]]:
    """Paragraphs of a Word file as lines; bold runs kept as spans."""
    try:
        import docx
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError("reading .docx needs python-docx", name) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        raise InputError(f"not a readable .docx file ({type(exc).__name__})", name) from None
    b = _Builder()
    for para in document.paragraphs:
        style_bold = bool(para.style is not None and para.style.font is not None and para.style.font.bold)
        b.paragraph([(r.text, bool(r.bold) or (r.bold is None and style_bold)) for r in para.runs])
    text, bold = b.result()
    if not text.strip():
        raise InputError("no text (the document is blank)", name)
    return text, bold


_DROP_TAGS = ("script", "style", "nav", "header", "footer", "noscript", "iframe", "form", "button", "select")
_BLOCK_TAGS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 tr section article blockquote pre table ul ol dd dt".split()
)
_FURNITURE_RE = re.compile(r"^(?:下载|打印|关闭|【?字号|分享到|扫一扫|返回顶部|上一篇|下一篇|【大\s*中\s*小】).{0,30}$")


def html_text(html: str, name: str) -> tuple[str, list[Span]]:
    """Body text of a web page, one block per line; ``<strong>``/``<b>`` runs kept as spans."""
    from selectolax.parser import HTMLParser, Node

    tree = HTMLParser(html)
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    root = tree.body or tree.root
    if root is None:
        raise InputError("no text in the HTML page", name)
    b = _Builder()
    runs: list[tuple[str, bool]] = []

    def flush() -> None:
        nonlocal runs
        line = "".join(t for t, _ in runs).strip()
        if line and not _FURNITURE_RE.match(line):
            b.paragraph(runs)
        runs = []

    def walk(node: Node, bold: bool) -> None:
        child = node.child
        while child is not None:
            tag = child.tag
            if tag == "-text":
                runs.append((child.text_content or "", bold))
            elif tag in ("strong", "b"):
                walk(child, True)
            elif tag in _BLOCK_TAGS:
                flush()
                walk(child, bold)
                flush()
            elif tag not in ("-comment",):
                walk(child, bold)
            child = child.next

    walk(root, False)
    flush()
    text, bold_spans = b.result()
    if not text.strip():
        raise InputError("no text in the HTML page", name)
    return text, bold_spans
