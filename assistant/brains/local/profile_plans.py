"""Plans for the questions about the data itself: overview, one column, a metric by groups,
a rule segment, the saved segments, RFM and lifecycle."""

from __future__ import annotations

import re
from typing import Any

from assistant.brains.local import replies
from assistant.brains.local.labels import aggregate_asked, column_named
from assistant.brains.local.plans import Plan, Question
from assistant.brains.local.rules import rule_from_text
from assistant.brains.local.segments import SegmentRef, maker_for, segmentation_named
from assistant.brains.local.slots import (
    columns_in,
    is_chinese,
    measure_in,
    unknown_by_column,
    values_at,
    values_in,
    window_in,
)
from assistant.brains.local.steps import makers, window_args, with_segment


def _overview(q: Question) -> Plan:
    args: dict[str, Any] = {}
    window_args(q, args)
    return with_segment(q, "overview", args)


def _distribution(q: Question) -> Plan:
    columns = columns_in(outside_conditions(q), q.schema)  # 'women who…' chooses, not groups
    measure = measure_in(q.text)
    if len(columns) >= 2 or (columns and measure and re.search(r"\bby\b|按|各", q.text)):
        return breakdown_plan(q)
    values = values_in(q.text, q.schema)
    if not columns and values:
        column = values[0][1]
    elif not columns and measure:
        column = "revenue" if measure in ("revenue", "amount") else measure
    elif columns:
        column = columns[0].column
    else:
        unknown = unknown_by_column(q.text, q.schema)
        if unknown:
            column = unknown
        else:
            return Plan(reply=replies.clarify_column(q.schema, is_chinese(q.raw)), kind="clarify")
    args: dict[str, Any] = {"column": column}
    window_args(q, args)
    return with_segment(q, "distribution", args)


_COMPARES = re.compile(r"\bthan\b(?!\s*\$?\d)|\bvs\b|versus|compar|differ|相比|对比|比较|差别|区别")
"""Words that set groups side by side ('spend more than those from social media')."""


def outside_conditions(q: Question) -> str:
    """The question without its conditions' words: a measure named inside a condition
    ('消费超过500的客户') chooses customers; it is not what to measure."""
    text = q.text
    for condition in q.conditions:
        one_value = condition.kind == "value" and " in (" not in condition.text
        if (condition.kind == "number" or one_value) and 0 <= condition.at < condition.end:
            text = text[:condition.at] + " " * (condition.end - condition.at) + \
                text[condition.end:]
    return text


def breakdown_plan(q: Question) -> Plan:
    named = [(a, b) for a, b, _, _ in values_at(q.text, q.schema)]
    columns = [m.column for m in columns_in(outside_conditions(q), q.schema)  # '女' in 女性
               if not any(a <= m.at < b for a, b in named)]  # is a value, '4 months' a condition
    if not columns:  # values set side by side ('Germany vs France') name their column
        named_columns = [column for _, column, _ in values_in(q.text, q.schema)]
        compares = _COMPARES.search(q.text)
        columns = [c for c in dict.fromkeys(named_columns)
                   if compares or named_columns.count(c) > 1]
        if not columns and named_columns and measure_in(outside_conditions(q)):
            return _overview(q)  # one value per column is whom to measure: a segment
    unknown = unknown_by_column(q.text, q.schema)
    if not columns and unknown:  # the customers' own column, by its words ('合同类型' → Contract)
        names = [*q.schema.categories, *(f.column for f in q.schema.flags), *q.schema.numbers]
        columns = [column_named(unknown, names) or unknown]  # else the tool lists the columns
    if not columns and re.search(r"\bwhere\b|哪里|哪儿", q.text):
        columns = ["region"]
    if not columns and q.memory.last_tool == "breakdown":
        columns = list(q.memory.last_args.get("by", []))
    if not columns:
        return Plan(reply=replies.clarify_column(q.schema, is_chinese(q.raw)), kind="clarify")
    measure = measure_in(outside_conditions(q))  # 'spent over 500' is whom, not what
    columns = [c for c in columns if c != measure] or columns  # the measure is no group
    args: dict[str, Any] = {"by": columns[:2]}
    if re.search(r"\bshare\b|percentage|proportion|占比|比例", q.text):
        args["metric"] = "share"
    if re.search(r"number of customers|how many customers|count of customers|客户数", q.text):
        args["metric"] = "count"
        measure = None
    if measure in ("revenue", "amount") and re.search(
            r"per (person|customer|head|buyer)|each customer|spend more|highest spenders|"
            r"biggest spenders|人均", q.text):
        args.update(metric="mean", measure="revenue")
        measure = None
    if measure == "avg_order_value":  # the order amount's median when that is asked
        args.update(metric="median" if aggregate_asked(q.text) == "median" else "mean",
                    measure="amount")
    elif measure in ("revenue", "amount"):
        args.update(metric=aggregate_asked(q.text) or "sum", measure=measure)
    elif measure == "orders" and not re.search(r"how many customers", q.text):
        args.update(metric="sum", measure="orders")
    window_args(q, args)
    return with_segment(q, "breakdown", args)


def _define_segment(q: Question) -> Plan:
    rule = rule_from_text(q.text, q.schema)
    if rule is None:
        return Plan(reply=replies.clarify_rule(is_chinese(q.raw)), kind="clarify")
    args: dict[str, Any] = {"filter": rule.filter, "name": rule.name}
    refs = q.refs
    steps = makers(q, refs[:1])
    if refs:
        args["segment"] = refs[0].ref
    return Plan(steps=[*steps, ("define_segment", args)], focus=[SegmentRef("rule", rule.name)],
                highlight=rule.name)


def _list_segments(q: Question) -> Plan:
    refs = q.refs
    steps = makers(q, refs[:1])
    named = refs[0].segmentation if refs else segmentation_named(q.text, q.saved)
    if named and not refs:
        maker = maker_for(named, q.saved)
        steps = [maker] if maker else []
    args = {"segmentation": named} if named else {}
    return Plan(steps=[*steps, ("list_segments", args)], focus=refs[:1] or None,
                highlight=refs[0].label if refs else None)


def _rfm(q: Question) -> Plan:
    args: dict[str, Any] = {}
    window = window_in(q.text, q.schema)
    if window and window.days:
        args["window_days"] = window.days
    elif re.search(r"last year|past year|去年|过去一年", q.text):
        args["window_days"] = 365
    refs = [r for r in q.refs if r.segmentation != "rfm"]
    if refs:
        args["segment"] = refs[0].ref
    return Plan(steps=[("rfm", args)])


def _lifecycle(q: Question) -> Plan:
    return Plan(steps=[("lifecycle", {})])


PROFILE_BUILDERS = {
    "overview": _overview,
    "distribution": _distribution,
    "breakdown": breakdown_plan,
    "define_segment": _define_segment,
    "list_segments": _list_segments,
    "rfm": _rfm,
    "lifecycle": _lifecycle,
}
