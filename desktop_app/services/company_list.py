"""The choices of the company list's industry filter (the filter itself is list_specs "company")."""

from __future__ import annotations

from peewee import fn

from ..db import models as m

INDUSTRY_FILTER = "industry"


def industries(limit: int = 300) -> list[str]:
    """The industries the companies have, A-Z (the choices of the filter)."""
    query = (m.Company.select(m.Company.industry)
             .where(m.Company.industry.is_null(False) & (fn.trim(m.Company.industry) != ""))
             .group_by(m.Company.industry)
             .order_by(fn.lower(m.Company.industry), m.Company.industry)
             .limit(limit))
    return [industry for (industry,) in query.tuples()]
