"""Offers side by side with the current job, checked against figures computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.services import records
from desktop_app.services.errors import NotFoundError, ServiceError
from desktop_app.services.offer_compare import compare
from desktop_app.settings import Settings

SETTINGS = Settings(display_currency="EUR", exchange_rates={"USD": "0.92", "GBP": "1.17"},
                    current_base=78_000, current_bonus=6_000, current_currency="EUR")  # 84,000 EUR a year


def offer(company: str, role: str, **values: object) -> int:
    company_id = records.create("company", {"name": company}).primary_id
    opportunity = records.create("opportunity", {"company": company_id, "title": role}).primary_id
    return records.create("offer", {"opportunity": opportunity, "received_on": "2026-03-01", **values}).primary_id


@pytest.fixture
def offers(database: object) -> dict[str, int]:
    return {
        "acme": offer("Acme", "Backend engineer", currency="EUR", base_salary=90_000, bonus=9_000,
                      equity_per_year=5_000, sign_on=10_000, respond_by="2026-03-14", status="negotiating"),
        "globex": offer("Globex", "Staff engineer", currency="USD", base_salary=100_000, bonus=10_000,
                        equity_per_year=20_000, sign_on=15_000),
        "initech": offer("Initech", "Platform engineer", currency="SEK", base_salary=900_000),
    }


def test_the_current_job_comes_first_with_its_yearly_total(offers: dict[str, int]) -> None:
    result = compare([offers["acme"], offers["globex"]], SETTINGS)
    current = result.current
    assert current.is_current and current.company == "Current job"
    assert (current.base.display, current.bonus.display, current.equity.display) == (78_000, 6_000, None)
    assert current.yearly_total.display == 84_000
    assert current.sign_on.own is None and current.difference is None
    assert [c.company for c in result.offers] == ["Acme", "Globex"]
    assert result.display_currency == "EUR"


def test_each_amount_in_its_own_and_the_display_currency(offers: dict[str, int]) -> None:
    acme, globex, initech = compare([offers["acme"], offers["globex"], offers["initech"]], SETTINGS).offers
    assert acme.yearly_total.own == acme.yearly_total.display == 104_000  # 90,000 + 9,000 + 5,000
    assert acme.sign_on.display == 10_000  # beside the total, not in it
    assert acme.difference == 20_000 and acme.difference_percent == Decimal("23.8")  # 20,000 / 84,000
    assert (acme.respond_by.isoformat(), acme.status, acme.role) == ("2026-03-14", "negotiating", "Backend engineer")

    assert globex.currency == "USD"
    assert (globex.base.own, globex.base.display) == (100_000, 92_000)
    assert (globex.bonus.display, globex.equity.display, globex.sign_on.display) == (9_200, 18_400, 13_800)
    assert (globex.yearly_total.own, globex.yearly_total.display) == (130_000, 119_600)
    assert globex.difference == 35_600 and globex.difference_percent == Decimal("42.4")  # 42.38…
    assert not globex.yearly_total.flagged and globex.has_rate


def test_a_currency_without_a_rate_is_flagged_left_out_and_noted(offers: dict[str, int]) -> None:
    result = compare([offers["acme"], offers["globex"], offers["initech"]], SETTINGS)
    initech = result.offers[2]
    assert initech.base.own == 900_000 and initech.base.display is None and initech.base.flagged
    assert initech.yearly_total.own == 900_000 and initech.yearly_total.flagged and not initech.has_rate
    assert initech.bonus.own is None and not initech.bonus.flagged  # nothing to convert
    assert initech.difference is None and initech.difference_percent is None
    assert any("SEK" in note for note in initech.notes)
    [note] = result.notes
    assert "no exchange rate for SEK" in note and "Initech" in note and "left out of the totals" in note
    assert result.best_ids == {offers["globex"]}  # 119,600 EUR beats 104,000 EUR; SEK is not counted


def test_the_latest_figures_are_compared_and_revisions_counted(offers: dict[str, int]) -> None:
    records.update("offer", offers["acme"], {"base_salary": 96_000})  # a counter-offer
    acme = compare([offers["acme"], offers["globex"]], SETTINGS).offers[0]
    assert acme.base.own == 96_000 and acme.yearly_total.display == 110_000
    assert acme.difference == 26_000 and acme.difference_percent == Decimal("31.0")  # 30.95…
    assert acme.revisions == 1


def test_no_current_pay_means_no_differences_and_a_note(offers: dict[str, int]) -> None:
    result = compare([offers["acme"], offers["globex"]], Settings(exchange_rates={"USD": "0.92"}))
    assert not result.current.has_figures and result.current.yearly_total.own is None
    assert all(c.difference is None for c in result.offers)
    assert "current pay is not set" in result.notes[0]


def test_current_pay_in_a_currency_without_a_rate_leaves_the_differences_out(offers: dict[str, int]) -> None:
    settings = Settings(exchange_rates={"USD": "0.92"}, current_base=95_000, current_currency="CHF")
    result = compare([offers["acme"], offers["globex"]], settings)
    assert result.current.yearly_total.flagged and result.current.yearly_total.own == 95_000
    assert all(c.difference is None for c in result.offers)
    assert "CHF" in result.notes[0]


def test_two_to_four_offers_are_compared(offers: dict[str, int]) -> None:
    with pytest.raises(ServiceError, match="Choose 2 to 4 offers to compare; 1 chosen"):
        compare([offers["acme"]], SETTINGS)
    with pytest.raises(ServiceError, match="1 chosen"):
        compare([offers["acme"], offers["acme"]], SETTINGS)
    more = [offer(f"Company {i}", "Engineer", base_salary=1) for i in range(2)]
    with pytest.raises(ServiceError, match="5 chosen"):
        compare([*offers.values(), *more], SETTINGS)
    with pytest.raises(NotFoundError):
        compare([offers["acme"], 999], SETTINGS)
