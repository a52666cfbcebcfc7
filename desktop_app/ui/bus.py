"""The change bus: every write's Change is announced once, and each screen decides if it cares."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..services.changes import Change


class ChangeBus(QObject):
    """Screens call publish() after a service wrote; everyone listening to `changed` hears it.

    This is also the one place an undo stack will hook into later: every step passes through here.
    """

    changed = Signal(object)  # a Change

    def publish(self, change: Change) -> None:
        if change:
            self.changed.emit(change)
