"""An interview's interviewers, under its form: add one by typing a name, open one as a contact.

Alt+I puts the cursor in "Add interviewer". Pick a contact from the list that pops up as you type, or
type a new name and press Enter: a new contact is made at the interview's company, met at this
interview, in the same undoable step as the link.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QPushButton, QTableView, QWidget

from ...services import people
from ...services.changes import Change
from ...services.errors import ServiceError
from ...services.values import normalise
from ..table_model import RecordTableModel
from .contacts_widgets import key_action, rows_high
from .inline_panel import InlineRecordsPanel

WIDTHS = {"contact": 180, "role": 170, "email": 200}
TABLES = frozenset({"interview_contact", "contact", "company"})


class ContactLine(QLineEdit):
    """A line to type a person's name into; the contacts it matches pop up to pick from."""

    picked = Signal(int)  # a contact chosen from the pop-up

    LIMIT = 15

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.company_first: int | None = None
        self._ids: dict[str, int] = {}
        self._options = QStringListModel(self)
        self.completer_ = QCompleter(self._options, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(10)
        self.setCompleter(self.completer_)
        self.textEdited.connect(self._search)
        self.completer_.activated[str].connect(self._activated)

    def _search(self, text: str) -> None:
        options = people.contact_options(text.strip(), self.LIMIT, company_first=self.company_first) \
            if text.strip() else []
        self._ids = {normalise(label): contact_id for contact_id, label in options}
        self._options.setStringList([label for _, label in options])
        if options:
            self.completer_.complete()

    def chosen_id(self) -> int | None:
        """The contact whose label is typed out in full, if any."""
        return self._ids.get(normalise(self.text())) if self.text().strip() else None

    def _activated(self, label: str) -> None:
        contact_id = self._ids.get(normalise(label))
        if contact_id is not None:
            self.picked.emit(contact_id)

    def reset(self) -> None:
        self.clear()
        self._options.setStringList([])
        self._ids.clear()


class InterviewersPanel(InlineRecordsPanel):
    openRequested = Signal(str, int)  # ("contact", id)
    message = Signal(str)

    kind = "interview_contact"
    parent_filter = "interview"
    tables = TABLES
    title = "Interviewers"
    noun = "interviewer"
    delete_verb = "remove"
    add_label = "Add &interviewer:"
    add_tooltip = "Add the person typed (Alt+I, type, Enter)"
    placeholder = "Type a name to pick a contact or add a new one  (Alt+I)"
    unsaved_placeholder = "Save the interview first, then add who interviewed you"
    hint_text = "Enter or double-click opens the contact; Delete takes them off."
    widths = WIDTHS
    stretch = "email"
    editable = False
    add_shortcut = None

    add_edit: ContactLine

    @property
    def interview_id(self) -> int | None:
        return self.parent_id

    @property
    def remove_button(self) -> QPushButton:
        return self.delete_button

    def _make_add_edit(self) -> ContactLine:
        line = ContactLine()
        line.picked.connect(self.add_contact)
        return line

    def _make_model(self) -> RecordTableModel:
        return RecordTableModel(self.kind, self)

    def _setup_view(self, view: QTableView) -> None:
        view.doubleClicked.connect(self._open_index)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            key_action(view, key, self.open_current)

    # --- what is shown --------------------------------------------------------------------------

    def set_interview(self, interview_id: int | None) -> None:
        try:
            self.add_edit.company_first = people.interview_company(interview_id) if interview_id is not None else None
        except ServiceError:
            self.add_edit.company_first = None
        self.set_parent(interview_id)

    def _parent_changed(self) -> None:
        self.add_edit.reset()

    def _reloaded(self, count: int) -> None:
        self.view.setFixedHeight(rows_high(self.view, max(1, min(count, 4))))

    # --- commands -------------------------------------------------------------------------------

    def add(self) -> None:
        """Enter in the line: the contact picked (its whole label typed), else the name as typed."""
        contact_id = self.add_edit.chosen_id()
        if contact_id is not None:
            self.add_contact(contact_id)
        elif self.add_edit.text().strip():
            self._add(name=self.add_edit.text())

    def add_contact(self, contact_id: int) -> None:
        self._add(contact_id=contact_id)

    def _add(self, *, contact_id: int | None = None, name: str = "") -> None:
        if self.interview_id is None:
            return
        try:
            change = people.add_interviewer(self.interview_id, contact_id=contact_id, name=name)
        except ServiceError as exc:
            self._show_error(str(exc))
            return
        self.add_edit.reset()
        self._show_error("")
        link = next(r for r in change.rows if r.table == "interview_contact")
        who = people.contact_label(int(link.after["contact"]) if link.after else 0)
        self.bus.publish(change)
        self.message.emit(f"Added {who} as a new contact and interviewer" if change.ids("contact", "create")
                          else f"Added {who} as an interviewer")
        row = self.model.row_of(link.id)
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, 0))

    def _open_index(self, index: QModelIndex) -> None:
        link_id = self.model.id_at(index.row()) if index.isValid() else None
        if link_id is None:
            return
        try:
            contact_id = people.interviewer_contact(link_id)
        except ServiceError:
            self.reload()
            return
        self.openRequested.emit("contact", contact_id)

    def open_current(self) -> None:
        self._open_index(self.view.currentIndex())

    def delete_prompt(self, row: int, record_id: int) -> str:
        name = self.model.index(row, 0).data() or ""
        return f"Take {name} off this interview's interviewers?\n\n{name} stays in your contacts."

    def delete_record(self, record_id: int) -> Change:
        return people.remove_interviewer(record_id)
