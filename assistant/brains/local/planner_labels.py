"""Plans that use what the customers table has: its yes/no labels and its numeric columns.

- "churn rate by contract", "流失率按合同类型": a breakdown whose metric is the rate of the
  label's yes side (Churn = Yes) within each group;
- "average monthly charge by churn status": the mean (or median) of that numeric column
  per group — never banded counts;
- "how many customers churned", "what is our churn rate": the rule segment of the yes side
  (its size and share of all customers);
- "who is likely to churn": that segment against everyone else (what sets them apart);
- "compare churned and retained", "draft a persona for churned customers", "export them":
  the label's sides become rule segments any segment-taking tool can use.
Which column is meant is decided from the workspace's schema (the columns' names and
values), so "churn" means Churn Yes/No in one workspace and Exited 0/1 in another.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.brains.local import replies
from assistant.brains.local.flags import Flag
from assistant.brains.local.label_refs import label_segments
from assistant.brains.local.labels import (
    LabelMention,
    aggregate_asked,
    blank,
    customer_columns_in,
    label_in,
)
from assistant.brains.local.plans import Plan, Question
from assistant.brains.local.scope import in_by_clause
from assistant.brains.local.slots import PERIODS, columns_in, is_chinese
from assistant.brains.local.steps import makers
from assistant.wording import spoken

RATE = re.compile(r"\brates?\b|share of|percentage of|percent of|proportion of|fraction of|"
                  r"how likely|likelihood|比例|占比|率")
BY = re.compile(r"\bby\b|\bper\b|for each|\bacross\b|\beach\b|按|各|不同")
COUNT = re.compile(r"how many|number of|count of|多少|几个|数量")
PROFILE = re.compile(r"likely|at risk|risk of|about to|going to|\bwill\b|predict|look like|"
                     r"\bprofile|describe|differ|what sets|who are|"
                     r"可能|风险|将要|会|特征|什么样|区别")
COHORT = re.compile(r"cohort|批次|同期")
SEGMENT_INTENTS = {"compare_segments", "draft_personas", "export_segment", "feedback_themes",
                   "search_feedback", "cluster_customers", "distribution", "behaviour_cohorts"}
"""Questions about the label's customers as a group: its sides become rule segments."""


def label_plan(q: Question, intent: str | None) -> Plan | None:
    """A plan on the customers' own columns, or None when the question is not about them."""
    if q.schema.customers is None:
        return None
    mention = label_in(q.text, q.schema)
    if mention is not None and mention.others and intent not in ("out_of_scope", "help"):
        return Plan(reply=_ask_label(mention, is_chinese(q.raw)), kind="clarify")
    measure = _numeric_measure(q, mention)
    if isinstance(measure, Plan):
        return measure
    taken = {mention.flag.column} if mention else set()
    hidden = [(mention.at, mention.end)] if mention else []
    sides = {ref.label for ref, _ in label_segments(q)}
    hidden += [(r.at, r.at + len(r.label)) for r in q.refs if r.label not in sides]
    if measure:
        taken.add(measure[1])
        hidden += list(measure[2])
    groups = _groups(q, taken, hidden)
    if measure:
        by = ([mention.flag.column] if mention else []) + groups
        if not by or intent in ("draft_personas", "compare_segments", "export_segment"):
            return None
        metric, column, _ = measure
        return _scoped(q, {"by": by[:2], "metric": metric, "measure": column})
    if mention is None or intent in ("out_of_scope", "help") or COHORT.search(q.text):
        return None  # retention of acquisition cohorts needs dated orders
    if intent in SEGMENT_INTENTS and not (groups and RATE.search(q.text)):
        return None
    flag = mention.flag
    if groups and (RATE.search(q.text) or BY.search(q.text)):
        grouped_by_label = bool(BY.search(q.text[max(0, mention.at - 8):mention.at]))
        if grouped_by_label and not RATE.search(q.text):
            return Plan(steps=[("breakdown", {"by": [flag.column, *groups][:2]})])
        args: dict[str, Any] = {"by": groups[:2], "metric": "rate", "measure": flag.column}
        if flag.is_status and not mention.yes:
            return Plan(reply=_ask_status(flag, groups[0], is_chinese(q.raw)), kind="clarify")
        if flag.is_status:  # which of the status values counts must be said
            args["rate_value"] = flag.value_text(True)
        elif not mention.yes:
            args["rate_value"] = flag.value_text(False)
        return _scoped(q, args)
    if BY.search(q.text[max(0, mention.at - 8):mention.at]):
        return Plan(steps=[("breakdown", {"by": [flag.column]})])
    ref, define = label_segments(q)[0]
    focus = [ref]
    if PROFILE.search(q.text) and not COUNT.search(q.text):
        return Plan(steps=[("define_segment", define), ("compare_segments", {"first": ref.ref})],
                    focus=focus, highlight=ref.label)
    return Plan(steps=[("define_segment", define)], focus=focus, highlight=ref.label)


def _scoped(q: Question, args: dict[str, Any]) -> Plan:
    """A breakdown within the segment the question names ('… of the Champions'), if any;
    the label's own sides are what is measured, never the scope."""
    sides = {ref.label for ref, _ in label_segments(q)}
    refs = [r for r in q.refs if r.label not in sides]
    steps = makers(q, refs[:1])
    if refs:
        args["segment"] = refs[0].ref
    return Plan(steps=[*steps, ("breakdown", args)], focus=refs[:1] or None)


def _numeric_measure(q: Question, mention: LabelMention | None
                     ) -> tuple[str, str, tuple[tuple[int, int], ...]] | Plan | None:
    """('mean' | 'median' | 'sum', column, its words' spans) when the text asks for the average of
    a numeric customer column."""
    metric = aggregate_asked(q.text)
    if metric is None or not q.schema.numbers:
        return None
    hidden = [(mention.at, mention.end)] if mention else []
    # 'with a credit score between 600 and 700' is a condition, not the number asked about
    hidden += [(c.at, c.end) for c in q.conditions if c.end > 0]
    text = blank(q.text, hidden)
    hits = customer_columns_in(text, q.schema.numbers)  # "churn" is the label, not a number
    if not hits:
        return None
    tied = [h.column for h in hits if h.score == hits[0].score]
    if len(tied) > 1:
        shown = " or ".join(f"‘{spoken(c)}’" for c in tied[:3])
        if is_chinese(q.raw):
            return Plan(reply=f"你指的是哪个数字：{shown}？", kind="clarify")
        return Plan(reply=f"Which number do you mean: {shown}?", kind="clarify")
    return metric, hits[0].column, hits[0].spans


def _groups(q: Question, taken: set[str], hidden: list[tuple[int, int]]) -> list[str]:
    """Columns to group by, in reading order, leaving out the label and the measure (and
    their words: 'monthly' in 'monthly charge' is no month to group by)."""
    # the words of a yes/no condition ('without a credit card') name no group either
    hidden = [*hidden, *((c.at, c.end) for c in q.conditions if c.end > 0)]
    text = blank(q.text, hidden)
    spans = [(m.at, m.column) for m in columns_in(text, q.schema)
             if q.schema.has_orders or m.concept not in PERIODS]
    names = list(q.schema.categories) + [f.column for f in q.schema.flags] + q.schema.numbers
    flags = {f.column for f in q.schema.flags}
    # a yes/no column is a group only after 'by' ('by active status'); 'for active members'
    # is a condition, which `scope` applies as a filter
    spans += [(h.at, h.column) for h in customer_columns_in(text, names) if h.score >= 1
              and (h.column not in flags or in_by_clause(q.text, h.at))]
    picked: list[str] = []
    for _, column in sorted(spans):
        if column not in taken and column not in picked:
            picked.append(column)
    return picked


def _ask_label(mention: LabelMention, chinese: bool) -> str:
    """Several yes/no columns fit the word equally well: name them and ask."""
    shown = " or ".join(f"‘{spoken(c)}’" for c in (mention.flag.column, *mention.others[:3]))
    if chinese:
        return f"你指的是哪一列：{shown.replace(' or ', '、')}？"
    return f"Which column do you mean: {shown}?"


def _ask_status(flag: Flag, group: str, chinese: bool) -> str:
    """A 'not churned' rate over a status column with several other values: ask first."""
    value, column = flag.value_text(True), spoken(flag.column)
    if chinese:
        return (f"‘{column}’ 除了 ‘{value}’ 还有其他几个值。要看按 {spoken(group)} 统计的 "
                f"‘{value}’ 比例吗？")
    return (f"‘{column}’ has several values besides ‘{value}’. Do you want the share of "
            f"‘{value}’ customers by {spoken(group)} instead?")


def no_orders_plan(q: Question, tool: str) -> Plan:
    """What a question that needs orders gets in a workspace without them."""
    text, suggestions = replies.needs_orders(tool, q.schema, is_chinese(q.raw))
    return Plan(reply=text, kind="refuse", suggestions=suggestions)
