"""Money: conversion to the display currency, whole units, formatting and the yearly total."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.services import money
from desktop_app.settings import Settings

SETTINGS = Settings(display_currency="EUR", exchange_rates={"USD": "0.92", "GBP": "1.17", "XAF": "0.5"})


def test_the_display_currency_converts_to_itself() -> None:
    assert money.convert(85_000, "EUR", SETTINGS) == 85_000


def test_a_currency_with_a_rate_converts_to_whole_display_units() -> None:
    assert money.convert(100_000, "USD", SETTINGS) == 92_000
    assert money.convert(12_345, "USD", SETTINGS) == 11_357  # 11,357.40
    assert money.convert(12_347, "USD", SETTINGS) == 11_359  # 11,359.24
    assert money.convert(12_348, "USD", SETTINGS) == 11_360  # 11,360.16
    assert money.convert(50_000, "GBP", SETTINGS) == 58_500


def test_halves_round_to_the_even_unit() -> None:
    assert money.convert(5, "XAF", SETTINGS) == 2  # 2.5
    assert money.convert(7, "XAF", SETTINGS) == 4  # 3.5
    assert money.convert(0, "XAF", SETTINGS) == 0


def test_a_currency_without_a_rate_gives_none() -> None:
    assert money.convert(900_000, "SEK", SETTINGS) is None
    assert SETTINGS.rate("SEK") is None


def test_yearly_total_is_base_bonus_and_equity_never_sign_on() -> None:
    assert money.yearly_total(90_000, 9_000, 5_000) == 104_000
    assert money.yearly_total(90_000, None, None) == 90_000
    assert money.yearly_total(None, None, None) == 0


def test_difference_in_percent_to_one_decimal() -> None:
    assert money.difference_percent(104_000, 84_000) == Decimal("23.8")  # 23.8095…
    assert money.difference_percent(75_000, 80_000) == Decimal("-6.2")  # -6.25, half to even
    assert money.difference_percent(84_000, 84_000) == Decimal("0.0")
    assert money.difference_percent(1, 0) is None


def test_money_is_written_with_its_code_after_the_number() -> None:
    assert money.format_money(85_000, "EUR") == "85,000 EUR"
    assert money.format_money(0, "USD") == "0 USD"
    assert money.format_money(None, "USD") == ""
    assert money.format_money(-3_000, "EUR") == "\u22123,000 EUR"
    assert money.format_difference(20_000, "EUR") == "+20,000 EUR"
    assert money.format_difference(-3_000, "EUR") == "\u22123,000 EUR"
    assert money.format_difference(0, "EUR") == "±0 EUR"
    assert money.format_percent(Decimal("23.8")) == "+23.8%"
    assert money.format_percent(Decimal("-6.2")) == "\u22126.2%"
    assert money.format_percent(None) == ""


def test_amounts_and_rates_as_typed() -> None:
    assert money.parse_amount("85,000") == 85_000
    assert money.parse_amount(" ") is None
    with pytest.raises(ValueError, match="not an amount"):
        money.parse_amount("lots")
    assert money.parse_rate(" 0.92 ") == Decimal("0.92")
    for bad in ("0,92", "-1", "0", "abc", "NaN"):
        with pytest.raises(ValueError):
            money.parse_rate(bad)


def test_rates_are_rebased_on_a_new_display_currency() -> None:
    rates = {"USD": "0.8", "GBP": "1.2"}
    # EUR -> USD: 1 EUR = 1/0.8 = 1.25 USD; 1 GBP = 1.2/0.8 = 1.5 USD
    assert money.rebase_rates(rates, "EUR", "USD") == {"EUR": "1.25", "GBP": "1.5"}
    assert money.rebase_rates(rates, "EUR", "CHF") is None
    assert money.rebase_rates({"USD": "0.92"}, "EUR", "USD") == {"EUR": "1.08696"}


def test_rate_rows_are_checked_one_by_one() -> None:
    rows = [("usd", "0.92"), ("", ""), ("GBP", "0,9"), ("XYZ", "1"), ("EUR", "1"), ("USD", "0.9"), ("", "2")]
    rates, problems = money.check_rate_rows(rows, "EUR")
    assert rates == {"USD": "0.92"}
    assert problems == {
        2: "the rate for GBP: '0,9' is not a number; use a decimal point, e.g. 0.92",
        3: "'XYZ' is not an ISO 4217 code",
        4: "EUR is the display currency, always worth 1; remove its row",
        5: "USD has two rates; keep one",
        6: "the rate 2 has no currency; type one such as USD",
    }
