"""Filter conditions as comparable sets: what a turn's segments apply, against what is expected.

A rule is parsed by the product's own grammar (`tools.rules.parser`) and cut into its
top-level conjuncts, each written one canonical way: column and text values in lower case,
numbers as numbers, 'in' lists sorted, a one-value 'in' the same as '=', an 'or' of
conditions as its sorted parts. So `age > 50 and gender = "Female"` and
`gender = female and age > 50.0` are the same two conditions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tools.rules.model import Condition, Group, Where
from tools.rules.parser import parse_filter
from tools.rules.tokens import FilterSyntaxError


def canonical_conditions(rule: str) -> set[str]:
    """The rule's conjuncts, canonical; ValueError when it does not parse."""
    try:
        parsed = parse_filter(rule)
    except (FilterSyntaxError, ValueError) as exc:
        raise ValueError(str(exc)) from None
    found = set(_conjuncts(parsed.where))
    if parsed.top is not None:
        top = parsed.top
        size = f"{top.share:g} share" if top.share is not None else f"{top.n}"
        found.add(f"{'bottom' if top.ascending else 'top'} {size} by {top.metric.lower()}")
    return found


def _conjuncts(where: Where | None) -> Iterable[str]:
    if where is None:
        return
    if isinstance(where, Group) and where.joiner == "and":
        for item in where.items:
            yield from _conjuncts(item)
        return
    yield _canonical(where)


def _canonical(where: Where) -> str:
    if isinstance(where, Group):
        return "(" + " or ".join(sorted(_canonical(item) for item in where.items)) + ")"
    return _condition(where)


def _condition(condition: Condition) -> str:
    column, op, value = condition.column.strip().lower(), condition.op, condition.value
    if op in ("in", "not in") and isinstance(value, list) and len(value) == 1:
        op, value = ("=" if op == "in" else "!="), value[0]
    if isinstance(value, list):
        shown = [_value(v) for v in value]
        text = ", ".join(shown if op == "between" else sorted(shown))
        return f"{column} {op} ({text})"
    return f"{column} {op} {_value(value)}".strip()


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"{float(value):g}"
    return " ".join(str(value).strip().lower().split()) if value is not None else ""


def applied_conditions(calls: Sequence[Any]) -> set[str]:
    """Conditions the turn's calls apply: every define_segment rule, and every segment a call
    runs within ('rfm/Champions' → rfm = champions)."""
    found: set[str] = set()
    defined = set()
    for call in calls:
        arguments = {**getattr(call, "parameters", {}), **getattr(call, "arguments", {})}
        if call.tool == "define_segment":
            rule = arguments.get("filter")
            if isinstance(rule, str):
                try:
                    found |= canonical_conditions(rule)
                except ValueError:
                    found.add(f"unparsed: {rule}")
            if arguments.get("name"):
                defined.add(str(arguments["name"]).lower())
        segment = arguments.get("segment")
        if isinstance(segment, str) and "/" in segment and segment.lower() not in defined:
            family, label = segment.split("/", 1)
            found.add(f"{family.strip().lower()} = {_value(label)}")
    return found
