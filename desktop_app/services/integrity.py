"""`sayyes check`: is the data file whole, are its links intact, is its schema the one this version uses?

The file is opened on its own read-only connection, never migrated or bound to the models, so a
check changes nothing and works on a file the app refuses to open.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

from ..db.database import PRAGMAS
from ..db.migrations import LATEST_VERSION, SchemaError, current_version

_SHOWN_PER_CHECK = 20


@dataclass
class CheckReport:
    path: Path
    passed: list[str] = field(default_factory=list)  # "integrity", "foreign keys", "schema version 1"
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _open(path: Path) -> SqliteDatabase:
    pragmas = {"query_only": 1, "busy_timeout": PRAGMAS["busy_timeout"], "foreign_keys": 1}
    database = SqliteDatabase(str(path), pragmas=pragmas)
    database.connect()
    return database


def _integrity(database: SqliteDatabase, report: CheckReport) -> None:
    messages = [row[0] for row in database.execute_sql("PRAGMA quick_check").fetchall()]
    if messages == ["ok"]:
        report.passed.append("integrity")
        return
    report.problems.extend(f"integrity: {text}" for text in messages[:_SHOWN_PER_CHECK])
    if len(messages) > _SHOWN_PER_CHECK:
        report.problems.append(f"integrity: ... and {len(messages) - _SHOWN_PER_CHECK} more")


def _foreign_keys(database: SqliteDatabase, report: CheckReport) -> None:
    rows = database.execute_sql("PRAGMA foreign_key_check").fetchall()
    if not rows:
        report.passed.append("foreign keys")
        return
    for table, rowid, parent, fkid in rows[:_SHOWN_PER_CHECK]:
        links = {row[0]: row[3] for row in database.execute_sql(f'PRAGMA foreign_key_list("{table}")').fetchall()}
        column = links.get(fkid, "?")
        value = database.execute_sql(f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()
        shown = value[0] if value else "?"
        report.problems.append(
            f"foreign keys: {table} {rowid}: {column} points at {parent} {shown}, which does not exist")
    if len(rows) > _SHOWN_PER_CHECK:
        report.problems.append(f"foreign keys: ... and {len(rows) - _SHOWN_PER_CHECK} more broken links")


def _schema(database: SqliteDatabase, report: CheckReport) -> None:
    try:
        version = current_version(database)
    except SchemaError as exc:
        report.problems.append(f"schema: {exc}")
        return
    if version == LATEST_VERSION:
        report.passed.append(f"schema version {version}")
    elif version > LATEST_VERSION:
        report.problems.append(f"schema: version {version} is newer than this version of SayYes reads "
                               f"({LATEST_VERSION}); update SayYes")
    else:
        report.problems.append(f"schema: version {version}, expected {LATEST_VERSION}; opening the folder in "
                               f"SayYes migrates it")


def check_file(path: Path) -> CheckReport:
    """Run every check on a data file; problems are reported, never raised."""
    report = CheckReport(Path(path))
    if not report.path.is_file():
        report.problems.append("no such data file" if not report.path.exists() else "is not a file")
        return report
    database = None
    try:
        database = _open(report.path)
        for check in (_integrity, _foreign_keys, _schema):
            check(database, report)
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        report.problems.append(f"is not a readable SayYes data file ({exc}); it may be damaged")
    finally:
        if database is not None:
            database.close()
    return report
