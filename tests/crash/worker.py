"""The program the crash tests kill: a stream of writes through the services on one data folder.

    python -m tests.crash.worker DATA_DIR --seed N [--schema-2] [--archive DIR] [--ops N]
                                 [--pause before|after OPERATION SECONDS]

It prints one line per event, flushed at once, so whoever reads it knows where the worker was when it died:

    tx begin | tx commit | tx rollback    the data file's connection starts or ends a transaction
    pause                                 (with --pause) the worker now waits, just before or after a COMMIT
    begin N OP | {expect}                 operation N starts, and what it changes if it commits
    ack N OP | {rows}                     operation N committed: every row it wrote, as the file now holds it
    refused N OP | message                a service refused operation N; it wrote nothing

`expect` has "create" {table: rows}, "update" {table: {id: {column: value}}}, "delete" {table: [ids]},
"values" {table: {column: value}} (every created row has them), "migrate" (the schema version) or
"replace" {table: rows} (import all). An acknowledged change must survive every kill that comes after it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop_app.db import database as dbmodule  # noqa: E402
from desktop_app.db import migrations  # noqa: E402
from desktop_app.paths import database_path  # noqa: E402
from tests.crash.datafile import file_version, image_of, use_schema_2  # noqa: E402

Planned = tuple[str, dict[str, Any], Callable[[], dict[str, Any]]]  # label, expect, action -> ack payload


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _trace(statement: str) -> None:
    word = statement.strip().rstrip(";").upper()
    if word.startswith("BEGIN"):
        emit("tx begin")
    elif word in ("COMMIT", "ROLLBACK"):
        emit(f"tx {word.lower()}")


def trace_transactions() -> None:
    """Have every data-file connection report its BEGIN, COMMIT and ROLLBACK on stdout."""

    class Traced(dbmodule.DataFile):
        def _connect(self) -> Any:
            connection = super()._connect()
            connection.set_trace_callback(_trace)
            return connection

    dbmodule.DataFile = Traced  # type: ignore[misc]


CURRENT = [""]  # the label of the operation under way


def pause_at_commit(when: str, operation: str, seconds: float) -> None:
    """Wait `seconds` just before (when="before") or after ("after") the COMMIT of every transaction of
    operations whose label starts with `operation`, after printing "pause": a kill then lands there."""
    base = dbmodule.DataFile

    class Pausing(base):  # type: ignore[misc, valid-type]
        def _pause(self, moment: str) -> None:
            if moment == when and CURRENT[0].startswith(operation):
                emit("pause")
                time.sleep(seconds)

        def commit(self) -> None:
            self._pause("before")
            super().commit()
            self._pause("after")

    dbmodule.DataFile = Pausing  # type: ignore[misc]


WORDS = ("offer", "team", "salary", "remote", "Ärger", "naïve", "€", "日本", "😀", "review", "on-call", "x" * 40)


class Stream:
    """Operations chosen by a seeded random generator from what the data file holds."""

    def __init__(self, data_dir: Path, seed: int, scratch: Path) -> None:
        from desktop_app.db import db

        self.db = db
        self.data_dir = data_dir
        self.rng = random.Random(seed)
        self.tag = str(seed)
        self.scratch = scratch

    # --- reading ---------------------------------------------------------------------------------

    def ids(self, table: str, where: str = "") -> list[int]:
        return [r[0] for r in self.db.execute_sql(f'SELECT id FROM "{table}" {where} ORDER BY id').fetchall()]

    def pick(self, table: str, where: str = "") -> int | None:
        found = self.ids(table, where)
        return self.rng.choice(found) if found else None

    def rows(self, wanted: dict[str, set[int]]) -> dict[str, dict[int, Any]]:
        """The rows with these ids as the file now holds them (None: the row is gone)."""
        out: dict[str, dict[int, Any]] = {}
        for table, ids in wanted.items():
            out[table] = {i: None for i in ids}
            ordered = sorted(ids)
            for start in range(0, len(ordered), 500):
                chunk = ordered[start:start + 500]
                cursor = self.db.execute_sql(
                    f'SELECT * FROM "{table}" WHERE id IN ({", ".join("?" * len(chunk))})', chunk)
                names = [d[0] for d in cursor.description]
                out[table].update({row[0]: dict(zip(names, row)) for row in cursor.fetchall()})
        return out

    def written(self, change: Any) -> dict[str, Any]:
        wanted: dict[str, set[int]] = {}
        for row in change.rows:
            wanted.setdefault(row.table, set()).add(row.id)
        return {"rows": self.rows(wanted)}

    # --- values ----------------------------------------------------------------------------------

    def text(self) -> str:
        roll = self.rng.random()
        count = self.rng.randint(1, 40) if roll < 0.8 else self.rng.randint(200, 800) if roll < 0.95 else 8000
        return " ".join(self.rng.choice(WORDS) for _ in range(count))

    def day(self) -> str:
        return (dt.date(2015, 1, 1) + dt.timedelta(days=self.rng.randrange(4000))).isoformat()

    # --- operations ------------------------------------------------------------------------------

    def create(self, kind: str, table: str, values: dict[str, Any], check: dict[str, Any]) -> Planned:
        from desktop_app.services import records

        expect = {"create": {table: 1}, "values": {table: check}}
        return f"create {kind}", expect, lambda: self.written(records.create(kind, values))

    def create_company(self, n: int) -> Planned:
        name = f"C{self.tag}-{n}"
        notes = self.text()
        return self.create("company", "company", {"name": name, "notes": notes, "location": "Berlin"},
                           {"name": name, "notes": notes})

    def create_opportunity(self, n: int) -> Planned | None:
        company = self.pick("company")
        if company is None:
            return None
        title = f"Role {self.tag}-{n}"
        return self.create("opportunity", "opportunity", {"company": company, "title": title,
                                                          "notes": self.text(), "status": "applied"},
                           {"title": title, "company_id": company})

    def create_interview(self, n: int) -> Planned | None:
        opportunity = self.pick("opportunity")
        if opportunity is None:
            return None
        notes = f"I{self.tag}-{n} {self.text()}"
        return self.create("interview", "interview", {"opportunity": opportunity, "scheduled_on": self.day(),
                                                      "stage": "technical", "prep_notes": notes},
                           {"prep_notes": notes, "opportunity_id": opportunity})

    def create_question(self, n: int) -> Planned:
        text = f"Q{self.tag}-{n} {self.text()}".strip()
        return self.create("question", "question", {"interview": self.pick("interview"), "text": text},
                           {"text": text})

    def create_offer(self, n: int) -> Planned | None:
        opportunity = self.pick("opportunity")
        if opportunity is None:
            return None
        base = self.rng.randint(30_000, 200_000)
        return self.create("offer", "offer", {"opportunity": opportunity, "received_on": self.day(),
                                              "currency": "EUR", "base_salary": base, "notes": self.text()},
                           {"base_salary": base, "opportunity_id": opportunity})

    def create_task(self, n: int) -> Planned:
        title = f"T{self.tag}-{n}"
        return self.create("task", "task", {"title": title, "opportunity": self.pick("opportunity"),
                                            "offer": self.pick("offer"), "contact": self.pick("contact")},
                           {"title": title})

    def update(self, kind: str, table: str, record_id: int, values: dict[str, Any],
               extra: dict[str, Any] | None = None) -> Planned:
        from desktop_app.services import records

        expect = {"update": {table: {record_id: values}}, **(extra or {})}
        return f"edit {kind} {record_id}", expect, lambda: self.written(records.update(kind, record_id, values))

    def update_company(self, n: int) -> Planned | None:
        company = self.pick("company")
        if company is None:
            return None
        return self.update("company", "company", company, {"notes": self.text(), "location": f"L{self.tag}-{n}"})

    def update_opportunity(self, n: int) -> Planned | None:
        opportunity = self.pick("opportunity")
        if opportunity is None:
            return None
        status = self.rng.choice(("invited", "interviewing", "offer", "ghosted"))
        return self.update("opportunity", "opportunity", opportunity, {"status": status, "notes": self.text()})

    def edit_offer(self, n: int) -> Planned | None:
        """A counter-offer: new figures, so the old ones are kept as an offer revision."""
        offer = self.pick("offer")
        if offer is None:
            return None
        base = self.db.execute_sql("SELECT base_salary FROM offer WHERE id = ?", (offer,)).fetchone()[0]
        values = {"base_salary": base + self.rng.randint(1, 9_000), "status": "negotiating"}
        return self.update("offer", "offer", offer, values, {"create": {"offer_revision": 1}})

    def delete(self, kind: str, table: str, where: str = "") -> Planned | None:
        from desktop_app.services import records
        from desktop_app.services.errors import DeleteRefusedError

        record_id = self.pick(table, where)
        if record_id is None:
            return None
        expect: dict[str, Any] = {}
        try:
            for row in records.delete_plan(kind, [record_id]).rows:
                if row.after is None:
                    expect.setdefault("delete", {}).setdefault(row.table, []).append(row.id)
                else:
                    expect.setdefault("update", {}).setdefault(row.table, {})[row.id] = {}
        except DeleteRefusedError:
            pass  # the delete below is refused too, and writes nothing
        return f"delete {kind} {record_id}", expect, lambda: self.written(records.delete(kind, record_id))

    def delete_opportunity(self, n: int) -> Planned | None:
        return self.delete("opportunity", "opportunity")

    def delete_interview(self, n: int) -> Planned | None:
        return self.delete("interview", "interview")

    def delete_company(self, n: int) -> Planned | None:
        unlinked = ("WHERE id NOT IN (SELECT company_id FROM opportunity) AND id NOT IN "
                    "(SELECT company_id FROM contact WHERE company_id IS NOT NULL)")
        return self.delete("company", "company", "" if self.rng.random() < 0.25 else unlinked)

    def import_csv(self, kind: str, header: list[str], lines: Iterable[list[str]], n: int) -> Planned | None:
        from desktop_app.services import importer
        from desktop_app.services.kinds import KINDS
        from desktop_app.services.interchange import spec

        path = self.scratch / f"{kind}-{self.tag}-{n}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(lines)
        plan = importer.import_rows(kind, importer.read_file(kind, path), dry_run=True)
        if plan.errors:
            raise AssertionError(f"the worker wrote a bad CSV file {path}: {plan.errors[:3]}")
        created = {spec(kind).kind.model._meta.table_name: plan.created}
        created.update({KINDS[name].model._meta.table_name: count for name, count in plan.also_created.items()})
        expect = {"create": {t: c for t, c in created.items() if c}}

        def action() -> dict[str, Any]:
            return self.written(importer.import_file(kind, path).change)

        return f"import {kind} {plan.created + sum(plan.also_created.values())} rows", expect, action

    def import_companies(self, n: int) -> Planned | None:
        count = self.rng.randint(20, 300)
        lines = ([f"IC{self.tag}-{n}-{k}", self.text()[:3000], "Lisbon"] for k in range(count))
        return self.import_csv("companies", ["name", "notes", "location"], lines, n)

    def import_interviews(self, n: int) -> Planned | None:
        known = [r[0] for r in self.db.execute_sql("SELECT name FROM company ORDER BY id DESC LIMIT 50")]
        lines = []
        for k in range(self.rng.randint(10, 150)):
            company = self.rng.choice(known) if known and self.rng.random() < 0.3 else f"II{self.tag}-{n}-{k % 40}"
            lines.append([company, f"Role {k % 5}", self.day(), self.text()[:2000]])
        return self.import_csv("interviews", ["company", "role", "date", "notes"], lines, n)

    def backup(self, n: int) -> Planned:
        from desktop_app.services import backup

        return "backup", {}, lambda: {"backup": backup.create_backup(self.data_dir, "manual").path.name}

    WEIGHTS: dict[str, int] = {
        "create_company": 10, "create_opportunity": 10, "create_interview": 10, "create_question": 5,
        "create_offer": 6, "create_task": 5, "update_company": 8, "update_opportunity": 6, "edit_offer": 8,
        "delete_opportunity": 5, "delete_interview": 4, "delete_company": 3, "import_companies": 4,
        "import_interviews": 4, "backup": 3,
    }

    def next(self, n: int) -> Planned:
        while True:
            name = self.rng.choices(list(self.WEIGHTS), weights=list(self.WEIGHTS.values()))[0]
            planned = getattr(self, name)(n)
            if planned is not None:
                return planned


def perform(n: int, label: str, expect: dict[str, Any], action: Callable[[], dict[str, Any]]) -> None:
    from desktop_app.services.errors import ServiceError

    emit(f"begin {n} {label} | {json.dumps(expect)}")
    CURRENT[0] = label
    try:
        payload = action()
    except ServiceError as exc:
        emit(f"refused {n} {label} | {' '.join(str(exc).split())}")
        return
    emit(f"ack {n} {label} | {json.dumps(payload)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--schema-2", action="store_true", help="this SayYes has a schema 2 (fake_schema_2)")
    parser.add_argument("--archive", type=Path, help="restore this archive first while the folder is empty")
    parser.add_argument("--ops", type=int, help="stop after this many operations (default: run until killed)")
    parser.add_argument("--pause", nargs=3, metavar=("WHEN", "OPERATION", "SECONDS"),
                        help="pause before or after the COMMIT of operations whose label starts so")
    args = parser.parse_args(argv)
    trace_transactions()
    if args.pause:
        pause_at_commit(args.pause[0], args.pause[1], float(args.pause[2]))
    if args.schema_2:
        use_schema_2()
    from desktop_app.services import archive
    from desktop_app.services.datafolder import has_records, open_folder

    n = 1
    version = file_version(database_path(args.data_dir))
    migrating = 0 < version < migrations.LATEST_VERSION
    if migrating:
        emit(f"begin {n} migrate | {json.dumps({'migrate': migrations.LATEST_VERSION})}")
        CURRENT[0] = "migrate"
    database = open_folder(args.data_dir)
    if migrating:
        emit(f"ack {n} migrate | {json.dumps({'migrate': migrations.LATEST_VERSION})}")
        n += 1
    if args.archive is not None and not has_records():
        manifest = archive.read_manifest(args.archive)
        counts = {t: info["rows"] for t, info in manifest["tables"].items()}
        perform(n, "import all", {"replace": counts},
                lambda: (archive.import_all(args.archive), {"image": image_of(database.execute_sql)})[1])
        n += 1
    scratch = args.data_dir.parent / "scratch"
    scratch.mkdir(exist_ok=True)
    stream = Stream(args.data_dir, args.seed, scratch)
    while args.ops is None or n <= args.ops:
        perform(n, *stream.next(n))
        n += 1
    database.close()


if __name__ == "__main__":
    main()
