"""`make bench`: is SayYes instant at 100,000 interviews? Every figure beside a baseline from the same run.

    python tools/bench.py [--size N] [--runs N] [--data-dir DIR] [--only PART ...] [--json FILE]

Builds the data set with the same service as `sayyes demo --size N` (10,000 companies, 34,000
opportunities, 200,000 questions, 20,000 contacts at 100,000), then measures, each in a fresh process:

  start      cold start to the first painted main window    vs a bare PySide6 window with an empty table
  lists      search (every keystroke), sort, open, save       vs the app's own SQL on raw sqlite3
             on every list of the main window
  dashboard  the dashboard's full recompute                  vs its aggregate SQL on raw sqlite3
  import     CSV import throughput                           vs raw sqlite3 executemany of the same rows
  memory     peak RSS after visiting every screen             vs the bare window's

Each figure is the median of --runs runs. --data-dir reuses a folder that already holds the data set
(it is then changed by the save measures). The table goes to stdout; --json also writes the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import ROOT, Figure, isolated_env, read_report  # noqa: E402

TOOLS = Path(__file__).resolve().parent
PARTS = ("start", "lists", "dashboard", "import", "memory")
START_RATIO, MEMORY_MB = 1.5, 250.0


def _run(args: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"bench: {what} failed (exit status {done.returncode})")
    return done


def build_data(data_dir: Path, size: int, env: dict[str, str]) -> float:
    start = time.perf_counter()
    _run(["-m", "desktop_app", "--data-dir", str(data_dir), "demo", "--size", str(size)], env, "sayyes demo")
    return time.perf_counter() - start


def _painted_ms(which: str, data_dir: Path, env: dict[str, str]) -> float:
    args = [str(TOOLS / "bench_start.py"), "paint", which] + ([str(data_dir)] if which == "app" else [])
    started = time.monotonic_ns()
    done = _run(args, env, f"start-up of the {which} window")
    stamp = next(int(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("PAINTED"))
    return (stamp - started) / 1e6


def bench_start(data_dir: Path, runs: int, env: dict[str, str]) -> list[Figure]:
    _painted_ms("bare", data_dir, env), _painted_ms("app", data_dir, env)  # warm the file cache
    app, bare = [], []
    for _ in range(runs):  # interleaved, so both see the same machine
        bare.append(_painted_ms("bare", data_dir, env))
        app.append(_painted_ms("app", data_dir, env))
    app_ms, bare_ms = statistics.median(app), statistics.median(bare)
    return [Figure("Start", "cold start to first painted window", app_ms, bare_ms, "ms", f"≤ {START_RATIO}× bare",
                   app_ms <= START_RATIO * bare_ms,
                   "process start to the main window's first paint event; baseline: a bare PySide6 window, "
                   "empty table")]


def _peak_mb(which: str, data_dir: Path, env: dict[str, str]) -> float:
    args = [str(TOOLS / "bench_start.py"), "memory", which] + ([str(data_dir)] if which == "app" else [])
    done = _run(args, env, f"memory of the {which} window")
    return float(next(line.split()[1] for line in done.stdout.splitlines() if line.startswith("PEAK_MB")))


def bench_memory(data_dir: Path, runs: int, env: dict[str, str]) -> list[Figure]:
    app = statistics.median(_peak_mb("app", data_dir, env) for _ in range(max(1, runs // 2)))
    bare = statistics.median(_peak_mb("bare", data_dir, env) for _ in range(max(1, runs // 2)))
    return [Figure("Memory", "peak RSS after visiting every screen", app, bare, "MB", f"≤ {MEMORY_MB:.0f} MB",
                   app <= MEMORY_MB, "every screen, tab and view shown, a record open on each, the charts "
                   "drawn; baseline: the bare window")]


def _child(script: str, args: list[str], env: dict[str, str], what: str) -> list[Figure]:
    return read_report(_run([str(TOOLS / script), *args], env, what).stdout)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal")))
        memory = f", {kib / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    import sqlite3

    from PySide6 import __version__ as pyside

    return (f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, PySide6 {pyside}")


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "rows/s":
        return f"{value:,.0f} rows/s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def table(figures: list[Figure]) -> str:
    head = ("Figure", "SayYes", "Baseline", "Ratio", "Target", "Met", "Measured")
    rows = [head]
    for f in figures:
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
        rows.append((f"{f.group}: {f.name}", _number(f.value, f.unit), _number(f.baseline, f.unit), ratio,
                     f.target, "—" if f.target == "—" else "yes" if f.met else "NO", f.note))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = []
    for n, row in enumerate(rows):
        cells = [c.rjust(w) if i in (1, 2, 3) else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="interviews in the data set (default 100,000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure; the median is shown (default 5)")
    parser.add_argument("--data-dir", type=Path, help="reuse this folder's data set instead of building one")
    parser.add_argument("--only", nargs="+", choices=PARTS, help="measure only these parts")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    parts = args.only or PARTS
    work = Path(tempfile.mkdtemp(prefix="sayyes-bench-"))
    env = isolated_env(work / "home")
    try:
        data_dir = args.data_dir
        built = None
        if data_dir is None:
            data_dir = work / "data"
            print(f"Building the data set: sayyes demo --size {args.size:,} …", flush=True)
            built = build_data(data_dir, args.size, env)
            print(f"  built in {built:.1f} s", flush=True)
        figures: list[Figure] = []
        steps = {
            "start": lambda: bench_start(data_dir, args.runs, env),
            "lists": lambda: _child("bench_gui.py", [str(data_dir), str(args.runs)], env, "the list measures"),
            "dashboard": lambda: _child("bench_data.py", ["dashboard", str(data_dir), str(args.runs)], env,
                                        "the dashboard measures"),
            "import": lambda: _child("bench_data.py", ["import", str(data_dir), str(max(3, args.runs // 2)),
                                                       str(work / "import")], env, "the import measure"),
            "memory": lambda: bench_memory(data_dir, args.runs, env),
        }
        for part in PARTS:
            if part in parts:
                print(f"Measuring {part} …", flush=True)
                started = time.perf_counter()
                figures += steps[part]()
                print(f"  {time.perf_counter() - started:.0f} s", flush=True)
        print()
        if built is not None:
            print(f"Data set: sayyes demo --size {args.size:,}, built in {built:.1f} s")
        print(f"Machine: {machine()}")
        print(f"Each figure: the median of {args.runs} runs.\n")
        print(table(figures))
        targeted = [f for f in figures if f.target != "—"]
        missed = [f for f in targeted if not f.met]
        print(f"\n{len(targeted) - len(missed)} of {len(targeted)} figures meet their target.")
        if args.json:
            args.json.write_text(json.dumps({"machine": machine(), "size": args.size, "runs": args.runs,
                                             "built_s": built, "figures": [asdict(f) for f in figures]}, indent=1))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
