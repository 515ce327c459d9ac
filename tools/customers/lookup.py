"""One customer's summary: their orders, spend and dates, and what the customers table says.

"How many orders did customer AC-10615 place" is about one customer, not the shop. The
customer is found by exact id, else by a case-insensitive exact match of the name
column; several customers with that name → the question is asked back with their ids,
none → the closest ids are offered. Orders are counted as `Orders.rule` states
(distinct orders when the table holds order lines).
"""

from __future__ import annotations

import math

import pandas as pd
from pydantic import ConfigDict, Field, field_validator

from tools.alternatives import missing_tables
from tools.customers.sources import NAME_ROLE, CustomerSources, gather
from tools.data import Orders
from tools.errors import ToolError, closest
from tools.order_lines import ORDER_KEY
from tools.registry import ToolParams, tool
from tools.result import Fact, Provenance, Result, fact_key, say
from tools.workspace import Workspace

MAX_NAMED = 20
"""How many ids a 'several customers have this name' message lists."""
OWN_FACTS = frozenset({"customer_id", "name", "orders", "revenue", "avg_order_value",
                       "first_order", "last_order", "days_since_last_order"})


class CustomerLookupParams(ToolParams):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"customer": "AC-10615"}, {"customer": "15634602"}, {"customer": "Andrew Allen"}]})

    customer: str = Field(
        description="The customer's id exactly as in the data (e.g. 'AC-10615', 'C00042'), "
        "or their full name when the data has a name column (e.g. 'Andrew Allen').")

    @field_validator("customer")
    @classmethod
    def _given(cls, value: str) -> str:
        if not value:
            raise ValueError("give a customer id or name, e.g. 'C00042'")
        return value


@tool("customer_lookup", CustomerLookupParams)
def customer_lookup(ws: Workspace, p: CustomerLookupParams) -> Result:
    sources = gather(ws)
    if sources.orders is None and sources.customers is None:
        raise ToolError(missing_tables(ws))
    customer = find_customer(sources, p.customer)
    facts: dict[str, Fact] = {"customer_id": Fact(customer, "", "customer id")}
    name = None
    if sources.names is not None and customer in sources.names.index:
        name = str(sources.names[customer])
        if sources.names_role == NAME_ROLE:  # the privacy layer masks these values in text
            facts["name"] = Fact(name, "", f"name (column '{sources.names.name}')")
    notes: list[str] = []
    table = pd.DataFrame()
    rows_in = 0
    if sources.orders is not None:
        notes.append(sources.orders.rule)
        rows_in = len(sources.orders.frame)
        table = own_orders(sources.orders, customer)
        if not table.empty:
            facts |= _order_facts(table, sources.orders)
    attributes = _attributes(sources, customer)
    for column, value in attributes.items():
        key = fact_key(column) or "attribute"
        if key in OWN_FACTS or key in facts or not key[0].isalpha():
            key = f"attribute_{key}"
        base, suffix = key, 2
        while key in facts:
            key, suffix = f"{base}_{suffix}", suffix + 1
        facts[key] = Fact(value, "", str(column))
    attribute_table = pd.DataFrame({"attribute": list(attributes),
                                    "value": [str(v) for v in attributes.values()]})
    if "orders" in facts:
        summary = say("Customer {customer_id} placed {orders} for {revenue} in total "
                      "(average order {avg_order_value}); first order {first_order}, last "
                      "order {last_order}, {days_since_last_order} before the data's last "
                      "order.", facts)
    elif sources.orders is not None:
        facts["orders"] = Fact(0, "orders", "orders placed")
        summary = say("Customer {customer_id} has {orders} in the orders table; their "
                      "details from the customers table are listed.", facts)
        table = attribute_table
    else:
        summary = say("Customer {customer_id}: their details from the customers table are "
                      "listed. The workspace has no orders table, so their orders and revenue "
                      "are not known.", facts)
        table = attribute_table
    if name is not None:  # under a 'name' header, which the privacy layer always masks
        table.insert(0, "name", name)
        notes.append(f"The name is from the column '{sources.names.name}'.")
    return Result(
        table=table.reset_index(drop=True), facts=facts, summary=summary,
        tables={"attributes": attribute_table},
        provenance=Provenance("customer_lookup", sources.datasets(), rows_in=rows_in,
                              rows_out=len(table), notes=notes),
    )


def known_ids(sources: CustomerSources) -> pd.Index:
    ids = []
    if sources.customers is not None:
        ids.append(sources.customers.index.astype(str))
    if sources.orders is not None:
        ids.append(pd.Index(sources.orders.frame["customer_id"].astype(str).unique()))
    every = ids[0]
    for more in ids[1:]:
        every = every.union(more)
    return every.unique()


def find_customer(sources: CustomerSources, wanted: str) -> str:
    """The id of the customer meant by an id or a name, or a ToolError that says what to do."""
    ids = known_ids(sources)
    if wanted in ids:
        return wanted
    folded = wanted.casefold()
    same_case = ids[ids.str.casefold() == folded]
    if len(same_case) == 1:
        return str(same_case[0])
    if sources.names is not None:
        named = sources.names[sources.names.str.strip().str.casefold() == folded]
        matches = sorted(set(named.index.astype(str)))
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            shown = ", ".join(matches[:MAX_NAMED])
            more = f" and {len(matches) - MAX_NAMED} more" if len(matches) > MAX_NAMED else ""
            raise ToolError(f"{len(matches)} customers are called '{wanted}': ids {shown}{more}. "
                            "Ask again with one of these ids.")
    hits = closest(wanted, [str(i) for i in ids])
    if sources.names is not None:
        names = closest(wanted, sources.names.unique().tolist())
        hits += [f"{n} (id {sources.names[sources.names == n].index[0]})" for n in names]
    if hits:
        hint = " Did you mean " + " or ".join(f"'{h}'" for h in hits[:5]) + "?"
    else:
        hint = " Customer ids here look like " + ", ".join(
            f"'{i}'" for i in sorted(ids)[:3]) + "."
    by = "id or name" if sources.names is not None else "id"
    raise ToolError(f"There is no customer with the {by} '{wanted}'.{hint}")


def own_orders(orders: Orders, customer: str) -> pd.DataFrame:
    """The customer's orders, one row per order (`Orders.frame`), newest first."""
    frame = orders.frame[orders.frame["customer_id"] == customer]
    columns = [c for c in ("order_id", "date", "amount", "quantity") if c in frame]
    table = frame[columns].copy()
    if orders.grouped and ORDER_KEY in frame:
        lines = orders.all_lines
        assert lines is not None
        counts = lines[ORDER_KEY].value_counts()
        table["lines"] = frame[ORDER_KEY].map(counts).fillna(0).astype(int).to_numpy()
    keys = ["date", "order_id"] if "order_id" in table else ["date"]
    return table.sort_values(keys, ascending=False, kind="stable").reset_index(drop=True)


def _order_facts(table: pd.DataFrame, orders: Orders) -> dict[str, Fact]:
    count = len(table)
    revenue = float(table["amount"].sum())
    first, last = table["date"].min(), table["date"].max()
    days = int((orders.end.normalize() - last.normalize()).days)
    return {
        "orders": Fact(count, "orders", "orders placed (" + orders.rule.split(";")[0] + ")"),
        "revenue": Fact(revenue, "currency", "revenue from the customer's orders"),
        "avg_order_value": Fact(revenue / count, "currency", "average order value"),
        "first_order": Fact(str(first.date()), "", "first order date"),
        "last_order": Fact(str(last.date()), "", "last order date"),
        "days_since_last_order": Fact(days, "days", "days from the customer's last order to "
                                      f"the last order in the data ({orders.end.date()})"),
    }


def _attributes(sources: CustomerSources, customer: str) -> dict[str, float | int | str]:
    """The customer's row of the customers table, as readable values (empty cells left out)."""
    if sources.customers is None or customer not in sources.customers.index:
        return {}
    row = sources.customers.loc[customer]
    name_column = sources.names.name if sources.names is not None else None
    out: dict[str, float | int | str] = {}
    for column, value in row.items():
        if column == name_column or value is None or value is pd.NA or value is pd.NaT or (
                isinstance(value, float) and math.isnan(value)):
            continue
        if hasattr(value, "item") and not isinstance(value, pd.Timestamp):
            value = value.item()
        if isinstance(value, pd.Timestamp):
            out[str(column)] = str(value.date()) if value == value.normalize() else str(value)
        elif isinstance(value, bool):
            out[str(column)] = "yes" if value else "no"
        elif isinstance(value, int | float):
            out[str(column)] = value if math.isfinite(value) else str(value)
        else:
            out[str(column)] = str(value)
    return out
