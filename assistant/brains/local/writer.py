"""The local brain's answer: the tool's own summary, led by what was asked, plus a few
rows worth naming. Numbers are copied from facts or table cells, formatted the way the
tools format them, so every one of them can be found in the result."""

from __future__ import annotations

import pandas as pd

from tools.registry import all_tools
from tools.result import Result, format_value


def chinese_title(tool: str, fallback: str = "这一步") -> str:
    """The tool's registered Chinese title."""
    spec = all_tools().get(tool)
    return spec.title_zh if spec is not None and spec.title_zh else fallback


def unit_of(column: str) -> str:
    low = column.lower()
    if "share" in low or low.startswith("month_") or low in ("retention",):
        return "share"
    if low in ("revenue", "avg_order_value", "historical_clv", "predicted_clv", "value") \
            and "lift" not in low:
        return "currency"
    return ""


def cell(value: object, column: str) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool) and pd.notna(value):
        return format_value(value, unit_of(column))
    return str(value)


def compose(tool: str, result: Result, highlight: str | None, chinese: bool) -> str:
    """Words for one result."""
    extra = _DETAIL.get(tool, lambda r, h: "")(result, highlight)
    text = " ".join(part for part in (result.summary, extra) if part)
    if result.warnings:
        text += "\n\nNote: " + " ".join(result.warnings[:2])
    if chinese:
        return f"{chinese_title(tool, '结果')}：{text}"
    return text


def compose_error(tool: str, message: str, chinese: bool) -> str:
    if chinese:
        return f"这一步没有完成（{chinese_title(tool, tool)}）：{message}"
    return f"I couldn't complete that: {message}"


def _list_segments(result: Result, highlight: str | None) -> str:
    table = result.table
    if table.empty or "segment" not in table.columns:
        return ""
    if highlight:
        rows = table[table["segment"].astype(str).str.lower() == highlight.lower()]
        if not rows.empty:
            row = rows.iloc[0]
            size = (f"{row['segment']} has {cell(int(row['customers']), 'customers')} customers "
                    f"({cell(row['share_of_customers'], 'share')} of customers)")
            if "revenue_share" not in row or pd.isna(row["revenue_share"]):
                return size + "."  # a customers-only workspace has no revenue
            return f"{size} and brings {cell(row['revenue_share'], 'revenue_share')} of revenue."
    top = table.sort_values("customers", ascending=False).head(3)
    parts = [f"{r['segment']} ({cell(int(r['customers']), 'customers')})"
             for _, r in top.iterrows()]
    return "The largest are " + ", ".join(parts) + "."


def _groups(result: Result, highlight: str | None) -> str:
    table = result.table
    if table.empty or "value" not in table.columns:
        return ""
    keys = list(table.columns[: table.columns.get_loc("value")]) or [table.columns[0]]
    unit = result.facts["top_value"].unit if "top_value" in result.facts else ""
    top = table.head(3)
    parts = [f"{' · '.join(str(r[k]) for k in keys)} {format_value(r['value'], unit)}"
             for _, r in top.iterrows()]
    return "Top groups: " + "; ".join(parts) + "."


def _values(result: Result, highlight: str | None) -> str:
    table = result.table
    if table.empty or "count" not in table.columns or "share" not in table.columns:
        return ""
    label = table.columns[0]
    parts = [f"{r[label]} {cell(int(r['count']), 'count')} ({cell(r['share'], 'share')})"
             for _, r in table.head(4).iterrows() if pd.notna(r["count"])]
    return ("Largest: " + "; ".join(parts) + ".") if parts else ""


def _themes(result: Result, highlight: str | None) -> str:
    table = result.table
    if table.empty or not {"theme", "share", "quote"} <= set(table.columns):
        return ""  # "no theme stands out": the summary says so
    lines = []
    for i, row in enumerate(table.head(5).itertuples(index=False), start=1):
        share = cell(row.share, "share")
        quote = f' — “{row.quote}”' if isinstance(row.quote, str) and row.quote else ""
        lines.append(f"{i}. {row.theme} ({share} of documents){quote}")
    return "\n\n" + "\n".join(lines)


def _passages(result: Result, highlight: str | None) -> str:
    table = result.table
    if table.empty or "text" not in table.columns:
        return ""
    lines = [f"- “{row.text}” ({row.source_type} {row.doc_id})"
             for row in table.head(3).itertuples(index=False)]
    return "\n\n" + "\n".join(lines)


def _segments_table(result: Result, highlight: str | None) -> str:
    table = result.table
    key = next((c for c in ("segment", "type", "tier", "status") if c in table.columns), None)
    if key is None or "customers" not in table.columns:
        return ""
    share = "share" if "share" in table.columns else "customer_share" if (
        "customer_share" in table.columns) else None
    parts = []
    for _, row in table.head(8).iterrows():
        size = cell(int(row["customers"]), "customers")
        parts.append(f"{row[key]} ({size}" + (f", {cell(row[share], 'share')})" if share else ")"))
    return "Segments: " + "; ".join(parts) + "."


def _personas(result: Result, highlight: str | None) -> str:
    table = result.table
    column = next((c for c in ("persona", "name") if c in table.columns), None)
    if column is None:
        return ""
    names = [str(v) for v in table[column].head(8)]
    return "Personas: " + "; ".join(names) + ". Download them as Markdown or Word below."


_DETAIL = {
    "list_segments": _list_segments,
    "breakdown": _groups,
    "distribution": _values,
    "feedback_themes": _themes,
    "search_feedback": _passages,
    "rfm": _segments_table,
    "cluster_customers": _segments_table,
    "consumer_types": _segments_table,
    "lifecycle": _segments_table,
    "draft_personas": _personas,
}
