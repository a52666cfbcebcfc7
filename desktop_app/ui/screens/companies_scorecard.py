"""A company's scorecard under its form: my active standards, its latest score on each, and the fit.

Scoring is quick from the keyboard: on a row, type 1-5 (or F2 / double-click the score for a list).
A score chosen today corrects today's; on a later day it is added, so the history stays. The note
column edits the note of the latest score; Delete removes the latest score of the row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...services import scorecard
from ...services.changes import Change
from ...services.errors import ServiceError, ValidationError
from ...services.scorecard import ScoreLine
from .. import dialogs
from ..editors import rating_items
from ..formatting import date_text, rating_text

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (("name", "Standard"), ("weight", "Weight"), ("score", "Score"), ("scored_on", "Scored on"),
           ("note", "Note"))
SCORE, NOTE = 2, 4
WIDTHS = (176, 58, 88, 90, 160)
MAX_ROWS_SHOWN = 12


class ScorecardModel(QAbstractTableModel):
    """The scorecard of one company; a handful of rows (one per active criterion), read in one query."""

    changed = Signal(object)  # a Change to publish
    editError = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.company_id: int | None = None
        self.lines: list[ScoreLine] = []

    def set_company(self, company_id: int | None) -> None:
        self.company_id = company_id
        self.reload()

    def reload(self) -> None:
        lines = scorecard.scorecard(self.company_id) if self.company_id is not None else []
        if [line.criterion_id for line in lines] == [line.criterion_id for line in self.lines]:
            self.lines = lines  # same rows: update in place, so an open editor is not torn down
            if lines:
                self.dataChanged.emit(self.index(0, 0), self.index(len(lines) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def line(self, row: int) -> ScoreLine | None:
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section][1]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(self._alignment(section))
        return None

    @staticmethod
    def _alignment(column: int) -> Qt.AlignmentFlag:
        if column in (1, SCORE):
            return Qt.AlignmentFlag.AlignCenter
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in (SCORE, NOTE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line(index.row()) if index.isValid() else None
        if line is None:
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.EditRole:
            return line.score if key == "score" else line.note if key == "note" else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self._alignment(index.column()))
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "name":
                return line.description or None
            if key == "note":
                return line.note if line.note and len(line.note) > 30 else None
            if key == "score" and line.score is None:
                return "Not scored yet: type 1-5 on this row"
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if key == "name":
            return line.name
        if key == "weight":
            return f"{line.weight}"
        if key == "score":
            return rating_text(line.score) if line.score is not None else "–"
        if key == "note":
            return " ".join((line.note or "").split())
        return date_text(line.scored_on)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        line = self.line(index.row()) if index.isValid() else None
        if role != Qt.ItemDataRole.EditRole or line is None or index.column() not in (SCORE, NOTE):
            return False
        if index.column() == SCORE:
            return self.set_score(index.row(), value)
        if (value or "").strip() == (line.note or "").strip():
            return False
        return self._write(lambda: scorecard.set_note(self.company_id, line.criterion_id, value), "Note")

    def set_score(self, row: int, value: Any) -> bool:
        line = self.line(row)
        if line is None or value is None or self.company_id is None:
            return False
        return self._write(lambda: scorecard.set_score(self.company_id, line.criterion_id, value), "Score")

    def remove_latest(self, row: int) -> bool:
        line = self.line(row)
        if line is None or line.score is None or self.company_id is None:
            return False
        return self._write(lambda: scorecard.remove_latest(self.company_id, line.criterion_id), "Score")

    def _write(self, write: Any, label: str) -> bool:
        try:
            change = write()
        except ValidationError as exc:
            message = exc.errors[0].message if exc.errors else str(exc)
            self.editError.emit(f"{label}: {message}")
            return False
        except ServiceError as exc:
            self.editError.emit(str(exc))
            return False
        self.editError.emit("")
        self.reload()
        if change:
            self.changed.emit(change)
        return True


class ScoreDelegate(QStyledItemDelegate):
    """A list of 1-5 for the score (chosen = saved), a line for the note."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() == SCORE:
            combo = QComboBox(parent)
            for text, data in rating_items():
                combo.addItem(text, data)
            combo.activated.connect(lambda _i, c=combo: self._commit(c))
            return combo
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setPlaceholderText("Why this score?")
        return editor

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value if value is not None else 3), 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(value or "")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class ScorecardPanel(QWidget):
    """The scorecard section: the fit, the table of standards, and the way to edit the standards."""

    standardsRequested = Signal()

    def __init__(self, publish: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._publish = publish
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        top = QHBoxLayout()
        top.setSpacing(10)
        self.heading = QLabel("Scorecard")
        self.heading.setObjectName("sectionTitle")
        top.addWidget(self.heading)
        top.addStretch(1)
        self.standards_button = QPushButton("My standards…")
        self.standards_button.setAutoDefault(False)
        self.standards_button.setToolTip("Edit my workplace standards: what I score every company on (Ctrl+Shift+S)")
        self.standards_button.clicked.connect(self.standardsRequested.emit)
        top.addWidget(self.standards_button)
        layout.addLayout(top)

        fit_row = QHBoxLayout()
        fit_row.setSpacing(10)
        self.fit_value = QLabel("–")
        self.fit_value.setObjectName("fitValue")
        font = self.fit_value.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.fit_value.setFont(font)
        self.fit_value.setAccessibleName("Weighted fit")
        self.fit_caption = QLabel()
        self.fit_caption.setObjectName("hint")
        self.fit_caption.setWordWrap(True)
        fit_row.addWidget(self.fit_value, 0, Qt.AlignmentFlag.AlignVCenter)
        fit_row.addWidget(self.fit_caption, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(fit_row)

        self.model = ScorecardModel(self)
        self.model.changed.connect(self._on_written)
        self.model.editError.connect(self._show_error)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(ScoreDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.setAccessibleName("Scorecard")
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        for i, width in enumerate(WIDTHS):
            self.view.setColumnWidth(i, width)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.view.installEventFilter(self)
        layout.addWidget(self.view)

        self.empty = QLabel()
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)

        bottom = QHBoxLayout()
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.hint = QLabel("Type 1–5 on a row to score it · F2 edits the note · Delete removes the latest score")
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.hint, 1)
        layout.addLayout(bottom)
        self.set_company(None)

    # --- what is shown --------------------------------------------------------------------------

    @property
    def company_id(self) -> int | None:
        return self.model.company_id

    def set_company(self, company_id: int | None) -> None:
        if company_id != self.model.company_id:
            self._show_error("")
        self.model.set_company(company_id)
        self._update()

    def reload(self) -> None:
        self.model.reload()
        self._update()

    def _update(self) -> None:
        lines = self.model.lines
        saved = self.model.company_id is not None
        scored = [line for line in lines if line.score is not None]
        fit = scorecard.fit(self.model.company_id) if saved and scored else None
        self.fit_value.setText(f"{fit:.2f}" if fit is not None else "–")
        if not saved:
            self.empty.setText("Save the company first, then score it against your standards here.")
        elif not lines:
            self.empty.setText("You have not written down your standards yet: what a good workplace means to you "
                               "(engineering culture, work-life balance, pay …), each with a weight. "
                               "Press My standards… (Ctrl+Shift+S) to add them, then score this company.")
        show_table = saved and bool(lines)
        self.view.setVisible(show_table)
        self.empty.setVisible(not show_table)
        self.hint.setVisible(show_table and self.error.isHidden())
        self.fit_value.setVisible(show_table and fit is not None)
        self.fit_caption.setVisible(show_table)
        if fit is not None:
            self.fit_caption.setText(f"of 5 — weighted fit over {len(scored)} of {len(lines)} "
                                     f"{'standard' if len(lines) == 1 else 'standards'} scored")
        else:
            self.fit_caption.setText("Not scored yet: pick a row and type 1–5 for how this company does on it.")
        rows = min(len(lines), MAX_ROWS_SHOWN)
        frame = 2 * self.view.frameWidth()
        self.view.setFixedHeight(self.view.horizontalHeader().sizeHint().height()
                                 + rows * self.view.verticalHeader().defaultSectionSize() + frame)

    def _on_written(self, change: Change) -> None:
        self._update()
        self._publish(change)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.hint.setVisible(not text and self.view.isVisibleTo(self))

    # --- keys -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            index = self.view.currentIndex()
            if index.isValid() and self.view.state() != QAbstractItemView.State.EditingState:
                text = event.text()
                if text in {"1", "2", "3", "4", "5"} and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                    self.model.set_score(index.row(), int(text))
                    return True
                if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                    self.remove_latest(index.row())
                    return True
        return super().eventFilter(watched, event)

    def remove_latest(self, row: int) -> None:
        line = self.model.line(row)
        if line is None or line.score is None:
            return
        text = (f"Remove the latest score of “{line.name}” ({line.score} on {date_text(line.scored_on)})?"
                "\n\nAn earlier score, if there is one, counts again.")
        if dialogs.confirm(self, "Remove score", text):
            self.model.remove_latest(row)
