"""Is a data folder on a network file system? SQLite's WAL needs shared memory that NFS, SMB/CIFS,
sshfs and the like do not provide between machines, and their locks are unreliable: a data file there
can be damaged. SayYes warns about it (it does not refuse: a single user on one machine usually gets by).

Best effort on every platform and never raises: Linux reads /proc/mounts, Windows asks GetDriveType,
macOS reads statfs' MNT_LOCAL flag and f_fstypename. None means local or unknown.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

NETWORK_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afpfs", "webdav", "davfs", "ncpfs", "ncp", "afs",
    "coda", "9p", "ceph", "glusterfs", "lustre", "gpfs", "beegfs", "sshfs", "ocfs2", "gfs2", "orangefs",
})
_FUSE_NETWORK = ("sshfs", "rclone", "s3fs", "gcsfuse", "glusterfs", "ceph", "davfs", "smb", "nfs", "juicefs",
                 "goofys", "blobfuse")
_ESCAPE = re.compile(r"\\([0-7]{3})")
MNT_LOCAL = 0x1000  # macOS <sys/mount.h>
DRIVE_REMOTE = 4  # Windows GetDriveType


def is_network_type(fs_type: str, device: str = "") -> bool:
    """Whether a file system type (as /proc/mounts or statfs names it) is a network one."""
    kind = fs_type.lower()
    if kind in NETWORK_TYPES:
        return True
    if kind.startswith("fuse"):
        sub = kind.partition(".")[2] or device.lower().partition("#")[0]
        return any(name in sub for name in _FUSE_NETWORK)
    return False


def parse_mounts(text: str) -> list[tuple[Path, str, str]]:
    """(mount point, type, device) from /proc/mounts text; malformed lines are skipped."""
    mounts = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = _ESCAPE.sub(lambda m: chr(int(m[1], 8)), parts[1])
        mounts.append((Path(point), parts[2], _ESCAPE.sub(lambda m: chr(int(m[1], 8)), parts[0])))
    return mounts


def _existing(path: Path) -> Path:
    """The path resolved, or its nearest existing parent (a folder not made yet lives there)."""
    path = Path(os.path.abspath(path))
    while not path.exists() and path.parent != path:
        path = path.parent
    return path.resolve()


def from_mount_table(path: Path, text: str) -> str | None:
    """The network file system type of the mount holding `path` (absolute, symlinks resolved) in a
    /proc/mounts table, else None."""
    target = Path(os.path.abspath(path))
    best: tuple[int, str, str] | None = None
    for point, kind, device in parse_mounts(text):
        if target == point or point in target.parents:
            depth = len(point.parts)
            if best is None or depth >= best[0]:  # the last of equal mount points is the one on top
                best = (depth, kind, device)
    if best is None or not is_network_type(best[1], best[2]):
        return None
    kind, device = best[1], best[2]
    if kind.startswith("fuse"):
        return kind.partition(".")[2] or device.partition("#")[0]
    return kind


def _linux(path: Path) -> str | None:
    try:
        text = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        try:
            text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    return from_mount_table(_existing(path), text)


def windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def _windows(path: Path) -> str | None:
    text = str(_existing(path))
    if text.startswith("\\\\?\\UNC\\") or (text.startswith("\\\\") and not text.startswith("\\\\?\\")):
        return "network share"
    drive = os.path.splitdrive(text.removeprefix("\\\\?\\"))[0]
    if not drive:
        return None
    return "network drive" if windows_drive_type(drive + "\\") == DRIVE_REMOTE else None


def mac_statfs(path: Path) -> tuple[str, int] | None:
    """(f_fstypename, f_flags) of the file system holding `path`, from statfs(2)."""
    import ctypes
    import ctypes.util
    import platform

    class StatFs(ctypes.Structure):
        _fields_ = [("f_bsize", ctypes.c_uint32), ("f_iosize", ctypes.c_int32), ("f_blocks", ctypes.c_uint64),
                    ("f_bfree", ctypes.c_uint64), ("f_bavail", ctypes.c_uint64), ("f_files", ctypes.c_uint64),
                    ("f_ffree", ctypes.c_uint64), ("f_fsid", ctypes.c_int32 * 2), ("f_owner", ctypes.c_uint32),
                    ("f_type", ctypes.c_uint32), ("f_flags", ctypes.c_uint32), ("f_fssubtype", ctypes.c_uint32),
                    ("f_fstypename", ctypes.c_char * 16), ("f_mntonname", ctypes.c_char * 1024),
                    ("f_mntfromname", ctypes.c_char * 1024), ("f_reserved", ctypes.c_uint32 * 8)]

    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    statfs = libc["statfs$INODE64"] if platform.machine() == "x86_64" else libc["statfs"]
    buffer = StatFs()
    if statfs(os.fsencode(str(_existing(path))), ctypes.byref(buffer)) != 0:
        return None
    return buffer.f_fstypename.decode("utf-8", "replace"), int(buffer.f_flags)


def _mac(path: Path) -> str | None:
    found = mac_statfs(path)
    if found is None:
        return None
    name, flags = found
    if flags & MNT_LOCAL and not is_network_type(name):
        return None
    return name or "network"


def network_filesystem(path: Path, *, platform: str | None = None) -> str | None:
    """The network file system `path` is on ("nfs4", "cifs", "sshfs", "network drive" ...), or None when
    it is local or cannot be told."""
    system = platform or sys.platform
    try:
        if system.startswith("linux"):
            return _linux(Path(path))
        if system == "win32":
            return _windows(Path(path))
        if system == "darwin":
            return _mac(Path(path))
    except Exception:  # noqa: BLE001 - a best-effort warning must never stop SayYes from starting
        return None
    return None
