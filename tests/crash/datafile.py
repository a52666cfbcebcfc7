"""What the crash worker and the checks that follow it share: a fake schema 2 and how a data file is read."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.db import migrations

Image = dict[str, dict[int, dict[str, Any]]]  # table -> id -> column -> value, as SQLite stores it

SCHEMA_2_COLUMN = "rating"
NEXT_VERSION = migrations.LATEST_VERSION + 1  # the fake schema comes after this version's last real one
_COMPANY_V1 = migrations._V1_STATEMENTS[0]


def fake_schema_2(database: Any) -> None:
    """A schema 2 that rebuilds the company table with a new column, as a real later migration would."""
    create = _COMPANY_V1.replace('CREATE TABLE "company" (', 'CREATE TABLE "company_v2" (', 1)
    database.execute_sql(create[:-1] + f', "{SCHEMA_2_COLUMN}" INTEGER)')
    columns = ", ".join(f'"{row[1]}"' for row in database.execute_sql('PRAGMA table_info("company")'))
    database.execute_sql(f'INSERT INTO "company_v2" ({columns}) SELECT {columns} FROM "company"')
    database.execute_sql('DROP TABLE "company"')
    database.execute_sql('ALTER TABLE "company_v2" RENAME TO "company"')
    database.execute_sql('CREATE UNIQUE INDEX "company_name_key" ON "company" ("name_key")')
    database.execute_sql(f'CREATE INDEX "company_{SCHEMA_2_COLUMN}" ON "company" ("{SCHEMA_2_COLUMN}")')


def use_schema_2() -> None:
    migrations.MIGRATIONS[NEXT_VERSION] = fake_schema_2
    migrations.LATEST_VERSION = NEXT_VERSION


def image_of(execute: Callable[..., Any]) -> Image:
    """Every row of every table but schema_version (its applied_at is the clock's)."""
    tables = [row[0] for row in execute("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%' AND name != 'schema_version' ORDER BY name"
                                        ).fetchall()]  # not the full-text indexes (virtual and shadow tables)
    image: Image = {}
    for table in tables:
        cursor = execute(f'SELECT * FROM "{table}" ORDER BY id')
        names = [d[0] for d in cursor.description]
        image[table] = {row[0]: dict(zip(names, row)) for row in cursor.fetchall()}
    return image


def file_version(path: Path) -> int:
    if not path.is_file():
        return 0
    con = sqlite3.connect(path)
    try:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_version'").fetchone():
            return 0
        return int(con.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0)
    finally:
        con.close()
