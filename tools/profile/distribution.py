"""How one column is distributed: counts and shares per value, band or period.

Numbers are cut into bands (age bands for ages, round equal-width steps otherwise, the
last band open so a few very large values do not stretch the chart) with mean, median
and quartiles; text shows its most common values with the rest as 'Other'; dates are
counted per month, quarter or year. Missing values are counted and left out of shares.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd
from pydantic import ConfigDict, Field

from tools.errors import ToolError
from tools.profile import charts
from tools.profile.grouping import Key, fold_rare, key_for, kind_of
from tools.profile.rows import RowTable, choose_row_table
from tools.profile.source import CUSTOMER, ORDER, ColumnRef, ProfileSource, unit_for
from tools.registry import ToolParams, tool
from tools.result import Fact, Provenance, Result, say
from tools.workspace import Workspace


class DistributionParams(ToolParams):
    model_config = ConfigDict(json_schema_extra={"examples": [{"column": "age"}]})

    column: str = Field(
        description="The column to describe, e.g. 'age', 'gender', 'region', 'revenue', "
        "'orders', or an order column such as 'product_category' or 'amount'. "
        "'signup_date:quarter' counts a date column per quarter.")
    table: Literal["auto", "customers", "orders"] = Field(
        "auto", description="customers: one value per customer (attributes and behaviour); "
        "orders: one value per order; auto: customers when the column is there, else orders.")
    top: int = Field(10, ge=2, le=100,
                     description="For text columns, how many values to list before 'Other'.")
    bins: int | None = Field(None, ge=2, le=50,
                             description="For numbers, about how many bands (default: automatic"
                             "; ages use age bands).")
    dataset: str | None = Field(
        None, description="A workspace dataset whose rows to describe, e.g. a reviews or "
        "tickets table (reviews per rating). Empty = customers and orders, or the only "
        "other table with this column.")
    segment: str | None = Field(None, description="Only customers of this saved segment.")
    start: str | None = Field(None, description="Only orders on or after this date (YYYY-MM-DD).")
    end: str | None = Field(None, description="Only orders on or before this date (YYYY-MM-DD).")


@tool("distribution", DistributionParams)
def distribution(ws: Workspace, p: DistributionParams) -> Result:
    rows_table = choose_row_table(ws, p.dataset, [p.column])
    if rows_table is not None:
        series, ref, unit, count_unit, notes, datasets = _row_column(rows_table, p)
        head = "In '{dataset}' ({rows} " + unit + "): "
    else:
        series, ref, unit, notes, datasets = _profile_column(ws, p)
        count_unit, head = unit, ""
    label = ref.label
    key = key_for(series, ref.name, ref.part, purpose="histogram", bins=p.bins)
    kind = "datetime" if ref.part else kind_of(series)
    if kind in ("category", "boolean") and key.values.cat.categories.size > p.top:
        counts = key.values.value_counts()
        ranked = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
        key = fold_rare(key, [str(value) for value, _ in ranked[: p.top]])
    table = _counts(key, label, kind)
    missing = int(series.isna().sum())
    facts: dict[str, Fact] = {
        "column": Fact(label, "", "the column described"),
        "count": Fact(int(series.notna().sum()), count_unit, f"{unit} with a value"),
        "missing": Fact(missing, count_unit, f"{unit} without a value"),
    }
    if rows_table is not None:
        facts["dataset"] = Fact(rows_table.dataset, "", "the dataset used")
        facts["rows"] = Fact(len(series), "count", f"{unit} in the table")
    if kind == "numeric":
        value_unit = unit_for(ref.name)
        facts.update(_numeric_facts(series, "count" if value_unit == "orders" else value_unit))
        template = ("{column} ranges from {min} to {max}; the median is {median} and the "
                    "middle half lies between {q1} and {q3} ({count} with a value).")
    elif kind == "datetime":
        dates = pd.to_datetime(series)
        facts["first_date"] = Fact(str(dates.min().date()), "", "earliest date")
        facts["last_date"] = Fact(str(dates.max().date()), "", "latest date")
        facts.update(_top_facts(table, label))
        template = ("{column} runs from {first_date} to {last_date}; the busiest period is "
                    "{most_common} with {most_common_share} of {count}.")
    else:
        facts.update(_top_facts(table, label))
        facts["distinct_values"] = Fact(int(series.nunique()), "count", "different values")
        template = ("The most common {column} is {most_common} ({most_common_share} of "
                    "{count} with a value), out of {distinct_values} different values.")
    notes += [f"Bands: {key.how}."] if kind == "numeric" else []
    if missing:
        notes.append(f"{missing:,} {unit} without a value are left out of the shares.")
    chart = (charts.line if kind == "datetime" else charts.bars)(
        table, label, "share", f"Distribution of {label}", f"share of {unit}", as_share=True)
    return Result(
        table=table, facts=facts, summary=say(head + template, facts), chart=chart,
        provenance=Provenance(tool="distribution", datasets=datasets, rows_in=len(series),
                              rows_out=len(table), notes=notes),
    )


def _profile_column(ws: Workspace, p: DistributionParams
                    ) -> tuple[pd.Series, ColumnRef, str, list[str], list[str]]:
    """The column from the customer or order view, its unit, notes and datasets."""
    src = ProfileSource(ws, p.segment, p.start, p.end)
    ref = src.locate(p.column)
    if p.table == "customers" and ref.level == ORDER:
        raise ToolError(f"'{ref.name}' is a column of the orders, not of the customers. "
                        "Use table='orders'.")
    level = ORDER if p.table == "orders" or ref.level == ORDER else CUSTOMER
    if level == ORDER and src.orders is None:
        raise ToolError("This workspace has no orders table. Use table='customers'.")
    view = src.order_view([ref.name]) if level == ORDER else src.customer_view([ref.name])
    notes = [f"Only customers in the segment '{src.segment_label}'."] if src.segment_label else []
    return (view[ref.name], ref, "orders" if level == ORDER else "customers", notes,
            src.datasets)


def _row_column(table: RowTable, p: DistributionParams
                ) -> tuple[pd.Series, ColumnRef, str, str, list[str], list[str]]:
    """The column from one table whose rows are the units (reviews, tickets)."""
    if p.segment:
        raise ToolError(f"A segment is a group of customers, and the rows of '{table.dataset}' "
                        f"are {table.unit}. Leave the segment empty.")
    frame, notes = table.window(p.start, p.end)
    ref = table.locate(p.column)
    table.check_group(ref)
    notes.append(f"Each row of '{table.dataset}' is one of the {table.unit} "
                 f"(chosen because {table.chosen_because}).")
    series = frame[ref.name]
    if table.roles.get(ref.name) == "boolean" and kind_of(series) == "numeric":
        series = series.astype("string")  # a 0/1 label is two values, not a number range
    return series, ref, table.unit, "count", notes, [table.dataset]


def _counts(key: Key, label: str, kind: str) -> pd.DataFrame:
    """Counts and shares per group; numbers keep empty bands inside their range."""
    counts = key.values.value_counts(sort=False)
    if kind == "numeric":
        filled = counts.to_numpy().nonzero()[0]
        counts = counts.iloc[filled.min(): filled.max() + 1] if len(filled) else counts
    else:
        counts = counts[counts > 0]
    table = pd.DataFrame({label: counts.index.astype(str), "count": counts.to_numpy(int)})
    table["share"] = table["count"] / max(int(table["count"].sum()), 1)
    if not key.natural_order:
        other = table[label] == "Other"
        table = pd.concat([table[~other].sort_values(["count", label],
                                                     ascending=[False, True]), table[other]])
    if kind == "numeric":
        table["cumulative_share"] = table["share"].cumsum()
    return table.reset_index(drop=True)


def _numeric_facts(series: pd.Series, unit: str) -> dict[str, Fact]:
    values = pd.to_numeric(series, errors="coerce").dropna().astype(float)
    if values.empty:
        raise ToolError(f"'{series.name}' has no values to describe.")
    quantiles = values.quantile([0.25, 0.5, 0.75])
    return {
        "mean": Fact(float(values.mean()), unit, "mean"),
        "median": Fact(float(quantiles[0.5]), unit, "median"),
        "q1": Fact(float(quantiles[0.25]), unit, "lower quartile (25th percentile)"),
        "q3": Fact(float(quantiles[0.75]), unit, "upper quartile (75th percentile)"),
        "min": Fact(float(values.min()), unit, "smallest value"),
        "max": Fact(float(values.max()), unit, "largest value"),
    }


def _top_facts(table: pd.DataFrame, label: str) -> dict[str, Fact]:
    real = table[table[label] != "Other"]
    best = real.loc[real["count"].idxmax()] if len(real) else table.iloc[0]
    return {
        "most_common": Fact(str(best[label]), "", "most common value"),
        "most_common_share": Fact(float(best["share"]), "share", "share of the most common"),
    }
