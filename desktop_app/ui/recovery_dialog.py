"""The dialog for data SayYes cannot use as it is: what is wrong, in words, and every way out that applies.

Shown before the window when the data folder cannot be opened (mode "open": restore a backup, open
read-only, open another folder, start with an empty data file, try again, quit) and over the window
when the check after start-up finds damage (mode "check": restore a backup, keep working, quit). The
dialog only answers with a Choice; ui/startup.py and ui/start_check.py carry it out. Nothing here
changes, moves or deletes the data file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QStyle,
    QToolButton, QVBoxLayout, QWidget,
)

from ..services import backup
from ..services.backup import Backup
from ..services.startup_check import Problem
from . import dialogs
from .backup_dialog import BackupsModel, backups_view, choose_backup_file
from .screen import ElidedLabel

RESTORE = "restore"  # Choice.path: the backup (or any SayYes file) to restore
READ_ONLY = "read-only"
OTHER_FOLDER = "other-folder"  # Choice.path: the folder
START_EMPTY = "start-empty"
RETRY = "retry"
KEEP = "keep"  # mode "check": keep working on the open data
QUIT = "quit"
WIDTH = 660
ICON_SIZE = 40


@dataclass(frozen=True)
class Choice:
    action: str
    path: Path | None = None


def choose_folder(parent: QWidget | None, start: Path) -> Path | None:
    """Ask for another data folder (a test replaces this)."""
    name = QFileDialog.getExistingDirectory(parent, "Open another data folder", str(start))
    return Path(name) if name else None


def _label(text: str, object_name: str = "emptyBody", *, wrap: bool = True) -> QLabel:
    """A paragraph (wrapped, selectable so it can be copied), or a title (wrap=False)."""
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setWordWrap(wrap)
    if wrap:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _button(text: str, tip: str, slot: object, *, primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAutoDefault(False)
    if primary:
        button.setObjectName("primaryButton")
    button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
    return button


class RecoveryDialog(QDialog):
    """A Problem, the folder's backups and the ways out; `choice` holds the answer once it closes."""

    def __init__(self, problem: Problem, backups: list[Backup], *, mode: str = "open",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem = problem
        self.mode = mode
        self.choice = Choice(KEEP if mode == "check" else QUIT)
        self.setWindowTitle("SayYes — your data")
        self.setObjectName("recoveryDialog")
        self.setFixedWidth(WIDTH)
        self.buttons: dict[str, QPushButton] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 16)
        layout.setSpacing(10)
        layout.addLayout(self._heading())
        if problem.can_restore:
            layout.addSpacing(4)
            layout.addLayout(self._restore_section(backups))
        layout.addSpacing(6)
        layout.addLayout(self._ways_out())
        self._update()

    # --- parts ------------------------------------------------------------------------------------

    def _heading(self) -> QHBoxLayout:
        problem = self.problem
        icon = QLabel()
        which = QStyle.StandardPixmap.SP_MessageBoxWarning if self.mode == "check" or problem.readable else (
            QStyle.StandardPixmap.SP_MessageBoxCritical)
        icon.setPixmap(self.style().standardIcon(which).pixmap(ICON_SIZE, ICON_SIZE))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        icon.setFixedWidth(ICON_SIZE + 14)
        where, _newline, text = problem.text.partition("\n")
        self.headline = _label(problem.headline, "emptyTitle", wrap=False)
        self.where = ElidedLabel(where)
        self.where.setObjectName("hint")
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = _label(text or where)
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(self.headline)
        if text:
            column.addWidget(self.where)
        column.addWidget(self.text)
        if problem.details:
            self.details_button = QToolButton()
            self.details_button.setText("Details")
            self.details_button.setCheckable(True)
            self.details_button.setArrowType(Qt.ArrowType.RightArrow)
            self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.details_button.setAutoRaise(True)
            self.details = QPlainTextEdit("\n".join(problem.details))
            self.details.setReadOnly(True)
            self.details.setMaximumHeight(self.details.fontMetrics().height() * 5 + 12)
            self.details.setVisible(False)
            self.details_button.toggled.connect(self._show_details)
            column.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)  # not its width for all
            column.addWidget(self.details)
        row = QHBoxLayout()
        row.setSpacing(0)
        row.addWidget(icon)
        row.addLayout(column, 1)
        return row

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.adjustSize()

    def _restore_section(self, backups: list[Backup]) -> QVBoxLayout:
        section = QVBoxLayout()
        section.setSpacing(6)
        section.addWidget(_label("Restore a backup", "sectionTitle", wrap=False))
        self.model = BackupsModel(backups, self)
        self.view = backups_view(self.model)
        row_height = self.view.verticalHeader().defaultSectionSize()
        header = self.view.horizontalHeader()
        shown_rows = min(max(len(backups), 2), 5)
        self.view.setFixedHeight(row_height * shown_rows + header.sizeHint().height() + 4)
        self.view.activated.connect(lambda _index: self.restore_selected())
        self.view.setVisible(bool(backups))
        if backups:
            self.view.selectRow(0)
            note = ("The file as it is now is kept as a backup first (“Before a restore”), so nothing is "
                    "lost.")
        else:
            note = (f"There are no backups in {backup.backups_dir(self.problem.data_dir)}. If you keep one "
                    "somewhere else, choose its file.")
        self.restore_note = _label(note, "hint")
        self.view.selectionModel().selectionChanged.connect(lambda _now, _before: self._update())
        section.addWidget(self.view)
        section.addWidget(self.restore_note)
        row = QHBoxLayout()
        row.addWidget(self._add(RESTORE + "-file", "C&hoose a file…",
                                "Restore a backup kept somewhere else, or another SayYes data file", self.choose_file))
        row.addStretch(1)
        row.addWidget(self._add(RESTORE, "&Restore this backup", "Put this backup's data in place",
                                self.restore_selected, primary=True))
        section.addLayout(row)
        return section

    def _ways_out(self) -> QVBoxLayout:
        problem = self.problem
        section = QVBoxLayout()
        section.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(8)
        if self.mode == "check":
            row.addStretch(1)
            row.addWidget(self._add(QUIT, "&Quit", "Close SayYes", lambda: self._choose(QUIT)))
            row.addWidget(self._add(KEEP, "&Keep working", "Go on with the data as it is; `sayyes check` shows "
                                    "the problems again", lambda: self._choose(KEEP)))
            section.addLayout(row)
            return section
        section.addWidget(_label("Other ways out" if problem.can_restore else "Ways out", "sectionTitle", wrap=False))
        if problem.can_read_only:
            row.addWidget(self._add(READ_ONLY, "Open &read-only",
                                    "Look at the data as it is; SayYes will not change anything",
                                    lambda: self._choose(READ_ONLY)))
        row.addWidget(self._add(OTHER_FOLDER, "Open &another folder…", "Open SayYes on another data folder",
                                self.choose_other_folder))
        if problem.can_start_empty:
            row.addWidget(self._add(START_EMPTY, "&Start with empty data",
                                    "Move this file aside (it is kept, not deleted) and start with no data",
                                    self.start_empty))
        if problem.can_retry:
            row.addWidget(self._add(RETRY, "&Try again", "Try to open the data again", lambda: self._choose(RETRY)))
        row.addStretch(1)
        row.addWidget(self._add(QUIT, "&Quit", "Close SayYes; nothing is changed", lambda: self._choose(QUIT)))
        section.addLayout(row)
        return section

    def _add(self, key: str, text: str, tip: str, slot: object, *, primary: bool = False) -> QPushButton:
        button = _button(text, tip, slot, primary=primary)
        self.buttons[key] = button
        return button

    def _update(self) -> None:
        restore = self.buttons.get(RESTORE)
        chosen = self.selected()
        if restore is not None:
            restore.setEnabled(chosen is not None)
            restore.setDefault(chosen is not None)
        fallback = self.buttons.get(RETRY if self.problem.can_retry else KEEP)
        if fallback is not None and chosen is None:
            fallback.setDefault(True)

    # --- answers ----------------------------------------------------------------------------------

    def selected(self) -> Backup | None:
        view = getattr(self, "view", None)
        if view is None or not view.isVisibleTo(self):
            return None
        index = view.currentIndex()
        if not index.isValid() or not view.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.model.backups[index.row()]

    def backup_rows(self) -> list[str]:
        """What the list shows, one line per backup ("2026-11-26 12:05 | Automatic | 240 KB")."""
        if not hasattr(self, "model"):
            return []
        return [" | ".join(str(self.model.index(r, c).data()) for c in range(self.model.columnCount()))
                for r in range(self.model.rowCount())]

    def ways_out(self) -> list[str]:
        return [b.text().replace("&", "") for b in self.buttons.values() if b.isVisibleTo(self)]

    def _choose(self, action: str, path: Path | None = None) -> None:
        self.choice = Choice(action, path)
        if action in (QUIT,) and self.mode == "open":
            self.reject()
        else:
            self.accept()

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None and self._confirm_restore(f"the backup of {chosen.created.astimezone():%Y-%m-%d %H:%M}"):
            self._choose(RESTORE, chosen.path)

    def choose_file(self) -> None:
        path = choose_backup_file(self, backup.backups_dir(self.problem.data_dir))
        if path is not None and self._confirm_restore(str(path)):
            self._choose(RESTORE, path)

    def _confirm_restore(self, what: str) -> bool:
        if self.mode != "check":
            return True  # the data cannot be used as it is, and it is kept as a backup first
        return dialogs.confirm(self, "Restore this backup?",
                               f"Replace all the data in SayYes with {what}?\n\nYour data as it is now is backed "
                               "up first (\"Before a restore\"). Undo cannot go back past a restore.")

    def choose_other_folder(self) -> None:
        folder = choose_folder(self, self.problem.data_dir.parent)
        if folder is not None:
            self._choose(OTHER_FOLDER, folder)

    def start_empty(self) -> None:
        if dialogs.confirm(self, "Start with empty data?",
                           f"Move {self.problem.path.name} aside and start with no data?\n\nThe file is kept, "
                           f"unchanged, in {self.problem.data_dir}, under a name ending in \".damaged-\" and "
                           "the date; SayYes tells you the name."):
            self._choose(START_EMPTY)

    def reject(self) -> None:
        if self.choice.action not in (QUIT, KEEP):
            self.choice = Choice(KEEP if self.mode == "check" else QUIT)
        super().reject()


def ask(problem: Problem, *, parent: QWidget | None = None) -> Choice:
    """Show the dialog for a problem found at open time and wait for the answer."""
    try:
        backups = backup.list_backups(problem.data_dir) if problem.can_restore else []
    except backup.BackupError:
        backups = []
    dialog = RecoveryDialog(problem, backups, parent=parent)
    dialog.exec()
    choice = dialog.choice
    dialog.deleteLater()
    return choice
