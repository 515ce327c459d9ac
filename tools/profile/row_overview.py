"""The overview of a workspace that holds only other tables (reviews, tickets, survey answers).

Without a customers or orders table there are no buyers or revenue to report, but the
first question, "what have I got?", still has an answer: how many rows each table has,
what one row is, and the span of its dates.
"""

from __future__ import annotations

import pandas as pd

from tools.errors import ToolError
from tools.profile.rows import RowTable
from tools.result import Fact, Provenance, Result, fact_key, say
from tools.workspace import Workspace


def rows_overview(ws: Workspace, segment: str | None, start: str | None,
                  end: str | None) -> Result:
    """One row per table (rows, what a row is, its date column and span) and a summary."""
    if segment:
        raise ToolError("A segment is a group of customers, and this workspace has no "
                        "customers or orders table. Leave the segment empty.")
    facts: dict[str, Fact] = {"workspace": Fact(ws.name, "", "the workspace"),
                              "datasets": Fact(len(ws.dataset_names()), "count", "datasets")}
    rows, parts, notes = [], [], []
    for i, name in enumerate(ws.dataset_names()):
        table = RowTable(ws, name, "it is in the workspace")
        frame, window_notes = table.window(start, end)
        notes += window_notes
        key = fact_key(name) or f"dataset_{i + 1}"
        facts[f"rows_{key}"] = Fact(len(frame), "count", f"{table.unit} in '{name}'")
        dates = table.date_columns()
        first = last = None
        part = f"{{rows_{key}}} {table.unit} in '{name}'"
        if dates:
            when = pd.to_datetime(frame[dates[0]])
            if when.notna().any():
                first, last = str(when.min().date()), str(when.max().date())
                facts[f"first_date_{key}"] = Fact(first, "", f"first {dates[0]} in '{name}'")
                facts[f"last_date_{key}"] = Fact(last, "", f"last {dates[0]} in '{name}'")
                part += f" ({dates[0]} from {{first_date_{key}}} to {{last_date_{key}}})"
        else:
            part += " (no column read as dates)"
        parts.append(part)
        rows.append({"dataset": name, "rows": len(frame), "row_is": table.unit[:-1]
                     if table.unit.endswith("s") and table.unit != "rows" else "row",
                     "columns": len(frame.columns), "date_column": dates[0] if dates else None,
                     "first_date": first, "last_date": last})
    template = ("The workspace {workspace} has no customers or orders table; it holds "
                + "; ".join(parts) + ".")
    notes.append("Without a customers or orders table there are no buyers, orders or revenue; "
                 "each table can still be counted and broken down by its own columns.")
    out = pd.DataFrame(rows, columns=["dataset", "rows", "row_is", "columns", "date_column",
                                      "first_date", "last_date"])
    return Result(
        table=out, facts=facts, summary=say(template, facts),
        provenance=Provenance(tool="overview", datasets=ws.dataset_names(),
                              rows_in=int(out["rows"].sum()), rows_out=len(out), notes=notes),
    )
