"""A list's search box as one SQL condition that reads each searched table on its own.

A list searches columns of its own table and of tables it links to (an interview's company name and
role title). Joining every row to those tables and testing each joined row costs a join per row; here
each table is asked once instead ("which companies match?"), and the list's rows are kept whose link
leads to a match: `opportunity_id IN (SELECT id FROM opportunity WHERE company_id IN (…))`. SQLite
builds each inner answer once, so a search reads the list's table in one pass, with no join.

Per table, a term of three or more characters is looked up in its full-text index (search_index);
a shorter one is matched with LIKE, which for a case-folded term gives what `instr(lower(column), term)`
gives (SQLite folds ASCII letters only, in both) without building a lowered copy of every value.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from peewee import Field, FieldAlias, ForeignKeyField

from . import search_index

__all__ = ["condition", "link_path"]


def _source(expr: Any) -> tuple[Any, Any] | None:
    """(what the column is read from: a model or a model alias, its field on the model itself)."""
    if isinstance(expr, FieldAlias):
        return expr.source, expr.field
    if isinstance(expr, Field):
        return expr.model, expr
    return None


def link_path(model: Any, target: Any) -> list[ForeignKeyField] | None:
    """The foreign keys leading from `model` to `target`, when exactly one shortest way exists."""
    ways: list[list[ForeignKeyField]] = []
    queue: deque[tuple[Any, list[ForeignKeyField]]] = deque([(model, [])])
    while queue:
        here, path = queue.popleft()
        if ways and len(path) >= len(ways[0]):
            break
        for field in here._meta.sorted_fields:
            if not isinstance(field, ForeignKeyField) or field.rel_model in {f.model for f in path} | {model}:
                continue
            way = [*path, field]
            if field.rel_model is target:
                ways.append(way)
            else:
                queue.append((field.rel_model, way))
    return ways[0] if len(ways) == 1 else None


def _any(conditions: list[Any]) -> Any:
    result = conditions[0]
    for part in conditions[1:]:
        result = result | part
    return result


def _through(links: list[tuple[list[ForeignKeyField], Any]]) -> list[Any]:
    """Conditions on a model from conditions on the tables its links lead to, each with its way there.
    Ways that start with the same link share one subquery (an interview's role and company are both
    reached through its opportunity: one `opportunity_id IN (…)`, its condition "role or company")."""
    here = [cond for path, cond in links if not path]
    onward: dict[ForeignKeyField, list[tuple[list[ForeignKeyField], Any]]] = {}
    for path, cond in links:
        if path:
            onward.setdefault(path[0], []).append((path[1:], cond))
    for field, rest in onward.items():
        target = field.rel_model
        here.append(field.in_(target.select(target.id).where(_any(_through(rest)))))
    return here


def condition(spec: Any, model: Any, term: str) -> Any | None:
    """"`term` is in one of the spec's searched columns"; None when a searched expression is not a plain
    column or its table is not reached by one way of links (the caller then tests the joined rows)."""
    by_source: dict[Any, list[Any]] = {}
    for expr in spec.search:
        found = _source(expr)
        if found is None:
            return None
        by_source.setdefault(found[0], []).append(found[1])
    links: list[tuple[list[ForeignKeyField], Any]] = []
    for source, fields in by_source.items():
        base = fields[0].model
        table = base._meta.table_name
        columns = [f.column_name for f in fields]
        indexed = len(term) >= search_index.MIN_TERM and set(columns) <= set(search_index.SEARCH_INDEXES.get(table, ()))
        found_here = (base.id.in_(search_index.matches(table, columns, term)) if indexed
                      else _any([f.contains(term) for f in fields]))
        path = [] if source is model else link_path(model, base)
        if path is None:
            return None  # no single way there: the caller tests the rows as the list joins them
        links.append((path, found_here))
    return _any(_through(links))  # its own columns first: in an OR, SQLite stops at the first match
