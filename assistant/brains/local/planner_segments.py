"""Plans for the segmentation tools and for what is done with segments.

Segmentations: clusters, consumer types, value tiers, Pareto, CLV, behaviour cohorts and
retention; with segments: comparisons, health, stability, migration, exports, feedback
search and themes, and personas.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant.brains.local import replies
from assistant.brains.local.plans import Plan, Question
from assistant.brains.local.profile_plans import breakdown_plan
from assistant.brains.local.rules import rule_from_text
from assistant.brains.local.segments import SegmentRef, maker_for, segmentation_named
from assistant.brains.local.slots import (
    columns_in,
    contains_word,
    is_chinese,
    months_ahead,
    number_before,
    percent_in,
    values_in,
)
from assistant.brains.local.steps import GROUPS, makers, window_args, with_segment

_LOW = re.compile(r"complain|unhappy|negative|bad review|low rating|1-2 star|one star|angry|"
                  r"pain|problem|issue|frustrat|dislike|hate|抱怨|不满|差评|投诉|痛点")
_HIGH = re.compile(r"\blove|like about|happy|positive|praise|5 star|five star|good review|"
                   r"喜欢|好评|满意")
_FEEDBACK_FILLER = re.compile(
    r"^(what|how|do|does|did|are|is|any|find|search|show|me|give|list|the|customers?|people|"
    r"users|buyers|say|saying|said|about|for|feedback|reviews?|comments?|calls?|quotes?|"
    r"mentions?|mentioning|that|with|on|of|our|my|in|transcripts?|surveys?|answers?|talk|"
    r"talking|complain|complaining|think|feel|where|which|who|what's|whats|people's|"
    r"搜索|关于|的|评价|客户|怎么|说)$")


def _behaviour_cohorts(q: Question) -> Plan:
    args: dict[str, Any] = {}
    values = [v for v in values_in(q.text, q.schema) if v[0] in ("orders", "tickets")]
    if values:
        dataset, column, value = values[0]
        args.update(table="tickets" if dataset == "tickets" else "orders", column=column,
                    value=value)
    elif re.search(r"discount|coupon|promo|折扣|优惠", q.text):
        args.update(column="discount_used", value=True)
    elif re.search(r"ticket|complain|support|工单", q.text):
        args.update(table="tickets", column="topic")
    else:
        return Plan(reply=_ask_behaviour(is_chinese(q.raw)), kind="clarify")
    days = re.search(r"first (\d+) days|within (\d+) days", q.text)
    if days:
        args["within_days"] = int(days.group(1) or days.group(2))
    elif re.search(r"first (order|purchase)|首单", q.text):
        args["within_days"] = 1
    elif re.search(r"first month|首月|第一个月", q.text):
        args["within_days"] = 30
    elif re.search(r"first week|首周|第一周", q.text):
        args["within_days"] = 7
    times = re.search(r"at least (\d+) times|(\d+) or more times|至少(\d+)次", q.text)
    if times:
        args["at_least"] = int(next(g for g in times.groups() if g))
    return with_segment(q, "behaviour_cohorts", args)


def _ask_behaviour(chinese: bool) -> str:
    if chinese:
        return "哪种行为？例如：使用过折扣、购买过某个品类，或提交过某类工单。"
    return ("Which behaviour should define the group? For example: used a discount, bought a "
            "product category, or raised a support ticket.")


def _cohort_retention(q: Question) -> Plan:
    args: dict[str, Any] = {}
    if re.search(r"quarter|季度", q.text):
        args["period"] = "quarter"
    if re.search(r"sign(?:ed|s)? ?up|joined|registration|registered|注册", q.text):
        args["cohort_by"] = "signup"
    months = number_before(q.text, r"months?|个月")
    if months and 1 <= months <= 36:
        args["max_months"] = months
    window_args(q, args)
    return with_segment(q, "cohort_retention", args)


def _compare(q: Question) -> Plan:
    refs = q.refs
    if not refs and q.memory.focus:
        refs = q.memory.focus[:1]
    if not refs:
        return Plan(reply=replies.clarify_segment(_labels(q), is_chinese(q.raw)), kind="clarify")
    args: dict[str, Any] = {"first": refs[0].ref}
    if len(refs) > 1:
        args["second"] = refs[1].ref
    else:
        unknown = _unknown_segment(q, refs)
        if unknown:
            args["second"] = unknown  # the tool answers with the closest saved names
    return Plan(steps=[*makers(q, refs[:2]), ("compare_segments", args)], focus=refs[:1])


def _unknown_segment(q: Question, refs: list[SegmentRef]) -> str | None:
    """A capitalised name after "with"/"vs" that matches no segment ("the Unicorns segment")."""
    match = re.search(r"\b(?:with|vs\.?|versus|against|and)\s+(?:the\s+)?"
                      r"([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)", q.raw)
    if not match:
        return None
    name = match.group(1).strip()
    known = {r.label.lower() for r in refs}
    if name.lower() in known or name.lower().rstrip("s") in known:
        return None
    return name


def _labels(q: Question) -> list[str]:
    current = q.memory.segmentation if q.memory.segmentation in q.saved else None
    name = current or next(iter(q.saved), None)
    return list(q.saved.get(name, [])) if name else []


def _segmentation_for(q: Question) -> tuple[str, list[tuple[str, dict]]]:
    """The segmentation the question is about, and the call that creates it if missing."""
    named = segmentation_named(q.text, q.saved)
    current = q.memory.segmentation if q.memory.segmentation in q.saved else None
    name = named or current or ("rfm" if "rfm" in q.saved or not q.saved else
                                max(q.saved, key=lambda n: 0))
    maker = maker_for(name, q.saved)
    return name, [maker] if maker else []


def _segment_health(q: Question) -> Plan:
    name, steps = _segmentation_for(q)
    return Plan(steps=[*steps, ("segment_health", {"segmentation": name})])


def _stability(q: Question) -> Plan:
    args: dict[str, Any] = {}
    n = number_before(q.text, r"segments?|groups?|clusters?")
    if n:
        args["n_segments"] = n
    elif "clusters" in q.memory.last_args.get("save_as", "clusters") and \
            q.memory.last_tool == "cluster_customers":
        args.update({k: v for k, v in q.memory.last_args.items()
                     if k in ("features", "method", "n_segments")})
    return Plan(steps=[("cluster_stability", args)])


def _migration(q: Question) -> Plan:
    args: dict[str, Any] = {"segments": "rfm" if "rfm" in q.text else "lifecycle"}
    window_args(q, args, start="first_date", end="second_date")
    return Plan(steps=[("segment_migration", args)])


def _export(q: Question) -> Plan:
    refs = q.refs or q.memory.focus[:1]
    if not refs:
        return Plan(reply=replies.clarify_segment(_labels(q), is_chinese(q.raw)), kind="clarify")
    args: dict[str, Any] = {"segment": refs[0].ref}
    if re.search(r"without (personal|pii|names)|anonymi[sz]ed|no personal|匿名|不含个人", q.text):
        args["include_personal_data"] = False
    if re.search(r"\bcsv\b", q.text) and not re.search(r"excel|xlsx", q.text):
        args["file_format"] = "csv"
    elif re.search(r"excel|xlsx", q.text) and not re.search(r"\bcsv\b", q.text):
        args["file_format"] = "excel"
    return Plan(steps=[*makers(q, refs[:1]), ("export_segment", args)], focus=refs[:1])


def _feedback_filters(q: Question, args: dict[str, Any]) -> None:
    kinds = []
    for word, kind in (("review", "review"), ("survey", "survey"), ("call", "transcript"),
                       ("transcript", "transcript"), ("评论", "review"), ("问卷", "survey"),
                       ("通话", "transcript")):
        if word in q.text and kind not in kinds:
            kinds.append(kind)
    if kinds:
        args["source_types"] = kinds
    if re.search(r"detractor|贬损", q.text):
        args["nps_max"] = 6
    elif re.search(r"promoter|推荐者", q.text):
        args["nps_min"] = 9
    elif re.search(r"passive", q.text):
        args.update(nps_min=7, nps_max=8)
    stars = re.search(r"(\d)\s*(?:-|to)?\s*(\d)?\s*stars?", q.text)
    if stars:
        low = int(stars.group(1))
        high = int(stars.group(2) or low)
        args.update(rating_min=min(low, high), rating_max=max(low, high))
    window_args(q, args, start="date_from", end="date_to")


def _search(q: Question) -> Plan:
    topic = _topic(q.text)
    if not topic:
        return _themes(q)
    args: dict[str, Any] = {"query": topic}
    _feedback_filters(q, args)
    refs = [r for r in q.refs if contains_word(topic, r.label.lower()) < 0]
    steps = makers(q, refs[:1])
    if refs:
        args["segment"] = refs[0].ref
    return Plan(steps=[*steps, ("search_feedback", args)], focus=refs[:1] or None)


def _topic(text: str) -> str:
    """The subject of a feedback search: the words left after 'what do customers say about'."""
    match = re.search(r"(?:about|mentioning|mention|regarding|on|for|关于)\s+(.+)$", text)
    part = match.group(1) if match else text
    words = [w for w in re.split(r"[\s?.!,]+", part) if w and not _FEEDBACK_FILLER.match(w)]
    return " ".join(words).strip()


def _themes(q: Question) -> Plan:
    args: dict[str, Any] = {}
    _feedback_filters(q, args)
    refs = q.refs
    if not refs and "rating_min" not in args and "nps_min" not in args and "nps_max" not in args:
        if _HIGH.search(q.text) and not _LOW.search(q.text):
            args["rating_min"] = 4
        elif _LOW.search(q.text):
            args["rating_max"] = 2
    steps = makers(q, refs[:1])
    if refs:
        args["segment"] = refs[0].ref
    return Plan(steps=[*steps, ("feedback_themes", args)], focus=refs[:1] or None)


def _index(q: Question) -> Plan:
    for name in q.schema.columns:
        if contains_word(q.text, name.lower()) >= 0 or contains_word(
                q.text, name.lower().rstrip("s")) >= 0:
            return Plan(steps=[("index_feedback", {"dataset": name})])
    for words, stem in ((("评论", "评价"), "review"), (("问卷",), "survey"),
                        (("通话", "电话录音"), "transcript"), (("工单",), "ticket")):
        named = [n for n in q.schema.columns if stem in n.lower()]
        if any(w in q.text for w in words) and len(named) == 1:
            return Plan(steps=[("index_feedback", {"dataset": named[0]})])
    return Plan(steps=[("index_feedback", {})])


def _personas(q: Question) -> Plan:
    refs = q.refs
    rule = rule_from_text(q.text, q.schema) if not refs else None
    if rule is not None:
        define = ("define_segment", {"filter": rule.filter, "name": rule.name})
        return Plan(steps=[define, ("draft_personas", {"segments": [rule.name]})],
                    focus=[SegmentRef("rule", rule.name)], highlight=rule.name)
    named = segmentation_named(q.text, q.saved)
    if refs and not re.search(r"\b(these|all|each|every)\b.{0,12}(segments|groups|clusters)",
                              q.text):
        steps = makers(q, refs)
        return Plan(steps=[*steps, ("draft_personas", {"segments": [r.ref for r in refs]})],
                    focus=refs[:1])
    name = named or (q.memory.segmentation if q.memory.segmentation in q.saved else None)
    if name is None and q.saved:
        name = list(q.saved)[-1]
    if name is None:
        return Plan(reply=replies.clarify_segment([], is_chinese(q.raw)), kind="clarify")
    maker = maker_for(name, q.saved)
    return Plan(steps=[*([maker] if maker else []), ("draft_personas", {"segmentation": name})])


def _segment_generic(q: Question) -> Plan:
    columns = columns_in(q.text, q.schema)
    if columns:

        return breakdown_plan(q)
    return Plan(reply=replies.clarify_segmentation(is_chinese(q.raw)), kind="clarify")


def _clv(q: Question) -> Plan:
    args: dict[str, Any] = {}
    months = months_ahead(q.text) or number_before(q.text, r"months?|个月")
    if months:
        args["months"] = months
    if re.search(r"historical|past value|so far|历史", q.text):
        args["method"] = "historical"
    by = segmentation_named(q.text, q.saved)
    refs = q.refs
    if by and (re.search(r"\bby\b|per|each|按|各", q.text)):
        maker = maker_for(by, q.saved)
        args["by_segmentation"] = by
        return Plan(steps=[*([maker] if maker else []), ("clv", args)])
    steps = makers(q, refs[:1])
    if refs:
        args["segment"] = refs[0].ref
    return Plan(steps=[*steps, ("clv", args)], focus=refs[:1] or None)


def _cluster(q: Question) -> Plan:
    args: dict[str, Any] = {}
    n = number_before(q.text, GROUPS)
    if n is not None:
        args["n_segments"] = n
    columns = [m.column for m in columns_in(q.text, q.schema) if m.concept not in (
        "month", "quarter", "weekday", "season")]
    if columns and re.search(r"\bon\b|\bby\b|using|based|按|根据", q.text):
        args["features"] = columns
    for method in ("kmeans", "gmm", "agglomerative"):
        if method in q.text.replace("k-means", "kmeans"):
            args["method"] = method
    return with_segment(q, "cluster_customers", args)


def _simple(tool: str) -> Callable[[Question], Plan]:
    def build(q: Question) -> Plan:
        return Plan(steps=[(tool, {})])

    return build


def _pareto(q: Question) -> Plan:
    args: dict[str, Any] = {}
    percent = percent_in(q.text)
    if percent is not None and re.search(r"top\s*\d|前\s*\d", q.text):
        args["top_percent"] = percent  # the tool explains a percentage it cannot use
    window_args(q, args)
    return with_segment(q, "pareto", args)


def _value_tiers(q: Question) -> Plan:
    args: dict[str, Any] = {"cut_points": [10, 30, 60]}
    if re.search(r"\bclv\b|lifetime", q.text):
        args["measure"] = "clv"
    return Plan(steps=[("value_tiers", args)], focus=[SegmentRef("value tiers", "Top 10%")])


BUILDERS = {
    "clv": _clv,
    "cluster_customers": _cluster,
    "consumer_types": _simple("consumer_types"),
    "pareto": _pareto,
    "value_tiers": _value_tiers,
    "behaviour_cohorts": _behaviour_cohorts,
    "cohort_retention": _cohort_retention,
    "compare_segments": _compare,
    "segment_health": _segment_health,
    "cluster_stability": _stability,
    "segment_migration": _migration,
    "export_segment": _export,
    "search_feedback": _search,
    "feedback_themes": _themes,
    "index_feedback": _index,
    "draft_personas": _personas,
    "segment_generic": _segment_generic,
}
__all__ = ["BUILDERS", "SegmentRef"]
