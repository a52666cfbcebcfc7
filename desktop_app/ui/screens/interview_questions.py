"""An interview's questions, shown and edited inline under its form, so a debrief stays in one place.

Ctrl+Shift+N (or Alt+Q) puts the cursor in "Add question"; type the question and press Enter: it is
saved at once and the cursor stays there for the next one. Cells are edited in place (F2, double
click, or just start typing) and each edit is saved through the services.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...services import records
from ...services.changes import Change
from ...services.errors import ServiceError, ValidationError
from .. import dialogs
from ..bus import ChangeBus
from ..inline_table import EditableRecordTableModel, FieldDelegate

ADD_SHORTCUT = "Ctrl+Shift+N"
WIDTHS = {"text": 300, "kind": 104, "topic": 110, "answer_quality": 76, "follow_up": 84}


class QuestionsPanel(QWidget):
    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.interview_id: int | None = None
        self._published: Change | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self.heading = QLabel("Questions")
        self.heading.setObjectName("sectionTitle")
        layout.addWidget(self.heading)

        add_row = QHBoxLayout()
        add_label = QLabel("Add &question:")
        self.add_edit = QLineEdit()
        self.add_edit.setPlaceholderText(f"Type what they asked and press Enter  ({ADD_SHORTCUT})")
        self.add_edit.setAccessibleName("Add question")
        add_label.setBuddy(self.add_edit)
        self.add_edit.returnPressed.connect(self.add_question)
        self.add_button = QPushButton("Add")
        self.add_button.setAutoDefault(False)
        self.add_button.setToolTip(f"Add the question ({ADD_SHORTCUT}, type, Enter)")
        self.add_button.clicked.connect(self.add_question)
        add_row.addWidget(add_label)
        add_row.addWidget(self.add_edit, 1)
        add_row.addWidget(self.add_button)
        layout.addLayout(add_row)

        self.model = EditableRecordTableModel("question", self)
        self.model.sort_key, self.model.descending = "id", False
        self.model.editError.connect(self._show_error)
        self.model.changed.connect(self._publish)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(FieldDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.horizontalHeader().setStretchLastSection(False)
        for i, column in enumerate(self.model.columns):
            self.view.setColumnWidth(i, WIDTHS.get(column.key, 100))
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setMinimumHeight(150)
        delete = QAction(self.view)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_question)
        self.view.addAction(delete)
        layout.addWidget(self.view)

        bottom = QHBoxLayout()
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.hint = QLabel("F2 or typing edits a cell; Delete removes a question.")
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.delete_button = QPushButton("Delete question…")
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete_question)
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.delete_button)
        layout.addLayout(bottom)

        self.shortcut = QShortcut(QKeySequence(ADD_SHORTCUT), self, self.focus_add)
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.set_interview(None)

    # --- what is shown --------------------------------------------------------------------------

    def set_interview(self, interview_id: int | None) -> None:
        self.interview_id = interview_id
        self._show_error("")
        saved = interview_id is not None
        self.add_edit.setEnabled(saved)
        self.add_button.setEnabled(saved)
        self.add_edit.setPlaceholderText(
            f"Type what they asked and press Enter  ({ADD_SHORTCUT})" if saved
            else "Save the interview first, then add its questions here"
        )
        self.reload()

    def reload(self) -> None:
        keep = self.view.currentIndex()
        keep_id = self.model.id_at(keep.row()) if keep.isValid() else None
        self.model.set_query(filters={"interview": self.interview_id if self.interview_id is not None else -1})
        row = self.model.row_of(keep_id)
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, keep.column()))
        count = self.model.rowCount()
        self.heading.setText(f"Questions asked ({count})" if count else "Questions asked")
        self.delete_button.setEnabled(count > 0)

    def on_change(self, change: Change) -> None:
        """Refresh for changes made elsewhere (our own cell edits are already shown)."""
        if change is self._published:
            return
        if "question" in change.tables:
            self.reload()

    def _publish(self, change: Change) -> None:
        self._published = change  # only while it is announced: its undo must refresh us
        try:
            self.bus.publish(change)
        finally:
            self._published = None

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.hint.setVisible(not text)

    # --- commands -------------------------------------------------------------------------------

    def focus_add(self) -> None:
        if self.add_edit.isEnabled():
            self.add_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.add_edit.selectAll()

    def add_question(self) -> None:
        text = self.add_edit.text()
        if self.interview_id is None or not text.strip():
            return
        try:
            change = records.create("question", {"interview": self.interview_id, "text": text})
        except ValidationError as exc:
            self._show_error(f"Question: {exc.for_field('text') or exc}")
            return
        self.add_edit.clear()
        self._show_error("")
        self.bus.publish(change)  # our screen refreshes, and this panel with it
        row = self.model.row_of(change.primary_id)
        if row is not None:
            self.view.scrollTo(self.model.index(row, 0))

    def delete_question(self) -> None:
        index = self.view.currentIndex()
        question_id = self.model.id_at(index.row()) if index.isValid() else None
        if question_id is None:
            return
        text = self.model.index(index.row(), 0).data() or ""
        shown = text if len(text) <= 80 else text[:77] + "…"
        if not dialogs.confirm(self, "Delete question", f"Delete this question?\n\n{shown}"):
            return
        try:
            change = records.delete("question", question_id)
        except ServiceError as exc:
            dialogs.problem(self, "Cannot delete this question", str(exc))
            return
        self.bus.publish(change)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(index.row(), self.model.rowCount() - 1), 0))
        self.view.setFocus()
