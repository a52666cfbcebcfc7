"""A list of records as a Qt table model that holds only ids and pages display rows in from SQL.

Like Anki's browser: the model keeps the ordered ids of the matching records (search, filters and sort
run in SQL through services.listing) and asks for the display values of the rows the view paints, a
page at a time, keeping a few pages in a small cache. 100,000 interviews cost 800 KB
(an array of 64-bit ids).
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..services import listing
from ..services.changes import Change
from ..services.kinds import kind as get_kind
from .formatting import alignment, count_text, display

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record id of a row
RAW_ROLE = Qt.ItemDataRole.UserRole + 2  # the unformatted value of a cell

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    PAGE_SIZE = 100
    MAX_PAGES = 8
    MAX_ROW_INDEX = 20_000  # lists longer than this find a row by scanning the ids, not through a dict

    def __init__(self, kind_name: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.kind_name = kind_name
        self.spec = listing.spec(kind_name)
        self.columns = self.spec.columns
        self._kind = get_kind(kind_name)
        self._ids: array[int] | list[int] = []
        self._row_of: dict[int, int] | None = None
        self._lookups = 0  # row_of calls since the ids were read
        self.loaded = False  # whether the ids were ever read (a screen reads them when first shown)
        self._pages: OrderedDict[int, dict[int, tuple[Any, ...]]] = OrderedDict()
        self.search = ""
        self.filters: dict[str, Any] = {}
        self.sort_key = self.spec.default_sort
        self.descending = self.spec.default_descending
        self.total = 0
        self._kind_count: int | None = None  # listing.count(kind), read once per refresh when filtered
        self.fetches = 0  # how many pages were read (tests check the model stays lazy)

    # --- querying -------------------------------------------------------------------------------

    def set_query(self, search: str | None = None, filters: Mapping[str, Any] | None = None) -> None:
        if search is not None:
            self.search = search.strip()
        if filters is not None:
            self.filters = {k: v for k, v in filters.items() if v not in (None, "")}
        self._read_ids()

    def refresh(self, change: Change | None = None) -> None:
        """Re-read the ids (after a change, or a new search/sort) and forget the cached pages.

        Given the change that prompted it, a list whose order the change cannot have moved (an edit of
        columns its sort, search and filters do not read) keeps its ids and re-reads only the rows it shows.
        """
        if change is not None and self.loaded and self.keeps_order(change):
            self._pages.clear()
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))
            return
        self._kind_count = None  # the records may have changed: count them again when it is asked for
        self._read_ids()

    def _read_ids(self) -> None:
        """Read the ids for the search, filters and sort; the records are as they were at the last refresh
        (a new search or sort needs no new count of all the records, only of the matches)."""
        self.beginResetModel()
        self._ids = array("q", self.query_ids())  # 8 bytes an id, not a Python int's 36
        if self.is_filtered:
            if self._kind_count is None:
                self._kind_count = listing.count(self.kind_name)
            self.total = self._kind_count
        else:
            self.total = len(self._ids)
        self._row_of = None
        self._lookups = 0
        self.loaded = True
        self._pages.clear()
        self.endResetModel()

    def query_ids(self) -> list[int]:
        """The ids of the matching records in display order (a subclass may narrow or choose them)."""
        return listing.list_ids(
            self.kind_name, search=self.search, sort=self.sort_key, descending=self.descending, filters=self.filters
        )

    def keeps_order(self, change: Change) -> bool:
        """Whether the ids stay as they are after `change` (a subclass choosing its ids itself: never)."""
        if type(self).query_ids is not RecordTableModel.query_ids:
            return False
        table = self._kind.model._meta.table_name
        if any(row.table == table and self.row_of(row.id) is None for row in change.rows):
            return False  # a row it does not list: one it has not read yet, at worst
        return listing.order_kept(self.kind_name, change, search=self.search, sort=self.sort_key,
                                  filters=self.filters)

    @property
    def is_filtered(self) -> bool:
        return bool(self.search or self.filters)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.sort_key = self.columns[column].key
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self.loaded:  # before the first read (a screen choosing its order as it is built), nothing to re-read
            self._read_ids()

    def sort_column(self) -> int:
        keys = [c.key for c in self.columns]
        return keys.index(self.sort_key) if self.sort_key in keys else -1

    # --- ids ------------------------------------------------------------------------------------

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int | None) -> int | None:
        if record_id is None:
            return None
        if self._row_of is None:
            self._lookups += 1
            if self._lookups <= 2 or len(self._ids) > self.MAX_ROW_INDEX:
                # a scan (1 ms per 100,000 ids) beats building a dict after each refresh, and a big list
                # keeps no dict at all (one of 200,000 ids costs 16 MB)
                try:
                    return self._ids.index(record_id)
                except ValueError:
                    return None
            self._row_of = {rid: row for row, rid in enumerate(self._ids)}
        return self._row_of.get(record_id)

    def count_text(self) -> str:
        k = self._kind
        return count_text(len(self._ids), k.label, k.plural.replace("_", " "),
                          self.total if self.is_filtered else None)

    # --- Qt model -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.label
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(alignment(column.type))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == ID_ROLE:
            return self.id_at(row)
        column = self.columns[col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(alignment(column.type))
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, RAW_ROLE):
            return None
        values = self._row(row)
        if values is None:
            return None
        value = values[col]
        if role == RAW_ROLE:
            return value
        text = display(value, column.type)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if column.type == "text" and len(text) > 30 else None
        return text

    def _row(self, row: int) -> tuple[Any, ...] | None:
        record_id = self.id_at(row)
        if record_id is None:
            return None
        page = row // self.PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            start = page * self.PAGE_SIZE
            rows = listing.fetch_rows(self.kind_name, self._ids[start : start + self.PAGE_SIZE])
            self.fetches += 1
            self._pages[page] = rows
            while len(self._pages) > self.MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows.get(record_id)
