"""A second `sayyes` on a data folder brings the first one's window forward, then exits.

The app that holds a folder's lock (services/instance_lock.py) listens on a local socket named after
the folder (a named pipe on Windows, a socket file in the temp folder elsewhere; only this user may
connect). A second launch that finds the folder locked connects, sends "raise", and exits once the
first answers "ok"; when nobody answers it explains who holds the folder instead.
"""

from __future__ import annotations

import getpass
import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

RAISE = b"raise\n"
OK = b"ok\n"
TIMEOUT_MS = 2000


def server_name(data_dir: Path) -> str:
    """The same name for the same folder (however it was written) and user, short enough for a socket path."""
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment
        user = str(os.getuid()) if hasattr(os, "getuid") else ""
    folder = os.path.normcase(str(Path(data_dir).expanduser().resolve()))
    digest = hashlib.sha256(f"{user}\0{folder}".encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return f"sayyes-{digest}"


class InstanceServer(QObject):
    """Listens for later launches on the same folder; raiseRequested when one asks."""

    raiseRequested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)

    def listen(self) -> bool:
        """Start listening. Only the lock's holder calls this, so a socket file left by a killed app
        is removed first (QLocalServer would refuse the name otherwise)."""
        QLocalServer.removeServer(self.name)
        return self.server.listen(self.name)

    def close(self) -> None:
        self.server.close()

    def _on_connection(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_message(socket)

    def _on_message(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        if bytes(socket.readLine().data()) == RAISE:
            socket.write(OK)
            socket.flush()
            self.raiseRequested.emit()
        socket.disconnectFromServer()


def ask_to_come_forward(data_dir: Path, timeout_ms: int = TIMEOUT_MS) -> bool:
    """Ask the SayYes that holds `data_dir` to show its window; True when it answered.

    Waits in a local event loop (not waitFor...), so a server in this same process can answer."""
    socket = QLocalSocket()
    loop = QEventLoop()
    answer = bytearray()

    def on_ready() -> None:
        answer.extend(bytes(socket.readAll().data()))
        if answer.endswith(b"\n"):
            loop.quit()

    socket.connected.connect(lambda: socket.write(RAISE))
    socket.readyRead.connect(on_ready)
    socket.errorOccurred.connect(lambda _error: loop.quit())
    socket.disconnected.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    socket.connectToServer(server_name(data_dir))
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        loop.exec()
    socket.abort()
    return bytes(answer) == OK


def bring_forward(window: QWidget | None) -> None:
    """Show a window in front, restored if it was minimised (the desktop may still only flash it)."""
    if window is None:
        return
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
