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
from tools.registry import all_tools


def tool_called(tool: str, chinese: bool) -> str:
    """What an orders-based tool is called in a sentence: its registered title."""
    spec = all_tools().get(tool)
    if spec is None:
        return "这项分析" if chinese else "This analysis"
    return spec.title_in(chinese)


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
