"""Backups (online backup API, atomic, private, named by UTC time and reason), listing, pruning, the daily
automatic backup, the backups taken before imports and migrations, and disk-full / permission errors."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from desktop_app import settings
from desktop_app.db import migrations
from desktop_app.paths import database_path
from desktop_app.services import backup, backup_files, records
from desktop_app.services.backup import Backup, BackupError
from desktop_app.services.datafolder import open_folder
from desktop_app.services.importer import SourceRow, import_rows
from desktop_app.settings import Settings

T0 = dt.datetime(2026, 11, 26, 11, 5, 0, tzinfo=dt.timezone.utc)


def companies(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("SELECT name FROM company ORDER BY id")]
    finally:
        con.close()


def readable_companies(path: Path) -> list[str] | None:
    try:
        return companies(path)
    except sqlite3.Error:
        return None


def folder_files(data_dir: Path) -> list[str]:
    folder = backup.backups_dir(data_dir)
    return sorted(os.listdir(folder)) if folder.exists() else []


def make(data_dir: Path, *moments: dt.datetime, reason: str = "manual") -> list[Backup]:
    return [backup.create_backup(data_dir, reason, now=moment, keep=1000) for moment in moments]


# --- making a backup -----------------------------------------------------------------------------

def test_a_backup_holds_what_is_still_in_the_wal_and_nothing_uncommitted(database, data_dir: Path) -> None:
    path = database_path(data_dir)
    records.create("company", {"name": "Acme"})
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO company (created_at, updated_at, name, name_key) VALUES "
                   "('2026-01-01', '2026-01-01', 'Globex', 'globex')")
    writer.execute("BEGIN")
    writer.execute("INSERT INTO company (created_at, updated_at, name, name_key) VALUES "
                   "('2026-01-01', '2026-01-01', 'Uncommitted', 'uncommitted')")
    main_only = data_dir.parent / "main-only.sqlite3"
    shutil.copyfile(path, main_only)  # the main file without its WAL lacks the committed rows
    assert Path(f"{path}-wal").stat().st_size > 0
    assert readable_companies(main_only) != ["Acme", "Globex"]

    made = backup.create_backup(data_dir, "manual", now=T0)
    writer.execute("ROLLBACK")
    writer.close()
    assert companies(made.path) == ["Acme", "Globex"]
    assert made == Backup(T0, 1, made.path, made.path.stat().st_size, "manual")
    assert made.path.name == "sayyes-2026-11-26T110500Z-manual.sqlite3"
    assert made.path.parent == data_dir / "backups"
    assert made.path.stat().st_mode & 0o777 == 0o600
    assert made.path.read_bytes()[18:20] == b"\x01\x01"  # a self-contained rollback-journal file, no -wal
    assert folder_files(data_dir) == [made.path.name]


def test_backups_in_the_same_second_never_overwrite_each_other(database, data_dir: Path) -> None:
    records.create("company", {"name": "Acme"})
    first, second, third = make(data_dir, T0, T0, T0.replace(microsecond=500))
    fourth = backup.create_backup(data_dir, "before-import", now=T0, keep=1000)
    assert [b.path.name for b in (first, second, third, fourth)] == [
        "sayyes-2026-11-26T110500Z-manual.sqlite3", "sayyes-2026-11-26T110500Z.02-manual.sqlite3",
        "sayyes-2026-11-26T110500Z.03-manual.sqlite3", "sayyes-2026-11-26T110500Z.04-before-import.sqlite3"]
    assert backup.list_backups(data_dir) == [fourth, third, second, first]
    assert sorted(b.path.name for b in backup.list_backups(data_dir)) == folder_files(data_dir)


def test_names_round_trip_and_other_files_are_not_backups(tmp_path: Path) -> None:
    for reason in backup.REASONS:
        name = backup.backup_name(T0, reason, 3)
        (tmp_path / name).write_bytes(b"x" * 10)
        assert backup.parse_name(tmp_path / name) == Backup(T0, 3, tmp_path / name, 10, reason)
    for name in ("notes.txt", "sayyes-2026-11-26T110500Z-weird.sqlite3", "sayyes-2026-11-26T110500Z.sqlite3",
                 "sayyes-2026-13-26T110500Z-manual.sqlite3", ".sayyes-backup-x.tmp", "sayyes.sqlite3"):
        (tmp_path / name).write_bytes(b"x")
        assert backup.parse_name(tmp_path / name) is None
    with pytest.raises(ValueError, match="unknown backup reason"):
        backup.backup_name(T0, "whim")
    assert backup.backup_name(dt.datetime(2026, 1, 2, 3, 4, 5), "auto") == "sayyes-2026-01-02T030405Z-auto.sqlite3"


def test_format_size() -> None:
    assert [backup.format_size(n) for n in (0, 1023, 1024, 245_000, 3_565_158)] == [
        "0 bytes", "1023 bytes", "1 KB", "239 KB", "3.4 MB"]


def test_backup_to_a_file_of_ones_choice(database, data_dir: Path, tmp_path: Path) -> None:
    records.create("company", {"name": "Acme"})
    dest = tmp_path / "copy.sqlite3"
    made = backup.backup_to_file(data_dir, dest)
    assert (made.path, made.reason, companies(dest)) == (dest, "manual", ["Acme"])
    assert dest.stat().st_mode & 0o777 == 0o600
    with pytest.raises(BackupError, match="copy.sqlite3: already exists; choose a new file name"):
        backup.backup_to_file(data_dir, dest)
    into_folder = backup.backup_to_file(data_dir, tmp_path, now=T0)
    assert into_folder.path == tmp_path / "sayyes-2026-11-26T110500Z-manual.sqlite3"
    with pytest.raises(BackupError, match="the folder .*nowhere does not exist"):
        backup.backup_to_file(data_dir, tmp_path / "nowhere" / "copy.sqlite3")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".", "copy"))) == ["copy.sqlite3"]


def test_no_data_file_no_backup(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match=r"no SayYes data here \(no sayyes.sqlite3\)"):
        backup.create_backup(tmp_path / "data")
    assert backup.list_backups(tmp_path / "data") == []
    assert backup.backup_if_due(tmp_path / "data", T0) is None


# --- listing, pruning, the daily backup ------------------------------------------------------------

def test_prune_keeps_the_newest_and_touches_nothing_else(database, data_dir: Path) -> None:
    records.create("company", {"name": "Acme"})
    made = make(data_dir, *(T0 + dt.timedelta(hours=h) for h in (0, 5, 2, 9, 7)))
    folder = backup.backups_dir(data_dir)
    strangers = ["notes.txt", "sayyes-2020-01-01T000000Z.sqlite3", "mine.sqlite3"]
    for name in strangers:
        (folder / name).write_text("keep me")
    listed = backup.list_backups(data_dir)
    assert [b.created.hour for b in listed] == [20, 18, 16, 13, 11]
    assert all(b.size == b.path.stat().st_size > 0 for b in listed)

    removed = backup.prune(data_dir, 2)
    assert sorted(removed) == sorted(b.path for b in made if b.created.hour in (11, 13, 16))
    assert [b.created.hour for b in backup.list_backups(data_dir)] == [20, 18]
    assert all((folder / name).read_text() == "keep me" for name in strangers)
    with pytest.raises(ValueError):
        backup.prune(data_dir, 0)


def test_the_backup_just_made_survives_pruning_even_when_the_clock_went_back(database, data_dir: Path) -> None:
    records.create("company", {"name": "Acme"})
    future, = make(data_dir, T0 + dt.timedelta(days=30))
    made = backup.create_backup(data_dir, "manual", now=T0, keep=1)
    assert made.path.exists() and future.path.exists()
    later = backup.create_backup(data_dir, "manual", now=T0 + dt.timedelta(hours=1), keep=1)
    assert backup.list_backups(data_dir) == [future, later]


def test_retention_comes_from_the_settings(database, data_dir: Path) -> None:
    records.create("company", {"name": "Acme"})
    settings.save(Settings(backup_retention=2))
    for hour in range(4):
        backup.create_backup(data_dir, "auto", now=T0 + dt.timedelta(hours=hour))
    assert [b.created.hour for b in backup.list_backups(data_dir)] == [14, 13]
    for bad in (0, 1001):
        with pytest.raises(settings.ValidationError, match="keep from 1 to 1000 backups"):
            Settings(backup_retention=bad).validate()


def test_backup_if_due_once_a_day(database, data_dir: Path) -> None:
    assert backup.backup_if_due(data_dir, T0) is None  # a fresh data file: nothing to lose
    records.create("company", {"name": "Acme"})
    first = backup.backup_if_due(data_dir, T0)
    assert first is not None and (first.reason, first.created) == ("auto", T0)
    assert backup.backup_if_due(data_dir, T0 + dt.timedelta(hours=23)) is None
    assert backup.backup_if_due(data_dir, T0 + dt.timedelta(days=1)) is None
    manual, = make(data_dir, T0 + dt.timedelta(hours=20))  # any backup counts as recent
    assert backup.backup_if_due(data_dir, T0 + dt.timedelta(hours=25)) is None
    second = backup.backup_if_due(data_dir, T0 + dt.timedelta(hours=44, seconds=1))
    assert second is not None and second.created == T0 + dt.timedelta(hours=44, seconds=1)
    assert backup.backup_if_due(data_dir, T0 - dt.timedelta(days=3)) is not None  # the clock moved back


# --- backups before imports and migrations ----------------------------------------------------------

def interview_row(line: int, company: str) -> SourceRow:
    return SourceRow(line, {"company": company, "role": "Dev", "date": "2024-06-01"})


def test_an_import_backs_up_first_when_it_writes(database, data_dir: Path) -> None:
    import_rows("interviews", [interview_row(2, "Acme")])  # into an empty file: nothing to back up
    assert backup.list_backups(data_dir) == []
    import_rows("interviews", [interview_row(2, "Globex")], dry_run=True)
    import_rows("interviews", [SourceRow(2, {"company": "Initech", "role": "Dev", "date": "30 Feb"})])
    assert backup.list_backups(data_dir) == []
    import_rows("interviews", [interview_row(2, "Globex")])
    made, = backup.list_backups(data_dir)
    assert made.reason == "before-import"
    assert companies(made.path) == ["Acme"]


def test_a_failed_backup_stops_the_import(database, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import_rows("interviews", [interview_row(2, "Acme")])
    monkeypatch.setattr(backup_files, "copy_into", disk_full)
    with pytest.raises(BackupError, match="the disk is full"):
        import_rows("interviews", [interview_row(2, "Globex")])
    assert companies(database_path(data_dir)) == ["Acme"]


def with_schema_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend this version of SayYes has a next schema that adds a table."""
    later = migrations.LATEST_VERSION + 1
    steps = {**migrations.MIGRATIONS, later: lambda db: db.execute_sql('CREATE TABLE "extra" ("id" INTEGER PRIMARY KEY)')}
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    monkeypatch.setattr(migrations, "LATEST_VERSION", later)


def test_a_migration_of_a_file_with_records_backs_up_first(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_folder(data_dir).close()
    with_schema_2(monkeypatch)
    open_folder(data_dir).close()  # no records: migrated without a backup
    assert backup.list_backups(data_dir) == []

    monkeypatch.undo()
    shutil.rmtree(data_dir)
    database = open_folder(data_dir)
    records.create("company", {"name": "Acme"})
    database.close()
    with_schema_2(monkeypatch)
    database = open_folder(data_dir)
    database.close()
    made, = backup.list_backups(data_dir)
    assert made.reason == "before-migration"
    con = sqlite3.connect(made.path)
    assert con.execute("SELECT MAX(version) FROM schema_version").fetchone() == (migrations.LATEST_VERSION - 1,)
    con.close()
    assert companies(made.path) == ["Acme"]
    open_folder(data_dir).close()  # already migrated: no second backup
    assert len(backup.list_backups(data_dir)) == 1


# --- disk full, permission denied ------------------------------------------------------------------

def disk_full(source: sqlite3.Connection, target: Path) -> None:
    """Write half a copy, then fail as a full disk does."""
    target.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    raise OSError(errno.ENOSPC, "No space left on device", str(target))


def sqlite_disk_full(source: sqlite3.Connection, target: Path) -> None:
    target.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    raise sqlite3.OperationalError("database or disk is full")


@pytest.mark.parametrize("failure", [disk_full, sqlite_disk_full])
def test_a_full_disk_leaves_no_backup_and_the_data_intact(database, data_dir: Path, monkeypatch, failure) -> None:
    records.create("company", {"name": "Acme"})
    before = database_path(data_dir).read_bytes()
    monkeypatch.setattr(backup_files, "copy_into", failure)
    with pytest.raises(BackupError) as info:
        backup.create_backup(data_dir, now=T0)
    assert str(info.value) == (f"{database_path(data_dir)} could not be backed up to {data_dir / 'backups'}: "
                               "the disk is full; no backup was made and the data is unchanged")
    assert folder_files(data_dir) == []
    assert database_path(data_dir).read_bytes() == before
    assert companies(database_path(data_dir)) == ["Acme"]


def test_a_read_only_backups_folder(database, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records.create("company", {"name": "Acme"})
    folder = backup.backups_dir(data_dir)
    folder.mkdir(mode=0o700)
    os.chmod(folder, 0o500)
    if os.geteuid() == 0:  # root writes anywhere: refuse as the kernel would for anyone else
        real_open = os.open

        def refusing_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
            if Path(path).parent == folder and flags & os.O_CREAT:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing_open)
    try:
        with pytest.raises(BackupError, match=r"could not be backed up to .*backups: permission denied; no backup"):
            backup.create_backup(data_dir)
        with pytest.raises(BackupError, match="permission denied"):
            import_rows("interviews", [interview_row(2, "Globex")])
    finally:
        monkeypatch.undo()
        os.chmod(folder, 0o700)
    assert folder_files(data_dir) == []
    assert companies(database_path(data_dir)) == ["Acme"]
    assert (folder.stat().st_mode & 0o777) == 0o700


def test_leftovers_of_a_killed_backup_are_not_backups_and_are_cleaned_up(database, data_dir: Path) -> None:
    records.create("company", {"name": "Acme"})
    folder = backup.backups_dir(data_dir)
    folder.mkdir()
    stale, fresh = folder / ".sayyes-backup-abc.tmp", folder / ".sayyes-backup-def.tmp"
    for temp in (stale, fresh):
        temp.write_bytes(b"half a copy")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    assert backup.list_backups(data_dir) == []
    backup.create_backup(data_dir)
    assert not stale.exists() and fresh.exists()  # a newer one may belong to a backup still running


BACK_UP_FOREVER = """
import sys
from pathlib import Path
from desktop_app.services import backup

for i in range(10_000):
    backup.create_backup(Path(sys.argv[1]), "manual", keep=1000)
    print(i, flush=True)
"""


def test_a_kill_while_backing_up_never_leaves_a_half_backup(data_dir: Path) -> None:
    import random
    import subprocess
    import sys

    from desktop_app.services.integrity import check_file

    database = open_folder(data_dir)
    database.execute_sql("INSERT INTO company (created_at, updated_at, name, name_key, notes) VALUES " + ", ".join(
        f"('2026-01-01', '2026-01-01', 'Acme {i}', 'acme {i}', '{'x' * 50_000}')" for i in range(40)))
    database.close()
    expected = companies(database_path(data_dir))
    rng = random.Random(7)
    root = Path(__file__).resolve().parents[2]
    for _ in range(3):
        child = subprocess.Popen([sys.executable, "-c", BACK_UP_FOREVER, str(data_dir)], cwd=root,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline() == "0\n"
        try:
            child.wait(timeout=rng.uniform(0, 0.1))
        except subprocess.TimeoutExpired:
            child.kill()
        child.wait()
        child.stdout.close()
    made = backup.list_backups(data_dir)
    assert len(made) >= 3
    for each in made:
        assert check_file(each.path).ok and companies(each.path) == expected
