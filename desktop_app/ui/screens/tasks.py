"""Tasks: a placeholder until its screen is built (issue 3)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..bus import ChangeBus
from ..screen import PlaceholderScreen

PURPOSE = (
    "What is due: follow-ups with contacts, topics to study, offer deadlines and upcoming "
    "interviews, in one list you can tick off."
)


class TasksScreen(PlaceholderScreen):
    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, "tasks", "Tasks", PURPOSE, parent)
