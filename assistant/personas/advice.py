"""Goals and what marketing, sales and customer service should do, by documented rules.

Every point names the fact it rests on, rendered from the pack, so a reader can see why
it is there and the validator can check it. The rules (traits as in `traits`):

Goals and motivations
- price → getting a good deal; big_ticket or full_price → quality and range over price;
  frequent → convenience and routine; big_basket → stocking up; new → getting started;
  lapsing → their needs are no longer met; a distinctive product category → that interest;
  a praise theme in their feedback → what they value. Otherwise: everyday buying.
Marketing
- price → promotions-led messaging; full_price → quality and newness, no discounts;
  lapsing → win-back; new → onboarding series; a distinctive acquisition source → find
  look-alikes there; a distinctive device → design for it; a peak month or weekday →
  schedule campaigns then; a distinctive product category → feature it.
Sales
- high_value → key-account care; big_basket → bundles and volume pricing; big_ticket →
  premium ranges; low frequency (orders per customer ≤ 0.7 × base) → next-order prompts;
  always: sell where they buy (their main sales channel) and cross-sell their second
  category.
Customer service
- a ticket topic at ≥ 1.1 × the base's rate → the topic's action; a pain theme in their
  feedback → the action for its words (coupons, shipping fees, delivery, returns, app,
  prices, quality, support, account, loyalty, stock, photos, product details, bulk
  orders); unhappy → close the loop with detractors; their main support contact channel.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.personas.facts import Share
from assistant.personas.pack import PainPoint, PersonaPack
from assistant.personas.traits import fillable, traits
from tools.result import say

TOPIC_LIFT = 1.1
LOW_FREQUENCY_LIFT = 0.7
MAX_SERVICE = 5

ACTIONS = {
    "billing": "Check their invoices and charges first, and resolve billing disputes in one "
               "contact.",
    "delivery": "Send proactive delivery updates with tracking, before they have to ask.",
    "account": "Offer guided account setup and quick password and login help.",
    "quality": "Make replacements easy and feed quality complaints back to buying.",
    "returns": "Make returns simple: prepaid labels and quick refunds.",
    "coupons": "Fix coupon and promo codes that fail at checkout, and say clearly when a code "
               "applies.",
    "shipping_fees": "Explain shipping fees before checkout and consider a free-shipping "
                     "threshold.",
    "app": "Triage app and checkout errors reported by this group and confirm fixes to them.",
    "prices": "Give agents value arguments and a clear price-match answer.",
    "support": "Answer faster: reply targets, callbacks and one owner per case.",
    "loyalty": "Explain loyalty points and perks plainly; make rewards easy to redeem.",
    "stock": "Offer back-in-stock alerts and suggest close alternatives.",
    "photos": "Review product photos that customers say mislead, and offer easy exchanges.",
    "details": "Fill in missing product details and size information.",
    "bulk": "Give business buyers a simple reorder and purchase-order route.",
}
TOPIC_WORDS = (
    (("billing", "payment", "refund", "charge", "invoice"), "billing"),
    (("shipping", "delivery", "courier", "parcel"), "delivery"),
    (("account", "login", "password", "onboarding", "sign"), "account"),
    (("quality", "defect", "broken", "damaged"), "quality"),
    (("return", "exchange"), "returns"),
)
THEME_WORDS = (
    (("coupon", "coupons", "voucher", "promo", "code", "discount"), "coupons"),
    (("shipping fee", "shipping fees", "shipping cost", "free shipping", "postage", "free",
      "shipping"), "shipping_fees"),
    (("late", "delayed", "delay", "waiting", "tracking", "arrived"), "delivery"),
    (("return", "returns", "refund", "refunds"), "returns"),
    (("app", "checkout", "crashed", "crashing", "cart", "basket", "payment page"), "app"),
    (("expensive", "overpriced", "pricey", "price", "prices"), "prices"),
    (("quality", "broke", "broken", "flimsy", "defective"), "quality"),
    (("support", "customer service", "reply", "response", "hold", "ignored", "heard"),
     "support"),
    (("account", "login", "password", "sign", "rejected"), "account"),
    (("billing", "charged", "overcharged", "invoice"), "billing"),
    (("loyalty", "rewards", "points", "point", "vip", "perks"), "loyalty"),
    (("stock", "restock", "sold out", "out of stock"), "stock"),
    (("photo", "photos", "picture", "pictures", "pictured"), "photos"),
    (("description", "specs", "product details", "details", "size chart", "dimensions"),
     "details"),
    (("bulk", "wholesale", "purchase order", "reorder", "business"), "bulk"),
)


@dataclass(frozen=True)
class Point:
    """A statement or recommendation and the facts it rests on."""

    text: str
    evidence: str


def _point(pack: PersonaPack, text: str, evidence: str) -> Point | None:
    if not fillable(pack, evidence) or not fillable(pack, text):
        return None
    return Point(say(text, pack.facts), say(evidence, pack.facts))


def _versus(key: str) -> str:
    return "{" + key + "} against {base_" + key + "} for the whole base"


def _share_evidence(share: Share, what: str) -> str:
    return ("{" + share.key + "}: {" + share.key + "_segment} of " + what + " against {"
            + share.key + "_base} for the whole base")


def _first(values: list[Share], distinctive: bool = True) -> Share | None:
    return next((s for s in values if s.distinctive or not distinctive), None)


def _keep(points: list[Point | None]) -> list[Point]:
    seen, kept = set(), []
    for point in points:
        if point is not None and point.text not in seen:
            seen.add(point.text)
            kept.append(point)
    return kept


def _apart(pack: PersonaPack, text: str) -> list[Point]:
    """Without orders: one point on the attribute value that most sets the segment apart."""
    shares = [s for values in pack.demographics.values() for s in values if s.distinctive]
    if not shares:
        return []
    best = max(shares, key=lambda s: s.lift or 0.0)
    named = text.replace("{key}", best.dimension + " {" + best.key + "}")
    return _keep([_point(pack, named, _share_evidence(best, "them"))])


def goals(pack: PersonaPack) -> list[Point]:
    held = set(traits(pack))
    points = []
    if "price" in held:
        points.append(_point(pack, "Getting a good deal: they wait for offers and buy on "
                             "promotion.", "orders with a discount " + _versus("discount_share")))
    if held & {"big_ticket", "full_price"}:
        points.append(_point(pack, "Quality and range matter more to them than price.",
                             "average order value " + _versus("avg_order_value")))
    if "frequent" in held:
        points.append(_point(pack, "Convenience and a dependable routine for repeat needs.",
                             "orders per customer " + _versus("orders_per_customer")))
    if "big_basket" in held:
        points.append(_point(pack, "Stocking up: buying several items at once.",
                             "items per order " + _versus("items_per_order")))
    if "new" in held:
        points.append(_point(pack, "Finding out what the store offers and getting a first "
                             "order right.", "median time since first order {tenure_days}"))
    if "lapsing" in held:
        points.append(_point(pack, "Their needs are no longer fully met here; they are "
                             "drifting away.", "at risk or churned " + _versus("at_risk_share")))
    category = _first(pack.buying.get("product category", []))
    if category is not None:
        points.append(_point(pack, "A particular interest in {" + category.key + "}.",
                             _share_evidence(category, "their orders")))
    for theme in pack.themes:
        if theme.kind == "praise":
            points.append(_point(pack, "They value what they praise in their feedback: "
                                 "{" + theme.key + "}.", _theme_evidence(pack, theme)))
            break
    kept = _keep(points)
    if not kept and "orders_per_customer" not in pack.facts:
        return _apart(pack, "What sets them apart: {key}.")
    if not kept:
        top = next(iter(pack.buying.get("product category", [])), None)
        kept = _keep([_point(pack, "Everyday buying from the core range.",
                             _share_evidence(top, "their orders") if top else
                             "{customers} in this segment")])
    return kept


def marketing(pack: PersonaPack) -> list[Point]:
    held = set(traits(pack))
    points = []
    if "price" in held:
        points.append(_point(pack, "Lead with promotions: sale alerts, visible savings and "
                             "offers that are easy to apply.",
                             "orders with a discount " + _versus("discount_share")))
    if "full_price" in held:
        points.append(_point(pack, "Sell on quality and newness (early access, new ranges); "
                             "keep discounts out of their messages.",
                             "orders with a discount " + _versus("discount_share")))
    if "lapsing" in held:
        points.append(_point(pack, "Run a win-back sequence with a reason to return before "
                             "they churn.", "at risk or churned " + _versus("at_risk_share")))
    if "new" in held:
        points.append(_point(pack, "Welcome series that leads to a second order.",
                             "median time since first order {tenure_days}"))
    source = _first(pack.demographics.get("source channel", []))
    if source is not None:
        points.append(_point(pack, "Find more customers like them through {" + source.key
                             + "}.", _share_evidence(source, "them came that way")))
    device = next(iter(pack.demographics.get("device", [])), None)
    if device is not None and device.distinctive:
        points.append(_point(pack, "Design emails and pages for {" + device.key + "} first.",
                             _share_evidence(device, "them use it")))
    month = _first(pack.buying.get("month", []))
    weekday = _first(pack.buying.get("weekday", []))
    if month is not None:
        points.append(_point(pack, "Plan campaigns around {" + month.key + "}.",
                             _share_evidence(month, "their orders")))
    elif weekday is not None:
        points.append(_point(pack, "Schedule sends for {" + weekday.key + "}.",
                             _share_evidence(weekday, "their orders")))
    category = _first(pack.buying.get("product category", []))
    if category is not None:
        points.append(_point(pack, "Feature {" + category.key + "} in creative and offers.",
                             _share_evidence(category, "their orders")))
    kept = _keep(points)
    if not kept and "orders_per_customer" not in pack.facts:
        return _apart(pack, "Aim at customers with {key} first: they are over-represented "
                            "here.")
    return kept or _keep([_point(pack, "Keep them in the regular programme; nothing sets "
                                 "them apart enough for a special one.",
                                 "{customer_share} of customers, {revenue_share} of revenue")])


def sales(pack: PersonaPack) -> list[Point]:
    held = set(traits(pack))
    points = []
    if "high_value" in held:
        points.append(_point(pack, "Treat them as key accounts: personal follow-up, early "
                             "access and loyalty upgrades.",
                             "historical CLV " + _versus("historical_clv")))
    if "big_basket" in held:
        points.append(_point(pack, "Offer bundles and volume pricing.",
                             "items per order " + _versus("items_per_order")))
    if "big_ticket" in held:
        points.append(_point(pack, "Show premium ranges and upgrades at the point of sale.",
                             "average order value " + _versus("avg_order_value")))
    lift = pack.value("orders_per_customer_lift") if pack.has("orders_per_customer_lift") else 1
    if isinstance(lift, float | int) and lift <= LOW_FREQUENCY_LIFT:
        points.append(_point(pack, "Prompt the next order: replenishment reminders and "
                             "follow-up offers.",
                             "orders per customer " + _versus("orders_per_customer")))
    channels = pack.buying.get("sales channel", [])
    if channels:
        points.append(_point(pack, "Sell where they buy: {" + channels[0].key + "}.",
                             _share_evidence(channels[0], "their orders")))
    categories = pack.buying.get("product category", [])
    if len(categories) >= 2:
        first, second = categories[0], categories[1]
        points.append(_point(pack, "Cross-sell {" + second.key + "} to buyers of {"
                             + first.key + "}.", _share_evidence(first, "their orders")
                             + "; " + _share_evidence(second, "their orders")))
    kept = _keep(points)
    if not kept and "orders_per_customer" not in pack.facts:
        return []  # no orders table: how they buy is not known
    return kept or _keep([_point(pack, "No buying pattern stands out; keep the standard "
                                 "offer.", "{customers} in this segment")])


def service(pack: PersonaPack) -> list[Point]:
    points: list[Point | None] = []
    for topic in pack.support.get("ticket topic", []):
        if topic.lift is not None and topic.lift >= TOPIC_LIFT:
            action = _action(topic.value.lower(), TOPIC_WORDS) or (
                "Review their {" + topic.key + "} tickets for a common cause.")
            points.append(_point(pack, action, "{" + topic.key + "} tickets: {" + topic.key
                                 + "_segment} per customer against {" + topic.key
                                 + "_base} for the whole base"))
    for theme in pack.themes:
        if theme.kind == "praise":
            continue
        action = _action(theme.label.lower(), THEME_WORDS)
        if action is not None:
            points.append(_point(pack, action, _theme_evidence(pack, theme)))
    if "unhappy" in set(traits(pack)):
        evidence = ("mean NPS answer " + _versus("mean_nps") if pack.has("mean_nps_lift")
                    else "mean review rating " + _versus("mean_rating"))
        points.append(_point(pack, "Close the loop with unhappy customers: call back "
                             "detractors and low raters within days.", evidence))
    contact = pack.support.get("support contact channel", [])
    if contact:
        points.append(_point(pack, "Staff {" + contact[0].key + "} for them first.",
                             _share_evidence(contact[0], "their tickets")))
    kept = _keep(points)[:MAX_SERVICE]
    return kept


def _theme_evidence(pack: PersonaPack, theme: PainPoint) -> str:
    text = "{" + theme.key + "}: in {" + theme.key + "_share} of their feedback documents"
    return text + (", {" + theme.key + "_lift} times as often as other segments"
                   if pack.has(f"{theme.key}_lift") else "")


def _action(words: str, concepts: tuple[tuple[tuple[str, ...], str], ...]) -> str | None:
    """The action of the first concept whose words occur in `words` (a topic or a theme's
    terms); one action per concept, so a ticket topic and a theme about the same thing
    give it once."""
    terms = {t.strip() for t in words.replace("·", ",").split(",")}
    tokens = set(words.replace("·", " ").split())
    for keys, concept in concepts:
        if any(k in terms or k in tokens for k in keys):
            return ACTIONS[concept]
    return None
