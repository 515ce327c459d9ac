"""Questions the workspace's own columns can answer, for when a question needs what it lacks.

Built from the schema: a yes/no label gives "Churn rate by contract" and "Average monthly
charges by churn"; a short category column a breakdown; any customers table clustering.
Each question is written so the local brain routes it back to the same columns.
"""

from __future__ import annotations

from assistant.brains.local.context import Schema
from assistant.brains.local.flags import Flag
from assistant.brains.local.labels import concept_of
from assistant.brains.local.lexicon import MONEY_TOKENS
from assistant.wording import spoken

NEEDS = {
    "rfm": ("RFM segments", "RFM分群"),
    "lifecycle": ("Lifecycle stages (new, active, at risk, churned)", "生命周期阶段"),
    "clv": ("Customer lifetime value", "客户终身价值"),
    "cohort_retention": ("Cohort retention", "批次留存"),
    "behaviour_cohorts": ("Behaviour cohorts", "行为批次"),
    "pareto": ("Revenue concentration", "收入集中度"),
    "value_tiers": ("Value tiers", "价值层级"),
    "consumer_types": ("Consumer types", "消费者类型"),
    "segment_migration": ("Segment migration", "客户群迁移"),
}
"""What each orders-based tool is called in a sentence, in English and Chinese."""


def column_questions(schema: Schema, chinese: bool, limit: int = 3) -> list[str]:
    """Two or three questions on the customers table's own columns (none without one)."""
    if schema.customers is None:
        return []
    flag = _main_label(schema)
    money = [c for c in schema.numbers if set(spoken(c).split()) & MONEY_TOKENS]
    group = _group(schema, flag)
    number = (money or schema.numbers or [None])[0]
    found: list[str] = []
    if flag and group:
        found.append(f"按 {spoken(group)} 统计 {_label(flag)} 率" if chinese
                     else f"{_label(flag).capitalize()} rate by {spoken(group)}")
    if flag and number:
        found.append(f"按 {_label(flag)} 看平均 {spoken(number)}" if chinese
                     else f"Average {spoken(number)} by {_label(flag)}")
    if not flag and group and number:
        found.append(f"按 {spoken(group)} 看平均 {spoken(number)}" if chinese
                     else f"Average {spoken(number)} by {spoken(group)}")
    if group and len(found) < 2:
        found.append(f"按 {spoken(group)} 细分客户" if chinese
                     else f"Break down customers by {spoken(group)}")
    found.append("按客户属性聚类" if chinese else "Cluster my customers by their attributes")
    return found[:limit]


def _main_label(schema: Schema) -> Flag | None:
    """The label marketers ask about: one named for its concept ('Churn', 'Response'), else
    one of that concept's family ('Exited'), else the first yes/no column."""
    named = [f for f in schema.flags if concept_of(f) in f.words]
    family = [f for f in schema.flags if concept_of(f)]
    return (named or family or schema.flags or [None])[0]


def _group(schema: Schema, flag: Flag | None) -> str | None:
    """The first short category column (few values read best in a breakdown)."""
    names = [c for c, n in schema.categories.items() if n <= 12 and (
        flag is None or c != flag.column)]
    return names[0] if names else None


def _label(flag: Flag) -> str:
    return spoken(flag.column)
