"""Restoring a backup: checked first (damaged, foreign, newer files refused with the file and the
problem named), the current data backed up, the new data put in place atomically and migrated, also
while this process has the folder open; a kill at any moment leaves the old data or the new."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.db import db, migrations
from desktop_app.db import models as m
from desktop_app.paths import database_path
from desktop_app.services import backup, backup_files, records
from desktop_app.services.backup import BackupError
from desktop_app.services.datafolder import open_folder
from desktop_app.services.integrity import check_file

from .test_backup import T0, companies, disk_full, folder_files, with_schema_2

FIXTURE = Path(__file__).parents[1] / "db" / "fixtures" / f"schema_v{migrations.LATEST_VERSION}.sqlite3"
ROOT = Path(__file__).resolve().parents[2]


def snapshot(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
                                            "AND name != 'sqlite_schema' ORDER BY name")]  # not full-text indexes
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        con.close()


@pytest.fixture
def saved(database, data_dir: Path) -> backup.Backup:
    """A backup holding Acme and Globex; the data then changed to Acme and Initech."""
    records.create("company", {"name": "Acme"})
    globex = records.create("company", {"name": "Globex"}).primary_id
    made = backup.create_backup(data_dir, "manual", now=T0)
    records.delete("company", globex)
    records.create("company", {"name": "Initech"})
    return made


def test_restore_while_the_folder_is_open(saved: backup.Backup, data_dir: Path) -> None:
    replaced = snapshot(database_path(data_dir))
    result = backup.restore(data_dir, saved.path, now=T0 + dt.timedelta(minutes=1))

    assert [c.name for c in m.Company.select().order_by(m.Company.id)] == ["Acme", "Globex"]  # the bound models
    assert companies(database_path(data_dir)) == ["Acme", "Globex"]
    assert result.before is not None and result.before.reason == "before-restore"
    assert result.before.path.name == "sayyes-2026-11-26T110600Z-before-restore.sqlite3"
    assert snapshot(result.before.path) == replaced
    assert (result.source, result.from_version, result.migrated) == (saved.path, migrations.LATEST_VERSION, [])
    assert result.counts["company"] == 2 and result.records == 2
    assert "company" in result.tables and "interview" in result.tables
    assert saved.path.exists()
    assert folder_files(data_dir) == sorted([saved.path.name, result.before.path.name])
    assert check_file(database_path(data_dir)).ok

    records.create("company", {"name": "Umbrella"})  # the app's connection keeps working
    assert companies(database_path(data_dir)) == ["Acme", "Globex", "Umbrella"]
    again = backup.restore(data_dir, result.before.path)  # and the restore can be undone
    assert companies(database_path(data_dir)) == ["Acme", "Initech"]
    assert again.before is not None and companies(again.before.path) == ["Acme", "Globex", "Umbrella"]


def test_restore_into_a_closed_or_new_folder(tmp_path: Path) -> None:
    fixture = FIXTURE.read_bytes()
    result = backup.restore(tmp_path / "new", FIXTURE)
    assert result.before is None
    assert snapshot(database_path(tmp_path / "new")) == snapshot(FIXTURE)
    assert all(result.counts[model._meta.table_name] > 0 for model in m.RECORD_MODELS if model is not m.Setting)
    assert database_path(tmp_path / "new").stat().st_mode & 0o777 == 0o600
    assert folder_files(tmp_path / "new") == []  # the temp copy is gone
    assert FIXTURE.read_bytes() == fixture  # the source is only read


def damage(source: Path, dest: Path) -> Path:
    """A copy with a page in the middle overwritten."""
    data = bytearray(source.read_bytes())
    middle = len(data) // 4096 // 2 * 4096
    data[middle:middle + 4096] = b"\x55" * 4096
    dest.write_bytes(bytes(data))
    return dest


def newer(source: Path, dest: Path) -> Path:
    shutil.copyfile(source, dest)
    con = sqlite3.connect(dest)
    con.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, '2030-01-01')",
                (migrations.LATEST_VERSION + 1,))
    con.commit()
    con.close()
    return dest


def foreign(source: Path, dest: Path) -> Path:
    con = sqlite3.connect(dest)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, jpeg BLOB)")
    con.commit()
    con.close()
    return dest


def broken_links(source: Path, dest: Path) -> Path:
    shutil.copyfile(source, dest)
    con = sqlite3.connect(dest)
    con.execute("UPDATE opportunity SET company_id = 9999 WHERE id = (SELECT MIN(id) FROM opportunity)")
    con.commit()
    con.close()
    return dest


def empty(source: Path, dest: Path) -> Path:
    dest.write_bytes(b"")
    return dest


def not_sqlite(source: Path, dest: Path) -> Path:
    dest.write_bytes(b"PK\x03\x04" + os.urandom(8000))
    return dest


@pytest.mark.parametrize(("make_bad", "problem"), [
    (damage, "cannot be restored: it is "),
    (newer, "cannot be restored: this data file was written by a newer version of SayYes "
            f"(schema {migrations.LATEST_VERSION + 1})"),
    (foreign, "cannot be restored: this file is a SQLite database, but not a SayYes data file."),
    (broken_links, "cannot be restored: it is damaged (foreign keys: opportunity 1: company_id points at company "
                   "9999, which does not exist)"),
    (empty, "cannot be restored: it is an empty database, not a SayYes data file"),
    (not_sqlite, "cannot be restored: it is not a SQLite database (file is not a database)"),
])
def test_a_bad_file_is_refused_and_nothing_changes(saved, data_dir: Path, tmp_path: Path, make_bad, problem) -> None:
    bad = make_bad(FIXTURE, tmp_path / "bad.sqlite3")
    bad_bytes = bad.read_bytes()
    before, files = snapshot(database_path(data_dir)), folder_files(data_dir)
    with pytest.raises(BackupError) as info:
        backup.restore(data_dir, bad)
    assert str(info.value).startswith(f"{bad}: {problem}")
    assert "\n" not in str(info.value)
    assert snapshot(database_path(data_dir)) == before
    assert folder_files(data_dir) == files  # no before-restore backup, no temp file
    assert bad.read_bytes() == bad_bytes


def test_a_damaged_copy_of_a_real_backup_is_refused(database, data_dir: Path, tmp_path: Path) -> None:
    from desktop_app.services import demo

    demo.generate(30, progress=None)
    big = backup.create_backup(data_dir, "manual", now=T0 + dt.timedelta(hours=1))
    bad = damage(big.path, tmp_path / "damaged.sqlite3")
    problem = r"cannot be restored: it (is damaged \(integrity|is not a readable)"
    with pytest.raises(BackupError, match=rf"^{bad}: {problem}"):
        backup.restore(data_dir, bad)


def test_missing_source_and_the_data_file_itself(saved, data_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="nowhere.sqlite3: no such file$"):
        backup.restore(data_dir, tmp_path / "nowhere.sqlite3")
    with pytest.raises(BackupError, match=": is not a file$"):
        backup.restore(data_dir, tmp_path)
    with pytest.raises(BackupError, match="is the data file itself"):
        backup.restore(data_dir, database_path(data_dir))


def test_an_older_schema_is_migrated(saved: backup.Backup, data_dir: Path, monkeypatch) -> None:
    latest = migrations.LATEST_VERSION
    with_schema_2(monkeypatch)
    result = backup.restore(data_dir, saved.path)
    assert (result.from_version, result.migrated) == (latest, [latest + 1])
    con = sqlite3.connect(database_path(data_dir))
    assert con.execute("SELECT MAX(version) FROM schema_version").fetchone() == (latest + 1,)
    assert con.execute("SELECT name FROM sqlite_master WHERE name = 'extra'").fetchone() == ("extra",)
    con.close()
    assert companies(database_path(data_dir)) == ["Acme", "Globex"]
    assert companies(saved.path) == ["Acme", "Globex"]  # the source is never written


def test_a_source_with_another_page_size(saved, data_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "big-pages.sqlite3"
    shutil.copyfile(saved.path, source)
    con = sqlite3.connect(source)
    con.execute("PRAGMA page_size = 16384")
    con.execute("VACUUM")
    con.close()
    assert sqlite3.connect(source).execute("PRAGMA page_size").fetchone() == (16384,)
    backup.restore(data_dir, source)
    assert [c.name for c in m.Company.select().order_by(m.Company.id)] == ["Acme", "Globex"]


def test_a_live_file_too_damaged_to_open_is_kept_byte_for_byte(data_dir: Path, tmp_path: Path) -> None:
    open_folder(data_dir).close()
    live = database_path(data_dir)
    garbage = b"not a database at all" * 500
    live.write_bytes(garbage)
    Path(f"{live}-wal").write_bytes(b"an old wal")
    result = backup.restore(data_dir, FIXTURE, now=T0)
    assert result.before is not None and result.before.reason == "before-restore"
    assert result.before.path.read_bytes() == garbage
    assert Path(f"{result.before.path}-wal").read_bytes() == b"an old wal"
    assert not Path(f"{live}-wal").exists() or Path(f"{live}-wal").read_bytes() != b"an old wal"
    assert snapshot(live) == snapshot(FIXTURE)
    assert check_file(live).ok


def test_a_restore_waits_for_no_change_of_its_own(saved, data_dir: Path) -> None:
    with db.atomic():
        records.create("company", {"name": "Umbrella"})
        with pytest.raises(BackupError, match="a change is still being written; restore when it is done"):
            backup.restore(data_dir, saved.path)
    assert companies(database_path(data_dir)) == ["Acme", "Initech", "Umbrella"]


@pytest.mark.parametrize("failing_copy", [1, 2])
def test_a_full_disk_while_restoring(saved, data_dir: Path, monkeypatch: pytest.MonkeyPatch, failing_copy) -> None:
    before, files = snapshot(database_path(data_dir)), folder_files(data_dir)
    copies = []
    real_copy = backup_files.copy_into

    def copy_into(source: sqlite3.Connection, target: Path) -> None:
        copies.append(target)
        (disk_full if len(copies) == failing_copy else real_copy)(source, target)

    monkeypatch.setattr(backup_files, "copy_into", copy_into)
    with pytest.raises(BackupError) as info:
        backup.restore(data_dir, saved.path)
    if failing_copy == 1:  # copying the backup to check it
        assert str(info.value) == f"{saved.path} could not be restored: the disk is full; the data is unchanged"
    else:  # backing up the current data
        assert str(info.value).startswith(f"{saved.path} was not restored, as the current data could not be "
                                          f"backed up first: {database_path(data_dir)} could not be backed up to ")
        assert str(info.value).endswith(": the disk is full; no backup was made and the data is unchanged")
    assert len(copies) == failing_copy
    assert snapshot(database_path(data_dir)) == before
    assert folder_files(data_dir) == files


def test_the_restored_backup_is_never_pruned(data_dir: Path, database) -> None:
    records.create("company", {"name": "Acme"})
    oldest = backup.create_backup(data_dir, "manual", now=T0, keep=1)
    backup.create_backup(data_dir, "manual", now=T0 + dt.timedelta(hours=1), keep=1000)
    con = sqlite3.connect(database_path(data_dir))
    con.execute("INSERT INTO setting (created_at, updated_at, key, value) VALUES ('2026-01-01', '2026-01-01', "
                "'backup_retention', '1')")
    con.commit()
    con.close()
    result = backup.restore(data_dir, oldest.path, now=T0 + dt.timedelta(hours=2))
    assert oldest.path.exists() and result.before is not None and result.before.path.exists()
    assert len(backup.list_backups(data_dir)) == 2


# --- a kill at any moment --------------------------------------------------------------------------

RESTORE_FOREVER = """
import sys
from pathlib import Path
from desktop_app.services import backup, backup_restore

write_into = backup_restore._write_into


def announced(stage, live):
    print("writing", flush=True)
    return write_into(stage, live)


backup_restore._write_into = announced
data_dir, sources = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
for i in range(10_000):
    backup.restore(data_dir, sources[i % 2])
"""


def filled(path: Path, name: str, count: int) -> Path:
    """A SayYes data file with `count` companies named after `name`, 50 KB of notes each."""
    from desktop_app.db import open_data_file

    database = open_data_file(path)
    database.execute_sql("INSERT INTO company (created_at, updated_at, name, name_key, notes) VALUES " + ", ".join(
        f"('2026-01-01', '2026-01-01', '{name} {i}', '{name.lower()} {i}', '{name[0] * 50_000}')"
        for i in range(count)))
    database.close()
    return path


def test_a_kill_while_restoring_leaves_the_old_data_or_the_new(tmp_path: Path) -> None:
    """Kill a process that restores two backups in turn at random moments while it writes the data file."""
    versions = {"Alpha": filled(tmp_path / "alpha.sqlite3", "Alpha", 60),
                "Beta": filled(tmp_path / "beta.sqlite3", "Beta", 20)}
    expected = {name: companies(path) for name, path in versions.items()}
    data_dir = tmp_path / "data"
    backup.restore(data_dir, versions["Alpha"])
    rng = random.Random(5)
    for _ in range(5):
        child = subprocess.Popen([sys.executable, "-c", RESTORE_FOREVER, str(data_dir), *map(str, versions.values())],
                                 cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        for _ in range(rng.randrange(1, 4)):
            assert child.stdout.readline() == "writing\n"
        try:
            child.wait(timeout=rng.uniform(0, 0.04))
        except subprocess.TimeoutExpired:
            child.kill()
        child.wait()
        child.stdout.close()
        live = database_path(data_dir)
        assert check_file(live).ok, check_file(live).problems
        assert companies(live) in expected.values()
