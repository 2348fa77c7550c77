"""Reading: bytes to decoded text, the encoding and format detected, and any bold lead spans.

The decoded text (newlines normalised to ``\\n``) is what every span indexes.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from govplan.errors import InputError

Span = tuple[int, int]

DEFAULT_LIMIT = 64 * 1024 * 1024  # bytes; larger inputs are refused rather than read forever


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
    """Read at most ``limit`` bytes of a file (``-`` is stdin); refuse what cannot be a report."""
    import sys

    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        p = Path(path)
        try:
            st = p.stat()
        except FileNotFoundError:
            raise InputError("no such file", path) from None
        except OSError as exc:
            raise InputError(f"cannot read ({exc.strerror or exc})", path) from None
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is a directory, not a file", path)
        if not stat.S_ISREG(st.st_mode) and not stat.S_ISFIFO(st.st_mode) and not stat.S_ISCHR(st.st_mode):
            raise InputError("not a regular file", path)
        try:
            with open(p, "rb") as fh:
                data = fh.read(limit + 1)
        except PermissionError:
            raise InputError("permission denied", path) from None
        except OSError as exc:
            raise InputError(f"cannot read ({exc.strerror or exc})", path) from None
    if len(data) > limit:
        raise InputError(f"larger than the {limit // (1024 * 1024)} MiB input limit", path)
    return data


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
    """Decode report bytes: BOMs first, then strict UTF-8, then detection (GB18030 and kin)."""
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
        raise InputError("binary file, not text", name)
    try:
        return _check_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    enc = (best.encoding if best else "").lower().replace("_", "")
    candidates = ["gb18030"] if enc in ("gb2312", "gbk", "gb18030", "hz", "") else [enc, "gb18030"]
    for cand in candidates:
        try:
            text = data.decode(cand)
        except (UnicodeDecodeError, LookupError):
            continue
        if _han_share(text) > 0.05 or cand == candidates[-1]:
            return _check_text(text, name), "gb18030" if cand in ("gbk", "gb2312") else cand
    raise InputError("cannot decode: not UTF-8, UTF-16 or GB18030 text", name)


def _han_share(text: str) -> float:
    sample = text[:20_000]
    if not sample:
        return 0.0
    return sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff") / len(sample)


def _check_text(text: str, name: str) -> str:
    if not text.strip(" \t\r\n\u3000\u200b\ufeff\u2003\xa0"):
        raise InputError("no text (the file is blank)", name)
    sample = text[:20_000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n\f") or ch == "\ufffd")
    if bad > max(8, len(sample) // 50):
        raise InputError("binary file, not text", name)
    return text


def detect_format(data: bytes, name: str) -> str:
    """txt, md, html or docx, from the content first and the suffix second."""
    if data[:4] == b"PK\x03\x04":
        return "docx" if b"word/" in data[:65536] or name.lower().endswith(".docx") else "zip"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or (b"<body" in head or b"<p>" in head):
        return "html"
    suffix = os.path.splitext(name)[1].lower()
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix in (".html", ".htm"):
        return "html"
    return "txt"


def read_source(path: str, limit: int = DEFAULT_LIMIT) -> SourceText:
    """Read and decode one report file (``-`` for stdin)."""
    data = read_bytes(path, limit)
    name = "stdin" if path == "-" else os.path.basename(path)
    return source_from_bytes(data, name, display=path)


def source_from_bytes(data: bytes, name: str, display: str | None = None) -> SourceText:
    """Decode report bytes of any supported format."""
    shown = display or name
    fmt = detect_format(data, name)
    digest = hashlib.sha256(data).hexdigest()
    if fmt == "zip":
        raise InputError("a zip archive that is not a Word .docx file", shown)
    if not data:
        raise InputError("empty file", shown)
    if fmt == "docx":
        from govplan.formats import docx_text

        text, bold = docx_text(data, shown)
        return SourceText(name, text, "utf-8", "docx", digest, bold)
    text, encoding = decode(data, shown)
    text = normalize_newlines(text)
    if fmt == "html":
        from govplan.formats import html_text

        text, bold = html_text(text, shown)
        return SourceText(name, text, encoding, "html", digest, bold)
    if fmt == "md":
        from govplan.formats import markdown_text

        text, bold = markdown_text(text)
        return SourceText(name, text, encoding, "md", digest, bold)
    return SourceText(name, text, encoding, "txt", digest, [])
