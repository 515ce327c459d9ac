"""A segment's facts, each against the whole base: size and value, who, how they buy, support.

Every figure a persona may state is put here as a named `Fact` (shares as fractions
0..1), so the writer can only render facts and the validator can check the text
against them. A value compared with the base becomes a `Share`: its text, the
segment's figure, the base's figure and the lift between the two.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from assistant.personas.customer_base import (
    MONTHS,
    WEEKDAYS,
    PersonaBase,
    coded_shares,
    value_shares,
)
from assistant.wording import spoken
from tools.health.customer_sums import sums_of
from tools.health.metrics import metrics_from_sums, unit_of
from tools.result import MIN_RELIABLE, Fact, fact_key

TOP_VALUES = 3
DISTINCT_SHARE_MIN = 0.1  # a value must cover this share of the segment to count as a trait
DISTINCT_LIFT_MIN = 1.2
SIZE_METRICS = ("customers", "customer_share", "revenue", "revenue_share", "revenue_per_customer",
                "avg_order_value", "orders_per_customer", "historical_clv", "at_risk_share")
VOICE_METRICS = ("tickets_per_customer", "billing_issues_per_customer", "mean_nps",
                 "net_promoter_score", "mean_rating")
Facts = dict[str, Fact]


@dataclass(frozen=True)
class Share:
    """One value of a dimension in the segment against the base.

    Facts: `<key>` (the value as text), `<key>_segment`, `<key>_base` and `<key>_lift`.
    """

    dimension: str  # "device", "product category", "weekday", "ticket topic", …
    value: str
    key: str
    segment: float
    base: float
    lift: float | None

    @property
    def distinctive(self) -> bool:
        return (self.segment >= DISTINCT_SHARE_MIN and self.lift is not None
                and self.lift >= DISTINCT_LIFT_MIN)


def compare_values(
    facts: Facts, dimension: str, segment: pd.Series, base: pd.Series, unit: str = "share",
    low: bool = False, top: int = TOP_VALUES,
) -> list[Share]:
    """The segment's most common values of a dimension (plus its most over-represented one)."""
    segment = segment[segment > 0].sort_values(ascending=False, kind="stable")
    if segment.empty:
        return []
    lifts = segment / base.reindex(segment.index).replace(0, np.nan)
    picked = list(segment.index[:top])
    eligible = lifts[segment >= DISTINCT_SHARE_MIN].dropna()
    if not eligible.empty:
        best = eligible.sort_values(ascending=False, kind="stable").index[0]
        if best not in picked and eligible[best] >= DISTINCT_LIFT_MIN:
            picked.append(best)
    shares = []
    for rank, value in enumerate(picked, start=1):
        key = f"{fact_key(dimension)}_{rank}"
        lift = None if pd.isna(lifts[value]) else round(float(lifts[value]), 2)
        base_value = float(base.get(value, 0.0))
        facts[key] = Fact(str(value), "", dimension)
        facts[f"{key}_segment"] = Fact(float(segment[value]), unit, f"{dimension} {value}: "
                                       "segment", low)
        facts[f"{key}_base"] = Fact(base_value, unit, f"{dimension} {value}: whole base")
        if lift is not None:
            facts[f"{key}_lift"] = Fact(lift, "ratio", f"{dimension} {value}: segment ÷ base",
                                        low)
        shares.append(Share(dimension, str(value), key, float(segment[value]), base_value, lift))
    return shares


def size_and_value(base: PersonaBase, ids: pd.Index, facts: Facts) -> bool:
    """Size, revenue, order value, frequency, CLV, at-risk share and recency; True if low n."""
    if base.health is None:
        return _size_only(base, ids, facts)
    sums = sums_of(base.health, ids)
    metrics = metrics_from_sums(sums.to_frame().T, base.total, base.health.topics).iloc[0]
    low = bool(metrics["customers"] < MIN_RELIABLE)
    for metric in (*SIZE_METRICS, *VOICE_METRICS):
        if metric not in metrics or pd.isna(metrics[metric]):
            continue
        unit = unit_of(metric)
        value = int(metrics[metric]) if unit == "customers" else float(metrics[metric])
        facts[metric] = Fact(value, unit, metric.replace("_", " "), low)
        if metric in ("customers", "customer_share", "revenue", "revenue_share"):
            continue
        overall = float(base.overall[metric])
        facts[f"base_{metric}"] = Fact(overall, unit, f"{metric.replace('_', ' ')}: whole base")
        if overall > 0 and metric != "net_promoter_score":
            facts[f"{metric}_lift"] = Fact(round(float(metrics[metric]) / overall, 2), "ratio",
                                           f"{metric.replace('_', ' ')}: segment ÷ base", low)
    facts["base_customers"] = Fact(int(base.total["customers"]), "customers", "whole base")
    facts["base_revenue"] = Fact(float(base.total["revenue"]), "currency", "revenue: whole base")
    if "nps_answers" in metrics:
        facts["nps_answers"] = Fact(int(metrics["nps_answers"]), "count", "NPS answers")
    buyers = base.features.loc[base.features.index.intersection(ids)]
    facts["buyers"] = Fact(len(buyers), "customers", "members with a purchase", low)
    if len(buyers):
        for column, name in (("recency_days", "recency_days"), ("tenure_days", "tenure_days")):
            overall = base.once(f"median_{column}", lambda c=column: float(
                base.features[c].median()))
            facts[name] = Fact(float(buyers[column].median()), "days", f"median {column}", low)
            facts[f"base_{name}"] = Fact(overall, "days", f"median {column}: whole base")
    return low


def _size_only(base: PersonaBase, ids: pd.Index, facts: Facts) -> bool:
    """Size and share of the customer base, for a workspace without orders."""
    members = base.member_customers(ids)
    size = 0 if members is None else len(members)
    total = int(base.total["customers"])
    low = size < MIN_RELIABLE
    facts["customers"] = Fact(size, "customers", "customers", low)
    facts["customer_share"] = Fact(size / total if total else 0.0, "share",
                                   "share of customers", low)
    facts["base_customers"] = Fact(total, "customers", "whole base")
    return low


def attributes(base: PersonaBase, ids: pd.Index, facts: Facts, low: bool) -> list[str]:
    """The mean of each numeric customer attribute against the whole base; the fact keys."""
    members = base.member_customers(ids)
    if members is None or members.empty:
        return []
    keys = []
    for column in base.number_columns:
        values = pd.to_numeric(members[column], errors="coerce").dropna()
        every = base.once(f"mean:{column}", lambda c=column: float(pd.to_numeric(
            base.customers[c], errors="coerce").mean()))
        if values.empty or pd.isna(every):
            continue
        key = f"{fact_key(column)}_mean"
        label = spoken(column)
        facts[key] = Fact(round(float(values.mean()), 2), "", f"mean {label}", low)
        facts[f"base_{key}"] = Fact(round(every, 2), "", f"mean {label}: whole base")
        if every > 0:
            facts[f"{key}_lift"] = Fact(round(float(values.mean()) / every, 2), "ratio",
                                        f"mean {label}: segment ÷ base", low)
        keys.append(key)
    return keys


def demographics(base: PersonaBase, ids: pd.Index, facts: Facts,
                 low: bool) -> dict[str, list[Share]]:
    """Age and the usual customer attributes, each against the whole customers table."""
    members = base.member_customers(ids)
    if members is None or members.empty:
        return {}
    facts["customers_profiled"] = Fact(len(members), "customers",
                                       "members in the customers table")
    if base.age_column is not None:
        ages = pd.to_numeric(members[base.age_column], errors="coerce").dropna()
        every = base.once("ages", lambda: pd.to_numeric(
            base.customers[base.age_column], errors="coerce").dropna())
        if len(ages) and len(every):
            facts["age_median"] = Fact(float(round(ages.median())), "", "median age (years)", low)
            facts["base_age_median"] = Fact(float(round(every.median())), "",
                                            "median age (years): whole base")
            facts["age_mean"] = Fact(float(round(ages.mean())), "", "mean age (years)", low)
            facts["base_age_mean"] = Fact(float(round(every.mean())), "",
                                          "mean age (years): whole base")
    found = {}
    for column in base.demographic_columns:
        if members[column].nunique() == 1 and base.customers[column].nunique() > 1:
            continue  # the value that defines the segment ('Churn = Yes') tells nothing new
        dimension = spoken(column)
        whole = base.once(f"customers:{column}", lambda c=column: value_shares(base.customers[c]))
        shares = compare_values(facts, dimension, value_shares(members[column]), whole, low=low)
        if shares:
            found[dimension] = shares
    return found


def buying(base: PersonaBase, ids: pd.Index, facts: Facts, low: bool) -> dict[str, list[Share]]:
    """Products, sales channels, discounts, basket size and timing of the segment's orders."""
    orders = base.member_orders(ids)
    if orders.empty:
        return {}
    every = base.orders
    columns = base.order_columns
    facts["orders"] = Fact(len(orders), "orders", "completed orders", low)
    if "discount" in columns:
        def used(frame: pd.DataFrame) -> float:
            return float((frame[columns["discount"]].fillna(0).astype(float) > 0).mean())

        facts["discount_share"] = Fact(used(orders), "share", "orders with a discount", low)
        facts["base_discount_share"] = Fact(base.once("discount", lambda: used(every)), "share",
                                            "orders with a discount: whole base")
        if facts["base_discount_share"].value > 0:
            facts["discount_share_lift"] = Fact(round(used(orders) / used(every), 2), "ratio",
                                                "discount share: segment ÷ base", low)
    if "quantity" in columns:
        items = float(pd.to_numeric(orders["quantity"], errors="coerce").mean())
        overall = base.once("items", lambda: float(pd.to_numeric(every["quantity"],
                                                                 errors="coerce").mean()))
        if not np.isnan(items):
            facts["items_per_order"] = Fact(round(items, 2), "ratio", "items per order", low)
            facts["base_items_per_order"] = Fact(round(overall, 2), "ratio",
                                                 "items per order: whole base")
    facts["median_order"] = Fact(float(orders["amount"].median()), "currency",
                                 "median order amount", low)
    facts["base_median_order"] = Fact(base.once("median_order", lambda: float(
        every["amount"].median())), "currency", "median order amount: whole base")
    found: dict[str, list[Share]] = {}
    for key, dimension in (("category", "product category"), ("channel", "sales channel")):
        if key in columns:
            column = columns[key]
            whole = base.once(f"orders:{column}", lambda c=column: value_shares(every[c]))
            found[dimension] = compare_values(facts, dimension, value_shares(orders[column]),
                                              whole, low=low)
    for column, names, dimension in (("weekday", WEEKDAYS, "weekday"),
                                     ("month", MONTHS, "month")):
        whole = base.once(f"orders:{column}", lambda c=column, n=names: coded_shares(every[c], n))
        found[dimension] = compare_values(facts, dimension, coded_shares(orders[column], names),
                                          whole, low=low, top=1)
    return {k: v for k, v in found.items() if v}


def support(base: PersonaBase, ids: pd.Index, facts: Facts, low: bool) -> dict[str, list[Share]]:
    """Tickets per customer by topic and by contact channel, against the whole base."""
    if base.health is None or not base.health.has_tickets:
        return {}
    found: dict[str, list[Share]] = {}
    topics = base.health.topics
    if topics:
        sums = sums_of(base.health, ids)
        customers = max(float(sums["customers"]), 1.0)
        rates = pd.Series({_topic(t): float(sums[t]) / customers for t in topics})
        whole = base.once("topic_rates", lambda: pd.Series(
            {_topic(t): float(base.total[t]) / float(base.total["customers"]) for t in topics}))
        found["ticket topic"] = compare_values(facts, "ticket topic", rates, whole, "ratio", low)
    if base.tickets is not None:
        tickets = base.tickets[base.tickets["customer_id"].isin(pd.Index(ids).astype(str))]
        whole = base.once("ticket_channels", lambda: value_shares(base.tickets["channel"]))
        shares = compare_values(facts, "support contact channel",
                                value_shares(tickets["channel"]), whole, low=low, top=2)
        if shares:
            found["support contact channel"] = shares
    return {k: v for k, v in found.items() if v}


def _topic(column: str) -> str:
    return column.removeprefix("tickets_").replace("_", " ")
