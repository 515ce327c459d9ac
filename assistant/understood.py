"""What an answer computed, on whom, with which settings: said in the answer and in the API.

Built from the turn's own tool calls, never from the brain's words, so it cannot claim a
filter that was not applied: the computation is the last call's registered title, the
population is the segment it ran on (with the rule that defines it and its size, when
this turn defined it) or all customers, and the settings are the call's arguments.
"""

from __future__ import annotations

from typing import Any

from assistant.events import ToolFinished
from assistant.toolkit import assistant_tools
from assistant.wording import segment_label, spoken

SETTING_WORDS_ZH = {
    "by": "按", "metric": "统计方式", "measure": "指标", "column": "列",
    "window_days": "时间窗（天）", "n_segments": "群数", "start": "开始日期", "end": "结束日期",
    "months": "月数", "top_percent": "头部比例（%）", "first": "第一组", "second": "第二组",
    "segments": "客户群", "segmentation": "分群", "query": "查询", "format": "格式",
    "rate_value": "计算比例的值", "n": "数量", "customer": "客户",
}
"""Chinese words for the usual argument names (others are shown as their spoken name)."""
_NOT_SHOWN = {"segment", "save_as", "name", "filter"}
_SETUP = {"define_segment", "index_feedback"}
"""Calls that prepare the computation rather than being it (unless they are all there is)."""


def understood(calls: list[ToolFinished]) -> dict[str, Any] | None:
    """{tool, title, title_zh, on, rule, customers, settings} of the turn's computation."""
    done = [c for c in calls if c.ok]
    if not done:
        return None
    main = next((c for c in reversed(done) if c.tool not in _SETUP), done[-1])
    spec = assistant_tools().get(main.tool)
    defined = {str(c.arguments.get("name")): c for c in done if c.tool == "define_segment"}
    on = main.arguments.get("segment")
    if main.tool == "define_segment":
        on = main.arguments.get("name")
    made = defined.get(str(on)) if on else None
    customers = None
    if made is not None and made.result is not None and "customers" in made.result.facts:
        customers = int(made.result.facts["customers"].value)
    settings = {name: value for name, value in main.arguments.items()
                if name not in _NOT_SHOWN and value not in (None, "", [])}
    return {
        "tool": main.tool,
        "title": spec.title if spec else main.tool,
        "title_zh": spec.title_zh if spec else main.tool,
        "on": str(on) if on else None,
        "rule": str(made.arguments.get("filter")) if made is not None else None,
        "within": made.arguments.get("segment") if made is not None else None,
        "customers": customers,
        "settings": settings,
    }


def understood_line(found: dict[str, Any], chinese: bool) -> str:
    """One line in the question's language: computation · on whom · settings."""
    parts = [found["title_zh"] if chinese else found["title"]]
    if found["on"]:
        who = segment_label(found["on"])
        size = found["customers"]
        if chinese:
            detail = "，".join(p for p in (found["rule"], f"{size:,} 位客户" if size else "") if p)
            parts.append(f"对象：{who}" + (f"（{detail}）" if detail else ""))
        else:
            detail = "; ".join(p for p in (found["rule"], f"{size:,} customers" if size else "")
                               if p)
            parts.append(f"on {who}" + (f" ({detail})" if detail else ""))
    elif found["tool"] not in _SETUP:
        parts.append("对象：全部客户" if chinese else "on all customers")
    for name, value in found["settings"].items():
        label = SETTING_WORDS_ZH.get(name, spoken(name)) if chinese else spoken(name)
        shown = ", ".join(_shown(name, v, chinese) for v in value) \
            if isinstance(value, list | tuple) else _shown(name, value, chinese)
        parts.append(f"{label}：{shown}" if chinese else f"{label}: {shown}")
    lead = "理解为：" if chinese else "Understood as: "
    return lead + " · ".join(parts)


_SPOKEN = {"by", "measure", "column", "columns"}
"""Arguments whose values are column names, shown as words."""
METRIC_WORDS_ZH = {"count": "计数", "sum": "合计", "mean": "平均", "median": "中位数",
                   "share": "占比", "rate": "比例"}


def _shown(name: str, value: object, chinese: bool) -> str:
    if name in _SPOKEN:
        return spoken(value)
    if chinese and name == "metric":
        return METRIC_WORDS_ZH.get(str(value), str(value))
    return _value(value)


def _value(value: object) -> str:
    if isinstance(value, str) and "/" in value:
        return segment_label(value)  # 'rfm/Champions' → 'Champions'
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
