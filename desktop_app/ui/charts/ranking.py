"""Charts of named rows as horizontal bars: the funnel, the weakest topics, company fit."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from .base import Chart, ChartContext, Hover, percent, plural, short

BAR_HEIGHT = 0.64
SCALE_END = 6.3  # a 1-5 scale, with room after 5 for the value written beside a bar


class HorizontalBars(Chart):
    """Rows top to bottom, each a bar from 0 with its value written after it."""

    rows_shown = 10

    def build(self) -> QWidget:
        self.widget = self.graphics()
        self.plot = self.new_plot(self.widget)
        self.plot.showGrid(x=True, y=False)
        self.bars = pg.BarGraphItem(x0=[], y=[], width=[], height=BAR_HEIGHT)
        self.plot.addItem(self.bars)
        self.labels: list[pg.TextItem] = []
        self.hover = Hover(self.plot, self)
        return self.widget

    def style_items(self) -> None:
        self.style_graphics(self.widget, [self.plot])
        self.plot.showGrid(x=True, y=False, alpha=0.3)
        for label in self.labels:
            label.setColor(self.colors.text)

    def _label(self, index: int) -> pg.TextItem:
        while len(self.labels) <= index:  # a pool: labels are made once and reused
            label = pg.TextItem(anchor=(0, 0.5), color=self.colors.text)
            self.plot.addItem(label)
            self.labels.append(label)
        return self.labels[index]

    def draw_rows(self, names: list[str], values: list[float], texts: list[str], hovers: list[str],
                  brushes: list[Any], x_max: float) -> None:
        """Row i (top first) named names[i], a bar of values[i] labelled texts[i]."""
        count = len(names)
        ys = [count - 1 - i for i in range(count)]
        self.bars.setOpts(x0=[0] * count, y=ys, width=values, height=BAR_HEIGHT, brushes=brushes,
                          pen=pg.mkPen(None))
        self.plot.getAxis("left").setTicks([[(y, short(name)) for y, name in zip(ys, names, strict=True)], []])
        self.plot.setYRange(-0.6, count - 0.4, padding=0)
        self.plot.setXRange(0, x_max, padding=0)
        self.hover.clear()
        for i, (y, value, text) in enumerate(zip(ys, values, texts, strict=True)):
            label = self._label(i)
            label.setText(text)
            label.setPos(value + x_max * 0.015, y)
            label.show()
            self.hover.add(0, x_max, y - 0.5, y + 0.5, hovers[i])
        for label in self.labels[count:]:
            label.hide()

    def draw_scale(self, names: list[str], values: list[float], texts: list[str], hovers: list[str]) -> None:
        """Rows on a 1-5 scale, coloured by band: below 2.5, below 3.5, and from 3.5 up."""
        c = self.colors
        brushes = [self.brush(c.reference if v < 2.5 else c.series[1] if v < 3.5 else c.good, 210) for v in values]
        self.draw_rows(names, values, texts, hovers, brushes, SCALE_END)
        self.plot.getAxis("bottom").setTicks([[(v, str(v)) for v in range(0, 6)], []])

    def plotted(self) -> tuple[list[str], list[float]]:
        """(row names top first, bar lengths) as drawn."""
        ticks = self.plot.getAxis("left")._tickLevels  # noqa: SLF001 - what the axis was given
        names = [name for _, name in sorted(ticks[0], key=lambda tick: -tick[0])] if ticks else []
        ys = list(self.bars.opts["y"])
        widths = list(self.bars.opts["width"])
        return names, [w for _, w in sorted(zip(ys, widths, strict=True), key=lambda pair: -pair[0])]

    def label_texts(self) -> list[str]:
        return [label.textItem.toPlainText() for label in self.labels if label.isVisible()]


FUNNEL_STAGES = (("opportunities", "Opportunities"), ("said_yes", "Said yes"), ("interviewed", "Interviewed"),
                 ("offers", "Got an offer"), ("accepted", "Accepted"))


class FunnelChart(HorizontalBars):
    keys = ("funnel",)
    title = "Funnel"
    empty_text = ("Add opportunities — every invitation, whether you said yes or not — to see how they go from "
                  "invitation to interview, offer and acceptance.")

    def draw(self, figures: dict[str, Any], context: ChartContext) -> bool:
        funnel = figures["funnel"]
        total = funnel["opportunities"]
        if not total:
            return False
        names = [name for _, name in FUNNEL_STAGES]
        values = [funnel[key] for key, _ in FUNNEL_STAGES]
        texts = [str(values[0])] + [f"{value} ({percent(value / total)})" for value in values[1:]]
        hovers = [f"{name}: {value} of {plural(total, 'opportunity', 'opportunities')}"
                  for name, value in zip(names, values, strict=True)]
        shades = [self.brush(self.colors.accent, alpha) for alpha in (110, 150, 190, 225, 255)]
        shades[-1] = self.brush(self.colors.good)
        self.draw_rows(names, values, texts, hovers, shades, total * 1.4)  # room for "19 (95%)"
        self.headline.setText(f"<b>Yes rate {percent(funnel['yes_rate'])}</b> · "
                              f"{plural(funnel['offers'], 'offer')} from {plural(total, 'opportunity', 'opportunities')}"
                              f"{' invited in this range' if context.range_start else ''}")
        return True


class TopicsChart(HorizontalBars):
    keys = ("weakest_topics",)
    title = "Weakest topics"
    empty_text = ("Give the questions you were asked a topic and rate your answers (1–5) to see which topics "
                  "need work, worst first.")

    def draw(self, figures: dict[str, Any], context: ChartContext) -> bool:
        topics = figures["weakest_topics"]
        if not topics:
            self.set_note("")
            return False
        shown = topics[: self.rows_shown]
        self.draw_scale([row["topic"] for row in shown], [row["average_quality"] for row in shown],
                        [f"{row['average_quality']:.2f} · {row['questions']}" for row in shown],
                        [f"{row['topic']}: average answer quality {row['average_quality']:.2f} of 5 over "
                         f"{plural(row['questions'], 'question')}" for row in shown])
        worst = shown[0]
        self.headline.setText(f"<b>Weakest: {worst['topic']}</b> ({worst['average_quality']:.2f} of 5 over "
                              f"{plural(worst['questions'], 'question')})")
        more = f"; {len(topics) - len(shown)} more topics" if len(topics) > len(shown) else ""
        self.set_note(f"Average answer quality (1–5) · number of questions{more}.")
        return True


class FitChart(HorizontalBars):
    keys = ("company_fit",)
    title = "Company fit"
    empty_text = ("Score companies against your standards (Companies → Scorecard) to see which fit you best. "
                  "Set up your standards first under Companies → My standards.")

    def draw(self, figures: dict[str, Any], context: ChartContext) -> bool:
        fits = figures["company_fit"]
        if not fits:
            self.set_note("")
            return False
        shown = fits[: self.rows_shown]
        self.draw_scale([row["company"] for row in shown], [row["fit"] for row in shown],
                        [f"{row['fit']:.2f}" for row in shown],
                        [f"{row['company']}: fit {row['fit']:.2f} of 5" for row in shown])
        best = shown[0]
        self.headline.setText(f"<b>Best fit: {best['company']}</b> ({best['fit']:.2f} of 5) · "
                              f"{plural(len(fits), 'company', 'companies')} assessed")
        self.set_note("Weighted score against your active standards (1–5); the range does not apply."
                      + (f" The best {len(shown)} of {len(fits)} are shown." if len(fits) > len(shown) else ""))
        return True


__all__ = ["FitChart", "FunnelChart", "TopicsChart"]
