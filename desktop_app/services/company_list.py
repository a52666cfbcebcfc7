"""The company list with one more filter than services.list_specs gives it: by industry, in SQL.

Search and order are the list's own (list_specs "company"), so a filtered list reads like the full one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from peewee import Case, fn

from ..db import models as m
from . import listing
from .values import normalise

INDUSTRY_FILTER = "industry"


def industries(limit: int = 300) -> list[str]:
    """The industries the companies have, A-Z (the choices of the filter)."""
    query = (m.Company.select(m.Company.industry)
             .where(m.Company.industry.is_null(False) & (fn.trim(m.Company.industry) != ""))
             .group_by(m.Company.industry)
             .order_by(fn.lower(m.Company.industry), m.Company.industry)
             .limit(limit))
    return [industry for (industry,) in query.tuples()]


def company_ids(
    *,
    search: str = "",
    sort: str | None = None,
    descending: bool | None = None,
    filters: Mapping[str, Any] | None = None,
) -> list[int]:
    """listing.list_ids("company", ...), and {"industry": "Fintech"} keeps the companies of that industry."""
    rest = dict(filters or {})
    industry = rest.pop(INDUSTRY_FILTER, None)
    if industry is None or rest:
        return listing.list_ids("company", search=search, sort=sort, descending=descending, filters=rest)
    s = listing.spec("company")
    sort = sort or s.default_sort
    descending = s.default_descending if descending is None else descending
    expr = m.Company.id if sort == "id" else s.column(sort).order_by
    query = s.join(m.Company.select(m.Company.id)).where(m.Company.industry == industry)
    term = normalise(search) if search else ""
    if term:
        condition = None
        for column in s.search:
            hit = fn.instr(fn.lower(column), term) > 0
            condition = hit if condition is None else condition | hit
        query = query.where(condition)
    nulls_last = Case(None, [(expr.is_null(), 1)], 0)
    order = [nulls_last, expr.desc() if descending else expr.asc(),
             m.Company.id.desc() if descending else m.Company.id]
    return [row[0] for row in query.order_by(*order).tuples()]
