"""File → Export: one kind as a CSV file (what `sayyes export KIND FILE` writes, and `import` reads), or
the full archive of every table (`sayyes export all DIR`), written on a worker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QGridLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QRadioButton, QVBoxLayout, QWidget,
)

from .. import settings
from ..services import archive, exporter
from ..services.errors import ServiceError
from ..services.interchange import SPECS
from . import dialogs
from .import_wizard import KIND_LABELS
from .worker import run_in_background

FOLDER_KEY = "export.folder"


def default_folder() -> Path:
    stored = settings.get_value(FOLDER_KEY)
    if isinstance(stored, str) and Path(stored).is_dir():
        return Path(stored)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def new_archive_folder(parent: Path) -> Path:
    """A folder name for an archive in `parent` that is not taken yet (the parent itself when empty)."""
    if parent.is_dir() and not any(parent.iterdir()):
        return parent
    base = parent / f"sayyes-archive-{dt.date.today().isoformat()}"
    candidate, n = base, 2
    while candidate.exists():
        candidate, n = Path(f"{base}-{n}"), n + 1
    return candidate


def _path_row(edit: QLineEdit, button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    button.setAutoDefault(False)
    return row


class ExportDialog(QDialog):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Export")
        self._confirmed: Path | None = None  # a file the save dialog already asked to replace
        folder = default_folder()

        intro = QLabel("Export your records as CSV files that spreadsheets open and Import reads back.")
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.kind_radio = QRadioButton("One &kind as a CSV file, with every field")
        self.archive_radio = QRadioButton("The full &archive: every record of every table, one CSV file each")
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.kind_radio)
        self.mode.addButton(self.archive_radio)
        self.kind_radio.setChecked(True)
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind")
        for key, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, key)
        self.kind_combo.setMinimumWidth(200)
        self.file_edit = QLineEdit(str(folder / f"{self.kind}.csv"))
        self.file_edit.setAccessibleName("File")
        self.file_edit.textEdited.connect(lambda _text: setattr(self, "_confirmed", None))
        self.file_button = QPushButton("&Browse…")
        self.file_button.clicked.connect(self.choose_file)
        self.bom_box = QCheckBox("For Excel: start the file with a byte order mark, so accents show right")
        self.folder_edit = QLineEdit(str(new_archive_folder(folder)))
        self.folder_edit.setAccessibleName("Folder")
        self.folder_button = QPushButton("B&rowse…")
        self.folder_button.clicked.connect(self.choose_folder)
        archive_note = QLabel("A new or empty folder. `sayyes import all` restores it into an empty data folder.")
        archive_note.setObjectName("hint")
        archive_note.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.setColumnMinimumWidth(0, 18)
        grid.addWidget(self.kind_radio, 0, 0, 1, 3)
        self.kind_part: list[QWidget] = []
        for row, text, widget in ((1, "&Records:", self.kind_combo), (2, "&File:", None)):
            label = QLabel(text)
            label.setBuddy(widget or self.file_edit)
            grid.addWidget(label, row, 1)
            self.kind_part.append(label)
        grid.addWidget(self.kind_combo, 1, 2, Qt.AlignmentFlag.AlignLeft)
        grid.addLayout(_path_row(self.file_edit, self.file_button), 2, 2)
        grid.addWidget(self.bom_box, 3, 2)
        grid.setRowMinimumHeight(4, 10)
        grid.addWidget(self.archive_radio, 5, 0, 1, 3)
        folder_label = QLabel("F&older:")
        folder_label.setBuddy(self.folder_edit)
        grid.addWidget(folder_label, 6, 1)
        grid.addLayout(_path_row(self.folder_edit, self.folder_button), 6, 2)
        grid.addWidget(archive_note, 7, 2)
        grid.setColumnStretch(2, 1)
        self.kind_part += [self.kind_combo, self.file_edit, self.file_button, self.bom_box]
        self.archive_part: list[QWidget] = [folder_label, self.folder_edit, self.folder_button, archive_note]

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("primaryButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.kind_combo.currentIndexChanged.connect(self._on_kind)
        self.kind_radio.toggled.connect(lambda _on: self._show_mode())
        self._last_kind = self.kind
        self._show_mode()
        self.resize(640, 0)

    @property
    def kind(self) -> str:
        return self.kind_combo.currentData()

    @property
    def full_archive(self) -> bool:
        return self.archive_radio.isChecked()

    def _show_mode(self) -> None:
        for widget in self.kind_part:
            widget.setEnabled(not self.full_archive)
        for widget in self.archive_part:
            widget.setEnabled(self.full_archive)

    def _on_kind(self, _index: int) -> None:
        """A file still named after the previous kind is renamed after the new one."""
        path = Path(self.file_edit.text().strip())
        if path.name == f"{self._last_kind}.csv":
            self.file_edit.setText(str(path.with_name(f"{self.kind}.csv")))
        self._last_kind = self.kind

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, f"Export {KIND_LABELS[self.kind].lower()}",
                                                    self.file_edit.text(), "CSV files (*.csv);;All files (*)")
        if path:
            self.file_edit.setText(path)
            self._confirmed = Path(path)

    def choose_folder(self) -> None:
        start = str(Path(self.folder_edit.text().strip() or default_folder()).parent)
        folder = QFileDialog.getExistingDirectory(self, "Put the archive in this folder", start)
        if folder:
            self.folder_edit.setText(str(new_archive_folder(Path(folder))))

    def export(self) -> None:
        try:
            message, folder = self._export_archive() if self.full_archive else self._export_kind()
        except ServiceError as exc:
            self._say(f"Nothing was exported: {exc}", error=True)
            return
        if not message:
            return
        settings.set_value(FOLDER_KEY, str(folder))
        self._say(message)
        self.window_.statusBar().showMessage(message, 8000)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()

    def _export_kind(self) -> tuple[str, Path]:
        text = self.file_edit.text().strip()
        if not text:
            raise ServiceError("choose a file to write")
        path = Path(text).expanduser()
        if not path.suffix:
            path = path.with_suffix(".csv")
        if path.is_file() and path != self._confirmed and not dialogs.confirm(
                self, "Replace the file?", f"{path} already exists.\n\nReplace it with the export?"):
            return "", path.parent
        kind, bom = self.kind, self.bom_box.isChecked()
        label = KIND_LABELS[kind].lower()
        count = run_in_background(self, "Export", f"Exporting {label}…",
                                  lambda _p, cancel: exporter.export_file(kind, path, bom=bom, cancel=cancel))
        name = SPECS[kind].kind.label if count == 1 else label
        return f"Wrote {count:,} {name} to {path}.", path.parent

    def _export_archive(self) -> tuple[str, Path]:
        text = self.folder_edit.text().strip()
        if not text:
            raise ServiceError("choose a folder for the archive")
        folder = Path(text).expanduser()
        counts = run_in_background(self, "Export", "Writing the full archive…", lambda _p, cancel: archive.export_all(folder, cancel=cancel))
        total = sum(counts.values())
        self.folder_edit.setText(str(new_archive_folder(folder.parent)))  # the next export goes to a new folder
        return (f"Wrote {total:,} {'record' if total == 1 else 'records'} in {len(counts)} tables to {folder} "
                f"(one CSV file per table, and manifest.json).", folder.parent)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setObjectName("fieldError" if error else "")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(text)


def open_export_dialog(window: Any) -> ExportDialog:
    dialog = ExportDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def run_export_dialog(window: Any) -> None:
    open_export_dialog(window)
