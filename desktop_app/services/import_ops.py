"""What an import plans before it writes: the records it creates, the ones it updates, the interviewer
links it removes, and each row's plan (import_plan.py makes them; importer.py writes them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Union

from . import kinds as k
from .changes import Row
from .interchange import RowError

Cells = dict[str, Any]  # column name -> typed value, only for the row's non-empty cells


@dataclass(eq=False, slots=True)
class Planned:
    """A record the import will create; `id` is known once it is written."""

    kind: k.Kind
    values: dict[str, Any]  # links are ids or other Planned records
    line: int
    id: int | None = None
    dropped: bool = False


@dataclass(eq=False, slots=True)
class Update:
    kind: k.Kind
    id: int
    before: Row
    values: dict[str, Any]
    line: int


@dataclass(eq=False, slots=True)
class Unlink:
    row: Row  # an interview_contact row the import removes
    line: int


Op = Union[Planned, Update, Unlink]
Ref = Union[int, Planned]
_RANK = {"skipped": 0, "updated": 1, "created": 2}


@dataclass(slots=True)
class RowPlan:
    line: int
    ops: list[Op] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    commits: list[Callable[[], None]] = field(default_factory=list)  # cache changes, run if the row is kept
    outcome: str = "skipped"

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.line, column, message))

    def mark(self, outcome: str) -> None:
        if _RANK[outcome] > _RANK[self.outcome]:
            self.outcome = outcome


__all__ = ["Cells", "Op", "Planned", "Ref", "RowPlan", "Unlink", "Update"]
