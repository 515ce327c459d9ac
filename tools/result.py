"""What every tool returns: a table, named facts, an optional chart, a summary and provenance.

Why one shape: the assistant, the evals and the app all read results the same way, and
the assistant may only say numbers that are facts here. The summary is rendered from
the facts by `say`, so the words and the numbers cannot disagree.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

MIN_RELIABLE = 30
"""Figures computed on fewer customers than this are marked low-confidence."""

UNITS = ("customers", "orders", "share", "currency", "days", "count", "score", "ratio", "")


@dataclass(frozen=True)
class Fact:
    """A named number (or short text) with its unit, e.g. champions_share = 0.183 share."""

    value: float | int | str
    unit: str = ""
    label: str = ""
    low_confidence: bool = False

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r}; use one of {UNITS}")

    @property
    def text(self) -> str:
        """The value as a person reads it: 18.3%, $1,204, 42 customers."""
        return format_value(self.value, self.unit)


def format_value(value: float | int | str, unit: str = "") -> str:
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if unit == "share":
        return f"{value * 100:.1f}%"
    if unit == "currency":
        return f"${value:,.0f}" if abs(value) >= 100 else f"${value:,.2f}"
    word = f" {unit}" if unit in ("customers", "orders") else ""
    if unit == "days":
        return f"{value:,.0f} days"
    if float(value).is_integer():
        return f"{round(value):,}{word}"
    return (f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}") + word


def fact_key(label: object) -> str:
    """A label as a fact-name part: "Can't Lose Them" → 'can_t_lose_them'."""
    return re.sub(r"[^0-9a-z]+", "_", str(label).lower()).strip("_")


_PLACEHOLDER = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)(?::(bare))?\}")


def say(template: str, facts: dict[str, Fact]) -> str:
    """Fill `{fact_name}` placeholders with formatted facts; `{name:bare}` drops the unit word.

    Summaries are built only this way, so every number in them is a fact.
    """

    def fill(match: re.Match[str]) -> str:
        fact = facts[match.group(1)]
        if match.group(2) == "bare" and fact.unit in ("customers", "orders"):
            return format_value(fact.value, "count")
        return fact.text

    return _PLACEHOLDER.sub(fill, template)


@dataclass
class Provenance:
    tool: str
    datasets: list[str] = field(default_factory=list)
    parameters: dict[str, Any] = field(default_factory=dict)
    rows_in: int = 0
    rows_out: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "datasets": list(self.datasets),
            "parameters": jsonable(self.parameters),
            "rows_in": int(self.rows_in),
            "rows_out": int(self.rows_out),
            "seconds": round(float(self.seconds), 4),
            "notes": list(self.notes),
        }


@dataclass
class Result:
    """The output of a tool. `tables` holds secondary tables (a curve, a matrix) by name."""

    table: pd.DataFrame
    facts: dict[str, Fact]
    summary: str
    provenance: Provenance
    chart: Any = None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def fact(self, name: str) -> float | int | str:
        return self.facts[name].value

    def facts_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {"fact": k, "value": f.value, "unit": f.unit, "label": f.label, "shown": f.text}
                for k, f in self.facts.items()
            ]
        )

    def to_dict(self, max_rows: int = 50) -> dict[str, Any]:
        """A JSON-safe view (the table is cut to `max_rows`), for traces and the assistant."""
        return {
            "summary": self.summary,
            "facts": {
                k: {"value": jsonable(f.value), "unit": f.unit, "label": f.label,
                    "text": f.text, "low_confidence": f.low_confidence}
                for k, f in self.facts.items()
            },
            "table": jsonable(self.table.head(max_rows).to_dict(orient="records")),
            "table_rows": len(self.table),
            "warnings": list(self.warnings),
            "provenance": self.provenance.to_dict(),
        }


def jsonable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set):
        return [jsonable(v) for v in obj]
    if isinstance(obj, pd.Timestamp):
        return obj.isoformat()
    if hasattr(obj, "item") and not isinstance(obj, str | bytes):
        try:
            obj = obj.item()
        except (ValueError, AttributeError):
            return str(obj)
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if obj is pd.NA or obj is pd.NaT:
        return None
    if isinstance(obj, str | int | float | bool) or obj is None:
        return obj
    if hasattr(obj, "model_dump"):
        return jsonable(obj.model_dump())
    return str(obj)
