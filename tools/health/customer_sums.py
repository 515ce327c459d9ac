"""One row per customer of additive numbers, so any group's health is a sum and a division.

Segment metrics (averages, shares, NPS) are ratios of sums: revenue / orders, tickets /
customers, NPS points / answers. Keeping per-customer sums lets the report total all
segments with one `groupby().sum()` and lets a comparison total any set of ids, even
overlapping ones, the same way.

The customer base is every buyer, every id in the customers table and every customer
in the segments asked about; a customer without purchases counts with zero orders,
revenue and CLV, and is not at risk.
Sources: the orders (revenue, orders, historical CLV, lifecycle status); a tickets table
(found by a name such as 'tickets' or 'support') with its topic column; any table with
an NPS column (surveys); any table with a rating or stars column (reviews).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from tools.data import Orders, find_customers_dataset, load_orders, roles_of
from tools.features import customer_features, historical_clv, lifecycle_status
from tools.ingest.naming import name_tokens
from tools.result import fact_key
from tools.workspace import Workspace

TICKET_TABLE_WORDS = {"ticket", "tickets", "support", "cases", "complaints"}
TOPIC_WORDS = {"topic", "category", "reason", "type", "issue", "subject", "theme"}
BILLING_WORDS = ("billing", "payment", "refund", "charge", "invoice")
AT_RISK_STATUSES = ("at risk", "churned")
MAX_TOPICS = 12


@dataclass
class HealthBase:
    """Per-customer sums (index customer_id) and what was found to fill them."""

    sums: pd.DataFrame
    orders: Orders
    lifecycle: pd.Series
    topics: list[str] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def has_tickets(self) -> bool:
        return "tickets" in self.sums

    @property
    def has_nps(self) -> bool:
        return "nps_count" in self.sums

    @property
    def has_rating(self) -> bool:
        return "rating_count" in self.sums


def topic_column_name(topic: str) -> str:
    """'product quality' → 'tickets_product_quality'."""
    slug = fact_key(topic) or "other"
    return f"tickets_{slug}"


def is_billing(topic: str) -> bool:
    lowered = str(topic).lower()
    return any(word in lowered for word in BILLING_WORDS)


def build_base(ws: Workspace, members: pd.Index | None = None,
               orders_dataset: str | None = None) -> HealthBase:
    """Per-customer sums for all buyers plus `members` (e.g. a segmentation's customers)."""
    orders = load_orders(ws, orders_dataset)
    features = customer_features(ws, orders)
    ids = features.index.union(known_customers(ws), sort=False)
    if members is not None:
        ids = ids.union(pd.Index(members.astype(str)), sort=False)
    status = lifecycle_status(features)
    sums = pd.DataFrame(index=pd.Index(ids, name="customer_id"))
    sums["customers"] = 1
    sums["orders"] = features["orders"].reindex(ids).fillna(0).astype(int)
    sums["revenue"] = features["revenue"].reindex(ids).fillna(0.0)
    sums["clv"] = historical_clv(features).reindex(ids).fillna(0.0)
    sums["at_risk"] = status.isin(AT_RISK_STATUSES).reindex(ids, fill_value=False).astype(int)
    base = HealthBase(sums, orders, status.reindex(ids), datasets=[orders.dataset],
                      notes=[orders.rule])
    _add_tickets(ws, base)
    _add_scores(ws, base)
    return base


def known_customers(ws: Workspace) -> pd.Index:
    """Ids in the customers table (only that column is read), empty when there is none."""
    name = find_customers_dataset(ws)
    column = _customer_column(ws, name) if name else None
    if column is None:
        return pd.Index([], dtype=str)
    ids = pd.read_parquet(ws.path(ws.dataset_info(name)["file"]), columns=[column])[column]
    return pd.Index(ids.dropna().astype(str).unique())


def _customer_column(ws: Workspace, name: str) -> str | None:
    return next((c for c, r in roles_of(ws, name).items() if r == "customer_id"), None)


def _ticket_table(ws: Workspace, orders_dataset: str) -> str | None:
    for name in ws.dataset_names():
        if name != orders_dataset and set(name_tokens(name)) & TICKET_TABLE_WORDS \
                and _customer_column(ws, name):
            return name
    return None


def _topic_column(frame: pd.DataFrame, id_column: str) -> str | None:
    """The first text column named like a topic with a manageable number of values."""
    for column in frame.columns:
        if column == id_column or not set(name_tokens(column)) & TOPIC_WORDS:
            continue
        series = frame[column]
        textual = not pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(
            series) and not pd.api.types.is_datetime64_any_dtype(series)
        if textual and 0 < series.nunique() <= 200:
            return column
    return None


def _add_tickets(ws: Workspace, base: HealthBase) -> None:
    name = _ticket_table(ws, base.orders.dataset)
    if name is None:
        base.notes.append("No support tickets table found, so ticket columns are left out.")
        return
    id_column = _customer_column(ws, name)
    frame = ws.read_dataset(name)
    frame = frame[frame[id_column].notna()]
    customer = frame[id_column].astype(str)
    inside = customer.isin(base.sums.index)
    frame, customer = frame[inside], customer[inside]
    base.datasets.append(name)
    base.sums["tickets"] = customer.value_counts().reindex(base.sums.index, fill_value=0)
    topic = _topic_column(frame, id_column)
    if topic is None:
        base.notes.append(f"The table '{name}' has no topic column; only ticket counts shown.")
        return
    topics = frame[topic].fillna("unknown").astype(str).str.strip().str.lower()
    common = topics.value_counts()
    keep = list(common.index[: MAX_TOPICS - 1]) if len(common) > MAX_TOPICS else list(
        common.index)
    topics = topics.where(topics.isin(keep), "other")
    counts = pd.crosstab(customer, topics)
    for value in sorted(counts.columns):
        column = topic_column_name(value)
        counted = counts[value].reindex(base.sums.index, fill_value=0).astype(int)
        base.sums[column] = counted + base.sums.get(column, 0)
        if column not in base.topics:
            base.topics.append(column)
    billing = [v for v in counts.columns if is_billing(v)]
    billing_counts = counts[billing].sum(axis=1) if billing else pd.Series(dtype=float)
    base.sums["billing_issues"] = billing_counts.reindex(base.sums.index, fill_value=0).astype(
        int)
    base.notes.append(
        f"Tickets from '{name}' by '{topic}'; billing issues = topics mentioning "
        + "/".join(BILLING_WORDS) + (f" ({', '.join(billing)})." if billing else " (none found)."))


def _add_scores(ws: Workspace, base: HealthBase) -> None:
    """Sums of NPS answers and review ratings per customer, from the first table with each."""
    wanted = {"nps": {"nps"}, "rating": {"rating", "ratings", "stars"}}
    for name in ws.dataset_names():
        if name == base.orders.dataset or not wanted:
            continue
        id_column = _customer_column(ws, name)
        if id_column is None:
            continue
        frame = None
        for key, words in list(wanted.items()):
            column = next((c for c in roles_of(ws, name) if set(name_tokens(c)) & words), None)
            if column is None:
                continue
            frame = frame if frame is not None else ws.read_dataset(name)
            values = pd.to_numeric(frame[column], errors="coerce")
            ok = values.notna() & frame[id_column].notna()
            if not ok.any():
                continue
            who = frame.loc[ok, id_column].astype(str)
            values = values[ok]
            grouped = values.groupby(who.to_numpy())
            base.sums[f"{key}_sum"] = grouped.sum().reindex(base.sums.index, fill_value=0.0)
            base.sums[f"{key}_count"] = grouped.size().reindex(base.sums.index, fill_value=0)
            if key == "nps":
                for part, mask in (("promoters", values >= 9), ("detractors", values <= 6)):
                    base.sums[part] = mask.astype(int).groupby(who.to_numpy()).sum().reindex(
                        base.sums.index, fill_value=0)
            if name not in base.datasets:
                base.datasets.append(name)
            base.notes.append(f"{'NPS' if key == 'nps' else 'Ratings'} from '{name}' "
                              f"column '{column}'.")
            del wanted[key]


def group_sums(base: HealthBase, labels: pd.Series) -> pd.DataFrame:
    """Sums per segment label (customers outside `labels` are left out)."""
    labels = labels.reindex(base.sums.index)
    return base.sums.groupby(labels.to_numpy(), dropna=True).sum()


def sums_of(base: HealthBase, ids: pd.Index) -> pd.Series:
    """Sums over a set of customer ids (ids outside the base are ignored)."""
    present = base.sums.index.intersection(pd.Index(ids).astype(str))
    return base.sums.loc[present].sum()
