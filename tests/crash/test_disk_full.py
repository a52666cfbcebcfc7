"""A full disk or a refused write while saving, importing or exporting: a message naming the file and the
reason (a ServiceError, never a traceback), the data file exactly as it was, no partial export left."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from desktop_app import cli
from desktop_app.db import db
from desktop_app.paths import database_path
from desktop_app.services import archive, exporter, importer, records
from desktop_app.services.datafolder import open_folder
from desktop_app.services.errors import ServiceError, StorageError
from desktop_app.services.importer import SourceRow

from .harness import read_image

BIG = "x" * 150_000  # a few dozen new pages


class _Cursor:
    def __init__(self, real: sqlite3.Cursor, fail: Callable[[str], Exception | None]) -> None:
        self._real, self._fail = real, fail

    def execute(self, sql: str, params: Any = ()) -> _Cursor:
        error = self._fail(sql)
        if error is not None:
            raise error
        self._real.execute(sql, params)
        return self

    def __iter__(self) -> Iterator[Any]:
        return iter(self._real)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class _Connection:
    """The sqlite3 connection peewee talks to, with some statements failing as a full disk makes them."""

    def __init__(self, real: sqlite3.Connection, fail: Callable[[str], Exception | None]) -> None:
        self._real, self._fail = real, fail

    def cursor(self) -> _Cursor:
        return _Cursor(self._real.cursor(), self._fail)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


@contextmanager
def failing(mode: str) -> Iterator[str]:
    """Writes fail the way `mode` says; yields the words the message must hold."""
    database = db.obj
    real = database.connection()
    full = sqlite3.OperationalError("database or disk is full")
    if mode == "sqlite full":  # SQLite itself runs out of room: it may roll the whole transaction back
        pages = real.execute("PRAGMA page_count").fetchone()[0]
        real.execute(f"PRAGMA max_page_count = {pages}")
    elif mode == "read-only":  # SQLite itself refuses to write
        real.execute("PRAGMA query_only = 1")
    else:
        def fail(sql: str) -> Exception | None:
            if mode == "full at commit":
                return full if sql == "COMMIT" else None
            return full if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) else None

        database._state.conn = _Connection(real, fail)
    try:
        yield "permission denied" if mode == "read-only" else "the disk is full"
    finally:
        database._state.conn = real
        real.execute("PRAGMA query_only = 0")
        real.execute("PRAGMA max_page_count = 1073741823")


@pytest.fixture
def filled(database: Any, data_dir: Path) -> dict[str, int]:
    company = records.create("company", {"name": "Acme", "notes": "kind team"}).primary_id
    opportunity = records.create("opportunity", {"company": company, "title": "Dev"}).primary_id
    interview = records.create("interview", {"opportunity": opportunity, "scheduled_on": "2026-01-05"}).primary_id
    records.create("question", {"interview": interview, "text": "Why us?"})
    offer = records.create("offer", {"opportunity": opportunity, "received_on": "2026-02-01", "currency": "EUR",
                                     "base_salary": 70_000}).primary_id
    records.create("task", {"title": "Answer", "offer": offer, "opportunity": opportunity})
    return {"company": company, "opportunity": opportunity, "offer": offer}


WRITES: dict[str, Callable[[dict[str, int]], Any]] = {
    "create": lambda ids: records.create("company", {"name": "Globex", "notes": BIG}),
    "update": lambda ids: records.update("company", ids["company"], {"notes": BIG}),
    "delete with children": lambda ids: records.delete("opportunity", ids["opportunity"]),
    "offer revision": lambda ids: records.update("offer", ids["offer"], {"base_salary": 75_000}),
    "import": lambda ids: importer.import_rows(
        "companies", [SourceRow(k + 2, {"name": f"Imported {k}", "notes": BIG[:50_000]}) for k in range(40)]),
    "import all": lambda ids: archive.import_all(ids["archive"]),  # into a new, empty data folder
}
GROWS = {"create", "update", "import", "import all"}  # what a database at its page limit cannot take
MODES = ["sqlite full", "full on write", "full at commit", "read-only"]


@pytest.mark.parametrize(("write", "mode"), [(write, mode) for write in WRITES for mode in MODES
                                             if mode != "sqlite full" or write in GROWS])
def test_a_write_that_cannot_reach_the_disk_says_so_and_changes_nothing(
        write: str, mode: str, filled: dict[str, int], data_dir: Path) -> None:
    target = data_dir
    if write == "import all":
        records.create("company", {"name": "Big", "notes": BIG})
        filled["archive"] = data_dir.parent / "archive"
        archive.export_all(filled["archive"])
        db.obj.close()
        target = data_dir.parent / "empty"
        open_folder(target)
    before = read_image(database_path(target))
    try:
        with pytest.raises(StorageError) as info, failing(mode) as reason:
            WRITES[write](filled)
        assert isinstance(info.value, ServiceError)
        message = str(info.value)
        assert message.startswith(f"{database_path(target)}: could not be written: {reason}"), message
        assert message.endswith("; the change was not saved")
        assert not db.obj.in_transaction() and not db.obj.connection().in_transaction
        assert read_image(database_path(target)) == before
        records.create("company", {"name": "Written once there is room"})  # the connection is still usable
    finally:
        db.obj.close()


# --- exports ---------------------------------------------------------------------------------------------

def enospc(*_args: Any, **_kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


class _FillingFile:
    """A file object whose disk fills up after `room` characters."""

    def __init__(self, real: Any, room: int) -> None:
        self._real, self._room = real, room

    def write(self, text: str) -> int:
        if len(text) > self._room:
            self._real.write(text[: self._room])
            self._real.flush()
            raise OSError(errno.ENOSPC, "No space left on device")
        self._room -= len(text)
        return self._real.write(text)

    def __enter__(self) -> _FillingFile:
        return self

    def __exit__(self, *exc: Any) -> None:
        self._real.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def fill_after(room: int, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FillingFile(real_fdopen(*a, **k), room))


def refuse_new_files(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied for new files and folders in `folder` (chmod does not stop root, who runs CI)."""
    real_open, real_mkdir = os.open, os.mkdir

    def guarded_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path).parent == folder and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    def guarded_mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        if Path(path).parent == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    monkeypatch.setattr(os, "mkdir", guarded_mkdir)


FAILURES = {
    "disk full while writing": (lambda out, mp: fill_after(30, mp), "the disk is full"),
    "disk full on fsync": (lambda out, mp: mp.setattr(os, "fsync", enospc), "the disk is full"),
    "permission denied": (lambda out, mp: refuse_new_files(out, mp), "permission denied"),
}


@pytest.mark.parametrize("failure", list(FAILURES))
def test_an_export_that_cannot_be_written_leaves_no_file(failure: str, filled: dict[str, int], data_dir: Path,
                                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "companies.csv").write_text("the export of last week\n")
    before = read_image(database_path(data_dir))
    make_fail, reason = FAILURES[failure]
    make_fail(out, monkeypatch)
    with pytest.raises(ServiceError) as info:
        exporter.export_file("companies", out / "companies.csv")
    with pytest.raises(ServiceError) as info_new:
        exporter.export_file("interviews", out / "interviews.csv")
    monkeypatch.undo()
    assert str(info.value) == f"{out / 'companies.csv'}: could not be written ({reason}); nothing was exported"
    assert str(info_new.value).startswith(f"{out / 'interviews.csv'}: could not be written ({reason})")
    assert sorted(p.name for p in out.iterdir()) == ["companies.csv"]
    assert (out / "companies.csv").read_text() == "the export of last week\n"
    assert read_image(database_path(data_dir)) == before


@pytest.mark.parametrize("failure", ["disk full while writing", "permission denied"])
def test_an_export_all_that_cannot_be_written_leaves_no_folder(failure: str, filled: dict[str, int],
                                                               data_dir: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = read_image(database_path(data_dir))
    make_fail, reason = FAILURES[failure]
    make_fail(out, monkeypatch)
    with pytest.raises(ServiceError) as info:
        archive.export_all(out / "archive")
    monkeypatch.undo()
    assert str(info.value) == f"{out / 'archive'}: could not be written ({reason}); nothing was exported"
    assert list(out.iterdir()) == []
    assert read_image(database_path(data_dir)) == before


def test_the_command_line_says_why_an_export_failed(filled: dict[str, int], data_dir: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    db.obj.close()
    fill_after(30, monkeypatch)
    code = cli.main(["export", "--data-dir", str(data_dir), "companies", str(tmp_path / "c.csv")])
    assert code == 1
    assert capsys.readouterr().err.strip().endswith(
        f"{tmp_path / 'c.csv'}: could not be written (the disk is full); nothing was exported")
    assert not (tmp_path / "c.csv").exists()
