"""Questions & Skills: areas for growth — the question bank and my skills, a tab each.

Each tab is a record screen of its own kind; this screen routes the window's commands (New, Save,
Delete, Find, leaving with unsaved edits) to the tab shown, and follows links to either kind. Alt+Q and
Alt+K (or Ctrl+PgUp / Ctrl+PgDown) switch tabs; edits in the tab left behind are asked about first.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...services.changes import Change
from ..bus import ChangeBus
from ..screen import Screen
from .questions_bank import QuestionBankTab
from .questions_tab import GrowthTab
from .skills import SkillsTab


class QuestionsScreen(Screen):
    key = "questions"
    title = "Questions & Skills"
    editable = True
    opens = frozenset({"question", "skill"})
    # each tab listens to the change bus itself (tables of its own), so this screen needs none

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.bank = QuestionBankTab(bus)
        self.skills = SkillsTab(bus)
        self.tab_list: tuple[GrowthTab, ...] = (self.bank, self.skills)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setStyleSheet("QTabWidget::tab-bar { left: 12px; }")  # in line with the list
        for tab, tip in ((self.bank, "Questions asked and saved to practise (Alt+Q)"),
                         (self.skills, "Skills, their targets and dated ratings (Alt+K)")):
            index = self.tabs.addTab(tab, tab.tab_title)
            self.tabs.setTabToolTip(index, tip)
            tab.message.connect(self.message)
            tab.openRequested.connect(self.openRequested)
        self._current: GrowthTab = self.bank
        self.tabs.currentChanged.connect(self._on_tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.tabs)
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self, lambda s=step: self.step_tab(s))
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # --- tabs -----------------------------------------------------------------------------------

    @property
    def current_tab(self) -> GrowthTab:
        return self._current

    def show_tab(self, tab: GrowthTab) -> bool:
        """Switch to a tab; False when the user chose to stay with unsaved edits."""
        if tab is not self._current:
            self.tabs.setCurrentWidget(tab)
        return self._current is tab

    def step_tab(self, step: int) -> None:
        index = (self.tab_list.index(self._current) + step) % len(self.tab_list)
        self.show_tab(self.tab_list[index])

    def _on_tab_changed(self, index: int) -> None:
        tab = self.tab_list[index]
        if tab is self._current:
            return
        if not self._current.can_leave():
            with QSignalBlocker(self.tabs):
                self.tabs.setCurrentWidget(self._current)
            return
        self._current = tab
        tab.activate()
        tab.take_focus()

    # --- the window's commands, for the tab shown -----------------------------------------------

    def activate(self) -> None:
        self._stale = False
        self._current.activate()

    def refresh(self, change: Change | None) -> None:
        for tab in self.tab_list:
            tab.refresh(change)

    def can_leave(self) -> bool:
        return self._current.can_leave()

    def new_record(self) -> None:
        self._current.new_record()

    def save(self) -> bool:
        return self._current.save()

    def delete_current(self) -> None:
        self._current.delete_current()

    def focus_search(self) -> None:
        self._current.focus_search()

    def open_record(self, kind: str, record_id: int) -> bool:
        tab = next((t for t in self.tab_list if t.kind_name == kind), None)
        if tab is None or not self.show_tab(tab):
            return False
        return tab.open_record(kind, record_id)
