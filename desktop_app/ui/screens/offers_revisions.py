"""An offer's revisions under its form: the figures it had before each counter-offer, newest first.

records.update keeps the old figures as an offer_revision row whenever the currency or an amount
changes, so recording a counter-offer is: type the new figures, save. The table shows the current
figures on top, then each earlier set, so the way an offer moved reads from top to bottom.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSizePolicy, QTableView, QVBoxLayout, QWidget,
)

from ...services import listing, money, records
from ...services.errors import NotFoundError
from ..formatting import date_text

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (("when", "Revised on"), ("base_salary", "Base / year"), ("bonus", "Bonus / year"),
           ("equity_per_year", "Equity / year"), ("total", "Total / year"), ("sign_on", "Sign-on"), ("note", "Note"))
MONEY_COLUMNS = frozenset({"base_salary", "bonus", "equity_per_year", "total", "sign_on"})
WIDTHS = {"when": 90, "base_salary": 100, "bonus": 96, "equity_per_year": 96, "total": 106, "sign_on": 96}
OPTIONAL = ("bonus", "equity_per_year", "sign_on")  # hidden while no row has one


@dataclass(frozen=True)
class FigureRow:
    when: str  # "Current", or the day the figures were replaced
    currency: str
    base_salary: int | None
    bonus: int | None
    equity_per_year: int | None
    sign_on: int | None
    note: str
    current: bool = False

    @property
    def total(self) -> int:
        return money.yearly_total(self.base_salary, self.bonus, self.equity_per_year)


def _figures(row: dict[str, Any], when: str, note: str, current: bool = False) -> FigureRow:
    return FigureRow(when, row["currency"], row["base_salary"], row["bonus"], row["equity_per_year"],
                     row["sign_on"], note, current)


class RevisionsModel(QAbstractTableModel):
    """The current figures, then the earlier ones (an offer has a handful: they are read at once)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[FigureRow] = []
        self.revision_ids: list[int] = []

    def load(self, offer_id: int | None) -> None:
        self.beginResetModel()
        self.rows, self.revision_ids = [], []
        if offer_id is not None:
            try:
                offer = records.get("offer", offer_id)
            except NotFoundError:
                offer = None
            if offer is not None:
                self.revision_ids = listing.list_ids("offer_revision", filters={"offer": offer_id})
                earlier = [records.get("offer_revision", i) for i in self.revision_ids]
                if earlier:
                    self.rows.append(_figures(offer, "Current", "", current=True))
                    self.rows += [_figures(r, date_text(r["revised_on"]), r["note"] or "") for r in earlier]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self._alignment(COLUMNS[section][0]))
        return None

    @staticmethod
    def _alignment(key: str) -> Qt.AlignmentFlag:
        horizontal = Qt.AlignmentFlag.AlignRight if key in MONEY_COLUMNS else Qt.AlignmentFlag.AlignLeft
        return horizontal | Qt.AlignmentFlag.AlignVCenter

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, key = self.rows[index.row()], COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self._alignment(key))
        if role == Qt.ItemDataRole.FontRole and (row.current or key == "total"):
            font = QFont()
            font.setBold(True)
            return font
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = getattr(row, key)
            if key in MONEY_COLUMNS:
                return money.format_money(value, row.currency)
            return value
        return None

    def first_total_change(self) -> tuple[int, int, str] | None:
        """(first total, current total, currency) when the offer moved in one currency."""
        if len(self.rows) < 2 or self.rows[0].currency != self.rows[-1].currency:
            return None
        return self.rows[-1].total, self.rows[0].total, self.rows[0].currency


class RevisionsPanel(QWidget):
    reviseRequested = Signal()  # "Revise figures": the screen puts the cursor in the base salary

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offer_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        top = QHBoxLayout()
        self.heading = QLabel("Revisions")
        self.heading.setObjectName("sectionTitle")
        self.revise_button = QPushButton("Counter-offer…")
        self.revise_button.setAutoDefault(False)
        self.revise_button.setToolTip("Record a counter-offer or revised figures: type them above and save "
                                      "(Ctrl+S); the current figures are kept here")
        self.revise_button.clicked.connect(self.reviseRequested.emit)
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.revise_button)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.model = RevisionsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        for i, (key, _label) in enumerate(COLUMNS):
            self.view.setColumnWidth(i, WIDTHS.get(key, 60))
        self.view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.view)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        # no taller than its rows: the height left goes to the benefits and notes above
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.set_offer(None)

    def set_offer(self, offer_id: int | None) -> None:
        self.offer_id = offer_id
        self.reload()

    def reload(self) -> None:
        self.model.load(self.offer_id)
        count = len(self.model.revision_ids)
        saved = self.offer_id is not None
        self.revise_button.setEnabled(saved)
        self.heading.setText(f"Revisions ({count})" if count else "Revisions")
        self.view.setVisible(count > 0)
        rows = min(len(self.model.rows), 8)  # as tall as its rows (it scrolls past 8)
        self.view.setFixedHeight(self.view.horizontalHeader().sizeHint().height()
                                 + rows * self.view.verticalHeader().defaultSectionSize() + 2 * self.view.frameWidth())
        keys = [key for key, _label in COLUMNS]
        for key in OPTIONAL:
            empty = all(getattr(row, key) is None for row in self.model.rows)
            self.view.setColumnHidden(keys.index(key), empty)
        change = self.model.first_total_change()
        if change is not None:
            first, now, currency = change
            times = "once" if count == 1 else f"{count} times"
            percent = money.format_percent(money.difference_percent(now, first))
            self.summary.setText(
                f"Revised {times}: the yearly total went from {money.format_money(first, currency)} "
                f"to <b>{money.format_money(now, currency)}</b>" + (f" ({percent})." if percent else ".")
            )
        elif count:
            self.summary.setText(f"Revised {'once' if count == 1 else f'{count} times'} (the currency changed).")
        self.summary.setVisible(count > 0)
        if not saved:
            self.hint.setText("Save the offer first; each counter-offer you record later is kept here.")
        elif count:
            self.hint.setText("Each time you save changed figures, the earlier ones are kept here. "
                              "Undo (Ctrl+Z) takes the last revision back.")
        else:
            self.hint.setText("No revisions yet. For a counter-offer, press Counter-offer…, type the new "
                              "figures and save: the current ones are kept here.")

    def shown_whens(self) -> list[str]:
        return [r.when for r in self.model.rows]
