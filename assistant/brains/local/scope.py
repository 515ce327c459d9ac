"""Every condition a question names is applied, or said: never a silent answer on everyone.

"Among women in Germany, what is the churn rate by number of products?" is a breakdown
of the churn rate by number of products *on* women in Germany. Whatever the planner
chose, this pass reads the conditions the question names (category values resolved
against the data, gender words, ages, spend, order counts, the customers table's yes/no
columns such as "active members") and checks the plan against them:

- a condition the plan already uses (a rule it defines, a column it groups by, the column
  it measures or describes) is left alone;
- the others become one rule segment, defined within the segment the plan already had,
  and the last tool runs on it — when that tool takes a segment;
- a tool that takes no segment keeps its plan and the answer's first line names what was
  not applied.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from assistant.brains.local.flags import Flag, quoted_column
from assistant.brains.local.labels import blank, customer_columns_in, label_in
from assistant.brains.local.rules import (
    Condition,
    comparison,
    conditions_in_text,
    rule_name,
)
from assistant.brains.local.segments import SegmentRef
from assistant.brains.local.slots import absent_places, place_columns
from assistant.brains.local.writer import chinese_title
from assistant.wording import segment_label, spoken
from tools.registry import all_tools
from tools.rules.model import conditions_of as rule_conditions
from tools.rules.parser import parse_filter
from tools.rules.tokens import FilterSyntaxError

BY = re.compile(r"\bby\b|\bper\b|for each|\bacross\b|\beach\b|\bsplit\b|按|各|分")
CLAUSE_END = re.compile(r"\b(?:for|among|in|of|who|with|where|that|whose|from|within|and)\b|"
                        r"[,.;?，。；？的中]")
NEGATION = re.compile(r"(?:\bnot|\bnon|\bno|\bwithout|\bexcluding|\bnever)(?:[\s-]+[a-z]+){0,2}"
                      r"[\s-]*$|(?:非|不是|没有|无|不)\S{0,2}$|~$")
_SEGMENT_LISTS = ("first", "second", "segments")
"""Arguments naming the segments a tool compares or describes (compare, personas)."""
NAMED = re.compile(r"called|named|name it|save (?:it )?as|叫做|命名")
_WRITES_NO_SEGMENT = {"define_segment"}
"""Tools whose own arguments carry the conditions (a rule is its filter)."""


@cache
def segment_takers() -> frozenset[str]:
    """Tools whose arguments include a segment to run on, read from their parameter models."""
    return frozenset(name for name, spec in all_tools().items()
                     if "segment" in spec.params.model_fields)


def conditions_of(text: str, schema: Any) -> list[Condition]:
    """The conditions the question names, in reading order."""
    found = conditions_in_text(text, schema)
    found += _flag_conditions(text, schema, {c.column for c in found})
    found += _number_conditions(text, schema, {c.column.lower() for c in found})
    return sorted(found, key=lambda c: c.at)


_NUMBER = r"\$?(\d[\d,]*(?:\.\d+)?)\s*(k|m|万|千)?"
_COMPARE = (r"(above|over|more than|greater than|higher than|at least|no less than|>=|>|"
            r"below|under|less than|fewer than|lower than|at most|no more than|<=|<|"
            r"超过|大于|高于|多于|不少于|至少|低于|小于|少于|不超过|至多|between|介于|在)")
_AFTER = re.compile(rf"^\s*(?:is|are|of|was|were)?\s*{_COMPARE}\s*{_NUMBER}"
                    rf"(?:\s*(?:and|to|-|–|到|至|和)\s*{_NUMBER})?\s*(以上|以下|之间)?")
_BEFORE = re.compile(rf"{_COMPARE}\s*{_NUMBER}\s*(?:of\s+)?$")
_SCALE = {"k": 1_000, "m": 1_000_000, "千": 1_000, "万": 10_000}


def _number(digits: str, scale: str | None) -> float:
    return float(digits.replace(",", "")) * _SCALE.get((scale or "").lower(), 1)


def _number_conditions(text: str, schema: Any, taken: set[str]) -> list[Condition]:
    """'a balance above 100000', 'more than 2 products', '余额超过10万', 'credit score between
    600 and 700': a comparison on a numeric column of the customers table."""
    if not getattr(schema, "customers", None) or not schema.numbers:
        return []
    found = []
    for hit in customer_columns_in(text, [c for c in schema.numbers if c.lower() not in taken]):
        if hit.score < 1:
            continue
        end = max(b for _, b in hit.spans)
        after = _AFTER.match(text[end:])
        before = _BEFORE.search(text[max(0, hit.at - 30):hit.at])
        if after:
            word, low, low_scale, high, high_scale, tail = after.groups()
            span_end = end + after.end()
        elif before:
            word, low, low_scale = before.groups()
            high = high_scale = tail = None
            span_end = end
        else:
            continue
        column = quoted_column(hit.column)
        first = _number(low, low_scale)
        if high is not None:
            second = _number(high, high_scale)
            rule, words = (f"{column} between {first:g} and {second:g}",
                           f"{spoken(hit.column)} {first:g}-{second:g}")
        else:
            op, _ = comparison(word)
            if tail == "以下" and not op.startswith("<"):  # '在10万以下'
                op = "<" + op[1:]
            below = op.startswith("<")
            rule = f"{column} {op} {first:g}"
            words = f"{spoken(hit.column)} {'under' if below else 'over'} {first:g}"
        start = hit.at - (len(before.group(0)) if before and not after else 0)
        found.append(Condition(hit.column, rule, words, start, span_end, "number"))
        taken.add(hit.column.lower())
    return found


def _flag_conditions(text: str, schema: Any, taken: set[str]) -> list[Condition]:
    """'active members', 'credit card holders', 'non-members': a yes/no column of the
    customers table named outside a 'by …' clause, other than the label measured."""
    if not getattr(schema, "customers", None) or not schema.flags:
        return []
    measured = label_in(text, schema)
    hidden = [(measured.at, measured.end)] if measured else []
    flags = {f.column: f for f in schema.flags
             if f.column not in taken and not (measured and f.column == measured.flag.column)}
    found = []
    text = _negated_prefixes(text, flags.values())
    for hit in customer_columns_in(blank(text, hidden), list(flags)):
        if hit.score < 1 or in_by_clause(text, hit.at):
            continue
        flag: Flag = flags[hit.column]
        yes = not NEGATION.search(text[max(0, hit.at - 24):hit.at])
        words = " ".join(w for w in spoken(flag.column).split() if w not in ("is", "has"))
        end = max(b for _, b in hit.spans)
        found.append(Condition(flag.column, flag.condition(yes),
                               words if yes else f"not {words}", _phrase_start(text, hit.at),
                               end))
    return found


def _negated_prefixes(text: str, flags: Any) -> str:
    """'inactive', 'unsubscribed', 'nonmember' → '~~active' …: the flag's word stays where it
    was, and the marker before it says 'not'."""
    tokens = {t for flag in flags for t in flag.words if len(t) >= 4}
    if not tokens:
        return text
    words = "|".join(sorted(map(re.escape, tokens), key=len, reverse=True))
    return re.sub(rf"\b(in|un|non-?)(?=(?:{words}))", lambda m: "~" * len(m.group(1)), text)


_FUNCTION_WORDS = frozenset({"a", "an", "the", "for", "of", "in", "with", "without", "by", "and",
                             "or", "not", "no", "non", "who", "are", "is", "have", "has", "had",
                             "customers", "customer", "clients", "among", "only", "all"})


def _phrase_start(text: str, at: int) -> int:
    """Where the noun phrase ending in the matched word starts: 'credit card' in 'without a
    credit card' (up to two words back, stopping at a function word)."""
    start = at
    for _ in range(2):
        before = re.search(r"([a-z]+)\s+$", text[:start])
        if before is None or before.group(1) in _FUNCTION_WORDS:
            break
        start = before.start(1)
    return start


def in_by_clause(text: str, at: int) -> bool:
    """True when position `at` lies in a 'by …' / '按…' clause (a grouping, not a filter)."""
    before = text[:at]
    by = list(BY.finditer(before))
    if not by:
        return False
    return CLAUSE_END.search(before[by[-1].end():]) is None


def used_columns(steps: list[tuple[str, dict[str, Any]]]) -> tuple[set[str], set[str]]:
    """Columns the plan already reads: (in rule filters, grouped by or measured)."""
    filtered: set[str] = set()
    read: set[str] = set()
    for _, args in steps:
        for key in ("by", "column", "measure", "columns"):
            value = args.get(key)
            values = value if isinstance(value, list | tuple) else [value]
            read.update(str(v).lower() for v in values if v)
        rule = args.get("filter")
        if isinstance(rule, str):
            filtered |= _rule_columns(rule)
    return filtered, read


def _rule_columns(rule: str) -> set[str]:
    """The columns a rule tests, read by the rule grammar's own parser."""
    try:
        parsed = parse_filter(rule)
    except (FilterSyntaxError, ValueError):
        return set()  # the define_segment call itself will say what is wrong with it
    columns = {c.column.lower() for c in rule_conditions(parsed.where)}
    return columns | ({parsed.top.metric.lower()} if parsed.top is not None else set())


def _missing(conditions: list[Condition], steps: list[tuple[str, dict[str, Any]]]
             ) -> list[Condition]:
    """Conditions no step applies. A comparison ('at least 4 orders') is applied only by a
    filter; a value or a yes/no side also by grouping on, or measuring, its column."""
    filtered, read = used_columns(steps)
    return [c for c in conditions if c.column.lower() not in filtered and
            (c.kind == "number" or c.column.lower() not in read)]


def scoped(plan: Any, question: Any, chinese: bool) -> Any:
    """The plan with every condition of the question applied, or named in a note.

    A condition whose words name a segment the question refers to ('Women', a saved rule)
    is that segment's, not a new one."""
    if plan.reply is not None or not plan.steps:
        return plan
    text, schema = question.text, question.schema
    refs = [r for r in question.refs if r.at >= 0]
    conditions = []
    for condition in question.conditions:
        ref = next((r for r in refs if r.at <= condition.at < r.at + len(r.label) and
                    max(condition.at, condition.end - 1) < r.at + len(r.label)), None)
        if ref is None:
            conditions.append(condition)
        elif condition.negated:  # 'excluding California' is not the segment 'California'
            conditions.append(condition)
            plan = _without_segment(plan, ref.ref)
    absent = absent_places(text, schema)
    if absent:
        plan = _without_places(plan, absent, conditions, question, chinese)
        if plan.reply is not None:
            return plan
    tool, args = plan.steps[-1]
    plan, args = _filters_not_groups(plan, conditions, text)
    values = {c.column.lower() for c in conditions if c.kind == "value"}
    grouped = {str(c).lower() for c in args.get("by", [])}
    if tool == "breakdown" and grouped and grouped <= values and not BY.search(text) and \
            len(conditions) > len(grouped):
        # 'customers in Canada with 4+ orders': the values say who, not groups to compare
        args = {k: v for k, v in args.items() if k in ("segment", "start", "end")}
        plan = replace(plan, steps=[*plan.steps[:-1], ("overview", args)])
        tool = "overview"
    missing = _missing(conditions, plan.steps)
    if not missing:
        return plan
    if tool == "list_segments":  # a rule's size, within the segment counted if one is named
        within = next((r for r in plan.focus or [] if r.segmentation != "rule"), None)
        rule = " and ".join(c.text for c in conditions)
        name = rule_name([c.words for c in conditions], within.label if within else None)
        define = {"filter": rule, "name": name}
        if within is not None:
            define["segment"] = within.ref
        before = plan.steps[:-1] if within is not None else []
        return replace(plan, steps=[*before, ("define_segment", define)],
                       focus=[SegmentRef("rule", name)], highlight=name)
    if tool in _WRITES_NO_SEGMENT:
        rule = " and ".join([args["filter"], *(c.text for c in missing)])
        extended = {**args, "filter": rule}
        if not NAMED.search(text):  # a name of the marketer's own choosing stays
            extended["name"] = rule_name([c.words for c in conditions])
        steps = [*plan.steps[:-1], (tool, extended)]
        focus = [SegmentRef("rule", extended["name"])]
        return replace(plan, steps=steps, focus=focus, highlight=extended["name"])
    if any(isinstance(args.get(key), str | list) for key in _SEGMENT_LISTS):
        return _each_segment_scoped(plan, missing)
    if tool not in segment_takers():
        return replace(plan, notes=[*plan.notes, not_applied(missing, tool, chinese)])
    base = args.get("segment")
    name = rule_name([c.words for c in missing], segment_label(base) if base else None)
    define: dict[str, Any] = {"filter": " and ".join(c.text for c in missing), "name": name}
    if base:
        define["segment"] = base
    steps = [*plan.steps[:-1], ("define_segment", define), (tool, {**args, "segment": name})]
    return replace(plan, steps=steps, focus=[SegmentRef("rule", name)])


def not_applied(missing: list[Condition], tool: str, chinese: bool) -> str:
    """The first-line note for conditions a tool cannot take."""
    names = ", ".join(c.words for c in missing)
    if chinese:
        return f"未应用的条件：{names}（{chinese_title(tool)}不能限定客户范围，结果针对全部客户）。"
    spec = all_tools().get(tool)
    title = spec.title if spec else tool.replace("_", " ")
    return (f"Not applied: {names} ({title} cannot be limited to a group of customers, so "
            "this is on everyone).")


def _without_places(plan: Any, absent: list[str], conditions: list[Condition], question: Any,
                    chinese: bool) -> Any:
    """A place with no customers is said first; when it was the only place asked, the
    question goes back with the places the data does hold."""
    columns = place_columns(question.schema)
    kept = [c for c in conditions if c.column in columns]
    names = "、".join(absent) if chinese else ", ".join(absent)
    if columns and not kept:
        column, values = next(iter(columns.items()))
        shown = values[:8]
        if chinese:
            listed = "、".join(shown)
            reply = (f"{names}：数据中没有这里的客户。数据中的{spoken(column)}有：{listed}。"
                     "要看哪一个？")
        else:
            listed = ", ".join(shown[:-1]) + f" or {shown[-1]}" if len(shown) > 1 else shown[0]
            reply = (f"{names}: no customers there in your data. Your data has customers in "
                     f"{listed}; which should I use?")
        asked = re.compile(re.escape(absent[0]), re.IGNORECASE)
        suggestions = [asked.sub(value, question.raw, count=1) for value in shown[:3]]
        return replace(plan, steps=[], reply=reply, kind="clarify",
                       suggestions=[q for q in suggestions if q != question.raw] or None)
    if chinese:
        note = (f"{names}：数据中没有这里的客户" +
                (f"；只看{'、'.join(c.words for c in kept)}。" if kept else
                 "（数据没有地区或国家列），结果针对全部客户。"))
    else:
        note = (f"{names}: no customers there in your data" +
                (f"; showing {', '.join(c.words for c in kept)} only." if kept else
                 " (it has no country or region column), so this is on everyone."))
    return replace(plan, notes=[*plan.notes, note])


def _without_segment(plan: Any, ref: str) -> Any:
    """The plan with the segment `ref` no longer scoping its last step."""
    tool, args = plan.steps[-1]
    if args.get("segment") != ref:
        return plan
    kept = {k: v for k, v in args.items() if k != "segment"}
    return replace(plan, steps=[*plan.steps[:-1], (tool, kept)], focus=None)


def _each_segment_scoped(plan: Any, missing: list[Condition]) -> Any:
    """'compare Champions and At Risk in Canada': each named segment, within the conditions."""
    tool, args = plan.steps[-1]
    steps = list(plan.steps[:-1])
    scoped_args = dict(args)
    rule = " and ".join(c.text for c in missing)
    words = [c.words for c in missing]

    names: list[str] = []

    def within(ref: object) -> str:
        names.append(rule_name(words, segment_label(ref)))
        steps.append(("define_segment", {"filter": rule, "name": names[-1],
                                         "segment": str(ref)}))
        return names[-1]

    for key in _SEGMENT_LISTS:
        value = args.get(key)
        if isinstance(value, str):
            scoped_args[key] = within(value)
        elif isinstance(value, list):
            scoped_args[key] = [within(ref) for ref in value]
    return replace(plan, steps=[*steps, (tool, scoped_args)],
                   focus=[SegmentRef("rule", names[0])])


def _filters_not_groups(plan: Any, conditions: list[Condition], text: str
                        ) -> tuple[Any, dict[str, Any]]:
    """'revenue by sales channel for women in Texas': the planner may group by gender as
    well; a value said outside the 'by …' clause is who is counted, so its column leaves
    the grouping (when other groups remain) and the value becomes a filter."""
    tool, args = plan.steps[-1]
    grouped = [str(c) for c in args.get("by", [])]
    said = {c.column.lower() for c in conditions
            if c.kind == "value" and not in_by_clause(text, c.at)}
    kept = [c for c in grouped if c.lower() not in said]
    if tool != "breakdown" or not kept or len(kept) == len(grouped):
        return plan, args
    args = {**args, "by": kept}
    return replace(plan, steps=[*plan.steps[:-1], (tool, args)]), args
