"""The one database proxy, and how a data file is opened."""

from __future__ import annotations

import os
from pathlib import Path

from peewee import DatabaseProxy, SqliteDatabase

db = DatabaseProxy()

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL: a committed transaction survives power loss
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "cache_size": -32_000,  # 32 MB page cache
}


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only (SQLite's -wal/-shm files copy its mode)."""
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    if os.name == "posix":
        os.chmod(path, 0o600)


def connect(path: Path | str, *, read_only: bool = False) -> SqliteDatabase:
    """Open (creating if needed) a SayYes data file with WAL, synchronous=FULL and foreign keys on.

    Write transactions start with BEGIN IMMEDIATE, so a change takes the write lock before it reads
    and never fails half-way on a lock upgrade.
    """
    path = Path(path)
    if str(path) != ":memory:" and not read_only:
        create_private_file(path)
    pragmas = dict(PRAGMAS)
    if read_only:
        pragmas.pop("journal_mode")
        pragmas["query_only"] = 1
    database = SqliteDatabase(str(path), pragmas=pragmas, lock_type="IMMEDIATE")
    database.connect(reuse_if_open=True)
    return database


def bind(database: SqliteDatabase) -> None:
    db.initialize(database)
