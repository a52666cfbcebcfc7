"""Offers: a placeholder until its screen is built (issue 3)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..bus import ChangeBus
from ..screen import PlaceholderScreen

PURPOSE = (
    "Offers and their revisions, compared side by side with your current job in your display "
    "currency, totals per year, and their deadlines — your safety net and your leverage."
)


class OffersScreen(PlaceholderScreen):
    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, "offers", "Offers", PURPOSE, parent)
