"""Questions & Skills: a placeholder until its screen is built (issue 3)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..bus import ChangeBus
from ..screen import PlaceholderScreen

PURPOSE = (
    "Every question you were asked, in one bank: how well you answered, a better answer, and "
    "what to study next — beside your skills and how their levels move over time."
)


class QuestionsScreen(PlaceholderScreen):
    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, "questions", "Questions & Skills", PURPOSE, parent)
