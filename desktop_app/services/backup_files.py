"""How a backup file is written so that it is either whole or absent: a read-only source connection,
a private temp file beside the destination, SQLite's online backup API, fsync, then a link to a name
that never replaces an existing file. Shared by backup.py and backup_restore.py."""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from .errors import ServiceError

TEMP_PREFIX = ".sayyes-"
SIDE_FILES = ("-journal", "-wal", "-shm")


class BackupError(ServiceError):
    """A backup or restore could not be made; the message names the file and the problem."""


def explain(exc: BaseException) -> str:
    """Why a file operation failed, in words: "the disk is full", "permission denied" ..."""
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return "the disk is full"
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "permission denied" if exc.errno != errno.EROFS else "the disk is read-only"
        return exc.strerror.lower() if exc.strerror else str(exc)
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        text = str(exc)
        if name == "SQLITE_FULL" or "disk is full" in text:
            return "the disk is full"
        if name in ("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN") or "readonly" in text:
            return f"permission denied ({text})"
        if name == "SQLITE_BUSY" or "locked" in text:
            return "the data file is locked by another program; try again in a moment"
        if name == "SQLITE_NOTADB" or "not a database" in text:
            return "it is not a SQLite database (file is not a database)"
        if name == "SQLITE_CORRUPT" or "malformed" in text:
            return f"it is damaged ({text})"
        return text
    return str(exc) or type(exc).__name__


@contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a data file (never creates it, never writes to it)."""
    try:
        con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        raise BackupError(f"{path}: cannot be read ({explain(exc)})") from None
    with closing(con):
        yield con


def make_folder(folder: Path) -> Path:
    """Create the backups folder private; an existing one keeps the permissions it has."""
    try:
        if not folder.is_dir():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if os.name == "posix":
                os.chmod(folder, 0o700)
    except OSError as exc:
        raise BackupError(f"{folder}: the backups folder cannot be created ({explain(exc)})") from None
    return folder


def new_temp(folder: Path, what: str) -> Path:
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{what}-", suffix=".tmp", dir=folder)
    os.close(fd)
    return Path(name)


def copy_into(source: sqlite3.Connection, target: Path) -> None:
    """Copy the source's committed content into `target` with the online backup API, as a
    self-contained rollback-journal file, flushed to disk."""
    with closing(sqlite3.connect(target)) as con:
        source.backup(con)
        con.execute("PRAGMA journal_mode = DELETE")
    fsync_file(target)


def publish(source: sqlite3.Connection, folder: Path, name_of: Callable[[int], Path | None], *,
            what: Path, start: int = 1) -> Path:
    """Copy into a temp file in `folder`, then give it the first free name name_of(start),
    name_of(start + 1) ... (None: no other name may be used). Never replaces a file; leaves nothing
    behind on failure."""
    temp: Path | None = None
    try:
        temp = new_temp(folder, "backup")
        copy_into(source, temp)
        sequence = start
        while True:
            final = name_of(sequence)
            if final is None:
                raise FileExistsError(errno.EEXIST, "File exists", str(name_of(start)))
            if link_new(temp, final):
                break
            sequence += 1
        fsync_dir(folder)
        return final
    except FileExistsError as exc:
        raise BackupError(f"{exc.filename}: already exists; a backup never overwrites a file") from None
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"{what} could not be backed up to {folder}: {explain(exc)}; no backup was made "
                          "and the data is unchanged") from None
    finally:
        if temp is not None:
            remove_with_side_files(temp)


def link_new(temp: Path, final: Path) -> bool:
    """Give `temp`'s content the name `final` atomically unless `final` exists (then False)."""
    try:
        if os.name == "nt":
            os.rename(temp, final)  # refuses an existing name on Windows
            return True
        os.link(temp, final)
    except FileExistsError:
        return False
    return True


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        fsync_file(folder)


def unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def remove_with_side_files(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        try:
            unlink(Path(f"{path}{suffix}"))
        except OSError:
            pass
