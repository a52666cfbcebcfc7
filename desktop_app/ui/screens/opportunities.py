"""Opportunities: one role at one company, from the first invitation to its close.

Two views: the list beside the form, and the board (columns by status, cards moved by drag or keys);
Ctrl+B switches between them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from ...services.changes import Change
from ...services.choices import OPPORTUNITY_STATUSES
from ..bus import ChangeBus
from ..editors import RefEditor
from ..record_list import FilterSpec
from ..record_screen import RecordScreen
from ..screen import SwitchedViews
from .opportunity_board import OpportunityBoard

LIST, BOARD = 0, 1
SWITCH_SHORTCUT = "Ctrl+B"
BOARD_HINT = "Drag a card to another column, or select it and press Ctrl+← / Ctrl+→.  Enter opens it."


class OpportunitiesScreen(SwitchedViews, RecordScreen):
    key = "opportunities"
    title = "Opportunities"
    kind_name = "opportunity"
    tables = frozenset({"opportunity", "company", "interview"})
    filter_specs = (FilterSpec("status", "All statuses", OPPORTUNITY_STATUSES),)
    form_fields = (
        "company", "title", "status", "source", "invited_on", "said_yes", "seniority", "work_mode",
        "salary_min", "salary_max", "salary_currency", "link", "tech_stack", "closed_on",
        "notes", "job_description", "close_reason",
    )
    form_wide = ("company", "title", "link", "tech_stack")
    column_widths = {"company": 145, "title": 185, "status": 95, "source": 130, "invited_on": 92,
                     "said_yes": 66, "work_mode": 72, "interviews": 80}
    column_order = ("company", "title", "status", "invited_on", "interviews", "said_yes", "source", "work_mode")
    empty_text = (
        "An opportunity is one role at one company: a recruiter's message, a referral, an ad you "
        "answered. Keep each one here from the first invitation to its close — every yes is a chance "
        "to learn what you are worth.\n\nAdd your first one with New opportunity (Ctrl+N)."
    )

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.period_filter = self.list.add_period_filter()
        self.company_editor = self.form.editor("company")
        assert isinstance(self.company_editor, RefEditor)
        self.new_company_button = QPushButton("Add new company")
        self.new_company_button.setAutoDefault(False)
        self.new_company_button.setToolTip("Add the company you typed as a new company")
        self.new_company_button.clicked.connect(self.create_company)
        self.form.add_beside("company", self.new_company_button)
        self.form.missing_hints["company"] = "press Add new company to add it"
        self.company_editor.edited.connect(self._update_company_button)
        self._update_company_button()
        self._build_views()

    # --- list and board -------------------------------------------------------------------------

    def _build_views(self) -> None:
        outer = self.layout()
        outer.removeWidget(self.pages)
        self.board = OpportunityBoard(self.bus)
        self.board.openRequested.connect(self.open_from_board)
        self.board.message.connect(self.message.emit)
        self.board.deleteRequested.connect(self.delete_current)
        self._board_stale = True
        bar = self._build_switch((("List", "The list beside the form", self.pages),
                                  ("Board", "Columns by status", self.board)), SWITCH_SHORTCUT)
        self.board_hint = QLabel(BOARD_HINT)
        self.board_hint.setObjectName("hint")
        bar.setSpacing(12)
        bar.addWidget(self.board_hint, 1)
        bar.addStretch(1)  # keeps the switch compact while the hint is hidden
        outer.addLayout(bar)
        outer.addWidget(self.views)
        self.board_hint.hide()

    def view_shown(self, index: int) -> None:
        self.board_hint.setVisible(index == BOARD)
        if index == BOARD:
            if self._board_stale:
                self._board_stale = False
                self.board.refresh()
            self.board.select(self.form.record_id)
            self.board.focus_board()
        else:
            record_id = self.board.current_id()
            if record_id is not None and record_id != self.form.record_id:
                self.show_record(record_id)
            self.list.view.setFocus()

    def open_from_board(self, record_id: int) -> None:
        self.set_view(LIST)
        if self.open_record("opportunity", record_id):
            self.form.focus_first()

    def refresh(self, change: Change | None) -> None:
        super().refresh(change)
        if self.view_index == BOARD:
            self._board_stale = False
            self.board.refresh()
        else:
            self._board_stale = True

    def delete_current(self) -> None:
        if self.view_index == BOARD:
            record_id = self.board.current_id()
            if record_id is None or not self.show_record(record_id):
                return
        super().delete_current()
        if self.view_index == BOARD:
            self.board.focus_board()

    # --- the company of a new opportunity -------------------------------------------------------

    def _update_company_button(self) -> None:
        record_id, text = self.company_editor.resolve()
        unknown = record_id is None and bool(text)
        self.new_company_button.setVisible(unknown)
        if unknown:
            self.new_company_button.setToolTip(f"Add “{text}” as a new company")

    def record_loaded(self, record_id: int | None) -> None:
        self._update_company_button()

    def create_company(self) -> None:
        self.create_typed_company("company", "title")
