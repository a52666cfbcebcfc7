"""Render every screen of SayYes to PNG, in the light and the dark theme (what docs/screenshots/ holds).

    python tools/screenshots.py [OUT_DIR] [--data-dir DIR] [--size N] [--today YYYY-MM-DD]

OUT_DIR defaults to docs/screenshots. Without --data-dir the screens show demo data made in a throw-away
folder with a fixed seed and a fixed `today`, so the pictures are the same at every run; --data-dir
shows that folder instead (filled with demo data first when it holds no records). Besides the eight
screens: the Opportunities board, the offer comparison, the Companies scorecard, the import wizard's
mapping page, Settings, a form with validation errors, the first-run page and the demo-data banner. A
piece that is not built yet is skipped with a note. Runs headless unless QT_QPA_PLATFORM says otherwise.
(The legacy form `screenshots.py DATA_DIR OUT_DIR` still works.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WIDTH, HEIGHT = 1280, 800
TODAY = dt.date(2026, 3, 16)
THEMES = ("light", "dark")
SAMPLE_CSV = """Company;Role;Date;Stage;Result;How I felt;Feedback;Notes
Acme Robotics;Senior backend engineer;14/01/2026;Recruiter call;Passed;4;;Friendly, asked about notice period
Acme Robotics;Senior backend engineer;28/01/2026;Tech interview;Passed;3;Strong on SQL;Sharding question
Globex;Staff engineer, payments;03/02/2026;System design;Failed;4;Too little on failure modes;Idempotency!
Initech;Platform engineer;11/02/2026;Coding;Pending;2;;Graph search in 40 minutes
Umbrella Health;Engineering manager;19/02/2026;Behavioral;Passed;3;Good stories;STAR worked
"""

Grab = Callable[[Any], Iterator[Any]]  # a context manager: sets a view up, yields the widget to grab, undoes


def _headless() -> None:
    """Offscreen (unless another platform is asked for), on a desktop-sized screen: the offscreen
    platform's own screen is 800x800, which would squeeze the window."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return
    config = Path(tempfile.gettempdir()) / "sayyes-screenshots-screen.json"
    screen = {"name": "shots", "x": 0, "y": 0, "width": 1920, "height": 1200, "logicalDpi": 96,
              "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def settle() -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> None:
    import time

    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)
    settle()


def fill(size: int, today: dt.date) -> str:
    from desktop_app.services import datafolder, demo, demo_folder

    if datafolder.has_records():
        return "kept the records already there"
    counts = demo.generate(size, seed=demo_folder.SEED, today=today)
    return f"demo data of {today.isoformat()}: {sum(counts.values())} rows"


def _most(model: Any, column: Any) -> int | None:
    """The id that `column` (a foreign key of `model`) names most often."""
    from peewee import fn

    row = (model.select(column, fn.COUNT(model.id).alias("n")).where(column.is_null(False)).group_by(column)
           .order_by(fn.COUNT(model.id).desc(), column).tuples().first())
    return None if row is None else row[0]


def _interesting(screen: Any) -> int | None:
    """The record a screen shows in its picture: one with much to see (an interview with questions ...)."""
    from desktop_app.db import models as m

    pick = {"interview": (m.Question, m.Question.interview), "company": (m.Score, m.Score.company),
            "contact": (m.Interaction, m.Interaction.contact), "offer": (m.OfferRevision, m.OfferRevision.offer),
            "opportunity": (m.Interview, m.Interview.opportunity)}.get(screen.kind_name)
    record_id = _most(*pick) if pick else None
    return record_id if record_id is not None else screen.model.id_at(1)


def _screen(window: Any, key: str) -> Any:
    keys = [s.key for s in window.screens]
    window.switch_to(keys.index(key))
    return window.current_screen


# --- the views beyond the eight screens ---------------------------------------------------------

@contextmanager
def board(window: Any) -> Iterator[Any]:
    screen = _screen(window, "opportunities")
    screen.show_record(screen.model.id_at(0))  # the newest: the board opens at its column, on the left
    screen.set_view(1)
    try:
        yield window
    finally:
        screen.set_view(0)


@contextmanager
def comparison(window: Any) -> Iterator[Any]:
    from PySide6.QtCore import QItemSelectionModel

    screen = _screen(window, "offers")
    selection = screen.list.view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(min(3, screen.model.rowCount())):
        selection.select(screen.model.index(row, 0), flags)
    screen.compare_selected()
    dialog = screen.compare_dialog
    if dialog is None:
        raise LookupError("no comparison dialog was opened")
    try:
        settle()
        yield dialog
    finally:
        dialog.close()


@contextmanager
def scorecard(window: Any) -> Iterator[Any]:
    screen = _screen(window, "companies")
    screen.show_record(_interesting(screen))
    panel = screen.scorecard
    screen.scroll.ensureWidgetVisible(panel)
    yield window


@contextmanager
def import_mapping(window: Any) -> Iterator[Any]:
    from desktop_app.ui.import_wizard import open_import_wizard

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "my interviews.csv"
        path.write_text(SAMPLE_CSV, encoding="utf-8")
        wizard = open_import_wizard(window)
        try:
            wizard.file_page.path_edit.setText(str(path))
            wizard.next()
            settle()
            wizard.next()
            settle()
            if wizard.currentPage() is not wizard.mapping_page:
                raise LookupError("the wizard did not reach its mapping page")
            yield wizard
        finally:
            wizard.reject()


@contextmanager
def settings_dialog(window: Any) -> Iterator[Any]:
    from desktop_app.ui.settings_dialog import run_settings_dialog

    dialog = run_settings_dialog(window)
    try:
        settle()
        yield dialog
    finally:
        dialog.reject()


@contextmanager
def form_errors(window: Any) -> Iterator[Any]:
    screen = _screen(window, "opportunities")
    screen.new_record()
    screen.form.input("company").lineEdit().setText("Nimbus Cloud Labs")
    screen.form.editor("company").edited.emit()
    screen.form.input("title").setText("Principal engineer")
    screen.form.input("salary_currency").setEditText("EUR")
    screen.form.input("salary_min").setText("200000")
    screen.form.input("salary_max").setText("90000")
    screen.save()
    try:
        yield window
    finally:
        screen.form.load(None)
        screen.revert()
        screen.show_record(screen.model.id_at(0))


EXTRAS: tuple[tuple[str, Grab], ...] = (
    ("opportunities-board", board), ("offers-comparison", comparison), ("companies-scorecard", scorecard),
    ("import-mapping", import_mapping), ("settings", settings_dialog), ("opportunity-errors", form_errors),
)


def _dashboard(months: int) -> Grab:
    @contextmanager
    def grab(window: Any) -> Iterator[Any]:
        """The whole dashboard (window made tall enough for every chart) at a range of `months`."""
        screen = window.screen("dashboard")
        window.show_screen("dashboard")
        wait_for(lambda: screen.built)
        before, size = screen.months, window.size()
        screen.set_range(months)
        window.resize(WIDTH, 1880)
        wait_for(lambda: screen.idle)
        try:
            yield window
        finally:
            window.resize(size)
            screen.set_range(before)
            wait_for(lambda: screen.idle)

    return grab


EXTRAS = EXTRAS + (("dashboard-3-months", _dashboard(3)), ("dashboard-12-months", _dashboard(12)))


# --- shooting -----------------------------------------------------------------------------------

def _fix_today(window: Any, today: dt.date) -> None:
    """Screens that show what is due ask for today's date: the demo's, so the pictures do not age."""
    due = getattr(window.screen("tasks"), "due", None)
    if due is not None and callable(getattr(due, "today", None)):
        due.today = lambda: today
    dashboard = window.screen("dashboard")
    if callable(getattr(dashboard, "today", None)):
        dashboard.today = lambda: today
        dashboard.next_up.today = lambda: today
        dashboard.refresh(None)


def save(widget: Any, path: Path, saved: list[Path]) -> None:
    settle()
    widget.grab().save(str(path))
    saved.append(path)


def shoot(window: Any, out: Path, themes: tuple[str, ...] = THEMES) -> list[Path]:
    from desktop_app.ui.record_screen import RecordScreen

    saved: list[Path] = []
    skipped: set[str] = set()
    for theme in themes:
        window.apply_theme(theme, store=False)
        for index, screen in enumerate(window.screens):
            window.switch_to(index)
            if screen.key == "dashboard":
                wait_for(lambda s=screen: s.idle)
            if isinstance(screen, RecordScreen) and screen.model.rowCount() > 1:
                screen.show_record(_interesting(screen))
            window.statusBar().clearMessage()
            save(window, out / f"{index + 1:02d}-{screen.key}-{theme}.png", saved)
        for name, grab in EXTRAS:
            if name in skipped:
                continue
            try:
                with grab(window) as widget:
                    window.statusBar().clearMessage()
                    save(widget, out / f"{name}-{theme}.png", saved)
            except Exception as exc:  # noqa: BLE001 - a piece still being built is skipped, not fatal
                print(f"note: skipped {name} ({type(exc).__name__}: {exc})", file=sys.stderr)
                skipped.add(name)
            settle()
    return saved


def shoot_first_run(out: Path, size: int, today: dt.date, themes: tuple[str, ...] = THEMES) -> list[Path]:
    """The welcome page of an empty folder, then the demo it opens, under its banner."""
    from desktop_app.services.datafolder import open_folder
    from desktop_app.ui.demo_mode import DataFolders

    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as empty:
        folder = Path(empty) / "SayYes"
        database = open_folder(folder)
        folders = DataFolders(folder, demo_today=today, demo_size=size)
        window = folders.open_window(welcome=True)
        window.resize(WIDTH, HEIGHT)
        window.show()
        for theme in themes:
            window.apply_theme(theme, store=False)
            window.statusBar().clearMessage()  # it names the (temporary) folder
            save(window, out / f"first-run-{theme}.png", saved)
        if not folders.explore_demo():
            print("note: skipped demo-banner (the demo did not open)", file=sys.stderr)
            return saved
        window = folders.window
        _fix_today(window, today)
        for theme in themes:
            window.apply_theme(theme, store=False)
            screen = _screen(window, "interviews")
            screen.show_record(_interesting(screen))
            window.statusBar().clearMessage()
            save(window, out / f"demo-banner-{theme}.png", saved)
        window.hide()  # not close(): that would store this window's size in the data folder
        database.close()
        from desktop_app.db import db

        db.obj.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, metavar="[DATA_DIR] OUT_DIR",
                        help="where the PNG files go (default docs/screenshots)")
    parser.add_argument("--data-dir", type=Path, help="show this data folder instead of fresh demo data")
    parser.add_argument("--size", type=int, default=300, help="interviews of demo data (default 300)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=TODAY,
                        help=f"the demo data's today (default {TODAY.isoformat()})")
    parser.add_argument("--demo", action="store_true", help=argparse.SUPPRESS)  # legacy: always on
    args = parser.parse_args(argv)
    if len(args.paths) > 2:
        parser.error("give at most DATA_DIR and OUT_DIR")
    data_dir = args.paths[0] if len(args.paths) == 2 else args.data_dir
    out = args.paths[-1] if args.paths else ROOT / "docs" / "screenshots"
    _headless()

    from PySide6.QtWidgets import QApplication

    from desktop_app.app import _configure, create_window
    from desktop_app.services.datafolder import open_folder

    app = QApplication.instance() or QApplication(sys.argv[:1])
    _configure(app)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = data_dir or Path(scratch) / "SayYes"
        database = open_folder(folder)
        print(fill(args.size, args.today))
        window = create_window(folder)
        window.resize(WIDTH, HEIGHT)
        window.show()
        _fix_today(window, args.today)
        saved = shoot(window, out)
        window.hide()  # not close(): that would store this window's size in the data folder
        database.close()
        saved += shoot_first_run(out, min(args.size, 150), args.today)
    for path in saved:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
