"""Typed settings, stored in the data file's `setting` table as JSON (no Qt here).

Settings are not undoable (PRODUCT.md), so they are written directly, each in its own transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal, InvalidOperation
from typing import Any

from .db import db
from .db.models import Setting
from .errors import FieldError, ValidationError
from .services.values import CURRENCIES

THEMES = ("system", "light", "dark")


@dataclass
class Settings:
    display_currency: str = "EUR"
    # how many display-currency units one unit of the currency is worth, as decimal strings
    exchange_rates: dict[str, str] = field(default_factory=dict)
    current_base: int | None = None
    current_bonus: int | None = None
    current_equity: int | None = None
    current_currency: str | None = None
    habit_target_per_month: int = 2
    theme: str = "system"
    backup_retention: int = 10

    def rate(self, currency: str) -> Decimal | None:
        """Display-currency units per unit of `currency`; None when no rate is known."""
        if currency == self.display_currency:
            return Decimal(1)
        text = self.exchange_rates.get(currency)
        return Decimal(text) if text is not None else None

    def validate(self) -> None:
        errors: list[FieldError] = []
        if self.display_currency not in CURRENCIES:
            errors.append(FieldError("display_currency", f"'{self.display_currency}' is not an ISO 4217 code"))
        for code, text in self.exchange_rates.items():
            if code not in CURRENCIES:
                errors.append(FieldError("exchange_rates", f"'{code}' is not an ISO 4217 code"))
                continue
            try:
                if Decimal(text) <= 0:
                    raise InvalidOperation
            except (InvalidOperation, ValueError):
                errors.append(FieldError("exchange_rates", f"the rate for {code} ('{text}') is not a positive number"))
        if not 0 <= self.habit_target_per_month <= 100:
            errors.append(FieldError("habit_target_per_month", "use a number of interviews from 0 to 100"))
        if self.theme not in THEMES:
            errors.append(FieldError("theme", f"'{self.theme}' is not one of: {', '.join(THEMES)}"))
        if not 1 <= self.backup_retention <= 1000:
            errors.append(FieldError("backup_retention", "keep from 1 to 1000 backups"))
        if errors:
            raise ValidationError(errors)


_KNOWN = {f.name for f in fields(Settings)}


def load() -> Settings:
    values: dict[str, Any] = {}
    for key, text in Setting.select(Setting.key, Setting.value).where(Setting.key.in_(_KNOWN)).tuples():
        try:
            values[key] = json.loads(text)
        except ValueError:
            continue  # a damaged value falls back to its default
    return Settings(**values)


def save(settings: Settings) -> None:
    settings.validate()
    now = dt.datetime.now().replace(microsecond=0)
    with db.atomic():
        for key, value in asdict(settings).items():
            _put(key, value, now)


def _put(key: str, value: Any, now: dt.datetime) -> None:
    text = json.dumps(value, sort_keys=True)
    (Setting.insert(key=key, value=text, created_at=now, updated_at=now)
     .on_conflict(conflict_target=[Setting.key], update={Setting.value: text, Setting.updated_at: now})
     .execute())


def get_value(key: str, default: Any = None) -> Any:
    """A free-form value (window geometry, saved import mappings ...) stored beside the settings."""
    row = Setting.select(Setting.value).where(Setting.key == key).tuples().first()
    if row is None:
        return default
    try:
        return json.loads(row[0])
    except ValueError:
        return default


def set_value(key: str, value: Any) -> None:
    with db.atomic():
        _put(key, value, dt.datetime.now().replace(microsecond=0))
