"""Child process of the benchmark: search, sort, open and save on every list of the real main window.

    python tools/bench_gui.py DATA_DIR RUNS

Each list is driven the way a person drives it, minus the waiting: the search box gets the text of a
keystroke and its query runs at once (the 150 ms typing pause skipped), a column header is clicked, a row
is made current, a field is edited and saved. A search ends when the count is set and every cell of the
visible page has been read from the model as the view reads it (Qt's painting of the page is its own
figure, beside a bare QTableView's); sort, open and save end with a synchronous repaint of what changed
(the list; the screen). The baseline of each is the SQL the app sent for it (captured once), run again
on a plain sqlite3 connection.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_common import Figure, Statement, captured_sql, child_main, median_ms, raw_connection, reads_only  # noqa: E402

SEARCH_MS, SEARCH_RATIO, SORT_MS, FORM_MS = 50.0, 2.0, 100.0, 30.0
# the text field each kind's save edits (a field no list sorts or filters by)
SAVE_FIELD = {"company": "notes", "opportunity": "notes", "interview": "debrief_notes", "contact": "notes",
              "question": "my_answer", "skill": "category", "offer": "notes", "criterion": "description",
              "task": "title"}


def _record_screens(window: Any) -> list[tuple[int, Any, Any]]:
    """(screen index, the screen, the record screen in it) for every list of the window."""
    from desktop_app.ui.record_screen import RecordScreen

    found = []
    for index, screen in enumerate(window.screens):
        inner = [screen] if isinstance(screen, RecordScreen) else list(getattr(screen, "tab_list", ()))
        found.extend((index, screen, s) for s in inner)
    return found


def _show(window: Any, index: int, screen: Any, record_screen: Any, app: Any) -> None:
    window.switch_to(index)
    if record_screen is not screen and hasattr(screen, "show_tab"):
        screen.show_tab(record_screen)
    if hasattr(record_screen, "set_view"):
        record_screen.set_view(record_screen.form_view)
    app.processEvents()


def search_term(record_screen: Any) -> str:
    """What a person would type: the start of a word from a record half-way down the list."""
    model = record_screen.model
    texts = [i for i, c in enumerate(model.columns) if c.type == "text"] or [0]
    row = model.rowCount() // 2
    for column in texts:
        value = model.index(row, column).data() or ""
        words = [w for w in str(value).replace("—", " ").split() if len(w) >= 4 and w.isalpha()]
        if words:
            return max(words, key=len)[:5].lower()
    return "an"


def _baseline(path: Path, statements: list[Statement], runs: int) -> float:
    """The captured statements on a plain sqlite3 connection: reads only, or writes in one transaction."""
    statements = [s for s in statements if not s[0].startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))]
    writes = [s for s in statements if s not in reads_only(statements)]
    if not writes:
        connection = raw_connection(path)
    else:
        connection = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode = wal", "synchronous = 2", "foreign_keys = 1", "cache_size = -32000"):
            connection.execute(f"PRAGMA {pragma}")

    def run() -> None:
        if writes:
            connection.execute("BEGIN IMMEDIATE")
        for sql, params in statements:
            connection.execute(sql, params).fetchall()
        if writes:
            connection.execute("COMMIT")

    try:
        return median_ms(run, runs)
    finally:
        connection.close()


def _measure(action: Any, runs: int, path: Path) -> tuple[float, float, int]:
    """(app median ms, baseline median ms, statements) of an action that is safe to repeat."""
    action()
    with captured_sql() as statements:
        action()
    app_ms = median_ms(action, runs, warmup=0)
    return app_ms, _baseline(path, statements, runs), len(statements)


def visible_rows(lst: Any) -> range:
    view = lst.view
    first = max(view.rowAt(0), 0)
    last = view.rowAt(view.viewport().height() - 1)
    return range(first, (lst.model.rowCount() - 1 if last < 0 else last) + 1)


def type_and_read(lst: Any, text: str) -> None:
    """A keystroke in the search box, until the count is set and every cell of the visible page is read
    (the page fetched and formatted as data() gives it to the view); Qt's painting is measured apart."""
    lst.search.setText(text)
    lst._search_timer.stop()
    lst.apply_query()
    model = lst.model
    for row in visible_rows(lst):
        for column in range(model.columnCount()):
            model.index(row, column).data()


def bench_paint(record_screen: Any, runs: int, label: str) -> Figure:
    """Qt painting a page of the list (rows cached), against a bare QTableView showing the same texts."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    lst = record_screen.list
    lst.view.viewport().repaint()
    app_ms = median_ms(lst.view.viewport().repaint, runs)
    model = lst.model
    bare_model = QStandardItemModel(model.rowCount(), model.columnCount())
    for row in visible_rows(lst):
        for column in range(model.columnCount()):
            bare_model.setItem(row, column, QStandardItem(str(model.index(row, column).data() or "")))
    bare = QTableView()
    bare.setModel(bare_model)
    bare.resize(lst.view.size())
    bare.show()
    QApplication.processEvents()  # exposed: until then a repaint paints nothing
    for column in range(model.columnCount()):
        bare.setColumnWidth(column, lst.view.columnWidth(column))
    bare.viewport().repaint()
    bare_ms = median_ms(bare.viewport().repaint, runs)
    bare.close()
    return Figure("Paint", f"a page of the {label} list", app_ms, bare_ms, "ms", "—", True,
                  f"{len(visible_rows(lst))} rows; baseline: a bare QTableView of the same texts")


def bench_search(record_screen: Any, runs: int, path: Path, label: str) -> list[Figure]:
    """Every keystroke of typing a word into the search box, then clearing it."""
    lst = record_screen.list
    term = search_term(record_screen)
    worst: tuple[float, float, str, int] | None = None
    for length in range(1, len(term) + 1):
        text = term[:length]

        def keystroke(text: str = text) -> None:
            type_and_read(lst, text)

        app_ms, base_ms, _n = _measure(keystroke, runs, path)
        if worst is None or app_ms > worst[0]:
            worst = (app_ms, base_ms, text, lst.model.rowCount())
    full_ms, full_base, _n = _measure(lambda: type_and_read(lst, term), runs, path)
    lst.search.setText("")
    lst._search_timer.stop()
    lst.apply_query()
    assert worst is not None
    total = lst.model.rowCount()
    figures = []
    for name, (ms, base, text, shown) in ((f"{label}", (full_ms, full_base, term, None)),
                                          (f"{label}, slowest keystroke", worst)):
        if shown is None:
            type_and_read(lst, text)
            shown = lst.model.rowCount()
            type_and_read(lst, "")
        ratio = ms / base if base else None
        figures.append(Figure("Search", name, ms, base, "ms", f"≤ {SEARCH_MS:.0f} ms, ≤ {SEARCH_RATIO:.0f}×",
                              ms <= SEARCH_MS and (ratio is None or ratio <= SEARCH_RATIO),
                              f"'{text}': {shown:,} of {total:,}"))
    return figures


def bench_sort(record_screen: Any, runs: int, path: Path, label: str) -> Figure:
    """Clicking each column header (ascending, then descending); the slowest column is the figure."""
    from PySide6.QtCore import Qt

    lst = record_screen.list
    header = lst.view.horizontalHeader()
    start_column, start_order = header.sortIndicatorSection(), header.sortIndicatorOrder()
    worst: tuple[float, float, str] | None = None
    for column, spec in enumerate(lst.model.columns):
        flip = [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder]

        def click(column: int = column) -> None:
            flip.reverse()
            header.setSortIndicator(column, flip[0])
            lst.repaint()

        app_ms, base_ms, _n = _measure(click, runs, path)
        if worst is None or app_ms > worst[0]:
            worst = (app_ms, base_ms, spec.label)
    header.setSortIndicator(start_column, start_order)
    assert worst is not None
    ms, base, column_label = worst
    return Figure("Sort", label, ms, base, "ms", f"≤ {SORT_MS:.0f} ms", ms <= SORT_MS,
                  f"slowest column: {column_label}, {lst.model.rowCount():,} rows")


def bench_open_save(record_screen: Any, runs: int, path: Path, label: str) -> list[Figure]:
    lst, model = record_screen.list, record_screen.model
    if not model.rowCount():
        return []
    rows = [min(model.rowCount() - 1, r * max(1, model.rowCount() // (runs + 2))) for r in range(runs + 2)]
    turn = [0]

    def open_next() -> None:
        turn[0] = (turn[0] + 1) % len(rows)
        lst.view.setCurrentIndex(model.index(rows[turn[0]], 0))
        record_screen.repaint()

    open_ms, open_base, _n = _measure(open_next, runs, path)
    field = SAVE_FIELD.get(record_screen.kind_name)
    figures = [Figure("Open a record", label, open_ms, open_base, "ms", f"≤ {FORM_MS:.0f} ms", open_ms <= FORM_MS,
                      "row chosen in the list, form and panels under it shown")]
    if field is None or field not in record_screen.form.editors:
        return figures
    editor = record_screen.form.editor(field)
    original = editor.value()
    count = [0]

    def save() -> None:
        count[0] += 1
        editor.set_value(f"{original or ''} (bench {count[0]})".strip())
        editor.edited.emit()
        start = time.perf_counter()
        assert record_screen.save(), f"the {label} did not save"
        record_screen.repaint()
        times.append((time.perf_counter() - start) * 1000)

    times: list[float] = []
    save()
    with captured_sql() as statements:
        save()
    times.clear()
    for _ in range(runs):
        save()
    save_ms = statistics.median(times)
    save_base = _baseline(path, statements, runs)
    editor.set_value(original)
    editor.edited.emit()
    record_screen.save()
    figures.append(Figure("Save a record", label, save_ms, save_base, "ms", f"≤ {FORM_MS:.0f} ms",
                          save_ms <= FORM_MS, f"{field} edited, saved, list and form shown again"))
    return figures


def run(argv: list[str]) -> list[Figure]:
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import create_window
    from desktop_app.paths import database_path

    data_dir, runs = Path(argv[0]), int(argv[1])
    path = database_path(data_dir)
    app = QApplication(sys.argv[:1])
    window = create_window(data_dir)
    window.show()
    app.processEvents()
    figures: list[Figure] = []
    for index, screen, record_screen in _record_screens(window):
        _show(window, index, screen, record_screen, app)
        label = record_screen.kind.plural.replace("_", " ")
        started = time.perf_counter()
        figures += bench_search(record_screen, runs, path, label)
        figures.append(bench_sort(record_screen, runs, path, label))
        figures += bench_open_save(record_screen, runs, path, label)
        if record_screen.kind_name == "interview":
            figures.append(bench_paint(record_screen, runs, label))
        print(f"  {label}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return figures


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    child_main(run)
