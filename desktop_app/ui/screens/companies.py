"""Companies: a placeholder until its screen is built (issue 3)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..bus import ChangeBus
from ..screen import PlaceholderScreen

PURPOSE = (
    "Every company you have seen from the inside: strengths, weaknesses and red flags, scored "
    "against your own workplace standards with a weighted fit score."
)


class CompaniesScreen(PlaceholderScreen):
    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, "companies", "Companies", PURPOSE, parent)
