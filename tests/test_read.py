"""Reading: encodings, newlines, format detection and the refusals, each with its exact message."""

from __future__ import annotations

import codecs
import os
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govplan.errors import InputError
from govplan.read import (
    decode,
    detect_format,
    normalize_newlines,
    read_bytes,
    read_source,
    source_from_bytes,
)

DATA = Path(__file__).parent / "data"
CLEAN = "一、2023年工作安排\n办好人民满意教育。新建学校3所，增加学位2000个。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (CLEAN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + CLEAN.encode("utf-8"), "utf-8"),
        (CLEAN.encode("utf-16"), "utf-16"),  # with its BOM
        (codecs.BOM_UTF16_BE + CLEAN.encode("utf-16-be"), "utf-16"),
        (CLEAN.encode("utf-16-le"), "utf-16-le"),  # no BOM: told by the Han share
        (CLEAN.encode("utf-32"), "utf-32"),
        (CLEAN.encode("gb18030"), "gb18030"),
        (CLEAN.encode("gbk"), "gb18030"),
    ],
)
def test_decode_gives_the_same_text_whatever_the_encoding(data: bytes, encoding: str) -> None:
    assert decode(data, "r.txt") == (CLEAN, encoding)


def test_a_short_gb18030_text_is_not_taken_for_korean() -> None:
    assert decode("各位代表".encode("gb18030"), "r.txt") == ("各位代表", "gb18030")


def test_the_real_gbk_original_decodes() -> None:
    src = read_source(str(DATA / "national-2017.gbk.txt"))
    assert (src.encoding, src.format) == ("gb18030", "txt")
    assert "\r" not in src.text
    assert "政府工作报告——2017年3月5日在第十二届全国人民代表大会第五次会议上" in src.text
    assert src.name == "national-2017.gbk.txt"


@pytest.mark.parametrize(
    ("raw", "text"),
    [("a\r\nb", "a\nb"), ("a\rb", "a\nb"), ("a\r\r\nb", "a\n\nb"), ("a\nb", "a\nb"), ("\r", "\n")],
)
def test_newlines(raw: str, text: str) -> None:
    assert normalize_newlines(raw) == text


def test_crlf_and_lone_cr_leave_the_same_text_as_lf() -> None:
    for nl in ("\r\n", "\r"):
        src = source_from_bytes(CLEAN.replace("\n", nl).encode(), "r.txt")
        assert src.text == CLEAN


def test_sha256_is_of_the_raw_bytes() -> None:
    import hashlib

    data = codecs.BOM_UTF8 + CLEAN.encode()
    assert source_from_bytes(data, "r.txt").sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n", "no text (the file is blank)"),
        ("\u3000\u200b\n\ufeff".encode(), "no text (the file is blank)"),
        (bytes(range(1, 32)) * 40, "binary file, not text"),
        (b"\x00\x01\x02\x03" * 300, "binary file, not text"),
        (
            bytes([0x81, 0x30, 0xFF, 0xFE, 0x80, 0x80]) * 50,
            "cannot decode: not UTF-8, UTF-16 or GB18030 text",
        ),
        (b"%PDF-1.7\n", "a damaged PDF file (pdfium cannot open it)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image, not a report"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00",
            "an old Word .doc (or other OLE) file; save it as .docx first",
        ),
        (b"PK\x03\x04\x14\x00", "a zip archive that is not a Word .docx file"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16 despite its byte order mark"),
    ],
)
def test_refusals_say_what_the_input_is(data: bytes, what: str) -> None:
    with pytest.raises(InputError) as exc:
        source_from_bytes(data, "r.bin")
    assert exc.value.line() == f"Error: r.bin: {what}"


@pytest.mark.parametrize(
    ("head", "name", "fmt"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p>", "r.txt", "html"),
        (b"\n  <html lang='zh'><body>", "r", "html"),
        (b"<div class='content'><p>x</p></div>", "r.txt", "html"),
        (b"plain text", "r.html", "html"),
        (b"plain text", "r.htm", "html"),
        (b"plain text", "r.md", "md"),
        (b"plain text", "r.txt", "txt"),
        (b"<3 is less than four", "r.txt", "txt"),
        (b"PK\x03\x04....word/document.xml", "r.bin", "docx"),
        (b"PK\x03\x04....xl/workbook.xml", "r.xlsx", "zip"),
    ],
)
def test_detect_format_reads_the_content_before_the_suffix(head: bytes, name: str, fmt: str) -> None:
    assert detect_format(head, name) == fmt


def test_bold_leads_make_a_text_markdown_whatever_its_suffix() -> None:
    md = "一、工作安排\n**办好教育。**新建学校3所。\n**稳定就业。**新增就业1万人。\n**扩大开放。**引进项目5个。\n"
    src = source_from_bytes(md.encode(), "r.txt")
    assert src.format == "md"
    assert [src.text[s:e] for s, e in src.bold] == ["办好教育。", "稳定就业。", "扩大开放。"]
    two = source_from_bytes(b"**a**\n**b**\n", "r.txt")
    assert (two.format, two.text) == ("txt", "**a**\n**b**\n")


def test_read_bytes_refuses_missing_directories_and_oversize(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="^no such file$"):
        read_bytes(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="^is a directory, not a file$"):
        read_bytes(str(tmp_path))
    (tmp_path / "f.txt").write_text("x")
    with pytest.raises(InputError, match=r"^no such file \(a part of the path is not a directory\)$"):
        read_bytes(str(tmp_path / "f.txt" / "g.txt"))
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2049)
    with pytest.raises(InputError) as exc:
        read_bytes(str(big), limit=2048)
    assert exc.value.what == "larger than the 2048-byte input limit"
    assert read_bytes(str(big), limit=4096) == b"a" * 2049


def test_dev_zero_is_refused_after_a_bounded_read() -> None:
    with pytest.raises(InputError) as exc:
        read_bytes("/dev/zero", limit=1024 * 1024)
    assert exc.value.line() == "Error: /dev/zero: larger than the 1 MiB input limit"


def test_a_fifo_without_a_writer_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="^empty file$"):
        source_from_bytes(read_bytes(str(fifo)), "fifo")


def test_a_fifo_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)

    def write() -> None:
        for _ in range(100):
            try:
                with open(fifo, "wb") as fh:  # blocks until a reader opens the FIFO
                    fh.write(CLEAN.encode())
                return
            except BrokenPipeError:  # a reader came and went before the write: try again
                continue

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    data = b""
    deadline = time.monotonic() + 10
    while not data and time.monotonic() < deadline:
        time.sleep(0.05)  # let the writer reach its open()
        data = read_bytes(str(fifo))
    writer.join(timeout=10)
    assert data == CLEAN.encode()


def test_zero_width_and_odd_spaces_are_kept_in_the_text() -> None:
    raw = "\u200b\n一、2023年工作安排\u200b\n\u3000\u3000办好教育。\n"
    assert source_from_bytes(raw.encode(), "r.txt").text == raw


def test_the_text_limit_is_set_by_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govplan.errors import InputError
    from govplan.read import read_source

    report = tmp_path / "r.txt"
    report.write_text("一、2024年工作安排\n新建学校3所。\n", encoding="utf-8")
    monkeypatch.setenv("GOVPLAN_MAX_CHARS", "5")
    with pytest.raises(InputError) as exc:
        read_source(str(report))
    assert exc.value.line() == (
        f"Error: {report}: longer than the 5-character text limit (GOVPLAN_MAX_CHARS=0 lifts it)"
    )
    monkeypatch.setenv("GOVPLAN_MAX_CHARS", "0")
    assert read_source(str(report)).text.startswith("一、")


@given(
    st.text(st.sampled_from([chr(i) for i in range(40)] + ["\ufffd", "\u3000", "\xa0", "国"]), max_size=60)
)
def test_the_binary_and_blank_patterns_are_their_character_definitions(text: str) -> None:
    from govplan.read import _BINARY_RE, _BLANK_RE

    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n\f") or ch == "\ufffd")
    assert len(_BINARY_RE.findall(text)) == bad
    blank = " \t\r\n\f\v\u3000\u200b\u200c\u200d\u2060\ufeff\u2002\u2003\xa0"
    assert (_BLANK_RE.fullmatch(text) is not None) == (not text.strip(blank))
