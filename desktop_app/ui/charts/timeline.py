"""Charts over a date axis: interviews per month, network growth, offers against current pay."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ...services.money import format_money
from .axes import MoneyAxis
from .base import DAY, HEADROOM, MONTH_BAR_WIDTH, Chart, ChartContext, Hover, blend, month_label, month_middle, month_start
from .base import percent, plural, timestamp


def _months_range(series: list[dict[str, Any]]) -> tuple[dt.date, dt.date]:
    return month_start(series[0]["month"]), month_start(series[-1]["month"])


class MonthBars(Chart):
    """Bars of a count per month, over a date axis."""

    value_key = ""
    y_label = ""

    def build(self) -> QWidget:
        self.widget = self.graphics()
        self.plot = self.new_plot(self.widget, months=True, counts=True)
        self.plot.setLabel("left", self.y_label)
        self.bars = pg.BarGraphItem(x=[], height=[], width=MONTH_BAR_WIDTH)
        self.plot.addItem(self.bars)
        self.hover = Hover(self.plot, self)
        return self.widget

    def draw_bars(self, series: list[dict[str, Any]], context: ChartContext, brushes: list[Any]) -> None:
        xs = [month_middle(entry["month"]) for entry in series]
        heights = [entry[self.value_key] for entry in series]
        self.bars.setOpts(x=xs, height=heights, width=MONTH_BAR_WIDTH, brushes=brushes, pen=pg.mkPen(None))
        first, last = _months_range(series)
        self.set_date_range(self.plot, context, first, last)
        self.plot.setYRange(0, max(heights + [1]) * 1.12, padding=0)

    def plotted(self) -> tuple[list[float], list[float]]:
        """(x, height) of the bars as drawn."""
        return list(self.bars.opts["x"]), list(self.bars.opts["height"])


class InterviewsChart(MonthBars):
    keys = ("interviews_per_month", "habit")
    title = "Interviews per month"
    empty_text = ("Record your interviews with an outcome (passed, failed or pending) to see how many you hold "
                  "each month against your habit target.")
    value_key, y_label = "held", "Interviews held"

    def build(self) -> QWidget:
        widget = super().build()
        self.target = pg.PlotDataItem(x=[], y=[])
        self.plot.addItem(self.target)
        return widget

    def style_items(self) -> None:
        c = self.colors
        self.style_graphics(self.widget, [self.plot])
        self.target.setPen(pg.mkPen(c.reference, width=2, style=Qt.PenStyle.DashLine))
        self.set_legend([(c.good, "Met the target", "box"), (self.below_color(), "Below it", "box"),
                         (c.reference, "Target", "dash")])

    def below_color(self) -> str:
        return blend(self.colors.accent, self.colors.background, 150)  # the bars' shade

    def draw(self, figures: dict[str, Any], context: ChartContext) -> bool:
        series, habit = figures["interviews_per_month"], figures["habit"]
        self.hover.clear()
        if not series or not any(entry["held"] for entry in series):
            return False
        target = habit["target_per_month"]
        c = self.colors
        brushes = [self.brush(c.good) if entry["held"] >= target else self.brush(c.accent, 150) for entry in series]
        self.draw_bars(series, context, brushes)
        left, right = self.plot.vb.viewRange()[0]
        self.target.setData(x=[left, right], y=[target, target])
        self.plot.setYRange(0, max([entry["held"] for entry in series] + [target, 1]) * HEADROOM, padding=0)
        for entry in series:
            middle = month_middle(entry["month"])
            verdict = "met the target" if entry["held"] >= target else f"target {target}"
            self.hover.add(middle - MONTH_BAR_WIDTH / 2, middle + MONTH_BAR_WIDTH / 2, 0, 1e9,
                           f"{month_label(entry['month'])}: {plural(entry['held'], 'interview')} held ({verdict})")
        held = sum(entry["held"] for entry in series)
        streak = habit["streak_months"]
        self.headline.setText(
            f"<b>Streak: {plural(streak, 'month')}</b> meeting your target of {target} a month · "
            f"{held} held {'in this range' if context.range_start else 'in all'}")
        return True


class NetworkChart(MonthBars):
    keys = ("network",)
    title = "Network growth"
    empty_text = ("Add the people you meet at interviews as contacts, with the date you met them, to watch your "
                  "network grow month by month.")
    value_key, y_label = "new", "New contacts"

    def style_items(self) -> None:
        self.style_graphics(self.widget, [self.plot])

    def draw(self, figures: dict[str, Any], context: ChartContext) -> bool:
        network = figures["network"]
        series = network["contacts_per_month"]
        self.hover.clear()
        if not series or not any(entry["new"] for entry in series):
            return False
        self.draw_bars(series, context, [self.brush(self.colors.series[5])] * len(series))
        for entry in series:
            middle = month_middle(entry["month"])
            self.hover.add(middle - MONTH_BAR_WIDTH / 2, middle + MONTH_BAR_WIDTH / 2, 0, 1e9,
                           f"{month_label(entry['month'])}: {plural(entry['new'], 'new contact')}")
        met = sum(entry["new"] for entry in series)
        share = network["interviews_with_new_contact"]
        self.headline.setText(f"<b>{percent(share)}</b> of held interviews produced a new contact · "
                              f"{plural(met, 'contact')} met {'in this range' if context.range_start else 'in all'}")
        return True


class OffersChart(Chart):
    keys = ("offers", "current_compensation", "display_currency", "notes")
    title = "Offers vs current pay"
    empty_text = ("Record the offers you receive, with their base salary, bonus and equity, to compare their "
                  "yearly totals with what you earn now (your current pay is set in File → Settings).")

    def build(self) -> QWidget:
        self.widget = self.graphics()
        axis = MoneyAxis("left")
        self.plot = self.new_plot(self.widget, dates=True, left=axis)
        self.points = pg.ScatterPlotItem(x=[], y=[], size=11)
        self.current = pg.PlotDataItem(x=[], y=[])
        self.plot.addItem(self.current)
        self.plot.addItem(self.points)
        self.hover = Hover(self.plot, self)
        return self.widget

    def style_items(self) -> None:
        c = self.colors
        self.style_graphics(self.widget, [self.plot])
        self.points.setBrush(self.brush(c.accent))
        self.points.setPen(pg.mkPen(c.background, width=1.5))
        self.current.setPen(pg.mkPen(c.reference, width=2, style=Qt.PenStyle.DashLine))
        self.set_legend([(c.accent, "Offer (yearly total)", "dot"), (c.reference, "Current pay", "dash")])

    def draw(self, figures: dict[str, Any], context: ChartContext) -> bool:
        currency = figures["display_currency"]
        self.plot.setLabel("left", f"Yearly total ({currency})")
        offers = [row for row in figures["offers"] if row["converted"]]
        current = figures["current_compensation"]
        baseline = current["yearly_total"] if current and current["converted"] else None
        self.set_note(" ".join(figures.get("notes") or []))
        self.hover.clear()
        if not offers:
            self.points.setData(x=[], y=[])
            self.current.setData(x=[], y=[])
            return False
        days = [dt.date.fromisoformat(row["received_on"]) for row in offers]
        xs = [timestamp(day) + DAY / 2 for day in days]
        totals = [row["yearly_total"] for row in offers]
        self.points.setData(x=xs, y=totals)
        self.set_date_range(self.plot, context, min(days), max(days))
        left, right = self.plot.vb.viewRange()[0]
        if baseline is None:
            self.current.setData(x=[], y=[])
        else:
            self.current.setData(x=[left, right], y=[baseline, baseline])
        values = totals + ([baseline] if baseline is not None else [])
        low, high = min(values), max(values)
        margin = max((high - low) * 0.15, high * 0.05, 1)
        self.plot.setYRange(max(low - margin, 0), high + margin, padding=0)
        for x, day, row in zip(xs, days, offers, strict=True):
            self.hover.add_point(x, row["yearly_total"],
                                 f"{row['company']} — {row['role']}\n{format_money(row['yearly_total'], currency)} a year"
                                 f" · received {day.strftime('%d %b %Y').lstrip('0')}")
        best = max(offers, key=lambda row: row["yearly_total"])
        text = f"<b>Best: {format_money(best['yearly_total'], currency)}</b> a year ({best['company']})"
        if baseline:
            change = round((best["yearly_total"] - baseline) * 100 / baseline)
            text += f" · {abs(change)}% {'above' if change >= 0 else 'below'} your current pay"
        elif baseline is None:
            text += " · set your current pay in File → Settings to compare"
        self.headline.setText(text + f" · {plural(len(offers), 'offer')}")
        return True

    def plotted(self) -> tuple[list[float], list[float], list[float]]:
        """(x, yearly total) of the offer points and the y of the current-pay line ([] when none)."""
        x, y = self.points.getData()
        return list(x), list(y), list(self.current.getData()[1] if self.current.getData()[1] is not None else [])


__all__ = ["InterviewsChart", "NetworkChart", "OffersChart"]
