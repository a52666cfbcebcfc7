"""Self-assessment calibration: how often each self-rating passed, and self-rating against pass rate over time."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from .base import Chart, ChartContext, Hover, percent, plural

RATINGS = (1, 2, 3, 4, 5)


def quarter_label(quarter: str) -> str:
    """'2026-Q1' -> 'Q1 ’26'."""
    return f"{quarter[5:]} ’{quarter[2:4]}"


class CalibrationChart(Chart):
    wide = True
    keys = ("calibration", "calibration_by_quarter")
    title = "Self-assessment calibration"
    empty_text = ("After each interview, rate how you think it went (1–5) and record the verdict (passed or "
                  "failed) to see whether your self-ratings predict the outcome.")

    def build(self) -> QWidget:
        self.widget = self.graphics()
        self.by_rating = self.new_plot(self.widget, 0, 0, title="By your self-rating after it")
        self.by_rating.getAxis("bottom").setTicks([[(r, str(r)) for r in RATINGS], []])
        self.by_rating.getAxis("left").setTicks([[(v, f"{v}%") for v in (0, 25, 50, 75, 100)], []])
        self.by_rating.setXRange(0.4, 5.6, padding=0)
        self.by_rating.setYRange(0, 124, padding=0)
        self.bars = pg.BarGraphItem(x=list(RATINGS), height=[0] * 5, width=0.62)
        self.by_rating.addItem(self.bars)
        self.counts = [pg.TextItem(anchor=(0.5, 1)) for _ in RATINGS]
        for label in self.counts:
            self.by_rating.addItem(label)
        self.rating_hover = Hover(self.by_rating, self)

        self.over_time = self.new_plot(self.widget, 0, 1, title="Over time, by quarter")
        self.over_time.getAxis("left").setTicks([[(v, f"{v}%") for v in (0, 25, 50, 75, 100)], []])
        self.over_time.setYRange(0, 105, padding=0)
        self.over_time.showAxis("right")
        self.ratings_view = pg.ViewBox(enableMenu=False)
        self.ratings_view.setMouseEnabled(x=False, y=False)
        self.over_time.scene().addItem(self.ratings_view)
        self.over_time.getAxis("right").linkToView(self.ratings_view)
        self.over_time.getAxis("right").setTicks([[(v, str(v)) for v in RATINGS], []])
        self.over_time.getAxis("right").setWidth(26)
        self.ratings_view.setXLink(self.over_time)
        self.ratings_view.setYRange(1, 5.2, padding=0)  # rating 1 level with 0%, 5 with 100%
        self.over_time.vb.sigResized.connect(self._sync_views)
        self.pass_rate = pg.PlotDataItem(x=[], y=[], symbol="o", symbolSize=7)
        self.self_rating = pg.PlotDataItem(x=[], y=[], symbol="s", symbolSize=7)
        self.over_time.addItem(self.pass_rate)
        self.ratings_view.addItem(self.self_rating)
        self.time_hover = Hover(self.over_time, self)
        self.widget.ci.layout.setColumnStretchFactor(0, 2)
        self.widget.ci.layout.setColumnStretchFactor(1, 3)
        return self.widget

    def _sync_views(self) -> None:
        self.ratings_view.setGeometry(self.over_time.vb.sceneBoundingRect())
        self.ratings_view.linkedViewChanged(self.over_time.vb, self.ratings_view.XAxis)

    def style_items(self) -> None:
        c = self.colors
        self.style_graphics(self.widget, [self.by_rating, self.over_time])
        self.pass_rate.setPen(pg.mkPen(c.good, width=2))
        self.pass_rate.setSymbolBrush(self.brush(c.good))
        self.pass_rate.setSymbolPen(pg.mkPen(c.background))
        self.self_rating.setPen(pg.mkPen(c.series[1], width=2, style=Qt.PenStyle.DashLine))
        self.self_rating.setSymbolBrush(self.brush(c.series[1]))
        self.self_rating.setSymbolPen(pg.mkPen(c.background))
        self.set_legend([(c.accent, "Passed, share of decided", "box"), (c.good, "Pass rate (left axis)", "line"),
                         (c.series[1], "Average self-rating (right axis)", "dash")])
        for label in self.counts:
            label.setColor(c.muted)

    def draw(self, figures: dict[str, Any], context: ChartContext) -> bool:
        rows = {row["self_rating"]: row for row in figures["calibration"]}
        quarters = figures["calibration_by_quarter"]
        decided = sum(row["decided"] for row in rows.values())
        self.rating_hover.clear()
        self.time_hover.clear()
        if not decided:
            return False
        shares = [100 * rows[r]["passed"] / rows[r]["decided"] if rows[r]["decided"] else 0 for r in RATINGS]
        self.bars.setOpts(height=shares, brush=self.brush(self.colors.accent, 200), pen=pg.mkPen(None))
        for r, share, label in zip(RATINGS, shares, self.counts, strict=True):
            row = rows[r]
            label.setText(f"{row['passed']}/{row['decided']}" if row["decided"] else "–")
            label.setPos(r, share + 2)
            text = (f"Self-rating {r}: passed {row['passed']} of {row['decided']} decided ({share:.0f}%)"
                    if row["decided"] else f"Self-rating {r}: no decided interviews")
            self.rating_hover.add(r - 0.4, r + 0.4, 0, 124, text)
        xs = list(range(len(quarters)))
        self.pass_rate.setData(x=xs, y=[100 * q["pass_rate"] for q in quarters])
        self.self_rating.setData(x=xs, y=[q["average_self_rating"] for q in quarters])
        step = max(1, (len(quarters) + 5) // 6)
        self.over_time.getAxis("bottom").setTicks(
            [[(i, quarter_label(q["quarter"])) for i, q in enumerate(quarters) if i % step == 0], []])
        self.over_time.setXRange(-0.4, max(len(quarters) - 0.6, 0.4), padding=0)
        for i, q in enumerate(quarters):
            self.time_hover.add(i - 0.4, i + 0.4, 0, 105,
                                f"{q['quarter']}: pass rate {percent(q['pass_rate'])}, average self-rating "
                                f"{q['average_self_rating']:.2f} ({plural(q['decided'], 'decided interview')})")
        self._sync_views()
        self.headline.setText(self._verdict(rows, decided))
        return True

    @staticmethod
    def _verdict(rows: dict[int, dict[str, int]], decided: int) -> str:
        def share(ratings: tuple[int, ...]) -> tuple[int, int]:
            return (sum(rows[r]["passed"] for r in ratings), sum(rows[r]["decided"] for r in ratings))

        high, low = share((4, 5)), share((1, 2))
        parts = []
        if high[1]:
            parts.append(f"rated 4–5: passed {percent(high[0] / high[1])}")
        if low[1]:
            parts.append(f"rated 1–2: passed {percent(low[0] / low[1])}")
        passed = sum(row["passed"] for row in rows.values())
        summary = f"{plural(decided, 'decided interview')}, {percent(passed / decided)} passed"
        return f"<b>{'; '.join(parts).capitalize() or summary}</b>" + (f" · {summary}" if parts else "")

    def plotted(self) -> dict[str, list[float]]:
        """The pass shares per rating 1-5 and the two lines over quarters, as drawn."""
        return {"pass_share": list(self.bars.opts["height"]),
                "pass_rate": list(self.pass_rate.getData()[1]),
                "self_rating": list(self.self_rating.getData()[1])}


__all__ = ["CalibrationChart"]
