"""Behavioural cohorts: do buyers who did X at least N times stay longer than the rest?

X is a value in a column of the orders or the support tickets: a discount used, a
product category bought, a sales channel, a ticket topic. The buyers who did it at
least N times (optionally within a number of days of their first purchase) are
compared with the other buyers on the same retention measures: the share buying in
each month 1..N after the first purchase, the share ordering again within 90 days,
and the share active in the last 90 days of the data.
"""

from __future__ import annotations

import contextlib
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from pydantic import ConfigDict, Field

from tools.cohorts.periods import Buyers, active_pairs, last_complete, period_serial
from tools.data import Orders, load_orders, resolve_column, roles_of
from tools.errors import ToolError, did_you_mean
from tools.ingest.naming import name_tokens
from tools.order_lines import ORDER_KEY
from tools.registry import ToolParams, tool
from tools.result import MIN_RELIABLE, Fact, Provenance, Result, say
from tools.segments import segment_orders
from tools.workspace import Workspace

TICKET_WORDS = {"ticket", "tickets", "support", "cases", "complaints"}
YES = ("true", "yes", "y", "1", "1.0")
NO = ("false", "no", "n", "0", "0.0")


class BehaviourCohortParams(ToolParams):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"table": "orders", "column": "discount_used", "value": True, "at_least": 3},
        {"table": "tickets", "column": "topic", "value": "billing", "at_least": 1}]})

    table: Literal["orders", "tickets"] = Field(
        "orders", description="Where the behaviour is recorded: the orders or the support "
        "tickets.")
    column: str = Field(description="The column that records it, e.g. 'discount_used', "
                        "'product_category', 'sales_channel' or a ticket 'topic'.")
    value: str | float | bool | None = Field(
        None, description="The value that counts, e.g. 'Electronics', 'app', 'billing' or "
        "true. May be left empty for yes/no columns (then yes counts).")
    at_least: int = Field(1, ge=1, le=1000, description="How many times a customer must have "
                          "done it to be in the group.")
    within_days: int | None = Field(
        None, ge=1, le=3650, description="Only count it within this many days of the "
        "customer's first purchase (recommended: behaviour early, retention after).")
    months: int = Field(6, ge=1, le=24, description="Compare retention in months 1 to this.")
    segment: str | None = Field(None, description="Only customers of this saved segment.")


@tool("behaviour_cohorts", BehaviourCohortParams)
def behaviour_cohorts(ws: Workspace, p: BehaviourCohortParams) -> Result:
    orders = load_orders(ws)
    frame, _, _ = segment_orders(ws, orders.frame, p.segment)
    buyers = Buyers.of(frame)
    events, dataset = _events(ws, frame, orders.dataset, p.table)
    if p.table == "orders" and orders.grouped:
        events = _with_line_columns(orders, frame, p.column)
    column = _resolve(ws, events, p.column, p.table, orders.dataset)
    matched, shown = _matches(events[column], column, p.value)
    if p.table == "orders" and len(events) != len(frame):  # order lines: once per order
        matched = np.isin(frame[ORDER_KEY].to_numpy(),
                          events.loc[matched, ORDER_KEY].to_numpy())
    if p.table == "orders":
        codes, dates = buyers.codes[matched], buyers.dates[matched]
    else:
        codes = buyers.ids.get_indexer(events.loc[matched, "customer_id"])
        dates = events.loc[matched, "date"].to_numpy("datetime64[ns]")[codes >= 0]
        codes = codes[codes >= 0]
    if p.within_days is not None:
        early = dates <= buyers.first_date[codes] + np.timedelta64(p.within_days, "D")
        codes = codes[early]
    times = np.bincount(codes, minlength=len(buyers))
    did = times >= p.at_least
    if not did.any():
        raise ToolError(f"No buyer did this {p.at_least} times or more (the most is "
                        f"{int(times.max())}). Lower at_least.")
    if did.all():
        raise ToolError("Every buyer did this, so there is no one to compare with. Raise "
                        "at_least.")
    table = _comparison(_retention_measures(buyers, orders.end, p.months), did)
    behaviour = f"{column} = {shown} at least {p.at_least} time" + "s" * (p.at_least > 1)
    if p.within_days is not None:
        behaviour += f" within {p.within_days} days of their first purchase"
    facts = _facts(table, behaviour, did, p.months)
    facts["retention_month"] = Fact(min(3, p.months), "", "month after acquisition compared")
    facts["repeat_window_days"] = Fact(90, "days", "window for ordering again")
    template = ("{group_customers} did {behaviour}; {group_month_K_retention} of them bought "
                "in month {retention_month} against {rest_month_K_retention} of the other "
                "{rest_customers} ({month_K_difference} difference), and {group_repeat_90_days} "
                "against {rest_repeat_90_days} ordered again within {repeat_window_days}."
                ).replace("_K_", f"_{min(3, p.months)}_")
    warnings = []
    if p.table == "orders" and p.within_days is None and p.at_least > 1:
        warnings.append("Customers who did this several times necessarily ordered several "
                        "times, which lifts their retention; set within_days to measure the "
                        "behaviour early and retention after.")
    return Result(
        table=table, facts=facts, summary=say(template, facts), warnings=warnings,
        chart=_chart(table), provenance=Provenance(
            tool="behaviour_cohorts", datasets=list(dict.fromkeys([orders.dataset, dataset])),
            rows_in=len(frame), rows_out=len(table),
            notes=[orders.rule,
                   "Month k = the k-th calendar month after the first purchase, once it is "
                   "over; a share counts only customers for whom it is observable (a repeat "
                   "within 90 days: first order at least 90 days before the data ends)."]),
    )


def _events(ws: Workspace, orders: pd.DataFrame, orders_name: str, table: str
            ) -> tuple[pd.DataFrame, str]:
    """The rows where the behaviour may be recorded, with customer_id and date columns."""
    if table == "orders":
        return orders, orders_name
    names = [n for n in ws.dataset_names()
             if set(name_tokens(n)) & TICKET_WORDS and "customer_id" in roles_of(ws, n).values()]
    if not names:
        raise ToolError("No support tickets table found. Load a file of tickets with a "
                        "customer id column, or use table='orders'.")
    roles = roles_of(ws, names[0])
    frame = ws.read_dataset(names[0])
    ids = next(c for c, r in roles.items() if r == "customer_id")
    dated = [c for c, r in roles.items() if r in ("transaction_date", "date")]
    out = frame.assign(customer_id=frame[ids].astype(str))
    out["date"] = pd.to_datetime(frame[dated[0]]) if dated else pd.NaT
    return out, names[0]


def _with_line_columns(orders: Orders, frame: pd.DataFrame, wanted: str) -> pd.DataFrame:
    """The orders, or their lines when the column asked about differs between an order's
    lines (a product category): a behaviour is then counted once per order that has it."""
    with contextlib.suppress(ToolError):
        resolve_column(frame, wanted)
        return frame
    lines = orders.narrowed(frame).lines
    with contextlib.suppress(ToolError):
        resolve_column(lines, wanted)
        return lines
    return frame


def _resolve(ws: Workspace, events: pd.DataFrame, wanted: str, table: str,
             orders_name: str) -> str:
    """The column meant; an orders column is also found by its name in the loaded file."""
    if table == "orders":
        standard = {"transaction_date": "date", "amount": "amount", "quantity": "quantity",
                    "order_id": "order_id"}
        original = {c.lower(): standard[r] for c, r in roles_of(ws, orders_name).items()
                    if r in standard}
        if wanted.strip().lower() in original and wanted not in events.columns:
            return original[wanted.strip().lower()]
    return resolve_column(events, wanted, f"the {table}")


def _matches(series: pd.Series, column: str, value: object) -> tuple[np.ndarray, str]:
    """Rows whose value equals `value` (text ignoring case; yes/no columns: yes by default)."""
    if pd.api.types.infer_dtype(series, skipna=True) == "boolean":
        word = "true" if value is None else str(value).strip().lower()
        if word not in YES + NO:
            raise ToolError(f"'{column}' is yes/no; use value=true or value=false (you gave "
                            f"{value!r}).")
        wanted = word in YES
        hit = (series.fillna(not wanted).astype(bool) == wanted).to_numpy()
        return hit, "yes" if wanted else "no"
    if pd.api.types.is_numeric_dtype(series):
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ToolError(f"'{column}' holds numbers; give the number that counts as value "
                            f"(you gave {value!r}).") from None
        numbers = pd.to_numeric(series, errors="coerce").to_numpy(float)
        return np.isclose(numbers, number), f"{number:g}"
    text = series.astype("string").str.strip()
    options = text.value_counts().index.astype(str).tolist()
    if value is None:
        raise ToolError(f"Say which value of '{column}' counts, e.g. " + ", ".join(
            f"'{o}'" for o in options[:5]) + ".")
    wanted = str(value).strip().casefold()
    matching = [o for o in options if o.casefold() == wanted]
    if not matching:
        raise ToolError(f"No row has {column} = '{value}'." + did_you_mean(str(value), options))
    return text.isin(matching).fillna(False).to_numpy(bool), matching[0]


def _retention_measures(buyers: Buyers, end: pd.Timestamp, months: int) -> pd.DataFrame:
    """Per buyer: bought in month k (1/0, NaN if not yet observable), repeat, recent activity."""
    n = len(buyers)
    first_serial = period_serial(buyers.first_date, "month")
    grid = np.zeros((n, months))
    grid[(first_serial[:, None] + np.arange(1, months + 1)[None, :])
         > last_complete(end, "month")] = np.nan
    codes, ks = active_pairs(buyers.codes, period_serial(buyers.dates, "month"), first_serial,
                             months)
    codes, ks = codes[ks >= 1], ks[ks >= 1] - 1
    seen = ~np.isnan(grid[codes, ks])
    grid[codes[seen], ks[seen]] = 1.0
    out = pd.DataFrame(grid, columns=[f"month_{k}" for k in range(1, months + 1)])
    window = np.timedelta64(90, "D")
    early = buyers.dates <= buyers.first_date[buyers.codes] + window
    repeat = np.bincount(buyers.codes, weights=early, minlength=n) >= 2
    end = np.datetime64(pd.Timestamp(end), "ns")
    out["repeat_90_days"] = np.where(buyers.first_date + window <= end, repeat, np.nan)
    latest = pd.Series(buyers.dates).groupby(buyers.codes).max().to_numpy("datetime64[ns]")
    out["active_last_90_days"] = (latest > end - window).astype(float)
    return out


def _comparison(measures: pd.DataFrame, did: np.ndarray) -> pd.DataFrame:
    group, rest = measures[did], measures[~did]
    table = pd.DataFrame({
        "measure": measures.columns,
        "group": group.mean().to_numpy(), "rest": rest.mean().to_numpy(),
        "group_customers": group.notna().sum().to_numpy(),
        "rest_customers": rest.notna().sum().to_numpy(),
    })
    table["difference"] = table["group"] - table["rest"]
    smaller = table[["group_customers", "rest_customers"]].min(axis=1)
    return table.assign(low_confidence=smaller < MIN_RELIABLE)


def _facts(table: pd.DataFrame, behaviour: str, did: np.ndarray,
           months: int) -> dict[str, Fact]:
    facts = {
        "behaviour": Fact(behaviour, "", "what the group did"),
        "group_customers": Fact(int(did.sum()), "customers", "buyers who did it"),
        "rest_customers": Fact(int((~did).sum()), "customers", "the other buyers"),
        "group_share": Fact(float(did.mean()), "share", "share of buyers who did it"),
    }
    shown = {f"month_{k}": f"month_{k}_retention" for k in (1, 3, 6) if k <= months}
    shown |= {"repeat_90_days": "repeat_90_days", "active_last_90_days": "active_last_90_days"}
    for row in table[table["measure"].isin(list(shown))].itertuples():
        name, small = shown[row.measure], bool(row.low_confidence)
        facts[f"group_{name}"] = Fact(float(row.group), "share", f"{name} of the group", small)
        facts[f"rest_{name}"] = Fact(float(row.rest), "share", f"{name} of the rest", small)
        facts[f"{row.measure}_difference"] = Fact(
            float(row.difference), "share", f"group minus rest, percentage points ({name})",
            small)
    return facts


def _chart(table: pd.DataFrame) -> go.Figure:
    monthly = table[table["measure"].str.startswith("month_")]
    month = monthly["measure"].str.removeprefix("month_").astype(int)
    figure = go.Figure([go.Scatter(x=month, y=monthly[who], mode="lines+markers", name=who)
                        for who in ("group", "rest")])
    figure.update_layout(title="Share buying in each month after the first purchase",
                         xaxis_title="month after the first purchase", yaxis_tickformat=".0%")
    return figure
