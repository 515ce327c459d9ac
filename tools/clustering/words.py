"""How each feature is spoken about: a label, and words for a group that is high or low on it.

Segment names are built from these words ("Frequent discount seekers"): the noun of
the strongest trait, led by the adjectives of the next ones. Columns without an entry
(a marketer's own data) get plain "high …" / "low …" words from the column name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    label: str
    high: tuple[str, str]  # (adjective, noun) for a group well above average
    low: tuple[str, str]
    share: bool = False  # values are fractions: speak in percentages


VOCABULARY: dict[str, Words] = {
    "orders": Words("orders", ("repeat", "repeat buyers"), ("one-off", "one-off buyers")),
    "orders_per_month": Words("orders per month", ("frequent", "frequent buyers"),
                              ("occasional", "occasional buyers")),
    "revenue": Words("spend", ("high-spending", "high spenders"),
                     ("low-spending", "light spenders")),
    "avg_order_value": Words("order value", ("big-basket", "big-basket buyers"),
                             ("small-basket", "small-basket buyers")),
    "recency_days": Words("days since the last order", ("lapsed", "lapsed customers"),
                          ("recently active", "recent buyers")),
    "tenure_days": Words("days since the first order", ("long-standing", "long-standing "
                                                        "customers"), ("new", "newcomers")),
    "discount_share": Words("orders with a discount", ("discount-driven", "discount seekers"),
                            ("full-price", "full-price buyers"), share=True),
    "return_rate": Words("orders returned", ("return-prone", "frequent returners"),
                         ("keep-it", "keepers"), share=True),
    "categories": Words("categories bought", ("wide-ranging", "multi-category shoppers"),
                        ("focused", "single-category buyers")),
    "tickets": Words("support tickets", ("support-heavy", "support seekers"),
                     ("self-sufficient", "self-sufficient customers")),
    "avg_rating": Words("review rating", ("happy", "happy reviewers"),
                        ("unhappy", "unhappy customers")),
    "nps": Words("NPS score", ("promoting", "promoters"), ("detracting", "detractors")),
    "items_per_order": Words("items per order", ("bulk-buying", "bulk buyers"),
                             ("single-item", "single-item buyers")),
    "avg_item_price": Words("price per item", ("premium", "premium buyers"),
                            ("budget", "bargain buyers")),
    "quick_repeat_share": Words("repeat orders within a week", ("impulsive", "burst shoppers"),
                                ("steady", "steady buyers"), share=True),
    "age": Words("age", ("older", "older customers"), ("young", "young customers")),
    "income_band": Words("income band", ("affluent", "affluent customers"),
                         ("lower-income", "lower-income customers")),
    "income": Words("income", ("affluent", "affluent customers"),
                    ("lower-income", "lower-income customers")),
}


def plain_name(column: str) -> str:
    """'Annual Income (k$)' → 'annual income'; 'orders_per_month' → 'orders per month'."""
    text = re.sub(r"\([^)]*\)", " ", str(column)).replace("_", " ")
    return re.sub(r"\s+", " ", text).strip().lower() or str(column)


def words_for(column: str, is_date: bool = False) -> Words:
    if column in VOCABULARY:
        return VOCABULARY[column]
    label = plain_name(column)
    if is_date:
        return Words(f"days since {label}", (f"early {label}", "customers"),
                     (f"recent {label}", "customers"))
    return Words(label, (f"high {label}", "customers"), (f"low {label}", "customers"))
