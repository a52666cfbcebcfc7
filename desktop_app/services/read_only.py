"""Opening a data file read-only: to see what a damaged file, one written by a newer SayYes, or one
another SayYes has open still holds, without any chance of changing it.

The connection is opened with SQLite's `mode=ro` (not only `query_only`), so not even closing it writes
to the file: a read-write connection checkpoints the WAL into the main file when it closes. A write
through the models fails with ReadOnlyError, a ServiceError the screens already show as a message.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from peewee import OperationalError, SqliteDatabase

from ..db.database import PRAGMAS, bind
from ..paths import database_path
from .errors import ServiceError

_WRITE_REFUSED = ("readonly", "read-only", "query_only")


class ReadOnlyError(ServiceError):
    """A change was asked of data opened read-only; nothing was changed."""


class ReadOnlyDatabase(SqliteDatabase):
    """A peewee database on a file opened with mode=ro; `database` stays the file's plain path."""

    def __init__(self, path: Path | str, reason: str, **kwargs: Any) -> None:
        self.reason = reason
        pragmas = {"foreign_keys": 1, "busy_timeout": PRAGMAS["busy_timeout"], "cache_size": PRAGMAS["cache_size"],
                   "query_only": 1}
        super().__init__(str(path), pragmas=pragmas, lock_type="DEFERRED", **kwargs)

    def _connect(self) -> sqlite3.Connection:
        uri = f"{Path(self.database).resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=self._timeout, isolation_level=None)
        try:
            self._add_conn_hooks(conn)
        except Exception:
            conn.close()
            raise
        return conn

    def refusal(self) -> ReadOnlyError:
        return ReadOnlyError(f"This data is open read-only ({self.reason}), so it cannot be changed; "
                             "nothing was saved.")

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        try:
            return super().execute_sql(sql, params)
        except OperationalError as exc:
            if any(word in str(exc).lower() for word in _WRITE_REFUSED):
                raise self.refusal() from None
            raise


def open_read_only(data_dir: Path, reason: str) -> ReadOnlyDatabase:
    """Open the folder's data file read-only (never created, migrated or version-checked) and bind the
    models to it. `reason` says why, for the message a refused change shows ("it is damaged").
    Raises sqlite3/peewee errors when the file cannot be read at all."""
    path = database_path(Path(data_dir))
    if not path.is_file():
        raise FileNotFoundError(2, "No such file", str(path))
    database = ReadOnlyDatabase(path, reason)
    database.connect()
    try:
        database.execute_sql("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except Exception:
        database.close()
        raise
    bind(database)
    return database


def is_read_only(database: object) -> bool:
    return isinstance(database, ReadOnlyDatabase)
