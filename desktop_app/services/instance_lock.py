"""One SayYes per data folder: an advisory lock on `<data folder>/.sayyes.lock`.

SQLite's WAL mode lets any number of connections read and write, so two windows on one folder would
never see each other's edits, and a restore under a running app would pull its data away. The app
holds this lock for as long as it runs (the demo folder, `<data folder>/demo/`, has its own while it
is shown); `sayyes restore` and `sayyes import all` hold it while they replace the data, and are
refused while someone else does.

The operating system drops the lock when its process ends, however it ends (kill -9 included), so a
lock is never stale: the file's content (who holds it, for messages) means nothing unless the lock
is held. POSIX: flock(2) on the whole file; Windows: msvcrt.locking on one byte far past the content,
so the content stays readable by the process that is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from ..paths import ensure_private_dir
from .errors import ServiceError

LOCK_NAME = ".sayyes.lock"
_WINDOWS_LOCK_OFFSET = 1 << 20  # the locked byte; the holder's description is written before it
_BINARY = getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class Holder:
    """Who holds a folder's lock, as the holder wrote it."""

    pid: int | None
    purpose: str  # "the SayYes window", "sayyes restore"
    host: str = ""
    since: str = ""  # local time, "2026-11-26 11:05"

    def describe(self) -> str:
        """"the SayYes window (process 4242, since 2026-11-26 11:05)"."""
        facts = [f"process {self.pid}" if self.pid else "", f"on {self.host}" if self.host and self.host != _host() else "",
                 f"since {self.since}" if self.since else ""]
        shown = ", ".join(f for f in facts if f)
        return f"{self.purpose} ({shown})" if shown else self.purpose


class FolderLocked(ServiceError):
    """Another process holds the data folder."""

    def __init__(self, data_dir: Path, holder: Holder | None) -> None:
        self.data_dir = Path(data_dir)
        self.holder = holder
        who = holder.describe() if holder is not None else "another SayYes"
        super().__init__(f"{self.data_dir} is in use by {who}")


def lock_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOCK_NAME


def _host() -> str:
    try:
        return socket.gethostname()
    except OSError:
        return ""


def _try_lock(fd: int, *, shared: bool = False) -> bool:
    """Take the lock on an open lock file without waiting; False when another holds it."""
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    return True


def _unlock(fd: int) -> None:
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def _read_holder(fd: int) -> Holder | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).split(b"\0")[0].decode("utf-8") or "null")
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    pid = data.get("pid")
    return Holder(pid if isinstance(pid, int) else None, str(data.get("purpose") or "another SayYes"),
                  str(data.get("host") or ""), str(data.get("since") or ""))


class InstanceLock:
    """The lock on one data folder, held by this process from acquire() to release() (or its end)."""

    def __init__(self, data_dir: Path, purpose: str = "the SayYes window") -> None:
        self.data_dir = Path(data_dir)
        self.purpose = purpose
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    @property
    def path(self) -> Path:
        return lock_path(self.data_dir)

    def acquire(self) -> None:
        """Take the folder (created private when missing). Raises FolderLocked when another process (or
        another InstanceLock in this one) holds it, OSError when the lock file cannot be made."""
        if self._fd is not None:
            return
        ensure_private_dir(self.data_dir)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _BINARY, 0o600)
        try:
            if not _try_lock(fd):
                raise FolderLocked(self.data_dir, _read_holder(fd))
            since = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
            text = json.dumps({"pid": os.getpid(), "purpose": self.purpose, "host": _host(), "since": since})
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, text.encode("utf-8"))
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)  # a lock file left behind names nobody
            _unlock(fd)
        except OSError:
            pass
        finally:
            os.close(fd)  # closing drops the lock in any case

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def holder(data_dir: Path) -> Holder | None:
    """Who holds the folder now; None when nobody does (or there is no lock file to hold)."""
    try:
        fd = os.open(lock_path(data_dir), (os.O_RDONLY if os.name != "nt" else os.O_RDWR) | _BINARY)
    except OSError:
        return None
    try:
        if _try_lock(fd, shared=True):
            _unlock(fd)
            return None
        return _read_holder(fd) or Holder(None, "another SayYes")
    finally:
        os.close(fd)
