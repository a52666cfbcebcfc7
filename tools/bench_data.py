"""Child process of the benchmark without Qt: the dashboard's full recompute and CSV import throughput.

    python tools/bench_data.py dashboard DATA_DIR RUNS
    python tools/bench_data.py import DATA_DIR RUNS WORK_DIR

Dashboard: services.stats.compute over all time and over the last 12 months (the Dashboard's default),
against the aggregate SQL it sends run on a plain sqlite3 connection.
Import: the interviews of the benchmark's data exported to a CSV (`sayyes export interviews`), read and
imported by services.importer into an empty data folder (creating their companies and opportunities),
against raw sqlite3 `executemany` of the very rows the import wrote, into an empty file of the same schema.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_common import Figure, captured_sql, child_main, median_ms, reads_only, replay_ms  # noqa: E402

DASHBOARD_MS, IMPORT_ROWS_PER_S = 200.0, 30_000.0


def dashboard(data_dir: Path, runs: int) -> list[Figure]:
    from desktop_app.paths import database_path
    from desktop_app.services import stats
    from desktop_app.services.datafolder import open_folder

    database = open_folder(data_dir)
    today = dt.date.today()
    figures = []
    for months, name in ((None, "full recompute, all time"), (12, "full recompute, 12 months")):
        stats.compute(today, months=months)
        with captured_sql() as statements:
            stats.compute(today, months=months)
        app_ms = median_ms(lambda months=months: stats.compute(today, months=months), runs, warmup=0)
        base_ms = replay_ms(database_path(data_dir), reads_only(statements), runs)
        figures.append(Figure("Dashboard", name, app_ms, base_ms, "ms", f"≤ {DASHBOARD_MS:.0f} ms",
                              app_ms <= DASHBOARD_MS, f"{len(statements)} queries"))
    database.close()
    return figures


def _export(data_dir: Path, csv_path: Path) -> None:
    from desktop_app.services import exporter
    from desktop_app.services.datafolder import open_folder

    database = open_folder(data_dir)
    try:
        exporter.export_file("interviews", csv_path)
    finally:
        database.close()


def _written_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row the import wrote, by table, parents first (the order the tables were created in); not
    the full-text indexes, which the tables' triggers fill."""
    connection = sqlite3.connect(path)
    tables = [r[0] for r in connection.execute(
        "SELECT name FROM sqlite_master WHERE name IN (SELECT name FROM pragma_table_list WHERE type = 'table') "
        "AND name NOT IN ('schema_version', 'setting') AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
    rows = {table: connection.execute(f'SELECT * FROM "{table}"').fetchall() for table in tables}
    connection.close()
    return {table: found for table, found in rows.items() if found}


def _raw_insert(schema_from: Path, target: Path, rows: dict[str, list[tuple]]) -> float:
    """executemany of the rows into an empty copy of the schema (WAL, synchronous=FULL); seconds."""
    from desktop_app.db import open_data_file

    open_data_file(target).close()
    connection = sqlite3.connect(target, isolation_level=None)
    for pragma in ("journal_mode = wal", "synchronous = 2", "foreign_keys = 1", "cache_size = -32000"):
        connection.execute(f"PRAGMA {pragma}")
    start = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    for table, table_rows in rows.items():
        marks = ", ".join("?" * len(table_rows[0]))
        connection.executemany(f'INSERT INTO "{table}" VALUES ({marks})', table_rows)
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def import_throughput(data_dir: Path, runs: int, work: Path) -> list[Figure]:
    from desktop_app.db import db
    from desktop_app.paths import database_path
    from desktop_app.services import importer
    from desktop_app.services.datafolder import open_folder

    work.mkdir(parents=True, exist_ok=True)
    csv_path = work / "interviews.csv"
    _export(data_dir, csv_path)
    app_times, raw_times, count = [], [], 0
    for run in range(runs):
        target = work / f"import-{run}"
        shutil.rmtree(target, ignore_errors=True)
        database = open_folder(target)
        start = time.perf_counter()
        rows = importer.read_file("interviews", csv_path)
        result = importer.import_rows("interviews", rows)
        app_times.append(time.perf_counter() - start)
        assert result.ok, result.summary()
        count = len(rows)
        database.close()
        db.initialize(None)
        written = _written_rows(database_path(target))
        raw_target = work / f"raw-{run}.sqlite3"
        raw_target.unlink(missing_ok=True)
        raw_times.append(_raw_insert(database_path(target), raw_target, written))
        shutil.rmtree(target, ignore_errors=True)
        raw_target.unlink(missing_ok=True)
    app_rate = count / statistics.median(app_times)
    raw_rate = count / statistics.median(raw_times)
    return [Figure("CSV import", f"{count:,} interview rows into an empty folder", app_rate, raw_rate, "rows/s",
                   f"≥ {IMPORT_ROWS_PER_S:,.0f} rows/s", app_rate >= IMPORT_ROWS_PER_S,
                   "read, checked, planned and written in one transaction; baseline: executemany of the rows")]


def run(argv: list[str]) -> list[Figure]:
    what, data_dir, runs = argv[0], Path(argv[1]), int(argv[2])
    if what == "dashboard":
        return dashboard(data_dir, runs)
    return import_throughput(data_dir, runs, Path(argv[3]))


if __name__ == "__main__":
    child_main(run)
