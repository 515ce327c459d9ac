"""From a question to a plan: the tool calls to make, or one question back, or a refusal.

The intent says which tool; the slots fill its arguments from the real schema; the memory
resolves "them", "segment 3" and follow-ups such as "now only in California". A segment
named before its segmentation exists is preceded by the call that creates it.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.brains.local import planner_customers, planner_segments, replies
from assistant.brains.local.context import Schema
from assistant.brains.local.impossible import asked_back
from assistant.brains.local.intents import Guess, classify
from assistant.brains.local.lexicon import FOLLOW_UP_CUES, HINT_WORDS, STRONG_WORDS
from assistant.brains.local.planner_customers import regrouped
from assistant.brains.local.planner_labels import label_plan, no_orders_plan
from assistant.brains.local.plans import Plan, Question
from assistant.brains.local.profile_plans import PROFILE_BUILDERS, outside_conditions
from assistant.brains.local.rules import condition_text, rule_name
from assistant.brains.local.scope import scoped
from assistant.brains.local.segments import (
    ORDINAL,
    Memory,
    SegmentRef,
)
from assistant.brains.local.slots import (
    columns_in,
    contains_word,
    is_chinese,
    measure_in,
    normalise,
    unknown_by_column,
    values_in,
    window_in,
)
from assistant.brains.local.stated import stated_settings
from assistant.brains.local.steps import makers
from assistant.toolkit import assistant_tools

SURE = 0.30
"""Below this confidence (and without a clear keyword) the brain asks instead of guessing."""
CLEAR_LEAD = 3.0
"""A less sure guess is followed when it is this many times likelier than the next: on the
cards' examples (5-fold) this takes 59% of guesses instead of 53%, 85% of them right."""
HINT_BELOW = 0.55
RUNNER_UP = 0.15
"""A second reading is tried when the first cannot be carried out and this one is likely."""
_SIZE_INTENTS = {"overview", "list_segments", "rfm", "lifecycle", "consumer_types",
                 "distribution", "define_segment", "breakdown", "value_tiers", "segment_generic"}
"""Below this confidence a tool's own keyword in the question decides."""
_SEGMENT_TAKERS = {"overview", "distribution", "breakdown", "rfm", "lifecycle", "clv",
                   "cluster_customers", "pareto", "behaviour_cohorts", "cohort_retention",
                   "search_feedback", "feedback_themes", "segment_migration", "cluster_stability"}


def needs_orders(tool: str) -> bool:
    """Tools that measure purchases: without an orders table the brain says what is needed."""
    spec = assistant_tools().get(tool)
    return bool(spec and spec.card.needs_orders)


def plan(raw: str, schema: Schema, saved: dict[str, list[str]], memory: Memory) -> Plan:
    # planner_labels builds on this module's Plan and Question, so it is imported late
    q = Question(raw, normalise(raw.strip()), schema, saved, memory)
    chinese = is_chinese(raw)
    result = scoped(_plan(q), q, chinese)
    needs = next((tool for tool, _ in result.steps if needs_orders(tool)), None)
    if needs and not schema.has_orders:
        result = no_orders_plan(q, needs)
    result.chinese = chinese
    if result.reply is None and not result.steps:
        result.reply, result.kind = replies.clarify_what(chinese), "clarify"
    return result


def _plan(q: Question) -> Plan:
    if not q.text:
        return Plan(reply=replies.clarify_what(False), kind="clarify")
    refusal = replies.refusal_reason(q.text)
    if refusal:
        return Plan(reply=replies.refuse(refusal, is_chinese(q.raw)), kind="refuse")
    impossible = asked_back(q.raw)
    if impossible is not None:  # never replaced by a default: said, with what would hold
        return Plan(reply=impossible[0], kind="clarify", suggestions=impossible[1])
    follow = _follow_up(q) or _bare_reference(q)
    if follow is not None:
        return follow
    guess = classify(q.text)
    intent = _decide(q, guess)
    own = label_plan(q, intent)  # the customers' own labels and numbers, where named
    if own is not None:
        return own
    grouped = regrouped(q, intent)  # one customer, counts per group, tables of reviews
    if grouped is not None:
        return grouped
    if intent is None:
        return Plan(reply=replies.clarify_between(guess.intent, guess.runner_up,
                                                  is_chinese(q.raw)), kind="clarify")
    if intent == "out_of_scope":
        return Plan(reply=replies.refuse("scope", is_chinese(q.raw)), kind="refuse")
    if intent == "help":
        return Plan(reply=replies.help_text(is_chinese(q.raw)), kind="answer")
    if intent in ("overview", "distribution", "breakdown") and re.search(
            r"how many|number of|多少", q.text) and values_in(q.text, q.schema) and not re.search(
            r"\bby\b|\beach\b|per\b|按|各", q.text):
        intent = "define_segment"  # "how many customers in California" counts a rule segment
    builder = BUILDERS.get(intent)
    made = builder(q) if builder else Plan()
    second = BUILDERS.get(guess.runner_up)
    if made.kind == "clarify" and second and guess.runner_up_confidence >= RUNNER_UP:
        other = second(q)  # the next best reading, if the question fills its settings
        if other.steps and other.steps[-1][1]:
            return other
    return made


def _decide(q: Question, guess: Guess) -> str | None:
    """The intent: a tool's own word when it is unmistakable, else the classifier when sure,
    else a keyword, else what the named columns suggest; None when still unsure."""
    text = _without_segment_names(q)
    strong = next((i for pattern, i in STRONG_WORDS if re.search(pattern, text)), None)
    if strong and guess.intent not in ("out_of_scope", "help"):
        return strong
    sizing = re.search(r"how many|how big|size of|多少|规模|几个", q.text)
    if sizing and guess.intent in _SIZE_INTENTS and any(
            r.segmentation != "rule" for r in q.refs):
        return "list_segments"  # "how many Champions are there?"
    hint = next((i for pattern, i in HINT_WORDS if re.search(pattern, text)), None)
    if hint == "compare_segments" and not q.refs and not q.memory.focus:
        hint = None  # 'married vs single' sets values side by side: no segment to compare
    if hint and (guess.intent == hint or guess.confidence < HINT_BELOW):
        return hint
    if not q.memory.last_tool and re.match(r"(what|how) about|and |那", q.text) and \
            guess.confidence < HINT_BELOW:
        return None  # "what about last month?" with nothing before it
    if guess.confidence >= SURE or (guess.confidence >= SURE / 2 and (
            guess.confidence >= CLEAR_LEAD * guess.runner_up_confidence or
            _slots_fit(q, guess.intent))):
        return guess.intent
    unknown = unknown_by_column(q.text, q.schema)
    if unknown:
        return "breakdown" if re.search(r"\bby\b|per\b|按", q.text) else "distribution"
    if window_in(q.text, q.schema) and measure_in(q.text):
        return "overview"
    columns = columns_in(outside_conditions(q), q.schema)  # '6 months' in a condition: no group
    if columns or values_in(q.text, q.schema):
        if measure_in(q.text) or len(columns) > 1:
            return "breakdown"
        return "distribution"
    if guess.intent == "out_of_scope" and guess.confidence >= SURE / 2:
        return "out_of_scope"
    return None


def _without_segment_names(q: Question) -> str:
    """The question with the segments it names blanked: a tool's own word inside a segment's
    name ('流失' in 流失风险, 'churn' in 'churn risk') names the segment, not that tool."""
    text = q.text
    for ref in q.refs:
        if ref.span:
            text = text[:ref.at] + " " * ref.span + text[ref.at + ref.span:]
    return text


def _slots_fit(q: Question, intent: str) -> bool:
    """The question fills what the guessed tool needs (two segments to compare, a rule's
    conditions to define a segment by), which makes a less sure guess safe to follow."""
    if intent == "define_segment":
        rest = outside_conditions(q)
        return bool(q.conditions) and measure_in(rest) is None and not columns_in(rest, q.schema)
    columns = {c for table in q.schema.columns.values() for c in table}
    segments = {r.ref for r in q.refs if r.segmentation not in columns | {"rule"}}
    return intent == "compare_segments" and len(segments) >= 2


# -- follow-ups ------------------------------------------------------------------------
def _follow_up(q: Question) -> Plan | None:
    """'now only in California', 'what about Texas?', 'and by gender?' after an answer."""
    last = q.memory.last_tool
    if not last or not any(contains_word(q.text, cue) >= 0 for cue in FOLLOW_UP_CUES):
        return None
    values = values_in(q.text, q.schema)
    if values and last != "define_segment":
        return _narrowed(q, last, dict(q.memory.last_args), values)
    columns = columns_in(q.text, q.schema)
    if columns and last in ("breakdown", "distribution"):
        args = dict(q.memory.last_args)
        if last == "breakdown":
            args["by"] = [m.column for m in columns[:2]]
        else:
            args["column"] = columns[0].column
        return Plan(steps=[(last, args)])
    recent = list(reversed(q.memory.earlier.items()))
    refinements = [(tool, _refined(q, tool, remembered)) for tool, remembered in recent]
    found = [(tool, made) for tool, made in refinements if made is not None]
    stated = [(tool, made) for tool, made in found if made.says_setting]
    if stated or (found and found[0][0] == last):
        return (stated or found)[0][1]
    refs = [r for r in q.refs if r.ref not in {f.ref for f in q.memory.focus}]
    if refs and last in _SEGMENT_TAKERS | {"compare_segments", "draft_personas"}:
        args = dict(q.memory.last_args)
        steps = makers(q, refs)
        if last == "compare_segments":
            args["first"] = refs[0].ref
        elif last == "draft_personas":
            args = {"segments": [r.ref for r in refs]}
        else:
            args["segment"] = refs[0].ref
        return Plan(steps=[*steps, (last, args)], focus=refs[:1])
    return None


def _refined(q: Question, tool: str, remembered: dict) -> Plan | None:
    """The same tool again with what the follow-up changes, if it changes a setting the tool
    takes; `says_setting` when the question states that setting's number ('5 groups')."""
    if tool not in BUILDERS or tool in ("define_segment", "list_segments"):
        return None
    refined = BUILDERS[tool](q)
    same = [args for name, args in refined.steps if name == tool]
    if not same or not same[-1]:
        return None
    changed = {k: v for k, v in same[-1].items() if remembered.get(k) != v}
    says = _says_setting(q, changed)
    if tool != q.memory.last_tool and not says:
        return None
    args = {**remembered, **same[-1]}
    if args.get("metric") == "count":
        args.pop("measure", None)
    steps = [step for step in refined.steps if step[0] != tool]
    return Plan(steps=[*steps, (tool, args)], focus=refined.focus, says_setting=says)


def _says_setting(q: Question, changed: dict) -> bool:
    """An earlier tool is taken back only for a setting the question states in numbers."""
    return any(isinstance(v, int | float) and not isinstance(v, bool) and
               re.search(rf"(?<!\d){v:g}(?!\d)", q.text) for v in changed.values())


_FILLER = re.compile(r"\b(?:show(?: me)?|what about|how about|and|the|look at|open|just|"
                     r"please|then|now)\b|看看|看一下|那么?|呢|[?？!！.。,，:：\s]")


def _bare_reference(q: Question) -> Plan | None:
    """'segment 3', 'what about At Risk?': one segment named and nothing asked of it is a
    look at that segment against the rest."""
    refs = q.refs
    if len(refs) != 1 or refs[0].segmentation == "rule":
        return None
    rest = ORDINAL.sub(" ", q.text)
    for variant in (refs[0].label.lower(), refs[0].ref.lower()):
        rest = rest.replace(variant, " ")
    if _FILLER.sub("", rest):
        return None
    return Plan(steps=[*makers(q, refs), ("compare_segments", {"first": refs[0].ref})],
                focus=refs[:1])


def _narrowed(q: Question, tool: str, args: dict, values: list) -> Plan:
    """A rule segment for the named values (within the focus segment), then the same tool."""
    base = q.memory.focus[0] if q.memory.focus else None
    condition = " and ".join(condition_text(column, value) for _, column, value in values)
    name = rule_name([value for _, _, value in values], base.label if base else None)
    define = {"filter": condition, "name": name}
    if base is not None:
        define["segment"] = base.ref
    steps: list[tuple[str, dict[str, Any]]] = [("define_segment", define)]
    focus = [SegmentRef("rule", name)]
    if tool in _SEGMENT_TAKERS:
        args["segment"] = name
        steps.append((tool, args))
    elif tool == "compare_segments":
        steps.append(("compare_segments", {"first": name}))
    elif tool == "draft_personas":
        steps.append(("draft_personas", {"segments": [name]}))
    return Plan(steps=steps, focus=focus, highlight=name)




def _with_stated(tool: str, builder: Any) -> Any:
    """`builder`, then the settings the question states by its card's cue words (those the
    builder did not read itself)."""
    def build(q: Question) -> Plan:
        made = builder(q)
        stated = stated_settings(q.text, tool)
        if stated and made.steps and made.steps[-1][0] == tool:
            name, args = made.steps[-1]
            made.steps[-1] = (name, {**stated, **args})
        return made
    return build


BUILDERS = {tool: _with_stated(tool, builder) for tool, builder in {
    **PROFILE_BUILDERS, **planner_segments.BUILDERS, **planner_customers.BUILDERS}.items()}
"""One plan builder per intent."""
