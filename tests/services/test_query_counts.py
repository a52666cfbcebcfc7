"""A list page, a search and the dashboard's figures cost a fixed, small number of queries, whatever the
number of rows: no query per row (the N+1 pattern that makes 100,000 records slow). No timings here;
`make bench` measures time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playhouse.test_utils import count_queries

from desktop_app.services import listing, stats
from desktop_app.services.demo import generate
from desktop_app.settings import Settings

TODAY = dt.date(2026, 3, 16)
LISTS = ("interview", "opportunity", "question", "contact", "company", "offer", "task", "skill", "criterion")


def queries(action: Callable[[], Any]) -> list[str]:
    with count_queries() as counted:
        action()
    return [record.msg[0] for record in counted.get_queries()]


def first_page(kind: str, search: str = "", sort: str | None = None) -> None:
    ids = listing.list_ids(kind, search=search, sort=sort)
    if search:
        listing.count(kind)
    listing.fetch_rows(kind, ids[:100])


def costs(kind: str) -> dict[str, int]:
    column = listing.spec(kind).columns[-1].key
    return {"page": len(queries(lambda: first_page(kind))),
            "search": len(queries(lambda: first_page(kind, search="engineer"))),
            "short search": len(queries(lambda: first_page(kind, search="e"))),
            "sort": len(queries(lambda: first_page(kind, sort=column)))}


@pytest.mark.parametrize("kind", LISTS)
def test_a_list_page_search_and_sort_cost_the_same_few_queries_at_any_size(database: Any, kind: str) -> None:
    for size in (20, 300):
        generate(size, seed=1, today=TODAY, replace=True)
        found = costs(kind)
        # the ids, then the page's rows; a search adds the total ("12 of 300"); no rows found, no page read
        assert found["page"] == found["sort"] == 2, (size, found)
        assert 2 <= found["search"] <= 3 and found["short search"] == 3, (size, found)


def test_a_page_of_500_rows_is_one_query(database: Any) -> None:
    generate(300, seed=1, today=TODAY)
    ids = listing.list_ids("question")
    assert len(ids) >= 500
    assert len(queries(lambda: listing.fetch_rows("question", ids[:500]))) == 1


@pytest.mark.parametrize("months", [None, 12, 3])
def test_the_dashboard_costs_the_same_queries_at_any_size(database: Any, months: int | None) -> None:
    settings = Settings(exchange_rates={"USD": "0.9", "GBP": "1.17", "CHF": "1.05"})
    generate(20, seed=1, today=TODAY)
    small = queries(lambda: stats.compute(TODAY, settings, months=months))
    generate(600, seed=1, today=TODAY, replace=True)
    large = queries(lambda: stats.compute(TODAY, settings, months=months))
    assert len(large) == len(small) <= 16


def test_each_figure_alone_is_a_query_or_a_few(database: Any) -> None:
    generate(200, seed=1, today=TODAY)
    for key in stats.FIGURE_TABLES:
        assert len(queries(lambda key=key: stats.compute(TODAY, Settings(), only={key}))) <= 5, key


def test_company_fit_reads_every_name_in_one_query_when_there_are_many(database: Any,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    generate(200, seed=1, today=TODAY)
    few = stats.company_fit()
    assert len(few) > 5
    monkeypatch.setattr(stats, "_CHUNK", 5)  # as if there were thousands of companies
    assert len(queries(stats.company_fit)) == 2  # the fits, then every name
    assert stats.company_fit() == few
