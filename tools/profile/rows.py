"""Tables that are neither customers nor orders (reviews, tickets, survey answers): one row each.

A workspace may hold only a reviews export, or a tickets table next to customers and
orders. Such a table is still worth counting and breaking down ("average rating by
variation", "share of label 1 vs 0", "reviews per rating"), with one row of the table as
the unit, named from the table's name ("reviews", "tickets", else "rows").

The table is the one named (`dataset`), or chosen when it is the only sensible one: the
workspace has no customers or orders table and exactly one other table has the columns
asked for, or the columns asked for are in no customers or orders table and in exactly one
other. Naming the customers or orders table itself keeps the customer / order views, so
order lines are still grouped into orders there. Free text, ids and personal details are
never groups: each row has its own value, so a group would be one row.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from tools.alternatives import ORDER_ROLES, one_row_per_customer
from tools.data import (
    find_customers_dataset,
    find_orders_dataset,
    parse_date,
    resolve_column,
    roles_of,
)
from tools.errors import ToolError
from tools.ingest.naming import name_tokens
from tools.profile.grouping import TIME_PARTS, kind_of
from tools.profile.source import FEATURE_NAMES, ORDER_DATE_NAMES, ColumnRef, _split_part
from tools.workspace import Workspace

ROW = "row"
NOT_GROUPS = {
    "text": "free text (each row has its own words)",
    "customer_id": "an id (each row or customer has its own)",
    "order_id": "an id (each order has its own)",
    "identifier": "an id (each row has its own)",
    "email": "a personal detail (email addresses)",
    "phone": "a personal detail (phone numbers)",
    "person_name": "a personal detail (people's names)",
}
"""Roles whose columns cannot be groups, and why, in the words shown to a person."""
COUNT_WORDS = frozenset({"rows", "row", "records", "record", "entries", "count", "number",
                         "条", "条数", "行"})
"""Measures that mean "count the rows" whatever the table holds."""
UNCOUNTABLE = frozenset({"feedback", "data", "info", "information", "text", "content",
                         "survey", "sheet"})
DATE_ROLES = ("date", "transaction_date")


def unit_word(dataset: str) -> str:
    """What one row is called: 'alexa_reviews' → 'reviews', 'ticket' → 'tickets', else 'rows'."""
    tokens = [t for t in name_tokens(dataset) if t.isascii() and t.isalpha()]
    if not tokens or len(tokens[-1]) < 3 or tokens[-1] in UNCOUNTABLE:
        return "rows"
    word = tokens[-1].lower()
    if word.endswith("s"):
        return word
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


@dataclass
class RowTable:
    """One dataset read whole, each row one unit; columns looked up by a person's names."""

    ws: Workspace
    dataset: str
    chosen_because: str

    @cached_property
    def frame(self) -> pd.DataFrame:
        return self.ws.read_dataset(self.dataset)

    @cached_property
    def roles(self) -> dict[str, str]:
        return roles_of(self.ws, self.dataset)

    @property
    def unit(self) -> str:
        return unit_word(self.dataset)

    def is_count(self, measure: str | None) -> bool:
        """No measure, or one that names the rows themselves ('reviews', 'rows', the table)."""
        if measure is None:
            return True
        word = measure.strip().lower()
        return word in COUNT_WORDS or word in (self.unit, self.dataset.lower())

    def date_columns(self) -> list[str]:
        return [c for c in self.frame.columns if kind_of(self.frame[c]) == "datetime"]

    def locate(self, wanted: str) -> ColumnRef:
        """The column a person named; a bare 'month' is the table's only date column's month."""
        name, part = _split_part(wanted.strip())
        if name.lower() in TIME_PARTS and part is None and name not in self.frame.columns:
            dates = self.date_columns()
            if len(dates) != 1:
                raise ToolError(
                    f"'{name}' needs a date column, and '{self.dataset}' has "
                    + ("none read as dates. Set a column's role to date on the Data tab."
                       if not dates else
                       "several (" + ", ".join(f"'{d}'" for d in dates) + f"). Say which, "
                       f"e.g. '{dates[0]}:{name.lower()}'."))
            return ColumnRef(dates[0], ROW, name.lower())
        found = resolve_column(self.frame.iloc[:0], name, f"'{self.dataset}'")
        return ColumnRef(found, ROW, part)

    def check_group(self, ref: ColumnRef) -> None:
        """Refuse free text, ids and personal columns as groups, naming columns that work."""
        why = NOT_GROUPS.get(self.roles.get(ref.name, ""))
        if why is None or ref.part is not None:
            return
        usable = [c for c in self.frame.columns if self.roles.get(c) not in NOT_GROUPS]
        shown = ", ".join(f"'{c}'" for c in usable[:8]) or "no other column"
        raise ToolError(f"'{ref.name}' in '{self.dataset}' is {why}, so it cannot be a group. "
                        f"Group by one of: {shown}. To read what the text says, ask about "
                        "themes or complaints instead.")

    def window(self, start: str | None, end: str | None) -> tuple[pd.DataFrame, list[str]]:
        """The rows between start and end on the table's only date column."""
        lo, hi = parse_date(start, "the start"), parse_date(end, "the end")
        if lo is None and hi is None:
            return self.frame, []
        dates = self.date_columns()
        if len(dates) != 1:
            raise ToolError(f"A start or end date needs one date column in '{self.dataset}', "
                            f"and it has {len(dates) or 'none'}. Leave start and end empty.")
        when = pd.to_datetime(self.frame[dates[0]])
        keep = pd.Series(True, index=self.frame.index)
        if lo is not None:
            keep &= when >= pd.Timestamp(lo)
        if hi is not None:
            keep &= when < pd.Timestamp(hi) + pd.Timedelta(days=1)
        if not keep.any():
            raise ToolError(f"No {self.unit} in '{self.dataset}' fall between "
                            f"{lo or 'the start'} and {hi or 'the end'}; its {dates[0]} runs "
                            f"from {when.min().date()} to {when.max().date()}.")
        shown = f"{lo or 'the first'} to {hi or 'the last'}"
        return self.frame[keep.to_numpy()], [f"Only {self.unit} dated {shown} ({dates[0]})."]


def core_datasets(ws: Workspace) -> list[str]:
    """The customers and orders tables the customer and order views are built from."""
    names = []
    with contextlib.suppress(ToolError):
        names.append(find_orders_dataset(ws))
    with contextlib.suppress(ToolError):
        customers = find_customers_dataset(ws)
        if customers:
            names.append(customers)
    return names


def choose_row_table(ws: Workspace, dataset: str | None, names: list[str],
                     measure: str | None = None) -> RowTable | None:
    """The table whose rows answer, or None for the customer / order views."""
    core = core_datasets(ws)
    if dataset:
        dataset = _known_dataset(ws, dataset.strip())
        if dataset in core:
            return None
        gap = _missing_order_roles(ws, dataset)
        if gap:
            raise ToolError(f"'{dataset}' looks like orders but has no recognised "
                            + " or ".join(gap) + " column, so its rows would be order lines, "
                            "not orders. Set that column's role on the Data tab (for dates, "
                            "check the date format), then confirm.")
        return RowTable(ws, dataset, f"'{dataset}' was named")
    others = [d for d in ws.dataset_names()
              if d not in core and not _missing_order_roles(ws, d)]
    if not others:
        return None
    wanted = [_split_part(n.strip())[0] for n in names]
    matching = [d for d in others if _has_all(ws, d, wanted, measure)]
    if not core:
        if len(matching) == 1:
            return RowTable(ws, matching[0], "the workspace has no customers or orders table "
                            f"and only '{matching[0]}' has the columns asked for")
        if len(matching) > 1:
            raise ToolError("Several tables have those columns: "
                            + ", ".join(f"'{d}'" for d in matching)
                            + ". Say which one to use (dataset='" + matching[0] + "').")
        if len(others) == 1:  # name the missing column with the table's own columns
            table = RowTable(ws, others[0], "")
            for name in [*names, *([] if table.is_count(measure) else [measure or ""])]:
                table.locate(name)
        return None
    if all(_in_core(ws, core, n) for n in wanted + _measure_names(measure)):
        return None
    if len(matching) == 1:
        return RowTable(ws, matching[0], f"the columns asked for are only in '{matching[0]}'")
    return None


def _known_dataset(ws: Workspace, dataset: str) -> str:
    names = ws.dataset_names()
    if dataset in names:
        return dataset
    for name in names:
        if name.lower() == dataset.lower() or name_tokens(name) == name_tokens(dataset):
            return name
    shown = ", ".join(f"'{n}'" for n in names) or "none yet"
    raise ToolError(f"There is no dataset '{dataset}' in this workspace. Its datasets: {shown}.")


def _missing_order_roles(ws: Workspace, dataset: str) -> list[str]:
    """What an orders-like table (order id, order date, or amounts per customer) lacks."""
    has = set(roles_of(ws, dataset).values())
    missing = [words.split(" ", 1)[1] for role, words in ORDER_ROLES.items() if role not in has]
    looks_like_orders = "transaction_date" in has or "order_id" in has or (
        "amount" in has and "customer_id" in has and not one_row_per_customer(ws, dataset))
    return missing if looks_like_orders else []


def _measure_names(measure: str | None) -> list[str]:
    if measure is None or measure.strip().lower() in COUNT_WORDS | {"customers", "buyers"}:
        return []
    return [measure.strip()]


def _resolves(columns: list[str], name: str) -> bool:
    with contextlib.suppress(ToolError):
        resolve_column(pd.DataFrame(columns=list(dict.fromkeys(columns))), name)
        return True
    return False


def _has_all(ws: Workspace, dataset: str, wanted: list[str], measure: str | None) -> bool:
    columns = _columns(ws, dataset)
    table = RowTable(ws, dataset, "")
    names = [n for n in wanted if n.lower() not in TIME_PARTS]
    dated = [c for c, r in roles_of(ws, dataset).items() if r in DATE_ROLES]
    if len(names) < len(wanted) and len(dated) != 1:  # a bare 'month' needs one date column
        return False
    if not table.is_count(measure):
        names += _measure_names(measure)
    return all(_resolves(columns, n) for n in names)


def _in_core(ws: Workspace, core: list[str], name: str) -> bool:
    if name.lower() in TIME_PARTS:
        return True
    columns = [*FEATURE_NAMES, *ORDER_DATE_NAMES, "amount", "customer_id", "order_id"]
    for dataset in core:
        columns += _columns(ws, dataset)
    return _resolves(columns, name)


def _columns(ws: Workspace, dataset: str) -> list[str]:
    return [str(c) for c in ws.dataset_info(dataset).get("columns") or []]
