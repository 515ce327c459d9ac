"""Plans about customers one by one and about counting rows per group.

- "who are our top 10 customers by revenue", "最大的10个客户", "customers with the highest
  Balance": `top_customers` with n, the measure ranked by and its direction;
- "how many orders did customer 13047 place", "tell me about customer Alan Smith":
  `customer_lookup` of the customer the data holds under that id or name;
- "how many customers by Education", "各地区的客户数": a count per group, not the overview;
- "customers who joined each year" on a customers-only table: a count per year of its own
  date column (`Dt_Customer:year`);
- "average rating by variation", "好评和差评各占多少比例" in a workspace of reviews only: a
  breakdown of that table, whose rows are the unit (`dataset`).
"""

from __future__ import annotations

import re
from typing import Any

from assistant.brains.local.concepts import concept_column
from assistant.brains.local.labels import aggregate_asked, blank, customer_columns_in
from assistant.brains.local.people import customer_in, customer_word_in
from assistant.brains.local.plans import Plan, Question
from assistant.brains.local.slots import columns_in, is_chinese, measure_in
from assistant.brains.local.steps import window_args, with_segment

LOW = re.compile(r"\bbottom\b|\blowest\b|\bsmallest\b|\bleast\b|\bworst\b|\bfewest\b|"
                 r"最小|最低|最少|倒数")
COUNT = re.compile(r"how many|number of|count of|\bcount\b|多少|几个|客户数|人数|数量|条数")
GROUPED = re.compile(r"\bby\b|\bper\b|\beach\b|for each|\bevery\b|各|每个|每|按|不同")
SHARE = re.compile(r"\bshare\b|percentage|proportion|\bsplit\b|占比|比例|各占")
PERIOD_WORDS = (("year", r"\byears?\b|\byearly\b|\bannual|每年|年份|按年|哪一年|各年"),
                ("quarter", r"\bquarters?\b|\bquarterly\b|季度"),
                ("month", r"\bmonths?\b|\bmonthly\b|每月|月份|按月"))
_NUMBER_AFTER = r"(?:top|best|bottom|biggest|largest|first|highest|lowest|前|最大的|最好的|最小的)"
_COUNTED = r"(?:customers?|clients?|buyers?|accounts?|客户|顾客|买家|用户)"
_ROWS = r"reviews?|ratings?|comments?|tickets?|feedback|评论|评价|好评|差评|工单|反馈"
_TOP_N = re.compile(rf"(?:\btop|\bbest|\bbiggest|\blargest|\bbottom|前|最大的?|最好的?|最小的?)"
                    rf"\s*(\d{{1,4}})\s*(?:个|位|名)?\s*{_COUNTED}")
_CUSTOMER_WORD = re.compile(r"customer|client|客户|顾客|\bid\b|#")
_GROUPABLE = ("categorical", "boolean", "numeric", "date")
_SEGMENT_QUESTIONS = ("out_of_scope", "help", "top_customers", "export_segment",
                      "search_feedback", "feedback_themes", "draft_personas", "compare_segments")
"""Intents kept when a customer is named: they are about groups or words, not one person."""


# -- top customers --------------------------------------------------------------------
def _n(text: str) -> int | None:
    match = re.search(rf"{_NUMBER_AFTER}\s*(\d{{1,4}})", text) or re.search(
        rf"(\d{{1,4}})\s*(?:个|位|名)?\s*(?:\w+\s+)?{_COUNTED}", text)
    return int(match.group(1)) if match else None


def _ranked_by(q: Question) -> str:
    """The number customers are ranked by: a numeric customer column the text names, else
    orders or revenue (the default)."""
    hits = customer_columns_in(q.text, q.schema.numbers) if q.schema.numbers else []
    if hits and (not q.schema.has_orders or hits[0].score >= 1):
        return hits[0].column
    measure = measure_in(q.text)
    if measure == "orders" or re.search(r"number of orders|most orders|order count|"
                                        r"how often|frequen|订单数|购买次数", q.text):
        return "orders"
    if measure == "avg_order_value":
        return "avg_order_value"
    return "revenue"


def top_customers(q: Question) -> Plan:
    args: dict[str, Any] = {"by": _ranked_by(q)}
    n = _n(q.text)
    if n:
        args["n"] = n
    if LOW.search(q.text):
        args["ascending"] = True
    window_args(q, args)
    return with_segment(q, "top_customers", args)


# -- one customer ---------------------------------------------------------------------
def named_customer(q: Question) -> str | None:
    """The customer the question names, as stored; an id made only of digits counts only
    right after a word such as 'customer' (so 'top 10' is never customer 10)."""
    hit = customer_in(q.raw, q.schema)
    if hit is None:
        return None
    value = hit[1]
    if value.isdigit():
        at = q.raw.find(value)
        if at < 0 or not _CUSTOMER_WORD.search(q.raw[max(0, at - 14):at].lower()):
            return None
    return value


def customer_lookup(q: Question) -> Plan:
    customer = named_customer(q) or customer_word_in(q.raw)
    if customer is None:
        if is_chinese(q.raw):
            reply = "哪位客户？请给出客户编号或姓名，例如：客户 12345 的订单。"
        else:
            reply = ("Which customer? Give their id or name as the data has it, e.g. "
                     "'orders of customer 12345'.")
        return Plan(reply=reply, kind="clarify")
    return Plan(steps=[("customer_lookup", {"customer": customer})])


# -- counts per group, periods of a customers' date, tables of reviews ------------------
def regrouped(q: Question, intent: str | None) -> Plan | None:
    """A plan that reads the question's grouping better than the classifier's intent, or
    None to keep the intent's own builder."""
    if intent not in _SEGMENT_QUESTIONS and named_customer(q) is not None:
        return customer_lookup(q)  # a customer the data holds is named: that customer
    if intent not in _SEGMENT_QUESTIONS and _TOP_N.search(q.text) and not re.search(
            r"%|percent|百分", q.text):
        return top_customers(q)  # 'top 3 customers by Income': so many customers, ranked
    if intent not in ("overview", "distribution", "define_segment", "breakdown",
                      "list_segments", "feedback_themes", "search_feedback", "vague", None):
        return None
    rows_table = _rows_table(q)
    if rows_table is not None:
        return _rows_plan(q, rows_table, intent)
    measured = _order_measure_plan(q)
    if measured is not None:
        return measured
    counted = COUNT.search(q.text) or re.match(rf"\s*(?:our |my |the )?{_COUNTED}\b", q.text)
    if not (counted and GROUPED.search(q.text)):
        return None  # 'customers per region' counts them; 'revenue per region' does not
    measure = measure_in(q.text)
    if measure not in (None, "orders") and (
            not re.search(_COUNTED, q.text) or aggregate_asked(q.text) in ("mean", "median")):
        return None  # '各地区的收入是多少', '订单金额的中位数是多少': an amount, not a count
    by = [m.column for m in columns_in(q.text, q.schema)
          if not (m.concept in ("month", "quarter", "weekday", "season")
                  and not q.schema.has_orders)]
    dated = _date_part(q)
    if dated:
        by = [dated, *[b for b in by if b != dated]]
    if not by:
        return None
    args: dict[str, Any] = {"by": by[:2], "metric": "count"}
    if q.schema.has_orders and re.search(r"\borders\b|订单", q.text):
        args["measure"] = "orders"
    window_args(q, args)
    return with_segment(q, "breakdown", args)


ORDER_NUMBER_ROLES = ("numeric", "quantity", "unit_price")
"""Numbers of the orders table a person may average or add up by name (Discount, Profit);
the amount itself is asked for as revenue or order value."""


def _order_measure_plan(q: Question) -> Plan | None:
    """'average Discount by Category', 'total Profit per Region': the named aggregate of a
    number of the orders table, per the groups the question names."""
    metric = aggregate_asked(q.text)
    if metric is None or q.schema.orders is None:
        return None
    roles = q.schema.columns.get(q.schema.orders, {})
    numbers = [c for c, r in roles.items() if r in ORDER_NUMBER_ROLES]
    hits = customer_columns_in(q.text, numbers)
    if not hits or (len(hits) > 1 and hits[1].score == hits[0].score):
        return None
    column = hits[0].column
    rest = blank(q.text, hits[0].spans)
    by = [m.column for m in columns_in(rest, q.schema) if m.column != column]
    if not by:
        return None
    args: dict[str, Any] = {"by": by[:2], "metric": metric, "measure": column}
    window_args(q, args)
    return with_segment(q, "breakdown", args)


def _date_part(q: Question) -> str | None:
    """'Dt_Customer:year' when a customers-only table has its own date and a period is
    asked ('joined each year'); the order date's periods are the breakdown's own."""
    if q.schema.has_orders or not q.schema.dates:
        return None
    period = next((p for p, words in PERIOD_WORDS if re.search(words, q.text)), None)
    if period is None:
        return None
    named = [c for c in q.schema.dates if re.search(
        rf"\b{re.escape(c.lower())}\b", q.text)]
    dates = named or [c for c in q.schema.dates if "birth" not in c.lower()] or q.schema.dates
    return f"{dates[0]}:{period}"


def _rows_table(q: Question) -> str | None:
    """The table whose rows the question counts when the workspace has no customers or
    orders: one holding the columns it names, or the only table there is."""
    if q.schema.customers is not None or q.schema.has_orders:
        return None
    texts = [d for d, roles in q.schema.columns.items() if "text" in roles.values()]
    named = [q.schema.has_column(m.column) for m in columns_in(q.text, q.schema)]
    named = [d for d in named if d in texts]
    if named:
        return named[0]
    if re.search(_ROWS, q.text) and len(texts) == 1:
        return texts[0]
    return None


def _rows_plan(q: Question, dataset: str, intent: str | None) -> Plan | None:
    """Counts, shares and averages over the rows of a reviews or tickets table."""
    roles = q.schema.columns[dataset]
    if intent in ("feedback_themes", "search_feedback") and not (
            SHARE.search(q.text) or COUNT.search(q.text)):
        return None  # '差评主要说什么' asks what they say, not how many there are
    found = [m.column for m in columns_in(q.text, q.schema) if m.column in roles]
    sentiment = re.search(r"positive|negative|sentiment|好评|差评|正面|负面|情感", q.text)
    if sentiment and not found and (SHARE.search(q.text) or COUNT.search(q.text)):
        place = concept_column("label", q.schema, [dataset])
        flag = place[1] if place else next((c for c, r in roles.items() if r == "boolean"), None)
        if flag:
            found = [flag]
    metric = aggregate_asked(q.text)
    numbers = [c for c in found if roles.get(c) == "numeric"]
    if metric and numbers:
        by = [c for c in found if c != numbers[0] and roles.get(c) in _GROUPABLE]
        if by:
            return Plan(steps=[("breakdown", {"by": by[:2], "metric": metric,
                                              "measure": numbers[0], "dataset": dataset})])
        return Plan(steps=[("distribution", {"column": numbers[0], "dataset": dataset})])
    by = [c for c in found if roles.get(c) in _GROUPABLE]
    if by:
        args: dict[str, Any] = {"by": by[:2], "dataset": dataset}
        if SHARE.search(q.text):
            args["metric"] = "share"
        return Plan(steps=[("breakdown", args)])
    if COUNT.search(q.text) and re.search(_ROWS, q.text):
        return Plan(steps=[("overview", {})])
    return None


BUILDERS = {"top_customers": top_customers, "customer_lookup": customer_lookup}
