"""Lists of records for the screens: ids, counts, pages of display rows; search, sort and filters in SQL.

A list holds only ids (Anki's browser does the same) and fetches the visible rows by id, so a table
of 100,000 interviews never loads them as Python objects.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

from peewee import Field, FieldAlias, Function, Node, Value, fn

from ..db import db
from ..db import models as m
from . import list_search
from .changes import Change
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

__all__ = ["SPECS", "Column", "ListSpec", "spec", "list_ids", "count", "order_kept", "fetch_rows", "ref_label",
           "ref_options"]


def _search(s: ListSpec, model: Any, search: str) -> tuple[Any, list[Any]]:
    """The search's condition (None: no search), and the expressions the query itself must read for it
    (none when the full-text indexes answer it)."""
    term = normalise(search) if search else ""
    if not term:
        return None, []
    found = list_search.condition(s, model, term)
    if found is not None:
        return found, []
    condition = None
    for expr in s.search:
        hit = fn.instr(fn.lower(expr), term) > 0
        condition = hit if condition is None else condition | hit
    return condition, list(s.search)


def _filtered(s: ListSpec, query: Any, condition: Any, filters: Mapping[str, Any] | None) -> Any:
    """The query narrowed to the search's condition (None: no search) and the filters chosen."""
    if condition is not None:
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


# --- which tables a query needs ----------------------------------------------------------------


def _fields(node: Any, seen: set[int] | None = None) -> Iterator[Any]:
    """The columns (fields, or fields of a model alias) an expression reads, subqueries included."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, Field):
        yield node
    elif isinstance(node, Node):
        for value in vars(node).values():
            yield from _fields(value, seen)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _fields(value, seen)


def _sources(node: Any) -> Iterator[Any]:
    """The models (or model aliases) whose columns an expression reads."""
    return (f.source if isinstance(f, FieldAlias) else f.model for f in _fields(node))


def _columns(node: Any) -> set[tuple[str, str]]:
    """(table, field name) of every column an expression reads."""
    return {(f.field.model._meta.table_name, f.field.name) if isinstance(f, FieldAlias)
            else (f.model._meta.table_name, f.name) for f in _fields(node)}


def _needs_join(s: ListSpec, model: Any, exprs: Iterable[Any]) -> bool:
    """Whether these expressions read a table the spec joins in. A spec's joins follow required links
    (inner joins on NOT NULL foreign keys) or are LEFT joins, so they never add or drop a row: ids and
    counts that read only the kind's own table need no join (SQLite then walks one index)."""
    return any(source is not model for expr in exprs for source in _sources(expr))


def _filter_reads(s: ListSpec, filters: Mapping[str, Any] | None) -> list[Any]:
    """The expressions the filters chosen read."""
    exprs: list[Any] = []
    for name, value in (filters or {}).items():
        if name in ("date_from", "date_to", "period"):
            exprs.append(s.date_expr)
        elif name in s.conditions:
            exprs.append(s.conditions[name](value))
        elif name in s.filters:
            exprs.append(s.filters[name])
    return exprs


def _ids_query(s: ListSpec, model: Any, search: str, filters: Mapping[str, Any] | None, *used: Any) -> Any:
    condition, search_reads = _search(s, model, search)
    query = model.select(model.id)
    if _needs_join(s, model, [*search_reads, *_filter_reads(s, filters), *used]):
        query = s.join(query)
    return _filtered(s, query, condition, filters)


def _never_null(expr: Any) -> bool:
    if isinstance(expr, FieldAlias):
        return False  # a column of a LEFT-joined table
    if isinstance(expr, Field):
        return not expr.null
    if isinstance(expr, Function) and expr.name.upper() == "COALESCE":
        return any(_never_null(a) or (not isinstance(a, Node) and a is not None) for a in expr.arguments)
    if isinstance(expr, Value):
        return expr.value is not None
    lhs, rhs = getattr(expr, "lhs", None), getattr(expr, "rhs", None)
    if getattr(expr, "op", None) in ("+", "-", "*"):
        return all(_never_null(side) or (not isinstance(side, Node) and side is not None) for side in (lhs, rhs))
    return False


@cache
def _has_json() -> bool:
    try:
        sqlite3.connect(":memory:").execute("SELECT json_group_array(1)").close()
    except sqlite3.OperationalError:
        return False
    return True


def _id_list(query: Any) -> list[int]:
    """The ids a query selects, in its order: one JSON array built by SQLite, so 100,000 ids cost one row
    (a third of the time of 100,000 rows; the subquery's ORDER BY is the order the array is built in)."""
    sql, params = query.sql()
    if not _has_json():
        return [row[0] for row in db.execute_sql(sql, params)]
    return json.loads(db.execute_sql(f"SELECT json_group_array(id) FROM ({sql})", params).fetchone()[0])


def list_ids(
    kind_name: str,
    *,
    search: str = "",
    sort: str | None = None,
    descending: bool | None = None,
    filters: Mapping[str, Any] | None = None,
) -> list[int]:
    """Ids of the matching records in display order (NULLs last either way, then by id).

    One query, written so that an index on the sort column can give the order: NULLS LAST rather than a
    CASE, and no join unless the sort, search or filters read a joined table.
    """
    s = spec(kind_name)
    model = get_kind(kind_name).model
    sort = sort or s.default_sort
    descending = s.default_descending if descending is None else descending
    expr = model.id if sort == "id" else s.column(sort).order_by
    query = _ids_query(s, model, search, filters, expr)
    if expr is model.id:
        order = [model.id.desc() if descending else model.id.asc()]
    elif descending:
        order = [expr.desc() if _never_null(expr) else expr.desc(nulls="LAST"), model.id.desc()]
    else:
        order = [expr.asc() if _never_null(expr) else expr.asc(nulls="LAST"), model.id.asc()]
    return _id_list(query.order_by(*order))


def order_kept(kind_name: str, change: Change, *, search: str = "", sort: str | None = None,
               filters: Mapping[str, Any] | None = None) -> bool:
    """Whether a list's ids and their order are as they were after `change`: it only edited existing rows,
    in columns that the sort, the search and the filters do not read (a note, a rating shown in a column).
    Then a list need not read its ids again (100,000 of them), only the rows it shows."""
    s = spec(kind_name)
    model = get_kind(kind_name).model
    sort = sort or s.default_sort
    read: set[tuple[str, str]] = set()
    for expr in [model.id if sort == "id" else s.column(sort).order_by, *(s.search if search else ()),
                 *_filter_reads(s, filters)]:
        read |= _columns(expr)
    for row in change.rows:
        if row.before is None or row.after is None:
            return False
        if any((row.table, name) in read for name, value in row.after.items() if row.before.get(name) != value):
            return False
    return True


def count(kind_name: str, *, search: str = "", filters: Mapping[str, Any] | None = None) -> int:
    s = spec(kind_name)
    model = get_kind(kind_name).model
    return _ids_query(s, model, search, filters).count()


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
