"""Speed and memory of `govplan parse`, each figure beside a baseline run the same way, side by side.

    make bench                                  # or: .venv/bin/python bench/bench.py
    .venv/bin/python bench/bench.py --quick     # without the 15 MB input
    .venv/bin/python bench/bench.py --repeat 5

Every command runs as a fresh process (start-up and imports included, as a user meets them),
alternating with its baseline, and the best of --repeat runs counts. Throughput is characters of
the corpus per CPU second of the one-process parse (`--jobs 1`), beside jieba's cut of the same
texts measured the same way; CPU time, not wall time, so other load on the machine matters less.
It is printed with start-up and past it (less the CPU of the same command on a one-line report,
what each of many more reports costs); the bar is on the latter. The baselines are the floor
of any tool built on jieba: a process that imports jieba and cuts the same text (jieba's default
dictionary, its cache warmed first), and `python -c "import typer"` for the start-up of a typer
CLI. Ratios above the bars, throughput under its bar, and a 15 MB report over its time or memory
bar print FAIL and the script exits 1. Reads only bench/corpus/ (the 35
full reports) and writes only to a temporary directory.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
BIN = Path(sys.executable).parent
GOVPLAN = str(BIN / "govplan")
PY = sys.executable
ONE = CORPUS / "national-2023.txt"  # one full report (about 64 KB)
BIG_BYTES = 15 * 1024 * 1024
BIG_SECONDS = 60  # bars of issue 21 for the 15 MB report: time and peak memory
BIG_PEAK_MIB = 300
THROUGHPUT_BAR = 350_000  # characters per second per core, parse and write, one process
ENV = {**os.environ, "NO_COLOR": "1", "GOVPLAN_MAX_CHARS": "0"}  # the 15 MB input is over the text limit

JIEBA_ONE = """
import logging, sys
import jieba
jieba.setLogLevel(logging.WARNING)
jieba.lcut(open(sys.argv[1], encoding="utf-8").read())
"""
JIEBA_ALL = """
import logging, pathlib, sys
import jieba
jieba.setLogLevel(logging.WARNING)
for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    jieba.lcut(p.read_text(encoding="utf-8"))
"""


@dataclass
class Run:
    seconds: float
    peak_kib: int
    cpu: float = 0.0  # user + system seconds of the process and the workers it waited for


def run(cmd: list[str]) -> Run:
    """One fresh process: its wall time and its peak resident memory."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return Run(seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)


def best_pair(ours: list[str], base: list[str], repeat: int, key: str = "seconds") -> tuple[Run, Run]:
    """Alternate the two commands ``repeat`` times; the fastest run of each (by ``key``) counts."""
    a: list[Run] = []
    b: list[Run] = []
    for _ in range(repeat):
        a.append(run(ours))
        b.append(run(base))
    return min(a, key=lambda r: getattr(r, key)), min(b, key=lambda r: getattr(r, key))


def throughput(
    name: str,
    chars: int,
    ours: tuple[float, float],
    base: tuple[float, float],
    bar: float | None,
    rows: list[tuple[str, bool]],
) -> None:
    """Characters per CPU second (one process, so per core): ours beside the baseline's, each
    ``(cpu of the whole run, cpu to subtract)``; with a bar, a floor."""
    mine, theirs = chars / (ours[0] - ours[1]), chars / (base[0] - base[1])
    verdict = judge(name, None if bar is None else (mine >= bar, f"{bar / 1000:.0f}k"), rows)
    print(
        f"{name:<38} {mine / 1000:7.0f} k {theirs / 1000:7.0f} k {theirs / mine:6.2f}x  {verdict}  "
        f"chars/s/core, CPU {ours[0] - ours[1]:.2f} s / {base[0] - base[1]:.2f} s"
    )


def judge(name: str, verdict: tuple[bool, str] | None, rows: list[tuple[str, bool]]) -> str:
    """The verdict column of a row: ``(info)`` without a bar, else the bar and ok/FAIL, recorded in
    ``rows``."""
    if verdict is None:
        return "(info)          "
    ok, bar = verdict
    rows.append((name, ok))
    return f"(bar {bar})  {'ok  ' if ok else 'FAIL'}"


def row(name: str, ours: Run, base: Run, bar: float | None, rows: list[tuple[str, bool]]) -> None:
    """One line of the table; a row with a bar is judged, one without is for information."""
    ratio = ours.seconds / base.seconds
    verdict = judge(name, None if bar is None else (ratio <= bar, f"{bar:.1f}x"), rows)
    print(
        f"{name:<38} {ours.seconds:7.2f} s {base.seconds:7.2f} s {ratio:6.2f}x  {verdict}  "
        f"peak {ours.peak_kib // 1024} MiB / {base.peak_kib // 1024} MiB"
    )


def load() -> str:
    """The load average (1, 5 and 15 minutes), where the system has one."""
    try:
        one, five, fifteen = os.getloadavg()
    except (AttributeError, OSError):
        return "load average unknown"
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def body(text: str) -> str:
    """A report up to its glossary or annex, which the parser would keep out of the plan."""
    from govplan.normalize import fold
    from govplan.patterns import APPENDIX_RE

    pos = 0
    for line in text.split("\n"):
        stripped = fold(line).strip()
        if stripped and len(stripped) <= 24 and APPENDIX_RE.match(stripped):
            return text[:pos]
        pos += len(line) + 1
    return text


def make_big(path: Path) -> int:
    """A 15 MB report: the bodies of the corpus reports one after another until the size is reached."""
    texts = [body(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    size, i = 0, 0
    with open(path, "w", encoding="utf-8") as fh:
        while size < BIG_BYTES:
            t = texts[i % len(texts)]
            fh.write(t)
            size += len(t.encode("utf-8"))
            i += 1
    return size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each command; the best counts")
    ap.add_argument("--quick", action="store_true", help="skip the 15 MB input")
    args = ap.parse_args()
    reports = sorted(CORPUS.glob("*.txt"))
    if len(reports) < 35:
        raise SystemExit(f"bench/corpus/ should hold the 35 reports; it holds {len(reports)}")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"govplan bench: {len(reports)} reports ({sum(p.stat().st_size for p in reports) // 1024} KiB), "
        f"{cores} cores, Python {sys.version.split()[0]}, best of {args.repeat}, {load()}"
    )
    print(f"{'':<38} {'govplan':>9} {'baseline':>9} {'ratio':>7}")
    rows: list[tuple[str, bool]] = []
    with tempfile.TemporaryDirectory(prefix="govplan-bench-") as tmp:
        out = Path(tmp)
        # warm: jieba builds its dictionary cache on first use; the page cache holds the files
        run([PY, "-c", JIEBA_ONE, str(ONE)])
        run([GOVPLAN, "parse", str(ONE), "-o", str(out / "warm.yaml")])

        ours, base = best_pair([GOVPLAN, "--help"], [PY, "-c", "import typer"], args.repeat)
        row("govplan --help vs import typer", ours, base, 2.0, rows)

        ours, base = best_pair(
            [GOVPLAN, "parse", str(ONE), "-o", str(out / "one.yaml")],
            [PY, "-c", JIEBA_ONE, str(ONE)],
            args.repeat,
        )
        row(f"parse one report ({ONE.stat().st_size // 1024} KiB) vs jieba", ours, base, 1.5, rows)

        ours, base = best_pair(
            [GOVPLAN, "parse", str(CORPUS), "-o", str(out / "all")],
            [PY, "-c", JIEBA_ALL, str(CORPUS)],
            args.repeat,
        )
        row(f"parse {len(reports)} reports (--jobs {cores}) vs jieba", ours, base, 1.5, rows)
        single, base1 = best_pair(
            [GOVPLAN, "parse", str(CORPUS), "-o", str(out / "all1"), "--jobs", "1"],
            [PY, "-c", JIEBA_ALL, str(CORPUS)],
            args.repeat,
            key="cpu",
        )
        row(f"parse {len(reports)} reports (--jobs 1) vs jieba", single, base1, None, rows)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in reports)
        throughput(
            f"throughput, {chars // 1000}k chars, start-up in",
            chars,
            (single.cpu, 0),
            (base1.cpu, 0),
            None,
            rows,
        )
        # Past start-up (imports, lexicons; jieba's dictionary) is what 60,000 reports cost: the
        # CPU of the same process on a one-line report is taken off both.
        tiny = out / "tiny"
        tiny.mkdir()
        (tiny / "one.txt").write_text("一、2023年工作安排\n新建学校3所。\n", encoding="utf-8")
        idle, idle_base = best_pair(
            [GOVPLAN, "parse", str(tiny), "-o", str(out / "tiny-out"), "--jobs", "1"],
            [PY, "-c", JIEBA_ALL, str(tiny)],
            args.repeat,
            key="cpu",
        )
        throughput(
            "throughput past start-up",
            chars,
            (single.cpu, idle.cpu),
            (base1.cpu, idle_base.cpu),
            THROUGHPUT_BAR,
            rows,
        )

        if not args.quick:
            big = out / "big.txt"
            size = make_big(big)
            ours = run([GOVPLAN, "parse", str(big), "-o", str(out / "big.yaml")])
            mb = size / 1024 / 1024
            ok = ours.seconds <= BIG_SECONDS and ours.peak_kib <= BIG_PEAK_MIB * 1024
            rows.append((f"a {mb:.0f} MB report", ok))
            print(
                f"{f'parse a {mb:.0f} MB report':<38} {ours.seconds:7.2f} s "
                f"{'':>9} {'':>7}  peak {ours.peak_kib // 1024} MiB "
                f"({ours.peak_kib / 1024 / mb:.0f}x the input), "
                f"{(out / 'big.yaml').stat().st_size // 1024 // 1024} MB of YAML  "
                f"(bar {BIG_SECONDS} s, {BIG_PEAK_MIB} MiB) {'ok' if ok else 'FAIL'}"
            )
    print(f"at the end: {load()}")  # other work on a shared machine moves the figures
    failed = [name for name, ok in rows if not ok]
    if failed:
        print(f"FAIL: {', '.join(failed)}")
        raise SystemExit(1)
    print("all bars met")


if __name__ == "__main__":
    main()
