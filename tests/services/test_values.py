from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.services.kinds import INTERVIEW, OFFER, OPPORTUNITY
from desktop_app.services.values import normalise


def test_normalise_nfc_trim_casefold() -> None:
    assert normalise("  A\u0308rger ") == normalise("ärger") == "ärger"
    assert normalise("STRASSE") == normalise("straße")


@pytest.mark.parametrize(("raw", "expected"), [("9:05", "09:05"), ("23:59", "23:59"), (dt.time(7, 30), "07:30")])
def test_times(raw, expected) -> None:
    assert INTERVIEW.field("scheduled_time").clean(raw) == expected


@pytest.mark.parametrize("raw", ["24:00", "7pm", "12:5", "noon"])
def test_bad_times(raw) -> None:
    with pytest.raises(ValueError, match="24-hour"):
        INTERVIEW.field("scheduled_time").clean(raw)


def test_choices_ignore_case_underscores_and_spaces() -> None:
    stage = INTERVIEW.field("stage")
    assert stage.clean("System_Design") == "system design"
    assert stage.clean("TAKE-HOME") == "take-home"
    assert INTERVIEW.field("outcome").clean("No Show") == "no-show"


def test_booleans_and_money() -> None:
    said_yes = OPPORTUNITY.field("said_yes")
    assert said_yes.clean("Yes") is True and said_yes.clean("") is False and said_yes.clean("0") is False
    with pytest.raises(ValueError):
        said_yes.clean("maybe")
    base = OFFER.field("base_salary")
    assert base.clean("1,250,000") == 1_250_000
    with pytest.raises(ValueError, match="whole number of currency units"):
        base.clean("12.50")
    with pytest.raises(ValueError, match="out of range"):
        base.clean("-5")


def test_to_text_round_trips() -> None:
    for field, value in [(INTERVIEW.field("scheduled_on"), dt.date(2026, 3, 14)),
                         (OPPORTUNITY.field("said_yes"), True), (OFFER.field("base_salary"), 90000)]:
        assert field.clean(field.to_text(value)) == value
