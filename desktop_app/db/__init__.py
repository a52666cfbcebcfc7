"""The data layer: peewee models, the database proxy and numbered migrations. No Qt here."""

from __future__ import annotations

from pathlib import Path

from peewee import SqliteDatabase

from . import migrations
from .database import bind, connect, db
from .migrations import LATEST_VERSION, SchemaError, SchemaTooNewError

__all__ = ["db", "open_data_file", "LATEST_VERSION", "SchemaError", "SchemaTooNewError", "migrations"]


def open_data_file(path: Path | str, *, migrate: bool = True) -> SqliteDatabase:
    """Connect to a data file, migrate it to the latest schema and bind the models to it."""
    database = connect(path)
    try:
        if migrate:
            migrations.migrate(database)
        else:
            migrations.check_version(database)
    except Exception:
        database.close()
        raise
    bind(database)
    return database
