"""A skill's dated ratings, shown and edited inline under its form, with where the level is heading.

Ctrl+Shift+N puts the cursor on the level of a new rating (today, the latest level, by myself); Enter
adds it — two keystrokes — or type a digit first to pick the level. Cells are edited in place (F2,
double click, or just start typing) and each edit is saved through the services.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...services import growth, records
from ...services.changes import Change
from ...services.errors import ServiceError, ValidationError
from ...services.kinds import SKILL_RATING
from .. import dialogs
from ..bus import ChangeBus
from ..editors import FieldEditor, make_editor
from ..formatting import choice_text
from ..inline_table import EditableRecordTableModel, FieldDelegate

ADD_SHORTCUT = "Ctrl+Shift+N"
WIDTHS = {"rated_on": 110, "level": 120, "source": 150}
ADD_FIELDS = ("level", "rated_on", "source")
JOINING_WORDS = {"rated_on": "on", "source": "from"}  # "Add rating: 4 on 2026-03-14 from Self"


class RatingsPanel(QWidget):
    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.skill_id: int | None = None
        self._published: Change | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        top = QHBoxLayout()
        self.heading = QLabel("Ratings")
        self.heading.setObjectName("sectionTitle")
        self.trend = QLabel()
        self.trend.setObjectName("trend")
        self.trend.setAccessibleName("Trend")
        top.addWidget(self.heading)
        top.addSpacing(12)
        top.addWidget(self.trend, 1, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)

        add_row = QHBoxLayout()
        add_row.setSpacing(6)
        add_label = QLabel("Add rating:")
        self.add_editors: dict[str, FieldEditor] = {}
        add_row.addWidget(add_label)
        for name in ADD_FIELDS:
            editor = make_editor(SKILL_RATING.field(name))
            editor.input.installEventFilter(self)
            self.add_editors[name] = editor
            if name in JOINING_WORDS:
                add_row.addWidget(QLabel(JOINING_WORDS[name]))
            add_row.addWidget(editor, 0)
        add_label.setBuddy(self.add_editors["level"].input)
        self.add_button = QPushButton("Add")
        self.add_button.setAutoDefault(False)
        self.add_button.setToolTip(f"Add the rating ({ADD_SHORTCUT}, then Enter)")
        self.add_button.clicked.connect(self.add_rating)
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        layout.addLayout(add_row)

        self.model = EditableRecordTableModel("skill_rating", self)
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
        self.view.setTabKeyNavigation(False)
        self.view.setAccessibleName("Ratings")
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        for i, column in enumerate(self.model.columns):
            self.view.setColumnWidth(i, WIDTHS.get(column.key, 100))
            self.view.setColumnHidden(i, column.key == "skill")  # they are all of this skill
        self.view.setMinimumHeight(150)
        delete = QAction(self.view)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_rating)
        self.view.addAction(delete)
        layout.addWidget(self.view, 1)

        bottom = QHBoxLayout()
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.hint = QLabel("F2 or typing edits a cell; Delete removes a rating.")
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.delete_button = QPushButton("Delete rating…")
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete_rating)
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.delete_button)
        layout.addLayout(bottom)

        self.shortcut = QShortcut(QKeySequence(ADD_SHORTCUT), self, self.focus_add)
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.set_skill(None)

    # --- what is shown --------------------------------------------------------------------------

    def set_skill(self, skill_id: int | None) -> None:
        changed = skill_id != self.skill_id
        self.skill_id = skill_id
        if changed:
            self._show_error("")
            self.reset_add_row()
        saved = skill_id is not None
        for editor in self.add_editors.values():
            editor.setEnabled(saved)
        self.add_button.setEnabled(saved)
        self.reload()

    def reset_add_row(self) -> None:
        """Today's self-rating at the latest level (3 when not rated yet)."""
        values: dict[str, Any] = growth.rating_defaults(self.skill_id) if self.skill_id is not None else {
            "rated_on": None, "level": 3, "source": "self"}
        for name, editor in self.add_editors.items():
            editor.set_value(values[name])

    def reload(self) -> None:
        keep = self.view.currentIndex()
        keep_id = self.model.id_at(keep.row()) if keep.isValid() else None
        self.model.set_query(filters={"skill": self.skill_id if self.skill_id is not None else -1})
        row = self.model.row_of(keep_id)
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, keep.column()))
        count = self.model.rowCount()
        self.heading.setText(f"Ratings ({count})" if count else "Ratings")
        self.delete_button.setEnabled(count > 0)
        if self.skill_id is None:
            self.trend.setText("Save the skill first, then rate it here")
        else:
            trend = growth.trend(self.skill_id)
            self.trend.setText(("✓ " if trend.reached else "") + trend.text)

    def on_change(self, change: Change) -> None:
        """Refresh for changes made elsewhere (our own cell edits are already shown)."""
        if change is not self._published and change.tables & {"skill", "skill_rating"}:
            self.reload()

    def _publish(self, change: Change) -> None:
        self._published = change  # only while it is announced: its undo must refresh us
        try:
            self.bus.publish(change)
        finally:
            self._published = None
        if self.skill_id is not None:
            self.reload()  # the trend follows the edit

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.hint.setVisible(not text)

    # --- commands -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and any(watched is e.input for e in self.add_editors.values())):
            self.add_rating()
            return True
        return super().eventFilter(watched, event)

    def focus_add(self) -> None:
        level = self.add_editors["level"].input
        if level.isEnabled():
            level.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def add_rating(self) -> None:
        if self.skill_id is None:
            return
        values = {"skill": self.skill_id, **{n: e.value() for n, e in self.add_editors.items()}}
        try:
            change = records.create("skill_rating", values)
        except ValidationError as exc:
            self._show_error("; ".join(f"{SKILL_RATING.field(e.field).label}: {e.message}"
                                       if e.field in SKILL_RATING.field_names else e.message for e in exc.errors))
            return
        self._show_error("")
        self.bus.publish(change)  # our screen refreshes, and this panel with it
        row = self.model.row_of(change.primary_id)
        if row is not None:
            self.view.scrollTo(self.model.index(row, 0))

    def delete_rating(self) -> None:
        index = self.view.currentIndex()
        rating_id = self.model.id_at(index.row()) if index.isValid() else None
        if rating_id is None:
            return
        rating = records.get("skill_rating", rating_id)
        shown = f"{rating['rated_on']} · level {rating['level']} · {choice_text(rating['source'])}"
        if not dialogs.confirm(self, "Delete rating", f"Delete this rating?\n\n{shown}"):
            return
        try:
            change = records.delete("skill_rating", rating_id)
        except ServiceError as exc:
            dialogs.problem(self, "Cannot delete this rating", str(exc))
            return
        self.bus.publish(change)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(index.row(), self.model.rowCount() - 1), index.column()))
        self.view.setFocus()
