"""A breakdown of any table's rows: reviews per rating, average rating by variation, label shares.

Each row of the table is one unit (a review, a ticket). Count and share count rows; sum,
mean and median take the measure over each group's rows; rate is the share of rows whose
yes/no measure counts (`tools.yesno`). The summary names the table and how many rows it
rests on, so the marketer sees which data answered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from tools.errors import ToolError
from tools.profile import charts
from tools.profile.grouping import Key, fold_rare, key_for, kind_of
from tools.profile.rows import RowTable
from tools.profile.source import ColumnRef, unit_for
from tools.profile.table import aggregate, describe_value, finish, group_facts
from tools.result import MIN_RELIABLE, Fact, Provenance, Result, say
from tools.yesno import YesNo, read_yes_no

if TYPE_CHECKING:
    from tools.profile.breakdown import BreakdownParams


def breakdown_rows(table: RowTable, p: BreakdownParams) -> Result:
    """The breakdown with one row of `table` as the unit (see the module docstring)."""
    if p.segment:
        raise ToolError(f"A segment is a group of customers, and the rows of '{table.dataset}' "
                        f"are {table.unit}. Leave the segment empty.")
    frame, notes = table.window(p.start, p.end)
    unit = table.unit
    refs = [table.locate(name) for name in p.by]
    if len(refs) == 2 and refs[0] == refs[1]:
        raise ToolError("Choose two different columns to break down by.")
    for ref in refs:
        table.check_group(ref)
    counting = table.is_count(p.measure)
    if p.metric in ("sum", "mean", "median", "rate") and counting:
        example = _numbers(table)[:1] or ["a number column"]
        raise ToolError(f"Say which column of '{table.dataset}' to take the {p.metric} of, "
                        f"e.g. measure='{example[0]}'. For how many {unit}, use "
                        "metric='count'.")
    measure_ref = None if counting else table.locate(p.measure or "")
    keys = [key_for(frame[r.name], r.name, r.part) for r in refs]
    names = [_label(r, i, refs) for i, r in enumerate(refs)]
    yes_no: YesNo | None = None
    x: pd.Series | None = None
    if measure_ref is not None and p.metric != "count":
        series = frame[measure_ref.name]
        if p.metric == "rate":
            yes_no = read_yes_no(series, measure_ref.name, p.rate_value)
            x = yes_no.values.astype(float)
        else:
            x = _numeric(series, measure_ref.name, p.metric, table)
    present = pd.concat([k.values.isna() for k in keys], axis=1).any(axis=1).to_numpy()
    for name, key in zip(names, keys, strict=True):
        missing = int(key.values.isna().sum())
        if missing:
            notes.append(f"{missing:,} {unit} without a value for {name} are left out.")
    keep = ~present
    if x is not None and p.metric in ("rate", "mean", "median"):
        unknown = x.isna().to_numpy() & keep
        if unknown.any():
            notes.append(f"{int(unknown.sum()):,} {unit} without a value for "
                         f"{measure_ref.name} are left out of the {p.metric}.")
        keep &= ~x.isna().to_numpy()
    keys = [Key(k.values[keep], k.natural_order, k.how) for k in keys]
    if x is not None:
        x = x[keep]
    if not keep.any():
        raise ToolError(f"No {unit} in '{table.dataset}' have a value for "
                        f"{' and '.join(names)}.")
    if p.top is not None:
        keys, folded = _fold(keys, x, p.top, p.metric)
        notes += folded
    rows = pd.DataFrame({"customer_id": np.arange(int(keep.sum()))})
    result, overall = aggregate(rows, keys, names, x, p.metric, True, True)
    value_unit = {"count": "count", "share": "share", "rate": "share"}.get(
        p.metric, unit_for(measure_ref.name if measure_ref else "", table.roles))
    what = describe_value(p.metric, measure_ref.name if measure_ref else None, unit)
    if yes_no is not None:
        what = yes_no.rate_label(measure_ref.name, unit)
    result, facts = finish(result, names, keys, overall, p.metric, value_unit, what)
    facts.update(_group_facts(result, names, value_unit, what, unit))
    facts["rows"] = Fact(int(keep.sum()), "count", f"{unit} in the breakdown")
    facts["dataset"] = Fact(table.dataset, "", "the dataset used")
    if yes_no is not None:
        notes.append(f"Rate = {what} ({unit} where {measure_ref.name} is "
                     f"'{yes_no.counted}' ÷ {unit} with a value), per group.")
    notes += [f"{name}: {key.how}" for name, key in zip(names, keys, strict=True)
              if key.how != "categories"]
    notes.append(f"Each row of '{table.dataset}' is one of the {unit} "
                 f"(chosen because {table.chosen_because}).")
    small = int(facts["low_confidence_groups"].value)
    facts["low_confidence_groups"] = Fact(small, "count",
                                          f"groups of fewer than {MIN_RELIABLE} {unit}")
    ranked_apart = " and they are not counted when the highest and lowest groups are named" \
        if len(result) > small else ""
    warnings = [f"{small} group(s) rest on fewer than {MIN_RELIABLE} {unit}; their figures "
                f"are marked low_confidence{ranked_apart}."] if small else []
    result = result.rename(columns={"customers": unit})
    chart = charts.breakdown_chart(
        result, names, [k.how in ("month", "quarter", "year") for k in keys], what, p.metric)
    return Result(
        table=result, facts=facts, summary=say(_template(p.metric, unit), facts), chart=chart,
        provenance=Provenance(tool="breakdown", datasets=[table.dataset],
                              rows_in=int(keep.sum()), rows_out=len(result), notes=notes),
        warnings=warnings,
    )


def _label(ref: ColumnRef, i: int, refs: list[ColumnRef]) -> str:
    label = f"{ref.name} ({ref.part.replace('_', ' ')})" if ref.part else ref.name
    others = [r for j, r in enumerate(refs) if j != i and r.name == ref.name]
    return f"{label} ({i + 1})" if others and not ref.part else label


def _numbers(table: RowTable) -> list[str]:
    return [c for c in table.frame.columns if kind_of(table.frame[c]) in ("numeric", "boolean")
            and table.roles.get(c) not in ("customer_id", "order_id", "identifier")]


def _numeric(series: pd.Series, name: str, metric: str, table: RowTable) -> pd.Series:
    kind = kind_of(series)
    if kind == "boolean":
        return series.map({True: 1.0, False: 0.0}).astype(float)
    if kind == "numeric":
        return pd.to_numeric(series, errors="coerce").astype(float)
    shown = ", ".join(f"'{c}'" for c in _numbers(table)[:6]) or "none"
    what = "dates" if kind == "datetime" else "text"
    raise ToolError(f"'{name}' in '{table.dataset}' holds {what}, so its {metric} cannot be "
                    f"taken. Its number columns: {shown}. To count {table.unit} per value "
                    f"of '{name}', group by it with metric='count' or 'share'.")


def _fold(keys: list[Key], x: pd.Series | None, top: int, metric: str
          ) -> tuple[list[Key], list[str]]:
    """Keep the top groups of each text column by the value (one key) or by size."""
    out, notes = [], []
    for key in keys:
        if key.natural_order or key.values.cat.categories.size <= top:
            out.append(key)
            continue
        if len(keys) == 1 and x is not None:
            how = {"share": "sum", "rate": "mean"}.get(metric, metric)
            ranked = pd.Series(x.to_numpy(), index=key.values.to_numpy()).groupby(level=0).agg(how)
        else:
            ranked = key.values.value_counts()
        keep = ranked.sort_values(ascending=False).head(top).index.astype(str).tolist()
        out.append(fold_rare(key, keep))
        notes.append(f"Only the top {top} groups are shown; the rest are in 'Other'.")
    return out, notes


def _group_facts(table: pd.DataFrame, names: list[str], unit: str, what: str,
                 row_unit: str) -> dict[str, Fact]:
    """Each group's value and its number of rows (said in the table's own unit)."""
    facts = group_facts(table, names, unit, what)
    for key, fact in list(facts.items()):
        if key.startswith("size_"):
            label = fact.label.split(" in ", 1)[-1]
            facts[key] = Fact(fact.value, "count", f"{row_unit} in {label}", fact.low_confidence)
    return facts


def _template(metric: str, unit: str) -> str:
    head = "In '{dataset}' ({rows} " + unit + "), "
    if metric == "count":
        return head + ("by {grouped_by}, the largest group is {top_group} with {top_value} "
                       + unit + " ({top_group_share} of the total), out of {groups} groups.")
    if metric == "share":
        return head + ("by {grouped_by}, {top_group} has the largest {what}: {top_value}, "
                       "out of {groups} groups.")
    if metric == "sum":
        return head + ("by {grouped_by}, {top_group} has the highest {what}: {top_value} "
                       "({top_group_share} of the total {overall_value}).")
    return head + ("by {grouped_by}, {top_group} has the highest {what}: {top_value} against "
                   "{overall_value} overall; the lowest is {bottom_group} with {bottom_value}.")
