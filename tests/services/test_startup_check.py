"""What the app says about a data file it cannot open, the start check, read-only data, moving a damaged
file aside (byte for byte), and telling a network file system from fake mount tables."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
from pathlib import Path

import pytest

from desktop_app.db import models as m
from desktop_app.paths import database_path
from desktop_app.services import network_fs, records, startup_check
from desktop_app.services.datafolder import open_folder
from desktop_app.services.read_only import ReadOnlyError, is_read_only, open_read_only
from desktop_app.services.startup_check import diagnose


def _filled(data_dir: Path, companies: int = 30) -> Path:
    database = open_folder(data_dir)
    for number in range(companies):
        records.create("company", {"name": f"Company {number}", "notes": "x" * 2000})
    database.close()
    return database_path(data_dir)


def _open_error(data_dir: Path) -> BaseException:
    try:
        open_folder(data_dir).close()
    except Exception as exc:  # noqa: BLE001
        return exc
    raise AssertionError("the folder opened")


def test_a_file_written_over_is_not_sqlite_and_can_only_be_moved_aside(data_dir: Path) -> None:
    path = _filled(data_dir)
    path.write_bytes(b"PK\x03\x04 a zip file now" * 100)
    problem = diagnose(_open_error(data_dir), data_dir)
    assert problem.kind == startup_check.NOT_SQLITE
    assert str(path) in problem.text and "has not changed it" in problem.text
    assert (problem.can_start_empty, problem.can_read_only, problem.can_restore) == (True, False, True)


def test_a_truncated_file_is_damaged_and_can_be_read_only_when_sqlite_still_reads_it(data_dir: Path) -> None:
    path = _filled(data_dir)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    problem = diagnose(_open_error(data_dir), data_dir)
    assert problem.kind == startup_check.DAMAGED
    assert problem.headline == "Your data file is damaged" and "malformed" in problem.text
    assert problem.can_start_empty and problem.can_restore


def test_a_newer_schema_can_be_read_only_but_not_started_again(data_dir: Path) -> None:
    path = _filled(data_dir)
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01')")
    problem = diagnose(_open_error(data_dir), data_dir)
    assert problem.kind == startup_check.TOO_NEW
    assert problem.can_read_only and not problem.can_start_empty
    assert "newer version of SayYes" in problem.text
    assert problem.read_only_reason == "it was written by a newer SayYes"


def test_another_programs_database_is_not_sayyes(data_dir: Path) -> None:
    data_dir.mkdir()
    with sqlite3.connect(database_path(data_dir)) as con:
        con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
    problem = diagnose(_open_error(data_dir), data_dir)
    assert problem.kind == startup_check.NOT_SAYYES
    assert not problem.can_read_only and problem.can_start_empty


def test_permission_errors_say_read_only_or_unreadable(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _filled(data_dir, 1)
    denied = PermissionError(errno.EACCES, "Permission denied", str(database_path(data_dir)))
    problem = diagnose(denied, data_dir)
    assert problem.kind == startup_check.READ_ONLY and problem.can_read_only and problem.can_retry
    assert "permission denied" in problem.text
    monkeypatch.setattr(startup_check.os, "access", lambda path, mode: False)
    problem = diagnose(denied, data_dir)
    assert problem.kind == startup_check.UNREADABLE and not problem.can_restore
    assert startup_check.access_problems(data_dir) == ["cannot be read: permission denied"]


def test_access_problems_name_a_read_only_file_and_folder(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _filled(data_dir, 1)
    assert startup_check.access_problems(data_dir) == []
    monkeypatch.setattr(startup_check.os, "access", lambda path, mode: not mode & os.W_OK)
    problems = startup_check.access_problems(data_dir)
    assert problems[0].startswith("is read-only") and "folder" in problems[1]


def test_a_locked_folder_names_its_holder(data_dir: Path) -> None:
    from desktop_app.services.instance_lock import Holder

    problem = startup_check.locked(data_dir, Holder(4242, "the SayYes window", since="2026-11-26 11:05"))
    assert "the SayYes window (process 4242, since 2026-11-26 11:05)" in problem.text
    assert problem.can_retry and not problem.can_restore and not problem.can_start_empty


def test_move_aside_keeps_every_byte_and_the_wal_and_the_next_open_starts_empty(data_dir: Path) -> None:
    path = _filled(data_dir)
    with sqlite3.connect(path) as con:  # a -wal beside the file, as after a crash
        con.execute("PRAGMA wal_autocheckpoint = 0")
        con.execute("UPDATE company SET notes = 'changed'")
        keep = sqlite3.connect(path)
        keep.execute("SELECT 1").fetchone()
    wal = Path(f"{path}-wal")
    assert wal.stat().st_size > 0
    before, before_wal = path.read_bytes(), wal.read_bytes()
    now = dt.datetime(2026, 11, 26, 11, 5, tzinfo=dt.timezone.utc)
    moved = startup_check.move_aside(data_dir, now=now)
    keep.close()
    assert moved.name == "sayyes.sqlite3.damaged-2026-11-26T1105Z"
    assert moved.read_bytes() == before and Path(f"{moved}-wal").read_bytes() == before_wal
    assert not path.exists() and not wal.exists()
    assert startup_check.aside_name(path, now).name == "sayyes.sqlite3.damaged-2026-11-26T1105Z.2"
    database = open_folder(data_dir)
    try:
        assert m.Company.select().count() == 0
    finally:
        database.close()


def test_read_only_data_shows_its_rows_and_refuses_changes_without_touching_the_file(data_dir: Path) -> None:
    path = _filled(data_dir, 3)
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01')")
    before = path.read_bytes()
    database = open_read_only(data_dir, "it was written by a newer SayYes")
    try:
        assert is_read_only(database)
        assert Path(database.database) == path
        assert m.Company.select().count() == 3
        with pytest.raises(ReadOnlyError, match="open read-only \\(it was written by a newer SayYes\\)"):
            records.create("company", {"name": "New"})
        assert m.Company.select().count() == 3
    finally:
        database.close()
    assert path.read_bytes() == before


def test_the_start_check_finds_broken_links(data_dir: Path) -> None:
    path = _filled(data_dir, 3)
    report = startup_check.start_check(data_dir)
    assert report.ok and startup_check.problem_in(report) is None
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA foreign_keys = OFF")
        con.execute("INSERT INTO contact (created_at, updated_at, name, name_key, company_id) "
                    "VALUES ('2024-01-01', '2024-01-01', 'Ann', 'ann', 999)")
    problem = startup_check.problem_in(startup_check.start_check(data_dir))
    assert problem is not None and problem.kind == startup_check.BROKEN
    assert problem.headline == "SayYes found a problem in your data"
    assert any("contact" in d and "999" in d for d in problem.details)


def damage(path: Path, page: int = 10) -> None:
    """Write over the start of one page of a closed data file (as a failing disk would)."""
    data = bytearray(path.read_bytes())
    data[(page - 1) * 4096:(page - 1) * 4096 + 100] = b"\xff" * 100
    path.write_bytes(bytes(data))


def test_the_start_check_finds_a_damaged_page(data_dir: Path) -> None:
    damage(_filled(data_dir))
    problem = startup_check.problem_in(startup_check.start_check(data_dir))
    assert problem is not None and problem.headline == "SayYes found damage in your data"
    assert any("Page 10" in d for d in problem.details)
    assert "Restore a backup" in problem.text


# --- network file systems ---------------------------------------------------------------------------

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
server:/export/home /home/ann/nfs nfs4 rw,vers=4.2 0 0
//nas/share /mnt/My\\040Share cifs rw,vers=3.0 0 0
ann@box:/data /home/ann/remote fuse.sshfs rw,user_id=1000 0 0
sshfs#ann@old:/x /home/ann/old fuse rw 0 0
/dev/sdb1 /home/ann/nfs/local ext4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize(("path", "expected"), [
    ("/home/ann/.local/share/SayYes", None),
    ("/home/ann/nfs/SayYes", "nfs4"),
    ("/home/ann/nfs", "nfs4"),
    ("/home/ann/nfsother/SayYes", None),
    ("/home/ann/nfs/local/SayYes", None),  # a local disk mounted inside the NFS mount
    ("/mnt/My Share/SayYes", "cifs"),
    ("/home/ann/remote/deep/SayYes", "sshfs"),
    ("/home/ann/old/SayYes", "sshfs"),
    ("/tmp/SayYes", None),
])
def test_network_file_systems_are_told_from_a_mount_table(path: str, expected: str | None) -> None:
    assert network_fs.from_mount_table(Path(path), MOUNTS) == expected


def test_a_broken_mount_table_tells_nothing() -> None:
    assert network_fs.from_mount_table(Path("/home/ann"), "garbage\n\n/x\n") is None
    assert network_fs.from_mount_table(Path("/home/ann"), "") is None


def test_detection_on_linux_windows_and_macos_never_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert network_fs.network_filesystem(tmp_path, platform="linux") is None  # the test machine's disk

    monkeypatch.setattr(network_fs, "windows_drive_type", lambda root: network_fs.DRIVE_REMOTE)
    monkeypatch.setattr(network_fs, "_existing", lambda path: Path(str(path)))
    assert network_fs.network_filesystem(Path("Z:\\SayYes"), platform="win32") in ("network drive", None)
    assert network_fs._windows(Path("\\\\nas\\share\\SayYes")) == "network share"

    monkeypatch.setattr(network_fs, "mac_statfs", lambda path: ("smbfs", 0))
    assert network_fs.network_filesystem(tmp_path, platform="darwin") == "smbfs"
    monkeypatch.setattr(network_fs, "mac_statfs", lambda path: ("apfs", network_fs.MNT_LOCAL))
    assert network_fs.network_filesystem(tmp_path, platform="darwin") is None

    def broken(path: Path) -> None:
        raise OSError("no statfs here")

    monkeypatch.setattr(network_fs, "mac_statfs", broken)
    monkeypatch.setattr(network_fs, "windows_drive_type", broken)
    assert network_fs.network_filesystem(tmp_path, platform="darwin") is None
    assert network_fs.network_filesystem(Path("C:\\x"), platform="win32") is None
    assert network_fs.network_filesystem(tmp_path, platform="sunos5") is None
