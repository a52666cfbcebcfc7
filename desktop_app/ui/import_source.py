"""The import wizard's first pages: the file and what its rows are, then how it is read, with a live
preview of its first rows."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSpinBox,
    QTableView, QVBoxLayout, QWizardPage,
)

from ..services import tabular
from ..services.interchange import spec as get_spec
from .import_wizard import KIND_LABELS, ImportState

PREVIEW_ROWS = 20
FILE_FILTER = "Spreadsheets (*.csv *.tsv *.txt *.xlsx *.xlsm);;All files (*)"
KIND_NOTES = {
    "interviews": "One row per interview round. Companies and opportunities are created as needed.",
    "opportunities": "One row per role at a company. Companies are created as needed.",
    "companies": "One row per company.",
    "contacts": "One row per person. Their companies are created as needed.",
    "offers": "One row per offer, for an opportunity that is already here (import it first).",
    "questions": "One row per question, in the question bank or of an interview that is already here.",
}
_DATE_LIKE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b.*")
Index = QModelIndex | QPersistentModelIndex


def hint_label(text: str = "", name: str = "hint") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def locale_date_order() -> str:
    """What an ambiguous date like 03/04/2026 most likely means here: month first where the desktop
    writes dates that way, else day first."""
    short = QLocale.system().dateFormat(QLocale.FormatType.ShortFormat).lstrip()
    return "month-first" if short[:1] == "M" else "day-first"


def columns_text(names: tuple[str, ...]) -> str:
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)


def guess_kind(name: str) -> str | None:
    """The kind a file's name suggests ("interview_questions" -> questions); None when none does."""
    name = name.casefold()
    for stems in (tuple(KIND_LABELS), ("interview", "opportunit", "compan", "contact", "offer", "question")):
        found = [(name.rfind(stem), key) for stem, key in zip(stems, KIND_LABELS) if stem in name]
        if found:
            return max(found)[1]
    return None


class FilePage(QWizardPage):
    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self._kind_chosen = False
        self.setTitle("Choose a file")
        self.setSubTitle("A CSV file (UTF-8, UTF-16 or Windows-1252; any separator) or an Excel workbook (.xlsx).")
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("The file to import")
        self.path_edit.setAccessibleName("File")
        self.path_edit.textChanged.connect(self._on_path)
        self.browse_button = QPushButton("&Browse…")
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Each row is")
        for key, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, key)
        self.kind_combo.activated.connect(lambda _i: setattr(self, "_kind_chosen", True))
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._show_kind())
        self.kind_note = hint_label()

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path_edit)
        kind_label = QLabel("Each &row is:")
        kind_label.setBuddy(self.kind_combo)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        grid.addWidget(file_label, 0, 0)
        grid.addLayout(row, 0, 1)
        grid.addWidget(kind_label, 1, 0)
        grid.addWidget(self.kind_combo, 1, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.kind_note, 2, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.kind_combo.setMinimumWidth(220)
        self._show_kind()

    def browse(self) -> None:
        start = self.path_edit.text().strip() or str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(self, "Import a file", start, FILE_FILTER)
        if path:
            self.path_edit.setText(path)

    def _on_path(self, text: str) -> None:
        if not self._kind_chosen:
            key = guess_kind(Path(text.strip()).stem)
            if key is not None:
                self.kind_combo.setCurrentIndex(self.kind_combo.findData(key))
        self.completeChanged.emit()

    def _show_kind(self) -> None:
        key = self.kind_combo.currentData()
        required = get_spec(key).required
        self.kind_note.setText(f"{KIND_NOTES[key]}\nThe file needs columns for {columns_text(required)}.")

    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def isComplete(self) -> bool:  # noqa: N802 (Qt name)
        return bool(self.path_edit.text().strip()) and self.path().is_file()

    def validatePage(self) -> bool:  # noqa: N802
        self.state.path = self.path()
        self.state.kind = self.kind_combo.currentData()
        return True


class PreviewModel(QAbstractTableModel):
    """The first rows of the file as the options read them; the vertical header shows their lines."""

    def __init__(self) -> None:
        super().__init__()
        self.table = tabular.Table((), (), None)

    def set_table(self, table: tabular.Table) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.table.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cells = self.table.rows[index.row()][1]
        text = cells[index.column()] if index.column() < len(cells) else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return text.replace("\r\n", " ⏎ ").replace("\n", " ⏎ ")
        if role == Qt.ItemDataRole.ToolTipRole and len(text) > 40:
            return text
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.table.columns[section]
        return str(self.table.rows[section][0])


class OptionsPage(QWizardPage):
    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self._loaded: Path | None = None
        self.setTitle("How the file is read")
        self.setSubTitle("Change these until the preview shows the file's columns and rows as they should be.")
        self.encoding_combo = self._combo("Encoding", tabular.ENCODINGS)
        self.delimiter_combo = self._combo("Separator", tabular.DELIMITERS)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setAccessibleName("Sheet")
        self.sheet_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.date_combo = self._combo("Dates", tabular.DATE_ORDERS)
        self.header_spin = QSpinBox()
        self.header_spin.setRange(0, 1_000_000)
        self.header_spin.setSpecialValueText("none")
        self.header_spin.setAccessibleName("Header row")
        self.header_spin.setToolTip("The line (or sheet row) that holds the column names; none when there is none")
        self.header_spin.valueChanged.connect(lambda _v: self.reload())
        self.date_note = hint_label()
        self.date_note.setMinimumWidth(200)
        self.error_label = hint_label(name="fieldError")
        self.error_label.hide()
        self.model = PreviewModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Preview of the first rows")
        self.view.setSelectionMode(QTableView.SelectionMode.NoSelection)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setDefaultSectionSize(130)
        self.view.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.header_spin.setMinimumWidth(90)
        for combo in (self.encoding_combo, self.delimiter_combo, self.sheet_combo):
            combo.setMinimumWidth(170)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        self.labels: dict[str, QLabel] = {}
        for row, col, text, widget in ((0, 0, "&Encoding:", self.encoding_combo), (1, 0, "&Separator:", self.delimiter_combo),
                                       (0, 0, "S&heet:", self.sheet_combo), (0, 2, "Header &row:", self.header_spin),
                                       (1, 2, "&Dates:", self.date_combo)):
            label = QLabel(text)
            label.setBuddy(widget)
            self.labels[widget.accessibleName()] = label
            grid.addWidget(label, row, col)
            grid.addWidget(widget, row, col + 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.date_note, 1, 4)
        grid.setColumnStretch(4, 1)
        grid.setColumnMinimumWidth(1, 170)
        grid.setColumnMinimumWidth(2, 70)
        self.preview_label = QLabel("Preview")
        self.preview_label.setObjectName("fieldLabel")
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.error_label)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.view, 1)

    def _combo(self, name: str, items: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for key, label in items.items():
            combo.addItem(label.replace("  ", " "), key)
        combo.currentIndexChanged.connect(lambda _i: self.reload())
        return combo

    def initializePage(self) -> None:  # noqa: N802
        path = self.state.path
        if path is None or path == self._loaded:
            self.reload()
            return
        self._loaded = path
        workbook = tabular.is_workbook(path)
        sheets: list[str] = []
        try:
            options = tabular.guess_options(path, ambiguous=locale_date_order())
            if workbook:
                sheets = tabular.sheet_names(path)
        except tabular.TabularError:
            options = tabular.Options()
        blockers = [QSignalBlocker(w) for w in (self.encoding_combo, self.delimiter_combo, self.sheet_combo,
                                                 self.date_combo, self.header_spin)]
        self.encoding_combo.setCurrentIndex(self.encoding_combo.findData(options.encoding))
        self.delimiter_combo.setCurrentIndex(self.delimiter_combo.findData(options.delimiter))
        self.date_combo.setCurrentIndex(self.date_combo.findData(options.date_order))
        self.header_spin.setValue(options.header_row)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(sheets)
        del blockers
        for widget in (self.encoding_combo, self.delimiter_combo):
            widget.setVisible(not workbook)
            self.labels[widget.accessibleName()].setVisible(not workbook)
        self.sheet_combo.setVisible(workbook)
        self.labels["Sheet"].setVisible(workbook)
        self.reload()

    def options(self) -> tabular.Options:
        return tabular.Options(
            encoding=self.encoding_combo.currentData(), delimiter=self.delimiter_combo.currentData(),
            header_row=self.header_spin.value(), sheet=self.sheet_combo.currentText() or None,
            date_order=self.date_combo.currentData())

    def reload(self) -> None:
        """Read the first rows again with the options shown (live, on every change)."""
        if self.state.path is None:
            return
        self.state.options = self.options()
        try:
            table = tabular.read_table(self.state.path, self.state.options, limit=PREVIEW_ROWS)
        except tabular.TabularError as exc:
            self.state.preview = None
            self.model.set_table(tabular.Table((), (), None))
            self.error_label.setText(str(exc))
        else:
            self.state.preview = table
            self.model.set_table(table)
            self.error_label.setText("" if table.columns else "The file has no columns to import.")
        self.error_label.setVisible(bool(self.error_label.text()))
        self.preview_label.setText(f"The first {PREVIEW_ROWS} rows, numbered by their line in the file:"
                                   if self.model.rowCount() else "")
        self._show_date_example()
        self.completeChanged.emit()

    def _show_date_example(self) -> None:
        table, order = self.state.preview, self.state.options.date_order
        sample = next((c.strip() for _, row in (table.rows if table else ()) for c in row
                       if _DATE_LIKE.fullmatch(c.strip())), None)
        if sample is None:
            self.date_note.setText("")
            return
        try:
            self.date_note.setText(f"“{sample}” is read as {tabular.describe_date(tabular.convert_date(sample, order))}.")
            self.date_note.setObjectName("hint")
        except ValueError as exc:
            self.date_note.setText(str(exc))
            self.date_note.setObjectName("fieldError")
        self.date_note.style().unpolish(self.date_note)
        self.date_note.style().polish(self.date_note)

    def isComplete(self) -> bool:  # noqa: N802
        return self.state.preview is not None and bool(self.state.preview.columns)
