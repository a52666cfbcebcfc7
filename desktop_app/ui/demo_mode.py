"""The user's data folder and its demo folder, and switching the window between them.

"Explore with demo data" opens a separate folder (services/demo_folder.py), fills it with demo data on
a worker when it is empty, and puts a new main window on it under a banner; "Back to my data" does the
reverse. Demo rows never reach the user's data file: each folder has its own, and only one is open.
A switch builds a new window on the other folder, so the undo history and every cached row go with the
old one (which is asked about its unsaved edits first).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QWidget

from ..db import database as dbmodule
from ..services import datafolder, demo_folder
from ..services.demo_base import DEFAULT_SIZE
from ..services.errors import Cancelled, ServiceError
from ..services.instance_lock import InstanceLock
from . import dialogs
from .first_run import WelcomePage
from .main_window import MainWindow
from .worker import run_in_background

BANNER_TEXT = "<b>Demo data</b> — nothing here is yours."
BANNER_STYLE = """
QFrame#demoBanner { background: #f2b100; border-bottom: 1px solid #b98500; }
QFrame#demoBanner QLabel { color: #1d2127; }
QFrame#demoBanner QPushButton { background: #fff6d6; color: #1d2127; border: 1px solid #9a6f00;
    border-radius: 4px; padding: 3px 14px; }
QFrame#demoBanner QPushButton:hover { background: #ffffff; }
QFrame#demoBanner QPushButton:focus { border: 2px solid #1d2127; padding: 2px 13px; }
"""


class DemoBanner(QFrame):
    """The strip across a demo window: whose data this is not, and the way back."""

    backRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.setAccessibleName("Demo data banner")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 6, 12, 6)
        row.setSpacing(12)
        self.label = QLabel(BANNER_TEXT)
        self.button = QPushButton("Back to my data")
        self.button.setAutoDefault(False)
        self.button.setToolTip("Close the demo and open your own data folder again")
        self.button.clicked.connect(self.backRequested.emit)
        row.addWidget(self.label)
        row.addWidget(self.button)
        row.addStretch(1)

    def text(self) -> str:
        return f"{self.label.text()} [{self.button.text()}]"


class DataFolders:
    """The user's data folder and its demo folder; one of them is open, in one main window."""

    def __init__(self, data_dir: Path, *, demo_today: dt.date | None = None,
                 demo_size: int = DEFAULT_SIZE) -> None:
        self.real_dir = Path(data_dir)
        self.demo_dir = demo_folder.demo_dir(self.real_dir)
        self.demo_today = demo_today  # None: the real today (the demo always looks current)
        self.demo_size = demo_size
        self.in_demo = False
        self.window: MainWindow | None = None
        self.welcome: WelcomePage | None = None  # of the current window, when it has one
        self.banner: DemoBanner | None = None
        self.action: QAction | None = None  # File → Explore demo data / Back to my data
        self.demo_lock: InstanceLock | None = None  # held while the demo folder is shown: one SayYes per folder

    @property
    def current_dir(self) -> Path:
        return self.demo_dir if self.in_demo else self.real_dir

    # --- windows --------------------------------------------------------------------------------

    def open_window(self, *, welcome: bool = False, screen: int | None = None) -> MainWindow:
        """Build the main window (not shown) on the folder that is open now, on screen number `screen`.

        welcome: show the first-run page when the user's folder has no records (the app does when it
        starts; tests that drive the screens from an empty folder do not).
        """
        window = MainWindow(self.current_dir)
        window.folders = self
        self.window = window
        self.welcome = self.banner = None
        if screen is not None:
            window.switch_to(screen)
        self.action = action = QAction(window)
        action.triggered.connect(lambda _checked=False: self.toggle())
        file_menu = _file_menu(window)
        if file_menu is not None:
            before = getattr(window, "settings_action", None)
            file_menu.insertAction(before if before in file_menu.actions() else None, action)
        if self.in_demo:
            action.setText("&Back to my data")
            action.setToolTip(f"Close the demo and open {self.real_dir}")
            window.setWindowTitle(f"SayYes (demo) — {self.demo_dir}")
            self.banner = DemoBanner()
            self.banner.backRequested.connect(self.back_to_my_data)
            window.add_banner(self.banner)
        else:
            action.setText("E&xplore demo data")
            action.setToolTip("Open a separate folder of demo data; yours stays as it is")
            if welcome and not datafolder.has_records():
                self.welcome = WelcomePage()
                self.welcome.startRequested.connect(self._start_own)
                self.welcome.demoRequested.connect(self.explore_demo)
                window.show_page(self.welcome)
                self.welcome.setFocus(Qt.FocusReason.OtherFocusReason)
        return window

    def _start_own(self) -> None:
        if self.window is not None:
            self.window.show_page(None)
            self.window.nav.setFocus(Qt.FocusReason.OtherFocusReason)

    def welcome_shown(self) -> bool:
        window = self.window
        return window is not None and self.welcome is not None and window.pages.currentWidget() is self.welcome

    # --- switching ------------------------------------------------------------------------------

    def toggle(self) -> bool:
        return self.back_to_my_data() if self.in_demo else self.explore_demo()

    def explore_demo(self) -> bool:
        """Open the demo folder (filled first when empty) in a new window; False when nothing changed."""
        return False if self.in_demo else self._switch(True)

    def back_to_my_data(self) -> bool:
        return self._switch(False) if self.in_demo else False

    def _switch(self, to_demo: bool) -> bool:
        old = self.window
        if old is None or not old.current_screen.can_leave():
            return False
        old.save_state()  # into the folder it shows, before another one is bound
        previous = dbmodule.db.obj
        target = self.demo_dir if to_demo else self.real_dir
        opened = None
        lock = InstanceLock(self.demo_dir) if to_demo else None
        try:
            if lock is not None:
                lock.acquire()  # FolderLocked (a ServiceError) when another SayYes shows this demo folder
            opened = datafolder.open_folder(target)
            if to_demo:
                size, today = self.demo_size, self.demo_today
                run_in_background(old, "Demo data", "Making demo data…",
                                  lambda progress, cancel: demo_folder.fill(size, today=today, progress=progress,
                                                                           cancel=cancel))
        except Exception as exc:  # noqa: BLE001 - the window stays on the folder it showed, and says why
            if opened is not None:
                opened.close()
            if lock is not None:
                lock.release()
            dbmodule.bind(previous)
            if isinstance(exc, Cancelled):
                pass
            elif isinstance(exc, ServiceError):
                dialogs.problem(old, "Demo data", f"{target}\n\n{exc}")
            else:
                from ..app import explain_open_error

                dialogs.problem(old, "Demo data" if to_demo else "Your data", explain_open_error(exc, target))
            return False
        self.in_demo = to_demo
        if self.demo_lock is not None:
            self.demo_lock.release()
        self.demo_lock = lock
        window = self.open_window(screen=old.stack.currentIndex())  # the same screen, on the other data
        window.restoreGeometry(old.saveGeometry())
        window.apply_theme(old.theme, store=not to_demo)  # the user's choice, kept in their folder only
        if old.isVisible():
            window.show()
            window.activateWindow()
        old.hide()  # not close(): its state is saved, and its folder is no longer the open one
        old.deleteLater()
        if previous is not None and previous is not opened:
            previous.close()
        window.statusBar().showMessage(
            f"Demo data in {self.demo_dir}" if to_demo else f"Your data folder: {self.real_dir}", 8000)
        return True


def _file_menu(window: MainWindow) -> QMenu | None:
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == "File":
            return action.menu()
    return None
