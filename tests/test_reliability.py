"""Attacks: fuzzed text and bytes, bad and awkward inputs against the installed CLI, bad plan files.

Every bad input must end in one ``Error:`` line, a non-zero exit and nothing written; every awkward
but valid one (another encoding, other line ends, stray zero-width characters, no headings) must
give the same commitments as the clean UTF-8 text.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govplan.errors import InputError
from govplan.models import Commitment, Plan, Project
from govplan.pipeline import parse_text
from govplan.read import read_source, source_from_bytes

ROOT = Path(__file__).parent.parent
DATA = ROOT / "tests" / "data"
GOVPLAN = str(Path(sys.executable).parent / "govplan")
GBK = DATA / "national-2017.gbk.txt"
CLEAN = read_source(str(GBK)).text  # the real report, decoded once: the reference text
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}


def govplan(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [GOVPLAN, *args], capture_output=True, text=True, cwd=cwd, env=ENV, timeout=timeout, check=False
    )


def listing(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------------------------------- fuzzing


def check_spans(plan: Plan, text: str) -> None:
    """Every span lies in the text and every title or text slices back out of it."""

    def topics(items: list[Any]) -> None:
        for t in items:
            assert 0 <= t.span[0] <= t.span[1] <= len(text)
            assert text[t.span[0] : t.span[1]] == t.title
            topics(t.topics)

    def sections(items: list[Any]) -> None:
        for s in items:
            assert 0 <= s.span[0] <= s.span[1] <= len(text)
            assert s.title in text[s.span[0] : s.span[1]]
            topics(s.topics)
            sections(s.sections)

    sections(plan.sections)
    items: list[Commitment | Project] = [*plan.commitments, *plan.projects]
    for item in items:
        assert 0 <= item.span[0] <= item.span[1] <= len(text)
        assert text[item.span[0] : item.span[1]] == item.text
    for w in plan.warnings:
        assert w.span is None or 0 <= w.span[0] <= w.span[1] <= len(text)
    assert plan.source.chars == len(text)


PIECES = st.sampled_from(
    [*"一二三四五六七八九十（）()、。，；：！“”0123456789.%％万亿千百个人元年是要第部分附件", "\n", "\n\n"]
    + ["\u3000", "\u200b", "\ufeff", "\u2003", "\xa0", "??", "——", "**", "一、", "（三）", "1.", "一是"]
    + ["增长", "以上", "左右", "不低于", "控制在", "新建", "工程", "项目", "2023年工作回顾", "今年工作安排"]
    + ["各位代表：", "政府工作报告", "名词解释", "𠀀", "é", "\u0301", "\t", " "]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=300).map("".join))
def test_report_like_noise_parses_and_spans_slice_back(text: str) -> None:
    check_spans(parse_text(text), text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400).map(lambda t: t.replace("\r\n", "\n").replace("\r", "\n")))
def test_any_unicode_parses(text: str) -> None:
    check_spans(parse_text(text), text)


@st.composite
def mutated_report(draw: st.DrawFn) -> str:
    """A stretch of the real report, cut, spliced, duplicated and sprinkled with odd pieces."""
    start = draw(st.integers(0, len(CLEAN) - 1))
    text = CLEAN[start : start + draw(st.integers(1, 6000))]
    for _ in range(draw(st.integers(1, 12))):
        i = draw(st.integers(0, len(text)))
        j = min(len(text), i + draw(st.integers(0, 400)))
        op = draw(st.sampled_from(["delete", "insert", "double", "move"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(PIECES) * draw(st.integers(1, 4)) + text[i:]
        elif op == "double":
            text = text[:i] + text[i:j] * 2 + text[j:]
        else:
            k = draw(st.integers(0, len(text)))
            text = text[:k] + text[i:j] + text[k:]
    return text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_report())
def test_mutated_real_text_parses_and_spans_slice_back(text: str) -> None:
    check_spans(parse_text(text), text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=3000),
        mutated_report().map(lambda t: t.encode("gb18030")),
        mutated_report().map(lambda t: t.encode("utf-16")),
        st.binary(max_size=200).map(lambda b: b"PK\x03\x04word/" + b),
        st.binary(max_size=400).map(lambda b: b"<html><body><p><b>" + b),
    ),
    st.sampled_from(["r.txt", "r.md", "r.html", "r.docx", "r"]),
)
def test_any_bytes_read_or_refuse_with_an_input_error(data: bytes, name: str) -> None:
    try:
        src = source_from_bytes(data, name)
    except InputError as exc:
        assert exc.line().startswith(f"Error: {name}: ")
        assert "\n" not in exc.line()
        return
    assert src.format in ("txt", "md", "html", "docx")
    check_spans(parse_text(src.text, bold=src.bold), src.text)


# ---------------------------------------------------------------------------- bad inputs, the CLI


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


BAD_FILES: list[tuple[str, bytes | None, str]] = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", " \n\t\r\n\u3000\u3000\n".encode(), "no text (the file is blank)"),
    ("picture.png", _png(), "a PNG image, not a report"),
    ("picture.txt", _png(), "a PNG image, not a report"),
    ("noise.txt", bytes((i * 7919 + 13) % 256 for i in range(5000)), "binary file, not text"),
    ("controls.txt", bytes(range(1, 32)) * 50, "binary file, not text"),
    (
        "mojibake.txt",
        bytes([0x81, 0x30, 0xFF, 0xFE, 0x80, 0x80]) * 60,
        "cannot decode: not UTF-8, UTF-16 or GB18030 text",
    ),
    ("bad-bom.txt", codecs.BOM_UTF16_LE + b"\x00\xd8\x00", "not valid UTF-16 despite its byte order mark"),
    (
        "report.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        "a PDF file; save the report as .docx, .html or text first",
    ),
    ("report.docx", b"PK\x03\x04word/" + b"\x00" * 200, "a damaged .docx file (not a readable zip archive)"),
    ("page.html", b"<html><body><script>go()</script></body></html>", "no text in the HTML page"),
    ("missing.txt", None, "no such file"),
]


@pytest.mark.parametrize(("name", "data", "what"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_input_is_one_error_line_and_nothing_written(
    tmp_path: Path, name: str, data: bytes | None, what: str
) -> None:
    if data is not None:
        (tmp_path / name).write_bytes(data)
    before = listing(tmp_path)
    r = govplan("parse", name, "-o", "plan.yaml", "--dump-text", "text.txt", cwd=tmp_path)
    assert (r.returncode, r.stdout, r.stderr) == (2, "", f"Error: {name}: {what}\n")
    assert listing(tmp_path) == before


def test_a_directory_of_nothing_a_fifo_and_dev_zero(tmp_path: Path) -> None:
    (tmp_path / "empty-dir").mkdir()
    os.mkfifo(tmp_path / "fifo")
    before = listing(tmp_path)
    for arg, what in [
        ("empty-dir", "no report files (.txt, .md, .markdown, .html, .htm, .docx) in this directory"),
        ("fifo", "empty file"),
        ("/dev/zero", "larger than the 64 MiB input limit"),
    ]:
        r = govplan("parse", arg, "-o", "plan.yaml", cwd=tmp_path, timeout=60)
        assert (r.returncode, r.stdout, r.stderr) == (2, "", f"Error: {arg}: {what}\n")
    assert listing(tmp_path) == before


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(64 * 1024 * 1024 + 1)  # sparse: costs no disk
    r = govplan("parse", "big.txt", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (2, "Error: big.txt: larger than the 64 MiB input limit\n")


# ----------------------------------------------------------------------- awkward but valid inputs


def commitments(plan: dict[str, Any]) -> list[tuple[Any, ...]]:
    keys = ("text", "metric", "value", "value_max", "unit", "comparator", "kind", "status", "stance")
    return [tuple(c[k] for k in keys) for c in plan["commitments"]]


@pytest.fixture(scope="module")
def clean_plan(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    d = tmp_path_factory.mktemp("clean")
    (d / "clean.txt").write_text(CLEAN, encoding="utf-8")
    r = govplan("parse", "clean.txt", "-f", "json", cwd=d)
    assert r.returncode == 0, r.stderr
    plan: dict[str, Any] = json.loads(r.stdout)
    assert len(plan["commitments"]) > 50
    return plan


def _zero_width(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(f"\u200b{ln}\ufeff" if i % 3 == 0 else ln for i, ln in enumerate(lines)) + "\n\u200b\n"


AWKWARD: list[tuple[str, Any, str]] = [
    ("gb18030", lambda t: t.encode("gb18030"), "gb18030"),
    ("utf-16-bom", lambda t: t.encode("utf-16"), "utf-16"),
    ("utf-16-be-bom", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16"),
    ("utf-16-le-no-bom", lambda t: t.encode("utf-16-le"), "utf-16-le"),
    ("utf-8-bom", lambda t: codecs.BOM_UTF8 + t.encode(), "utf-8"),
    ("crlf", lambda t: t.replace("\n", "\r\n").encode(), "utf-8"),
    ("lone-cr", lambda t: t.replace("\n", "\r").encode(), "utf-8"),
    ("zero-width", lambda t: _zero_width(t).encode(), "utf-8"),
]


@pytest.mark.parametrize(("case", "encode", "encoding"), AWKWARD, ids=[a[0] for a in AWKWARD])
def test_awkward_but_valid_inputs_give_the_same_commitments(
    tmp_path: Path, clean_plan: dict[str, Any], case: str, encode: Any, encoding: str
) -> None:
    (tmp_path / f"{case}.txt").write_bytes(encode(CLEAN))
    r = govplan("parse", f"{case}.txt", "-f", "json", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (0, "")
    plan = json.loads(r.stdout)
    assert plan["source"]["encoding"] == encoding
    assert commitments(plan) == commitments(clean_plan)
    if case != "zero-width":  # the same decoded text: the same spans too
        assert [c["span"] for c in plan["commitments"]] == [c["span"] for c in clean_plan["commitments"]]


def test_the_real_gbk_original_gives_the_commitments_of_its_utf8_copy(clean_plan: dict[str, Any]) -> None:
    r = govplan("parse", str(GBK), "-f", "json")
    assert r.returncode == 0
    assert commitments(json.loads(r.stdout)) == commitments(clean_plan)


def test_text_without_headings_still_parses_with_a_warning(
    tmp_path: Path, clean_plan: dict[str, Any]
) -> None:
    body = CLEAN[CLEAN.index("二、2017年工作总体部署") :]
    flat = "\n".join(
        ln for ln in body.split("\n") if not ln.lstrip("\u3000 ").startswith(("一、", "二、", "三、", "（"))
    )
    (tmp_path / "flat.txt").write_text(flat, encoding="utf-8")
    r = govplan("parse", "flat.txt", "-f", "json", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (0, "")
    plan = json.loads(r.stdout)
    assert "no-headings" in [w["code"] for w in plan["warnings"]]
    want = [c for c in commitments(clean_plan) if c[0] in flat]
    assert len(want) > 40
    assert commitments(plan) == want  # the targets paragraph included, though no heading precedes it


# ------------------------------------------------------------------------ an interrupted batch


def test_ctrl_c_in_a_batch_leaves_whole_files_and_no_partial_ones(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(8):
        shutil.copy(GBK, src / f"r{i}.txt")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [GOVPLAN, "parse", str(src), "-o", str(out), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches it
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.is_dir() and any(out.glob("*.yaml"))):
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err
    if proc.returncode == 130:
        assert err == "Error: interrupted\n"
    else:  # the batch won the race
        assert proc.returncode == 0
    written = sorted(out.iterdir())
    assert written and all(p.suffix == ".yaml" for p in written)  # no temp files left behind
    whole = govplan("parse", str(GBK)).stdout
    for p in written:
        assert p.read_text(encoding="utf-8") == whole.replace("national-2017.gbk.txt", p.stem + ".txt")


# -------------------------------------------------------------------------- bad plan files


@pytest.fixture(scope="module")
def plan_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("plans")
    r = govplan("parse", str(GBK), "-o", str(d / "good.yaml"))
    assert r.returncode == 0, r.stderr
    good = (d / "good.yaml").read_text(encoding="utf-8")
    (d / "list.yaml").write_text("- 1\n- 2\n")
    (d / "scalar.json").write_text('"a plan"\n')
    cut = good.index("span: [", len(good) // 2) + len("span: [1")
    (d / "truncated.yaml").write_text(good[:cut])  # cut inside a flow list: not YAML any more
    (d / "truncated.json").write_text('{"schema_version": 1, "source": {"name": ')
    (d / "duplicate.yaml").write_text("schema_version: 1\n" + good)
    (d / "future.yaml").write_text(good.replace("schema_version: 1\n", "schema_version: 99\n", 1))
    (d / "binary.yaml").write_bytes(_png())
    data = yaml.safe_load(good)
    data["commitments"][0]["value"] = "a lot"
    data["commitments"][0]["span"] = [10**12, -5]
    (d / "absurd.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    return d


BAD_PLANS = [
    "list.yaml",
    "scalar.json",
    "truncated.yaml",
    "truncated.json",
    "duplicate.yaml",
    "future.yaml",
    "binary.yaml",
    "absurd.yaml",
]


@pytest.mark.parametrize("bad", BAD_PLANS)
def test_diff_track_and_targets_fail_cleanly_on_bad_plan_files(plan_dir: Path, bad: str) -> None:
    before = listing(plan_dir)
    for args in (["diff", "good.yaml", bad], ["track", bad, "good.yaml"], ["targets", bad, "-o", "t.csv"]):
        r = govplan(*args, cwd=plan_dir)
        assert r.returncode == 2, (args, r.stderr)
        assert r.stdout == ""
        assert r.stderr.startswith(f"Error: {bad}: ") and r.stderr.count("\n") == 1, (args, r.stderr)
    assert listing(plan_dir) == before


@pytest.mark.parametrize("bad", BAD_PLANS)
def test_validate_reports_bad_plan_files_as_invalid(plan_dir: Path, bad: str) -> None:
    r = govplan("validate", bad, cwd=plan_dir)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert bad in r.stdout


def test_the_same_input_gives_the_same_bytes_in_every_process(tmp_path: Path) -> None:
    outs = set()
    for seed in ("1", "2", "3"):
        r = subprocess.run(
            [GOVPLAN, "parse", str(GBK), "-f", "json"],
            capture_output=True,
            env={**ENV, "PYTHONHASHSEED": seed},
            timeout=120,
            check=True,
        )
        outs.add(r.stdout)
    assert len(outs) == 1


def test_a_reader_that_goes_away_is_no_error() -> None:
    proc = subprocess.Popen(
        [GOVPLAN, "parse", str(GBK), "-f", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10) == b'{\n  "schem'
    proc.stdout.close()  # like `govplan parse r.txt | head -c 10`
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 0
    assert err == ""
