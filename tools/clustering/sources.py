"""Which customer columns can be clustered on, and where each one comes from.

A marketer names features in their own words ("age", "discount share", "region");
this module finds them in the behaviour table (built from the orders) or in the
customers table, refuses contact details and free text, and says which customers
are in scope: buyers when any behaviour feature is used, everyone otherwise.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import pandas as pd

from tools.alternatives import is_order_feature, orders_needed
from tools.clustering.behaviour import rhythm_features
from tools.data import is_member, load_customers, load_orders, resolve_column, roles_of
from tools.errors import ToolError
from tools.features import customer_features
from tools.ingest.naming import name_tokens
from tools.workspace import Workspace

DEFAULT_BEHAVIOUR = (
    "orders",
    "orders_per_month",
    "avg_order_value",
    "recency_days",
    "tenure_days",
    "discount_share",
    "return_rate",
    "categories",
    "tickets",
    "avg_rating",
    "items_per_order",
    "avg_item_price",
    "quick_repeat_share",
)
"""The default when orders exist: how often, how much, how recently, at what price."""

BEHAVIOUR_CATEGORICAL = ("top_category", "top_channel")
NOT_FEATURES = {"customer_id", "order_id", "identifier", "email", "phone", "person_name", "text"}
KIND_NUMERIC, KIND_ORDERED, KIND_CATEGORICAL = "numeric", "ordered", "categorical"
MAX_CATEGORY_LEVELS = 12
"""A text column with more values than this is free text or a name, not a trait."""
KIND_DATE = "date"
"""A date column, compared as the number of days before the data's latest date."""


@dataclass
class FeatureTable:
    """The chosen features, one row per customer in scope, with each column's kind."""

    frame: pd.DataFrame
    kinds: dict[str, str]
    datasets: list[str]
    rows_in: int
    notes: list[str] = field(default_factory=list)


@dataclass
class _Available:
    ws: Workspace
    behaviour: pd.DataFrame | None
    customers: pd.DataFrame | None
    customer_roles: dict[str, str]
    orders_dataset: str | None
    customers_dataset: str | None
    reference_date: pd.Timestamp | None


def gather_features(
    ws: Workspace, wanted: list[str] | None, members: pd.Index | None = None,
    excluded: list[str] | None = None,
) -> FeatureTable:
    """The feature table for `wanted` (None → the default set) without `excluded` (e.g. the
    churn flag a marketer wants to explain rather than cluster on), limited to `members`."""
    found = _available(ws)
    notes: list[str] = []
    names = _resolve(found, wanted) if wanted else _default(found, notes)
    if excluded:
        left_out = set(_resolve(found, excluded, check_role=False))
        names = [n for n in names if n not in left_out]
        notes.append("Left out as asked: " + ", ".join(f"'{n}'" for n in sorted(left_out))
                     + ".")
        if not names:
            raise ToolError("Every feature was left out; keep at least one column to "
                            "cluster on.")
    behaviour_cols = [n for n in names if found.behaviour is not None and n in found.behaviour]
    customer_cols = [n for n in names if n not in behaviour_cols]
    if behaviour_cols:
        index = found.behaviour.index
        if customer_cols:
            notes.append("Only customers with at least one order are clustered, because "
                         "behaviour features need orders.")
    else:
        index = found.customers.index
    frame = pd.DataFrame(index=index)
    kinds: dict[str, str] = {}
    for name in names:
        if name in behaviour_cols:
            frame[name] = found.behaviour[name].reindex(index)
            kinds[name] = _kind(frame[name], None)
        else:
            column = found.customers[name].reindex(index)
            role = found.customer_roles.get(name)
            if role == "date" or pd.api.types.is_datetime64_any_dtype(column):
                column = _days_before(column, found.reference_date)
                notes.append(f"'{name}' is used as the number of days before the latest date "
                             "in the data.")
                kinds[name] = KIND_DATE
            else:
                kinds[name] = _kind(column, role)
            frame[name] = column
    rows_in = len(frame)
    if members is not None:
        frame = frame[is_member(frame.index, members)]
        if frame.empty:
            raise ToolError("None of the customers in that segment have the chosen features "
                            "(for behaviour features they need at least one order).")
    used = [found.orders_dataset] if behaviour_cols else []
    used += [found.customers_dataset] if customer_cols else []
    return FeatureTable(frame, kinds, used, rows_in, notes)


def _available(ws: Workspace) -> _Available:
    behaviour = customers = orders_dataset = customers_dataset = None
    roles: dict[str, str] = {}
    reference = None
    with contextlib.suppress(ToolError):
        orders = load_orders(ws)
        behaviour = customer_features(ws, orders).join(rhythm_features(orders))
        behaviour = behaviour.drop(columns=["first_order", "last_order"], errors="ignore")
        orders_dataset = orders.dataset
        reference = orders.end
    with contextlib.suppress(ToolError):
        customers, customers_dataset = load_customers(ws)
        roles = roles_of(ws, customers_dataset)
        if reference is None:
            dates = customers.select_dtypes(include="datetime")
            reference = dates.max().max() if not dates.empty else None
    if behaviour is None and customers is None:
        raise ToolError("There is nothing to cluster yet. Load a customers table (one row per "
                        "customer) or an orders table (customer id, date, amount).")
    return _Available(ws, behaviour, customers, roles, orders_dataset, customers_dataset, reference)


def _default(found: _Available, notes: list[str]) -> list[str]:
    if found.behaviour is not None:
        return [c for c in DEFAULT_BEHAVIOUR if c in found.behaviour]
    return default_attributes(found.customers, found.customer_roles, notes)


def default_attributes(customers: pd.DataFrame, roles: dict[str, str],
                       notes: list[str]) -> list[str]:
    """Every customer attribute that can describe a group: numbers, yes/no columns and text
    columns with a few values; never ids, contact details, free text, dates or constants."""
    chosen, skipped = [], []
    for column in customers.columns:
        series = customers[column]
        distinct = series.nunique()
        if roles.get(column) in NOT_FEATURES or roles.get(column) == "date" or distinct < 2 \
                or pd.api.types.is_datetime64_any_dtype(series):
            continue
        numeric = pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)
        if numeric and _looks_like_id(series):
            skipped.append(f"'{column}' (a different whole number for every customer)")
        elif numeric or distinct <= MAX_CATEGORY_LEVELS:
            chosen.append(column)
        else:
            skipped.append(f"'{column}' ({distinct:,} different values)")
    if skipped:
        notes.append("Left out as they look like ids or free text: " + ", ".join(skipped)
                     + ". Name them in features to use them anyway.")
    if not chosen:
        raise ToolError("The customers table has no columns that describe customers (numbers, "
                        "yes/no columns or columns with a few values such as region). Name "
                        "the features to use, e.g. features=['gender', 'region'].")
    return chosen


ID_WORDS = {"id", "no", "number", "num", "index", "unnamed", "row", "key", "code"}


def _looks_like_id(series: pd.Series) -> bool:
    """A whole number different for every customer that is named like an id or runs as a
    sequence (a row or member number); unique incomes or balances are kept."""
    present = series.dropna()
    if pd.api.types.is_bool_dtype(present) or len(present) < 20 or not present.is_unique:
        return False
    numbers = present.to_numpy(float)
    if not (numbers % 1 == 0).all():
        return False
    named = bool(set(name_tokens(str(series.name))) & ID_WORDS)
    return named or numbers.max() - numbers.min() < 10 * len(numbers)


def _resolve(found: _Available, wanted: list[str], check_role: bool = True) -> list[str]:
    behaviour = list(found.behaviour.columns) if found.behaviour is not None else []
    customer = list(found.customers.columns) if found.customers is not None else []
    header = pd.DataFrame(columns=list(dict.fromkeys(behaviour + customer)))
    names: list[str] = []
    for raw in wanted:
        try:
            name = resolve_column(header, raw, "the customer features")
        except ToolError:
            if found.behaviour is None and is_order_feature(raw):
                raise ToolError(orders_needed(found.ws, f"Clustering on '{raw}'")) from None
            raise
        role = found.customer_roles.get(name) if name not in behaviour else None
        if check_role and role in NOT_FEATURES:
            raise ToolError(f"'{name}' identifies or contacts a customer ({role.replace('_', ' ')})"
                            "; it cannot describe a group. Choose behaviour or demographic "
                            "columns such as age, region or orders_per_month.")
        if name not in names:
            names.append(name)
    return names


def _kind(column: pd.Series, role: str | None) -> str:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return KIND_ORDERED if column.cat.ordered else KIND_CATEGORICAL
    if pd.api.types.is_bool_dtype(column) or role == "boolean":
        return KIND_NUMERIC
    if pd.api.types.is_numeric_dtype(column):
        return KIND_NUMERIC
    return KIND_CATEGORICAL


def _days_before(column: pd.Series, reference: pd.Timestamp | None) -> pd.Series:
    dates = pd.to_datetime(column, errors="coerce")
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    reference = reference if reference is not None else dates.max()
    return (reference - dates).dt.days.astype(float)
