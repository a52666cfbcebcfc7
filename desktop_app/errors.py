"""Errors SayYes reports: raised by the data layer and the services, each naming what is wrong so the UI
and CLI can show it as is. A leaf module (it imports nothing of SayYes), so every layer may use it."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import OperationalError


@dataclass(frozen=True)
class FieldError:
    field: str  # the field's name ("company", "scheduled_on"); "" for the record as a whole
    message: str  # the reason, in words a user understands

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class ServiceError(Exception):
    """Base for every error a service reports to its caller."""


class ValidationError(ServiceError):
    def __init__(self, errors: list[FieldError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))

    def for_field(self, field: str) -> str | None:
        return next((e.message for e in self.errors if e.field == field), None)


class NotFoundError(ServiceError):
    def __init__(self, kind: str, record_id: int):
        self.kind, self.record_id = kind, record_id
        super().__init__(f"There is no {kind} with id {record_id}; it may have been deleted.")


class DeleteRefusedError(ServiceError):
    """The record still has records that do not belong to it (an opportunity at a company ...).

    blockers maps a label already in the right number ("1 opportunity" needs "opportunity") to a count.
    """

    def __init__(self, kind: str, record_id: int, blockers: dict[str, int]):
        self.kind, self.record_id, self.blockers = kind, record_id, dict(blockers)
        what = ", ".join(f"{n} {k}" for k, n in blockers.items())
        super().__init__(f"This {kind} still has {what}; move or delete them first.")


class Cancelled(ServiceError):
    """Long work was cancelled by the user; nothing was changed."""

    def __init__(self) -> None:
        super().__init__("Cancelled; nothing was changed.")


class StorageError(ServiceError, OperationalError):
    """The data file could not be written (the disk is full, permission denied, a disk error).

    Raised by the data layer for every statement, so each service reports it without catching it; the
    change's transaction is rolled back, so the data is as it was. Also a peewee OperationalError, so
    code that handles database errors keeps handling it.
    """
