"""Opening a data folder: create it private, open and migrate its data file, bind the models."""

from __future__ import annotations

from pathlib import Path

from peewee import SqliteDatabase

from ..db import models as m
from ..db import open_data_file
from ..paths import database_path, ensure_private_dir
from .backup import backup_before_migration


def open_folder(data_dir: Path) -> SqliteDatabase:
    ensure_private_dir(data_dir)
    backup_before_migration(data_dir)
    return open_data_file(database_path(data_dir))


def has_records() -> bool:
    """Whether the open data file holds any record (settings do not count)."""
    return any(model.select(model.id).exists() for model in m.RECORD_MODELS if model is not m.Setting)
