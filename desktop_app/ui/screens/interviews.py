"""Interviews: each round of an opportunity, with its interviewers and the questions asked shown inline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ...services import listing, records
from ...services.changes import Change
from ...services.choices import OUTCOMES, STAGES
from ...services.errors import NotFoundError
from ..bus import ChangeBus
from ..editors import RefEditor
from ..formatting import choice_text
from ..record_list import FilterSpec
from ..record_screen import RecordScreen
from .interview_people import InterviewersPanel
from .interview_questions import QuestionsPanel


class InterviewsScreen(RecordScreen):
    key = "interviews"
    title = "Interviews"
    kind_name = "interview"
    tables = frozenset({"interview", "opportunity", "company", "question", "interview_contact", "contact"})
    filter_specs = (
        FilterSpec("stage", "All stages", STAGES),
        FilterSpec("outcome", "All outcomes", OUTCOMES),
    )
    form_fields = (
        "opportunity", "scheduled_on", "scheduled_time", "duration_minutes", "stage", "format", "outcome",
        "confidence_before", "self_rating_after", "employer_rating", "prep_notes", "debrief_notes",
        "employer_feedback",
    )
    form_wide = ("opportunity",)
    list_share = 0.47
    column_widths = {"scheduled_on": 92, "scheduled_time": 52, "company": 135, "role": 165, "stage": 115,
                     "format": 70, "outcome": 80, "self_rating_after": 90}
    empty_text = (
        "Every interview pays, whatever its outcome. Log each round here — when it is, how confident "
        "you were, how it went, what they said — and the questions they asked, so your gaps become "
        "a study plan and your self-assessment meets the employers' verdicts.\n\n"
        "Each interview belongs to an opportunity (Ctrl+2). Add your first interview with "
        "New interview (Ctrl+N) and type the company to pick it."
    )

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.period_filter = self.list.add_period_filter()
        self.opportunity_editor = self.form.editor("opportunity")
        assert isinstance(self.opportunity_editor, RefEditor)
        self.company_button = QPushButton("Open company")
        self.company_button.setAutoDefault(False)
        self.company_button.setToolTip("Open the company of this opportunity (on the Companies screen)")
        self.company_button.clicked.connect(self.open_company)
        self.form.add_beside("opportunity", self.company_button)
        self.opportunity_editor.edited.connect(self._update_company_button)
        self._update_company_button()

    def build_extras(self) -> QWidget | None:
        extras = QWidget()
        layout = QVBoxLayout(extras)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        self.interviewers = InterviewersPanel(self.bus)
        self.interviewers.openRequested.connect(self.openRequested)
        self.interviewers.message.connect(self.message)
        self.questions = QuestionsPanel(self.bus)
        layout.addWidget(self.interviewers)
        layout.addWidget(self.questions, 1)
        return extras

    def _update_company_button(self) -> None:
        self.company_button.setEnabled(self.opportunity_editor.value() is not None)

    def open_company(self) -> None:
        opportunity_id = self.opportunity_editor.value()
        if opportunity_id is None:
            return
        try:
            company_id = records.get("opportunity", opportunity_id)["company"]
        except NotFoundError:
            return
        self.openRequested.emit("company", company_id)

    def new_defaults(self) -> dict[str, Any]:
        """A new round starts today, for the opportunity of the interview shown (the next round)."""
        values: dict[str, Any] = {"scheduled_on": dt.date.today()}
        if self.form.record_id is not None:
            try:
                values["opportunity"] = records.get("interview", self.form.record_id)["opportunity"]
            except NotFoundError:
                pass
        return values

    def record_title(self, record_id: int) -> str:
        interview = records.get("interview", record_id)
        when = f"{interview['scheduled_on']}" + (f" {interview['scheduled_time']}" if interview["scheduled_time"] else "")
        return f"{choice_text(interview['stage'])} · {when} · {listing.ref_label('opportunity', interview['opportunity'])}"

    def record_loaded(self, record_id: int | None) -> None:
        self._update_company_button()
        self.interviewers.set_interview(record_id)
        self.questions.set_interview(record_id)

    def refresh(self, change: Change | None) -> None:
        super().refresh(change)
        if change is None:
            self.interviewers.reload()
            self.questions.reload()
        else:
            self.interviewers.on_change(change)
            self.questions.on_change(change)
