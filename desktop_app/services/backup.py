"""Backups of a data folder's data file, in `<data folder>/backups/`, and restoring one (backup_restore.py).

A backup is a copy made with SQLite's online backup API from a read-only connection of its own, so it
holds every committed change (also those still in the WAL, never an uncommitted one) and can be made
while the app writes. It is written to a hidden temp file, flushed, and only then linked to its final
name, so a half-written backup never looks like one; a backup is a plain rollback-journal file, mode 0600.

The name says everything about a backup, so a copied or listed file needs no sidecar that could be lost
or go stale: `sayyes-2026-11-26T110500Z-manual.sqlite3` (UTC, sortable), with `.02`, `.03` ... after the
time for more backups in the same second: `sayyes-2026-11-26T110500Z.02-before-import.sqlite3`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import BACKUP_DIRNAME, database_path
from .backup_files import (SIDE_FILES, TEMP_PREFIX, BackupError, explain, make_folder, publish, read_only,
                           unlink)

__all__ = ["REASONS", "AUTO_EVERY", "Backup", "BackupError", "RestoreResult", "backups_dir", "utc", "backup_name",
           "parse_name", "list_backups", "prune", "format_size", "explain", "create_backup", "backup_to_file",
           "backup_if_due", "backup_before_change", "backup_open_folder", "backup_before_migration", "restore"]

REASONS = ("auto", "manual", "before-import", "before-restore", "before-migration")
AUTO_EVERY = dt.timedelta(days=1)
_NAME = re.compile(r"sayyes-(\d{4}-\d\d-\d\dT\d{6}Z)(?:\.(\d{2,}))?-(" + "|".join(REASONS) + r")\.sqlite3")
_STAMP = "%Y-%m-%dT%H%M%SZ"
_STALE_TEMP = dt.timedelta(hours=1)


@dataclass(frozen=True, order=True)
class Backup:
    created: dt.datetime  # UTC, aware
    sequence: int  # 1, or 2, 3 ... for later backups made in the same second
    path: Path = field(compare=False)
    size: int = field(compare=False)  # bytes
    reason: str = field(compare=False)  # one of REASONS


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    before: Backup | None  # the backup of the data replaced, None when the folder held nothing
    from_version: int  # the source's schema version
    migrated: list[int]  # schema versions applied to the restored data (empty when already current)
    counts: dict[str, int]  # records now in each table

    @property
    def tables(self) -> list[str]:
        """Every table: a restore replaces all of them (a UI refreshes everything and forgets its undo)."""
        return list(self.counts)

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIRNAME


def utc(moment: dt.datetime | None = None) -> dt.datetime:
    """`moment` (naive means UTC) or now, as an aware UTC time."""
    if moment is None:
        return dt.datetime.now(dt.timezone.utc)
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment.astimezone(dt.timezone.utc)


def backup_name(created: dt.datetime, reason: str, sequence: int = 1) -> str:
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}; use one of {', '.join(REASONS)}")
    stamp = utc(created).strftime(_STAMP)
    return f"sayyes-{stamp}{'' if sequence == 1 else f'.{sequence:02d}'}-{reason}.sqlite3"


def parse_name(path: Path) -> Backup | None:
    """The backup a file's name describes (size from the file), None when it is not a SayYes backup."""
    match = _NAME.fullmatch(Path(path).name)
    if match is None:
        return None
    try:
        created = dt.datetime.strptime(match[1], _STAMP).replace(tzinfo=dt.timezone.utc)
        size = os.stat(path, follow_symlinks=False).st_size
    except (ValueError, OSError):
        return None
    return Backup(created, int(match[2] or 1), Path(path), size, match[3])


def list_backups(data_dir: Path) -> list[Backup]:
    """The folder's backups, newest first (files with other names are not backups and are left out)."""
    found: list[Backup] = []
    try:
        with os.scandir(backups_dir(data_dir)) as entries:
            for entry in entries:
                if entry.is_file(follow_symlinks=False) and (backup := parse_name(Path(entry.path))):
                    found.append(backup)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise BackupError(f"{backups_dir(data_dir)}: the backups cannot be listed ({explain(exc)})") from None
    return sorted(found, reverse=True)


def prune(data_dir: Path, keep: int, *, protect: Collection[Path] = ()) -> list[Path]:
    """Delete all but the newest `keep` backups (never one in `protect`); return the paths deleted.

    Only files named as SayYes backups are touched, and stale temp files of an interrupted backup."""
    if keep < 1:
        raise ValueError("keep at least one backup")
    protected = {Path(p).resolve() for p in protect}
    removed: list[Path] = []
    for backup in list_backups(data_dir)[keep:]:
        if backup.path.resolve() in protected:
            continue
        try:
            backup.path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise BackupError(f"{backup.path}: an old backup cannot be deleted ({explain(exc)})") from None
        for suffix in SIDE_FILES:
            unlink(Path(f"{backup.path}{suffix}"))
        removed.append(backup.path)
    _remove_stale_temps(backups_dir(data_dir))
    return removed


def format_size(size: int) -> str:
    """"812 bytes", "240 KB", "3.4 MB", as a list of backups shows it."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


# --- making backups -------------------------------------------------------------------------------

def create_backup(data_dir: Path, reason: str = "manual", *, now: dt.datetime | None = None,
                  keep: int | None = None, protect: Collection[Path] = ()) -> Backup:
    """Back up the data file into the backups folder, then prune it to `keep` backups (default: the
    retention in the file's settings). Raises BackupError; a failed backup leaves no file behind."""
    source = database_path(Path(data_dir))
    if not source.is_file():
        raise BackupError(f"{Path(data_dir)}: no SayYes data here (no {source.name})")
    folder = make_folder(backups_dir(data_dir))
    created = utc(now).replace(microsecond=0)
    start = next_sequence(data_dir, created)
    with read_only(source) as con:
        retention = keep if keep is not None else _retention(con)
        made = publish(con, folder, lambda seq: folder / backup_name(created, reason, seq), what=source, start=start)
    prune(data_dir, retention, protect=[made, *protect])
    backup = parse_name(made)
    assert backup is not None
    return backup


def backup_to_file(data_dir: Path, dest: Path, *, now: dt.datetime | None = None) -> Backup:
    """Back up the data file to `dest` (refused when it exists; a folder gets a new backup-named file)."""
    source = database_path(Path(data_dir))
    if not source.is_file():
        raise BackupError(f"{Path(data_dir)}: no SayYes data here (no {source.name})")
    dest = Path(dest)
    created = utc(now).replace(microsecond=0)
    if dest.is_dir():
        folder, name_of = dest, (lambda seq: dest / backup_name(created, "manual", seq))
    elif dest.exists() or dest.is_symlink():
        raise BackupError(f"{dest}: already exists; choose a new file name (a backup never overwrites a file)")
    elif not dest.parent.is_dir():
        raise BackupError(f"{dest}: the folder {dest.parent} does not exist")
    else:
        folder, name_of = dest.parent, (lambda seq: dest if seq == 1 else None)
    with read_only(source) as con:
        made = publish(con, folder, name_of, what=source)
    return parse_name(made) or Backup(created, 1, made, made.stat().st_size, "manual")


def backup_if_due(data_dir: Path, now: dt.datetime | None = None) -> Backup | None:
    """An "auto" backup when the newest backup is over a day old (or in the future, the clock having
    moved) or there is none, and the data file holds anything; None when none was due."""
    moment = utc(now)
    newest = next(iter(list_backups(data_dir)), None)
    if newest is not None and abs(moment - newest.created) <= AUTO_EVERY:
        return None
    return backup_before_change(data_dir, "auto", now=moment)


def backup_before_change(data_dir: Path, reason: str, *, now: dt.datetime | None = None,
                         protect: Collection[Path] = ()) -> Backup | None:
    """A backup before something replaces data (an import, a restore, a migration); None when the data
    file is missing or holds nothing at all (not even settings) that could be lost."""
    source = database_path(Path(data_dir))
    if not source.is_file():
        return None
    with read_only(source) as con:
        if not _holds_anything(con):
            return None
    return create_backup(data_dir, reason, now=now, protect=protect)


def backup_open_folder(reason: str) -> Backup | None:
    """backup_before_change for the data folder whose data file (its sayyes.sqlite3) the models are bound
    to; None when they are bound to nothing, to memory or to another file. Safe inside the caller's write
    transaction: the copy is read on a connection of its own, so it holds the data as it was before."""
    from ..db import db

    database = db.obj
    if database is None or not database.database or database.database == ":memory:":
        return None
    path = Path(database.database)
    if path.name != database_path(path.parent).name:
        return None
    return backup_before_change(path.parent, reason)


def backup_before_migration(data_dir: Path) -> Backup | None:
    """A "before-migration" backup when the data file has an older schema than this version and holds
    anything. A file that cannot be read is left to the caller's open to report."""
    from ..db import migrations

    source = database_path(Path(data_dir))
    if not source.is_file():
        return None
    try:
        with read_only(source) as con:
            tables = _tables(con)
            if "schema_version" not in tables:
                return None
            version = con.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
            if not 0 < version < migrations.LATEST_VERSION or not _holds_anything(con):
                return None
    except (BackupError, sqlite3.Error):
        return None
    return create_backup(data_dir, "before-migration")


def restore(data_dir: Path, source: Path, *, now: dt.datetime | None = None) -> RestoreResult:
    """Replace the folder's data with a backup or any SayYes data file (see backup_restore.py)."""
    from .backup_restore import restore_file

    return restore_file(Path(data_dir), Path(source), now=now)


# --- reading the data file ------------------------------------------------------------------------

def _tables(con: sqlite3.Connection) -> set[str]:
    """The data tables: not the full-text indexes (virtual tables and their shadow tables), which are
    derived from the data and hold rows even in an empty file."""
    return {row[0] for row in con.execute(
        "SELECT name FROM sqlite_master AS t WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' "
        "AND NOT EXISTS (SELECT 1 FROM sqlite_master AS v WHERE v.type = 'table' "
        "AND v.sql LIKE 'CREATE VIRTUAL TABLE%' AND t.name LIKE v.name || '\\_%' ESCAPE '\\')")}


def _holds_anything(con: sqlite3.Connection) -> bool:
    try:
        tables = _tables(con) - {"schema_version", "sqlite_sequence"}
        return any(con.execute(f'SELECT EXISTS (SELECT 1 FROM "{t}")').fetchone()[0] for t in tables)
    except sqlite3.Error:
        return True  # unreadable: keep a copy rather than decide there is nothing to lose


def _retention(con: sqlite3.Connection) -> int:
    """Settings.backup_retention as the file stores it, or its default."""
    from ..settings import Settings

    default = Settings.backup_retention
    try:
        row = con.execute("SELECT value FROM setting WHERE key = 'backup_retention'").fetchone()
        value = json.loads(row[0]) if row else default
    except (sqlite3.Error, ValueError, TypeError):
        return default
    return value if isinstance(value, int) and 1 <= value <= 1000 else default


def next_sequence(data_dir: Path, created: dt.datetime) -> int:
    """The sequence after that of every backup made in the same second, whatever its reason."""
    return 1 + max((b.sequence for b in list_backups(data_dir) if b.created == created), default=0)


def _remove_stale_temps(folder: Path) -> None:
    """Temp files an interrupted (killed) backup or restore left behind, over an hour old."""
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(TEMP_PREFIX) and ".tmp" in e.name]
        for entry in entries:
            if time.time() - entry.stat(follow_symlinks=False).st_mtime > _STALE_TEMP.total_seconds():
                unlink(Path(entry.path))
    except OSError:
        pass
