"""What sets a segment apart, by documented thresholds on its facts; its name and one-liner.

A trait holds when its rule below holds (lifts are the segment's figure ÷ the whole
base's). The persona's name is the first trait's adjective (in this order) with the
channel they buy through, e.g. "Price-driven web shoppers"; without any trait it is
"Mainstream shoppers".

| trait       | rule                                                                  |
|-------------|-----------------------------------------------------------------------|
| new         | median time since first order at most 120 days                        |
| lapsing     | at risk or churned: share ≥ 40% and ≥ 1.2 × the base's                |
| price       | discount on ≥ 40% of orders and ≥ 1.5 × the base's discount share     |
| high_value  | revenue per customer or historical CLV ≥ 1.5 × the base's             |
| frequent    | orders per customer ≥ 1.3 × the base's                                |
| big_basket  | items per order ≥ 1.15 × the base's                                   |
| big_ticket  | average order value ≥ 1.3 × the base's                                |
| full_price  | discount share ≤ 0.6 × the base's                                     |
| low_value   | revenue per customer ≤ 0.5 × the base's                               |
| unhappy     | mean NPS answer or mean review rating ≤ 0.9 × the base's              |
| service     | support tickets per customer ≥ 1.3 × the base's                       |

The channel is the sales channel whose share of the segment's orders is at least 1.2 ×
the base's (or which carries half of their orders); else the device they use most,
under the same rule; else plain "shoppers".
"""

from __future__ import annotations

import re

from assistant.personas.facts import Share
from assistant.personas.pack import PersonaPack
from tools.result import say

NEW_DAYS = 120
AT_RISK_MIN, AT_RISK_LIFT = 0.4, 1.2
DISCOUNT_MIN, DISCOUNT_LIFT = 0.4, 1.5
HIGH_VALUE_LIFT = 1.5
FREQUENT_LIFT = 1.3
BIG_BASKET_LIFT = 1.15
BIG_TICKET_LIFT = 1.3
FULL_PRICE_LIFT = 0.6
LOW_VALUE_LIFT = 0.5
UNHAPPY_LIFT = 0.9
SERVICE_LIFT = 1.3
CHANNEL_LIFT, CHANNEL_DOMINANT = 1.2, 0.5

ADJECTIVES = {
    "new": "Newly won",
    "lapsing": "Lapsing",
    "price": "Price-driven",
    "high_value": "High-value",
    "frequent": "Frequent",
    "big_basket": "Stock-up",
    "big_ticket": "Big-ticket",
    "full_price": "Full-price",
    "low_value": "Occasional",
}
CLAUSES = {
    "new": "most started buying only recently (a median of {tenure_days} since the first "
           "order)",
    "lapsing": "{at_risk_share} are at risk or churned against {base_at_risk_share} overall",
    "price": "a discount on {discount_share} of their orders against {base_discount_share} "
             "overall",
    "high_value": "{revenue_per_customer} revenue per customer against "
                  "{base_revenue_per_customer} overall",
    "frequent": "{orders_per_customer} orders per customer against {base_orders_per_customer} "
                "overall",
    "big_basket": "{items_per_order} items per order against {base_items_per_order} overall",
    "big_ticket": "an average order of {avg_order_value} against {base_avg_order_value} overall",
    "full_price": "a discount on only {discount_share} of their orders against "
                  "{base_discount_share} overall",
    "low_value": "{revenue_per_customer} revenue per customer against "
                 "{base_revenue_per_customer} overall",
    "unhappy": "a mean NPS answer of {mean_nps} against {base_mean_nps} overall",
    "service": "{tickets_per_customer} support tickets per customer against "
               "{base_tickets_per_customer} overall",
}
CHANNEL_NOUNS = {"app": "app shoppers", "web": "web shoppers", "website": "web shoppers",
                 "online": "online shoppers", "store": "in-store shoppers",
                 "phone": "phone shoppers", "mobile": "mobile shoppers",
                 "desktop": "desktop shoppers", "tablet": "tablet shoppers"}


def _number(pack: PersonaPack, name: str) -> float | None:
    if not pack.has(name) or isinstance(pack.value(name), str):
        return None
    return float(pack.value(name))


def _at_least(pack: PersonaPack, name: str, threshold: float) -> bool:
    value = _number(pack, name)
    return value is not None and value >= threshold


def _at_most(pack: PersonaPack, name: str, threshold: float) -> bool:
    value = _number(pack, name)
    return value is not None and value <= threshold


def traits(pack: PersonaPack) -> list[str]:
    """The traits that hold, in the order of the table above."""
    items = _ratio(pack, "items_per_order", "base_items_per_order")
    checks = {
        "new": _at_most(pack, "tenure_days", NEW_DAYS),
        "lapsing": _at_least(pack, "at_risk_share", AT_RISK_MIN)
        and _at_least(pack, "at_risk_share_lift", AT_RISK_LIFT),
        "price": _at_least(pack, "discount_share", DISCOUNT_MIN)
        and _at_least(pack, "discount_share_lift", DISCOUNT_LIFT),
        "high_value": _at_least(pack, "revenue_per_customer_lift", HIGH_VALUE_LIFT)
        or _at_least(pack, "historical_clv_lift", HIGH_VALUE_LIFT),
        "frequent": _at_least(pack, "orders_per_customer_lift", FREQUENT_LIFT),
        "big_basket": items is not None and items >= BIG_BASKET_LIFT,
        "big_ticket": _at_least(pack, "avg_order_value_lift", BIG_TICKET_LIFT),
        "full_price": _at_most(pack, "discount_share_lift", FULL_PRICE_LIFT),
        "low_value": _at_most(pack, "revenue_per_customer_lift", LOW_VALUE_LIFT),
        "unhappy": _at_most(pack, "mean_nps_lift", UNHAPPY_LIFT)
        or _at_most(pack, "mean_rating_lift", UNHAPPY_LIFT),
        "service": _at_least(pack, "tickets_per_customer_lift", SERVICE_LIFT),
    }
    return [name for name, holds in checks.items() if holds]


def _ratio(pack: PersonaPack, name: str, base_name: str) -> float | None:
    value, base = _number(pack, name), _number(pack, base_name)
    return value / base if value is not None and base else None


def channel(pack: PersonaPack) -> Share | None:
    """The sales channel (else device) that marks how this segment shops, if one does."""
    for values in (pack.buying.get("sales channel", []), pack.demographics.get("device", [])):
        for share in values:
            lift = share.lift or 0.0
            if (lift >= CHANNEL_LIFT and share.segment >= 0.1) or (
                    share.segment >= CHANNEL_DOMINANT and lift >= 1.0):
                return share
    return None


def persona_name(pack: PersonaPack) -> str:
    """A descriptive name from the first trait and the channel: 'Price-driven app shoppers'."""
    named = [t for t in traits(pack) if t in ADJECTIVES]
    adjective = ADJECTIVES[named[0]] if named else "Mainstream"
    if len(named) > 1 and {named[0], named[1]} == {"high_value", "frequent"}:
        adjective = "High-value frequent"
    picked = channel(pack)
    noun = "shoppers"
    if picked is not None:
        value = picked.value.strip().lower()
        noun = CHANNEL_NOUNS.get(value, f"{value} shoppers")
    elif not named and not pack.has("orders_per_customer"):
        return _attribute_name(pack)  # no orders: named by what sets them apart
    return f"{adjective} {noun}"


ATTRIBUTE_LIFT = 1.2
"""A numeric attribute names a persona when its mean is ≥ 1.2 × (or ≤ 1 / 1.2 ×) the base's."""


def _attribute_name(pack: PersonaPack) -> str:
    """'Month-to-month contract customers', 'High monthly charges customers', else
    'Typical customers': the category value or number that most sets the segment apart."""
    options: list[tuple[float, str]] = []
    share = _most_distinctive(pack)
    if share is not None and share.lift:
        options.append((share.lift, f"{share.value} {share.dimension} customers"))
    for key in pack.attributes:
        lift = _number(pack, f"{key}_lift")
        if not lift:
            continue
        label = pack.facts[key].label.removeprefix("mean ")
        if lift >= ATTRIBUTE_LIFT:
            options.append((lift, f"High {label} customers"))
        elif lift <= 1 / ATTRIBUTE_LIFT:
            options.append((1 / lift, f"Low {label} customers"))
    return max(options)[1] if options else "Typical customers"


def _most_distinctive(pack: PersonaPack) -> Share | None:
    """The attribute value most over-represented in the segment (share ≥ 10%, lift ≥ 1.2)."""
    shares = [s for values in pack.demographics.values() for s in values if s.distinctive]
    return max(shares, key=lambda s: s.lift or 0.0, default=None)


def summary(pack: PersonaPack) -> str:
    """One line: size, share of revenue and what sets them apart, all from facts."""
    if not pack.has("customer_share"):
        return say("{customers} in this segment.", pack.facts)
    line = "{customers} ({customer_share} of the base)"
    if pack.has("revenue_share"):
        line += " bringing {revenue_share} of revenue"
    clauses = [CLAUSES[t] for t in traits(pack)[:2] if fillable(pack, CLAUSES[t])]
    if clauses:
        line += ", with " + " and ".join(clauses)
    return say(line + ".", pack.facts)


def fillable(pack: PersonaPack, template: str) -> bool:
    """True when every `{fact}` of `template` is in the pack."""
    return all(pack.has(name) for name in re.findall(r"\{([a-z_0-9]+)\}", template))
