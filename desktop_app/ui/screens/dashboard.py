"""The Dashboard: eight progress charts drawn from services.stats, and what is due this week beside them.

The charts (ui/charts, which imports pyqtgraph) are built the first time the screen is shown, after the
window has painted. Figures are computed on a worker thread (ui/stats_loader). After an edit anywhere,
only the figures that read a changed table are computed again, and only the charts whose figures came
out different are redrawn.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout
from PySide6.QtWidgets import QWidget

from ... import settings
from ...services.changes import Change
from ...services.stats import FIGURE_TABLES
from .. import dialogs
from ..bus import ChangeBus
from ..screen import Screen, ViewSwitch
from ..stats_loader import StatsLoader
from .next_up import NextUpPanel

RANGES: tuple[tuple[str, int | None], ...] = (("3 months", 3), ("6 months", 6), ("12 months", 12), ("All", None))
RANGE_KEY = "ui.dashboard_months"
DEFAULT_MONTHS = 12
NEXT_UP_TABLES = frozenset({"task", "contact", "offer", "interview", "opportunity", "company", "question", "skill"})
NEXT_UP_WIDTH = 300
CARD_MIN_WIDTH = 330  # below two of these side by side, the charts go one to a row
REFRESH_DELAY_MS = 120  # edits in quick succession (an import, undo pressed twice) make one recompute


def ask_png_path(parent: QWidget, suggested: str) -> str:
    """Where to save a chart (an empty string when the user cancelled)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation) or str(Path.home())
    path, _filter = QFileDialog.getSaveFileName(parent, "Export chart as PNG", str(Path(folder) / suggested),
                                                "PNG image (*.png)")
    return path


class DashboardScreen(Screen):
    key = "dashboard"
    title = "Dashboard"
    tables = frozenset().union(*FIGURE_TABLES.values(), NEXT_UP_TABLES)
    opens: frozenset[str] = frozenset()

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(bus, parent)
        self.today = today
        self.charts: list[Any] = []
        self.figures: dict[str, Any] = {}
        self._pending: set[str] = set(FIGURE_TABLES)
        self._drawn_context: dict[int, Any] = {}
        self._asked = 0  # the number of the request whose answer is awaited (0: none)
        self.loader = StatsLoader(self)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_failed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_DELAY_MS)
        self.timer.timeout.connect(self._compute)

        saved = settings.get_value(RANGE_KEY, DEFAULT_MONTHS)
        self.months: int | None = saved if saved in dict(RANGES).values() else DEFAULT_MONTHS

        heading = QLabel("Dashboard")
        heading.setObjectName("dashboardTitle")
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.range_switch = ViewSwitch(tuple(label for label, _ in RANGES))
        self.range_switch.set_current([months for _, months in RANGES].index(self.months))
        self.range_switch.changed.connect(self._on_range)
        for index, (label, _) in enumerate(RANGES):
            self.range_switch.button(index).setToolTip(
                "Every figure since the first record" if label == "All" else f"The last {label}, this month included")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(self.status, 1)
        top.addWidget(QLabel("Show"))
        top.addWidget(self.range_switch)

        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 6, 0)
        self.grid.setSpacing(12)
        self.loading = QLabel("Drawing your charts…")
        self.loading.setObjectName("hint")
        self.grid.addWidget(self.loading, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.grid_host)
        scroll.viewport().installEventFilter(self)
        self.scroll = scroll
        self.columns = 2

        self.next_up = NextUpPanel(self.today)
        self.next_up.setFixedWidth(NEXT_UP_WIDTH)
        self.next_up.openRequested.connect(self.openRequested.emit)
        self.next_up.showAllRequested.connect(lambda: self.showScreenRequested.emit("tasks"))

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(scroll, 1)
        body.addWidget(self.next_up)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(body, 1)

    # --- building (once, after the first paint) -----------------------------------------------------

    @property
    def built(self) -> bool:
        return bool(self.charts)

    @property
    def idle(self) -> bool:
        """Built, and no figures pending or being computed (tests wait for this)."""
        return self.built and not self._pending and not self._asked and not self.timer.isActive()

    def _build(self) -> None:
        if self.built:
            return
        from ..charts import CHARTS  # pyqtgraph is imported here, not at start-up

        self.loading.hide()
        self.grid.removeWidget(self.loading)
        for chart_class in CHARTS:
            chart = chart_class()
            chart.setMinimumWidth(max(CARD_MIN_WIDTH, chart.minimumSizeHint().width()))
            chart.exportRequested.connect(lambda c=chart: self.export_chart(c))
            self.charts.append(chart)
        self._lay_out(self._columns_for(self.scroll.viewport().width()))
        self._compute()

    def _columns_for(self, width: int) -> int:
        return 2 if width >= 2 * CARD_MIN_WIDTH + self.grid.spacing() + 6 else 1

    def _lay_out(self, columns: int) -> None:
        """The charts two to a row, or one when the window is too narrow for two."""
        self.columns = columns
        for chart in self.charts:
            self.grid.removeWidget(chart)
        row = column = 0
        for chart in self.charts:
            span = columns if chart.wide else 1
            if column + span > columns:
                row, column = row + 1, 0
            self.grid.addWidget(chart, row, column, 1, span)
            column += span
            if column >= columns:
                row, column = row + 1, 0
        for column in range(2):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Resize and self.charts and watched is self.scroll.viewport():
            columns = self._columns_for(self.scroll.viewport().width())
            if columns != self.columns:
                self._lay_out(columns)
        return super().eventFilter(watched, event)

    def chart(self, key: str) -> Any:
        """The chart drawing the figure `key` ("funnel", "weakest_topics" ...)."""
        return next(chart for chart in self.charts if key in chart.keys)

    # --- refreshing ----------------------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        keys = {key for key, tables in FIGURE_TABLES.items() if tables & change.tables}
        if change.tables & NEXT_UP_TABLES and self.isVisible():
            self.next_up.refresh()  # hidden: activate() refreshes it when the Dashboard is shown again
        if not keys:
            return
        self._pending |= keys
        if self.isVisible() and self.built:
            self.timer.start()
        else:
            self._stale = True

    def activate(self) -> None:
        self._stale = False
        self.next_up.refresh()
        if not self.built:
            QTimer.singleShot(0, self._build)  # the window paints first; pyqtgraph loads after
        elif self._pending:
            self.timer.start()

    def refresh(self, change: Change | None) -> None:
        """Compute every figure again (change None) or those the change touched."""
        if change is None:
            self._pending |= set(FIGURE_TABLES)
            if self.built:
                self.timer.start()
        else:
            self._on_change(change)

    def _compute(self) -> None:
        if self._asked or not self._pending:
            return  # the answer in flight triggers the next round
        keys, self._pending = set(self._pending), set()
        self._asked = self.loader.load(self.today(), self.months, keys)

    def _on_loaded(self, number: int, figures: dict[str, Any]) -> None:
        if number != self._asked:
            return
        self._asked = 0
        self.status.setText("")
        self.figures.update(figures)
        self._draw()
        self._compute()

    def _on_failed(self, number: int, message: str) -> None:
        if number != self._asked:
            return
        self._asked = 0
        self.status.setText(f"The charts could not be brought up to date: {message}")
        self._compute()

    def _draw(self) -> None:
        from ..charts import ChartContext

        start = self.figures.get("range_start")
        context = ChartContext(as_of=dt.date.fromisoformat(self.figures["as_of"]),
                               range_start=dt.date.fromisoformat(start) if start else None,
                               display_currency=self.figures["display_currency"])
        for chart in self.charts:
            if any(key not in self.figures for key in chart.keys):
                continue
            current = {key: self.figures[key] for key in chart.keys}
            if chart.shown == current and self._drawn_context.get(id(chart)) == context:
                continue  # the same figures: nothing to redraw
            self._drawn_context[id(chart)] = context
            chart.show_figures(self.figures, context)

    def _on_range(self, index: int) -> None:
        months = RANGES[index][1]
        if months == self.months:
            return
        self.months = months
        settings.set_value(RANGE_KEY, months)
        self._pending |= set(FIGURE_TABLES)
        if self._asked:
            self._asked = 0  # the answer in flight is for the old range: ignore it
        if self.built:
            self._compute()

    def set_range(self, months: int | None) -> None:
        """Choose 3, 6, 12 months or all (None), as clicking the control does."""
        index = [m for _, m in RANGES].index(months)
        self.range_switch.set_current(index)
        self._on_range(index)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.charts:
            QTimer.singleShot(0, self._recolor)  # after the theme is fully applied (stylesheet, property)

    def _recolor(self) -> None:
        for chart in self.charts:
            chart.recolor()

    # --- export ----------------------------------------------------------------------------------------

    def export_chart(self, chart: Any) -> None:
        slug = re.sub(r"[^a-z0-9]+", "-", chart.title.lower()).strip("-")
        path = ask_png_path(self, f"sayyes-{slug}-{self.today().isoformat()}.png")
        if not path:
            return
        if not path.lower().endswith(".png"):
            path += ".png"
        if chart.export_png(Path(path)):
            self.message.emit(f"Saved “{chart.title}” to {path}")
        else:
            dialogs.problem(self, "Chart not saved",
                            f"SayYes could not write {path}. Check that the folder exists and that you may write "
                            "to it, then try again.")


__all__ = ["DashboardScreen", "RANGES"]
