"""Attacks: fuzzed text and bytes, bad and awkward inputs against the installed CLI, bad plan files.

Every bad input must end in one ``Error:`` line, a non-zero exit and nothing written; every awkward
but valid one (another encoding, other line ends, stray zero-width characters, no headings) must
give the same commitments as the clean UTF-8 text.
"""

from __future__ import annotations

import codecs
import json
import os
import secrets
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
        "a damaged PDF file (pdfium cannot open it)",
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
        ("empty-dir", "no report files (.txt, .md, .markdown, .html, .htm, .docx, .pdf) in this directory"),
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
    r = govplan("parse", "--quiet", "flat.txt", "-f", "json", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (0, "")
    plan = json.loads(r.stdout)
    assert "no-headings" in [w["code"] for w in plan["warnings"]]
    want = [c for c in commitments(clean_plan) if c[0] in flat]
    assert len(want) > 40
    assert commitments(plan) == want  # the targets paragraph included, though no heading precedes it


# ------------------------------------------------------------------------ an interrupted batch


def _start_batch(tmp_path: Path, copies: int, **popen: Any) -> tuple[subprocess.Popen[str], Path]:
    """A two-worker batch over ``copies`` copies of one report, started in the background."""
    src = tmp_path / "in"
    src.mkdir()
    for i in range(copies):
        shutil.copy(GBK, src / f"r{i}.txt")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [GOVPLAN, "parse", str(src), "-o", str(out), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        **popen,
    )
    return proc, out


def test_ctrl_c_in_a_batch_leaves_whole_files_and_no_partial_ones(tmp_path: Path) -> None:
    # its own process group, as a terminal's Ctrl-C reaches it
    proc, out = _start_batch(tmp_path, 8, start_new_session=True)
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
        assert p.read_text(encoding="utf-8") == whole.replace(
            "national-2017.gbk.txt", p.name.removesuffix(".plan.yaml") + ".txt"
        )


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


# --------------------------------------------------------------- hostile input, under limits
# Each case runs the installed CLI with an address-space limit and a timeout, so a regression to
# a hang or a blow-up fails here in seconds instead of stalling CI.

LIMIT_SECONDS = 20
LIMIT_BYTES = 2 * 1024**3  # address space (RSS stays far below it); a 3 GB expansion dies here
SMALL = ROOT / "tests" / "cases" / "parse" / "front-matter-hebei" / "input.txt"
OTHER = ROOT / "tests" / "cases" / "parse" / "glossary-miyi" / "input.txt"


def _limits() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def bounded(*args: str, cwd: Path, stdin: Any = None) -> subprocess.CompletedProcess[str]:
    """The CLI under the limits; exit 0, 1 or 2, one line per error and never a traceback."""
    r = subprocess.run(
        [GOVPLAN, *args],
        capture_output=True,
        text=True,
        errors="replace",
        cwd=cwd,
        env=ENV,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        timeout=LIMIT_SECONDS,
        preexec_fn=_limits,
        check=False,
    )
    assert r.returncode in (0, 1, 2), (args, r.returncode, r.stderr[-500:])
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr[-500:]
    return r


def no_temp_files(d: Path) -> None:
    assert not [p for p in d.rglob("*") if p.name.endswith(".tmp")]


@pytest.fixture
def two(tmp_path: Path) -> Path:
    shutil.copy(SMALL, tmp_path / "a.txt")
    shutil.copy(OTHER, tmp_path / "b.txt")
    return tmp_path


def _sha_of(plan: Path) -> str:
    return str(yaml.safe_load(plan.read_text(encoding="utf-8"))["source"]["sha256"])


def _sha_file(p: Path) -> str:
    import hashlib

    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_a_repeated_input_is_parsed_once_and_every_other_input_gets_its_plan(two: Path) -> None:
    r = bounded("parse", "-q", "a.txt", "b.txt", "a.txt", "./a.txt", "-o", "out/", "-j", "1", cwd=two)
    assert r.returncode == 0
    assert r.stderr.splitlines() == [
        "Warning: a.txt: given more than once; parsed once",
        "Warning: ./a.txt: given more than once; parsed once",
        "parsed 2 of 2 files into out/",
    ]
    assert sorted(p.name for p in (two / "out").iterdir()) == ["a.plan.yaml", "b.plan.yaml"]
    for stem in ("a", "b"):
        assert _sha_of(two / "out" / f"{stem}.plan.yaml") == _sha_file(two / f"{stem}.txt")
    r = bounded("parse", "a.txt", "a.txt", "-o", "out2", cwd=two)
    assert r.returncode == 0 and [p.name for p in (two / "out2").iterdir()] == ["a.plan.yaml"]


def test_stdin_s_own_file_and_one_name_twice_are_refused(two: Path) -> None:
    before = listing(two)
    for args in (["-o", "a.txt"], ["--dump-text", "a.txt"], ["-o", "./a.txt"]):
        with open(two / "a.txt", "rb") as fh:
            r = bounded("parse", "-", *args, cwd=two, stdin=fh)
        assert (r.returncode, r.stderr) == (
            2,
            f"Error: {Path(args[1])}: refusing to write over an input file\n",
        )
    r = bounded("parse", "b.txt", "-o", "x.txt", "--dump-text", "x.txt", cwd=two)
    assert (r.returncode, r.stderr) == (2, "Error: x.txt: -o and --dump-text name the same file\n")
    assert listing(two) == before


def test_a_planted_link_is_replaced_never_written_through(two: Path) -> None:
    (two / "out").mkdir()
    (two / "victim.txt").write_text("keep me\n")
    (two / "out" / "a.plan.yaml").symlink_to(two / "victim.txt")
    (two / "out" / "b.plan.yaml").symlink_to(two / "nowhere")  # dangling
    r = bounded("parse", "a.txt", "b.txt", "-o", "out", "-j", "1", cwd=two)
    assert r.returncode == 0, r.stderr
    assert (two / "victim.txt").read_text() == "keep me\n"
    for stem in ("a", "b"):
        p = two / "out" / f"{stem}.plan.yaml"
        assert not p.is_symlink() and _sha_of(p) == _sha_file(two / f"{stem}.txt")
    assert not (two / "nowhere").exists()
    (two / "single.yaml").symlink_to(two / "victim.txt")
    assert bounded("parse", "a.txt", "-o", "single.yaml", cwd=two).returncode == 0
    assert (two / "victim.txt").read_text() == "keep me\n"
    no_temp_files(two)


def test_a_failed_write_is_one_file_s_failure(two: Path) -> None:
    long = "长" * 80  # a legal name (240 bytes) whose temp name must not outgrow the limit
    shutil.copy(SMALL, two / f"{long}.txt")
    (two / "out").mkdir()
    (two / "out" / "b.plan.yaml").mkdir()  # b's output cannot be written
    r = bounded("parse", f"{long}.txt", "b.txt", "a.txt", "-o", "out", "-j", "1", cwd=two)
    assert r.returncode == 1
    assert r.stderr.splitlines() == [
        f"Error: {Path('out') / 'b.plan.yaml'}: is a directory; name a file, or give several inputs for -o DIR",
        "parsed 2 of 3 files into out; 1 failed",
    ]
    assert (two / "out" / f"{long}.plan.yaml").is_file() and (two / "out" / "a.plan.yaml").is_file()
    no_temp_files(two)


def test_a_plan_name_for_several_inputs_makes_no_directory(two: Path) -> None:
    r = bounded("parse", ".", "-o", "x.yaml", cwd=two)
    assert r.returncode == 2 and r.stderr.startswith("Error: x.yaml: names a plan file")
    assert not (two / "x.yaml").exists()


def test_too_many_jobs_start_no_more_workers_than_cores(two: Path) -> None:
    r = bounded("parse", "a.txt", "b.txt", "-o", "out", "-j", "10000", cwd=two)
    assert r.returncode == 0 and len(list((two / "out").iterdir())) == 2


def test_names_are_escaped_and_dash_dash_ends_the_options(two: Path) -> None:
    r = bounded("parse", "e\x1b[31mvil.txt", cwd=two)
    assert r.stderr == "Error: e\\x1b[31mvil.txt: no such file\n"
    shutil.copy(SMALL, two / "--debug")
    r = bounded("parse", "--", "--debug", cwd=two)
    assert r.returncode == 0 and "schema_version" in r.stdout
    raw = os.fsdecode(b"n\xff.txt")
    shutil.copy(SMALL, two / raw)
    r = bounded("parse", raw, "a.txt", "-o", "out", cwd=two)
    assert r.returncode == 0 and "n\ufffd.txt" in (two / "out" / (raw[:-4] + ".plan.yaml")).read_text()
    r = bounded("parse", os.fsdecode(b"m\xff.txt"), cwd=two)
    assert (r.returncode, r.stderr) == (2, "Error: m\\udcff.txt: no such file\n")


HEADING_TYPOS = "一、总体要求\n今年要新建学校3所。\n十十、坚持改革\n新建道路5条。\n（二十十）加强管理\n一二十、推进发展\n增长5%。\n"


@pytest.mark.parametrize(
    ("numeral", "number"),
    [("十", "10"), ("十二", "12"), ("二十", "20"), ("二十三", "23"), ("四", "4"), ("07", "7")]
    + [("十十", "十十"), ("二十十", "二十十"), ("一二十", "一二十"), ("十二十", "十二十")],
)
def test_a_heading_numeral_typo_is_kept_as_written(numeral: str, number: str) -> None:
    from govplan.ids import small_number

    assert small_number(numeral) == number


def test_heading_typos_parse_diff_and_track(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text(HEADING_TYPOS, encoding="utf-8")
    assert bounded("parse", "t.txt", "-o", "t.yaml", cwd=tmp_path).returncode == 0
    assert bounded("validate", "t.yaml", cwd=tmp_path).returncode == 0
    assert bounded("diff", "t.txt", "t.yaml", cwd=tmp_path).returncode == 0
    assert bounded("track", "t.yaml", "t.txt", cwd=tmp_path).returncode == 0


def test_numbers_a_plan_cannot_hold(tmp_path: Path) -> None:
    big = "一、总体要求\n今年完成投资" + "9" * 300 + "万亿元。粮食产量" + "9" * 400 + "吨以上。\n"
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    assert bounded("parse", "big.txt", "-o", "big.yaml", cwd=tmp_path).returncode == 0
    r = bounded("validate", "big.yaml", cwd=tmp_path)
    assert r.returncode == 1 and "[number-range]" in r.stdout
    for cmd in (["diff", "big.yaml", "big.yaml"], ["track", "big.yaml", "big.txt"]):
        r = bounded(*cmd, cwd=tmp_path)
        assert r.returncode == 2 and "a number too large for a plan file" in r.stderr
    good = govplan("parse", str(SMALL), "-f", "json").stdout
    (tmp_path / "inf.json").write_text(good.replace('"chars": ', '"chars": 1e400, "x": ', 1))
    r = bounded("validate", "inf.json", cwd=tmp_path)
    assert r.returncode == 1 and "inf is not a finite number [number-range]" in r.stdout
    r = bounded("track", "inf.json", "inf.json", "-f", "json", cwd=tmp_path)
    assert r.returncode == 2 and "Infinity" not in r.stdout


def test_plan_files_are_read_bounded_and_never_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.yaml")
    r = bounded("validate", "fifo.yaml", cwd=tmp_path)
    assert r.returncode == 1 and "not-a-mapping" in r.stdout
    r = bounded("validate", "/dev/zero", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (2, "Error: /dev/zero: larger than the 16 MiB input limit\n")
    bomb = 'a: &a "' + "x" * (1 << 20) + '"\nb: [' + ", ".join(["*a"] * 3000) + "]\n"
    (tmp_path / "bomb.yaml").write_text(bomb)
    r = bounded("validate", "bomb.yaml", cwd=tmp_path)
    assert r.returncode == 1 and r.stdout.count("anchors and aliases") == 1
    assert bounded("diff", "bomb.yaml", "bomb.yaml", cwd=tmp_path).returncode == 2
    for name, text in [
        ("date.yaml", "schema_version: 1\nx: 2022-13-45\n"),
        ("float.yaml", "schema_version: 1\nx: !!float abc\n"),
        ("binary.yaml", "schema_version: 1\nx: !!binary 'not base64 ☃'\n"),
        ("digits.yaml", "schema_version: 1\nx: " + "9" * 5000 + "\n"),
        ("deep.json", '{"a":' * 970 + "1" + "}" * 970),
        ("deep.yaml", "[" * 5000 + "]" * 5000),
    ]:
        (tmp_path / name).write_text(text)
    r = bounded(
        "validate",
        "date.yaml",
        "float.yaml",
        "binary.yaml",
        "digits.yaml",
        "deep.json",
        "deep.yaml",
        cwd=tmp_path,
    )
    assert r.returncode == 1 and r.stdout.endswith("6 of 6 plan files invalid, 22 problems\n"), r.stdout
    for name in ("date.yaml", "deep.json"):
        r = bounded("diff", name, name, cwd=tmp_path)
        assert r.returncode == 2 and r.stderr.startswith(f"Error: {name}: "), name


def test_pathological_reports_finish_or_are_refused_in_time(tmp_path: Path) -> None:
    cases = {
        "bold.md": "# 一、总体\n" + "**新建 " * 40_000 + "\n",
        "links.md": "# 一、总体\n" + "[新建" * 100_000 + "\n" + "[x](" * 50_000 + "\n",
        "sniffed.txt": "**一、总体**\n**b**\n**c**\n" + "[a" * 80_000 + "**x " * 40_000 + "\n",
        "spaces.md": "# 一、总体\n" + " " * 200_000 + "x\n",
        "deep.html": "<html><body>" + "<div>" * 100_000 + "新建学校3所。" + "</div>" * 100_000,
        "cms.html": "<html><body>" + "<div><b>" * 1200 + "一、总体\n新建学校3所。" + "</b></div>" * 1200,
        "para.html": "<html><body><p>" + "新建学校3所，" * 300_000 + "</p></body></html>",
        "oneline.txt": "一、总体" + "今年要新建学校3所。" * 600_000,
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        r = bounded("parse", name, "-o", "/dev/null", cwd=tmp_path)
        assert r.returncode in (0, 2), name
    assert bounded("parse", "cms.html", cwd=tmp_path).returncode == 0
    r = bounded("parse", "deep.html", cwd=tmp_path)
    assert r.stderr == "Error: deep.html: HTML nested more than 5000 elements deep\n"
    r = bounded("parse", "oneline.txt", cwd=tmp_path)
    assert (
        r.stderr
        == "Error: oneline.txt: longer than the 500,000-character text limit (GOVPLAN_MAX_CHARS=0 lifts it)\n"
    )


def test_a_docx_that_inflates_past_the_limit_is_refused_before_inflating(tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(100):  # 100 MiB of zeros, a few hundred KB compressed
                fh.write(chunk)
    r = bounded("parse", "bomb.docx", cwd=tmp_path)
    assert r.stderr == "Error: bomb.docx: its parts inflate past the 64 MiB input limit (a zip bomb?)\n"


LEXICONS = [
    ("nan.yaml", "domains:\n  education:\n    keywords: {学校: .nan}\n", "nan is not a finite number"),
    ("inf.yaml", "domains:\n  education:\n    keywords: {学校: .inf}\n", "inf is not a finite number"),
    (
        "dup.yaml",
        "domains:\n  education:\n    keywords: [学校]\n  education:\n    keywords: [教育]\n",
        "duplicate key 'education'",
    ),
    ("long.yaml", "domains:\n  education:\n    keywords: [" + "学" * 500_000 + "]\n", "longer than 100"),
    ("deep.yaml", "domains: " + "[" * 20_000 + "]" * 20_000 + "\n", "nest"),
    ("tag.yaml", "domains: !!python/name:os.system\n", "not a lexicon file"),
]


@pytest.mark.parametrize(("name", "text", "what"), LEXICONS, ids=[x[0] for x in LEXICONS])
def test_a_bad_lexicon_is_one_clear_error(two: Path, name: str, text: str, what: str) -> None:
    (two / name).write_text(text, encoding="utf-8")
    r = bounded("parse", "a.txt", "--lexicon", name, cwd=two)
    assert r.returncode == 2 and r.stderr.startswith(f"Error: {name}: ") and what in r.stderr, r.stderr


def test_a_lexicon_of_a_million_keywords_and_a_fifo_lexicon(two: Path) -> None:
    words = "\n".join(f"      - 词{i}" for i in range(1_000_000))
    (two / "many.yaml").write_text(f"domains:\n  education:\n    keywords:\n{words}\n", encoding="utf-8")
    r = bounded("parse", "a.txt", "--lexicon", "many.yaml", cwd=two)
    assert r.returncode == 2 and "many.yaml" in r.stderr
    os.mkfifo(two / "fifo.yaml")
    r = bounded("parse", "a.txt", "--lexicon", "fifo.yaml", cwd=two)
    assert r.returncode == 2 and "no such" not in r.stderr
    r = bounded("parse", "a.txt", "--lexicon", ".", cwd=two)
    assert r.stderr == "Error: .: is a directory, not a lexicon file\n"


def test_targets_csv_cells_are_never_formulas(tmp_path: Path) -> None:
    shutil.copy(SMALL, tmp_path / "=cmd()+1.txt")
    r = bounded("targets", "=cmd()+1.txt", cwd=tmp_path)
    assert r.stdout.splitlines()[1].startswith("'=cmd()+1.txt,")


def _children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat_line = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat_line.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(d.name))
    return out


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_stop_the_workers_and_leave_no_temp_file(
    tmp_path: Path, sig: signal.Signals, code: int
) -> None:
    # forty reports, so the signal lands mid-batch (the lexicons are built before the fork)
    proc, out = _start_batch(tmp_path, 40)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not _children(proc.pid):
        time.sleep(0.02)
    workers = _children(proc.pid)
    time.sleep(0.3)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=LIMIT_SECONDS)
    if proc.returncode == 0:  # the batch won the race
        return
    assert (proc.returncode, err) == (code, f"Error: terminated ({sig.name})\n")
    time.sleep(0.2)
    assert not [w for w in workers if Path(f"/proc/{w}").exists() and "Z" not in _state(w)]
    no_temp_files(tmp_path)


def _state(pid: int) -> str:
    try:
        return (Path(f"/proc/{pid}") / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


COMMANDS = [
    ["parse", "{f}"],
    ["parse", "{f}", "-o", "out/"],
    ["validate", "{f}"],
    ["diff", "{f}", "{g}"],
    ["track", "{g}", "{f}"],
    ["targets", "{f}"],
    ["parse", "{g}", "--lexicon", "{f}"],
]
SUFFIXES = [".txt", ".md", ".html", ".docx", ".yaml", ".json", ""]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=600) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    command=st.sampled_from(COMMANDS),
    suffix=st.sampled_from(SUFFIXES),
)
def test_any_bytes_as_any_file_argument_exit_0_1_or_2(
    tmp_path: Path, data: bytes, command: list[str], suffix: str
) -> None:
    f = tmp_path / f"x{len(data)}{suffix}"
    f.write_bytes(data)
    g = tmp_path / "g.txt"
    if not g.exists():
        shutil.copy(SMALL, g)
    args = [a.format(f=f.name, g=g.name) for a in command]
    bounded(*args, cwd=tmp_path)


class _Stop(BaseException):
    """A signal's exception (Terminated, KeyboardInterrupt) raised where a handler may run."""


@pytest.mark.parametrize("when", ["after the file is made", "while the text is written"])
def test_a_signal_between_any_two_steps_of_a_write_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    # a handler runs in the main thread whichever thread took the signal: the temp file's name must be
    # known before the file exists, so a stop right after os.open still removes it
    from govplan import serialize

    real_open = os.open

    def open_then_stop(path: Any, flags: int, mode: int = 0o777) -> int:
        fd = real_open(path, flags, mode)
        if when == "after the file is made":
            raise _Stop
        return fd

    def pieces() -> Any:
        yield "a: 1\n"
        raise _Stop

    monkeypatch.setattr(os, "open", open_then_stop)
    target = tmp_path / "out.plan.yaml"
    with pytest.raises(_Stop):
        serialize.write_atomic(target, pieces())
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_temp_file_never_removes_what_it_did_not_make(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a name taken by another file is skipped and left alone; once renamed, the temp name is nobody's
    from govplan import serialize

    names = iter(["taken", "ours"])
    monkeypatch.setattr(secrets, "token_hex", lambda n: next(names))
    taken = tmp_path / ".t-taken.tmp"
    taken.write_text("someone else's")
    target = tmp_path / "out.txt"
    with serialize.temp_beside(tmp_path, ".t-", ".tmp") as tmp:
        assert tmp.name == str(tmp_path / ".t-ours.tmp")
        Path(tmp.name).write_text("ours")
        tmp.replace(target)
        (tmp_path / ".t-ours.tmp").write_text("made after the rename by someone else")
    assert taken.read_text() == "someone else's"
    assert (tmp_path / ".t-ours.tmp").read_text() == "made after the rename by someone else"
    assert target.read_text() == "ours"
