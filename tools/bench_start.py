"""Child processes of the benchmark that start a window: cold start to first paint, and peak memory.

    python tools/bench_start.py paint app DATA_DIR      print the monotonic clock (ns) at the main
    python tools/bench_start.py paint bare              window's first paint event, then exit
    python tools/bench_start.py memory app DATA_DIR     visit every screen (and view), then print the
    python tools/bench_start.py memory bare             process's peak RSS in MB

`app` starts SayYes the way `sayyes --data-dir DATA_DIR` does (the real entry point, run_gui); `bare`
is a PySide6 main window holding an empty QTableView. Both are timed the same way: the parent notes the
clock just before it starts the process; the first QEvent.Paint that reaches the main window itself
ends the measure.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path
from typing import Any


def _stamp_and_exit(name: str) -> None:
    print(f"{name} {time.monotonic_ns()}", flush=True)
    sys.stderr.flush()
    os._exit(0)


def _paint_watcher() -> Any:
    from PySide6.QtCore import QEvent, QObject

    class PaintWatcher(QObject):
        def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt name)
            if event.type() == QEvent.Type.Paint:
                _stamp_and_exit("PAINTED")
            return False

    return PaintWatcher()


def bare_window() -> Any:
    """A QMainWindow holding an empty table, the size SayYes opens at."""
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QMainWindow, QTableView

    window = QMainWindow()
    table = QTableView()
    table.setModel(QStandardItemModel(0, 6, table))
    window.setCentralWidget(table)
    window.resize(1280, 800)
    return window


def paint_app(data_dir: str) -> None:
    from desktop_app.ui import main_window

    watcher = None
    original = main_window.MainWindow.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        nonlocal watcher
        original(self, *args, **kwargs)
        watcher = _paint_watcher()
        self.installEventFilter(watcher)

    main_window.MainWindow.__init__ = init  # type: ignore[method-assign]
    from desktop_app.__main__ import main

    main(["--data-dir", data_dir])
    raise SystemExit("the window closed before it was painted")


def paint_bare() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    window = bare_window()
    watcher = _paint_watcher()
    window.installEventFilter(watcher)
    window.show()
    app.exec()
    raise SystemExit("the window closed before it was painted")


def _settle(app: Any, until: Any = None, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        app.processEvents()
        if until is None or until() or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    app.processEvents()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def memory_app(data_dir: str) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import create_window
    from desktop_app.ui.record_screen import RecordScreen
    from desktop_app.ui.screen import SwitchedViews

    app = QApplication(sys.argv[:1])
    window = create_window(Path(data_dir))
    window.show()
    _settle(app)
    for index, screen in enumerate(window.screens):
        window.switch_to(index)
        _settle(app)
        if screen.key == "dashboard":
            _settle(app, lambda s=screen: s.idle)
        tabs = getattr(screen, "tab_list", ())
        for tab in tabs:
            screen.show_tab(tab)
            _settle(app)
        for inner in [screen, *tabs]:
            if isinstance(inner, SwitchedViews):
                for view in range(inner.views.count()):
                    inner.set_view(view)
                    _settle(app)
                inner.set_view(inner.form_view)
        for record_screen in [s for s in [screen, *tabs] if isinstance(s, RecordScreen)]:
            if record_screen.model.rowCount():  # a record open in its form, as a person would look
                record_screen.show_record(record_screen.model.id_at(0))
                _settle(app)
    print(f"PEAK_MB {_peak_mb():.1f}", flush=True)
    os._exit(0)


def memory_bare() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    window = bare_window()
    window.show()
    _settle(app)
    window.repaint()
    print(f"PEAK_MB {_peak_mb():.1f}", flush=True)
    os._exit(0)


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    what, which, *rest = argv
    if what == "paint":
        paint_app(rest[0]) if which == "app" else paint_bare()
    elif what == "memory":
        memory_app(rest[0]) if which == "app" else memory_bare()
    else:
        raise SystemExit(f"unknown measure {what!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
