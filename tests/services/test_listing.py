"""Lists page, search, sort and filter in SQL."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.services import listing, records


@pytest.fixture
def sample(database) -> dict[str, int]:
    ids = {}
    for name in ("Zeta", "acme", "Ärger"):
        ids[name] = records.create("company", {"name": name}).primary_id
    opp_a = records.create("opportunity", {"company": ids["acme"], "title": "Backend", "status": "interviewing",
                                           "invited_on": "2026-01-02"}).primary_id
    opp_z = records.create("opportunity", {"company": ids["Zeta"], "title": "Data Engineer",
                                           "invited_on": "2026-03-01"}).primary_id
    opp_u = records.create("opportunity", {"company": ids["Ärger"], "title": "SRE"}).primary_id
    for opp, day, stage, outcome in [
        (opp_a, "2026-01-10", "technical", "passed"),
        (opp_a, "2026-01-20", "system design", "failed"),
        (opp_z, "2026-03-05", "recruiter screen", "pending"),
        (opp_u, "2026-02-11", "coding", "scheduled"),
    ]:
        records.create("interview", {"opportunity": opp, "scheduled_on": day, "stage": stage, "outcome": outcome})
    ids.update(opp_a=opp_a, opp_z=opp_z, opp_u=opp_u)
    return ids


def dates(ids: list[int]) -> list[str]:
    rows = listing.fetch_rows("interview", ids)
    return [rows[i][0].isoformat() for i in ids]


def test_default_order_is_newest_first(sample) -> None:
    assert dates(listing.list_ids("interview")) == ["2026-03-05", "2026-02-11", "2026-01-20", "2026-01-10"]


def test_sort_by_company_ignores_case(sample) -> None:
    ids = listing.list_ids("interview", sort="company", descending=False)
    companies = [listing.fetch_rows("interview", [i])[i][2] for i in ids]
    # the case-folded key sorts; non-ASCII letters come after z (binary order, no locale collation yet)
    assert companies == ["acme", "acme", "Zeta", "Ärger"]


def test_search_matches_company_role_and_is_case_insensitive(sample) -> None:
    assert dates(listing.list_ids("interview", search="ÄRGER")) == ["2026-02-11"]
    assert len(listing.list_ids("interview", search="backend")) == 2
    assert listing.count("interview", search="nothing like this") == 0


def test_filters_and_date_range(sample) -> None:
    assert listing.count("interview", filters={"outcome": "passed"}) == 1
    assert listing.count("interview", filters={"company": sample["acme"]}) == 2
    assert dates(listing.list_ids("interview", filters={"date_from": dt.date(2026, 2, 1),
                                                        "date_to": dt.date(2026, 2, 28)})) == ["2026-02-11"]
    assert listing.count("opportunity", filters={"status": "lead"}) == 2
    with pytest.raises(KeyError):
        listing.count("interview", filters={"colour": "red"})


def test_nulls_sort_last_both_ways(sample) -> None:
    for descending in (False, True):
        ids = listing.list_ids("opportunity", sort="invited_on", descending=descending)
        assert ids[-1] == sample["opp_u"]


def test_rows_carry_display_values(sample) -> None:
    rows = listing.fetch_rows("opportunity", [sample["opp_a"]])
    spec = listing.spec("opportunity")
    row = dict(zip([c.key for c in spec.columns], rows[sample["opp_a"]]))
    assert row["company"] == "acme" and row["status"] == "interviewing" and row["interviews"] == 2


def test_reference_options(sample) -> None:
    options = dict(listing.ref_options("opportunity", "ärg"))
    assert list(options.values()) == ["Ärger — SRE"]
    assert listing.ref_label("company", sample["Zeta"]) == "Zeta"
    assert "2026-03-05 recruiter screen — Zeta, Data Engineer" in dict(listing.ref_options("interview")).values()


def test_every_kind_has_a_list_that_runs(sample) -> None:
    from desktop_app.services.demo import generate
    from desktop_app.services.kinds import KINDS

    assert set(listing.SPECS) == set(KINDS)
    generate(40, replace=True)
    for kind in listing.SPECS:
        ids = listing.list_ids(kind)
        assert ids, kind
        assert len(listing.fetch_rows(kind, ids)) == len(ids) == listing.count(kind)
        for column in listing.spec(kind).columns:
            assert sorted(listing.list_ids(kind, sort=column.key, descending=True)) == sorted(ids), (kind, column.key)
        assert listing.count(kind, search="zzzz-no-such-text") == 0


def test_reference_search_matches_every_word_anywhere(sample) -> None:
    assert [label for _, label in listing.ref_options("opportunity", "acme backend")] == ["acme — Backend"]
    assert [label for _, label in listing.ref_options("opportunity", "backend zeta")] == []


def test_offers_are_named_by_company_role_and_date(sample) -> None:
    offer = records.create("offer", {"opportunity": sample["opp_a"], "received_on": "2026-02-01",
                                     "base_salary": 1}).primary_id
    assert listing.ref_label("offer", offer) == "acme — Backend (offer of 2026-02-01)"
