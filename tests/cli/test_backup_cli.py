"""`sayyes backup [FILE]`, `sayyes restore FILE`, and the backups `sayyes import` takes first."""

from __future__ import annotations

import errno
import re
import sqlite3
from pathlib import Path

import pytest

from desktop_app.paths import database_path
from desktop_app.services import backup, backup_files

from .conftest import INTERVIEWS_HEADER, dump

SIZE = r"\(\d+ KB\)"


def backups(data_dir: Path) -> list[backup.Backup]:
    return backup.list_backups(data_dir)


def interviews(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT COUNT(*) FROM interview").fetchone()[0]
    finally:
        con.close()


def test_backup_into_the_backups_folder(data_dir: Path, sayyes, seeded: Path) -> None:
    before = dump(data_dir)
    result = sayyes("backup")
    assert (result.code, result.err) == (0, "")
    made, = backups(data_dir)
    assert made.reason == "manual"
    assert re.fullmatch(rf"backed up {re.escape(str(database_path(data_dir)))} to {re.escape(str(made.path))} "
                        rf"{SIZE}\n", result.out)
    assert dump(data_dir) == before and interviews(made.path) == 3


def test_backup_to_a_file_refuses_an_existing_one(tmp_path: Path, data_dir: Path, sayyes, seeded: Path) -> None:
    dest = tmp_path / "mine.sqlite3"
    result = sayyes("backup", dest)
    assert result.code == 0
    assert re.fullmatch(rf"backed up .*sayyes.sqlite3 to {re.escape(str(dest))} {SIZE}\n", result.out)
    assert interviews(dest) == 3
    first = dest.read_bytes()
    again = sayyes("backup", dest)
    assert (again.code, again.out) == (1, "")
    assert again.err_lines == [f"sayyes: {dest}: already exists; choose a new file name (a backup never "
                               "overwrites a file)"]
    assert dest.read_bytes() == first
    into = sayyes("backup", tmp_path)
    assert into.code == 0 and re.search(r"/sayyes-\d{4}-\d\d-\d\dT\d{6}Z-manual\.sqlite3 \(", into.out)
    assert backups(data_dir) == []  # a file of one's choice is not in the backups folder


def test_backup_without_data(data_dir: Path, sayyes) -> None:
    result = sayyes("backup")
    assert (result.code, result.out) == (1, "")
    assert result.err_lines == [f"sayyes: {data_dir}: no SayYes data here (no sayyes.sqlite3)"]
    assert not data_dir.exists()


def test_backup_on_a_full_disk(data_dir: Path, sayyes, seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(source: sqlite3.Connection, target: Path) -> None:
        target.write_bytes(b"SQLite format 3\x00")
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    before = dump(data_dir)
    monkeypatch.setattr(backup_files, "copy_into", full)
    result = sayyes("backup")
    assert (result.code, result.out) == (1, "")
    assert result.err_lines == [f"sayyes: {database_path(data_dir)} could not be backed up to {data_dir / 'backups'}: "
                                "the disk is full; no backup was made and the data is unchanged"]
    assert list((data_dir / "backups").iterdir()) == []
    assert dump(data_dir) == before


def test_restore_backs_up_first(tmp_path: Path, data_dir: Path, sayyes, seeded: Path) -> None:
    saved = tmp_path / "saved.sqlite3"
    sayyes("backup", saved)
    kept = dump(data_dir)
    more = tmp_path / "more.csv"
    more.write_text(INTERVIEWS_HEADER + "Initech,QA,2024-05-05,09:00,coding,,,\n", encoding="utf-8")
    assert sayyes("import", "interviews", more).code == 0
    replaced = dump(data_dir)

    result = sayyes("restore", saved)
    assert (result.code, result.err) == (0, "")
    before = next(b for b in backups(data_dir) if b.reason == "before-restore")
    lines = result.out.splitlines()
    assert re.fullmatch(rf"backed up the current data to {re.escape(str(before.path))} {SIZE}", lines[0])
    assert lines[1:] == [f"restored {saved}: 7 records in 14 tables"]
    assert dump(data_dir) == kept
    assert interviews(before.path) == 4 and replaced != kept


def test_restore_into_an_empty_folder(tmp_path: Path, data_dir: Path, sayyes, seeded: Path) -> None:
    saved = tmp_path / "saved.sqlite3"
    sayyes("backup", saved)
    fresh = tmp_path / "fresh"
    result = sayyes("restore", saved, data=fresh)
    assert (result.code, result.err) == (0, "")
    assert result.out == f"nothing to back up first: {fresh} held no data\nrestored {saved}: 7 records in 14 tables\n"
    assert dump(fresh) == dump(data_dir)


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "cannot be restored: it is an empty database, not a SayYes data file"),
    (b"company,role\nAcme,Dev\n", "cannot be restored: it is not a SQLite database (file is not a database)"),
    (None, "no such file"),
])
def test_restore_refuses_what_is_not_a_sayyes_file(tmp_path: Path, data_dir: Path, sayyes, seeded: Path,
                                                   content: bytes | None, problem: str) -> None:
    source = tmp_path / "source.sqlite3"
    if content is not None:
        source.write_bytes(content)
    before = dump(data_dir)
    result = sayyes("restore", source)
    assert (result.code, result.out, result.err_lines) == (1, "", [f"sayyes: {source}: {problem}"])
    assert dump(data_dir) == before
    assert not any(b.reason == "before-restore" for b in backups(data_dir))


def test_restore_refuses_a_damaged_backup(tmp_path: Path, data_dir: Path, sayyes, seeded: Path) -> None:
    sayyes("demo", "--size", "30", "--force")
    saved = tmp_path / "saved.sqlite3"
    sayyes("backup", saved)
    data = bytearray(saved.read_bytes())
    middle = len(data) // 4096 // 2 * 4096
    data[middle:middle + 4096] = b"\xaa" * 4096
    saved.write_bytes(bytes(data))
    before = dump(data_dir)
    result = sayyes("restore", saved)
    assert (result.code, result.out) == (1, "")
    assert len(result.err_lines) == 1
    assert result.err_lines[0].startswith(f"sayyes: {saved}: cannot be restored: it is ")
    assert dump(data_dir) == before


def test_import_backs_up_first(tmp_path: Path, data_dir: Path, sayyes, seeded: Path) -> None:
    assert backups(data_dir) == []  # the first import went into an empty folder: nothing to keep
    bad = tmp_path / "bad.csv"
    bad.write_text(INTERVIEWS_HEADER + "Initech,QA,2024-02-30,,coding,,,\n", encoding="utf-8")
    assert sayyes("import", "interviews", bad).code == 1
    assert backups(data_dir) == []  # nothing was written, so nothing needed keeping
    more = tmp_path / "more.csv"
    more.write_text(INTERVIEWS_HEADER + "Initech,QA,2024-05-05,09:00,coding,,,\n", encoding="utf-8")
    assert sayyes("import", "interviews", more).code == 0
    made, = backups(data_dir)
    assert made.reason == "before-import"
    assert interviews(made.path) == 3 and interviews(database_path(data_dir)) == 4


def test_import_all_backs_up_the_settings_it_replaces(tmp_path: Path, data_dir: Path, sayyes, seeded: Path) -> None:
    archive = tmp_path / "archive"
    assert sayyes("export", "all", archive).code == 0
    fresh = tmp_path / "fresh"
    assert sayyes("import", "all", archive, data=fresh).code == 0
    assert backups(fresh) == []  # a new folder held nothing

    settings_only = tmp_path / "settings-only"
    assert sayyes("restore", fresh / "sayyes.sqlite3", data=settings_only).code == 0
    con = sqlite3.connect(database_path(settings_only))
    for table in ("interview", "opportunity", "company"):
        con.execute(f"DELETE FROM {table}")
    con.execute("INSERT INTO setting (created_at, updated_at, key, value) VALUES ('2026-01-01', '2026-01-01', "
                "'theme', '\"dark\"')")
    con.commit()
    con.close()
    assert sayyes("import", "all", archive, data=settings_only).code == 0
    made, = backups(settings_only)
    assert made.reason == "before-import"
    con = sqlite3.connect(made.path)
    assert con.execute("SELECT value FROM setting WHERE key = 'theme'").fetchone() == ('"dark"',)
    assert con.execute("SELECT COUNT(*) FROM interview").fetchone() == (0,)
    con.close()


def test_help_lists_backup_and_restore(capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app.cli import main

    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "backup" in out and "restore" in out
    assert main(["restore", "--help"]) == 0
    assert "FILE" in capsys.readouterr().out
