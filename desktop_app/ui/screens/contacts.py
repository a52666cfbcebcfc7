"""Contacts: a placeholder until its screen is built (issue 3)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..bus import ChangeBus
from ..screen import PlaceholderScreen

PURPOSE = (
    "The people you meet in interviews — future colleagues, referrers and hiring managers — with "
    "where you met, your conversations since, and when to follow up."
)


class ContactsScreen(PlaceholderScreen):
    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, "contacts", "Contacts", PURPOSE, parent)
