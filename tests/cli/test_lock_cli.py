"""`sayyes restore` and `sayyes import all` refuse while the app (or another such command) holds the data
folder; every other command works beside it. `sayyes check` reports what the app's recovery dialog would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.paths import database_path
from desktop_app.services import backup, startup_check
from desktop_app.services.instance_lock import InstanceLock, holder

from .conftest import GOOD_INTERVIEWS, dump

ROOT = Path(__file__).resolve().parents[2]
HOLDER = """
import sys
from pathlib import Path
from desktop_app.services.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def app_running(data_dir: Path, seeded: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the folder as the app does."""
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir)], cwd=ROOT, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert child.stdout is not None and child.stdout.readline().strip() == "locked"
    yield child
    child.kill()
    child.wait(timeout=10)
    for stream in (child.stdin, child.stdout):
        if stream is not None:
            stream.close()


def test_restore_is_refused_while_the_app_holds_the_folder(data_dir: Path, sayyes,
                                                          app_running: subprocess.Popen[str]) -> None:
    made = backup.create_backup(data_dir, "manual")
    before = dump(data_dir)
    result = sayyes("restore", made.path)
    assert (result.code, result.out) == (1, "")
    assert len(result.err_lines) == 1
    assert result.err_lines[0].startswith(f"sayyes: {data_dir} is in use by the SayYes window "
                                          f"(process {app_running.pid}, since ")
    assert result.err_lines[0].endswith("; nothing was changed: run `sayyes restore` again once it is closed")
    assert dump(data_dir) == before
    assert [b.reason for b in backup.list_backups(data_dir)] == ["manual"]  # not even the before-restore backup


def test_import_all_is_refused_while_the_app_holds_the_folder(tmp_path: Path, data_dir: Path, sayyes,
                                                             app_running: subprocess.Popen[str]) -> None:
    archive = tmp_path / "archive"
    assert sayyes("export", "all", archive).code == 0  # exporting beside the app is fine
    result = sayyes("import", "all", archive)
    assert result.code == 1
    assert result.err_lines == [result.err_lines[0]] and "run `sayyes import all` again" in result.err_lines[0]
    assert f"process {app_running.pid}" in result.err_lines[0]


def test_other_commands_work_beside_the_app(tmp_path: Path, data_dir: Path, sayyes,
                                           app_running: subprocess.Popen[str]) -> None:
    more = tmp_path / "more.csv"
    more.write_text(GOOD_INTERVIEWS.replace("Acme", "Initech"), encoding="utf-8")
    assert sayyes("import", "interviews", more).code == 0
    assert sayyes("export", "interviews", tmp_path / "out.csv").code == 0
    assert sayyes("check").code == 0
    assert sayyes("stats").code == 0
    assert sayyes("backup").code == 0


def test_restore_holds_the_folder_while_it_runs_and_lets_go_after(data_dir: Path, sayyes, seeded: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    made = backup.create_backup(data_dir, "manual")
    seen: list[str | None] = []
    real = backup.restore

    def watched(folder: Path, source: Path, **kwargs: object) -> backup.RestoreResult:
        found = holder(folder)
        seen.append(found.purpose if found else None)
        return real(folder, source, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(backup, "restore", watched)
    assert sayyes("restore", made.path).code == 0
    assert seen == ["`sayyes restore`"]
    assert holder(data_dir) is None


def test_the_app_cannot_take_a_folder_a_restore_holds(data_dir: Path, sayyes, seeded: Path) -> None:
    with InstanceLock(data_dir, purpose="`sayyes restore`"):
        result = sayyes("restore", database_path(data_dir))
    assert result.code == 1 and "in use by `sayyes restore`" in result.err


def test_check_reports_a_read_only_data_file_as_the_app_would(data_dir: Path, sayyes, seeded: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(startup_check.os, "access", lambda path, mode: not mode & os.W_OK)
    result = sayyes("check")
    assert result.code == 1
    path = database_path(data_dir)
    assert f"sayyes: {path}: is read-only: SayYes can show the data but not save changes" in result.err_lines


def test_check_warns_about_a_network_file_system_without_failing(data_dir: Path, sayyes, seeded: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.services import network_fs

    monkeypatch.setattr(network_fs, "_linux", lambda path: "nfs4")
    monkeypatch.setattr(network_fs, "_windows", lambda path: "nfs4")
    monkeypatch.setattr(network_fs, "_mac", lambda path: "nfs4")
    result = sayyes("check")
    assert result.code == 0
    assert result.err_lines == [f"sayyes: {data_dir}: warning: on a network file system (nfs4), where SQLite cannot "
                                "protect the data from damage; keep it on a local disk"]


def test_check_reports_a_newer_or_damaged_file(data_dir: Path, sayyes, seeded: Path) -> None:
    import sqlite3

    with sqlite3.connect(database_path(data_dir)) as con:
        con.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01')")
    result = sayyes("check")
    assert result.code == 1 and "version 99 is newer than this version of SayYes" in result.err
    database_path(data_dir).write_bytes(b"not a database" * 100)
    result = sayyes("check")
    assert result.code == 1 and "it may be damaged" in result.err
