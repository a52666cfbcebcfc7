"""Axes that label what SayYes plots: months ("Apr ’25", "May" ...), whole counts, money ("85k")."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyqtgraph as pg

MONTH_STEPS = (1, 2, 3, 6, 12)
MONTH_LABEL_PX = 40  # room one month label needs


def _month_index(seconds: float) -> int:
    day = dt.datetime.fromtimestamp(seconds, dt.UTC).date()
    return day.year * 12 + day.month - 1


def _month_seconds(index: int) -> float:
    return dt.datetime(index // 12, index % 12 + 1, 1, tzinfo=dt.UTC).timestamp()


class MonthAxis(pg.AxisItem):
    """A date axis (seconds since 1970, UTC) ticked at the first of months (or their middles), every 1, 2, 3,
    6 or 12 months as room allows; the year shows at the first tick and at each January."""

    def __init__(self, orientation: str = "bottom", *, centred: bool = False, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)
        self.centred = centred  # a label under the middle of each month (its bar), not at its first day

    def _position(self, index: int) -> float:
        if not self.centred:
            return _month_seconds(index)
        return (_month_seconds(index) + _month_seconds(index + 1)) / 2

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:  # noqa: N802, N803
        if maxVal <= minVal or size <= 0:
            return []
        first, last = _month_index(minVal), _month_index(maxVal)
        months = max(last - first + 1, 1)
        step = next((s for s in MONTH_STEPS if size / (months / s) >= MONTH_LABEL_PX), 12)
        start = first + (-first % step)  # a multiple of the step: Jan, Apr, Jul, Oct for quarters
        margin = (maxVal - minVal) * MONTH_LABEL_PX / 2 / size  # a label there would not fit: pyqtgraph drops it
        values = [self._position(i) for i in range(start, last + 1, step)
                  if minVal + margin <= self._position(i) <= maxVal - margin]
        return [(step * 30 * 86400.0, values)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        labels = []
        for n, value in enumerate(values):
            day = dt.datetime.fromtimestamp(value, dt.UTC).date()
            label = day.strftime("%b")
            if n == 0 or day.month == 1 or spacing >= 360 * 86400:
                label += f" ’{day.year % 100:02d}"
            labels.append(label)
        return labels


class CountAxis(pg.AxisItem):
    """Ticks only at whole numbers (no "0.5 interviews")."""

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:  # noqa: N802, N803
        levels = super().tickSpacing(minVal, maxVal, size)
        whole = [(max(1.0, round(spacing)), offset) for spacing, offset in levels if spacing >= 0.999]
        return whole[:1] or [(1.0, 0.0)]


def money_ticks(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    if abs(value) >= 1_000:
        return f"{value / 1_000:.0f}k"
    return f"{value:.0f}"


class MoneyAxis(pg.AxisItem):
    """Whole currency amounts written short: 85k, 1.2M."""

    def __init__(self, orientation: str = "left", **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        return [money_ticks(value * scale) for value in values]


__all__ = ["CountAxis", "MoneyAxis", "MonthAxis", "money_ticks"]
