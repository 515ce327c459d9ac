"""The typed form of a rule segment: conditions, and/or groups and an optional top-N.

Why typed: a filter is data, never code. Whether it arrives as text in the small
grammar or as structured conditions from tool calling, it becomes these models; the
engine evaluates them with plain pandas comparisons, and `filter_text` writes them
back as canonical text (parsing that text gives the same model again).
"""

from __future__ import annotations

import math
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Op = Literal[
    "=", "!=", ">", ">=", "<", "<=", "between", "in", "not in", "contains",
    "is missing", "is not missing",
]
Scalar = bool | int | float | str
LIST_OPS = frozenset({"in", "not in"})
MISSING_OPS = frozenset({"is missing", "is not missing"})
ORDER_OPS = frozenset({">", ">=", "<", "<="})

KEYWORDS = frozenset({
    "and", "or", "not", "in", "between", "contains", "is", "missing", "null", "empty",
    "blank", "top", "bottom", "by", "where", "among", "true", "false",
})
_PLAIN_NAME = re.compile(r"^[^\W\d]\w*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Condition(_Strict):
    """One test on one column, e.g. age between 25 and 40."""

    column: str = Field(min_length=1, max_length=200,
                        description="Column to test, e.g. 'age', 'region', 'revenue', 'rfm'.")
    op: Op = Field(description="Comparison: =, !=, >, >=, <, <=, between, in, not in, "
                               "contains, is missing, is not missing.")
    value: Scalar | list[Scalar] | None = Field(
        default=None,
        description="The value to compare with: one value; two values [low, high] for "
                    "'between'; a list for 'in' / 'not in'; nothing for the missing tests.")

    @model_validator(mode="after")
    def _value_fits_operator(self) -> Condition:
        value = self.value
        if self.op in MISSING_OPS:
            if value is not None:
                raise ValueError(f"'{self.op}' takes no value")
        elif self.op == "between":
            if not isinstance(value, list) or len(value) != 2:
                raise ValueError("'between' needs two values: [low, high]")
        elif self.op in LIST_OPS:
            values = value if isinstance(value, list) else [value]
            if not values or any(v is None for v in values):
                raise ValueError(f"'{self.op}' needs a list of one or more values")
            if len(values) > 1000:
                raise ValueError(f"'{self.op}' takes at most 1000 values")
            object.__setattr__(self, "value", values)
        elif value is None or isinstance(value, list):
            raise ValueError(f"'{self.op}' needs exactly one value")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, float) and not math.isfinite(item):
                raise ValueError("numbers must be finite")
        return self


class Group(_Strict):
    """Conditions joined by 'and' (all_of) or by 'or' (any_of); groups nest."""

    all_of: list[Condition | Group] | None = Field(
        default=None, description="Every one of these must hold (and).")
    any_of: list[Condition | Group] | None = Field(
        default=None, description="At least one of these must hold (or).")

    @model_validator(mode="after")
    def _one_kind(self) -> Group:
        if (self.all_of is None) == (self.any_of is None):
            raise ValueError("a group has either all_of or any_of, not both or neither")
        if not (self.all_of or self.any_of):
            raise ValueError("a group needs at least one condition")
        return self

    @property
    def items(self) -> list[Condition | Group]:
        return list(self.all_of or self.any_of or [])

    @property
    def joiner(self) -> str:
        return "and" if self.all_of is not None else "or"


Group.model_rebuild()


class TopN(_Strict):
    """The N (or the share) of customers with the highest (or lowest) value of a metric."""

    metric: str = Field(min_length=1, max_length=200,
                        description="Number to rank customers by, e.g. 'revenue', 'orders'.")
    n: int | None = Field(default=None, ge=1, le=100_000_000,
                          description="How many customers to keep, e.g. 100.")
    share: float | None = Field(default=None, gt=0, le=1,
                                description="Fraction of customers to keep, e.g. 0.1 for 10%.")
    ascending: bool = Field(default=False,
                            description="True keeps the lowest values (bottom N) instead.")

    @model_validator(mode="after")
    def _n_or_share(self) -> TopN:
        if (self.n is None) == (self.share is None):
            raise ValueError("give either n (a count) or share (a fraction), not both")
        return self


Where = Condition | Group


class Filter(_Strict):
    """A whole rule: which customers (where) and optionally the top N of them (top)."""

    where: Where | None = None
    top: TopN | None = None


def conditions_of(where: Where | None) -> list[Condition]:
    """Every condition in a tree, left to right."""
    if where is None:
        return []
    if isinstance(where, Condition):
        return [where]
    return [c for item in where.items for c in conditions_of(item)]


def quote_name(name: str) -> str:
    """A column name as the grammar reads it: bare when plain, else in backticks."""
    if _PLAIN_NAME.match(name) and name.lower() not in KEYWORDS:
        return name
    return "`" + name.replace("`", "") + "`"


def quote_value(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def condition_text(cond: Condition) -> str:
    column = quote_name(cond.column)
    value = cond.value
    if cond.op in MISSING_OPS:
        return f"{column} {cond.op}"
    if cond.op == "between":
        low, high = value  # type: ignore[misc]
        return f"{column} between {quote_value(low)} and {quote_value(high)}"
    if cond.op in LIST_OPS:
        items = ", ".join(quote_value(v) for v in value)  # type: ignore[union-attr]
        return f"{column} {cond.op} ({items})"
    return f"{column} {cond.op} {quote_value(value)}"  # type: ignore[arg-type]


def where_text(where: Where, nested: bool = False) -> str:
    if isinstance(where, Condition):
        return condition_text(where)
    parts = [where_text(item, nested=True) for item in where.items]
    if len(parts) == 1:
        return parts[0]
    text = f" {where.joiner} ".join(parts)
    return f"({text})" if nested else text


def top_text(top: TopN) -> str:
    word = "bottom" if top.ascending else "top"
    amount = str(top.n) if top.n is not None else f"{_percent(top.share)}%"
    return f"{word} {amount} by {quote_name(top.metric)}"


def _percent(share: float | None) -> str:
    value = round((share or 0) * 100, 6)
    return str(int(value)) if float(value).is_integer() else repr(value)


def filter_text(rule: Filter) -> str:
    """Canonical text of a rule; `parse_filter(filter_text(r)) == r`."""
    parts = []
    if rule.where is not None:
        # With a top clause an 'or' group is bracketed, so the top-N visibly applies to all.
        parts.append(where_text(rule.where, nested=rule.top is not None))
    if rule.top is not None:
        parts.append(top_text(rule.top))
    return " and ".join(parts) if parts else "all customers"
