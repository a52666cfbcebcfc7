"""The import wizard's last pages: a dry run that shows what the import would do and every problem by
line, then the import itself (one undoable step) and what it did."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWizard, QWizardPage,
)

from ..services import tabular
from ..services.errors import Cancelled, ServiceError
from ..services.interchange import SPECS, RowError
from ..services.kinds import KINDS
from . import dialogs
from .import_source import hint_label
from .import_wizard import ImportState, ImportWizard, Outcome, run_import

Index = QModelIndex | QPersistentModelIndex


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def also_text(outcome: Outcome) -> str:
    made = [plural(n, KINDS[name].label, KINDS[name].plural.replace("_", " "))
            for name, n in outcome.result.also_created.items()]
    return ", ".join(made)


class ErrorsModel(QAbstractTableModel):
    """Line, column and reason of every problem; the column as the file names it."""

    HEADERS = ("Line", "Column", "Problem")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, str, str]] = []

    def set_errors(self, errors: list[RowError], mapping: tabular.Mapping) -> None:
        source_of = {target: source for source, target in mapping.items() if target}
        self.beginResetModel()
        self.rows = []
        for e in errors:
            source = source_of.get(e.column, "")
            shown = e.column if not source or source.casefold() == e.column.casefold() else f"{source} → {e.column}"
            self.rows.append(("" if e.line is None else str(e.line), shown or "(the row)", e.message))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None


class CheckPage(QWizardPage):
    def __init__(self, state: ImportState, wizard: ImportWizard) -> None:
        super().__init__()
        self.state = state
        self.wizard_ = wizard
        self.setTitle("Check before importing")
        self.setSubTitle("Nothing has been written yet. This is what the import would do.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Import")
        self.summary = QLabel()
        self.summary.setObjectName("sectionTitle")
        self.summary.setWordWrap(True)
        self.also = hint_label()
        self.update_box = QCheckBox("&Update records that are already here with the file's non-empty cells "
                                    "(instead of skipping them)")
        self.update_box.toggled.connect(self._on_update)
        self.errors_title = hint_label()
        self.model = ErrorsModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Rows with errors")
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(1, 170)
        self.skip_box = QCheckBox()
        self.skip_box.toggled.connect(self._on_skip)
        self.again = QPushButton("Check &again")
        self.again.setAutoDefault(False)
        self.again.clicked.connect(self.run_check)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.summary)
        layout.addWidget(self.also)
        layout.addWidget(self.update_box)
        layout.addWidget(self.errors_title)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.skip_box)
        bottom.addStretch(1)
        bottom.addWidget(self.again)
        layout.addLayout(bottom)
        self.stretch = layout.addStretch(0)

    def initializePage(self) -> None:  # noqa: N802
        self.state.skip_bad_rows = False  # skipping is chosen anew, explicitly, for every check
        self.skip_box.setChecked(False)
        self.run_check()

    def _on_update(self, on: bool) -> None:
        self.state.update = on
        if self.state.checked is not None:
            self.run_check()

    def _on_skip(self, on: bool) -> None:
        self.state.skip_bad_rows = on
        self._show(self.state.checked)

    def run_check(self) -> None:
        before = self.state.checked.bad_rows if self.state.checked else None
        self.state.checked = None
        try:
            self.state.checked = run_import(self.state, dry_run=True, parent=self.wizard_)
            if self.state.checked.bad_rows != before:
                self.skip_box.setChecked(False)  # ticked for other rows than these
        except Cancelled:
            self._show(None, "The check was cancelled. Press Check again to see what the import would do.")
            return
        except ServiceError as exc:
            self._show(None, f"The file could not be checked: {exc}")
            return
        self._show(self.state.checked)

    def _show(self, outcome: Outcome | None, problem: str = "") -> None:
        if outcome is None:
            self.summary.setText(problem)
            for widget in (self.also, self.errors_title, self.view, self.skip_box):
                widget.hide()
            self.completeChanged.emit()
            return
        result, bad = outcome.result, outcome.bad_rows
        parts = [f"{result.created:,} new", f"{result.updated:,} to update" if self.state.update else "",
                 f"{result.skipped:,} already here (skipped)" if result.skipped else "",
                 f"{plural(bad, 'row')} with errors" if bad else ""]
        self.summary.setText(f"{plural(outcome.rows, 'row')} in the file: " + ", ".join(p for p in parts if p) + ".")
        also = also_text(outcome)
        self.also.setText(f"Also creates {also}." if also else "")
        self.also.setVisible(bool(also))
        self.model.set_errors(outcome.errors, self.state.mapping)
        self.view.resizeColumnToContents(1)
        self.view.setColumnWidth(1, min(max(self.view.columnWidth(1), 120), 280))
        if bad:
            self.errors_title.setText("These rows have errors. Go Back to change how the file is read or how its "
                                      "columns are matched, or skip these rows explicitly:")
            self.skip_box.setText(f"&Skip the {plural(bad, 'row')} with errors and import the others")
        for widget in (self.errors_title, self.view, self.skip_box):
            widget.setVisible(bool(bad))
        self.setButtonText(QWizard.WizardButton.CommitButton, f"Import {plural(outcome.to_write, 'row')}"
                           if outcome.to_write and (not bad or self.state.skip_bad_rows) else "Import")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        outcome = self.state.checked
        if outcome is None or outcome.to_write == 0:
            return False
        return not outcome.errors or self.state.skip_bad_rows

    def validatePage(self) -> bool:  # noqa: N802
        try:
            outcome = run_import(self.state, dry_run=False, parent=self.wizard_)
        except Cancelled:
            dialogs.info(self, "Import cancelled", "The import was cancelled; nothing was changed.")
            return False
        except ServiceError as exc:
            dialogs.problem(self, "Import failed", f"Nothing was imported: {exc}")
            return False
        if outcome.errors and not self.state.skip_bad_rows or not outcome.result.change:
            self.state.checked = outcome  # the file or the data changed since the check
            self._show(outcome)
            dialogs.problem(self, "Nothing imported", "The file or the data changed since the check; "
                                                      "nothing was imported. See what the check shows now.")
            return False
        self.state.imported = outcome
        self.wizard_.publish(outcome)
        return True


class DonePage(QWizardPage):
    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.setTitle("Imported")
        self.setSubTitle("The import is one step in Edit → Undo.")
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.undo_note = hint_label()
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.undo_note)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        outcome = self.state.imported
        if outcome is None:
            return
        result = outcome.result
        name = self.state.path.name if self.state.path else "the file"
        written = outcome.to_write
        kind = KINDS[SPECS[self.state.kind].kind.name]
        self.heading.setText(f"{plural(written, kind.label, kind.plural.replace('_', ' '))} imported.")
        counts = [f"{result.created:,} created", f"{result.updated:,} updated" if result.updated else "",
                  f"{result.skipped:,} already here and skipped" if result.skipped else ""]
        lines = [f"From {name}: {', '.join(c for c in counts if c)}."]
        if outcome.bad_rows:
            lines.append(f"{plural(outcome.bad_rows, 'row')} with errors {'was' if outcome.bad_rows == 1 else 'were'}"
                         " skipped, as you chose.")
        also = also_text(outcome)
        if also:
            lines.append(f"Also created {also}.")
        self.text.setText("\n".join(lines))
        self.undo_note.setText(f"Edit → Undo {result.change.label} (Ctrl+Z) takes the whole import back.")
