"""A second `sayyes` on a folder someone holds: it asks the first to come forward over a local socket
(tested in-process: a server and a client), or explains who holds the folder and offers read-only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget

from desktop_app.db import models as m
from desktop_app.paths import database_path
from desktop_app.services import records
from desktop_app.services.datafolder import open_folder
from desktop_app.services.instance_lock import InstanceLock, holder
from desktop_app.services.read_only import is_read_only
from desktop_app.ui import recovery_dialog, startup
from desktop_app.ui.recovery_dialog import RecoveryDialog
from desktop_app.ui.single_instance import InstanceServer, ask_to_come_forward, bring_forward, server_name
from tests.ui.helpers import visible
from tests.ui.test_recovery import cleanup, when_shown  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parents[2]


def test_the_server_name_is_the_same_for_one_folder_however_it_is_written(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    assert server_name(tmp_path / "data") == server_name(tmp_path / "x" / ".." / "data")
    assert server_name(tmp_path / "data") != server_name(tmp_path / "other")
    assert server_name(tmp_path / "data").startswith("sayyes-") and len(server_name(tmp_path / "data")) < 40


def test_a_second_launch_asks_the_first_to_come_forward(qtbot: Any, data_dir: Path) -> None:
    server = InstanceServer(data_dir)
    assert server.listen()
    try:
        with qtbot.waitSignal(server.raiseRequested, timeout=3000):
            assert ask_to_come_forward(data_dir)
        assert not ask_to_come_forward(data_dir.parent / "elsewhere", timeout_ms=500)
        second = InstanceServer(data_dir / "demo")  # another folder's server beside it
        assert second.listen()
        with qtbot.assertNotEmitted(server.raiseRequested):
            assert ask_to_come_forward(data_dir / "demo")
        second.close()
    finally:
        server.close()
    assert not ask_to_come_forward(data_dir, timeout_ms=500)  # closed: nobody answers


def test_a_server_left_by_a_killed_app_does_not_block_the_next_one(qtbot: Any, data_dir: Path) -> None:
    first = InstanceServer(data_dir)
    assert first.listen()
    first.server.close()  # as after a crash (the socket file may stay behind)
    again = InstanceServer(data_dir)
    assert again.listen()
    again.close()


def test_bring_forward_restores_a_minimised_window(qtbot: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.showMinimized()
    bring_forward(widget)
    assert widget.isVisible() and not widget.isMinimized()
    bring_forward(None)


def test_open_data_on_a_folder_another_sayyes_holds_brings_it_forward_and_returns_0(
        qtbot: Any, data_dir: Path, dialogs: Any) -> None:
    first_lock = InstanceLock(data_dir)
    first_lock.acquire()
    server = InstanceServer(data_dir)
    server.listen()
    raised: list[bool] = []
    server.raiseRequested.connect(lambda: raised.append(True))
    try:
        assert startup.open_data(data_dir, is_open=lambda folder: False) == 0
        qtbot.waitUntil(lambda: raised == [True])
    finally:
        server.close()
        first_lock.release()
    assert not dialogs.asked


HOLDER = """
import sys
from pathlib import Path
from desktop_app.services.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
sys.stdin.readline()
"""


@pytest.mark.skipif(os.name != "posix", reason="a held folder in a second process")
def test_a_folder_held_by_a_process_that_does_not_answer_is_explained_and_opens_read_only(
        qtbot: Any, data_dir: Path, dialogs: Any, cleanup: Any) -> None:  # noqa: F811
    database = open_folder(data_dir)
    records.create("company", {"name": "Acme"})
    database.close()
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir)], cwd=ROOT, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        seen: dict[str, Any] = {}

        def read_only(dialog: RecoveryDialog) -> None:
            seen["headline"] = dialog.headline.text()
            seen["text"] = dialog.text.text()
            seen["ways"] = dialog.ways_out()
            qtbot.mouseClick(dialog.buttons[recovery_dialog.READ_ONLY], Qt.MouseButton.LeftButton)

        when_shown(read_only)
        session = startup.open_data(data_dir, is_open=lambda folder: False)
        assert isinstance(session, startup.Session)
        try:
            assert seen["headline"] == "SayYes is already open on this data"
            assert f"the SayYes window (process {child.pid}" in seen["text"]
            assert seen["ways"] == ["Open read-only", "Open another folder…", "Try again", "Quit"]
            assert session.lock is None and session.read_only is not None
            assert is_read_only(m.Company._meta.database.obj)
            assert [c.name for c in m.Company.select()] == ["Acme"]  # WAL: readable beside the other's writes
        finally:
            session.release()
            m.Company._meta.database.obj.close()
    finally:
        child.kill()
        child.wait(timeout=10)
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                stream.close()


def test_try_again_takes_the_folder_once_the_other_has_let_go(qtbot: Any, data_dir: Path, dialogs: Any,
                                                             cleanup: Any) -> None:  # noqa: F811
    other = InstanceLock(data_dir, purpose="`sayyes restore`")
    other.acquire()

    def retry(dialog: RecoveryDialog) -> None:
        assert "`sayyes restore`" in dialog.text.text()
        other.release()
        qtbot.mouseClick(dialog.buttons[recovery_dialog.RETRY], Qt.MouseButton.LeftButton)

    when_shown(retry)
    session = startup.open_data(data_dir, is_open=lambda folder: False)
    assert isinstance(session, startup.Session)
    try:
        assert session.lock is not None and session.lock.held
        assert holder(data_dir) is not None
    finally:
        session.release()
        m.Company._meta.database.obj.close()
    assert holder(data_dir) is None


def test_the_app_holds_its_folder_and_listens_while_it_runs(qtbot: Any, tmp_path: Path, dialogs: Any,
                                                           cleanup: Any) -> None:  # noqa: F811
    from desktop_app.app import run_gui
    from desktop_app.ui.main_window import MainWindow

    data_dir = tmp_path / "data"
    seen: dict[str, Any] = {}

    def second_launch() -> None:
        windows = visible(MainWindow)
        if not windows:
            QTimer.singleShot(5, second_launch)
            return
        found = holder(data_dir)
        seen["holder"] = found.describe() if found else None
        windows[0].showMinimized()
        seen["answered"] = ask_to_come_forward(data_dir)  # what a second `sayyes` does first
        seen["minimised after"] = windows[0].isMinimized()
        windows[0].close()

    QTimer.singleShot(0, second_launch)
    assert run_gui(data_dir) == 0
    assert seen["holder"] is not None and seen["holder"].startswith(f"the SayYes window (process {os.getpid()}")
    assert seen["answered"] is True and seen["minimised after"] is False
    assert holder(data_dir) is None  # released when the app ended


def test_the_demo_folder_is_held_while_it_is_shown_and_refused_when_another_has_it(
        qtbot: Any, data_dir: Path, database: Any, dialogs: Any) -> None:
    from desktop_app.db import database as dbmodule
    from desktop_app.ui.demo_mode import DataFolders
    from tests.ui.helpers import close_window

    folders = DataFolders(data_dir, demo_size=3)
    folders.open_window().show()
    try:
        assert folders.explore_demo()
        assert holder(folders.demo_dir) is not None and holder(folders.demo_dir).pid == os.getpid()
        with pytest.raises(Exception, match="in use by the SayYes window"):
            InstanceLock(folders.demo_dir).acquire()
        assert folders.back_to_my_data()
        assert holder(folders.demo_dir) is None
        with InstanceLock(folders.demo_dir, purpose="another SayYes on the demo folder"):
            assert not folders.explore_demo()  # refused, and the window stays on the user's data
            assert "in use by another SayYes on the demo folder" in dialogs.last
            assert not folders.in_demo and Path(dbmodule.db.obj.database) == database_path(data_dir)
    finally:
        close_window(folders.window)
