"""The grounding pack of one persona: every fact and quote its document may use.

A persona is written only from this pack, and checked against it afterwards. The pack
holds the segment's facts against the whole base (see `facts`) and its feedback themes
with verbatim quotes and their document ids, found by the same `feedback_themes` tool
the marketer can call (so a rule segment is compared with everyone else exactly as
there). What a workspace cannot tell (no customers table, no tickets, no feedback) is
recorded as a plain reason instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from assistant.grounding import GroundingPack
from assistant.personas import facts as measure
from assistant.personas.customer_base import PersonaBase, persona_base
from assistant.personas.facts import Share
from knowledge.errors import KnowledgeError
from knowledge.sources import is_feedback_source
from knowledge.store import KnowledgeStore
from tools.errors import ToolError
from tools.registry import run_tool
from tools.result import Fact
from tools.segments import resolve_segment, saved
from tools.workspace import Workspace

THEMES = 5
_SPACES = re.compile(r"\s+")
_QUOTE_MARKS = re.compile(r"[\"“”]")
MIN_QUOTE_CHARS = 12  # shorter passages are not checked by the grounding checker


@dataclass(frozen=True)
class PackQuote:
    text: str  # verbatim, spacing collapsed to single spaces
    doc_id: str
    source_type: str


@dataclass(frozen=True)
class PainPoint:
    """A feedback theme of the segment; facts `<key>` (label), `<key>_share`, `<key>_lift`."""

    label: str
    kind: str | None  # "pain", "praise" or None
    key: str
    quotes: tuple[PackQuote, ...]


@dataclass
class PersonaPack:
    segment: str
    segmentation: str
    kind: str  # the segmentation's kind: "rfm", "consumer types", "clusters", "rule", …
    grounding: GroundingPack
    demographics: dict[str, list[Share]] = field(default_factory=dict)
    buying: dict[str, list[Share]] = field(default_factory=dict)
    support: dict[str, list[Share]] = field(default_factory=dict)
    attributes: list[str] = field(default_factory=list)  # fact keys of numeric attributes
    themes: list[PainPoint] = field(default_factory=list)
    missing: dict[str, str] = field(default_factory=dict)  # section → why it is empty
    notes: list[str] = field(default_factory=list)

    @property
    def facts(self) -> dict[str, Fact]:
        return self.grounding.facts

    def has(self, name: str) -> bool:
        return name in self.facts

    def value(self, name: str) -> float | int | str:
        return self.facts[name].value

    def text(self, name: str) -> str:
        """A fact as the document writes it (`format_value` of its value and unit)."""
        return self.facts[name].text


def build_pack(
    ws: Workspace, segment_ref: str, store: KnowledgeStore | None,
    base: PersonaBase | None = None, quotes: int = 3,
) -> PersonaPack:
    """Everything one segment's persona may say. Pass `base` to reuse base-wide figures."""
    segmentation, label, ids = resolve_segment(ws, segment_ref)
    ids = pd.Index(ids.astype(str))
    base = base or persona_base(ws)
    kind = str(saved(ws).get(segmentation, {}).get("kind", ""))
    facts: dict[str, Fact] = {
        "segment": Fact(label, "", "segment"),
        "segmentation": Fact(segmentation, "", "segmentation"),
    }
    if base.as_of is not None:
        facts["as_of"] = Fact(str(base.as_of.date()), "", "last order date in the data")
    pack = PersonaPack(label, segmentation, kind, GroundingPack(facts=facts))
    low = measure.size_and_value(base, ids, facts)
    if low:
        pack.notes.append("Too few customers for reliable figures: treat them as indicative.")
    pack.demographics = measure.demographics(base, ids, facts, low)
    pack.attributes = measure.attributes(base, ids, facts, low)
    if base.customers is None:
        pack.missing["demographics"] = "No customers table: not available in this data."
    elif not pack.demographics and "age_median" not in facts:
        pack.missing["demographics"] = "None of these customers is in the customers table."
    pack.buying = measure.buying(base, ids, facts, low)
    if not base.has_orders:
        pack.missing["buying"] = "No orders table: how they buy is not available in this data."
    elif "orders" not in facts:
        pack.missing["buying"] = "These customers have no completed orders."
    pack.support = measure.support(base, ids, facts, low)
    if not base.has_tickets:
        pack.missing["support"] = "No support tickets table: not available in this data."
    if store is None:
        pack.missing["themes"] = ("No customer feedback (reviews, surveys or calls) is indexed: "
                                  "pain points in customers' words are not available in this "
                                  "data.")
    else:
        add_themes(ws, pack, quotes)
    return pack


def add_themes(ws: Workspace, pack: PersonaPack, quotes: int) -> None:
    """The segment's feedback themes and quotes, from the `feedback_themes` tool."""
    ref = f"{pack.segmentation}/{pack.segment}"
    try:
        result = run_tool("feedback_themes", ws, segment=ref, top=THEMES, quotes=quotes)
    except (KnowledgeError, ToolError):
        pack.missing["themes"] = ("No feedback from this segment's customers is indexed: pain "
                                  "points in their own words are not available in this data.")
        return
    facts = pack.facts
    facts["feedback_documents"] = Fact(int(result.fact("documents")), "count",
                                       "feedback documents from the segment")
    table = result.table
    if "theme" not in table or table["theme"].eq("(none)").all():
        pack.missing["themes"] = "No theme stands out in this segment's feedback."
        return
    quote_table = result.tables.get("quotes", pd.DataFrame())
    for rank, row in enumerate(table.itertuples(index=False), start=1):
        key = f"theme_{rank}"
        facts[key] = Fact(str(row.theme), "", "feedback theme")
        facts[f"{key}_share"] = Fact(float(row.share), "share", f"{row.theme}: share of the "
                                     "segment's feedback documents")
        if pd.notna(row.lift):
            facts[f"{key}_lift"] = Fact(float(row.lift), "ratio", f"{row.theme}: segment ÷ "
                                        "other segments")
        picked = _quotes(quote_table, str(row.theme), ws)
        for number, quote in enumerate(picked, start=1):
            facts[f"{key}_quote_{number}_doc"] = Fact(quote.doc_id, "", "document id")
            pack.grounding.quotes.append(quote.text)
        kind = None if pd.isna(row.kind) else str(row.kind)
        pack.themes.append(PainPoint(str(row.theme), kind, key, tuple(picked)))


def _quotes(table: pd.DataFrame, theme: str, ws: Workspace) -> list[PackQuote]:
    """The theme's quotes that can be shown and checked as one quoted line, taken only from
    customer feedback (never from the product descriptions of an orders table)."""
    if table.empty:
        return []
    picked: list[PackQuote] = []
    for row in table[table["theme"] == theme].itertuples(index=False):
        if not is_feedback_source(ws, str(getattr(row, "source", ""))):
            continue
        text = _SPACES.sub(" ", str(row.text)).strip()
        if len(text) < MIN_QUOTE_CHARS or _QUOTE_MARKS.search(text):
            continue  # a quote holding quote marks could not be checked as one passage
        if any(text.lower() == seen.text.lower() for seen in picked):
            continue  # the same sentence from several customers is shown once
        picked.append(PackQuote(text, str(row.doc_id), str(row.source_type)))
    return picked
