"""The side-by-side comparison of 2–4 offers and the current job, per year, in the display currency.

A small fixed grid of labels (at most five columns and a dozen rows), so each cell can carry two lines:
the amount in the display currency, and under it, muted, the amount in the offer's own currency.
The best yearly total is highlighted; amounts without a rate are flagged and explained below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from ...services import money
from ...services.offer_compare import Amount, Column, Comparison
from ..formatting import choice_text, date_text
from .offers_total import tones

LABEL_WIDTH = 150
COLUMN_WIDTH = 168


@dataclass(frozen=True)
class Cell:
    main: str
    secondary: str = ""
    tone: str = ""  # "good", "bad", "warn", "muted" or "" (normal text)
    bold: bool = False


Row = tuple[str, str, Callable[[Column], Cell]]  # key, label, what a column shows


class CompareDialog(QDialog):
    def __init__(self, comparison: Comparison, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comparison = comparison
        self.cells: dict[tuple[str, int], Cell] = {}
        self.labels: dict[tuple[str, int], QLabel] = {}
        currency = comparison.display_currency
        self.setWindowTitle("Compare offers")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 18, 20, 14)
        outer.setSpacing(10)
        title = QLabel(f"{len(comparison.offers)} offers and your current job, per year in {currency}")
        title.setObjectName("formTitle")
        sub = QLabel("Converted with the exchange rates in File → Settings. Sign-on is one-off and not in the "
                     "totals. Amounts in another currency show it underneath.")
        sub.setObjectName("hint")
        sub.setWordWrap(True)
        outer.addWidget(title)
        outer.addWidget(sub)

        self.table = QFrame()
        self.table.setObjectName("compareTable")
        self.grid = QGridLayout(self.table)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(0)
        self.grid.setVerticalSpacing(0)
        self._style()
        self._fill()
        outer.addWidget(self.table, 1)  # at most five columns and a dozen rows: no scrolling

        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setObjectName("compareNotes")
        warn = tones(self)["warn"]
        self.notes.setText("<br>".join(f"<span style='color:{warn}'>⚠</span> {escape(n)}" for n in comparison.notes))
        self.notes.setVisible(bool(comparison.notes))
        outer.addWidget(self.notes)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("Copy as text")
        self.copy_button.setToolTip("Copy the table, tab-separated, to paste into a spreadsheet or a note")
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), 640), self.sizeHint().height())

    # --- what each row shows --------------------------------------------------------------------

    def _money(self, pick: Callable[[Column], Amount], bold: bool = False) -> Callable[[Column], Cell]:
        shown = self.comparison.display_currency

        def cell(column: Column) -> Cell:
            amount = pick(column)
            if amount.own is None:
                return Cell("—", tone="muted")
            if amount.flagged:
                return Cell(f"{money.format_money(amount.own, amount.currency)} ⚠",
                            f"no {amount.currency} rate", "warn", bold)
            other = money.format_money(amount.own, amount.currency) if amount.currency != shown else ""
            return Cell(money.format_money(amount.display, shown), other, bold=bold)

        return cell

    def _difference(self, column: Column) -> Cell:
        if column.is_current:
            return Cell("")
        if column.difference is None:
            return Cell("—", "not comparable", "muted")
        tone = "good" if column.difference > 0 else "bad" if column.difference < 0 else "muted"
        return Cell(money.format_difference(column.difference, self.comparison.display_currency),
                    money.format_percent(column.difference_percent), tone, bold=True)

    @staticmethod
    def _text(value: str, column: Column, empty: str = "—") -> Cell:
        """Text of an offer; the current job has none (a blank cell, not a dash)."""
        if column.is_current:
            return Cell("")
        return Cell(value) if value else Cell(empty, tone="muted")

    def rows(self) -> list[Row | str]:
        """The table, top to bottom: a str is a section heading."""
        return [
            ("received_on", "Received", lambda c: self._text(date_text(c.received_on), c)),
            ("respond_by", "Respond by", lambda c: self._text(date_text(c.respond_by), c)),
            ("status", "Status", lambda c: self._text(choice_text(c.status), c)),
            ("currency", "Currency", lambda c: Cell(c.currency + (" ⚠" if not c.has_rate else ""),
                                                    tone="warn" if not c.has_rate else "")),
            ("revisions", "Revised", lambda c: self._text(
                "once" if c.revisions == 1 else f"{c.revisions} times" if c.revisions else "", c, "no")),
            "Per year",
            ("base", "Base salary", self._money(lambda c: c.base)),
            ("bonus", "Bonus", self._money(lambda c: c.bonus)),
            ("equity", "Equity", self._money(lambda c: c.equity)),
            ("yearly_total", "Total / year", self._money(lambda c: c.yearly_total, bold=True)),
            ("difference", "Against current job", self._difference),
            "One-off",
            ("sign_on", "Sign-on", lambda c: Cell("") if c.is_current else self._money(lambda x: x.sign_on)(c)),
        ]

    # --- building -------------------------------------------------------------------------------

    def _style(self) -> None:
        palette = self.palette()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        tint = f"rgba({highlight.red()}, {highlight.green()}, {highlight.blue()}, 38)"
        text = palette.color(QPalette.ColorRole.WindowText)
        line = f"rgba({text.red()}, {text.green()}, {text.blue()}, 60)"
        self.table.setStyleSheet(
            f"QLabel {{ padding: 5px 12px; }}"
            f"QLabel[best='true'] {{ background: {tint}; }}"
            f"QLabel[head='true'] {{ padding-top: 8px; padding-bottom: 8px; border-bottom: 1px solid {line}; }}"
            f"QLabel[total='true'] {{ border-top: 1px solid {line}; }}"
            f"QLabel[section='true'] {{ font-weight: 600; padding-top: 12px; border-bottom: 1px solid {line}; }}"
            f"QLabel[rowlabel='true'] {{ color: {tones(self)['muted']}; }}"
        )

    def _label(self, html: str, *, best: bool = False, right: bool = True, **props: bool) -> QLabel:
        label = QLabel(html)
        label.setTextFormat(Qt.TextFormat.RichText)
        horizontal = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
        label.setAlignment(horizontal | Qt.AlignmentFlag.AlignVCenter)
        label.setProperty("best", best)
        for name, value in props.items():
            label.setProperty(name, value)
        return label

    def _fill(self) -> None:
        c = tones(self)
        columns = self.comparison.columns
        best = self.comparison.best_ids
        self.grid.addWidget(self._label("", right=False, head=True), 0, 0)
        self.grid.setColumnMinimumWidth(0, LABEL_WIDTH)
        for i, column in enumerate(columns):
            is_best = column.offer_id in best
            badge = f"<br><span style='color:{c['good']}'>★ Best total</span>" if is_best else ""
            role = escape(column.role) if column.role else "what you have now"
            html = f"<b>{escape(column.company)}</b><br><span style='color:{c['muted']}'>{role}</span>{badge}"
            self.grid.addWidget(self._label(html, best=is_best, head=True), 0, i + 1)
            self.grid.setColumnMinimumWidth(i + 1, COLUMN_WIDTH)
            self.grid.setColumnStretch(i + 1, 1)
        row = 1
        for entry in self.rows():
            if isinstance(entry, str):
                self.grid.addWidget(self._label(escape(entry), right=False, section=True), row, 0)
                for i, column in enumerate(columns):
                    self.grid.addWidget(self._label("", best=column.offer_id in best, section=True), row, i + 1)
                row += 1
                continue
            key, text, show = entry
            total = key == "yearly_total"
            heading = f"<b>{escape(text)}</b>" if total else escape(text)
            self.grid.addWidget(self._label(heading, right=False, rowlabel=not total, total=total), row, 0)
            for i, column in enumerate(columns):
                cell = show(column)
                self.cells[(key, i)] = cell
                label = self._label(self._html(cell, c), best=column.offer_id in best, total=total)
                if cell.tone == "warn":
                    label.setToolTip(f"No exchange rate for {column.currency}: shown in {column.currency} and "
                                     f"left out of the totals and differences")
                self.labels[(key, i)] = label
                self.grid.addWidget(label, row, i + 1)
            row += 1
        self.grid.setRowStretch(row, 1)
        widest = max(self.grid.itemAtPosition(r, i + 1).widget().sizeHint().width()
                     for r in range(row) for i in range(len(columns)))
        for i in range(len(columns)):  # columns of equal width read as a comparison
            self.grid.setColumnMinimumWidth(i + 1, max(widest, COLUMN_WIDTH))

    @staticmethod
    def _html(cell: Cell, c: dict[str, str]) -> str:
        main = escape(cell.main)
        if cell.bold:
            main = f"<b>{main}</b>"
        if cell.tone:
            main = f"<span style='color:{c[cell.tone]}'>{main}</span>"
        if cell.secondary:
            main += f"<br><span style='color:{c['muted']}; font-size:small'>{escape(cell.secondary)}</span>"
        return main

    # --- reading it -----------------------------------------------------------------------------

    def text(self, key: str, column: int) -> str:
        """The main line a cell shows (column 0 is the current job)."""
        return self.cells[(key, column)].main

    def as_text(self) -> str:
        lines = ["\t" + "\t".join(f"{c.company} {c.role}".strip() for c in self.comparison.columns)]
        for entry in self.rows():
            if isinstance(entry, str):
                lines.append(entry)
                continue
            key, label, _show = entry
            values = [self.cells[(key, i)] for i in range(len(self.comparison.columns))]
            lines.append(label + "\t" + "\t".join(
                f"{v.main} ({v.secondary})" if v.secondary else v.main for v in values))
        lines += self.comparison.notes
        return "\n".join(lines)

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.as_text())
