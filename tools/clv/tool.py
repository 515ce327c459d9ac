"""The `clv` tool: what each customer is worth, looking back and looking ahead.

Predictive value (the default) = expected purchases over the horizon (BG/NBD) × expected
spend per purchase (Gamma-Gamma), each month's expected purchases discounted to today at
the monthly equivalent of `discount_rate_annual` (a rate of 0 gives the simple product;
see `tools.clv.value`). Historical value = average order value × purchases per year × average
customer lifespan (`tools.features.historical_clv`).

How much data a prediction needs is stated in every result (`tools.clv.minimums`: 180 days
of order history, 500 customers who ordered, 100 who bought more than once). Below that the
prediction carries a warning; far below (under 90 days, 100 customers or 30 repeat buyers)
it is declined and historical value is shown instead, saying what is missing.

The models always learn from every customer (more data, steadier estimates); `segment`
only narrows what is shown.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from pydantic import Field

from tools.clv import report
from tools.clv.gamma_gamma import usable
from tools.clv.minimums import check_data, history_days, warnings_for
from tools.clv.summary import history_features, purchase_summary
from tools.clv.value import ClvModel, predict_clv
from tools.data import date_window, is_member, load_orders, parse_date
from tools.errors import ToolError
from tools.features import historical_clv
from tools.registry import ToolParams, tool
from tools.result import Fact, Provenance, Result, say
from tools.segments import load_segmentation, resolve_segment
from tools.workspace import Workspace

COLUMNS = ["customer_id", "frequency", "recency", "T", "monetary", "prob_alive",
           "expected_purchases", "expected_avg_value", "predicted_clv", "historical_clv"]


class ClvParams(ToolParams):
    months: int = Field(
        12, ge=1, le=60,
        description="How many months ahead to predict each customer's value for (1 to 60). "
                    "12 = the next year.",
    )
    end_date: str | None = Field(
        None,
        description="Last day of purchase history to learn from, as YYYY-MM-DD. Orders after "
                    "it are ignored (useful to test predictions against what happened later). "
                    "Default: the last order date.",
    )
    discount_rate_annual: float = Field(
        0.10, ge=0.0, le=1.0,
        description="Yearly rate at which future money is discounted to today's value "
                    "(0.10 = 10% a year; 0 = no discounting).",
    )
    segment: str | None = Field(
        None,
        description="Only show customers in this saved segment, e.g. 'Champions' or "
                    "'rfm/Champions'. The models still learn from all customers.",
    )
    by_segmentation: str | None = Field(
        None,
        description="Name of a saved segmentation (e.g. 'rfm' or 'clusters') to break the value "
                    "down by its segments.",
    )
    method: Literal["predictive", "historical"] = Field(
        "predictive",
        description="'predictive' = future value from a buying and spending model (default); "
                    "'historical' = value from past orders only (average order value × "
                    "purchases per year × average customer lifespan).",
    )


@tool("clv", ClvParams)
def clv(ws: Workspace, p: ClvParams) -> Result:
    orders = load_orders(ws)
    # check the segment names first, so a typo does not wait for the models
    chosen = resolve_segment(ws, p.segment) if p.segment else None
    breakdown = load_segmentation(ws, p.by_segmentation).labels if p.by_segmentation else None
    end = parse_date(p.end_date, "the end date")
    if end is not None and end.normalize() < orders.start.normalize():
        date_window(orders, None, str(end.date()))  # raises, naming the data's date range
    end = (end if end is not None else orders.end).normalize()
    summary = purchase_summary(orders.frame, end)
    if summary.empty:
        date_window(orders, None, str(end.date()))
    table = summary[["frequency", "recency", "T", "monetary"]].copy()
    table["historical_clv"] = historical_clv(history_features(summary, end))

    warnings: list[str] = []
    notes = [
        orders.rule,
        "A purchase is a purchase day: several orders on one day count once.",
        "recency and T are in weeks; monetary is the mean value of repeat purchase days.",
    ]
    repeat = int(usable(summary["frequency"].to_numpy(), summary["monetary"].to_numpy()).sum())
    check = check_data(history_days(summary["first_order"].min(), end), len(summary), repeat,
                       p.months)
    notes.append(check.requirement())
    method = p.method
    model = None
    fell_back = method == "predictive" and not check.can_predict
    if fell_back:
        method = "historical"
    warnings += warnings_for(check, method, fell_back)
    if method == "predictive":
        predicted, model = predict_clv(summary, p.months, p.discount_rate_annual)
        table = table.join(predicted)
        warnings += model.warnings
        notes.append(
            f"Value over {p.months} months discounted at {p.discount_rate_annual:.0%} a year "
            "(monthly, end of month). Models fitted on "
            f"{len(summary)} customers ({model.repeat_customers} with repeat purchases).")
    else:
        for column in ("prob_alive", "expected_purchases", "expected_avg_value",
                       "predicted_clv"):
            table[column] = np.nan
    value = "predicted_clv" if method == "predictive" else "historical_clv"

    segment_note = ""
    if chosen is not None:
        seg_name, label, members = chosen
        table = table[is_member(table.index, members)]
        if table.empty:
            raise ToolError(
                f"None of the {len(members)} customers in '{label}' bought anything up to "
                f"{end.date()}. Choose another segment or a later end date.")
        segment_note = f"{seg_name}/{label}"
        notes.append(f"Shown for segment '{segment_note}' ({len(table)} buying customers).")
    table = table.sort_values([value, "historical_clv"], ascending=False, kind="stable")
    table = table.reset_index()[COLUMNS]

    segments = None
    tables: dict[str, pd.DataFrame] = {}
    if breakdown is not None:
        segments = report.by_segment(table.set_index("customer_id"), breakdown, value)
        tables["by_segment"] = segments

    facts = _facts(table, method, p, end, model, segments) | check.facts()
    facts["horizon_months"] = Fact(p.months, "count", "Months ahead")
    if segment_note:
        facts["segment"] = Fact(segment_note, "", "Segment shown")
    if method == "predictive":
        template = ("Over the next {horizon_months} months, {customers} are expected to bring "
                    "{total_predicted_value} ({mean_predicted_clv} each on average); "
                    "{share_likely_alive} are more likely active than not.")
        title = f"Predicted value per customer, next {p.months} months"
    else:
        template = ("Based on past orders, {customers} have an average historical lifetime "
                    "value of {mean_historical_clv} ({total_historical_value} in total).")
        title = "Historical lifetime value per customer"
    if "top_value_segment" in facts:
        template += (" '{top_value_segment}' holds the largest share of value "
                     "({top_value_segment_share}).")
    template += _data_sentence(fell_back, method, bool(check.below))
    return Result(
        table=table,
        facts=facts,
        summary=say(template, facts),
        provenance=Provenance(tool="clv", datasets=[orders.dataset], rows_in=orders.rows_in,
                              rows_out=len(table), notes=notes),
        chart=report.chart(table, value, segments, title),
        tables=tables,
        warnings=warnings,
    )


def _data_sentence(fell_back: bool, method: str, below: bool) -> str:
    """The summary's words about the minimum data (a template over the minimum facts)."""
    if fell_back:
        return (" No {horizon_months}-month prediction was made: it needs at least "
                "{min_history_days} of order history, {min_customers} who ordered and "
                "{min_repeat_customers} who bought more than once, and this data has "
                "{history_days}, {buyers:bare} who ordered and {repeat_buyers:bare} who bought "
                "more than once.")
    if below and method == "predictive":
        return (" This is less data than a reliable prediction needs ({min_history_days} of "
                "order history, {min_customers} who ordered, {min_repeat_customers} who "
                "bought more than once; here {history_days}, {buyers:bare} and "
                "{repeat_buyers:bare}), "
                "so treat it as rough.")
    return ""


def _facts(table: pd.DataFrame, method: str, p: ClvParams, end: pd.Timestamp,
           model: ClvModel | None, segments: pd.DataFrame | None) -> dict[str, Fact]:
    if model is not None:
        facts = report.predictive_facts(table, p.months)
        facts |= report.model_facts(model.purchases, model.spend)
        facts["horizon_months"] = Fact(p.months, "count", "Months ahead")
        facts["discount_rate_annual"] = Fact(p.discount_rate_annual, "share",
                                             "Yearly discount rate")
    else:
        facts = report.historical_facts(table)
    facts["method"] = Fact(method, "", "How value was estimated")
    facts["end_date"] = Fact(str(end.date()), "", "History used up to")
    if segments is not None:
        facts |= report.segment_facts(segments)
    return facts
