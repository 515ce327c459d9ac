"""Settings that cannot hold are refused with the valid range, never replaced by a default.

"Cluster into -5 groups", "RFM over the last -365 days", "CLV over 0 months", "revenue in
2024 Q7": a computation on 5 groups, the default window or the whole of 2024 would be an
answer to another question. These are read from the question before any plan is made,
so whichever tool the question goes to, the setting is checked the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.brains.local.slots import is_chinese

_UNITS_EN = (r"days?|weeks?|months?|years?|quarters?|groups?|segments?|clusters?|personas?|"
             r"tiers?|buckets?|bands?|customers?|orders?|percent|%")
_UNITS_ZH = r"天|日|周|个?月|年|个?季度|组|类|个群|个细分|个客户群|位客户|名客户|个订单|%"
_COUNT = r"(\d[\d,]*(?:\.\d+)?)"
NEGATIVE = re.compile(rf"(?<![A-Za-z0-9.\-])(?:minus\s+|-\s?|负)\s*{_COUNT}\s*"
                      rf"(?:{_UNITS_EN}\b|{_UNITS_ZH})")
ZERO = re.compile(rf"(?<![A-Za-z0-9.\-])(?:0|zero)\s*(?:days?|weeks?|months?|years?|groups?|"
                  rf"segments?|clusters?|personas?|{_UNITS_ZH})(?![\w])")
QUARTER = re.compile(r"\bq\s?(\d+)\b|第\s*(\d+)\s*季度|(\d+)\s*季度")
MONTH_NUMBER = re.compile(r"\bmonth\s+(\d+)\b|(\d+)\s*月份")


@dataclass(frozen=True)
class Impossible:
    said: str
    """The words of the question that cannot hold ('-365 days', 'Q7')."""
    why_en: str
    why_zh: str
    fixed: str | None = None
    """The question with the setting made valid, when one reading is clear ('365 days')."""


def impossible_setting(raw: str) -> Impossible | None:
    """The first setting of the question that no computation can use, or None."""
    text = raw.lower()
    negative = next((m for m in NEGATIVE.finditer(text)
                     if not re.search(r"\d\s*$", text[:m.start()])), None)  # not '25 - 40'
    if negative:
        said = raw[negative.start():negative.end()].strip()
        positive = raw[:negative.start()] + raw[negative.start():negative.end()].replace(
            "-", "", 1).replace("minus ", "", 1).replace("负", "", 1) + raw[negative.end():]
        return Impossible(said, "a count or a length of time cannot be negative",
                          "数量或时间长度不能为负数", re.sub(r"\s{2,}", " ", positive))
    zero = ZERO.search(text)
    if zero:
        return Impossible(raw[zero.start():zero.end()].strip(),
                          "a count or a length of time must be at least 1",
                          "数量或时间长度至少为 1")
    quarter = QUARTER.search(text)
    if quarter:
        number = int(next(g for g in quarter.groups() if g))
        if not 1 <= number <= 4:
            return Impossible(raw[quarter.start():quarter.end()].strip(),
                              "a year has quarters Q1 to Q4", "一年只有第 1 到第 4 季度")
    month = MONTH_NUMBER.search(text)
    if month:
        number = int(next(g for g in month.groups() if g))
        if not 1 <= number <= 12:
            return Impossible(raw[month.start():month.end()].strip(),
                              "months are numbered 1 to 12", "月份只有 1 到 12")
    return None


def refusal(found: Impossible, chinese: bool) -> str:
    """One sentence: what cannot hold and why, and what would."""
    if chinese:
        text = f"“{found.said}”无法使用：{found.why_zh}。"
        return text + (f"您是指：{found.fixed}？" if found.fixed else "请换一个设置再问。")
    text = f"‘{found.said}’ cannot be used: {found.why_en}."
    return text + (f" Did you mean: {found.fixed}?" if found.fixed else
                   " Please ask again with a setting that can hold.")


def asked_back(raw: str) -> tuple[str, list[str] | None] | None:
    """The reply and its suggestion for a question with a setting that cannot hold."""
    found = impossible_setting(raw)
    if found is None:
        return None
    return refusal(found, is_chinese(raw)), [found.fixed] if found.fixed else None
