"""The fast list queries give exactly the order and the matches of the plain ones they replace.

listing.list_ids skips joins the sort, search and filters do not need, orders with NULLS LAST (so an
index can give the order) and reads the ids as one JSON array. The reference here is the obvious query:
every join, a CASE putting NULLs last, every row read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from peewee import Case, fn

from desktop_app.services import listing, records
from desktop_app.services.demo import generate
from desktop_app.services.kinds import kind as get_kind
from desktop_app.services.values import normalise


def reference_ids(kind: str, search: str = "", sort: str | None = None, descending: bool | None = None,
                  filters: dict[str, Any] | None = None) -> list[int]:
    s = listing.spec(kind)
    model = get_kind(kind).model
    sort = sort or s.default_sort
    descending = s.default_descending if descending is None else descending
    expr = model.id if sort == "id" else s.column(sort).order_by
    query = s.join(model.select(model.id))
    term = normalise(search) if search else ""
    if term:
        condition = None
        for searched in s.search:
            hit = fn.instr(fn.lower(searched), term) > 0
            condition = hit if condition is None else condition | hit
        query = query.where(condition)
    for name, value in (filters or {}).items():
        query = query.where(s.conditions[name](value) if name in s.conditions else s.filters[name] == value)
    nulls_last = Case(None, [(expr.is_null(), 1)], 0)
    order = [nulls_last, expr.desc() if descending else expr.asc(), model.id.desc() if descending else model.id]
    return [row[0] for row in query.order_by(*order).tuples()]


@pytest.fixture
def demo(database: object) -> None:
    generate(60, seed=7, today=dt.date(2026, 3, 16))
    records.create("contact", {"name": "Nobody In Particular"})  # no company: a NULL in a LEFT join


@pytest.mark.parametrize("kind", sorted(listing.SPECS))
def test_every_sort_matches_the_plain_query(demo: None, kind: str) -> None:
    for column in [*listing.spec(kind).columns, None]:
        key = "id" if column is None else column.key
        for descending in (False, True):
            assert listing.list_ids(kind, sort=key, descending=descending) == \
                reference_ids(kind, sort=key, descending=descending), (kind, key, descending)


@pytest.mark.parametrize("kind", sorted(listing.SPECS))
def test_searches_and_filters_match_the_plain_query(demo: None, kind: str) -> None:
    s = listing.spec(kind)
    # one and two letters are matched with LIKE, three and more through the full-text indexes; LIKE's
    # wildcards and its escape character are plain text to a search box
    for term in ("a", "en", "ing", "zzz-none", "%", "_", "\\", "a%", "é", "E"):
        for column in s.columns:
            assert listing.list_ids(kind, search=term, sort=column.key) == \
                reference_ids(kind, search=term, sort=column.key), (kind, term, column.key)
        assert listing.count(kind, search=term) == len(reference_ids(kind, search=term))
    for name, expr in s.filters.items():
        value = expr.model.select(expr).where(expr.is_null(False)).scalar()
        if value is not None:
            assert listing.list_ids(kind, filters={name: value}) == reference_ids(kind, filters={name: value})
            assert listing.count(kind, filters={name: value}) == len(reference_ids(kind, filters={name: value}))


def test_nulls_last_in_a_left_join(demo: None) -> None:
    from desktop_app.db import models as m

    without = {i for (i,) in m.Contact.select(m.Contact.id).where(m.Contact.company.is_null()).tuples()}
    assert without
    for descending in (False, True):
        ids = listing.list_ids("contact", sort="company", descending=descending)
        assert set(ids[-len(without):]) == without


def test_order_kept_after_edits_the_list_does_not_order_or_filter_by(demo: None) -> None:
    interview = listing.list_ids("interview")[0]
    opportunity = records.get("interview", interview)["opportunity"]
    company = records.get("opportunity", opportunity)["company"]
    notes = records.update("interview", interview, {"debrief_notes": "went well"})
    moved = records.update("interview", interview, {"scheduled_on": dt.date(2020, 1, 1)})
    renamed = records.update("company", company, {"name": "Zzz Renamed"})
    created = records.create("interview", {"opportunity": opportunity, "scheduled_on": dt.date(2026, 1, 1)})
    kept = listing.order_kept
    assert kept("interview", notes) and kept("interview", renamed)
    assert not kept("interview", notes, search="well")  # the notes are searched
    assert not kept("interview", moved)  # the date is the order
    assert not kept("interview", renamed, sort="company")
    assert not kept("interview", created) and not kept("interview", records.delete("interview", interview))
    outcome = records.update("interview", listing.list_ids("interview")[1], {"outcome": "failed"})
    assert kept("interview", outcome) and not kept("interview", outcome, filters={"outcome": "passed"})
    other = next(i for i in listing.list_ids("interview") if records.get("interview", i)["opportunity"] != opportunity)
    relinked = records.update("interview", other, {"opportunity": opportunity})
    assert not kept("opportunity", relinked, sort="interviews")  # interviews per opportunity are the order
    assert kept("opportunity", relinked, sort="title")


def test_a_search_reads_linked_tables_through_their_links_not_a_join() -> None:
    from desktop_app.db import models as m
    from desktop_app.services.list_search import link_path

    assert link_path(m.Interview, m.Company) == [m.Interview.opportunity, m.Opportunity.company]
    assert link_path(m.Contact, m.Company) == [m.Contact.company]
    assert link_path(m.Score, m.Criterion) == [m.Score.criterion]
    assert link_path(m.Company, m.Interview) is None  # no link leads that way
    sql, _ = listing._ids_query(listing.spec("interview"), m.Interview, "en", None).sql()
    assert " JOIN " not in sql
    assert sql.count('"opportunity_id" IN (SELECT') == 1  # role and company: one way, one subquery


def test_a_search_term_with_wildcards_matches_only_itself(database: object) -> None:
    plain = records.create("company", {"name": "Plain Works"}).rows[0].after["id"]
    odd = records.create("company", {"name": "100% Remote_Co"}).rows[0].after["id"]
    assert listing.list_ids("company", search="%") == [odd]
    assert listing.list_ids("company", search="_") == [odd]
    assert listing.list_ids("company", search="n w") == [plain]
    assert listing.list_ids("company", search="PLAIN") == [plain]
