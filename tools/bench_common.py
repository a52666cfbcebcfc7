"""What the benchmark's parts share: timing, capturing the SQL the app runs, replaying it with raw sqlite3.

A figure is the median of several runs. Its baseline is measured in the same run: for a database figure,
the very statements the app sent (captured from peewee's query log) executed again on a plain sqlite3
connection to the same file, each fetched to the last row — so the ratio is what the app adds on top
of SQLite itself.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULT_PREFIX = "BENCH-RESULT "
Statement = tuple[str, tuple[Any, ...]]


@dataclass
class Figure:
    """One line of the table: the app's median, its baseline's median, and the target."""

    group: str  # "Search", "Sort" ...
    name: str  # "interviews", "cold start" ...
    value: float  # the app's median
    baseline: float | None  # the baseline's median, measured in the same run
    unit: str  # "ms", "rows/s", "MB"
    target: str  # "≤ 50 ms and ≤ 2×"
    met: bool
    note: str = ""  # what was measured ("search 'data', 812 of 100,000"), the baseline's name

    @property
    def ratio(self) -> float | None:
        """How many times the baseline's cost the app's is (for a throughput: the baseline's rate over ours)."""
        if not self.baseline or not self.value:
            return None
        return self.baseline / self.value if self.unit == "rows/s" else self.value / self.baseline


def median_ms(action: Callable[[], Any], runs: int, warmup: int = 1) -> float:
    """The median wall time of `action` in milliseconds, after `warmup` untimed calls."""
    for _ in range(warmup):
        action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def report(figures: list[Figure]) -> None:
    """Hand the figures of a child process to the parent (one line on stdout)."""
    print(RESULT_PREFIX + json.dumps([asdict(f) for f in figures]), flush=True)


def read_report(stdout: str) -> list[Figure]:
    figures: list[Figure] = []
    for line in stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            figures.extend(Figure(**item) for item in json.loads(line[len(RESULT_PREFIX):]))
    return figures


def isolated_env(home: Path) -> dict[str, str]:
    """The environment of a child: its own home (no real settings), offscreen Qt on a desktop-sized screen."""
    env = dict(os.environ)
    config = home / "offscreen-screen.json"
    screen = {"name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1200, "logicalDpi": 96,
              "logicalBaseDpi": 96, "dpr": 1}
    home.mkdir(parents=True, exist_ok=True)
    config.write_text(json.dumps({"screens": [screen]}))
    env.update({"HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share"),
                "XDG_CONFIG_HOME": str(home / ".config"), "XDG_CACHE_HOME": str(home / ".cache"),
                "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(ROOT),
                })
    env.pop("SAYYES_DATA_DIR", None)
    # bytecode, as an installed app has it (written once, outside the source tree)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


# --- the SQL the app sends ----------------------------------------------------------------------


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[Statement] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.msg
        if isinstance(message, tuple) and len(message) == 2 and isinstance(message[0], str):
            self.statements.append((message[0], tuple(message[1] or ())))


@contextmanager
def captured_sql() -> Iterator[list[Statement]]:
    """Every statement peewee sends inside the block, as (sql, params), in order (from any thread)."""
    logger = logging.getLogger("peewee")
    recorder = _Recorder()
    level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(recorder)
    try:
        yield recorder.statements
    finally:
        logger.removeHandler(recorder)
        logger.setLevel(level)


def reads_only(statements: list[Statement]) -> list[Statement]:
    """The statements a read-only replay can run: SELECTs (and WITH ... SELECT)."""
    return [s for s in statements if s[0].lstrip().upper().startswith(("SELECT", "WITH"))]


def raw_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the app's read-side settings (page cache, read-only)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    connection.execute("PRAGMA cache_size = -32000")
    return connection


def replay(connection: sqlite3.Connection, statements: list[Statement]) -> int:
    """Run the statements and fetch every row of each; the number of rows read."""
    rows = 0
    for sql, params in statements:
        rows += len(connection.execute(sql, params).fetchall())
    return rows


def replay_ms(path: Path, statements: list[Statement], runs: int) -> float:
    connection = raw_connection(path)
    try:
        return median_ms(lambda: replay(connection, statements), runs)
    finally:
        connection.close()


def child_main(run: Callable[[list[str]], list[Figure]]) -> None:
    """Entry point of a child process: run, report, and leave without Qt's teardown."""
    figures = run(sys.argv[1:])
    report(figures)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
