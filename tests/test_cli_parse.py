"""`govplan parse` end to end, in process: outputs, batches, the one error path and its exit codes."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import run
from govplan import __version__
from govplan.inputs import expand_inputs

ROOT = Path(__file__).parent.parent
CASES = ROOT / "tests" / "cases" / "parse"
DATA = ROOT / "tests" / "data"
BUG = f"this is a bug in govplan {__version__}, please report it (rerun with --debug for the traceback)"


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """Three small real excerpts in a directory of their own."""
    d = tmp_path / "reports"
    d.mkdir()
    for case in ("front-matter-hebei", "glossary-miyi", "paired-topics-qingyuan"):
        shutil.copy(CASES / case / "input.txt", d / f"{case}.txt")
    (d / "notes.csv").write_text("not a report\n")  # not a report suffix: left alone
    return d


def test_one_report_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "parse", str(CASES / "front-matter-hebei" / "input.txt"))
    assert (code, err) == (0, "")
    plan = yaml.safe_load(out)
    assert plan["schema_version"] == 1
    assert plan["source"]["name"] == "input.txt"


def test_output_format_follows_the_suffix_of_o_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = str(CASES / "front-matter-hebei" / "input.txt")
    assert run(capsys, "parse", src, "-o", str(tmp_path / "p.json"))[0] == 0
    assert json.loads((tmp_path / "p.json").read_text())["schema_version"] == 1
    assert run(capsys, "parse", src, "-f", "yaml", "-o", str(tmp_path / "q.json"))[0] == 0
    assert (tmp_path / "q.json").read_text().startswith("schema_version: 1\n")


def test_dump_text_writes_what_spans_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, dump = tmp_path / "p.json", tmp_path / "text.txt"
    code, _, err = run(
        capsys, "parse", str(DATA / "beijing-2025.docx"), "-o", str(out), "--dump-text", str(dump)
    )
    assert (code, err) == (0, "")
    text = dump.read_text(encoding="utf-8")
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["source"]["format"] == "docx"
    assert plan["source"]["chars"] == len(text)
    for c in plan["commitments"]:
        assert text[c["span"][0] : c["span"][1]] == c["text"]
    topics = [t for s in plan["sections"] for sub in [s, *s["sections"]] for t in sub["topics"]]
    assert topics
    for t in topics:
        assert text[t["span"][0] : t["span"][1]] == t["title"]


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = (CASES / "front-matter-hebei" / "input.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.decode().encode("gb18030"))))
    code, out, _ = run(capsys, "parse", "-", "-f", "json")
    plan = json.loads(out)
    assert code == 0
    assert (plan["source"]["name"], plan["source"]["encoding"]) == ("stdin", "gb18030")


def test_a_directory_becomes_a_batch(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plans"
    code, stdout, err = run(capsys, "parse", "--quiet", str(reports), "-o", str(out), "--jobs", "1")
    assert (code, stdout) == (0, "")
    assert err == f"parsed 3 of 3 files into {out}\n"
    assert sorted(p.name for p in out.iterdir()) == [
        "front-matter-hebei.plan.yaml",
        "glossary-miyi.plan.yaml",
        "paired-topics-qingyuan.plan.yaml",
    ]


def test_jobs_do_not_change_a_byte(reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(capsys, "parse", str(reports), "-o", str(one), "-j", "1", "-f", "json")[0] == 0
    assert run(capsys, "parse", str(reports), "-o", str(two), "-j", "2", "-f", "json")[0] == 0
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in two.iterdir())
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes()


def test_a_failing_file_is_reported_and_skipped(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (reports / "a-empty.txt").write_bytes(b"")
    (reports / "b-image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    out = tmp_path / "plans"
    code, _, err = run(capsys, "parse", "--quiet", str(reports), "-o", str(out), "-j", "2")
    assert code == 1
    assert err.splitlines() == [
        f"Error: {reports / 'a-empty.txt'}: empty file",
        f"Error: {reports / 'b-image.txt'}: a PNG image, not a report",
        f"parsed 3 of 5 files into {out}; 2 failed",
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "front-matter-hebei.plan.yaml",
        "glossary-miyi.plan.yaml",
        "paired-topics-qingyuan.plan.yaml",
    ]


def test_two_inputs_with_one_name_do_not_overwrite_each_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    shutil.copy(CASES / "front-matter-hebei" / "input.txt", a / "r.txt")
    shutil.copy(CASES / "glossary-miyi" / "input.txt", b / "r.md")
    code, _, err = run(capsys, "parse", str(a / "r.txt"), str(b / "r.md"), "-o", str(tmp_path / "out"))
    assert code == 1
    assert (
        err.splitlines()[0]
        == f"Error: {b / 'r.md'}: another input already writes {tmp_path / 'out' / 'r.plan.yaml'}"
    )
    plan = yaml.safe_load((tmp_path / "out" / "r.plan.yaml").read_text())
    assert plan["source"]["sha256"] == _sha(a / "r.txt")


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_several_inputs_need_an_output_directory(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "parse", str(reports))
    assert (code, out, err) == (2, "", "Error: several inputs need -o DIR to write one plan file each\n")


def test_only_the_named_output_directory_is_created(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "x" / "y"
    code, _, err = run(capsys, "parse", str(reports), "-o", str(deep))
    assert code == 2
    assert err == f"Error: {deep}: directory {deep.parent} does not exist (only y is created)\n"
    assert not (tmp_path / "x").exists()
    one = CASES / "front-matter-hebei" / "input.txt"
    code, _, err = run(capsys, "parse", str(one), "-o", str(tmp_path / "new") + "/")
    assert (code, err) == (0, f"parsed 1 of 1 files into {tmp_path / 'new'}/\n")
    assert [p.name for p in (tmp_path / "new").iterdir()] == ["input.plan.yaml"]


def test_never_over_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "r.txt"
    shutil.copy(CASES / "front-matter-hebei" / "input.txt", src)
    before = src.read_bytes()
    for args in (["-o", str(src)], ["--dump-text", str(src)], ["-o", str(tmp_path / "." / "r.txt")]):
        code, out, err = run(capsys, "parse", str(src), *args)
        assert (code, out) == (2, "")
        assert err.endswith(": refusing to write over an input file\n")
    assert src.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"]


def test_an_internal_error_is_one_line_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import govplan.pipeline

    def boom(*_a: Any, **_k: Any) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(govplan.pipeline, "parse_source", boom)
    src = str(CASES / "front-matter-hebei" / "input.txt")
    code, out, err = run(capsys, "parse", src)
    assert (code, out) == (3, "")
    assert err == f"Error: internal error (RuntimeError: boom second line); {BUG}\n"
    code, _, err = run(capsys, "parse", src, "--debug")
    assert code == 3
    assert err.startswith("Traceback (most recent call last):\n")
    assert 'raise RuntimeError("boom' in err
    assert err.endswith(f"Error: internal error (RuntimeError: boom second line); {BUG}\n")


def test_an_internal_error_in_a_batch_spares_the_other_files(
    reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import govplan.pipeline

    real = govplan.pipeline.parse_source

    def flaky(source: Any, *a: Any) -> Any:
        if source.name.startswith("glossary"):
            raise ValueError("bad state")
        return real(source, *a)

    monkeypatch.setattr(govplan.pipeline, "parse_source", flaky)
    out = tmp_path / "plans"
    code, _, err = run(capsys, "parse", "--quiet", str(reports), "-o", str(out), "-j", "1")
    assert code == 3
    assert err.splitlines() == [
        f"Error: {reports / 'glossary-miyi.txt'}: internal error (ValueError: bad state); {BUG}",
        f"parsed 2 of 3 files into {out}; 1 failed",
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "front-matter-hebei.plan.yaml",
        "paired-topics-qingyuan.plan.yaml",
    ]


def test_an_interrupted_batch_leaves_whole_files_and_no_partial_ones(
    reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import govplan.pipeline

    real = govplan.pipeline.parse_source

    def interrupt(source: Any, *a: Any) -> Any:
        if source.name.startswith("paired"):
            raise KeyboardInterrupt
        return real(source, *a)

    monkeypatch.setattr(govplan.pipeline, "parse_source", interrupt)
    out = tmp_path / "plans"
    code, _, err = run(capsys, "parse", "--quiet", str(reports), "-o", str(out), "-j", "1")
    assert (code, err) == (130, "Error: interrupted\n")
    written = sorted(p.name for p in out.iterdir())
    assert written == [
        "front-matter-hebei.plan.yaml",
        "glossary-miyi.plan.yaml",
    ]  # no temp files, nothing partial
    monkeypatch.setattr(govplan.pipeline, "parse_source", real)
    for name in written:
        code, whole, _ = run(capsys, "parse", str(reports / name.replace(".plan.yaml", ".txt")))
        assert (out / name).read_text(encoding="utf-8") == whole


@pytest.mark.parametrize(
    ("args", "err"),
    [
        (["parse", "nope.txt"], "Error: nope.txt: no such file\n"),
        (["parse"], "Error: Missing argument 'REPORT...'.\n"),
        (
            ["parse", "x.txt", "--jobs", "0"],
            "Error: Invalid value for '--jobs' / '-j': Input should be greater than or equal to 1\n",
        ),
        (["parse", "x.txt", "--format", "xml"], None),
        (["parse", "x.txt", "--lexicon", "."], "Error: .: is a directory, not a lexicon file\n"),
        (["parse", "x.txt", "--lexicon", "nope.yaml"], "Error: nope.yaml: no such lexicon file\n"),
        (["parse", "x.txt", "--bogus"], None),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    args: list[str], err: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, got = run(capsys, *args)
    assert (code, out) == (2, "")
    assert got.count("\n") == 1 and got.startswith("Error: ")
    if err is not None:
        assert got == err


def test_help_names_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", "--help")
    assert code == 0
    for option in ("--output", "--format", "--jobs", "--lexicon", "--dump-text"):
        assert option in out


def test_expand_inputs_sorts_and_filters(reports: Path) -> None:
    (reports / ".hidden.txt").write_text("x")
    (reports / "sub").mkdir()
    (reports / "sub" / "deep.txt").write_text("x")
    assert expand_inputs([str(reports), "-", "x.txt"]) == [
        str(reports / "front-matter-hebei.txt"),
        str(reports / "glossary-miyi.txt"),
        str(reports / "paired-topics-qingyuan.txt"),
        "-",
        "x.txt",
    ]


def test_output_to_a_fifo_writes_through_and_leaves_it_a_fifo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os
    import stat
    import threading

    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run(capsys, "parse", str(CASES / "front-matter-hebei" / "input.txt"), "-o", str(fifo))
    reader.join(timeout=30)
    assert (code, err) == (0, "")
    assert got and got[0].startswith(b"schema_version: 1\n")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # not renamed over (as /dev/null must not be)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize(
    ("args", "absent"),
    [
        (["--help"], ("jieba", "govplan.pipeline", "govplan.tokens", "rich", "docx", "selectolax", "yaml")),
        (["parse", str(CASES / "front-matter-hebei" / "input.txt")], ("jieba", "rich", "docx", "selectolax")),
    ],
)
def test_heavy_modules_stay_off_paths_that_do_not_need_them(args: list[str], absent: tuple[str, ...]) -> None:
    import subprocess

    code = (
        "import sys\n"
        "from govplan.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {absent!r} or m in {absent!r}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "[]"


def test_stdin_cannot_join_a_batch(reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = str(reports / "glossary-miyi.txt")
    code, _, err = run(capsys, "parse", "--quiet", "-", one, "-o", str(tmp_path / "out"))
    assert code == 1
    assert err.splitlines() == [
        "Error: -: stdin cannot be part of a batch; parse it alone",
        f"parsed 1 of 2 files into {tmp_path / 'out'}; 1 failed",
    ]
    code, _, err = run(capsys, "parse", "-", "-o", str(tmp_path) + "/")
    assert (code, err) == (2, "Error: -: stdin has no name to write into a directory; use -o FILE\n")


def test_a_bad_lexicon_stops_a_batch_once_before_any_work(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lex = tmp_path / "lex.yaml"
    lex.write_text("domains: [\n")
    code, out, err = run(capsys, "parse", str(reports), "-o", str(tmp_path / "out"), "--lexicon", str(lex))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(f"Error: {lex}: ")
    assert not (tmp_path / "out").exists()


def test_warnings_reach_stderr_and_quiet_silences_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flat = tmp_path / "flat.txt"
    flat.write_text("各位代表：\n今年要新建学校3所，增加学位2000个。\n", encoding="utf-8")
    code, out, err = run(capsys, "parse", str(flat))
    assert code == 0 and out.startswith("schema_version: 1")
    assert err.splitlines() == [
        f"Warning: {flat}: no numbered or part headings found; the plan has no sections [no-headings]",
        f"Warning: {flat}: region, year, level not found (no title, session line, signature or file name "
        "gives them) [document-facts]",
    ]
    code, out, err = run(capsys, "parse", "--quiet", str(flat))
    assert (code, err) == (0, "")


def test_a_file_that_is_not_a_report_is_skipped_in_a_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "README.md").write_text("# Reports\n\nThese files were downloaded in May.\n", encoding="utf-8")
    (reports / "r.txt").write_text("各位代表：\n一、2024年工作安排\n新建学校3所。\n", encoding="utf-8")
    out = tmp_path / "plans"
    code, _, err = run(capsys, "parse", "--quiet", str(reports), "-o", str(out), "-j", "1")
    assert code == 0
    assert err.splitlines() == [
        f"Warning: {reports / 'README.md'}: does not look like a work report; skipped",
        f"parsed 1 of 2 files into {out}; 1 skipped (not work reports)",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["r.plan.yaml"]
    # named alone it is parsed, with the warning in the plan and on stderr
    code, stdout, err = run(capsys, "parse", str(reports / "README.md"))
    assert code == 0 and "code: not-a-report" in stdout and "[not-a-report]" in err
