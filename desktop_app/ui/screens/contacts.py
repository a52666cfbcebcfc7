"""Contacts: the people met in interviews and elsewhere, with the conversations since and the next follow-up.

Under the form: the contact's interactions (added and edited inline) and the interviews they took part
in. A contact entered twice is merged into the other ("Merge into…"), in one undoable step.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from ...services import listing, people, records
from ...services.changes import Change
from ...services.errors import NotFoundError
from ..bus import ChangeBus
from ..editors import RefEditor
from ..record_list import FilterSpec
from ..record_screen import RecordScreen
from ..table_model import Index, RecordTableModel
from ..theme import colors
from .contacts_interactions import InteractionsPanel
from .contacts_interviews import ContactInterviewsPanel
from .contacts_merge import MergeDialog, confirm_and_merge


class ContactListModel(RecordTableModel):
    """The contact list, with follow-ups that are due shown in red."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() \
                and self.columns[index.column()].key == "next_follow_up":
            values = self._row(index.row())
            day = values[index.column()] if values else None
            if isinstance(day, dt.date) and day <= dt.date.today():
                app = QApplication.instance()
                return QBrush(QColor(colors(str(app.property("sayyesTheme") or "light"))["error"]))
            return None
        return super().data(index, role)


class ContactsScreen(RecordScreen):
    key = "contacts"
    title = "Contacts"
    kind_name = "contact"
    model_class = ContactListModel
    tables = frozenset({"contact", "company", "interaction", "interview_contact", "interview", "opportunity"})
    filter_specs = (FilterSpec(people.FOLLOW_UP_FILTER, "All contacts", (people.FOLLOW_UP_DUE,)),)
    form_fields = (
        "name", "company", "role", "email", "phone", "profile_link", "how_met", "met_on", "relationship",
        "next_follow_up", "notes",
    )
    form_wide = ("how_met",)
    list_share = 0.46
    column_widths = {"name": 135, "company": 120, "role": 90, "met_on": 88, "next_follow_up": 88}
    column_order = ("name", "company", "next_follow_up", "met_on", "role")
    empty_text = (
        "Every interview grows your network, whatever its outcome: the people who interview you are "
        "future colleagues, referrers and hiring managers. Keep them here — where you met, what you "
        "talked about since, and when to get back in touch.\n\n"
        "Interviewers you add to an interview (Ctrl+3) appear here by themselves. Add someone you met "
        "elsewhere with New contact (Ctrl+N)."
    )

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.company_editor = self.form.editor("company")
        self.how_met_editor = self.form.editor("how_met")
        assert isinstance(self.company_editor, RefEditor) and isinstance(self.how_met_editor, RefEditor)
        self.new_company_button = self._side_button("Add new company", self.create_company, "company")
        self.form.missing_hints["company"] = "press Add new company to add it"
        self.company_editor.edited.connect(self._update_links)
        self.met_at_button = self._side_button("Open interview", self.open_met_at, "how_met")
        self.how_met_editor.edited.connect(self._on_how_met_edited)
        # a pick from the pop-up reaches the line after the signal: look once it is there
        self.how_met_editor.completer.activated[str].connect(
            lambda _t: QTimer.singleShot(0, self._on_how_met_edited))
        self.merge_button = QPushButton("Merge into…")
        self.merge_button.setAutoDefault(False)
        self.merge_button.setToolTip("This contact was entered twice: merge it into the other one")
        self.merge_button.clicked.connect(self.merge_current)
        bar = self.button_bar
        bar.insertWidget(bar.indexOf(self.buttons["delete"]) + 1, self.merge_button)
        self.merge_dialog: MergeDialog | None = None
        self._update_links()
        self._update_buttons()

    def _side_button(self, text: str, slot: Any, field: str) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _c=False: slot())
        self.form.add_beside(field, button)
        return button

    def build_extras(self) -> QWidget | None:
        extras = QWidget()
        layout = QVBoxLayout(extras)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        self.interactions = InteractionsPanel(self.bus)
        self.interviews = ContactInterviewsPanel()
        self.interviews.openRequested.connect(self.openRequested)
        layout.addWidget(self.interactions, 1)
        layout.addWidget(self.interviews)
        return extras

    def new_defaults(self) -> dict[str, Any]:
        return {"met_on": dt.date.today()}

    def record_title(self, record_id: int) -> str:
        contact = records.get("contact", record_id)
        company = listing.ref_label("company", contact["company"])
        return " · ".join(part for part in (contact["name"], contact["role"], company) if part)

    def record_loaded(self, record_id: int | None) -> None:
        for editor in (self.company_editor, self.how_met_editor):
            editor.combo.lineEdit().setCursorPosition(0)  # the start of a long label, not its end
        self._update_links()
        self.interactions.set_contact(record_id)
        self.interviews.set_contact(record_id)

    def refresh(self, change: Change | None) -> None:
        super().refresh(change)
        if change is None:
            self.interactions.reload()
            self.interviews.reload()
        else:
            self.interactions.on_change(change)
            self.interviews.on_change(change)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "merge_button"):
            shown = self.record_pages.currentIndex() == 1 and self.form.record_id is not None
            self.merge_button.setEnabled(shown)

    # --- links ----------------------------------------------------------------------------------

    def _update_links(self) -> None:
        record_id, text = self.company_editor.resolve()
        unknown = record_id is None and bool(text)
        self.new_company_button.setVisible(unknown)
        if unknown:
            self.new_company_button.setToolTip(f"Add “{text}” as a new company")
        interview_id = self.how_met_editor.value()
        self.met_at_button.setVisible(interview_id is not None)
        self.met_at_button.setToolTip("Open the interview where you met (on the Interviews screen)")

    def _on_how_met_edited(self) -> None:
        """Choosing where you met dates the meeting, unless a date other than today was typed."""
        self._update_links()
        interview_id = self.how_met_editor.value()
        met_on = self.form.editor("met_on")
        if interview_id is None or met_on.state() not in ("", dt.date.today().isoformat()):
            return
        try:
            met_on.set_value(records.get("interview", interview_id)["scheduled_on"])
        except NotFoundError:
            return
        met_on.edited.emit()

    def open_met_at(self) -> None:
        interview_id = self.how_met_editor.value()
        if interview_id is not None:
            self.openRequested.emit("interview", interview_id)

    def create_company(self) -> None:
        self.create_typed_company("company", "role")

    # --- merge ----------------------------------------------------------------------------------

    def merge_current(self) -> None:
        duplicate_id = self.form.record_id
        if duplicate_id is None or not self._resolve_unsaved() or self.form.record_id != duplicate_id:
            return
        dialog = MergeDialog(self, duplicate_id)
        dialog.accepted.connect(lambda: self._merge(dialog.chosen_id, duplicate_id))
        dialog.finished.connect(lambda _r: setattr(self, "merge_dialog", None))
        self.merge_dialog = dialog
        dialog.open()

    def _merge(self, keep_id: int | None, duplicate_id: int) -> None:
        if keep_id is None:
            return
        change = confirm_and_merge(self, keep_id, duplicate_id)
        if change is None:
            return
        self.bus.publish(change)
        self.list.clear_query_for(keep_id)
        self.show_record(keep_id)
        self.message.emit(f"Merged into {people.contact_label(keep_id)}")
