"""Lists of records for the screens: ids, counts, pages of display rows; search, sort and filters in SQL.

A list holds only ids (Anki's browser does the same) and fetches the visible rows by id, so a table
of 100,000 interviews never loads them as Python objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from peewee import Case, fn

from ..db import models as m
from .kinds import kind as get_kind
from .list_specs import (
    SPECS,
    Column,
    ListSpec,
    company_of_opportunity,
    spec,
    via_opportunity,
)
from .values import normalise

__all__ = ["SPECS", "Column", "ListSpec", "spec", "list_ids", "count", "fetch_rows", "ref_label", "ref_options"]


def _filtered(s: ListSpec, query: Any, search: str, filters: Mapping[str, Any] | None) -> Any:
    term = normalise(search) if search else ""
    if term:
        condition = None
        for expr in s.search:
            hit = fn.instr(fn.lower(expr), term) > 0
            condition = hit if condition is None else condition | hit
        query = query.where(condition)
    for name, value in (filters or {}).items():
        if name == "date_from":
            query = query.where(s.date_expr >= value)
        elif name == "date_to":
            query = query.where(s.date_expr <= value)
        elif name == "period":  # (from, to), either end open (None)
            start, end = value
            if start is not None:
                query = query.where(s.date_expr >= start)
            if end is not None:
                query = query.where(s.date_expr <= end)
        elif name in s.conditions:
            query = query.where(s.conditions[name](value))
        elif name in s.filters:
            expr = s.filters[name]
            query = query.where(expr.is_null() if value is None else expr == value)
        else:
            raise KeyError(f"{s.kind} list has no filter {name!r}")
    return query


def list_ids(
    kind_name: str,
    *,
    search: str = "",
    sort: str | None = None,
    descending: bool | None = None,
    filters: Mapping[str, Any] | None = None,
) -> list[int]:
    """Ids of the matching records in display order (NULLs last either way, then by id)."""
    s = spec(kind_name)
    model = get_kind(kind_name).model
    sort = sort or s.default_sort
    descending = s.default_descending if descending is None else descending
    expr = model.id if sort == "id" else s.column(sort).order_by
    query = _filtered(s, s.join(model.select(model.id)), search, filters)
    nulls_last = Case(None, [(expr.is_null(), 1)], 0)
    order = [nulls_last, expr.desc() if descending else expr.asc(), model.id.desc() if descending else model.id]
    return [row[0] for row in query.order_by(*order).tuples()]


def count(kind_name: str, *, search: str = "", filters: Mapping[str, Any] | None = None) -> int:
    s = spec(kind_name)
    model = get_kind(kind_name).model
    return _filtered(s, s.join(model.select(model.id)), search, filters).count()


def fetch_rows(kind_name: str, ids: Iterable[int]) -> dict[int, tuple[Any, ...]]:
    """Display values (one per column of the spec) of the records with these ids."""
    s = spec(kind_name)
    model = get_kind(kind_name).model
    ids = list(ids)
    rows: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(ids), 500):
        query = s.join(model.select(model.id, *[c.expr.alias(c.key) for c in s.columns]))
        for row in query.where(model.id.in_(ids[start : start + 500])).tuples():
            rows[row[0]] = row[1:]
    return rows


# --- labels of linked records -----------------------------------------------------------------


def _opportunity_label(company: str, title: str) -> str:
    return f"{company} — {title}"


def ref_label(kind_name: str, record_id: int | None) -> str:
    """How a linked record is named in a form ("Acme — Backend engineer")."""
    if record_id is None:
        return ""
    options = ref_options(kind_name, ids=[record_id])
    return options[0][1] if options else f"(deleted {kind_name} {record_id})"


def ref_options(
    kind_name: str, search: str = "", limit: int = 50, ids: list[int] | None = None
) -> list[tuple[int, str]]:
    """(id, label) pairs for choosing a linked record, searched in SQL."""
    term = normalise(search) if search else ""
    if kind_name == "company":
        query = m.Company.select(m.Company.id, m.Company.name).order_by(m.Company.name_key)
        if term:
            query = query.where(fn.instr(m.Company.name_key, term) > 0)
        rows = [(i, name) for i, name in query.where(m.Company.id.in_(ids) if ids else True).limit(limit).tuples()]
    elif kind_name == "opportunity":
        query = company_of_opportunity(m.Opportunity.select(m.Opportunity.id, m.Company.name, m.Opportunity.title))
        query = _match_words(query, term, m.Company.name_key, m.Opportunity.title_key)
        if ids:
            query = query.where(m.Opportunity.id.in_(ids))
        query = query.order_by(m.Company.name_key, m.Opportunity.title_key).limit(limit)
        rows = [(i, _opportunity_label(c, t)) for i, c, t in query.tuples()]
    elif kind_name == "interview":
        query = via_opportunity(m.Interview)(
            m.Interview.select(m.Interview.id, m.Interview.scheduled_on, m.Interview.stage, m.Company.name,
                               m.Opportunity.title)
        )
        query = _match_words(query, term, m.Company.name_key, m.Opportunity.title_key)
        if ids:
            query = query.where(m.Interview.id.in_(ids))
        query = query.order_by(m.Interview.scheduled_on.desc()).limit(limit)
        rows = [(i, f"{_date_text(d)} {stage} — {c}, {t}") for i, d, stage, c, t in query.tuples()]
    elif kind_name == "offer":
        query = via_opportunity(m.Offer)(
            m.Offer.select(m.Offer.id, m.Company.name, m.Opportunity.title, m.Offer.received_on)
        )
        query = _match_words(query, term, m.Company.name_key, m.Opportunity.title_key)
        if ids:
            query = query.where(m.Offer.id.in_(ids))
        query = query.order_by(m.Offer.received_on.desc()).limit(limit)
        rows = [(i, f"{_opportunity_label(c, t)} (offer of {_date_text(d)})") for i, c, t, d in query.tuples()]
    else:
        model = get_kind(kind_name).model
        label_field = next(
            (model._meta.fields[n] for n in ("name", "title", "text") if n in model._meta.fields), model.id
        )
        query = model.select(model.id, label_field)
        if term:
            query = query.where(fn.instr(fn.lower(label_field), term) > 0)
        if ids:
            query = query.where(model.id.in_(ids))
        rows = [(i, str(label)) for i, label in query.order_by(label_field).limit(limit).tuples()]
    return rows


def _match_words(query: Any, term: str, *keys: Any) -> Any:
    """Every word of the term must appear in one of the keys ("acme backend" finds "Acme — Backend")."""
    for word in term.replace("—", " ").split():
        condition = None
        for key in keys:
            hit = fn.instr(key, word) > 0
            condition = hit if condition is None else condition | hit
        query = query.where(condition)
    return query


def _date_text(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value or "")
