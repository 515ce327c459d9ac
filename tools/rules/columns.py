"""The customer-level table a rule is evaluated on: who customers are, how they buy, and
which saved segments they are in.

Why one table: a marketer's filter mixes demographics ("region"), behaviour
("revenue >= 1000") and earlier results ("rfm = 'Champions'") without caring where
each lives. Demographics come from the customers table, behaviour from
`tools.features.customer_features` (customers who never ordered get orders = 0 and
revenue = 0), and every saved segmentation is a column named after it, loaded only
when a filter uses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tools.alternatives import is_order_feature, orders_needed
from tools.data import find_orders_dataset, load_customers, load_orders, resolve_column, roles_of
from tools.errors import ToolError
from tools.features import customer_features, historical_clv, lifecycle_status
from tools.segments import load_segmentation, saved
from tools.workspace import Workspace

PII_ROLES = frozenset({"email", "phone", "person_name"})
ZERO_WHEN_NO_ORDERS = ("orders", "revenue", "tickets")
KEY_COLUMNS = ("orders", "revenue", "avg_order_value", "recency_days", "lifecycle")
ID = "customer_id"


@dataclass
class CustomerTable:
    """All customers (index: customer_id, sorted) with every column a filter may use."""

    frame: pd.DataFrame
    datasets: list[str] = field(default_factory=list)
    pii: set[str] = field(default_factory=set)
    has_orders: bool = False
    ws: Workspace | None = None
    segmentations: list[str] = field(default_factory=list)
    customer_columns: list[str] = field(default_factory=list)
    order_rule: str | None = None
    """What one order is (`tools.data.Orders.rule`), when behaviour comes from orders."""

    def column_names(self) -> list[str]:
        extra = [s for s in self.segmentations if s not in self.frame.columns]
        return [ID, *map(str, self.frame.columns), *extra]

    def resolve(self, name: str) -> str:
        """The real column for `name` (case and spacing forgiven), else a did-you-mean error."""
        if name == ID or name in self.frame.columns:
            return name
        names = self.column_names()
        try:
            real = name if name in names else resolve_column(
                pd.DataFrame(columns=names), name, "the customer data")
        except ToolError:
            if not self.has_orders and self.ws is not None and is_order_feature(name):
                raise ToolError(orders_needed(self.ws, f"'{name}'")) from None
            raise
        if real not in self.frame.columns and real != ID:
            self._load_segmentation(real)
        return real

    def series(self, column: str) -> pd.Series:
        if column == ID:
            return pd.Series(self.frame.index, index=self.frame.index, name=ID)
        return self.frame[column]

    def _load_segmentation(self, name: str) -> None:
        if self.ws is None:
            raise ToolError(f"The segmentation '{name}' cannot be read here.")
        labels = load_segmentation(self.ws, name).labels
        labels = labels[~labels.index.duplicated()]
        self.frame[name] = labels.reindex(self.frame.index).astype("str")

    @property
    def customers(self) -> int:
        return len(self.frame)


def customer_table(ws: Workspace) -> CustomerTable:
    """Build the table from whatever the workspace has: customers, orders or both."""
    parts: list[pd.DataFrame] = []
    datasets: list[str] = []
    pii: set[str] = set()
    try:
        customers, name = load_customers(ws)
    except ToolError:
        customers = None
    else:
        datasets.append(name)
        pii = {c for c, r in roles_of(ws, name).items() if r in PII_ROLES}
        parts.append(customers)
    features, order_rule = _behaviour(ws, datasets)
    if features is not None:
        parts.append(features)
    if not parts:
        raise ToolError(
            "Rule segments need a customers table or an orders table. Load one first.")
    frame = _join(parts)
    if features is not None:
        for column in ZERO_WHEN_NO_ORDERS:
            if column in frame:
                filled = frame[column].fillna(0)
                frame[column] = filled.astype(int) if column != "revenue" else filled
    table = CustomerTable(frame, datasets, pii, features is not None, ws, order_rule=order_rule)
    table.segmentations = [s for s in saved(ws) if s not in frame.columns and s != ID]
    table.customer_columns = [str(c) for c in customers.columns] if customers is not None else []
    return table


def _behaviour(ws: Workspace, datasets: list[str]) -> tuple[pd.DataFrame | None, str | None]:
    """Behaviour per customer (orders counted as `Orders.rule` says) and that rule."""
    try:
        name = find_orders_dataset(ws)
    except ToolError:
        return None, None
    orders = load_orders(ws, name)
    datasets.append(orders.dataset)
    features = customer_features(ws, orders)
    features["lifecycle"] = pd.Categorical(lifecycle_status(features))
    features["historical_clv"] = historical_clv(features)
    return features, orders.rule


def _join(parts: list[pd.DataFrame]) -> pd.DataFrame:
    index = parts[0].index
    for part in parts[1:]:
        if not part.index.equals(index) and len(part.index.difference(index)):
            index = index.union(part.index)
    if not index.is_monotonic_increasing:
        index = index.sort_values()
    index = index.rename(ID)
    joined = [p if p.index.equals(index) else p.reindex(index) for p in parts]
    frame = pd.concat(joined, axis=1) if len(joined) > 1 else joined[0].copy()
    return frame.loc[:, ~frame.columns.duplicated()]


def column_kind(series: pd.Series) -> str:
    """number, bool, date, ordered (an ordered category) or text."""
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return "ordered" if dtype.ordered else "text"
    if pd.api.types.is_bool_dtype(dtype):
        return "bool"
    if pd.api.types.is_numeric_dtype(dtype):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "date"
    if pd.api.types.is_object_dtype(dtype):
        kinds = {type(v) for v in series.dropna().head(1000)}
        if kinds and kinds <= {bool, np.bool_}:
            return "bool"
    return "text"


def shown_columns(table: CustomerTable, used: list[str]) -> list[str]:
    """Columns of a member table: those the filter used, then key behaviour; never PII."""
    wanted = [*used, *KEY_COLUMNS]
    out: list[str] = []
    for column in wanted:
        if column == ID or column in table.pii or column in out:
            continue
        if column in table.frame.columns:
            out.append(column)
    return out
