"""The main window: navigation on the left, the current screen on the right, menus routed to it.

Kept small on purpose (Anki's lesson): screens are their own modules, the window only switches
between them, routes menu commands to the current one and owns the change bus they share.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSignalBlocker, Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication, QFrame, QHBoxLayout, QLabel, QListWidget, QMainWindow, QMenu, QMessageBox, QStackedWidget, QVBoxLayout,
    QWidget,
)

from .. import __version__, settings
from ..services.errors import ValidationError
from . import dialogs
from .bus import ChangeBus
from .icons import app_icon
from .record_screen import RecordScreen
from .screen import Screen
from .screen_slots import ScreenSlots
from .screens import SCREENS
from .theme import THEMES, apply_theme

LATER = "Coming in a later version"
KEY_NAMES = {"Del": "Delete", "Return": "Enter", "Esc": "Escape"}  # as Qt writes a key -> as SHORTCUTS does
DEFAULT_SCREEN = "opportunities"
SHORTCUTS = (
    ("Ctrl+1 … Ctrl+8", "Go to a screen (Dashboard … Tasks)"),
    ("Ctrl+N", "New record"), ("Ctrl+S", "Save the record"), ("Ctrl+F", "Search the list"),
    ("Delete", "Delete the selected record (in the list)"), ("Enter", "From the list to the form"),
    ("Down", "From the search box to the list"), ("Alt+Down", "Open the calendar of a date field"),
    ("Ctrl+Shift+N or Alt+Q", "Add a question to the interview shown"),
    ("F2 or typing", "Edit a question's cell"), ("Ctrl+Q", "Quit"),
    ("Ctrl+Z", "Undo the last change (outside a text field: there it undoes typing)"),
    ("Ctrl+Shift+Z", "Redo"), ("Escape", "From the form back to the list"),
    ("Tab / Shift+Tab", "Next / previous field, row by row"), ("Ctrl+I", "Import a file"),
    ("Ctrl+E", "Export"), ("F1", "These shortcuts"),
)


class MainWindow(QMainWindow):
    folders: object | None = None  # the user's data folder and the demo one (ui/demo_mode.DataFolders)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        theme = settings.load().theme
        app = QApplication.instance()
        if isinstance(app, QApplication):  # style and palette now; the stylesheet once the widgets exist
            apply_theme(app, theme, stylesheet=False)
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.bus = ChangeBus(self)
        self.setWindowTitle(f"SayYes — {self.data_dir}")
        self.setWindowIcon(app_icon())

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.style().polish(self.nav)  # its #nav item padding, before the items are laid out
        self.nav.setAccessibleName("Screens")
        self.stack = QStackedWidget()
        self._splitters: dict[str, object] = {}  # saved splitter states, for screens built later
        self.screens = ScreenSlots(SCREENS, self.bus, self.stack, self._screen_built)
        for number, entry in enumerate(SCREENS, start=1):
            self.nav.addItem(entry.title)
            self.nav.item(number - 1).setToolTip(f"{entry.title} (Ctrl+{number})")
        self.nav.currentRowChanged.connect(self._on_nav_row)

        side = QFrame()
        side.setObjectName("side")
        side.setFixedWidth(196)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        self.nav_title = QLabel("SayYes")
        self.nav_title.setObjectName("appName")
        side_layout.addWidget(self.nav_title)
        side_layout.addWidget(self.nav, 1)
        self.pages = QStackedWidget()  # the screens, or a page in their place (the first-run welcome)
        self.pages.addWidget(self.stack)
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(side)
        row.addWidget(self.pages, 1)
        central = QWidget()
        self.banners = QVBoxLayout(central)  # strips above everything (the demo-data banner)
        self.banners.setContentsMargins(0, 0, 0, 0)
        self.banners.setSpacing(0)
        self.banners.addWidget(body, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"Data folder: {self.data_dir}", 8000)

        self._build_menus()
        self.theme = theme
        self.restore_state()  # builds the screen shown
        self.apply_theme(theme, store=False)
        hints = QGuiApplication.styleHints()
        if hints is not None:  # "system" follows the desktop when it switches between light and dark
            hints.colorSchemeChanged.connect(self._on_color_scheme)

    # --- menus ----------------------------------------------------------------------------------

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object] | None = None,
                shortcut: str | QKeySequence.StandardKey | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is None:
            action.setEnabled(False)
            action.setToolTip(tip or LATER)
        else:
            action.triggered.connect(lambda _checked=False: slot())
            if tip:
                action.setToolTip(tip)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self.import_action = self._action(file, "&Import…", self.import_file, "Ctrl+I")
        self.export_action = self._action(file, "&Export…", self.export_data, "Ctrl+E")
        self.backup_action = self._action(file, "&Backup now", self.backup_now,
                                          tip="Copy your data into the backups folder now")
        self.restore_action = self._action(file, "&Restore from backup…", self.restore_backup,
                                           tip="Put the data of a backup in place of the data shown")
        file.addSeparator()
        self._action(file, "&Open data folder", self.open_data_folder, tip=str(self.data_dir))
        self.settings_action = self._action(file, "&Settings…", self.edit_settings, QKeySequence.StandardKey.Preferences)
        file.addSeparator()
        self._action(file, "&Quit", self.close, "Ctrl+Q")

        edit = bar.addMenu("&Edit")
        self.undo_action = self._action(edit, "&Undo", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(edit, "&Redo", self.redo, "Ctrl+Shift+Z")
        self.bus.historyChanged.connect(self._update_history_actions)
        self._update_history_actions()
        edit.addSeparator()
        self.new_action = self._action(edit, "&New", lambda: self.current_screen.new_record(), "Ctrl+N")
        self.save_action = self._action(edit, "&Save", lambda: self.current_screen.save(), "Ctrl+S")
        self.delete_action = self._action(edit, "&Delete", lambda: self.current_screen.delete_current(),
                                          tip="Delete the record shown (or press Delete in the list)")
        edit.addSeparator()
        self.find_action = self._action(edit, "&Find", lambda: self.current_screen.focus_search(), "Ctrl+F")

        view = bar.addMenu("&View")
        self.go_actions: list[QAction] = []
        for number, entry in enumerate(SCREENS, start=1):
            action = self._action(view, entry.title, lambda i=number - 1: self.switch_to(i), f"Ctrl+{number}")
            self.go_actions.append(action)
        view.addSeparator()
        theme_menu = view.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name in THEMES:
            action = self._action(theme_menu, name.capitalize(), lambda n=name: self.apply_theme(n))
            action.setCheckable(True)
            self.theme_group.addAction(action)
            self.theme_actions[name] = action

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts, QKeySequence.StandardKey.HelpContents)
        self._action(help_menu, "&About SayYes", self.show_about)
        for menu in (file, edit, view, help_menu):
            menu.setToolTipsVisible(True)

    # --- screens --------------------------------------------------------------------------------

    @property
    def current_screen(self) -> Screen:
        return self.screens[self.stack.currentIndex()]

    def screen(self, key: str) -> Screen:
        """The screen with this key (built now if it was not yet)."""
        return self.screens[self.screens.key_index(key)]

    def show_screen(self, key: str) -> bool:
        return self.switch_to(self.screens.key_index(key))

    def switch_to(self, index: int) -> bool:
        """Show screen `index` (building it the first time); False when the user chose to stay (unsaved changes)."""
        if not 0 <= index < len(self.screens):
            return False
        current = self.stack.currentIndex()
        if index != current and self.screens.is_built(current) and not self.current_screen.can_leave():
            with QSignalBlocker(self.nav):
                self.nav.setCurrentRow(current)
            return False
        screen = self.screens.build(index)
        self.stack.setCurrentIndex(index)
        self.pages.setCurrentWidget(self.stack)
        with QSignalBlocker(self.nav):
            self.nav.setCurrentRow(index)
        screen.activate()
        for action in (self.new_action, self.save_action, self.delete_action, self.find_action):
            action.setEnabled(screen.editable)
        return True

    def _on_nav_row(self, row: int) -> None:
        self.switch_to(row)

    def show_page(self, page: QWidget | None) -> None:
        """Show a page in place of the screens (the first-run welcome); None shows the screens again."""
        if page is not None and self.pages.indexOf(page) < 0:
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(page or self.stack)
        with QSignalBlocker(self.nav):  # no screen is current while a page is shown: any click leaves it
            self.nav.setCurrentRow(self.stack.currentIndex() if page is None else -1)
        for action in (self.new_action, self.save_action, self.delete_action, self.find_action):
            action.setEnabled(page is None and self.current_screen.editable)

    def add_banner(self, banner: QWidget) -> None:
        """A strip across the top of the window, above the navigation and the screens."""
        self.banners.insertWidget(self.banners.count() - 1, banner)

    def _screen_built(self, screen: Screen) -> None:
        """Wire a screen as it is built: its messages and links, Escape to its list, its saved splitters."""
        screen.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        screen.openRequested.connect(self.open_record)
        screen.showScreenRequested.connect(self.show_screen)
        self._escape_to_list(screen)
        self._restore_splitters(screen)

    def _restore_splitters(self, screen: Screen) -> None:
        for key, record_screen in _record_screens(screen).items():
            state = self._splitters.get(key)
            if isinstance(state, str):
                record_screen.restore_split(QByteArray.fromBase64(state.encode()))

    def _escape_to_list(self, screen: Screen) -> None:
        """Escape in a record screen's form (or what is under it) goes back to its list."""
        for record_screen in _record_screens(screen).values():
            shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), record_screen.record_pages)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(
                lambda s=record_screen: s.list.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
            )

    def open_record(self, kind: str, record_id: int) -> bool:
        """Follow a link: switch to the screen that shows this kind and show the record there."""
        for index, slot in enumerate(self.screens.slots):
            opens = slot.declared_opens()
            if kind in (opens if opens is not None else self.screens.build(index).opens):
                return self.switch_to(index) and self.screens.build(index).open_record(kind, record_id)
        return False

    # --- undo / redo ----------------------------------------------------------------------------

    def _update_history_actions(self) -> None:
        for action, word, label in ((self.undo_action, "Undo", self.bus.undo_label),
                                    (self.redo_action, "Redo", self.bus.redo_label)):
            action.setEnabled(label is not None)
            action.setText(f"&{word} {label}" if label else f"&{word}")
            action.setToolTip(f"{word} {label}" if label else f"Nothing to {word.lower()}")

    def undo(self) -> None:
        self._step(self.bus.undo, "Undo")

    def redo(self) -> None:
        self._step(self.bus.redo, "Redo")

    def _step(self, step: Callable[[], object], word: str) -> None:
        if not self.current_screen.can_leave():  # unsaved edits first: save, discard or stay
            return
        try:
            change = step()
        except Exception as exc:  # the rows changed under the step: say so, keep the data as it is
            dialogs.problem(self, f"{word} failed", f"{word} could not be done, and nothing was changed: {exc}")
            return
        if change is not None:
            self.statusBar().showMessage(f"{word}: {change.label}", 5000)

    # --- commands -------------------------------------------------------------------------------

    def import_file(self) -> None:
        from .import_wizard import run_import_wizard

        run_import_wizard(self)

    def export_data(self) -> None:
        from .export_dialog import run_export_dialog

        run_export_dialog(self)

    def backup_now(self) -> None:
        from .backup_dialog import backup_now

        backup_now(self)

    def restore_backup(self) -> None:
        from .backup_dialog import run_restore_dialog

        run_restore_dialog(self)

    def edit_settings(self) -> None:
        from .settings_dialog import run_settings_dialog

        run_settings_dialog(self)

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))

    def apply_theme(self, name: str, store: bool = True) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, name)
        self.theme = name
        self.theme_actions.get(name, self.theme_actions["system"]).setChecked(True)
        if store:
            current = settings.load()
            current.theme = name
            try:
                settings.save(current)
            except ValidationError as exc:
                dialogs.problem(self, "Theme not saved", str(exc))

    def _on_color_scheme(self, _scheme: object) -> None:
        if self.theme == "system":
            self.apply_theme("system", store=False)

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """SHORTCUTS, then every other shortcut of the window's commands and screens, so none is left out."""
        self.screens.build_all()  # every screen's own shortcuts, built or not
        rows = list(SHORTCUTS)
        listed = {part.strip() for keys, _what in rows for part in keys.replace(" or ", "/").split("/")}
        found: list[tuple[QKeySequence, str, QObject]] = [
            (a.shortcut(), a.text(), a) for a in self.findChildren(QAction) if a not in self.go_actions]
        found += [(s.key(), s.whatsThis(), s) for s in self.findChildren(QShortcut)]
        for sequence, text, owner in found:
            keys = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            keys = KEY_NAMES.get(keys, keys)
            if keys and keys not in listed:
                rows.append((keys, text.replace("&", "").rstrip("…") or self._where(owner)))
                listed.add(keys)
        return rows

    def _where(self, owner: QObject) -> str:
        parent = owner.parent()
        while parent is not None and not isinstance(parent, Screen):
            parent = parent.parent()
        return f"On the {parent.title} screen" if isinstance(parent, Screen) else "In the main window"

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{keys}</b>&nbsp;&nbsp;</td><td>{what}</td></tr>"
                       for keys, what in self.shortcut_rows())
        dialogs.info(self, "Keyboard shortcuts", f"<table cellspacing='4'>{rows}</table>")

    def show_about(self) -> None:
        QMessageBox.about(
            self, "About SayYes",
            f"<h3>SayYes {__version__}</h3><p>Make every job interview pay: opportunities, networking, "
            f"self-assessment, growth, security and exposure.</p><p>Your data stays on this computer, in "
            f"<br><code>{self.data_dir}</code></p>",
        )

    # --- window state ---------------------------------------------------------------------------

    def restore_state(self) -> None:
        geometry = settings.get_value("ui.geometry")
        if not (isinstance(geometry, str) and self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))):
            self.resize(1280, 800)
        splitters = settings.get_value("ui.splitters", {})
        self._splitters = dict(splitters) if isinstance(splitters, dict) else {}
        for screen in self.screens.built():
            self._restore_splitters(screen)
        key = settings.get_value("ui.screen", DEFAULT_SCREEN)
        keys = self.screens.keys
        self.switch_to(keys.index(key) if key in keys else keys.index(DEFAULT_SCREEN))

    def save_state(self) -> None:
        settings.set_value("ui.geometry", bytes(self.saveGeometry().toBase64()).decode())
        settings.set_value("ui.screen", self.current_screen.key)
        splitters = dict(self._splitters)  # as saved, for the screens not built this time
        splitters.update({key: bytes(record_screen.splitter.saveState().toBase64()).decode()
                          for screen in self.screens.built()
                          for key, record_screen in _record_screens(screen).items()})
        settings.set_value("ui.splitters", splitters)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if not self.current_screen.can_leave():
            event.ignore()
            return
        self.save_state()
        event.accept()


def _record_screens(screen: Screen) -> dict[str, RecordScreen]:
    """The list-and-form screens of a screen (itself, or the tabs inside it), by a key for saved state."""
    if isinstance(screen, RecordScreen):
        return {screen.key: screen}
    return {f"{screen.key}.{inner.kind_name}": inner for inner in screen.findChildren(RecordScreen)}
