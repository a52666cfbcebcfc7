"""The lists' search through the full-text indexes (FTS5, trigram) that schema 2 keeps of the searched columns.

A search box matches a term anywhere in the searched columns, case-insensitively. A term of three or more
characters is looked up in the indexes (`<table>_search`, kept in step with its table by triggers): the
ids come from the index instead of from reading every row, so a search of 200,000 questions costs what
its matches cost. A shorter term has no trigram to look up and is matched row by row (listing.py).
Columns of a joined table (an interview's company name) are looked up in that table's index and joined
back to the list's rows in a subquery, which SQLite starts from the matches.
"""

from __future__ import annotations

from typing import Any

from peewee import SQL, EnclosedNodeList, Field, FieldAlias

# table -> the columns its full-text index holds (db/migrations.py, schema 2)
SEARCH_INDEXES: dict[str, tuple[str, ...]] = {
    "company": ("name_key", "industry", "location"),
    "opportunity": ("title_key", "tech_stack", "notes"),
    "interview": ("stage", "debrief_notes", "employer_feedback"),
    "contact": ("name_key", "role", "email"),
    "question": ("text_key", "topic"),
    "task": ("title",),
}
MIN_TERM = 3  # a trigram index finds terms of three characters or more


def index_name(table: str) -> str:
    return f"{table}_search"


def _column(expr: Any) -> tuple[Any, str, str] | None:
    """(the model or alias it is read from, its table, its column) of a searched column; None for an
    expression that is not a plain column."""
    if isinstance(expr, FieldAlias):
        return expr.source, expr.field.model._meta.table_name, expr.field.column_name
    if isinstance(expr, Field):
        return expr.model, expr.model._meta.table_name, expr.column_name
    return None


def matches(table: str, columns: list[str], term: str) -> Any:
    """The rowids of `table` whose indexed `columns` contain `term`, as an SQL subquery."""
    phrase = '"' + term.replace('"', '""') + '"'
    if set(columns) != set(SEARCH_INDEXES[table]):
        phrase = "{" + " ".join(columns) + "} : " + phrase
    index = index_name(table)
    return EnclosedNodeList([SQL(f'SELECT rowid FROM "{index}" WHERE "{index}" MATCH ?', [phrase])])


def condition(spec: Any, model: Any, term: str) -> Any | None:
    """The condition "the term is in one of the spec's searched columns", answered by the full-text
    indexes; None when it cannot be (a short term, a column without an index)."""
    if len(term) < MIN_TERM:
        return None
    by_source: dict[Any, tuple[str, list[str]]] = {}
    for expr in spec.search:
        found = _column(expr)
        if found is None or found[2] not in SEARCH_INDEXES.get(found[1], ()):
            return None
        source, table, column = found
        by_source.setdefault(source, (table, []))[1].append(column)
    result = None
    for source, (table, columns) in by_source.items():
        hits = matches(table, columns, term)
        if source is model:
            part = model.id.in_(hits)
        else:  # a joined table: its matches, joined back to the list's rows
            part = model.id.in_(spec.join(model.select(model.id)).where(source.id.in_(hits)))
        result = part if result is None else result | part
    return result


__all__ = ["MIN_TERM", "SEARCH_INDEXES", "condition", "index_name", "matches"]
