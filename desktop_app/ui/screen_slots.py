"""The main window's screens, each built the first time it is wanted (a cold start builds only one).

`ScreenSlots` is the window's `screens`: a sequence in navigation order whose items are built on
demand. Each slot holds its SCREENS entry and, until the screen is built, an empty placeholder at the
screen's index in the window's stack (so a stack index is always a screen index). A screen built late
reads its data when first shown (Screen starts stale), so an unbuilt screen needs no change notices;
the app's stylesheet and palette reach it like any new widget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import overload

from PySide6.QtWidgets import QStackedWidget, QWidget

from .bus import ChangeBus
from .record_screen import RecordScreen
from .screen import Screen
from .screens import ScreenEntry


class ScreenSlot:
    """One entry of SCREENS: its screen once built, None before."""

    def __init__(self, entry: ScreenEntry) -> None:
        self.entry = entry
        self.screen: Screen | None = None

    @property
    def key(self) -> str:
        return self.entry.key

    @property
    def title(self) -> str:
        return self.entry.title

    def declared_opens(self) -> frozenset[str] | None:
        """The record kinds the screen shows, read from its class (imported, not built); None when only
        the built screen can say."""
        if self.screen is not None:
            return self.screen.opens
        screen_class = self.entry.screen_class
        opens = getattr(screen_class, "opens", None)
        if isinstance(opens, frozenset):
            return opens
        if issubclass(screen_class, RecordScreen) and opens is RecordScreen.opens:
            return frozenset({screen_class.kind_name})
        return None


class ScreenSlots(Sequence[Screen]):
    """The screens in navigation order; indexing or iterating builds the screens it reaches."""

    def __init__(self, entries: Sequence[ScreenEntry], bus: ChangeBus, stack: QStackedWidget,
                 on_built: Callable[[Screen], None]) -> None:
        self.slots = [ScreenSlot(entry) for entry in entries]
        self._bus = bus
        self._stack = stack
        self._on_built = on_built
        for _slot in self.slots:
            stack.addWidget(QWidget())

    def __len__(self) -> int:
        return len(self.slots)

    @overload
    def __getitem__(self, index: int) -> Screen: ...

    @overload
    def __getitem__(self, index: slice) -> list[Screen]: ...

    def __getitem__(self, index: int | slice) -> Screen | list[Screen]:
        if isinstance(index, slice):
            return [self.build(i) for i in range(len(self.slots))[index]]
        return self.build(range(len(self.slots))[index])

    def __iter__(self) -> Iterator[Screen]:
        return (self.build(i) for i in range(len(self.slots)))

    def __contains__(self, screen: object) -> bool:
        return any(slot.screen is screen for slot in self.slots)

    def index(self, screen: object, start: int = 0, stop: int | None = None) -> int:
        for i, slot in enumerate(self.slots[start:stop], start=start):
            if slot.screen is screen:
                return i
        raise ValueError("not a screen of this window")

    @property
    def keys(self) -> list[str]:
        return [slot.key for slot in self.slots]

    def key_index(self, key: str) -> int:
        """The navigation index of the screen with this key (ValueError when there is none)."""
        return self.keys.index(key)

    def built(self) -> list[Screen]:
        """The screens built so far, in navigation order."""
        return [slot.screen for slot in self.slots if slot.screen is not None]

    def is_built(self, index: int) -> bool:
        return self.slots[index].screen is not None

    def build_all(self) -> None:
        for index in range(len(self.slots)):
            self.build(index)

    def build(self, index: int) -> Screen:
        """The screen at `index`, built now when it was not yet."""
        slot = self.slots[index]
        if slot.screen is None:
            screen = slot.entry.make(self._bus, None)
            placeholder = self._stack.widget(index)
            current = self._stack.currentIndex()
            self._stack.insertWidget(index, screen)
            self._stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._stack.setCurrentIndex(current)
            slot.screen = screen
            self._on_built(screen)
        return slot.screen
