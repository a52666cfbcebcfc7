"""An interview's interviewers, under its form: add one by typing a name, open one as a contact.

Alt+I puts the cursor in "Add interviewer". Pick a contact from the list that pops up as you type, or
type a new name and press Enter: a new contact is made at the interview's company, met at this
interview, in the same undoable step as the link.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...services import people
from ...services.changes import Change
from ...services.errors import ServiceError
from ...services.values import normalise
from .. import dialogs
from ..bus import ChangeBus
from ..table_model import RecordTableModel
from .contacts_widgets import counted, heading, inline_table, key_action, note, rows_high

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


class InterviewersPanel(QWidget):
    openRequested = Signal(str, int)  # ("contact", id)
    message = Signal(str)

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.interview_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.heading = heading("Interviewers")
        layout.addWidget(self.heading)

        add_row = QHBoxLayout()
        add_label = QLabel("Add &interviewer:")
        self.add_edit = ContactLine()
        self.add_edit.setAccessibleName("Add interviewer")
        add_label.setBuddy(self.add_edit)
        self.add_edit.returnPressed.connect(self.add_typed)
        self.add_edit.picked.connect(self.add_contact)
        self.add_button = QPushButton("Add")
        self.add_button.setAutoDefault(False)
        self.add_button.setToolTip("Add the person typed (Alt+I, type, Enter)")
        self.add_button.clicked.connect(self.add_typed)
        add_row.addWidget(add_label)
        add_row.addWidget(self.add_edit, 1)
        add_row.addWidget(self.add_button)
        layout.addLayout(add_row)

        self.model = RecordTableModel("interview_contact", self)
        self.view = inline_table(self.model, WIDTHS, "email")
        self.view.doubleClicked.connect(self._open_index)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            key_action(self.view, key, self.open_current)
        key_action(self.view, QKeySequence.StandardKey.Delete, self.remove_current)
        layout.addWidget(self.view)

        bottom = QHBoxLayout()
        self.error = note(error=True)
        self.hint = note("Enter or double-click opens the contact; Delete takes them off.")
        self.remove_button = QPushButton("Remove interviewer…")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_current)
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.remove_button)
        layout.addLayout(bottom)
        self.set_interview(None)

    # --- what is shown --------------------------------------------------------------------------

    def set_interview(self, interview_id: int | None) -> None:
        changed = interview_id != self.interview_id
        self.interview_id = interview_id
        saved = interview_id is not None
        if changed:
            self._show_error("")
            self.add_edit.reset()
        try:
            self.add_edit.company_first = people.interview_company(interview_id) if saved else None
        except ServiceError:
            self.add_edit.company_first = None
        self.add_edit.setEnabled(saved)
        self.add_button.setEnabled(saved)
        self.add_edit.setPlaceholderText(
            "Type a name to pick a contact or add a new one  (Alt+I)" if saved
            else "Save the interview first, then add who interviewed you"
        )
        self.reload()

    def reload(self) -> None:
        keep = self.view.currentIndex()
        keep_id = self.model.id_at(keep.row()) if keep.isValid() else None
        self.model.set_query(filters={"interview": self.interview_id if self.interview_id is not None else -1})
        row = self.model.row_of(keep_id)
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, 0))
        count = self.model.rowCount()
        self.heading.setText(counted("Interviewers", count))
        self.view.setFixedHeight(rows_high(self.view, max(1, min(count, 4))))
        self.remove_button.setEnabled(count > 0)

    def on_change(self, change: Change) -> None:
        if change.tables & TABLES:
            self.reload()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.hint.setVisible(not text)

    # --- commands -------------------------------------------------------------------------------

    def focus_add(self) -> None:
        if self.add_edit.isEnabled():
            self.add_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.add_edit.selectAll()

    def add_typed(self) -> None:
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

    def remove_current(self) -> None:
        index = self.view.currentIndex()
        link_id = self.model.id_at(index.row()) if index.isValid() else None
        if link_id is None:
            return
        name = self.model.index(index.row(), 0).data() or ""
        if not dialogs.confirm(self, "Remove interviewer",
                               f"Take {name} off this interview's interviewers?\n\n"
                               f"{name} stays in your contacts."):
            return
        try:
            change = people.remove_interviewer(link_id)
        except ServiceError as exc:
            dialogs.problem(self, "Cannot remove this interviewer", str(exc))
            return
        self.bus.publish(change)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(index.row(), self.model.rowCount() - 1), 0))
        self.view.setFocus()
