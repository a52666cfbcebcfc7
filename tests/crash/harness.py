"""Kill the crash worker (worker.py) with SIGKILL at a chosen moment, then check the data file it leaves.

A Folder is one data folder and the model of what it must hold: every row of every table, built from
the worker's acknowledgements. After each kill the file must pass `sayyes check` (integrity.check_file:
quick_check and foreign_key_check), its schema version must match its tables, and its rows must equal
the model exactly, but for the one operation that was under way: that one is either wholly in the file
(then the model takes it) or not at all. Every named backup must pass the check too, and a backup the
worker acknowledged must hold exactly what the model held then.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.paths import database_path
from desktop_app.services.backup import list_backups
from desktop_app.services.integrity import check_file

from desktop_app.db.migrations import LATEST_VERSION

from .datafile import NEXT_VERSION, SCHEMA_2_COLUMN, Image, file_version, image_of

ROOT = Path(__file__).resolve().parents[2]
MID_TRANSACTION = ("inside a transaction", "during COMMIT")


@dataclass
class Tally:
    cases: int = 0
    kills: int = 0
    operations: int = 0  # operations the worker began
    acknowledged: int = 0  # rows the acknowledgements named, each checked after the next kill
    backups_checked: int = 0
    rows_lost: int = 0
    failed: int = 0  # kills after which a check failed
    problems: list[str] = field(default_factory=list)
    where: Counter = field(default_factory=Counter)  # where the worker was when it was killed
    mid: Counter = field(default_factory=Counter)  # the operations whose transactions kills landed in

    @property
    def mid_transaction(self) -> int:
        return sum(self.where[w] for w in MID_TRANSACTION)

    def summary(self) -> str:
        lines = [f"cases tried: {self.cases}", f"kills: {self.kills} (survived: {self.kills - self.failed})",
                 f"kills that landed mid-transaction: {self.mid_transaction}",
                 f"operations begun: {self.operations}", f"acknowledged row changes checked: {self.acknowledged}",
                 f"backups checked: {self.backups_checked}", f"rows lost: {self.rows_lost}",
                 "where the kills landed:"]
        lines += [f"  {count:5}  {where}" for where, count in self.where.most_common()]
        lines.append("mid-transaction kills by operation: " + ", ".join(
            f"{op} {count}" for op, count in self.mid.most_common()))
        lines += [f"PROBLEM: {p}" for p in self.problems]
        return "\n".join(lines)


class Worker:
    """One life of the worker process; its complete output lines as they come."""

    def __init__(self, data_dir: Path, seed: int, args: list[str], log: Path) -> None:
        self.log = log
        with log.open("wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.crash.worker", str(data_dir), "--seed", str(seed), *args],
                cwd=ROOT, stdout=subprocess.PIPE, stderr=err)
        self.lines: list[str] = []
        self.ended = False
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            if raw.endswith(b"\n"):  # a line cut short by the kill was never acknowledged
                with self.changed:
                    self.lines.append(raw.decode("utf-8").rstrip("\n"))
                    self.changed.notify_all()
        with self.changed:
            self.ended = True
            self.changed.notify_all()

    def wait_for(self, wanted: Any, timeout: float = 20.0) -> None:
        """Until a line satisfies wanted(line) (or the worker ends, or the time is up)."""
        seen = 0
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                for line in self.lines[seen:]:
                    if wanted(line):
                        return
                seen = len(self.lines)
                if self.ended or not self.changed.wait(max(0.0, deadline - time.monotonic())):
                    return

    def kill(self) -> int:
        """SIGKILL; the exit code (-9, or the worker's own when it had ended: a bug in the worker)."""
        try:
            os.kill(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        code = self.process.wait()
        self.reader.join()
        assert self.process.stdout is not None
        self.process.stdout.close()
        return code


@dataclass(frozen=True)
class Kill:
    where: str  # "inside a transaction", "between operations" ...
    operation: str | None  # the label of the operation under way, if any
    applied: bool | None  # whether that operation is in the file


@dataclass
class Event:
    kind: str  # "tx", "begin", "ack", "refused"
    n: int
    label: str
    payload: Any


def parse(line: str) -> Event:
    head, _, data = line.partition(" | ")
    words = head.split(" ")
    if words[0] in ("tx", "pause"):
        return Event(words[0], 0, words[-1], None)
    payload = data if words[0] == "refused" else json.loads(data)
    return Event(words[0], int(words[1]), " ".join(words[2:]), payload)


def digest(image: Image) -> str:
    return hashlib.sha256(json.dumps(image, sort_keys=True).encode()).hexdigest()


def read_image(path: Path) -> Image:
    con = sqlite3.connect(path)
    try:
        return image_of(con.execute)
    finally:
        con.close()


def _ids(table_map: dict[str, Any]) -> dict[str, dict[int, Any]]:
    return {t: {int(i): v for i, v in rows.items()} for t, rows in table_map.items()}


def diff(old: Image, new: Image) -> dict[str, dict[str, set[int]]]:
    """{"create"|"delete"|"update": {table: ids}} that turn `old` into `new` (tables missing are empty)."""
    out: dict[str, dict[str, set[int]]] = {"create": {}, "delete": {}, "update": {}}
    for table in set(old) | set(new):
        before, after = old.get(table, {}), new.get(table, {})
        for what, ids in (("create", after.keys() - before.keys()), ("delete", before.keys() - after.keys()),
                          ("update", {i for i in before.keys() & after.keys() if before[i] != after[i]})):
            if ids:
                out[what][table] = set(ids)
    return out


def unexplained(change: dict[str, dict[str, set[int]]], expect: dict[str, Any], new: Image) -> list[str]:
    """How the file's difference from the model is not the operation under way, wholly ([] when it is)."""
    problems = []
    created = {t: len(ids) for t, ids in change["create"].items()}
    if created != {t: n for t, n in expect.get("create", {}).items() if n}:
        problems.append(f"rows created {created}, the operation creates {expect.get('create', {})}")
    for what in ("delete", "update"):
        wanted = {t: {int(i) for i in ids} for t, ids in expect.get(what, {}).items()}
        if change[what] != wanted:
            problems.append(f"rows {what}d {change[what]}, the operation {what}s {wanted}")
    for table, rows in expect.get("update", {}).items():
        for record_id, values in rows.items():
            row = new.get(table, {}).get(int(record_id), {})
            problems += [f"{table} {record_id}: {k} is {row.get(k)!r}, not {v!r}" for k, v in values.items()
                         if row and row.get(k) != v]
    for table, values in expect.get("values", {}).items():
        for record_id in change["create"].get(table, ()):
            row = new[table][record_id]
            problems += [f"{table} {record_id}: {k} is {row.get(k)!r}, not {v!r}" for k, v in values.items()
                         if row.get(k) != v]
    return problems


def _lost(change: dict[str, dict[str, set[int]]], expect: dict[str, Any]) -> int:
    """Acknowledged rows the file no longer holds as acknowledged (deleted or changed unexpectedly)."""
    count = 0
    for what in ("delete", "update"):
        for table, ids in change[what].items():
            count += len(ids - {int(i) for i in expect.get(what, {}).get(table, ())})
    return count


class Folder:
    """A data folder the worker is killed on again and again, and the model of what it must hold."""

    def __init__(self, data_dir: Path, *, start_from: Path | None = None, schema_2: bool = False,
                 archive: Path | None = None, archive_image: Image | None = None) -> None:
        self.data_dir = data_dir
        self.path = database_path(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        if start_from is not None:
            shutil.copyfile(start_from, self.path)
        self.image: Image = read_image(self.path) if self.path.exists() else {}
        self.version = file_version(self.path)
        self.args = (["--schema-2"] if schema_2 else []) + (["--archive", str(archive)] if archive else [])
        self.archive_image = archive_image  # what `import all` of the archive must leave, row for row
        self.backups: dict[str, str] = {}  # acknowledged backup -> digest of the model when it was made
        self.checked: set[str] = set()
        self.lives = 0

    def run(self, seed: int, trigger: Any, delay: float, tally: Tally, extra: tuple[str, ...] = ()) -> Kill:
        """Start the worker, kill it `delay` seconds after the first line that satisfies trigger(line) (or
        after 60 operations), check the file; return where the kill landed."""
        self.lives += 1
        log = self.data_dir.parent / f"worker-{self.lives}.log"
        worker = Worker(self.data_dir, seed, [*self.args, *extra], log)
        begun = 0

        def wanted(line: str) -> bool:
            nonlocal begun
            begun += line.startswith("begin ")
            return trigger(line) or begun >= 60

        worker.wait_for(wanted)
        if delay:
            time.sleep(delay)
        code = worker.kill()
        if code != -signal.SIGKILL:
            raise AssertionError(f"the worker ended by itself ({code}): {worker.log.read_text()[-3000:]}")
        tally.kills += 1
        kill, problems = self.check([parse(line) for line in worker.lines], tally)
        tally.where[kill.where] += 1
        if kill.where in MID_TRANSACTION and kill.operation:
            tally.mid[" ".join(kill.operation.split(" ")[:2]).rstrip("0123456789 ")] += 1
        tally.problems += [f"kill {tally.kills} ({kill.where}): {p}" for p in problems]
        tally.failed += bool(problems)
        return kill

    def check(self, events: list[Event], tally: Tally) -> tuple[Kill, list[str]]:
        pending: Event | None = None
        for event in events:
            if event.kind == "begin":
                pending = event
                tally.operations += 1
            elif event.kind in ("ack", "refused"):
                if event.kind == "ack":
                    self._acknowledge(event, tally)
                pending = None
        if not self.path.exists() and not any(self.image.values()):
            return Kill("starting up", None, None), []
        report = check_file(self.path)
        problems = [p for p in report.problems if not p.startswith("schema:")]
        version = file_version(self.path)
        problems += self._schema_problems(version, pending)
        current = read_image(self.path)
        applied = self._resolve(pending, version, current, problems, tally)
        problems += self._backup_problems(tally)
        return Kill(_where(events, pending, applied), pending and pending.label, applied), problems

    def _acknowledge(self, event: Event, tally: Tally) -> None:
        payload = event.payload
        if "rows" in payload:
            for table, rows in _ids(payload["rows"]).items():
                tally.acknowledged += len(rows)
                for record_id, row in rows.items():
                    if row is None:
                        self.image.get(table, {}).pop(record_id, None)
                    else:
                        self.image.setdefault(table, {})[record_id] = row
        elif "image" in payload:
            self.image = _ids(payload["image"])
            tally.acknowledged += sum(len(rows) for rows in self.image.values())
        elif "migrate" in payload:
            self._migrate(payload["migrate"])
        elif "backup" in payload:
            self.backups[payload["backup"]] = digest(self.image)

    def _migrate(self, version: int) -> None:
        for row in self.image.get("company", {}).values():
            row[SCHEMA_2_COLUMN] = None
        self.version = version

    def _schema_problems(self, version: int, pending: Event | None) -> list[str]:
        allowed = {self.version} | ({pending.payload["migrate"]} if pending and "migrate" in pending.payload else set())
        if self.version == 0:
            allowed.add(LATEST_VERSION)  # a new folder: the first open creates this version's schema
        con = sqlite3.connect(self.path)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            columns = {r[1] for r in con.execute('PRAGMA table_info("company")')}
        finally:
            con.close()
        problems = [] if version in allowed else [f"schema version {version}, expected one of {sorted(allowed)}"]
        if (SCHEMA_2_COLUMN in columns) != (version >= NEXT_VERSION):
            problems.append(f"schema version {version} but company has columns {sorted(columns)}")
        if "company_v2" in tables:
            problems.append("a half-done migration left the table company_v2")
        return problems

    def _resolve(self, pending: Event | None, version: int, current: Image, problems: list[str],
                 tally: Tally) -> bool | None:
        """Whether the operation under way is in the file (None: none was under way); the model takes it."""
        applied: bool | None = None if pending is None else False
        expect: dict[str, Any] = pending.payload if pending is not None else {}
        if "migrate" in expect and version != self.version and version >= 1 and self.version >= 1:
            self._migrate(version)
            applied = True
        change = diff(self.image, current)
        if not any(change.values()):
            if self.version == 0:
                self.version = version
            return applied
        if "replace" in expect and not any(self.image.values()):
            counts = {t: len(rows) for t, rows in current.items() if rows}
            wanted = {t: n for t, n in expect["replace"].items() if n}
            if counts != wanted or (self.archive_image is not None and current != self.archive_image):
                problems.append(f"import all left {counts} rows, not the archive's {wanted} as they were exported")
        elif pending is None or "migrate" in expect:
            problems.append(f"the file differs from what was acknowledged: {_shown(change)}")
        else:
            problems += unexplained(change, expect, current)
        if problems:
            lost = _lost(change, expect)
            tally.rows_lost += lost
            problems.append(f"{lost} acknowledged rows lost; operation under way: {pending and pending.label}")
        self.image = current
        self.version = version
        return True

    def _backup_problems(self, tally: Tally) -> list[str]:
        problems = []
        for made in list_backups(self.data_dir):
            name = made.path.name
            if name in self.checked:
                continue
            self.checked.add(name)
            tally.backups_checked += 1
            report = check_file(made.path)
            problems += [f"backup {name}: {p}" for p in report.problems if not p.startswith("schema:")]
            if name in self.backups and digest(read_image(made.path)) != self.backups[name]:
                problems.append(f"backup {name} does not hold what the data file held when it was made")
        return problems


def _shown(change: dict[str, dict[str, set[int]]]) -> str:
    return "; ".join(f"{what} {table} {sorted(ids)[:10]}" for what, tables in change.items()
                     for table, ids in tables.items())


def _where(events: list[Event], pending: Event | None, applied: bool | None) -> str:
    if pending is None:
        return "between operations" if events else "starting up"
    after = events[events.index(pending) + 1:]
    last = next((e.label for e in reversed(after) if e.kind == "tx"), None)
    op = pending.label.split(" ")[0]
    if last is None:
        return {"backup": "making a backup", "migrate": "backing up before the migration"}.get(
            op, "before its transaction")
    if last == "begin":
        return "inside a transaction"
    if last == "commit":
        return "after COMMIT, before the acknowledgement" if applied else "during COMMIT"
    return "rolling back"
