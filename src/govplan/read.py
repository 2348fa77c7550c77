"""Reading: bytes to decoded text, the encoding and format detected, and any bold lead spans.

The decoded text (newlines normalised to ``\\n``) is what every span indexes; for .docx, .html and
.md it is the extracted text, which ``govplan parse --dump-text FILE`` writes out.
"""

from __future__ import annotations

import codecs
import errno
import fcntl
import hashlib
import os
import re
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from govplan.errors import InputError

Span = tuple[int, int]

DEFAULT_LIMIT = 64 * 1024 * 1024  # bytes; larger inputs are refused rather than read forever
# Characters of extracted text: 15 times the longest report of the corpus (about 33,000 characters),
# what the parser gets through in seconds; a longer text is refused rather than parsed for minutes.
TEXT_LIMIT = 500_000
_CHUNK = 1024 * 1024

# Formats that are not reports, named so that the error says what the file is.
_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word .doc (or other OLE) file; save it as .docx first"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not a report"),
    (b"\xff\xd8\xff", "a JPEG image, not a report"),
    (b"GIF8", "a GIF image, not a report"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
    (b"{\\rtf", "an RTF file; save it as .docx first"),
)
_HTML_HEAD_RE = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<(?:p|div|table)[\s>]"
)
_MD_LINE_RE = re.compile(r"^[ \t\u3000\u2003]*(?:#{1,6}[ \t]+\S|\*\*[^*\n]+\*\*)", re.M)
_MD_MIN_LINES = 3  # this many bold-lead or # heading lines make a text Markdown


@dataclass(frozen=True)
class SourceText:
    """A decoded report: its text, what it was, and bold runs (topic hints) where the format has them."""

    name: str
    text: str
    encoding: str
    format: str
    sha256: str
    bold: list[Span] = field(default_factory=list)


def read_bytes(path: str, limit: int = DEFAULT_LIMIT) -> bytes:
    """Read at most ``limit`` bytes of a file (``-`` is stdin); refuse what cannot be a report.

    Never blocks on a FIFO without a writer and never reads more than ``limit + 1`` bytes, so
    ``/dev/zero`` or an endless pipe is refused, not read forever.
    """
    if path == "-":
        return _bounded(sys.stdin.buffer.read, limit, path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except NotADirectoryError:
        raise InputError("no such file (a part of the path is not a directory)", path) from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", path) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, not a file", path)
    if stat.S_ISREG(st.st_mode) and st.st_size > limit:
        raise InputError(_too_large(limit), path)
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
        raise InputError("not a regular file", path)
    try:
        # O_NONBLOCK: opening a FIFO that has no writer returns at once instead of hanging.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except PermissionError:
        raise InputError("permission denied", path) from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", path) from None
    try:
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        with os.fdopen(fd, "rb", closefd=True) as fh:
            return _bounded(fh.read, limit, path)
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise InputError("is a directory, not a file", path) from None
        raise InputError(f"cannot read ({exc.strerror or exc})", path) from None


def _bounded(read: Callable[[int], bytes], limit: int, path: str) -> bytes:
    """Read in chunks until EOF or until more than ``limit`` bytes have come."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise InputError(_too_large(limit), path)
    return b"".join(chunks)


def text_limit() -> int:
    """The text limit in characters: ``GOVPLAN_MAX_CHARS`` if set (0 lifts it), else ``TEXT_LIMIT``."""
    raw = os.environ.get("GOVPLAN_MAX_CHARS", "").strip()
    if not raw:
        return TEXT_LIMIT
    try:
        value = int(raw)
    except ValueError:
        raise InputError(f"GOVPLAN_MAX_CHARS must be a whole number of characters, not {raw!r}") from None
    return value if value > 0 else 0


def _check_length(text: str, name: str) -> str:
    limit = text_limit()
    if limit and len(text) > limit:
        raise InputError(
            f"longer than the {limit:,}-character text limit (GOVPLAN_MAX_CHARS=0 lifts it)", name
        )
    return text


def _too_large(limit: int) -> str:
    mib = 1024 * 1024
    size = f"{limit // mib} MiB" if limit % mib == 0 else f"{limit}-byte"
    return f"larger than the {size} input limit"


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode report bytes: BOMs first, then strict UTF-8, then UTF-16 without BOM, then GB18030 and kin.

    >>> decode("各位代表".encode("gb18030"), "r.txt")
    ('各位代表', 'gb18030')
    """
    if not data:
        raise InputError("empty file", name)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                raise InputError(f"not valid {enc.upper()} despite its byte order mark", name) from None
            return _check_text(text, name), "utf-8" if enc == "utf-8-sig" else enc
    if b"\x00" in data[:4096]:
        text16 = _utf16_without_bom(data)
        if text16 is not None:
            return _check_text(text16[0], name), text16[1]
        raise InputError("binary file, not text", name)
    try:
        return _check_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    # Reports in a legacy encoding are GB18030 (or its subsets GBK and GB2312) far more often than
    # anything else, and a detector guesses wrong on short Chinese texts (cp949, say); so GB18030
    # decides first when it reads the bytes as mostly Chinese.
    try:
        text = data.decode("gb18030")
        if _han_share(text) > 0.3:
            return _check_text(text, name), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    enc = (best.encoding if best else "").lower().replace("_", "")
    if enc and enc not in ("gb2312", "gbk", "gb18030", "hz"):
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            return _check_text(text, name), enc
    raise InputError("cannot decode: not UTF-8, UTF-16 or GB18030 text", name)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte order mark: mostly Han characters once decoded."""
    if len(data) % 2:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _han_share(text) > 0.3:
            return text, enc
    return None


def _han_share(text: str) -> float:
    sample = text[:20_000]
    if not sample:
        return 0.0
    return sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff") / len(sample)


# Blank characters of a file with no text; control characters (not tab, newline, form feed, carriage
# return) and U+FFFD of a binary file read as text. Patterns, not a loop over each character: a
# report costs 1 ms less, and a blank test makes no stripped copy of the text.
_BLANK_RE = re.compile("[ \t\r\n\f\v\u3000\u200b\u200c\u200d\u2060\ufeff\u2002\u2003\xa0]*")
_BINARY_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def _check_text(text: str, name: str) -> str:
    if _BLANK_RE.fullmatch(text):
        raise InputError("no text (the file is blank)", name)
    sample = text[:20_000]
    bad = len(_BINARY_RE.findall(sample))
    if bad > max(8, len(sample) // 50):
        raise InputError("binary file, not text", name)
    return text


def detect_format(data: bytes, name: str) -> str:
    """txt, md, html or docx, from the content first and the suffix second.

    >>> detect_format(b"<!DOCTYPE html><html><body><p>x</p></body></html>", "report.txt")
    'html'
    """
    if data[:4] == b"PK\x03\x04":
        return "docx" if b"word/" in data[:65536] or name.lower().endswith(".docx") else "zip"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<") and _HTML_HEAD_RE.search(head):
        return "html"
    suffix = os.path.splitext(name)[1].lower()
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    return "txt"


def _looks_markdown(text: str) -> bool:
    """Bold leads (``**…**``) or ``#`` headings on several lines: Markdown, whatever the suffix."""
    count = 0
    for _ in _MD_LINE_RE.finditer(text):
        count += 1
        if count >= _MD_MIN_LINES:
            return True
    return False


def read_source(path: str, limit: int = DEFAULT_LIMIT) -> SourceText:
    """Read and decode one report file (``-`` for stdin)."""
    data = read_bytes(path, limit)
    # a name that is not UTF-8 (surrogate escapes) keeps a U+FFFD in the plan file, which is UTF-8
    name = "stdin" if path == "-" else os.fsencode(os.path.basename(path)).decode("utf-8", "replace")
    return source_from_bytes(data, name, display=path)


def source_from_bytes(data: bytes, name: str, display: str | None = None) -> SourceText:
    """Decode report bytes of any supported format; ``format`` says which was found.

    >>> source_from_bytes("**办好人民满意教育。**新建学校3所。\\n".encode(), "r.md").bold
    [(0, 9)]
    """
    shown = display or name
    if not data:
        raise InputError("empty file", shown)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(what, shown)
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(b"%PDF-"):
        from govplan.pdf import pdf_text

        text, bold = pdf_text(data, shown)
        return SourceText(name, _check_length(text, shown), "utf-8", "pdf", digest, bold)
    fmt = detect_format(data, name)
    if fmt == "zip":
        raise InputError("a zip archive that is not a Word .docx file", shown)
    if fmt == "docx":
        from govplan.formats import docx_text

        text, bold = docx_text(data, shown, DEFAULT_LIMIT)
        return SourceText(name, _check_length(text, shown), "utf-8", "docx", digest, bold)
    text, encoding = decode(data, shown)
    text = normalize_newlines(text)
    if fmt == "html":  # the limit is on the text a page holds, not on its markup
        from govplan.formats import html_text

        text, bold = html_text(text, shown)
        return SourceText(name, _check_length(text, shown), encoding, "html", digest, bold)
    _check_length(text, shown)
    if fmt == "md" or _looks_markdown(text):
        from govplan.formats import markdown_text

        text, bold = markdown_text(text)
        return SourceText(name, text, encoding, "md", digest, bold)
    return SourceText(name, text, encoding, "txt", digest, [])
