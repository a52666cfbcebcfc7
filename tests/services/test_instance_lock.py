"""One SayYes per data folder: the lock is taken, refused to others (a real second process), released,
and free again when its holder is killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services.instance_lock import FolderLocked, InstanceLock, holder, lock_path

ROOT = Path(__file__).resolve().parents[2]
HOLDER = """
import sys
from pathlib import Path
from desktop_app.services.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]), purpose="a test holder")
lock.acquire()
print("locked", flush=True)
if sys.stdin.readline().strip() == "release":
    lock.release()
    print("released", flush=True)
    sys.stdin.readline()
"""


@pytest.fixture
def other_process(data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the data folder's lock until told to release it (or killed)."""
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir)], cwd=ROOT, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert child.stdout is not None and child.stdout.readline().strip() == "locked"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait(timeout=10)
    for stream in (child.stdin, child.stdout):
        if stream is not None:
            stream.close()


def test_acquire_creates_a_private_lock_naming_this_process_and_release_frees_it(data_dir: Path) -> None:
    lock = InstanceLock(data_dir)
    lock.acquire()
    try:
        assert lock.held and lock_path(data_dir).is_file()
        if os.name == "posix":
            assert lock_path(data_dir).stat().st_mode & 0o777 == 0o600
        with pytest.raises(FolderLocked) as refused:
            InstanceLock(data_dir).acquire()  # a second lock, even in this process, is refused
        assert refused.value.holder is not None and refused.value.holder.pid == os.getpid()
        assert "the SayYes window" in str(refused.value) and f"process {os.getpid()}" in str(refused.value)
        assert holder(data_dir) is not None
    finally:
        lock.release()
    assert not lock.held and holder(data_dir) is None
    with InstanceLock(data_dir) as again:
        assert again.held


def test_a_folder_never_locked_has_no_holder(tmp_path: Path) -> None:
    assert holder(tmp_path / "nowhere") is None
    assert holder(tmp_path) is None


def test_a_folder_held_by_another_process_is_refused_with_its_pid(data_dir: Path,
                                                                 other_process: subprocess.Popen[str]) -> None:
    with pytest.raises(FolderLocked) as refused:
        InstanceLock(data_dir).acquire()
    assert refused.value.holder is not None
    assert refused.value.holder.pid == other_process.pid
    assert refused.value.holder.purpose == "a test holder"
    assert f"a test holder (process {other_process.pid}, since " in str(refused.value)
    found = holder(data_dir)
    assert found is not None and found.pid == other_process.pid


def test_released_by_the_other_process_it_can_be_taken(data_dir: Path,
                                                       other_process: subprocess.Popen[str]) -> None:
    assert other_process.stdin is not None and other_process.stdout is not None
    other_process.stdin.write("release\n")
    other_process.stdin.flush()
    assert other_process.stdout.readline().strip() == "released"
    assert holder(data_dir) is None
    with InstanceLock(data_dir):
        assert holder(data_dir) is not None


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_lock_whose_holder_was_killed_is_free_again(data_dir: Path,
                                                     other_process: subprocess.Popen[str]) -> None:
    os.kill(other_process.pid, signal.SIGKILL)
    other_process.wait(timeout=10)
    assert lock_path(data_dir).read_text()  # the dead holder's note is still in the file ...
    assert holder(data_dir) is None  # ... but it holds nothing
    lock = InstanceLock(data_dir)
    lock.acquire()
    try:
        found = holder(data_dir)
        assert found is not None and found.pid == os.getpid()
    finally:
        lock.release()


def test_a_lock_file_with_garbage_in_it_is_still_a_lock(data_dir: Path) -> None:
    data_dir.mkdir()
    lock_path(data_dir).write_bytes(b"\x00\xffnot json")
    with InstanceLock(data_dir):
        pass
    first = InstanceLock(data_dir)
    first.acquire()
    try:
        with open(lock_path(data_dir), "r+b") as f:  # scribbled over while held: still refused, no crash
            f.write(b"{{{")
        with pytest.raises(FolderLocked, match="in use by another SayYes"):
            InstanceLock(data_dir).acquire()
    finally:
        first.release()
