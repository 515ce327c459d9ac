"""The `define_segment` tool: pick customers by a rule, preview them, and optionally save them.

A saved rule segment is an ordinary segmentation (kind "rule", one label = its name),
so every tool with a `segment` setting can use it, and later rules can filter on it.
The canonical filter text is stored with it, so "what is in this segment?" has an
exact answer.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pydantic import Field, model_validator

from tools.errors import ToolError
from tools.registry import ToolParams, tool
from tools.result import MIN_RELIABLE, Fact, Provenance, Result, say
from tools.rules.columns import ID, CustomerTable, customer_table, shown_columns
from tools.rules.evaluate import Selection, select
from tools.rules.model import Condition, Filter, Group, TopN, filter_text
from tools.rules.parser import parse_filter
from tools.segments import Segmentation, resolve_segment, save_segmentation, saved
from tools.workspace import Workspace

RULE_KIND = "rule"
MISSING_NOTE = ("Customers with a missing value never match a comparison (=, !=, >, in, …); "
                "use 'is missing' to find them.")
TIES_NOTE = "Top-N keeps exactly N customers; ties at the cut-off go to the lower customer id."


class DefineSegmentParams(ToolParams):
    name: str | None = Field(
        default=None, min_length=1, max_length=80,
        description="Name to save the segment under, e.g. 'Young Californians', so later "
                    "questions and tools can use it. Leave empty to only preview the members.")
    filter: str | None = Field(
        default=None, max_length=5000,
        description="The rule as text, e.g. 'age between 25 and 40 and region in "
                    "(\"California\", \"Texas\")', 'revenue >= 1000 or orders > 10', "
                    "'gender = \"Female\" and (city = \"Miami\" or city = \"Austin\")', "
                    "'top 10% by revenue'. Put text values in quotes and column names "
                    "with spaces in backticks; saved segmentations are columns too "
                    "(rfm = \"Champions\"). Give either this or 'conditions'.")
    conditions: Condition | Group | None = Field(
        default=None,
        description="The rule as structured conditions instead of text: one condition "
                    "{column, op, value}, or {all_of: [...]} (and) / {any_of: [...]} (or), "
                    "which can nest.")
    top: TopN | None = Field(
        default=None,
        description="Keep only the top customers by a metric, e.g. {metric: 'revenue', "
                    "share: 0.1} for the top 10% or {metric: 'orders', n: 100}.")
    segment: str | None = Field(
        default=None, min_length=1, max_length=200,
        description="Start from a saved segment, e.g. 'Champions' or 'rfm/Champions'; the "
                    "rule then narrows it down.")

    @model_validator(mode="after")
    def _one_rule(self) -> DefineSegmentParams:
        if self.filter and self.conditions is not None:
            raise ValueError("give the rule either as 'filter' text or as 'conditions', "
                             "not both")
        return self


def rule_of(p: DefineSegmentParams) -> Filter:
    """The typed rule from either form of input."""
    rule = parse_filter(p.filter) if p.filter else Filter(where=p.conditions)
    if p.top is not None:
        if rule.top is not None:
            raise ToolError("The filter text already has a 'top … by …' clause; give the top "
                            "either in the text or in 'top', not both.")
        rule = Filter(where=rule.where, top=p.top)
    return rule


@tool("define_segment", DefineSegmentParams)
def define_segment(ws: Workspace, p: DefineSegmentParams) -> Result:
    rule = rule_of(p)
    if p.name:
        check_name_is_free(ws, p.name)
    table = customer_table(ws)
    within = resolve_segment(ws, p.segment)[2] if p.segment else None
    selection = select(table, rule, within)
    canonical = filter_text(selection.rule)
    warnings = list(selection.warnings)
    facts = segment_facts(table, selection.mask)
    if p.name:
        if selection.ids.empty:
            warnings.append(f"Not saved: an empty segment cannot be saved as '{p.name}'. "
                            "Loosen the rule and try again.")
        else:
            _save(ws, p.name, selection, canonical, p.segment)
            facts["saved_as"] = Fact(p.name, "", "saved as")
    if selection.rule.where is None and selection.rule.top is None and not p.segment:
        warnings.append("No rule was given, so every customer is included. Give a filter "
                        "such as 'age between 25 and 40' to narrow it down.")
    if selection.ids.empty:
        warnings.insert(0, "No customer matches this rule. Check the values, or loosen it.")
    members = member_table(table, selection)
    notes = [f"Filter: {canonical}"]
    if p.segment:
        notes.append(f"Within the saved segment '{p.segment}'.")
    notes.append(MISSING_NOTE)
    if selection.rule.top is not None:
        notes.append(TIES_NOTE)
    return Result(
        table=members,
        facts=facts,
        summary=say(_template(facts), facts),
        provenance=Provenance(tool="define_segment", datasets=list(table.datasets),
                              rows_in=table.customers, rows_out=len(members), notes=notes),
        warnings=warnings,
    )


def segment_facts(table: CustomerTable, mask: np.ndarray) -> dict[str, Fact]:
    """Size, share of customers and, when there are orders, revenue figures of a group."""
    count = int(mask.sum())
    total = table.customers
    small = 0 < count < MIN_RELIABLE
    facts = {
        "customers": Fact(count, "customers", "customers in the segment"),
        "share_of_customers": Fact(count / total if total else 0.0, "share",
                                   "share of all customers"),
        "all_customers": Fact(total, "customers", "customers in the data"),
    }
    if not table.has_orders:
        return facts
    frame = table.frame
    revenue_all = float(frame["revenue"].sum())
    picked = frame.loc[mask, ["revenue", "orders"]]
    revenue = float(picked["revenue"].sum())
    orders = float(picked["orders"].sum())
    facts["revenue"] = Fact(revenue, "currency", "revenue from the segment")
    facts["revenue_share"] = Fact(revenue / revenue_all if revenue_all else 0.0, "share",
                                  "share of all revenue")
    if count:
        facts["avg_revenue_per_customer"] = Fact(
            revenue / count, "currency", "average revenue per customer", low_confidence=small)
    if orders:
        facts["avg_order_value"] = Fact(revenue / orders, "currency", "average order value",
                                        low_confidence=small)
    return facts


def member_table(table: CustomerTable, selection: Selection) -> pd.DataFrame:
    """customer_id, the columns the rule used, then key behaviour columns; never PII."""
    columns = shown_columns(table, selection.used_columns)
    frame = table.frame.loc[selection.mask, columns]
    top = selection.rule.top
    if top is not None and top.metric in frame.columns:
        frame = frame.sort_values(top.metric, ascending=top.ascending, kind="stable")
    return frame.reset_index().rename(columns={"index": ID})


def _template(facts: dict[str, Fact]) -> str:
    if facts["customers"].value == 0:
        text = "No customer matches this rule."
    elif "revenue_share" in facts:
        text = ("{customers} match this rule ({share_of_customers} of all customers); "
                "they bring {revenue_share} of revenue.")
    else:
        text = "{customers} match this rule ({share_of_customers} of all customers)."
    if "saved_as" in facts:
        text += " Saved as the segment {saved_as}."
    return text


def check_name_is_free(ws: Workspace, name: str) -> None:
    """Refuse names that would replace or hide a segment saved by another tool."""
    for other, entry in saved(ws).items():
        if other.lower() == name.lower() and entry.get("kind") != RULE_KIND:
            raise ToolError(
                f"'{name}' is already the name of a saved {entry.get('kind')} segmentation; "
                "choose another name for this segment.")
        labels = {str(label).lower() for label in entry.get("sizes", {})}
        if other.lower() != name.lower() and name.lower() in labels:
            raise ToolError(
                f"'{name}' is already a segment in '{other}'; choose another name so the "
                "two are not confused.")


def _save(ws: Workspace, name: str, selection: Selection, canonical: str,
          base: str | None) -> None:
    """Save as a one-label segmentation (kind "rule") whose label is its name."""
    labels = pd.Series(name, index=pd.Index(selection.ids.astype(str), name=ID), name="segment")
    save_segmentation(ws, Segmentation(
        name=name,
        kind=RULE_KIND,
        labels=labels,
        parameters={"filter": canonical, "segment": base,
                    "rule": selection.rule.model_dump(mode="json", exclude_none=True)},
        description=canonical,
    ))
