"""`compare_segments` on a customers-only workspace: sizes and customer attributes, no orders.

The same call as with orders ("Month-to-month high payers vs everyone else"), answered
from the customers table alone: each side's size and share of customers, then means,
rates and shares of the customer columns (see `tools.health.attributes`). The summary
names the attribute on which the two sides differ most.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from tools.alternatives import missing_tables
from tools.data import load_customers, roles_of
from tools.errors import ToolError
from tools.health.attributes import attribute_rows, rule_columns
from tools.result import MIN_RELIABLE, Fact, Provenance, Result, say
from tools.segments import saved
from tools.workspace import Workspace

Side = tuple[str, str, pd.Index]
"""(segmentation, segment name, member ids)."""
CHART_ROWS = 12


def compare_attributes(ws: Workspace, first: Side, second: Side | None) -> Result:
    """Compare two segments (or one against everyone else) on customer columns only."""
    try:
        customers, dataset = load_customers(ws)
    except ToolError as exc:
        raise ToolError(missing_tables(ws)) from exc
    seg_a, name_a, ids_a = first
    ids_a = pd.Index(ids_a).astype(str)
    if second is None:
        seg_b, name_b = "", "everyone else"
        ids_b = customers.index.difference(ids_a)
        if ids_b.empty:
            raise ToolError(f"'{name_a}' holds every customer, so there is no one to compare "
                            "it with. Name a second segment.")
    else:
        seg_b, name_b, ids_b = second
        ids_b = pd.Index(ids_b).astype(str)
    ids_a = ids_a.intersection(customers.index)
    ids_b = ids_b.intersection(customers.index)
    for name, ids in ((name_a, ids_a), (name_b, ids_b)):
        if ids.empty:
            raise ToolError(f"None of the customers in '{name}' are in the customers table "
                            f"'{dataset}', so there is nothing to compare.")
    attributes = attribute_rows(customers, roles_of(ws, dataset), ids_a, ids_b)
    total = len(customers)
    sizes = pd.DataFrame([
        {"metric": "customers", "label": "customers", "unit": "customers", "a": len(ids_a),
         "b": len(ids_b), "overall": total},
        {"metric": "customer_share", "label": "share of customers", "unit": "share",
         "a": len(ids_a) / total, "b": len(ids_b) / total, "overall": 1.0},
    ]).assign(difference=lambda t: t["a"] - t["b"])
    ranked = attributes.reindex(attributes["effect"].abs().sort_values(
        ascending=False, kind="stable").index)
    table = pd.concat([sizes, ranked.drop(columns="column")], ignore_index=True)
    defining = set().union(*(rule_columns(saved(ws).get(seg, {})) for seg in (seg_a, seg_b)
                             if seg))
    facts = _facts(table, _beyond(ranked, defining), name_a, name_b)
    notes = ["No orders table: the segments are compared on the customers table's columns "
             "(means of numbers, rates of yes/no columns, shares of each value), each over "
             "the members with a value, ranked by the size of the difference in standard "
             "deviations."]
    if defining & set(ranked["column"]):
        notes.append("The biggest difference is named among columns other than the rules' own ("
                     + ", ".join(sorted(defining)) + "), which differ by definition.")
    overlap = ids_a.intersection(ids_b)
    if len(overlap):
        notes.append(f"{len(overlap):,} customers are in both segments and count in each.")
    where = [s for s in (seg_a, seg_b) if s]
    notes.append("Segments from " + " and ".join(f"'{s}'" for s in dict.fromkeys(where)) + ".")
    warnings = [f"'{n}' has fewer than {MIN_RELIABLE} customers; its figures are marked "
                "low_confidence." for n, ids in ((name_a, ids_a), (name_b, ids_b))
                if len(ids) < MIN_RELIABLE]
    return Result(
        table=table, facts=facts,
        summary=say("{a_name} ({a_customers}) and {b_name} ({b_customers}) differ most in "
                    "{biggest_difference}: {a_biggest} against {b_biggest} "
                    "({overall_biggest} overall).", facts),
        chart=_chart(ranked.head(CHART_ROWS), name_a, name_b),
        tables={"segments": pd.DataFrame({"side": ["a", "b"], "segment": [name_a, name_b],
                                          "segmentation": [seg_a, seg_b or "(the rest)"]})},
        provenance=Provenance("compare_segments", [dataset], rows_in=total,
                              rows_out=len(table), notes=notes),
        warnings=warnings,
    )


def _facts(table: pd.DataFrame, ranked: pd.DataFrame, name_a: str, name_b: str
           ) -> dict[str, Fact]:
    low = {"a": bool(table.at[0, "a"] < MIN_RELIABLE), "b": bool(table.at[0, "b"] < MIN_RELIABLE)}
    facts = {"a_name": Fact(name_a, "", "first segment"),
             "b_name": Fact(name_b, "", "second segment")}
    known = ranked[ranked["effect"].notna()]
    top = known.iloc[0] if len(known) else ranked.iloc[0]
    facts["biggest_difference"] = Fact(str(top["label"]), "", "where the two differ most")
    names = {"a": name_a, "b": name_b, "overall": "everyone"}
    for side in ("a", "b", "overall"):  # first, so they lead the answer's key numbers
        facts[f"{side}_biggest"] = Fact(float(top[side]), str(top["unit"]),
                                        f"{top['label']}: {names[side]}",
                                        side != "overall" and low[side])
    for row in table.itertuples():
        for side, name in (("a", name_a), ("b", name_b)):
            value = getattr(row, side)
            if pd.notna(value):
                value = int(value) if row.unit == "customers" else float(value)
                facts[f"{side}_{row.metric}"] = Fact(value, row.unit, f"{row.label}: {name}",
                                                     low[side])
        facts[f"overall_{row.metric}"] = Fact(
            int(row.overall) if row.unit == "customers" else float(row.overall), row.unit,
            f"{row.label}: everyone")
    return facts


def _beyond(ranked: pd.DataFrame, defining: set[str]) -> pd.DataFrame:
    """Rows of columns the segments were not defined on, when there are any."""
    other = ranked[~ranked["column"].isin(defining)]
    return other if len(other) else ranked


def _chart(rows: pd.DataFrame, name_a: str, name_b: str) -> go.Figure:
    figure = go.Figure([
        go.Bar(y=rows["label"], x=rows["a_lift"], name=name_a, orientation="h"),
        go.Bar(y=rows["label"], x=rows["b_lift"], name=name_b, orientation="h"),
    ])
    figure.add_vline(x=1.0, line_dash="dot", line_color="grey")
    figure.update_layout(barmode="group", title=f"{name_a} vs {name_b}: each attribute ÷ "
                         "everyone (1 = average)", xaxis={"title": "lift against everyone"},
                         yaxis={"autorange": "reversed"})
    return figure
