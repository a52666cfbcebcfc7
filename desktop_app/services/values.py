"""Value types of record fields: parsing text and checking typed values, with reasons in words.

One piece serves the forms (typed values or text), the CSV importer (text) and the exporter
(value -> text), so a date or an amount means the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

MIN_DATE = dt.date(1970, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)
MAX_MONEY = 10**12
MAX_INT = 2**63 - 1  # SQLite's INTEGER holds -MAX_INT - 1 .. MAX_INT
SHOWN_MAX = 40  # characters of a refused value an error message repeats
TEXT_MAX = 255
LONGTEXT_MAX = 200_000

# ISO 4217 active codes (a fixed list of ~160 codes: data, not logic).
CURRENCIES = frozenset(
    """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN
    BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP
    GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD
    KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK
    NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD
    SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD
    XCG XOF XPF YER ZAR ZMW ZWG""".split()
)

_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"no", "n", "false", "0", ""}


def normalise(text: str) -> str:
    """The key names are compared by: Unicode NFC, trimmed, case-folded."""
    return unicodedata.normalize("NFC", text).strip().casefold()


def clean_text(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def shown(raw: Any) -> str:
    """A refused value as an error message repeats it: trimmed, cut after SHOWN_MAX characters, and
    printable (a lone surrogate becomes U+FFFD, other control characters their escape)."""
    try:
        text = str(raw).strip()
    except ValueError:  # an int too long to convert to text
        return "(a number too long to show)"
    out = ""
    for ch in text:
        if len(out) >= SHOWN_MAX:
            return out + "…"
        if 0xD800 <= ord(ch) <= 0xDFFF:
            out += "\ufffd"
        elif unicodedata.category(ch) == "Cc":
            out += ch.encode("unicode_escape").decode("ascii")
        else:
            out += ch
    return out


def _surrogate_at(text: str) -> int | None:
    """The position of the first lone surrogate, which UTF-8 (and so SQLite) cannot store."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


@dataclass(frozen=True)
class FieldType:
    """How one kind of value is parsed from text, checked, and written back as text."""

    name: str

    def parse(self, raw: Any, spec: "Field") -> Any:
        raise NotImplementedError

    def to_text(self, value: Any) -> str:
        return "" if value is None else str(value)


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{shown(text)}' is not a date; use YYYY-MM-DD, e.g. 2026-03-14") from None


class DateType(FieldType):
    def parse(self, raw: Any, spec: "Field") -> dt.date:
        value = _as_date(raw)
        if not MIN_DATE <= value <= MAX_DATE:
            raise ValueError(f"{value.isoformat()} is outside 1970-01-01 to 2100-12-31")
        return value

    def to_text(self, value: Any) -> str:
        return "" if value is None else _as_date(value).isoformat()


class TimeType(FieldType):
    def parse(self, raw: Any, spec: "Field") -> str:
        if isinstance(raw, dt.time):
            return raw.strftime("%H:%M")
        text = str(raw).strip()
        match = _TIME_RE.match(text)
        if not match:
            raise ValueError(f"'{shown(text)}' is not a 24-hour time; use HH:MM, e.g. 15:30")
        return f"{int(match.group(1)):02d}:{match.group(2)}"


class TooLarge(ValueError):
    """A whole number beyond what SQLite's INTEGER holds."""


class IntType(FieldType):
    def parse(self, raw: Any, spec: "Field") -> int:
        if isinstance(raw, bool):
            raise ValueError("must be a whole number")
        if isinstance(raw, int):
            value = raw
        elif isinstance(raw, float) and raw.is_integer():
            value = int(raw)
        else:
            text = str(raw).strip().replace("_", "")
            if not re.fullmatch(r"[+-]?\d+", text):
                raise ValueError(f"'{shown(text)}' is not a whole number")
            if len(text.lstrip("+-").lstrip("0")) > len(str(MAX_INT)):
                raise TooLarge(f"'{shown(text)}' is too large a number")
            value = int(text)
        if not -MAX_INT - 1 <= value <= MAX_INT:
            raise TooLarge(f"'{shown(value)}' is too large a number")
        low, high = spec.minimum, spec.maximum
        if low is not None and value < low or high is not None and value > high:
            raise ValueError(f"{value} is out of range; use {low} to {high}")
        return value


class RatingType(IntType):
    def parse(self, raw: Any, spec: "Field") -> int:
        try:
            value = super().parse(raw, spec)
        except ValueError:
            value = None
        if value is None or not 1 <= value <= 5:
            raise ValueError(f"'{shown(raw)}' is not a rating; use a whole number from 1 to 5, or leave it empty")
        return value


class MoneyType(IntType):
    def parse(self, raw: Any, spec: "Field") -> int:
        text = raw if isinstance(raw, int) else str(raw).strip().replace(",", "").replace(" ", "")
        try:
            value = IntType.parse(self, text, spec)
        except TooLarge:
            value = MAX_MONEY + 1
        except ValueError:
            raise ValueError(f"'{shown(raw)}' is not an amount; use a whole number of currency units, "
                             "e.g. 85000") from None
        if not 0 <= value <= MAX_MONEY:
            raise ValueError(f"'{shown(raw)}' is out of range; amounts go from 0 to 1000000000000")
        return value


class CurrencyType(FieldType):
    def parse(self, raw: Any, spec: "Field") -> str:
        code = str(raw).strip().upper()
        if code not in CURRENCIES:
            raise ValueError(f"'{shown(raw)}' is not an ISO 4217 currency code such as EUR or USD")
        return code


class BoolType(FieldType):
    def parse(self, raw: Any, spec: "Field") -> bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().casefold()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(f"'{shown(raw)}' is not yes or no")

    def to_text(self, value: Any) -> str:
        return "" if value is None else ("yes" if value else "no")


@dataclass(frozen=True)
class TextType(FieldType):
    max_length: int = TEXT_MAX

    def parse(self, raw: Any, spec: "Field") -> str:
        text = clean_text(str(raw)) if self.max_length == TEXT_MAX else str(raw).strip("\r\n").rstrip()
        if len(text) > self.max_length:
            raise ValueError(f"is {len(text)} characters long; at most {self.max_length} fit")
        if "\x00" in text:
            raise ValueError("contains a NUL character, which is not text")
        at = _surrogate_at(text)
        if at is not None:
            raise ValueError(f"contains a broken character (a lone surrogate, U+{ord(text[at]):04X}) at "
                             f"position {at + 1}, which cannot be stored; retype or remove it")
        return text


class ChoiceType(FieldType):
    def parse(self, raw: Any, spec: "Field") -> str:
        text = " ".join(str(raw).strip().casefold().replace("_", " ").split())
        for choice in spec.choices:
            if text == choice or text == choice.replace("-", " "):
                return choice
        allowed = ", ".join(spec.choices)
        raise ValueError(f"'{shown(raw)}' is not one of: {allowed}")


class RefType(FieldType):
    """A link to another record, by id (the services check it exists)."""

    def parse(self, raw: Any, spec: "Field") -> int:
        value = raw.id if hasattr(raw, "id") else raw
        if isinstance(value, str) and re.fullmatch(r"\s*\d{1,19}\s*", value, re.ASCII):
            value = int(value)
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_INT:
            raise ValueError(f"'{shown(raw)}' is not a record id")
        return value


TEXT = TextType("text", TEXT_MAX)
LONGTEXT = TextType("longtext", LONGTEXT_MAX)
DATE = DateType("date")
TIME = TimeType("time")
INT = IntType("int")
RATING = RatingType("rating")
MONEY = MoneyType("money")
CURRENCY = CurrencyType("currency")
BOOL = BoolType("bool")
CHOICE = ChoiceType("choice")
REF = RefType("ref")


@dataclass(frozen=True)
class Field:
    """One editable field of a record kind."""

    name: str  # the model's field name
    label: str  # what a form shows
    type: FieldType = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # kind name of the linked record, for REF fields
    minimum: int | None = None
    maximum: int | None = None
    default: Any = None
    help: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def is_empty(self, raw: Any) -> bool:
        return raw is None or (isinstance(raw, str) and raw.strip() == "")

    def clean(self, raw: Any) -> Any:
        """Typed value for raw input (text or typed); None when empty. Raises ValueError(reason)."""
        if self.is_empty(raw):
            if self.type is BOOL:
                return False
            if self.required:
                raise ValueError("is required")
            return None
        return self.type.parse(raw, self)

    def to_text(self, value: Any) -> str:
        return self.type.to_text(value)
