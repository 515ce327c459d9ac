"""Two groups of customers compared on what the customers table says about them.

Without orders, a comparison still has answers: the mean of every number (age, monthly
charge, tenure), the rate of every yes/no column (share of customers with Churn = Yes)
and the share of each value of every column with a few values (share on a
Month-to-month contract). Each is computed over the members with a value, against the
whole table. Differences are ranked by their size in standard deviations (for a share
p: sqrt(p(1 − p))), so the summary names the attribute on which the groups differ most,
whatever its unit. Ids, names, contact details, free text and dates are left out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tools.errors import ToolError
from tools.result import fact_key
from tools.yesno import read_yes_no

NOT_COMPARED_ROLES = {"customer_id", "order_id", "identifier", "email", "phone", "person_name",
                      "text", "date", "transaction_date"}
MAX_LEVELS = 12
"""A text column with more values than this is not broken into shares."""


def attribute_rows(customers: pd.DataFrame, roles: dict[str, str], ids_a: pd.Index,
                   ids_b: pd.Index) -> pd.DataFrame:
    """metric, label, unit, a, b, overall, a_lift, b_lift, difference, effect and the source
    column; one row per number, yes/no column, or value of a text column."""
    in_a = customers.index.isin(pd.Index(ids_a).astype(str))
    in_b = customers.index.isin(pd.Index(ids_b).astype(str))
    rows = []
    for column in customers.columns:
        if roles.get(column) in NOT_COMPARED_ROLES:
            continue
        rows += _rows_for(customers[column], str(column), in_a, in_b)
    if not rows:
        raise ToolError("The customers table has no columns to compare (numbers, yes/no "
                        "columns or columns with a few values such as a contract type).")
    table = pd.DataFrame(rows)
    divisor = table["overall"].where(table["overall"] > 0)
    table["a_lift"] = table["a"] / divisor
    table["b_lift"] = table["b"] / divisor
    table["difference"] = table["a"] - table["b"]
    table["effect"] = table["difference"] / table.pop("spread").replace(0, np.nan)
    return table[["metric", "label", "unit", "a", "b", "overall", "a_lift", "b_lift",
                  "difference", "effect", "column"]]


def rule_columns(entry: dict) -> set[str]:
    """The columns a saved rule segment was defined on (from its stored rule), else none."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("column"), str):
                found.add(node["column"])
            if isinstance(node.get("metric"), str):
                found.add(node["metric"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk((entry.get("parameters") or {}).get("rule"))
    return found


def _rows_for(series: pd.Series, column: str, in_a: np.ndarray, in_b: np.ndarray
              ) -> list[dict]:
    present = series.dropna()
    if present.nunique() < 2 or pd.api.types.is_datetime64_any_dtype(series):
        return []
    rate = _rate(series, column)
    if rate is not None:
        values, counted = rate
        return [_row(column, f"rate_{fact_key(column)}", f"share of customers with {column} "
                     f"= {counted}", "share", values, in_a, in_b, share=True)]
    if pd.api.types.is_numeric_dtype(series):
        values = pd.to_numeric(series, errors="coerce").astype(float)
        return [_row(column, f"mean_{fact_key(column)}", f"average {column}", "", values, in_a,
                     in_b)]
    text = series.astype("string").str.strip()
    levels = text.value_counts()
    if len(levels) > MAX_LEVELS:
        return []
    return [_row(column, f"share_{fact_key(column)}_{fact_key(level)}",
                 f"share with {column} = {level}", "share",
                 (text == level).astype(float).where(text.notna()), in_a, in_b, share=True)
            for level in levels.index]


def _rate(series: pd.Series, column: str) -> tuple[pd.Series, str] | None:
    """1/0 values and the counted value, for a yes/no column; None for any other column."""
    if series.dropna().nunique() != 2:
        return None
    try:
        found = read_yes_no(series, column)
    except ToolError:
        return None
    return found.values, found.counted


def _row(column: str, metric: str, label: str, unit: str, values: pd.Series, in_a: np.ndarray,
         in_b: np.ndarray, share: bool = False) -> dict:
    overall = float(values.mean())
    spread = float(np.sqrt(overall * (1 - overall))) if share else float(values.std(ddof=0))
    return {"metric": metric, "label": label, "unit": unit, "column": column,
            "a": float(values[in_a].mean()) if in_a.any() else np.nan,
            "b": float(values[in_b].mean()) if in_b.any() else np.nan,
            "overall": overall, "spread": spread}
