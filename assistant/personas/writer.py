"""A persona document written from its grounding pack only, the same way every time.

Every number is a pack fact rendered with `format_value` (through `say`), every quote
is a verbatim passage from the knowledge store followed by its document id, and every
recommendation names the facts it rests on. Feedback text appears only inside quotes:
what customers wrote is shown, never followed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.personas import advice
from assistant.personas.facts import Share
from assistant.personas.pack import PainPoint, PersonaPack
from assistant.personas.traits import fillable, persona_name, summary
from tools.result import say

SECTIONS = (
    "Who they are",
    "How they buy",
    "Goals and motivations",
    "Pain points in their own words",
    "Preferred channels",
    "What marketing should do",
    "What sales should do",
    "What customer service should do",
    "Size and value",
)
CHANNEL_DIMENSIONS = ("device", "source channel")
SOURCE_WORDS = {"transcript": "call", "review": "review", "survey": "survey", "note": "note"}
NOT_AVAILABLE = "Not available in this data."


@dataclass
class PersonaDocument:
    segment: str
    segmentation: str
    name: str
    summary: str
    sections: list[tuple[str, str]] = field(default_factory=list)  # (heading, markdown body)
    header: str = ""

    @property
    def markdown(self) -> str:
        parts = [f"# {self.name}", f"*{self.summary}*"]
        if self.header:
            parts.append(self.header)
        for heading, body in self.sections:
            parts.append(f"## {heading}\n\n{body.strip()}")
        return "\n\n".join(parts) + "\n"


def write_persona(pack: PersonaPack, name: str | None = None) -> PersonaDocument:
    """The persona document of `pack`; `name` overrides the rule-made name (to keep names
    unique within one segmentation)."""
    source = ("Figures come from completed orders up to {as_of}" if pack.has("as_of")
              else "Figures come from the customers table")
    header = say("Segment **{segment}** of *{segmentation}*. " + source
                 + " and are compared with the whole customer base.", pack.facts)
    if pack.notes:
        header += " " + " ".join(pack.notes)
    bodies = {
        "Who they are": who_they_are(pack),
        "How they buy": how_they_buy(pack),
        "Goals and motivations": _points(advice.goals(pack)),
        "Pain points in their own words": pain_points(pack),
        "Preferred channels": preferred_channels(pack),
        "What marketing should do": _points(advice.marketing(pack)),
        "What sales should do": _points(advice.sales(pack)),
        "What customer service should do": customer_service(pack),
        "Size and value": size_and_value(pack),
    }
    return PersonaDocument(
        segment=pack.segment, segmentation=pack.segmentation,
        name=name or persona_name(pack), summary=summary(pack),
        sections=[(heading, bodies[heading]) for heading in SECTIONS], header=header,
    )


def _line(pack: PersonaPack, template: str) -> str | None:
    return say(template, pack.facts) if fillable(pack, template) else None


def _lines(items: list[str | None]) -> str:
    return "\n".join(f"- {item}" for item in items if item)


def _points(points: list[advice.Point]) -> str:
    if not points:
        return NOT_AVAILABLE
    return "\n".join(f"- {p.text} *Rests on: {p.evidence}.*" for p in points)


def _versus(key: str) -> str:
    return "{" + key + "} (whole base {base_" + key + "})"


def dimension_line(pack: PersonaPack, dimension: str, values: list[Share],
                   of_what: str = "") -> str:
    """'**Device**: mobile 62.7% (whole base 53.4%, lift 1.17); desktop …'."""
    parts = []
    for share in values:
        template = ("{" + share.key + "} {" + share.key + "_segment}" + of_what
                    + " (whole base {" + share.key + "_base}")
        if pack.has(f"{share.key}_lift"):
            template += ", lift {" + share.key + "_lift}"
        parts.append(say(template + ")", pack.facts))
    return f"**{dimension[:1].upper()}{dimension[1:]}**: " + "; ".join(parts)


def who_they_are(pack: PersonaPack) -> str:
    if "demographics" in pack.missing:
        return pack.missing["demographics"]
    items = [_line(pack, "**Age**: median {age_median} against {base_age_median} for the "
                         "whole base (mean {age_mean} against {base_age_mean})")]
    items += [dimension_line(pack, dimension, values)
              for dimension, values in pack.demographics.items()
              if dimension not in CHANNEL_DIMENSIONS]
    items += [attribute_line(pack, key) for key in pack.attributes]
    text = _lines(items)
    return text or NOT_AVAILABLE


def attribute_line(pack: PersonaPack, key: str) -> str:
    """'**Mean monthly charges**: 74.44 (whole base 64.76, lift 1.15)'."""
    label = pack.facts[key].label
    template = "**" + label[:1].upper() + label[1:] + "**: {" + key + "} (whole base {base_" \
        + key + "}"
    if pack.has(f"{key}_lift"):
        template += ", lift {" + key + "_lift}"
    return say(template + ")", pack.facts)


def how_they_buy(pack: PersonaPack) -> str:
    if "buying" in pack.missing:
        return pack.missing["buying"]
    items = [
        _line(pack, "**Recency**: last order a median of {recency_days} ago"
                    " (whole base {base_recency_days})"),
        _line(pack, "**Frequency**: {orders_per_customer} orders per customer"
                    " (whole base {base_orders_per_customer})"),
        _line(pack, "**Monetary**: average order " + _versus("avg_order_value")
                    + "; median order " + _versus("median_order") + "; revenue per customer "
                    + _versus("revenue_per_customer")),
        _line(pack, "**Historical CLV**: {historical_clv} per customer"
                    " (whole base {base_historical_clv})"),
        _line(pack, "**Customers for**: a median of {tenure_days} since the first order "
                    "(whole base {base_tenure_days})"),
        _line(pack, "**Discounts**: a discount on {discount_share} of orders"
                    " (whole base {base_discount_share})"),
        _line(pack, "**Order size**: {items_per_order} items per order"
                    " (whole base {base_items_per_order})"),
    ]
    for dimension in ("product category", "sales channel"):
        if dimension in pack.buying:
            items.append(dimension_line(pack, dimension + " (share of orders)",
                                        pack.buying[dimension]))
    timing = [dimension_line(pack, f"busiest {d}", pack.buying[d], " of orders")
              for d in ("weekday", "month") if d in pack.buying]
    if timing:
        items.append("**Timing**: " + "; ".join(t.replace("**", "") for t in timing))
    return _lines(items) or NOT_AVAILABLE


def pain_points(pack: PersonaPack) -> str:
    if not pack.themes:
        return pack.missing.get("themes", NOT_AVAILABLE)
    order = {"pain": 0, None: 1, "praise": 2}
    blocks = [say("What this segment's customers say more often than other segments do, "
                  "from {feedback_documents} of their feedback documents. Quotes are "
                  "verbatim, with the document they come from.", pack.facts)]
    for theme in sorted(pack.themes, key=lambda t: order.get(t.kind, 1)):
        blocks.append(theme_block(pack, theme))
    return "\n\n".join(blocks)


def theme_block(pack: PersonaPack, theme: PainPoint) -> str:
    kind = {"pain": "A pain point", "praise": "Praise"}.get(theme.kind or "", "A theme")
    template = kind + ": in {" + theme.key + "_share} of their feedback documents"
    if pack.has(f"{theme.key}_lift"):
        template += ", {" + theme.key + "_lift} times as often as in other segments"
    lines = [say("### {" + theme.key + "}", pack.facts), say(template + ".", pack.facts)]
    for quote in theme.quotes:
        source = SOURCE_WORDS.get(quote.source_type, quote.source_type)
        lines.append(f'> "{quote.text}" — {source} {quote.doc_id}')
    return "\n\n".join(lines)


def preferred_channels(pack: PersonaPack) -> str:
    items = []
    if "sales channel" in pack.buying:
        items.append(dimension_line(pack, "buy through (share of orders)",
                                    pack.buying["sales channel"]))
    labels = {"device": "device", "source channel": "found us through"}
    for dimension in CHANNEL_DIMENSIONS:
        if dimension in pack.demographics:
            items.append(dimension_line(pack, labels[dimension], pack.demographics[dimension]))
    if "support contact channel" in pack.support:
        items.append(dimension_line(pack, "contact support by (share of tickets)",
                                    pack.support["support contact channel"]))
    return _lines(items) or NOT_AVAILABLE


def customer_service(pack: PersonaPack) -> str:
    facts = [
        _line(pack, "Support tickets: {tickets_per_customer} per customer"
                    " (whole base {base_tickets_per_customer})"),
        _line(pack, "Mean NPS answer: " + _versus("mean_nps") + "; net promoter score "
                    + _versus("net_promoter_score")),
        _line(pack, "Mean review rating: " + _versus("mean_rating")),
    ]
    if "support" in pack.missing:
        facts.insert(0, "Support tickets: " + NOT_AVAILABLE.lower())
    known = _lines(facts)
    actions = _points(advice.service(pack))
    if not advice.service(pack):
        actions = "- No service signal stands out for this segment."
    return (f"{known}\n\n" if known else "") + actions


def size_and_value(pack: PersonaPack) -> str:
    rows = [("Customers", "customers", "base_customers"),
            ("Share of customers", "customer_share", None),
            ("Revenue", "revenue", "base_revenue"),
            ("Share of revenue", "revenue_share", None),
            ("Revenue per customer", "revenue_per_customer", "base_revenue_per_customer"),
            ("Average order value", "avg_order_value", "base_avg_order_value"),
            ("Orders per customer", "orders_per_customer", "base_orders_per_customer"),
            ("Historical CLV", "historical_clv", "base_historical_clv"),
            ("At risk or churned", "at_risk_share", "base_at_risk_share")]
    table = ["| Measure | This segment | Whole base |", "|---|---|---|"]
    for label, key, base_key in rows:
        if not pack.has(key):
            continue
        whole = pack.text(base_key) if base_key and pack.has(base_key) else "—"
        table.append(f"| {label} | {_cell(pack.text(key))} | {_cell(whole)} |")
    return "\n".join(table)


def _cell(text: str) -> str:
    return text.replace("|", "/")
