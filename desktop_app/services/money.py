"""Money as PRODUCT.md defines it: whole currency units per year, shown in the display currency.

An amount in a currency is converted with Settings.rate() (display-currency units per unit) and
rounded to whole units half-to-even, so that rounding many converted amounts has no upward drift.
A currency without a rate converts to None: the caller shows the amount in its own currency, flags it
and leaves it out of totals. Money is written "85,000 EUR" everywhere: the code after the number is
unambiguous for every ISO 4217 code (a "$" is not) and keeps figures aligned in a column.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from ..settings import Settings
from .values import CURRENCIES, MONEY, Field

MINUS = "\u2212"  # a real minus sign: as wide as the plus, so signed figures line up
_AMOUNT = Field("amount", "Amount", MONEY)


def convert(amount: int, currency: str, settings: Settings) -> int | None:
    """`amount` of `currency` in whole display-currency units; None when the currency has no rate."""
    rate = settings.rate(currency)
    if rate is None:
        return None
    return int((Decimal(amount) * rate).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def yearly_total(base: int | None, bonus: int | None, equity: int | None) -> int:
    """Base + bonus + equity per year (an empty one counts as 0). Sign-on is one-off: never in here."""
    return (base or 0) + (bonus or 0) + (equity or 0)


def difference_percent(amount: int, baseline: int) -> Decimal | None:
    """How much `amount` is above (or below) `baseline`, in percent to one decimal; None for a 0 baseline."""
    if baseline == 0:
        return None
    share = Decimal(amount - baseline) * 100 / Decimal(baseline)
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)


def format_money(amount: int | None, currency: str | None) -> str:
    """'85,000 EUR'; '' for no amount."""
    if amount is None:
        return ""
    text = f"{abs(int(amount)):,}"
    sign = MINUS if amount < 0 else ""
    return f"{sign}{text} {currency}" if currency else f"{sign}{text}"


def format_difference(amount: int, currency: str) -> str:
    """'+15,360 EUR', '−3,000 EUR', '±0 EUR'."""
    if amount == 0:
        return f"±0 {currency}"
    return ("+" if amount > 0 else MINUS) + format_money(abs(amount), currency)


def format_percent(percent: Decimal | None) -> str:
    """'+18.3%', '−4.0%', '±0.0%'; '' when there is no percentage."""
    if percent is None:
        return ""
    if percent == 0:
        return "±0.0%"
    return ("+" if percent > 0 else MINUS) + f"{abs(percent):.1f}%"


def parse_amount(text: str) -> int | None:
    """An amount as typed ("85,000", "85000"); None when empty. Raises ValueError with the reason."""
    return _AMOUNT.clean(text)


def parse_rate(text: str) -> Decimal:
    """A rate as typed ("0.92"); raises ValueError unless it is a positive decimal number."""
    try:
        rate = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(f"'{text.strip()}' is not a number; use a decimal point, e.g. 0.92") from None
    if not rate.is_finite() or rate <= 0:
        raise ValueError(f"'{text.strip()}' is not a positive number")
    return rate


def check_rate_rows(rows: list[tuple[str, str]], display: str) -> tuple[dict[str, str], dict[int, str]]:
    """Rates as typed in a table, one (code, rate) per row: the valid ones, and a reason per bad row.

    Blank rows are skipped. A row is bad when its code is missing or not ISO 4217, names the display
    currency (always worth 1), repeats a code, or has no positive rate.
    """
    rates: dict[str, str] = {}
    problems: dict[int, str] = {}
    for row, (raw_code, text) in enumerate(rows):
        code = raw_code.strip().upper()
        if not code and not text.strip():
            continue
        if not code:
            problems[row] = f"the rate {text.strip()} has no currency; type one such as USD"
        elif code not in CURRENCIES:
            problems[row] = f"'{code}' is not an ISO 4217 code"
        elif code == display:
            problems[row] = f"{code} is the display currency, always worth 1; remove its row"
        elif code in rates:
            problems[row] = f"{code} has two rates; keep one"
        else:
            try:
                parse_rate(text)
                rates[code] = text.strip()
            except ValueError as exc:
                problems[row] = f"the rate for {code}: {exc}"
    return rates, problems


def rebase_rates(rates: dict[str, str], old_display: str, new_display: str) -> dict[str, str] | None:
    """The same rates expressed in a new display currency; None when the new one has no rate yet.

    With EUR as display and USD at 0.92, switching to USD gives EUR at 1/0.92 and every other rate
    divided by 0.92 (to 6 significant digits).
    """
    if new_display == old_display:
        return dict(rates)
    pivot_text = rates.get(new_display)
    if pivot_text is None:
        return None
    pivot = Decimal(pivot_text)
    rebased = {code: _significant(Decimal(text) / pivot) for code, text in rates.items() if code != new_display}
    rebased[old_display] = _significant(Decimal(1) / pivot)
    return dict(sorted(rebased.items()))


def _significant(value: Decimal, digits: int = 6) -> str:
    if value == 0:
        return "0"
    exponent = value.adjusted() - digits + 1
    rounded = value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_EVEN)
    text = format(rounded.normalize(), "f")
    return text
