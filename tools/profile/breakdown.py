"""A number broken down by one or two columns: revenue by region, median age by income band.

The metric is a count, a share, a sum, a mean or a median of a measure, per group, or a
rate: the share of customers (or orders) whose yes/no measure counts ("churn rate by
contract" = share of customers with Churn = Yes within each contract; which value counts
is read from the column, see `tools.yesno`).
It runs at the customer level (one row per customer: attributes and behaviour) or at
the order level (one row per purchase with the buyer's attributes) — chosen from the
columns asked for: an order column such as product_category or amount, or a time part
of the order date ("month", "quarter", "year", "season", "weekday", "month_of_year"),
means the order level. At the order level, "revenue" is the sum of order amounts,
"orders" counts orders, "avg_order_value" is the mean order amount, and a mean or
median of revenue, orders or a customer attribute is taken over each group's customers.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from pydantic import ConfigDict, Field, field_validator

from tools.alternatives import orders_needed
from tools.errors import ToolError
from tools.order_lines import ORDER_KEY
from tools.profile import charts
from tools.profile.grouping import Key, fold_rare, key_for, kind_of
from tools.profile.row_breakdown import breakdown_rows
from tools.profile.rows import choose_row_table
from tools.profile.source import CUSTOMER, ORDER, ColumnRef, ProfileSource, unit_for
from tools.profile.table import aggregate, describe_value, finish, group_facts
from tools.registry import ToolParams, tool
from tools.result import MIN_RELIABLE, Fact, Provenance, Result, say
from tools.workspace import Workspace
from tools.yesno import YesNo, read_yes_no

Metric = Literal["count", "share", "sum", "mean", "median", "rate"]
PER_CUSTOMER = ("revenue", "orders")
"""Behaviour recomputed per group at the order level (revenue in the month, not in total)."""


class BreakdownParams(ToolParams):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"by": ["region"], "metric": "sum", "measure": "revenue"},
        {"by": ["quarter"], "metric": "count", "measure": "orders"},
        {"by": ["Contract"], "metric": "rate", "measure": "Churn"}]})

    by: list[str] = Field(
        description="One or two columns to group by, e.g. ['region'] or ['region', 'gender']. "
        "'month', 'quarter', 'year', 'season', 'weekday' or 'month_of_year' mean the order "
        "date's; 'signup_date:quarter' groups a date column by a period. Numbers such as age "
        "are cut into bands automatically.")
    metric: Metric = Field(
        "count", description="count: how many customers (or orders); share: each group's part "
        "of the total; sum, mean or median of the measure; rate: the share of customers whose "
        "yes/no measure is yes within each group (churn rate by contract: metric='rate', "
        "measure='Churn', by=['Contract']).")
    measure: str | None = Field(
        None, description="The number to add up or average, e.g. 'revenue', 'amount', "
        "'orders', 'avg_order_value', 'age'. Not needed for count; with share it gives each "
        "group's share of that total (e.g. share of revenue). With rate, a yes/no column "
        "such as 'Churn', 'Exited' or 'Response'.")
    rate_value: str | None = Field(
        None, description="With rate: the value that counts, e.g. 'Yes' or 'Churned'. Empty = "
        "the positive one (yes, true, 1, churned, exited, responded…).")
    level: Literal["auto", "customers", "orders"] = Field(
        "auto", description="auto picks orders when an order column or order-date period is "
        "used, else customers.")
    dataset: str | None = Field(
        None, description="A workspace dataset whose rows to break down, e.g. a reviews or "
        "tickets table: each row is one unit (average rating by variation, reviews per "
        "rating). Empty = customers and orders, or the only other table with these columns.")
    segment: str | None = Field(None, description="Only customers of this saved segment.")
    start: str | None = Field(None, description="Only orders on or after this date (YYYY-MM-DD).")
    end: str | None = Field(None, description="Only orders on or before this date (YYYY-MM-DD).")
    top: int | None = Field(
        None, ge=1, le=500, description="Keep the N groups with the highest value and put the "
        "rest in 'Other' (text columns only; periods and bands are never folded).")

    @field_validator("by", mode="before")
    @classmethod
    def _one_or_two(cls, value: object) -> object:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list | tuple) and not 1 <= len(value) <= 2:
            shown = ", ".join(str(v) for v in value) or "none"
            raise ValueError(
                f"break down by one or two columns at a time (you gave {len(value)}: "
                f"{shown}). Pick the two that matter most, or run it more than once")
        return value


@tool("breakdown", BreakdownParams)
def breakdown(ws: Workspace, p: BreakdownParams) -> Result:
    rows_table = choose_row_table(ws, p.dataset, p.by, p.measure)
    if rows_table is not None:
        return breakdown_rows(rows_table, p)
    src = ProfileSource(ws, p.segment, p.start, p.end)
    refs = [src.locate(name) for name in p.by]
    if len(refs) == 2 and refs[0] == refs[1]:
        raise ToolError("Choose two different columns to break down by.")
    if p.metric == "rate" and not p.measure:
        raise ToolError("Say which yes/no column to take the rate of, e.g. measure='Churn' "
                        "for the churn rate. For how many customers, use metric='count'.")
    if p.metric in ("sum", "mean", "median") and not p.measure:
        raise ToolError(f"Say which number to take the {p.metric} of, e.g. measure='revenue' "
                        "or measure='age'. For how many customers, use metric='count'.")
    measure = p.measure.strip() if p.measure else None
    measure_ref = _measure_ref(src, measure, p.metric)
    level = _level(p.level, refs, measure_ref, measure, p.metric)
    if level == CUSTOMER and any(r.level == ORDER for r in [*refs, measure_ref] if r):
        raise ToolError("An order column or order period needs level='orders' (or 'auto'); "
                        "at the customer level use behaviour such as 'revenue' or 'orders'.")
    reader = _Reader(p.metric, p.rate_value, src)
    rows, keys, x_name, per_customer, count_unit = _rows(src, refs, measure_ref, measure,
                                                        reader, level)
    names = [_unique_label(ref, i, refs) for i, ref in enumerate(refs)]
    notes = _missing_notes(rows, keys, names, count_unit)
    present = pd.concat([k.values for k in keys], axis=1).notna().all(axis=1)
    rows = rows[present.to_numpy()]
    keys = [Key(k.values[present], k.natural_order, k.how) for k in keys]
    if p.metric == "rate":
        rows, keys, notes = _known_only(rows, keys, notes, measure_ref, count_unit)
    if rows.empty:
        raise ToolError(f"No {count_unit} have a value for {' and '.join(names)}.")
    if p.top is not None:
        keys, folded = _fold(rows, keys, p, x_name, per_customer)
        notes += folded
    x = None if x_name is None else rows[x_name]
    overall_x = None
    if per_customer and level == ORDER and measure_ref.name not in PER_CUSTOMER:
        overall_x = rows.groupby("customer_id")["x"].first()  # each customer once
    table, overall = aggregate(rows, keys, names, x, p.metric, per_customer,
                               count_unit == "customers", overall_x)
    value_unit = _value_unit(p.metric, measure, measure_ref, count_unit)
    what = describe_value(p.metric, measure, count_unit)
    if reader.yes_no is not None:
        what = reader.yes_no.rate_label(measure_ref.label, count_unit)
    table, facts = finish(table, names, keys, overall, p.metric, value_unit, what)
    if p.metric == "rate":
        facts.update(group_facts(table, names, value_unit, what))
    facts["customers"] = Fact(int(rows["customer_id"].nunique()), "customers",
                              "customers in the breakdown")
    chart = charts.breakdown_chart(
        table, names, [k.how in ("month", "quarter", "year") for k in keys], what, p.metric)
    if reader.yes_no is not None:
        notes.append(f"Rate = {what} (rows where {measure_ref.label} is "
                     f"'{reader.yes_no.counted}' ÷ {count_unit} with a value), per group.")
    notes += [f"{name}: {key.how}" for name, key in zip(names, keys, strict=True)
              if key.how not in ("categories",)]
    notes.append(f"Computed at the {level} level.")
    if src.segment_label:
        notes.append(f"Only customers in the segment '{src.segment_label}'.")
    return Result(
        table=table, facts=facts, summary=say(_template(p.metric), facts), chart=chart,
        provenance=Provenance(tool="breakdown", datasets=src.datasets, rows_in=len(rows),
                              rows_out=len(table), notes=notes),
        warnings=_warnings(facts),
    )


def _warnings(facts: dict[str, Fact]) -> list[str]:
    small = int(facts["low_confidence_groups"].value)
    if not small:
        return []
    left_out = int(facts["groups"].value) > small  # the highest and lowest are named from
    return [f"{small} group(s) rest on fewer than {MIN_RELIABLE} customers; their figures are "
            "marked low_confidence" + (" and they are not counted when the highest and lowest "
                                       "groups are named." if left_out else ".")]


def _measure_ref(src: ProfileSource, measure: str | None, metric: str) -> ColumnRef | None:
    if measure is None or measure.lower() in ("customers", "buyers"):
        if measure and metric in ("sum", "mean", "median"):
            raise ToolError(f"Customers can be counted, not added up: use metric='count' or "
                            f"'share' with measure='{measure}'.")
        return None
    return src.locate(measure)


def _level(asked: str, refs: list[ColumnRef], measure_ref: ColumnRef | None,
           measure: str | None, metric: str) -> str:
    if asked != "auto":
        return CUSTOMER if asked == "customers" else ORDER
    order_only = any(r.level == ORDER for r in refs) or (
        measure_ref is not None and measure_ref.level == ORDER)
    counting_orders = metric in ("count", "share") and measure == "orders"
    return ORDER if order_only or counting_orders else CUSTOMER


class _Reader:
    """Turns the measure column into numbers: as it is, or 1/0 for a rate's yes/no column."""

    def __init__(self, metric: str, rate_value: str | None, src: ProfileSource) -> None:
        self.metric = metric
        self.rate_value = rate_value
        self.src = src
        self.yes_no: YesNo | None = None

    def __call__(self, series: pd.Series, name: str) -> pd.Series:
        if self.metric != "rate":
            return _numeric(series, name, self.metric, self.src)
        if name in (*PER_CUSTOMER, "avg_order_value", "amount"):
            raise ToolError(f"A rate needs a yes/no column such as a churn or response flag; "
                            f"'{name}' is a number. Use metric='mean' for its average.")
        self.yes_no = read_yes_no(series, name, self.rate_value)
        return self.yes_no.values


def _known_only(rows: pd.DataFrame, keys: list[Key], notes: list[str],
                measure_ref: ColumnRef, unit: str) -> tuple[pd.DataFrame, list[Key], list[str]]:
    """A rate rests on the rows whose yes/no column has a value; the others are left out."""
    known = rows["x"].notna()
    if known.all():
        return rows, keys, notes
    notes = [*notes, f"{int((~known).sum()):,} {unit} without a value for "
             f"{measure_ref.label} are left out of the rate."]
    return rows[known], [Key(k.values[known.to_numpy()], k.natural_order, k.how)
                         for k in keys], notes


def _rows(src: ProfileSource, refs: list[ColumnRef], measure_ref: ColumnRef | None,
          measure: str | None, reader: _Reader, level: str
          ) -> tuple[pd.DataFrame, list[Key], str | None, bool, str]:
    """The rows to aggregate, their group keys, the measure column and the count unit."""
    metric = reader.metric
    if level == CUSTOMER:
        columns = [r.name for r in refs] + ([measure_ref.name] if measure_ref else [])
        view = src.customer_view(columns)
        rows = pd.DataFrame({"customer_id": np.arange(len(view))}, index=view.index)
        keys = [key_for(view[r.name], r.name, r.part) for r in refs]
        x_name = None
        if measure_ref is not None and metric != "count":
            rows["x"] = reader(view[measure_ref.name], measure_ref.name).to_numpy()
            x_name = "x"
        return rows, keys, x_name, True, "customers"
    if src.orders is None:
        raise ToolError(orders_needed(src.ws, "A breakdown by order date, order columns or "
                                      "order counts") + " Or use level='customers'.")
    name = measure_ref.name if measure_ref else None
    count_customers = measure is not None and measure.lower() in ("customers", "buyers")
    if metric == "rate" and name is not None:
        reader(pd.Series([1.0]), name)  # a rate of revenue or orders is refused here
    if name in ("revenue", "avg_order_value") and not (name == "revenue" and
                                                       metric in ("mean", "median")):
        name = "amount"
    per_customer = metric in ("mean", "median", "rate") and name is not None and (
        name in PER_CUSTOMER or name not in src.order_columns)
    wanted = [r.name for r in refs] + ([name] if name and name not in PER_CUSTOMER else [])
    if name == "revenue":
        wanted.append("amount")
    view = src.order_view(wanted)
    keys = [key_for(view[r.name], r.name, r.part) for r in refs]
    rows = pd.DataFrame({"customer_id": view["customer_code"].to_numpy()}, index=view.index)
    if ORDER_KEY in view.columns:
        rows[ORDER_KEY] = view[ORDER_KEY].to_numpy()
    if (name == "orders" and not per_customer) or name is None or metric == "count":
        return rows, keys, None, False, "customers" if count_customers else "orders"
    if per_customer:
        return _per_customer(view, keys, name, reader)
    rows["x"] = reader(view[name], name).to_numpy()
    return rows, keys, "x", False, "orders"


def _per_customer(view: pd.DataFrame, keys: list[Key], name: str, reader: _Reader
                  ) -> tuple[pd.DataFrame, list[Key], str, bool, str]:
    """One row per group and customer: their revenue or orders in the group, or an attribute."""
    frame = pd.DataFrame({f"k{i}": k.values.array for i, k in enumerate(keys)})
    frame["c"] = view["customer_code"].to_numpy()
    if name == "revenue":
        frame["x"] = view["amount"].to_numpy(float)
    elif name == "orders":
        frame["x"] = 1.0
    else:
        frame["x"] = reader(view[name], name).to_numpy()
    how = "first" if name not in PER_CUSTOMER else "sum"
    grouped = frame.groupby([*frame.columns[:-2], "c"], observed=True, sort=False)["x"]
    per = grouped.agg(how).reset_index()
    new_keys = []
    for i, key in enumerate(keys):
        values = per[f"k{i}"].astype(key.values.dtype)
        new_keys.append(Key(values.reset_index(drop=True), key.natural_order, key.how))
    rows = pd.DataFrame({"customer_id": per["c"].to_numpy(), "x": per["x"]})
    return rows, new_keys, "x", True, "customers"


def _numeric(series: pd.Series, name: str, metric: str, src: ProfileSource) -> pd.Series:
    kind = kind_of(series)
    if kind == "boolean":
        return series.map({True: 1.0, False: 0.0}).astype(float)
    if kind == "numeric":
        return pd.to_numeric(series, errors="coerce").astype(float)
    example = series.dropna().astype(str).head(1).tolist()
    numbers = [c for c in ("revenue", "orders", "avg_order_value") if src.orders is not None]
    if src.customers is not None:
        numbers += [c for c in src.customers.columns if kind_of(src.customers[c]) == "numeric"]
    shown = ", ".join(f"'{c}'" for c in numbers[:6]) or "a numeric column"
    what = "dates" if kind == "datetime" else "text" + (f" (e.g. '{example[0]}')"
                                                           if example else "")
    if kind == "category" and series.dropna().nunique() == 2:
        raise ToolError(f"'{name}' holds two values ({_two(series)}), so it has no {metric}. "
                        f"For the share of customers with each value use metric='rate' with "
                        f"measure='{name}' (e.g. churn rate by a column).")
    raise ToolError(f"'{name}' holds {what}, so its {metric} cannot be taken. Group by it "
                    f"with metric='count' or 'share' instead, or use a number such as {shown}.")


def _two(series: pd.Series) -> str:
    return " and ".join(f"'{v}'" for v in series.dropna().astype(str).unique()[:2])


def _fold(rows: pd.DataFrame, keys: list[Key], p: BreakdownParams, x_name: str | None,
          per_customer: bool) -> tuple[list[Key], list[str]]:
    """Keep the top groups of each text column; the rest become 'Other'."""
    notes = []
    out = []
    for key in keys:
        if key.natural_order or key.values.cat.categories.size <= p.top:
            out.append(key)
            continue
        if len(keys) == 1 and x_name is not None:
            frame = pd.DataFrame({"k": key.values.to_numpy(), "x": rows[x_name].to_numpy()})
            how = {"share": "sum", "rate": "mean"}.get(p.metric, p.metric)
            ranked = frame.groupby("k", observed=True)["x"].agg(how)
        else:
            ranked = key.values.value_counts()
        keep = ranked.sort_values(ascending=False).head(p.top).index.astype(str).tolist()
        out.append(fold_rare(key, keep))
        notes.append(f"Only the top {p.top} groups are shown; the rest are in 'Other'.")
    return out, notes


def _missing_notes(rows: pd.DataFrame, keys: list[Key], names: list[str],
                   unit: str) -> list[str]:
    notes = []
    for name, key in zip(names, keys, strict=True):
        missing = int(key.values.isna().sum())
        if missing:
            notes.append(f"{missing:,} {unit} without a value for {name} are left out.")
    return notes


def _unique_label(ref: ColumnRef, i: int, refs: list[ColumnRef]) -> str:
    label = ref.label
    others = [r.label for j, r in enumerate(refs) if j != i]
    return f"{label} ({i + 1})" if label in others else label


def _value_unit(metric: str, measure: str | None, ref: ColumnRef | None,
                count_unit: str) -> str:
    if metric == "count":
        return count_unit
    if metric in ("share", "rate"):
        return "share"
    name = ref.name if ref else (measure or "")
    if name == "orders" and metric in ("mean", "median"):
        return ""
    return unit_for(name)


def _template(metric: str) -> str:
    if metric == "count":
        return ("By {grouped_by}, the largest group is {top_group} with {top_value} "
                "({top_group_share} of the total), out of {groups} groups.")
    if metric == "share":
        return ("By {grouped_by}, {top_group} has the largest {what}: {top_value}, "
                "out of {groups} groups.")
    if metric == "sum":
        return ("By {grouped_by}, {top_group} has the highest {what}: {top_value} "
                "({top_group_share} of the total {overall_value}).")
    return ("By {grouped_by}, {top_group} has the highest {what}: {top_value} against "
            "{overall_value} overall; the lowest is {bottom_group} with {bottom_value}.")
