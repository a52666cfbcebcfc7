"""What stands between SayYes and its data, in words, with the ways out that apply (no Qt).

Before the window: `diagnose` turns the error that stopped a data folder from opening into a Problem
(damaged, not SQLite, another program's database, written by a newer SayYes, unreadable, read-only,
in use by another SayYes). After the window is painted: `start_check` runs the checks of `sayyes check`
(quick_check, foreign keys, schema version) on a connection of its own, and `problem_in` says what
its report means. The UI (ui/recovery_dialog.py) shows a Problem and offers its ways out.

A damaged file is never changed or deleted: `move_aside` renames it (with its -wal and -shm) beside
itself, `sayyes.sqlite3.damaged-2026-11-26T1105Z`, when the user starts again with an empty file.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..db.migrations import LATEST_VERSION, NotSayYesFileError, SchemaError, SchemaTooNewError
from ..paths import database_path
from .backup_files import BackupError, explain, read_only
from .instance_lock import Holder
from .integrity import CheckReport, check_file
from .network_fs import network_filesystem

DAMAGED = "damaged"  # SQLite reads it as a database, but it is corrupt (or a migration failed on it)
NOT_SQLITE = "not-sqlite"  # not a database at all (overwritten, truncated at the header, another format)
NOT_SAYYES = "not-sayyes"  # a SQLite database of another program
TOO_NEW = "too-new"  # written by a newer SayYes
UNREADABLE = "unreadable"  # permission denied, or the disk cannot be read
READ_ONLY = "read-only"  # readable, but the file or its folder may not be written
LOCKED = "locked"  # another SayYes (or `sayyes restore`) has the folder
BUSY = "busy"  # another program keeps the data file locked
BROKEN = "broken"  # found by the start check in an open file: damaged pages or broken links
OTHER = "other"

_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Problem:
    kind: str
    data_dir: Path
    headline: str  # "Your data file is damaged"
    text: str  # what is wrong and what SayYes did not do, a few sentences
    details: tuple[str, ...] = ()  # the error or the check's findings, as they were
    readable: bool = False  # it can be opened read-only
    holder: Holder | None = None

    @property
    def path(self) -> Path:
        return database_path(self.data_dir)

    @property
    def can_restore(self) -> bool:
        """Restoring a backup is a way out; not while another SayYes has the folder, nor over newer data."""
        return self.kind not in (LOCKED, BUSY, UNREADABLE, READ_ONLY, TOO_NEW)

    @property
    def can_read_only(self) -> bool:
        return self.readable and self.kind != NOT_SAYYES

    @property
    def can_start_empty(self) -> bool:
        """The file can be moved aside to start again with an empty one."""
        return self.kind in (DAMAGED, NOT_SQLITE, NOT_SAYYES) and self.path.exists()

    @property
    def can_retry(self) -> bool:
        return self.kind in (LOCKED, BUSY, UNREADABLE, READ_ONLY, OTHER)

    @property
    def read_only_reason(self) -> str:
        """Why it is open read-only, for the window's banner and refused changes."""
        return {TOO_NEW: "it was written by a newer SayYes", LOCKED: "another SayYes has it open",
                READ_ONLY: "SayYes may not write to it", BUSY: "another program has it locked"}.get(
                    self.kind, "it is damaged")


def _sqlite_name(exc: BaseException) -> str:
    """SQLite's error name (SQLITE_CORRUPT ...) from the error or the one it wraps (peewee's wrapper)."""
    seen: BaseException | None = exc
    while seen is not None:
        name = getattr(seen, "sqlite_errorname", "")
        if name:
            return str(name)
        for arg in getattr(seen, "args", ()):
            if isinstance(arg, BaseException) and getattr(arg, "sqlite_errorname", ""):
                return str(arg.sqlite_errorname)
        seen = seen.__cause__ or seen.__context__
    return ""


def readable(path: Path) -> bool:
    """Whether SQLite can read the file's table list on a read-only connection."""
    try:
        with read_only(path) as con:
            con.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except (BackupError, sqlite3.Error, OSError):
        return False
    return True


def _access_kind(path: Path) -> str:
    if path.exists() and not os.access(path, os.R_OK):
        return UNREADABLE
    return READ_ONLY


def diagnose(exc: BaseException, data_dir: Path) -> Problem:
    """What the error that stopped `data_dir` from opening means, and which ways out apply."""
    data_dir = Path(data_dir)
    path = database_path(data_dir)
    detail = (f"{type(exc).__name__}: {exc}",)
    if isinstance(exc, SchemaTooNewError):
        return Problem(TOO_NEW, data_dir, "Your data was saved by a newer SayYes",
                       f"{path}\nA newer version of SayYes wrote this file. This is SayYes {__version__}, which "
                       f"reads data up to schema {LATEST_VERSION}: update SayYes to work on it, or open it "
                       "read-only to look at it. SayYes has not changed the file.", (str(exc),), readable(path))
    if isinstance(exc, NotSayYesFileError):
        return Problem(NOT_SAYYES, data_dir, "This is not a SayYes data file",
                       f"{path}\nThis is another program's database, not SayYes data. SayYes has not changed it.",
                       (str(exc),), False)
    if isinstance(exc, SchemaError):
        return Problem(DAMAGED, data_dir, "Your data could not be brought up to date",
                       f"{path}\nThis file could not be updated for this version of SayYes and was left as it "
                       "was. Restore a backup, or open it read-only.", (str(exc),), readable(path))
    name = _sqlite_name(exc)
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) or name in (
            "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN", "SQLITE_AUTH") or "readonly" in text or (
            "unable to open" in text):
        kind = _access_kind(path)
        if kind == UNREADABLE:
            return Problem(UNREADABLE, data_dir, "SayYes may not read your data",
                           f"{path}\nSayYes may not read this file ({explain(exc)}). Check the permissions of the "
                           "file and of its folder, then try again.", detail, False)
        return Problem(READ_ONLY, data_dir, "SayYes may not change your data",
                       f"{path}\nSayYes may not write to this file or its folder ({explain(exc)}). Open it "
                       "read-only to look at it, or make it writable and try again.", detail, readable(path))
    if isinstance(exc, OSError):
        return Problem(OTHER, data_dir, "SayYes cannot open its data folder",
                       f"{data_dir}\nSayYes cannot use this folder: {explain(exc)}.", detail, readable(path))
    if name == "SQLITE_NOTADB" or "not a database" in text:
        return Problem(NOT_SQLITE, data_dir, "Your data file cannot be read",
                       f"{path}\nThis file is not a database any more: it may have been damaged or written over. "
                       "SayYes has not changed it, and never deletes it.", detail, False)
    if name in ("SQLITE_BUSY", "SQLITE_LOCKED") or "locked" in text:
        return Problem(BUSY, data_dir, "Another program has your data file locked",
                       f"{path}\nAnother program (a backup or sync tool, or a database browser) keeps this file "
                       "locked. Close it and try again.", detail, readable(path))
    if name in ("SQLITE_CORRUPT", "SQLITE_IOERR") or "malformed" in text or "corrupt" in text:
        return Problem(DAMAGED, data_dir, "Your data file is damaged",
                       f"{path}\nThis file is damaged: SQLite reports “{exc}”. SayYes has not changed it, "
                       "and never deletes it.",
                       detail, readable(path))
    return Problem(OTHER, data_dir, "SayYes cannot open its data",
                   f"{path}\nThis file could not be opened: {explain(exc)}.", detail, readable(path))


def locked(data_dir: Path, holder: Holder | None) -> Problem:
    """Another SayYes has the folder, and did not come forward when asked."""
    who = holder.describe() if holder is not None else "another SayYes"
    return Problem(LOCKED, Path(data_dir), "SayYes is already open on this data",
                   f"{data_dir}\nThis data folder is in use by {who}. Switch to that window, or close it and try "
                   "again; you can also open the data read-only here.", (), readable(database_path(Path(data_dir))),
                   holder)


def access_problems(data_dir: Path) -> list[str]:
    """Why SayYes could not read or write its data file (`sayyes check` and the app say the same)."""
    data_dir = Path(data_dir)
    path = database_path(data_dir)
    if not path.is_file():
        return []
    if not os.access(path, os.R_OK):
        return ["cannot be read: permission denied"]
    problems = []
    if not os.access(path, os.W_OK):
        problems.append("is read-only: SayYes can show the data but not save changes")
    if not os.access(data_dir, os.W_OK | os.X_OK):
        problems.append(f"its folder {data_dir} is read-only: SayYes cannot write its journal or backups there")
    return problems


# --- after the window is shown ----------------------------------------------------------------------

@dataclass
class StartReport:
    data_dir: Path
    check: CheckReport
    network: str | None = None  # the network file system the folder is on ("nfs4"), None when local
    access: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.check.ok and not self.access


def start_check(data_dir: Path) -> StartReport:
    """`sayyes check`'s checks and where the folder lives; on its own read-only connection, so it runs
    on a worker beside the window's and changes nothing."""
    data_dir = Path(data_dir)
    return StartReport(data_dir, check_file(database_path(data_dir)), network_filesystem(data_dir),
                       access_problems(data_dir))


def problem_in(report: StartReport) -> Problem | None:
    """The problem a start check found in the open data file, None when there is none."""
    problems = [*report.check.problems, *report.access]
    if not problems:
        return None
    path = database_path(report.data_dir)
    damaged = any(p.startswith(("integrity", "is not")) for p in problems)
    links = any(p.startswith("foreign keys") for p in problems)
    if damaged:
        text = (f"{path}\nParts of this file are damaged: some records may be missing or wrong, and saving may "
                "fail. Restore a backup from before the damage; the file as it is now is kept as a backup first.")
    elif links:
        text = (f"{path}\nSome records point at records that no longer exist. Restore a backup from before it "
                "happened (the file as it is now is kept as a backup first), or keep working: everything else is "
                "intact.")
    else:
        text = f"{path}\nThis file did not pass SayYes's check."
    headline = "SayYes found damage in your data" if damaged else "SayYes found a problem in your data"
    return Problem(BROKEN, report.data_dir, headline, text, tuple(problems), True)


def network_warning(data_dir: Path, fs_type: str) -> str:
    return (f"Your data folder\n{data_dir}\nis on a network file system ({fs_type}). SQLite, which keeps your data, "
            "cannot protect a data file there from damage. Keep the data folder on this computer's own disk "
            "(use --data-dir or SAYYES_DATA_DIR) and back up to the network instead.")


# --- starting again -----------------------------------------------------------------------------------

def aside_name(path: Path, now: dt.datetime | None = None) -> Path:
    """`sayyes.sqlite3.damaged-2026-11-26T1105Z` (then `.2`, `.3` ... when that name is taken)."""
    moment = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    base = f"{path.name}.damaged-{moment.strftime('%Y-%m-%dT%H%MZ')}"
    candidate, number = path.with_name(base), 1
    while any(Path(f"{candidate}{suffix}").exists() for suffix in ("", *_SIDE_FILES)):
        number += 1
        candidate = path.with_name(f"{base}.{number}")
    return candidate


def move_aside(data_dir: Path, now: dt.datetime | None = None) -> Path:
    """Rename the data file (and its -wal, -shm, -journal) out of the way, byte for byte; return its new
    path. The next open starts an empty data file. Raises OSError (then nothing was moved)."""
    path = database_path(Path(data_dir))
    target = aside_name(path, now)
    moved: list[tuple[Path, Path]] = []
    try:  # the journals first: one left behind would be replayed into the new, empty file
        for suffix in ("-wal", "-journal", ""):
            source = Path(f"{path}{suffix}")
            if source.exists():
                os.rename(source, f"{target}{suffix}")
                moved.append((source, Path(f"{target}{suffix}")))
    except OSError:
        for source, kept in reversed(moved):
            os.rename(kept, source)
        raise
    shm = Path(f"{path}-shm")
    if shm.exists():
        try:
            os.rename(shm, f"{target}-shm")
        except OSError:
            pass  # an index into the old -wal; SQLite rebuilds it for the new file
    return target
