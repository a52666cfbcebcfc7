"""The screens of the main window, in navigation order.

To add a screen: write a RecordScreen subclass (kind, filters, form fields, empty-state text) in its
own module, and add an entry to SCREENS. An entry names its class by module, so a screen's module is
imported only when the screen is first wanted (ui/screen_slots.py builds screens on demand).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ..bus import ChangeBus
    from ..screen import Screen


@dataclass(frozen=True)
class ScreenEntry:
    key: str
    title: str
    module: str  # in this package
    class_name: str

    @property
    def screen_class(self) -> type[Screen]:
        return getattr(import_module(f"{__name__}.{self.module}"), self.class_name)  # type: ignore[no-any-return]

    def make(self, bus: ChangeBus, parent: QWidget | None) -> Screen:
        return self.screen_class(bus, parent)


SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry("dashboard", "Dashboard", "dashboard", "DashboardScreen"),
    ScreenEntry("opportunities", "Opportunities", "opportunities", "OpportunitiesScreen"),
    ScreenEntry("interviews", "Interviews", "interviews", "InterviewsScreen"),
    ScreenEntry("questions", "Questions & Skills", "questions", "QuestionsScreen"),
    ScreenEntry("contacts", "Contacts", "contacts", "ContactsScreen"),
    ScreenEntry("offers", "Offers", "offers", "OffersScreen"),
    ScreenEntry("companies", "Companies", "companies", "CompaniesScreen"),
    ScreenEntry("tasks", "Tasks", "tasks", "TasksScreen"),
)

__all__ = ["SCREENS", "ScreenEntry"]
