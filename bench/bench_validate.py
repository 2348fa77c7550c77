"""Time `govplan validate` against plain PyYAML loading of the same plan files, side by side.

    .venv/bin/python bench/bench_validate.py                 # 35 files cycled from samples/ and the test cases
    .venv/bin/python bench/bench_validate.py plans/ -n 35    # your own plan files

Prints the time of each and the ratio. Validation includes everything `govplan validate` does: the
loader that keeps line marks and refuses duplicate keys, the schema, the rules, and the source
checks when the report lies beside the plan file. Best of --repeat runs, one process, warm caches.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = [ROOT / "samples", ROOT / "tests" / "cases" / "validate" / "positive"]


def plan_files(dirs: list[Path], n: int) -> list[Path]:
    found = sorted({p for d in dirs for p in ([d] if d.is_file() else d.glob("*.yaml"))})
    if not found:
        raise SystemExit(f"no plan files (.yaml) in {', '.join(map(str, dirs))}")
    return [found[i % len(found)] for i in range(n)]


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=DEFAULT_DIRS)
    ap.add_argument("-n", type=int, default=35, help="how many plan files (cycled when there are fewer)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from govplan.validate import validate_file

    files = plan_files(args.dirs, args.n)
    size = sum(p.stat().st_size for p in files)
    distinct = len(set(files))

    def safe_load() -> None:
        for p in files:
            yaml.safe_load(p.read_text(encoding="utf-8"))

    def c_load() -> None:
        for p in files:
            yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    def validate() -> None:
        cache: dict[str, object] = {}
        for p in files:
            result = validate_file(str(p), cache=cache)
            if not result.valid:
                raise SystemExit(f"{p} is not valid: {result.problems[0]}")

    validate()  # warm up: imports, the unit vocabulary
    rows = [
        ("yaml.safe_load (plain PyYAML)", best(safe_load, args.repeat)),
        ("yaml.load, CSafeLoader (libyaml)", best(c_load, args.repeat)),
        ("govplan validate", best(validate, args.repeat)),
    ]
    print(f"{len(files)} plan files ({distinct} distinct), {size / 1e6:.1f} MB, best of {args.repeat}")
    for name, t in rows:
        print(f"  {name:34s} {t:7.3f} s")
    v = rows[2][1]
    print(f"validate / safe_load:   {v / rows[0][1]:.2f}x")
    print(f"validate / CSafeLoader: {v / rows[1][1]:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
