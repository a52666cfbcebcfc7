"""The change bus and the session's undo history.

Every write's Change is announced once on `changed`, and each screen decides if it cares. Every
undoable step (create, edit, delete, board move, merge, import) passes through publish(), which
records it; undo() and redo() put the rows back through the services and announce the same Change,
so screens refresh exactly as they do after the original write.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..services.changes import Change, apply_backward, apply_forward

HISTORY_LIMIT = 500


class ChangeBus(QObject):
    changed = Signal(object)  # a Change
    historyChanged = Signal()  # the undo/redo labels or availability changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._undo: list[Change] = []
        self._redo: list[Change] = []

    def publish(self, change: Change, *, undoable: bool = True) -> None:
        """Announce a write; an undoable one becomes the next step of the history."""
        if not change:
            return
        if undoable:
            self._undo.append(change)
            del self._undo[:-HISTORY_LIMIT]
            self._redo.clear()
            self.historyChanged.emit()
        self.changed.emit(change)

    @property
    def undo_label(self) -> str | None:
        return self._undo[-1].label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1].label if self._redo else None

    def undo(self) -> Change | None:
        """Reverse the last step. A failure (the rows changed under it) propagates; the step is kept."""
        if not self._undo:
            return None
        change = self._undo[-1]
        apply_backward(change)
        self._redo.append(self._undo.pop())
        self.historyChanged.emit()
        self.changed.emit(change)
        return change

    def redo(self) -> Change | None:
        if not self._redo:
            return None
        change = self._redo[-1]
        apply_forward(change)
        self._undo.append(self._redo.pop())
        self.historyChanged.emit()
        self.changed.emit(change)
        return change

    def clear_history(self) -> None:
        """After something that cannot be undone across (a restore, another data folder)."""
        self._undo.clear()
        self._redo.clear()
        self.historyChanged.emit()
