"""What every dashboard chart shares: its card, colours, date axis, hover read-out, empty state, Export PNG.

A chart builds its pyqtgraph items once; `show(figures, context)` only sets their data, so a refresh
redraws in place. pyqtgraph is imported here, and this package is imported only when the Dashboard is
first shown, so it costs nothing at start-up.
"""

from __future__ import annotations

import calendar
from html import escape
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QStackedWidget, QStyle, QToolButton, QToolTip
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..theme import current_colors, current_theme
from .axes import CountAxis, MonthAxis

pg.setConfigOptions(antialias=True)

DAY = 86400
MONTH_BAR_WIDTH = 22 * DAY
CARD_HEIGHT = 340
HEADROOM = 1.12  # space above the tallest bar for its label

# colour-blind-safe series colours (Okabe-Ito hues), tuned per theme so each reads on its card
SERIES = {
    "light": ("#2f6fde", "#d97706", "#15966b", "#c2410c", "#9b51b8", "#0e8fb8", "#7a8593"),
    "dark": ("#6ea8ff", "#f5b041", "#3fcf9a", "#ff8a5c", "#d08ee6", "#5cc8f0", "#a3acb8"),
}


@dataclass(frozen=True)
class ChartColors:
    theme: str
    background: str
    text: str
    muted: str
    grid: str
    accent: str  # the main series
    good: str  # a month that met the target, a passed share
    reference: str  # target and current-pay lines
    series: tuple[str, ...]

    @classmethod
    def current(cls) -> ChartColors:
        c, theme = current_colors(), current_theme()
        series = SERIES[theme]
        return cls(theme=theme, background=c["card"], text=c["text"], muted=c["muted"], grid=c["border"],
                   accent=series[0], good=series[2], reference=series[3], series=series)


@dataclass(frozen=True)
class ChartContext:
    as_of: dt.date
    range_start: dt.date | None  # None: all time
    display_currency: str


def blend(color: str, background: str, alpha: int) -> str:
    """The solid colour `color` drawn at `alpha` (0-255) over `background` looks like."""
    top, under = QColor(color), QColor(background)
    mix = [round((a * alpha + b * (255 - alpha)) / 255) for a, b in
           ((top.red(), under.red()), (top.green(), under.green()), (top.blue(), under.blue()))]
    return QColor(*mix).name()


def timestamp(day: dt.date) -> float:
    """Seconds since 1970 at midnight UTC of `day` (the date axis shows UTC, so a date never shifts)."""
    return float(calendar.timegm(day.timetuple()))


def month_start(month: str) -> dt.date:
    return dt.date(int(month[:4]), int(month[5:7]), 1)


def month_middle(month: str) -> float:
    """Where a month's bar stands on a date axis: the middle of the month."""
    first = month_start(month)
    days = calendar.monthrange(first.year, first.month)[1]
    return timestamp(first) + days * DAY / 2


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_label(month: str) -> str:
    return month_start(month).strftime("%b %Y")


def short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {many or word + 's'}"


def percent(rate: float | None) -> str:
    """'75%'; a share too small to round to 1% but not nothing is '<1%', never a misleading '0%'."""
    if rate is None:
        return "–"
    if 0 < rate < 0.005:
        return "<1%"
    if 0.995 <= rate < 1:
        return ">99%"
    return f"{round(rate * 100)}%"


class Hover:
    """Rectangles in data coordinates, each with the text shown when the mouse is over it."""

    def __init__(self, plot: pg.PlotItem, chart: Chart) -> None:
        self.plot, self.chart = plot, chart
        self.targets: list[tuple[QRectF, str]] = []
        self.points: list[tuple[float, float, str]] = []  # hit within a few pixels
        plot.scene().sigMouseMoved.connect(self._moved)

    def clear(self) -> None:
        self.targets, self.points = [], []

    def add(self, x0: float, x1: float, y0: float, y1: float, text: str) -> None:
        self.targets.append((QRectF(QPointF(min(x0, x1), min(y0, y1)), QPointF(max(x0, x1), max(y0, y1))), text))

    def add_point(self, x: float, y: float, text: str) -> None:
        self.points.append((x, y, text))

    def text_at(self, scene_pos: QPointF) -> str | None:
        """What the read-out says with the mouse at `scene_pos` (None: nothing under it)."""
        view = self.plot.vb
        if not view.sceneBoundingRect().contains(scene_pos):
            return None
        point = view.mapSceneToView(scene_pos)
        best: tuple[float, str] | None = None
        for x, y, text in self.points:
            where = view.mapViewToScene(QPointF(x, y))
            distance = ((where.x() - scene_pos.x()) ** 2 + (where.y() - scene_pos.y()) ** 2) ** 0.5
            if distance <= 9 and (best is None or distance < best[0]):
                best = (distance, text)
        if best is not None:
            return best[1]
        for rect, text in self.targets:
            if rect.contains(point):
                return text
        return None

    def _moved(self, scene_pos: QPointF) -> None:
        text = self.text_at(scene_pos)
        self.chart.hover_text = text
        widget = self.chart.graph
        if text:
            QToolTip.showText(QCursor.pos(), text, widget)
        else:
            QToolTip.hideText()


class Chart(QFrame):
    """A dashboard card: title, headline, the plot (or what to record to fill it), a note, Export PNG."""

    keys: tuple[str, ...] = ()  # the stats figures it draws
    wide = False  # takes a whole row of the dashboard (two plots side by side, long lines)
    title = ""
    empty_text = ""
    exportRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartCard")
        self.colors = ChartColors.current()
        self.draws = 0  # how many times its data was set (tests check a refresh redraws only what changed)
        self.hover_text: str | None = None
        self.shown: dict[str, Any] | None = None
        self._last: tuple[dict[str, Any], ChartContext] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        top = QHBoxLayout()
        heading = QLabel(self.title)
        heading.setObjectName("chartTitle")
        self.export_button = QToolButton()
        self.export_button.setText("PNG")
        self.export_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.setObjectName("chartExport")
        self.export_button.setToolTip(f"Export PNG… — save “{self.title}” as an image")
        self.export_button.setAccessibleName(f"Export {self.title} as PNG")
        self.export_button.setAutoRaise(True)
        self.export_button.clicked.connect(self.exportRequested.emit)
        top.addWidget(heading)
        top.addStretch(1)
        for widget in self.header_widgets():
            top.addWidget(widget)
        top.addWidget(self.export_button)
        self.headline = QLabel()
        self.headline.setObjectName("chartHeadline")
        self.headline.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setObjectName("chartLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.hide()
        self.graph = self.build()
        self.graph.setMinimumHeight(190)
        self.empty = QLabel(self.empty_text)
        self.empty.setObjectName("chartEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setContentsMargins(24, 8, 24, 8)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.graph)
        self.stack.addWidget(self.empty)
        self.stack.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addLayout(top)
        layout.addWidget(self.headline)
        layout.addWidget(self.legend)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.note)
        self.setFixedHeight(CARD_HEIGHT)
        self.recolor()

    # --- what a chart provides ---------------------------------------------------------------------

    def build(self) -> QWidget:
        """Create the graphics widget and its items (once)."""
        raise NotImplementedError

    def header_widgets(self) -> list[QWidget]:
        """Controls of its own beside Export PNG (made before `build`)."""
        return []

    def draw(self, figures: dict[str, Any], context: ChartContext) -> bool:
        """Set the items' data from `figures`; False when there is nothing to plot (the empty text shows)."""
        raise NotImplementedError

    def style_items(self) -> None:
        """Give the items this theme's colours."""

    # --- shared ------------------------------------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty

    def show_figures(self, figures: dict[str, Any], context: ChartContext) -> None:
        self.shown = {key: figures.get(key) for key in self.keys}
        self.draws += 1
        self._last = (figures, context)
        self._render()

    def _render(self) -> None:
        if self._last is None:
            return
        has_data = self.draw(*self._last)
        self.stack.setCurrentWidget(self.graph if has_data else self.empty)
        if not has_data:
            self.headline.setText("")

    def set_legend(self, entries: Sequence[tuple[str, str, str]]) -> None:
        """(colour, label, mark) per series; mark is "box", "line", "dash" or "dot"."""
        marks = {"box": "■", "line": "━━", "dash": "╍╍", "dot": "●"}
        parts = [f'<span style="color:{color}; font-weight:700">{marks[mark]}</span>&nbsp;{escape(label)}'
                 for color, label, mark in entries]
        self.legend.setText("&nbsp;&nbsp;&nbsp; ".join(parts))
        self.legend.setVisible(bool(entries))

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def recolor(self) -> None:
        """Take the application's current theme (the data stays; brushes are set again)."""
        self.colors = ChartColors.current()
        self.style_items()
        self._render()

    def export_png(self, path: Path) -> bool:
        """Save the card as it looks (title, headline and plot) without the Export button."""
        self.export_button.hide()
        try:
            image = self.grab()
        finally:
            self.export_button.show()
        return image.save(str(path), "PNG")

    # --- helpers for subclasses ----------------------------------------------------------------------

    def new_plot(self, layout: pg.GraphicsLayoutWidget, row: int = 0, col: int = 0, *, dates: bool = False,
                 months: bool = False, counts: bool = False, left: pg.AxisItem | None = None, title: str | None = None) -> pg.PlotItem:
        axes: dict[str, pg.AxisItem] = {}
        if dates or months:
            axes["bottom"] = MonthAxis("bottom", centred=months)
        if counts:
            axes["left"] = CountAxis("left")
        if left is not None:
            axes["left"] = left
        plot = layout.addPlot(row=row, col=col, axisItems=axes or None, title=title)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        plot.vb.setDefaultPadding(0.04)
        return plot

    def graphics(self) -> pg.GraphicsLayoutWidget:
        widget = pg.GraphicsLayoutWidget()
        widget.ci.layout.setContentsMargins(2, 4, 6, 2)
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return widget

    def style_plot(self, plot: pg.PlotItem) -> None:
        c = self.colors
        font = QFont(self.font())
        font.setPointSizeF(max(self.font().pointSizeF() - 1, 7))
        for name in ("left", "bottom", "right"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(c.grid))
            axis.setTextPen(pg.mkPen(c.muted))
            axis.setTickFont(font)
        plot.showGrid(x=False, y=True, alpha=0.35 if c.theme == "light" else 0.25)
        if plot.titleLabel is not None and plot.titleLabel.text:
            plot.setTitle(plot.titleLabel.text, color=c.muted, size=f"{font.pointSizeF():.0f}pt")

    def style_graphics(self, widget: pg.GraphicsLayoutWidget, plots: Sequence[pg.PlotItem]) -> None:
        widget.setBackground(QColor(self.colors.background))
        for plot in plots:
            self.style_plot(plot)

    def brush(self, color: str, alpha: int = 255) -> Any:
        colour = QColor(color)
        colour.setAlpha(alpha)
        return pg.mkBrush(colour)

    def set_date_range(self, plot: pg.PlotItem, context: ChartContext, first: dt.date, last: dt.date) -> None:
        """Show the chosen range (3, 6, 12 months) in full, or everything from `first` to `last`."""
        start = context.range_start or first.replace(day=1)
        end = month_end(max(last, context.as_of))
        plot.setXRange(timestamp(start), timestamp(end) + DAY, padding=0.02)


__all__ = ["Chart", "blend", "ChartColors", "ChartContext", "Hover", "month_label", "month_middle", "month_start",
           "percent", "plural", "short", "timestamp"]
