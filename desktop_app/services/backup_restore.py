"""Restoring a backup (or any SayYes data file) into a data folder, also while this process has it open.

1. The source is copied with the online backup API into a private temp file in the backups folder, so
   what is checked is exactly what is restored, and the source is never written to.
2. The copy must pass integrity.check_file (quick_check, foreign keys) and be a SayYes file whose schema
   is not newer than this version (migrations.check_version); an older schema is migrated on the copy.
3. The current data is backed up ("before-restore").
4. The copy is written into the live data file with the backup API, through a connection of its own:
   one write transaction in the file's WAL, so a kill at any moment leaves the old data or the new, never
   a mix; the -wal and -shm files stay consistent because SQLite writes them; and every other connection
   to the file (the app's own, in this process) reads the new data from its next transaction on.
   A live file too damaged to open at all is kept, byte for byte, as the "before-restore" backup and
   replaced by a rename (its -wal removed first, so it can never be replayed into the new file).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from peewee import PeeweeException

from ..db import migrations
from ..db import models as m
from ..db.database import connect
from ..paths import database_path, ensure_private_dir
from .backup import (Backup, BackupError, RestoreResult, next_sequence, backup_before_change, backup_name,
                     backups_dir, explain, parse_name, utc)
from . import backup_files
from .backup_files import (fsync_dir, fsync_file, link_new, make_folder, new_temp, read_only, remove_with_side_files,
                           unlink)
from .integrity import check_file

_SHOWN_PROBLEMS = 3


def restore_file(data_dir: Path, source: Path, *, now: dt.datetime | None = None) -> RestoreResult:
    """Check `source`, back up the current data, put the source's data in place (migrated), atomically.
    Raises BackupError naming the file and the problem; then the data is unchanged."""
    live = database_path(data_dir)
    if not source.is_file():
        raise BackupError(f"{source}: {'no such file' if not source.exists() else 'is not a file'}")
    if live.exists() and os.path.samefile(source, live):
        raise BackupError(f"{source}: is the data file itself; choose a backup to restore")
    _refuse_during_a_change(live)
    stage: Path | None = None
    try:
        ensure_private_dir(Path(data_dir))
        stage = new_temp(make_folder(backups_dir(data_dir)), "restore")
        _stage(source, stage)
        version = _verify(stage, source)
        migrated = _migrate(stage, source) if version < migrations.LATEST_VERSION else []
        if _opens(live):
            before = _back_up_first(data_dir, source, now)
            counts = _write_into(stage, live)
        else:
            before = _keep_damaged(data_dir, live, now)
            counts = _replace(stage, live)
    except (OSError, sqlite3.Error, PeeweeException) as exc:
        raise BackupError(f"{source} could not be restored: {explain(exc)}; the data is unchanged") from None
    finally:
        if stage is not None:
            remove_with_side_files(stage)
    return RestoreResult(source, before, version, migrated, counts)


def _back_up_first(data_dir: Path, source: Path, now: dt.datetime | None) -> Backup | None:
    try:
        return backup_before_change(data_dir, "before-restore", now=now, protect=[source])
    except BackupError as exc:
        raise BackupError(f"{source} was not restored, as the current data could not be backed up first: {exc}")


def _refuse_during_a_change(live: Path) -> None:
    """This thread's bound connection to the live file inside a transaction would make the restore wait
    for itself until the busy timeout; say so at once."""
    from ..db import db

    database = db.obj
    if database is None or database.is_closed() or not database.in_transaction():
        return
    if Path(database.database).resolve() == live.resolve():
        raise BackupError(f"{live}: a change is still being written; restore when it is done")


def _stage(source: Path, stage: Path) -> None:
    with read_only(source) as con:
        try:
            backup_files.copy_into(con, stage)
        except sqlite3.Error as exc:
            raise BackupError(f"{source}: cannot be restored: {explain(exc)}") from None


def _one_line(problems: list[str]) -> str:
    shown = "; ".join(" ".join(p.split()) for p in problems[:_SHOWN_PROBLEMS])
    more = len(problems) - _SHOWN_PROBLEMS
    return shown + (f"; and {more} more problems" if more > 0 else "")


def _verify(stage: Path, source: Path) -> int:
    """The copy's schema version; BackupError when it is damaged, broken or not a usable SayYes file."""
    report = check_file(stage)
    problems = [p for p in report.problems if not p.startswith("schema:")]  # the schema is judged below
    if problems:
        text = _one_line(problems)
        raise BackupError(f"{source}: cannot be restored: "
                          + (f"it {text}" if text.startswith("is ") else f"it is damaged ({text})"))
    database = connect(stage, read_only=True)
    try:
        version = migrations.check_version(database)
    except migrations.SchemaError as exc:
        text = str(exc)
        raise BackupError(f"{source}: cannot be restored: {text[:1].lower()}{text[1:]}") from None
    finally:
        database.close()
    if version == 0:
        raise BackupError(f"{source}: cannot be restored: it is an empty database, not a SayYes data file")
    return version


def _migrate(stage: Path, source: Path) -> list[int]:
    database = connect(stage)
    try:
        return migrations.migrate(database)
    except migrations.SchemaError as exc:
        raise BackupError(f"{source}: cannot be restored: {exc}") from None
    finally:
        database.close()


def _opens(live: Path) -> bool:
    """Whether the live data file is missing or readable as a database (damaged rows or not)."""
    if not live.exists():
        return True
    try:
        with read_only(live) as con:
            con.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except BackupError:
        return False
    except sqlite3.DatabaseError as exc:
        return getattr(exc, "sqlite_errorname", "") not in ("SQLITE_NOTADB", "SQLITE_CORRUPT")
    return True


def _prepare(stage: Path, page_size: int | None = None) -> None:
    """The copy as a rollback-journal file with the live file's page size (the backup API cannot change
    the page size of a WAL file)."""
    with closing(sqlite3.connect(stage)) as con:
        con.execute("PRAGMA journal_mode = DELETE")
        if page_size is not None and con.execute("PRAGMA page_size").fetchone()[0] != page_size:
            con.execute(f"PRAGMA page_size = {int(page_size)}")
            con.execute("VACUUM")


def _counts(con: sqlite3.Connection) -> dict[str, int]:
    tables = [model._meta.table_name for model in m.RECORD_MODELS if model is not m.Setting]
    return {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def _write_into(stage: Path, live: Path) -> dict[str, int]:
    database = connect(live)  # created private when missing; WAL, synchronous=FULL, busy timeout
    try:
        target = database.connection()
        _prepare(stage, target.execute("PRAGMA page_size").fetchone()[0])
        with closing(sqlite3.connect(stage)) as con:
            con.backup(target)
        return _counts(target)
    finally:
        database.close()


def _keep_damaged(data_dir: Path, live: Path, now: dt.datetime | None) -> Backup:
    """Keep a live file SQLite cannot open, and its -wal, as they are under a "before-restore" name."""
    folder = backups_dir(data_dir)
    created = utc(now).replace(microsecond=0)
    temp = new_temp(folder, "backup")
    try:
        shutil.copyfile(live, temp)
        fsync_file(temp)
        sequence = next_sequence(data_dir, created)
        while not link_new(temp, final := folder / backup_name(created, "before-restore", sequence)):
            sequence += 1
        wal = Path(f"{live}-wal")
        if wal.exists():
            shutil.copyfile(wal, f"{final}-wal")
        fsync_dir(folder)
    finally:
        unlink(temp)
    kept = parse_name(final)
    assert kept is not None
    return kept


def _replace(stage: Path, live: Path) -> dict[str, int]:
    _prepare(stage)
    for suffix in ("-wal", "-shm", "-journal"):
        unlink(Path(f"{live}{suffix}"))
    os.replace(stage, live)
    fsync_dir(live.parent)
    with read_only(live) as con:
        return _counts(con)
