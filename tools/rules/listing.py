"""The `list_segments` tool: every saved segmentation and segment, with size and revenue share.

So a marketer (and the assistant) can see what already exists before asking about
"Champions" or "Young Californians", and how much each group weighs.
"""

from __future__ import annotations

import pandas as pd
from pydantic import Field

from tools.data import find_orders_dataset, load_customers, load_orders
from tools.errors import ToolError
from tools.registry import ToolParams, tool
from tools.result import MIN_RELIABLE, Fact, Provenance, Result, say
from tools.segments import list_segments as saved_segments
from tools.segments import load_segmentation, saved
from tools.workspace import Workspace

COLUMNS = ["segmentation", "segment", "kind", "customers", "share_of_customers", "revenue",
           "revenue_share", "definition", "low_confidence"]


class ListSegmentsParams(ToolParams):
    segmentation: str | None = Field(
        default=None, min_length=1, max_length=200,
        description="Show only the segments of this segmentation, e.g. 'rfm'. Leave empty "
                    "for all saved segments.")


@tool("list_segments", ListSegmentsParams)
def list_segments(ws: Workspace, p: ListSegmentsParams) -> Result:
    entries = saved(ws)
    names = list(entries)
    if p.segmentation:
        lowered = {n.lower(): n for n in names}
        if p.segmentation.lower() not in lowered:
            load_segmentation(ws, p.segmentation)  # raises with the closest names
        names = [lowered[p.segmentation.lower()]]
    revenue, total_customers, datasets = _revenue_and_base(ws)
    listing = saved_segments(ws)
    listing = listing[listing["segmentation"].isin(names)].reset_index(drop=True)
    parts = [_with_revenue(ws, name, listing[listing["segmentation"] == name], revenue)
             for name in names]
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)
    table["share_of_customers"] = (table["customers"].astype(float) / total_customers
                                   if total_customers else 0.0)
    total_revenue = float(revenue.sum()) if revenue is not None else 0.0
    if revenue is None:
        table = table.drop(columns=["revenue", "revenue_share"], errors="ignore")
    else:
        table["revenue_share"] = table["revenue"] / total_revenue if total_revenue else 0.0
    table["definition"] = [
        str(entries[name].get("parameters", {}).get("filter") or entries[name].get(
            "description") or "") for name in table["segmentation"]]
    table["low_confidence"] = table["customers"].astype(int) < MIN_RELIABLE
    table = table[[c for c in COLUMNS if c in table.columns]]
    facts = {
        "segmentations": Fact(len(names), "count", "saved segmentations"),
        "segments": Fact(len(table), "count", "saved segments"),
        "all_customers": Fact(total_customers, "customers", "customers in the data"),
    }
    template = ("{segments:bare} saved segments in {segmentations:bare} segmentations."
                if len(table) else "No segment is saved yet.")
    warnings = [] if len(table) else [
        "No segment is saved yet. Run RFM or clustering, or define a segment with a rule."]
    return Result(
        table=table,
        facts=facts,
        summary=say(template, facts),
        provenance=Provenance(tool="list_segments", datasets=datasets,
                              rows_in=int(table["customers"].sum()) if len(table) else 0,
                              rows_out=len(table),
                              notes=["Shares are of all customers and of all revenue "
                                     "(returns and cancellations excluded)."]),
        warnings=warnings,
    )


def _revenue_and_base(ws: Workspace) -> tuple[pd.Series | None, int, list[str]]:
    """Revenue per customer (None without orders) and how many customers there are."""
    datasets: list[str] = []
    ids = pd.Index([], dtype="str")
    try:
        customers, name = load_customers(ws)
    except ToolError:
        pass
    else:
        ids = customers.index
        datasets.append(name)
    revenue = None
    try:
        orders_name = find_orders_dataset(ws)
    except ToolError:
        orders_name = None
    if orders_name is not None:
        orders = load_orders(ws, orders_name)
        revenue = orders.frame.groupby("customer_id", sort=False)["amount"].sum()
        datasets.append(orders.dataset)
        if len(revenue.index.difference(ids)):
            ids = ids.union(revenue.index)
    return revenue, len(ids), datasets


def _with_revenue(ws: Workspace, name: str, rows: pd.DataFrame,
                  revenue: pd.Series | None) -> pd.DataFrame:
    rows = rows.copy()
    if revenue is None or rows.empty:
        rows["revenue"] = 0.0
        return rows
    labels = load_segmentation(ws, name).labels
    per_customer = revenue.reindex(labels.index).fillna(0.0)
    by_label = per_customer.groupby(labels.to_numpy()).sum()
    rows["revenue"] = rows["segment"].map(by_label).fillna(0.0).astype(float)
    return rows
