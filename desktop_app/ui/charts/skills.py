"""Skill levels over time: one line per chosen skill, with its target level as a dashed line.

A level holds from one rating to the next, so each line is a step drawn on to today, with a dot at
each rating; within a range, a skill enters at the level of its last rating before the range.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from ... import settings
from .base import DAY, Chart, ChartContext, Hover, timestamp

CHOICE_KEY = "ui.dashboard_skills"
DEFAULT_SHOWN = 4


def default_choice(skills: list[dict[str, Any]], count: int = DEFAULT_SHOWN) -> list[str]:
    """The skills rated most often (ties by name), at most `count`."""
    rated = [row for row in skills if row["ratings"]]
    rated.sort(key=lambda row: (-len(row["ratings"]), row["skill"].casefold()))
    return [row["skill"] for row in rated[:count]]


def steps(xs: list[float], levels: list[int], end: float) -> tuple[list[float], list[float]]:
    """A level held from each rating to the next, and the last one on to `end`."""
    x_out, y_out = [xs[0]], [float(levels[0])]
    for x, level in zip(xs[1:], levels[1:], strict=True):
        x_out += [x, x]
        y_out += [y_out[-1], float(level)]
    return x_out + [end], y_out + [y_out[-1]]


class SkillsChart(Chart):
    wide = True
    keys = ("skills",)
    title = "Skill levels over time"
    empty_text = ("Rate your skills now and then (Questions & Skills → Skills) — each rating is dated — to see "
                  "your levels climb towards their targets.")

    def header_widgets(self) -> list[QWidget]:
        self.chooser = QToolButton()
        self.chooser.setText("Skills")
        self.chooser.setToolTip("Choose the skills the chart shows")
        self.chooser.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.chooser.setAutoRaise(True)
        self.chooser.setObjectName("chartExport")
        self.menu = QMenu(self.chooser)
        self.chooser.setMenu(self.menu)
        self.chosen: list[str] | None = None  # None: not chosen by the user (the default applies)
        return [self.chooser]

    def build(self) -> QWidget:
        self.widget = self.graphics()
        self.plot = self.new_plot(self.widget, dates=True)
        self.plot.setLabel("left", "Level")
        self.plot.getAxis("left").setTicks([[(v, str(v)) for v in range(1, 6)], []])
        self.plot.setYRange(0.6, 5.4, padding=0)
        self.lines: dict[str, tuple[pg.PlotDataItem, pg.ScatterPlotItem, pg.PlotDataItem]] = {}
        self.hover = Hover(self.plot, self)
        return self.widget

    def style_items(self) -> None:
        self.style_graphics(self.widget, [self.plot])

    def choice(self, skills: list[dict[str, Any]]) -> list[str]:
        if self.chosen is None:
            saved = settings.get_value(CHOICE_KEY)
            self.chosen = list(saved) if isinstance(saved, list) else None
        names = {row["skill"] for row in skills}
        kept = [name for name in (self.chosen or []) if name in names]
        return kept if self.chosen is not None else default_choice(skills)

    def _fill_menu(self, skills: list[dict[str, Any]], shown: list[str]) -> None:
        self.menu.clear()
        for row in skills:
            count = len(row["ratings"])
            action = QAction(f"{row['skill']}  ({count} in range)" if count else row["skill"], self.menu)
            action.setCheckable(True)
            action.setChecked(row["skill"] in shown)
            action.toggled.connect(lambda on, name=row["skill"]: self.toggle(name, on))
            self.menu.addAction(action)
        self.chooser.setText(f"Skills ({len(shown)}/{len(skills)})")
        self.chooser.setToolTip(f"Choose the skills the chart shows: {len(shown)} of {len(skills)} shown")

    def toggle(self, name: str, on: bool) -> None:
        """Show or hide one skill's line; the choice is kept for next time."""
        if self._last is None:
            return
        chosen = [n for n in self.choice(self._last[0]["skills"]) if n != name]
        self.chosen = chosen + [name] if on else chosen
        settings.set_value(CHOICE_KEY, self.chosen)
        QTimer.singleShot(0, self._render)  # not while the menu is still handling the click

    def _line(self, name: str) -> tuple[pg.PlotDataItem, pg.ScatterPlotItem, pg.PlotDataItem]:
        if name not in self.lines:
            line = pg.PlotDataItem(x=[], y=[])
            dots = pg.ScatterPlotItem(x=[], y=[], size=7)
            target = pg.PlotDataItem(x=[], y=[])
            for item in (target, line, dots):
                self.plot.addItem(item)
            self.lines[name] = (line, dots, target)
        return self.lines[name]

    def draw(self, figures: dict[str, Any], context: ChartContext) -> bool:
        skills = figures["skills"]
        shown = self.choice(skills)
        self._fill_menu(skills, shown)
        by_name = {row["skill"]: row for row in skills}
        drawn = [by_name[name] for name in shown if by_name[name]["ratings"]]
        self.hover.clear()
        legend: list[tuple[str, str, str]] = []
        for name in list(self.lines):
            if name not in {row["skill"] for row in drawn}:
                for item in self.lines.pop(name):
                    self.plot.removeItem(item)
        self.chooser.setVisible(bool(skills))
        if not drawn:
            self.set_legend([])
            return False
        days = [dt.date.fromisoformat(r["date"]) for row in drawn for r in row["ratings"]]
        self.set_date_range(self.plot, context, min(days), max(days))
        left, right = self.plot.vb.viewRange()[0]
        colors = self.colors.series
        reached, best = 0, ("", 0)
        for index, row in enumerate(drawn):
            color = colors[index % len(colors)]
            line, dots, target = self._line(row["skill"])
            xs = [timestamp(dt.date.fromisoformat(r["date"])) + DAY / 2 for r in row["ratings"]]
            levels = [r["level"] for r in row["ratings"]]
            line.setData(*steps(xs, levels, max(right, xs[-1])))
            line.setPen(pg.mkPen(color, width=2))
            dots.setData(x=xs, y=levels)
            dots.setBrush(self.brush(color))
            dots.setPen(pg.mkPen(self.colors.background))
            legend.append((color, row["skill"], "line"))
            if row["target"] is not None:
                target.setData(x=[left, right], y=[row["target"], row["target"]])
                target.setPen(pg.mkPen(color, width=1, style=Qt.PenStyle.DashLine))
                reached += levels[-1] >= row["target"]
            else:
                target.setData(x=[], y=[])
            for x, r in zip(xs, row["ratings"], strict=True):
                goal = f" (target {row['target']})" if row["target"] is not None else ""
                self.hover.add_point(x, r["level"], f"{row['skill']}: level {r['level']} on {r['date']}{goal}")
            if levels[-1] - levels[0] > best[1]:
                best = (row["skill"], levels[-1] - levels[0])
        self.set_legend(legend + [(self.colors.muted, "target", "dash")])
        with_target = sum(row["target"] is not None for row in drawn)
        text = f"<b>{reached} of {with_target} shown skills at their target</b>" if with_target else \
            f"<b>{len(drawn)} skills shown</b>"
        if best[1] > 0:
            text += f" · most improved: {best[0]} (+{best[1]})"
        self.headline.setText(text)
        return True

    def plotted(self) -> dict[str, tuple[list[float], list[float], list[float]]]:
        """Per drawn skill: its ratings' x and levels (the dots), and the target line's y ([] without one)."""
        result = {}
        for name, (_line, dots, target) in self.lines.items():
            x, y = dots.getData()
            ty = target.getData()[1]
            result[name] = (list(x), list(y), list(ty) if ty is not None else [])
        return result


__all__ = ["SkillsChart", "default_choice"]
