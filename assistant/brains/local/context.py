"""What the local brain knows of the workspace: columns, category values, dates, segments.

Built from the workspace's manifest and small column reads, cached per dataset version,
so matching a question against the real schema costs microseconds per turn.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import pandas as pd

from assistant.brains.local.flags import Flag, flag_of, status_flag_of
from assistant.brains.local.people import people_of
from tools.caching import LruCache
from tools.data import find_customers_dataset, find_orders_dataset, roles_of
from tools.errors import ToolError
from tools.segments import saved
from tools.workspace import Workspace

MAX_VALUES = 400
"""Category columns with more distinct values than this are not matched value by value."""
_STOP_VALUES = {"yes", "no", "true", "false", "other", "none", "unknown", "n/a", "app", "web"}


@dataclass
class Schema:
    """Columns per dataset, category values, the order date range, and what the customers
    table offers when there are no orders: its yes/no labels, numbers and categories."""

    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    values: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    first_date: pd.Timestamp | None = None
    last_date: pd.Timestamp | None = None
    orders: str | None = None
    customers: str | None = None
    flags: list[Flag] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    categories: dict[str, int] = field(default_factory=dict)
    """Customer columns with a handful of values (column → distinct values), table order."""
    people: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Each customer's id and name as written, lower-cased → (column, value as stored)."""
    dates: list[str] = field(default_factory=list)
    """The customers table's own date columns (signup, birth …), table order."""

    @property
    def has_orders(self) -> bool:
        return self.orders is not None

    def flag(self, column: str) -> Flag | None:
        return next((f for f in self.flags if f.column == column), None)

    def has_column(self, name: str) -> str | None:
        """The dataset holding `name`, customers first."""
        order = sorted(self.columns, key=lambda d: (d != "customers", d != "orders", d))
        return next((d for d in order if name in self.columns[d]), None)


_SCHEMAS: LruCache[str, Schema] = LruCache(16)


def schema_of(ws: Workspace) -> Schema:
    """The workspace's schema, rebuilt only when a dataset or a role changed.

    Keyed by the data's version, so the workspace copies of many sessions share one.
    """
    return _SCHEMAS.get(ws.data_version(), lambda: _build(ws))


def _build(ws: Workspace) -> Schema:
    schema = Schema()
    with contextlib.suppress(ToolError):
        schema.orders = find_orders_dataset(ws)
    with contextlib.suppress(ToolError):
        schema.customers = find_customers_dataset(ws)
    for name in ws.dataset_names():
        roles = roles_of(ws, name)
        schema.columns[name] = roles
        if not roles:
            continue
        wanted = [c for c, r in roles.items() if r in ("categorical", "boolean")]
        if wanted and "text" not in roles.values():  # values of feedback tables are no filters
            frame = ws.read_dataset(name, columns=wanted)
            for column in wanted:
                uniques = frame[column].dropna().unique()
                if len(uniques) > MAX_VALUES:
                    continue
                for value in uniques:
                    text = str(value)
                    low = text.lower()
                    if len(low) < 3 or low in _STOP_VALUES or low in schema.values:
                        continue
                    schema.values[low] = (name, column, text)
        dates = [c for c, r in roles.items() if r == "transaction_date"]
        if dates and schema.last_date is None:
            when = pd.to_datetime(ws.read_dataset(name, columns=dates[:1])[dates[0]],
                                  errors="coerce")
            schema.first_date, schema.last_date = when.min(), when.max()
    if schema.customers is not None:
        _customer_columns(ws, schema, schema.customers)
        schema.dates = [c for c, r in schema.columns[schema.customers].items() if r == "date"]
    schema.people = people_of(ws, schema)
    return schema


def _customer_columns(ws: Workspace, schema: Schema, name: str) -> None:
    """The customers table's yes/no labels, numeric columns and short category columns,
    decided from the stored values (so 'Exited' 0/1 and 'Churn' Yes/No are both labels)."""
    roles = schema.columns[name]
    wanted = [c for c, r in roles.items() if r in ("categorical", "boolean", "numeric", "amount")]
    if not wanted:
        return
    frame = ws.read_dataset(name, columns=wanted)
    for column in wanted:
        values = frame[column].dropna()
        distinct = values.unique()
        flag = flag_of(column, values) if len(distinct) <= MAX_VALUES else None
        status = status_flag_of(column, values) if flag is None and len(distinct) <= 12 else None
        if flag is not None:
            schema.flags.append(flag)
        elif status is not None:
            schema.flags.append(status)
        elif roles[column] in ("numeric", "amount") and pd.api.types.is_numeric_dtype(values):
            schema.numbers.append(column)
        elif 2 <= len(distinct) <= MAX_CATEGORIES:
            schema.categories[column] = len(distinct)


MAX_CATEGORIES = 30
"""Customer columns with more distinct values are not offered as groups to break down by."""


def segment_labels(ws: Workspace) -> dict[str, list[str]]:
    """Saved segmentations and their labels, largest segment first."""
    found = {}
    for name, entry in saved(ws).items():
        sizes = entry.get("sizes", {})
        found[name] = sorted(sizes, key=lambda label: -sizes[label])
    return found
