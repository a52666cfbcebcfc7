"""Offers: each offer with its yearly total, its counter-offers kept as revisions, and a comparison.

A counter-offer is recorded by typing the new figures and saving: records.update keeps the earlier
ones as a revision, and the step is named "revise offer" in the Edit menu, so Ctrl+Z takes it back.
Select 2–4 offers in the list (Ctrl+click, Shift+click) and press Compare to see them side by side
with the current job in the display currency.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QWidget

from ... import settings
from ...services import listing, offer_compare, records
from ...services.changes import Change
from ...services.choices import OFFER_STATUSES
from ...services.errors import ServiceError
from .. import dialogs
from ..bus import ChangeBus
from ..formatting import date_text
from ..record_list import FilterSpec
from ..record_screen import RecordScreen
from .offer_compare_dialog import CompareDialog
from .offers_revisions import RevisionsPanel
from .offers_total import OfferTotal

COMPARE_SHORTCUT = "Ctrl+Shift+C"
FIGURES = ("currency", "base_salary", "bonus", "equity_per_year", "sign_on")


class OffersScreen(RecordScreen):
    key = "offers"
    title = "Offers"
    kind_name = "offer"
    tables = frozenset({"offer", "offer_revision", "opportunity", "company", "setting"})
    filter_specs = (FilterSpec("status", "All statuses", OFFER_STATUSES),)
    form_fields = (  # the amounts of the yearly total one under the other, its live sum below them
        "opportunity", "received_on", "respond_by", "status", "work_mode", "base_salary", "currency", "bonus",
        "sign_on", "equity_per_year", "benefits", "notes",
    )
    form_wide = ("opportunity",)
    list_share = 0.5
    column_widths = {"company": 108, "role": 112, "received_on": 84, "currency": 66, "base_salary": 80,
                     "yearly_total": 86, "status": 86}
    empty_text = (
        "An offer in hand is a safety net in a downturn and leverage in a salary negotiation. Keep "
        "each one here with its figures per year; a counter-offer keeps the earlier figures as a "
        "revision. Select two to four offers to compare them side by side with your current job.\n\n"
        "Each offer belongs to an opportunity (Ctrl+2). Add your first one with New offer (Ctrl+N)."
    )

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self._settings = settings.load()
        self.total = OfferTotal()
        layout = self.form.layout()
        layout.insertWidget(2, self.total)  # after the short fields' grid, before the long texts
        for name in FIGURES:
            self.form.editor(name).edited.connect(self._update_total)

        self.open_opportunity_button = QPushButton("Open")
        self.open_opportunity_button.setAutoDefault(False)
        self.open_opportunity_button.setToolTip("Show this offer's opportunity")
        self.open_opportunity_button.clicked.connect(self.open_opportunity)
        self.form.add_beside("opportunity", self.open_opportunity_button)
        self.form.editor("opportunity").edited.connect(self._update_link)

        self.list.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.compare_button = QPushButton("Compare…")
        self.compare_button.setAutoDefault(False)
        self.compare_button.clicked.connect(self.compare_selected)
        self.list.footer.insertWidget(1, self.compare_button)
        self.list.view.selectionModel().selectionChanged.connect(lambda *_: self._update_compare())
        self.model.modelReset.connect(self._update_compare)
        self.compare_shortcut = QShortcut(QKeySequence(COMPARE_SHORTCUT), self, self.compare_selected)
        self.compare_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.compare_shortcut.setWhatsThis("Compare the offers selected in the list")
        self.compare_dialog: CompareDialog | None = None
        self._update_compare()
        self._update_total()

    # --- hooks ----------------------------------------------------------------------------------

    def build_extras(self) -> QWidget | None:
        self.revisions = RevisionsPanel()
        self.revisions.reviseRequested.connect(self.start_revision)
        return self.revisions

    def new_defaults(self) -> dict[str, Any]:
        return {"received_on": dt.date.today(), "currency": self._settings.display_currency}

    def record_title(self, record_id: int) -> str:
        offer = records.get("offer", record_id)
        return f"{listing.ref_label('opportunity', offer['opportunity'])} · {date_text(offer['received_on'])}"

    def record_loaded(self, record_id: int | None) -> None:
        self.revisions.set_offer(record_id)
        self._update_total()
        self._update_link()

    def name_change(self, change: Change) -> None:
        if change.ids("offer_revision", "create"):
            change.label = "revise offer"

    def refresh(self, change: Change | None) -> None:
        if change is None or "setting" in change.tables:
            self._settings = settings.load()
        super().refresh(change)
        self.revisions.reload()
        self._update_total()
        self._update_compare()

    # --- the form -------------------------------------------------------------------------------

    def _update_total(self) -> None:
        editor = self.form.editor
        self.total.show_figures(editor("currency").value(), *(editor(n).value() for n in FIGURES[1:]),
                                settings=self._settings)

    def _update_link(self) -> None:
        self.open_opportunity_button.setEnabled(self.form.editor("opportunity").value() is not None)

    def open_opportunity(self) -> None:
        opportunity = self.form.editor("opportunity").value()
        if opportunity is not None:
            self.openRequested.emit("opportunity", opportunity)

    def start_revision(self) -> None:
        """A counter-offer: the cursor goes to the figures; saving keeps the current ones as a revision."""
        if self.form.record_id is None:
            return
        base = self.form.input("base_salary")
        base.setFocus(Qt.FocusReason.ShortcutFocusReason)
        base.selectAll()
        self.message.emit("Type the new figures and save (Ctrl+S): the current ones are kept as a revision")

    # --- comparing ------------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.list.view.selectionModel().selectedRows())
        return [i for i in (self.model.id_at(r) for r in rows) if i is not None]

    def _update_compare(self) -> None:
        count = len(self.selected_ids())
        low, high = offer_compare.MIN_OFFERS, offer_compare.MAX_OFFERS
        fits = low <= count <= high
        self.compare_button.setEnabled(fits)
        self.compare_button.setText(f"Compare {count}…" if fits else "Compare…")
        how = f"Select {low} to {high} offers with Ctrl+click or Shift+click, then Compare ({COMPARE_SHORTCUT})"
        self.compare_button.setToolTip(
            f"Compare the {count} selected offers with your current job ({COMPARE_SHORTCUT})" if fits else how)

    def compare_selected(self) -> None:
        try:
            comparison = offer_compare.compare(self.selected_ids(), settings.load())
        except ServiceError as exc:
            dialogs.info(self, "Compare offers", f"{exc}\n\nSelect them in the list with Ctrl+click or "
                                                 f"Shift+click, then press Compare ({COMPARE_SHORTCUT}).")
            return
        dialog = CompareDialog(comparison, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget_dialog)
        self.compare_dialog = dialog
        dialog.open()

    def _forget_dialog(self) -> None:
        self.compare_dialog = None
