"""Aggregating rows into a tidy breakdown table, and the facts that describe it.

One row per group (or pair of groups): the value, how many customers it rests on,
its share of the total, the lift against the overall value (for means and medians)
and a low-confidence flag for groups of fewer than 30 customers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tools.order_lines import ORDER_KEY
from tools.profile.grouping import Key
from tools.result import MIN_RELIABLE, Fact, fact_key

OTHER = "Other"
MAX_GROUP_FACTS = 40
"""Per-group facts (each group's value and size) are named for at most this many groups."""


def describe_value(metric: str, measure: str | None, count_unit: str) -> str:
    """'number of customers', 'share of revenue', 'mean age', …"""
    if metric == "count":
        return f"number of {count_unit}"
    if metric == "share":
        return f"share of {measure or count_unit}"
    if metric == "sum":
        return f"total {measure}"
    return f"{metric} {measure}"


def one_line_label(names: list[str]) -> str:
    return " and ".join(names)


def aggregate(rows: pd.DataFrame, keys: list[Key], names: list[str], x: pd.Series | None,
              metric: str, rows_are_customers: bool, count_customers: bool,
              overall_x: pd.Series | None = None) -> tuple[pd.DataFrame, float]:
    """Group `rows` by `keys` and apply the metric; returns the table and the overall value."""
    frame = pd.DataFrame({name: key.values.array for name, key in zip(names, keys, strict=True)})
    frame["customer_id"] = rows["customer_id"].to_numpy()
    grouped = frame.groupby(names, observed=True, sort=True)
    size = grouped.size().astype(float)
    if rows_are_customers:
        customers = size
        all_customers = float(rows["customer_id"].nunique())
    else:
        customers = grouped["customer_id"].nunique().astype(float)
        all_customers = float(frame["customer_id"].nunique())
    counted = customers if count_customers else size
    total_counted = all_customers if count_customers else float(size.sum())
    table = pd.DataFrame(index=size.index)
    if x is None or metric == "count":
        value, overall = counted, total_counted
        share = counted / total_counted
        if metric == "share":
            value, overall = share, 1.0
    else:
        frame["x"] = x.to_numpy(float)
        column = frame.groupby(names, observed=True, sort=True)["x"]
        if metric in ("sum", "share"):
            sums = column.sum()
            total = float(frame["x"].sum())
            share = sums / total if total else sums * np.nan
            value, overall = (share, 1.0) if metric == "share" else (sums, total)
        else:
            averaged = metric in ("mean", "rate")  # a rate is the mean of a 1/0 column
            value = column.mean() if averaged else column.median()
            base = overall_x if overall_x is not None else frame["x"]
            overall = float(base.mean() if averaged else base.median())
            share = size / size.sum()
    table["value"] = value.round().astype(int) if metric == "count" else value
    table["customers"] = customers.astype(int)
    if not rows_are_customers:  # order lines count once per order
        if ORDER_KEY in rows.columns:
            frame["order"] = rows[ORDER_KEY].to_numpy()
            orders = frame.groupby(names, observed=True, sort=True)["order"].nunique()
            table["orders"] = orders.reindex(size.index).astype(int)
        else:
            table["orders"] = size.astype(int)
    table["share"] = share
    if len(names) == 2 and (x is None or metric in ("count", "share", "sum")):
        first = table["value"].groupby(level=0, observed=True).transform("sum")
        table["share_within"] = table["value"] / first.replace(0, np.nan)
    if metric in ("mean", "median", "rate"):
        table["lift"] = table["value"] / overall if overall else np.nan
    table["low_confidence"] = table["customers"] < MIN_RELIABLE
    return table.reset_index(), float(overall)


def finish(table: pd.DataFrame, names: list[str], keys: list[Key], overall: float,
           metric: str, unit: str, what: str) -> tuple[pd.DataFrame, dict[str, Fact]]:
    """Sort the table in a reading order and name its key numbers as facts."""
    table = _sorted(table, names, keys)
    for name in names:
        table[name] = table[name].astype(str)
    label = table[names].agg(" · ".join, axis=1) if len(names) == 2 else table[names[0]]
    real = table[~(table[names] == OTHER).any(axis=1)]
    pool = real[~real["low_confidence"]] if (~real["low_confidence"]).any() else real
    pool = pool if len(pool) else table
    top = pool["value"].astype(float).idxmax()
    bottom = pool["value"].astype(float)[::-1].idxmin()  # on ties, not the top group
    facts = {
        "grouped_by": Fact(one_line_label(names), "", "grouped by"),
        "what": Fact(what, "", "the value per group"),
        "groups": Fact(len(table), "count", "groups"),
        "overall_value": Fact(_num(overall, unit), unit, f"{what} overall"),
        "top_group": Fact(str(label[top]), "", f"group with the highest {what}",
                          bool(table.at[top, "low_confidence"])),
        "top_value": Fact(_num(table.at[top, "value"], unit), unit, f"{what} in the top group",
                          bool(table.at[top, "low_confidence"])),
        "top_group_share": Fact(_num(table.at[top, "share"]), "share",
                                "top group's share of the total"),
        "bottom_group": Fact(str(label[bottom]), "", f"group with the lowest {what}",
                             bool(table.at[bottom, "low_confidence"])),
        "bottom_value": Fact(_num(table.at[bottom, "value"], unit), unit,
                             f"{what} in the bottom group",
                             bool(table.at[bottom, "low_confidence"])),
        "low_confidence_groups": Fact(int(table["low_confidence"].sum()), "count",
                                      f"groups of fewer than {MIN_RELIABLE} customers"),
    }
    return table.reset_index(drop=True), facts


def _sorted(table: pd.DataFrame, names: list[str], keys: list[Key]) -> pd.DataFrame:
    """Natural order for periods, bands and ordered categories; else largest first, Other last."""
    ranks = []
    for i, (name, key) in enumerate(zip(names, keys, strict=True)):
        values = table[name]
        if key.natural_order:
            rank = pd.Series(values.cat.codes if hasattr(values, "cat") else
                             np.arange(len(values)), index=table.index, dtype=float)
        elif len(names) == 2 and i == 0:
            rank = -table.groupby(name, observed=True)["customers"].transform("sum")
            rank = rank.astype(float)
        else:
            rank = -table["value"].astype(float)
        rank = rank.where(values.astype(str) != OTHER, np.inf)
        ranks.append(rank.rename(f"_rank{i}"))
    order = pd.concat(ranks, axis=1)
    order["_name"] = table[names].astype(str).agg("|".join, axis=1)
    positions = order.sort_values([*order.columns[:-1], "_name"], kind="stable").index
    return table.loc[positions]


def _num(value: object, unit: str = "") -> float | int:
    number = float(value)
    if unit in ("customers", "orders", "count") and number.is_integer():
        return int(number)
    return number


def group_labels(table: pd.DataFrame, names: list[str]) -> pd.Series:
    """Each row's group as one label: 'Month-to-month', or 'Female · 18-24' for two keys."""
    return table[names].astype(str).agg(" · ".join, axis=1)


def group_facts(table: pd.DataFrame, names: list[str], unit: str, what: str
                ) -> dict[str, Fact]:
    """Each group's value and size as facts ('value_month_to_month', 'size_month_to_month')."""
    facts: dict[str, Fact] = {}
    labels = group_labels(table, names)
    size = "customers" if "orders" not in table.columns else "orders"
    for i, label in enumerate(labels.head(MAX_GROUP_FACTS)):
        key = fact_key(label) or f"group_{i + 1}"
        low = bool(table["low_confidence"].iloc[i])
        facts[f"value_{key}"] = Fact(_num(table["value"].iloc[i], unit), unit,
                                     f"{what}: {label}", low)
        facts[f"size_{key}"] = Fact(int(table[size].iloc[i]), size, f"{size} in {label}", low)
    return facts
