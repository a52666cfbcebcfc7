"""A migration that fails half-way — a bug in a step, bad SQL, a full disk, a later step failing — leaves
the data file byte for byte as it was, still at its old schema version, and a later SayYes that gets the
migration right migrates it without losing a row."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from peewee import OperationalError

from desktop_app.db import migrations
from desktop_app.paths import database_path
from desktop_app.services import backup
from desktop_app.services.datafolder import open_folder
from desktop_app.services.errors import StorageError
from desktop_app.services.integrity import check_file

from .cases import FIXTURE_V1
from .datafile import NEXT_VERSION, SCHEMA_2_COLUMN, fake_schema_2
from .harness import read_image


def fails_after_the_rebuild(database: Any) -> None:
    fake_schema_2(database)
    raise RuntimeError("a bug in the step, after the company table was rebuilt")


def bad_sql_half_way(database: Any) -> None:
    database.execute_sql('CREATE TABLE "company_v2" ("id" INTEGER PRIMARY KEY)')
    database.execute_sql('DROP TABLE "company"')
    database.execute_sql('INSERT INTO "company_v2" SELECT id FROM "no_such_table"')


def disk_full_during_the_rebuild(database: Any) -> None:
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages}")
    fake_schema_2(database)


def later_step_fails(database: Any) -> None:
    raise RuntimeError(f"step {NEXT_VERSION + 1} went wrong")


FAILURES: dict[str, tuple[dict[int, Callable[[Any], None]], type[Exception], str]] = {
    "a bug after the rebuild": ({NEXT_VERSION: fails_after_the_rebuild}, RuntimeError, "a bug in the step"),
    "bad SQL half-way": ({NEXT_VERSION: bad_sql_half_way}, OperationalError, "no such table: no_such_table"),
    "disk full during the rebuild": ({NEXT_VERSION: disk_full_during_the_rebuild}, StorageError, "the disk is full"),
    "a later step fails": ({NEXT_VERSION: fake_schema_2, NEXT_VERSION + 1: later_step_fails}, RuntimeError,
                           f"step {NEXT_VERSION + 1} went wrong"),
}


def with_steps(monkeypatch: pytest.MonkeyPatch, steps: dict[int, Callable[[Any], None]]) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", {**migrations.MIGRATIONS, **steps})
    monkeypatch.setattr(migrations, "LATEST_VERSION", max(steps))


def schema(path: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("failure", list(FAILURES))
def test_a_migration_that_fails_half_way_leaves_the_file_as_it_was(failure: str, data_dir: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = database_path(data_dir)
    data_dir.mkdir()
    shutil.copyfile(FIXTURE_V1, path)
    open_folder(data_dir).close()  # as this version leaves it: a WAL file, everything checkpointed
    before = (path.read_bytes(), schema(path), read_image(path))
    steps, error, words = FAILURES[failure]
    with_steps(monkeypatch, steps)

    with pytest.raises(error, match=words):
        open_folder(data_dir)

    assert path.read_bytes() == before[0]
    assert (schema(path), read_image(path)) == before[1:]
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    assert check_file(path).passed == ["integrity", "foreign keys", f"schema version {NEXT_VERSION - 1}"]
    made, = backup.list_backups(data_dir)
    assert made.reason == "before-migration" and read_image(made.path) == before[2]

    with_steps(monkeypatch, {NEXT_VERSION: fake_schema_2})  # a later SayYes gets it right
    open_folder(data_dir).close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT MAX(version) FROM schema_version").fetchone() == (NEXT_VERSION,)
    con.close()
    after = read_image(path)
    for table, rows in before[2].items():
        extra = {SCHEMA_2_COLUMN: None} if table == "company" else {}
        assert after[table] == {i: {**row, **extra} for i, row in rows.items()}, table
