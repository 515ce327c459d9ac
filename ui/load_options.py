"""The load options of the Data tab, and what the check of a file asks the marketer.

Why on the page: the messages of a failed load tell the marketer to choose "no header
row", a separator, an encoding or a sheet; the page must offer exactly those choices.
The choices map one to one onto `tools.ingest.IngestOptions` fields, and the same
choices are used again when the checked file is loaded.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from tools.errors import ToolError
from tools.ingest import QualityReport
from ui.labels import label, message

AUTO = "auto"
HEADER_VALUES = {AUTO: None, "yes": True, "no": False}
SEPARATOR_VALUES = {AUTO: None, ",": ",", ";": ";", "tab": "\t", "|": "|"}
ENCODING_VALUES = {AUTO: None, "utf-8": "utf-8", "gb18030": "gb18030", "latin-1": "latin-1"}
ENCODING_NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030/GBK", "latin-1": "Latin-1"}
DATE_ORDERS = (AUTO, "day_first", "month_first")
OPTION_WORDS = {"keep": "opt_keep", "drop": "opt_drop", "leave_out": "opt_leave_out",
                "header": "opt_is_header", "no_header": "opt_not_header"}
"""The report's answers as the page's words ('leave_out' → 'leave them out')."""


def header_choices(lang: str) -> list[tuple[str, str]]:
    return [(label(lang, f"opt_{value}"), value) for value in HEADER_VALUES]


def separator_choices(lang: str) -> list[tuple[str, str]]:
    return [(label(lang, "opt_auto") if v == AUTO else label(lang, "opt_tab") if v == "tab"
             else v, v) for v in SEPARATOR_VALUES]


def encoding_choices(lang: str) -> list[tuple[str, str]]:
    return [(label(lang, "opt_auto") if v == AUTO else ENCODING_NAMES[v], v)
            for v in ENCODING_VALUES]


def date_order_choices(lang: str) -> list[tuple[str, str]]:
    return [(label(lang, f"opt_{value}"), value) for value in DATE_ORDERS]


def _pick(what: str, value: str | None, allowed: dict[str, Any]) -> Any:
    key = (value or AUTO).strip()
    if key not in allowed:
        raise ToolError(f"'{value}' is not a choice for the {what}. Use one of: "
                        f"{', '.join(allowed)}.")
    return allowed[key]


def ingest_options(header: str | None = AUTO, separator: str | None = AUTO,
                   encoding: str | None = AUTO, sheet: str | None = None,
                   date_order: str | None = AUTO,
                   leave_out: list[str] | None = None,
                   keep_copies: bool | None = False) -> dict[str, Any]:
    """The chosen options as `IngestOptions` fields (automatic choices left out)."""
    chosen: dict[str, Any] = {
        "has_header": _pick("header row", header, HEADER_VALUES),
        "delimiter": _pick("separator", separator, SEPARATOR_VALUES),
        "encoding": _pick("encoding", encoding, ENCODING_VALUES),
        "sheet": (str(sheet).strip() or None) if sheet is not None else None,
    }
    order = (date_order or AUTO).strip()
    if order not in DATE_ORDERS:
        raise ToolError(f"'{date_order}' is not a choice for the date order. Use one of: "
                        f"{', '.join(DATE_ORDERS)}.")
    if order != AUTO:
        chosen["date_order"] = order
    columns = [str(c).strip() for c in leave_out or [] if str(c).strip()]
    if columns:
        chosen["leave_out_outliers"] = columns
    if keep_copies:
        chosen["keep_duplicates"] = True
    return {name: value for name, value in chosen.items() if value is not None}


def outlier_columns(report: QualityReport) -> list[str]:
    """Columns the report found extreme or unusual values in: the choices for leaving them out."""
    questions = getattr(report, "questions", None) or []
    return [str(q.get("column")) for q in questions
            if isinstance(q, dict) and q.get("kind") == "outliers" and q.get("column")]


def sheet_names(report: QualityReport) -> list[str]:
    """The workbook's sheet names (empty for other files, or before ingest reports them)."""
    return [str(name) for name in getattr(report, "sheets", None) or []]


def questions_markdown(report: QualityReport, lang: str) -> str:
    """The report's questions for the marketer, shown above the confirm button."""
    questions = getattr(report, "questions", None) or []
    if not questions:
        return ""
    lines = [f"**{label(lang, 'upload_questions')}**", ""]
    for item in questions:
        if not isinstance(item, dict):
            lines.append(f"- {item}")
            continue
        text = str(item.get("question", "")).strip()
        options = item.get("options") or []
        if options:
            shown = " / ".join(option_words(str(o), lang) for o in options)
            text += f" ({message(lang, 'question_options', options=shown)})"
        lines.append(f"- {text}")
    lines += ["", message(lang, "questions_hint")]
    return "\n".join(lines)


def option_words(option: str, lang: str) -> str:
    """A choice as the page's controls name it ('day_first' → 'day first (3 April)')."""
    if option in DATE_ORDERS and option != AUTO:
        return label(lang, f"opt_{option}")
    if option in OPTION_WORDS:
        return label(lang, OPTION_WORDS[option])
    return option.replace("_", " ")


def shown_date(value: object) -> str:
    """'2024-01-01T00:00:00' → '2024-01-01'; a time other than midnight is kept."""
    try:
        stamp = pd.Timestamp(str(value))
    except (ValueError, TypeError):
        return str(value)
    if pd.isna(stamp):
        return ""
    return stamp.strftime("%Y-%m-%d" if stamp == stamp.normalize() else "%Y-%m-%d %H:%M")


def date_spans_markdown(report: QualityReport, lang: str) -> str:
    """First and last date and how many rows read as dates, per date column."""
    spans = getattr(report, "date_spans", None) or {}
    if not spans:
        return ""
    lines = [message(lang, "date_spans"), "", message(lang, "date_span_header"),
             "|---|---|---|---:|---:|"]
    for column, span in spans.items():
        span = span if isinstance(span, dict) else {}
        lines.append(message(lang, "date_span_row", column=column,
                             first=shown_date(span.get("first", "")),
                             last=shown_date(span.get("last", "")),
                             rows=int(span.get("rows") or 0),
                             unparsed=int(span.get("unparsed") or 0)))
    return "\n".join(lines)
