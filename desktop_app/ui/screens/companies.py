"""Companies: every company seen from the inside, its scorecard against my standards, and its links.

Under the form: the scorecard with the weighted fit (companies_scorecard), then the company's
opportunities and contacts (companies_links). My standards are edited in their own window
(standards), and a company entered twice is merged into the one to keep (companies_merge).
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services import company_list, listing, records
from ...services.changes import Change
from ...services.errors import DeleteRefusedError, NotFoundError
from .. import dialogs
from ..bus import ChangeBus
from ..formatting import join_counts
from ..record_screen import RecordScreen
from .companies_links import LinksPanel
from .companies_merge import MergeDialog
from .companies_scorecard import ScorecardPanel
from .standards import STANDARDS_SHORTCUT, StandardsDialog

MERGE_SHORTCUT = "Ctrl+Shift+M"
ALL_INDUSTRIES = "All industries"


class CompaniesScreen(RecordScreen):
    key = "companies"
    title = "Companies"
    kind_name = "company"
    tables = frozenset({"company", "opportunity", "contact", "score", "criterion"})
    form_fields = ("name", "website", "industry", "size_band", "location",
                   "notes", "strengths", "weaknesses", "red_flags")
    form_wide = ("name", "website")
    list_share = 0.5
    column_widths = {"name": 140, "industry": 104, "size_band": 66, "location": 100, "opportunities": 90}
    empty_text = (
        "Every company you interview with is a look inside: how they build, how they treat people, "
        "what they pay. Note its strengths, weaknesses and red flags, and score it against your own "
        "standards (My standards…, Ctrl+Shift+S) to get a weighted fit — every company seen from the "
        "inside sharpens your standards for what a good workplace is.\n\n"
        "Add your first with New company (Ctrl+N); companies you type on an opportunity appear here too."
    )

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.standards_dialog: StandardsDialog | None = None
        self.merge_dialog: MergeDialog | None = None

        self.industry_box = QComboBox()
        self.industry_box.setAccessibleName(ALL_INDUSTRIES)
        self.industry_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.industry_box.setMaximumWidth(180)
        self.industry_box.addItem(ALL_INDUSTRIES, None)
        self.list.add_filter_box(company_list.INDUSTRY_FILTER, self.industry_box)

        self.merge_button = QPushButton("Merge into…")
        self.merge_button.setAutoDefault(False)
        self.merge_button.setToolTip(f"This company was entered twice: merge it into the other one ({MERGE_SHORTCUT})")
        self.merge_button.clicked.connect(self.merge_current)
        bar = self._layout_holding(self.buttons["delete"])
        bar.insertWidget(bar.indexOf(self.buttons["delete"]) + 1, self.merge_button)

        self.empty_standards_button = QPushButton("My standards…")
        self.empty_standards_button.setToolTip(f"What a good workplace means to you ({STANDARDS_SHORTCUT})")
        self.empty_standards_button.clicked.connect(self.open_standards)
        card = self._layout_holding(self.empty_button)
        index = card.indexOf(self.empty_button)
        card.removeWidget(self.empty_button)
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.empty_button)
        row.addWidget(self.empty_standards_button)
        assert isinstance(card, QVBoxLayout)
        card.insertWidget(index, buttons, 0, Qt.AlignmentFlag.AlignLeft)

        for keys, slot, what in (
            (STANDARDS_SHORTCUT, self.open_standards, "My standards: the criteria companies are scored on"),
            (MERGE_SHORTCUT, self.merge_current, "Merge the company shown into another (entered twice)"),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setWhatsThis(what)
        self._update_merge_button()

    def _layout_holding(self, widget: QWidget) -> QLayout:
        """The layout a button of RecordScreen sits in (its button bar, its empty-state card).

        Layouts are searched as QObjects: asking a layout for its items would make Python wrappers of
        QLayoutItems, which C++ deletes behind PySide's back."""
        owner = widget.parentWidget()
        for layout in [owner.layout(), *owner.findChildren(QLayout)]:
            if layout is not None and layout.indexOf(widget) >= 0:
                return layout
        raise LookupError("widget not in a layout")

    def build_extras(self) -> QWidget | None:
        extras = QWidget()
        layout = QVBoxLayout(extras)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)
        self.scorecard = ScorecardPanel(self.bus.publish)
        self.scorecard.standardsRequested.connect(self.open_standards)
        self.links = LinksPanel()
        self.links.openRequested.connect(self.openRequested.emit)
        layout.addWidget(self.scorecard)
        layout.addWidget(self.links)
        layout.addStretch(1)
        return extras

    # --- what is shown --------------------------------------------------------------------------

    def record_loaded(self, record_id: int | None) -> None:
        self.scorecard.set_company(record_id)
        self.links.set_company(record_id)
        self.links.setVisible(record_id is not None)
        self._update_merge_button()

    def _fill_industries(self) -> None:
        """The filter offers the industries in the data; the one chosen stays chosen."""
        chosen = self.industry_box.currentData()
        names = company_list.industries()
        if chosen is not None and chosen not in names:
            names.append(chosen)
        with QSignalBlocker(self.industry_box):
            self.industry_box.clear()
            self.industry_box.addItem(ALL_INDUSTRIES, None)
            for name in names:
                self.industry_box.addItem(name, name)
            self.industry_box.setCurrentIndex(max(self.industry_box.findData(chosen), 0))

    def refresh(self, change: Change | None) -> None:
        if change is None or "company" in change.tables:
            self._fill_industries()
        super().refresh(change)
        if change is None or change.tables & {"score", "criterion", "opportunity", "contact"}:
            self.scorecard.set_company(self.form.record_id)
            self.links.set_company(self.form.record_id)
        self._update_merge_button()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "merge_button"):
            self._update_merge_button()

    def _update_merge_button(self) -> None:
        self.merge_button.setEnabled(self.record_pages.currentIndex() == 1 and self.form.record_id is not None)

    # --- standards ------------------------------------------------------------------------------

    def open_standards(self) -> None:
        if self.standards_dialog is None:
            window = self.window()
            self.standards_dialog = StandardsDialog(
                self.bus, getattr(window, "undo", self.bus.undo), getattr(window, "redo", self.bus.redo), self)
            self.standards_dialog.editor.message.connect(self.message.emit)
        self.standards_dialog.show()
        self.standards_dialog.raise_()
        self.standards_dialog.activateWindow()

    # --- merge and delete -----------------------------------------------------------------------

    def merge_current(self) -> None:
        record_id = self.form.record_id
        if record_id is None or not self._resolve_unsaved():
            return
        if self.merge_dialog is not None:
            self.merge_dialog.deleteLater()
        self.merge_dialog = MergeDialog(record_id, self)
        self.merge_dialog.merged.connect(self._merged)
        self.merge_dialog.open()

    def _merged(self, change: Change, keep_id: int) -> None:
        self.bus.publish(change)
        self.list.clear_query_for(keep_id)
        self.show_record(keep_id)
        self.window().activateWindow()
        self.list.view.setFocus()
        self.message.emit(f"Merged into {listing.ref_label('company', keep_id)}")

    def delete_current(self) -> None:
        record_id = self.form.record_id
        if record_id is None:
            return
        try:
            records.delete_impact(self.kind_name, record_id)
        except DeleteRefusedError as exc:
            self._offer_merge(exc)
            return
        except NotFoundError:
            pass
        super().delete_current()

    def _offer_merge(self, refused: DeleteRefusedError) -> None:
        name = self.form_title.text() or "This company"
        text = (
            f"“{name}” still has {join_counts(refused.blockers)}, so it cannot be deleted on its own.\n\n"
            "If it is the same company as another one (entered twice), merge it into that one: everything "
            "moves there and nothing is lost. Otherwise move or delete them first.\n\n"
            f"Merge “{name}” into another company now?"
        )
        if dialogs.confirm(self, "Cannot delete this company", text):
            self.merge_current()
