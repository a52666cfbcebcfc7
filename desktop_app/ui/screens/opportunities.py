"""Opportunities: one role at one company, from the first invitation to its close."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from ...services import records
from ...services.choices import OPPORTUNITY_STATUSES
from ...services.errors import FieldError, ValidationError
from ..bus import ChangeBus
from ..editors import RefEditor
from ..record_list import FilterSpec
from ..record_screen import RecordScreen


class OpportunitiesScreen(RecordScreen):
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

    def _update_company_button(self) -> None:
        record_id, text = self.company_editor.resolve()
        unknown = record_id is None and bool(text)
        self.new_company_button.setVisible(unknown)
        if unknown:
            self.new_company_button.setToolTip(f"Add “{text}” as a new company")

    def record_loaded(self, record_id: int | None) -> None:
        self._update_company_button()

    def create_company(self) -> None:
        record_id, name = self.company_editor.resolve()
        if record_id is not None or not name:
            return
        try:
            change = records.create("company", {"name": name})
        except ValidationError as exc:
            self.form.show_errors([FieldError("company", e.message) for e in exc.errors])
            return
        self.company_editor.set_value(change.primary_id)
        self.company_editor.edited.emit()
        self.bus.publish(change)
        self.message.emit(f"Created company {name}")
        self.form.input("title").setFocus()
