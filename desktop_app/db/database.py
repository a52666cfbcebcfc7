"""The one database proxy, and how a data file is opened."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from peewee import DatabaseError, DatabaseProxy, SqliteDatabase

from ..errors import StorageError

db = DatabaseProxy()

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL: a committed transaction survives power loss
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "cache_size": -32_000,  # 32 MB page cache
}


_STORAGE_REASONS = (  # (SQLite error name prefix, words in its message, what to tell the user)
    ("SQLITE_FULL", "disk is full", "the disk is full"),
    ("SQLITE_READONLY", "readonly database", "permission denied: the file may only be read"),
    ("SQLITE_PERM", "access permission denied", "permission denied"),
    ("SQLITE_CANTOPEN", "unable to open database file", "permission denied, or its folder is gone"),
    ("SQLITE_IOERR", "disk i/o error", "a disk error"),
)


def storage_error(path: str, exc: BaseException) -> StorageError | None:
    """A StorageError naming the file and the reason when `exc` says the file could not be written."""
    original = getattr(exc, "orig", None) or exc
    name = getattr(original, "sqlite_errorname", None) or ""
    text = str(original)
    for prefix, words, reason in _STORAGE_REASONS:
        if name.startswith(prefix) or (not name and words in text.lower()):
            detail = "" if prefix == "SQLITE_FULL" else f" ({text})"
            return StorageError(f"{path}: could not be written: {reason}{detail}; the change was not saved")
    return None


class DataFile(SqliteDatabase):
    """A SayYes data file whose statements raise StorageError, in words, when the file cannot be written.

    After such a failure SQLite may already have rolled the whole transaction back (it does on
    SQLITE_FULL and SQLITE_IOERR); the ROLLBACK peewee then sends would fail with "no transaction is
    active" and hide the reason, so a rollback without an open transaction is skipped.
    """

    def _in_transaction(self) -> bool:
        return self.is_closed() or self.connection().in_transaction

    @contextmanager
    def _storage_errors(self) -> Iterator[None]:
        try:
            yield
        except DatabaseError as exc:
            error = storage_error(self.database, exc)
            if error is None:
                raise
            raise error from exc

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        if str(sql).startswith("ROLLBACK TO SAVEPOINT") and not self._in_transaction():
            return self.cursor()
        with self._storage_errors():
            return super().execute_sql(sql, params)

    def begin(self, lock_type: str | None = None) -> None:
        with self._storage_errors():
            super().begin(lock_type)

    def commit(self) -> None:
        with self._storage_errors():
            super().commit()

    def rollback(self) -> None:
        if self._in_transaction():
            super().rollback()


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
    database = DataFile(str(path), pragmas=pragmas, lock_type="IMMEDIATE")
    database.connect(reuse_if_open=True)
    return database


def bind(database: SqliteDatabase) -> None:
    db.initialize(database)
