"""Turn "women under 30 in California who spent more than $1,000" into a segment rule.

The rule is text in the `define_segment` grammar, built only from recognised pieces
(a column, an operator word, a number or a known category value), so nothing the user
typed is passed through unread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.brains.local.context import Schema
from assistant.brains.local.slots import values_in

_NUMBER = r"\$?(\d[\d,]*(?:\.\d+)?)\s*(k)?"
_MORE = r"(?:more than|over|above|at least|greater than|>=|>|超过|大于|多于|以上)"
_LESS = r"(?:less than|under|below|fewer than|at most|<=|<|少于|小于|低于|以下)"
_GENDER = {"women": "female", "woman": "female", "female": "female", "ladies": "female",
           "女性": "female", "女": "female", "men": "male", "man": "male", "male": "male",
           "男性": "male", "男": "male"}


@dataclass(frozen=True)
class Rule:
    filter: str
    name: str


def condition_text(column: str, value: str) -> str:
    return f'{column} = "{value}"'


def rule_name(parts: list[str], base: str | None = None) -> str:
    """A readable, safe segment name: 'Champions in California'."""
    clean = [re.sub(r"[^A-Za-z0-9 _.-]", "", str(p)).strip() for p in parts]
    label = " and ".join(p for p in clean if p) or "Custom segment"
    base_clean = re.sub(r"[^A-Za-z0-9 _.-]", "", base or "").strip()
    name = f"{base_clean} in {label}" if base_clean else label
    return name[:60].strip() or "Custom segment"


def _amount(match: re.Match[str]) -> float:
    value = float(match.group(1).replace(",", ""))
    return value * 1000 if match.group(2) else value


def rule_from_text(text: str, schema: Schema) -> Rule | None:
    """The rule a sentence describes, or None when no condition can be read from it."""
    parts: list[str] = []
    words: list[str] = []
    age = re.search(r"(?:aged?|ages|between|年龄在?)\s*(\d{1,2})\s*(?:to|-|and|–|到|至)\s*"
                    r"(\d{1,2})", text)
    if age:
        parts.append(f"age between {age.group(1)} and {age.group(2)}")
        words.append(f"aged {age.group(1)}-{age.group(2)}")
    else:
        older = re.search(rf"(?:older than|over|above|aged over|{_MORE})\s*(\d{{1,2}})\s*"
                          r"(?:years?|yrs?|岁)?(?!\s*(?:orders?|purchases?|\d|%|k\b))", text)
        younger = re.search(rf"(?:younger than|under|below|{_LESS})\s*(\d{{1,2}})\s*"
                            r"(?:years?|yrs?|岁)?(?!\s*(?:orders?|purchases?|\d|%|k\b))", text)
        if older and not _money_near(text, older):
            parts.append(f"age > {older.group(1)}")
            words.append(f"over {older.group(1)}")
        if younger and not _money_near(text, younger):
            parts.append(f"age < {younger.group(1)}")
            words.append(f"under {younger.group(1)}")
    spend = re.search(rf"(?:spent|spend|spending|revenue|消费)\s*{_MORE}?\s*{_NUMBER}", text) or \
        re.search(rf"{_MORE}\s*{_NUMBER}\s*(?:dollars|\$|in revenue|spend|元)", text)
    if spend:
        parts.append(f"revenue > {_amount(spend):g}")
        words.append(f"spent over {_amount(spend):g}")
    orders = re.search(rf"{_MORE}\s*(\d+)\s*(?:orders|purchases|个订单|次)", text)
    if orders:
        parts.append(f"orders > {orders.group(1)}")
        words.append(f"over {orders.group(1)} orders")
    quiet = re.search(r"(?:hasn't|haven't|not|no)\s+(?:ordered|bought|purchased)[^\d]{0,20}"
                      r"(\d+)\s*days", text)
    if quiet:
        parts.append(f"recency_days > {quiet.group(1)}")
        words.append(f"inactive {quiet.group(1)} days")
    top = re.search(r"\b(top|bottom)\s*(\d+(?:\.\d+)?)\s*(%|percent)?\s*(?:of\s+customers\s+)?by\s+"
                    r"(revenue|orders|spend|value)", text)
    if top:
        metric = "revenue" if top.group(4) in ("spend", "value") else top.group(4)
        percent = "%" if top.group(3) else ""
        parts.append(f"{top.group(1)} {top.group(2)}{percent} by {metric}")
        words.append(f"{top.group(1)} {top.group(2)}{percent} by {metric}")
    for word, gender in _GENDER.items():
        if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text) or (
                not word.isascii() and word in text):
            value = _gender_value(schema, gender)
            if value:
                parts.append(condition_text("gender", value))
                words.append(value)
            break
    for _, column, value in values_in(text, schema):
        if column == "gender":
            continue
        parts.append(condition_text(column, value))
        words.append(value)
    if not parts:
        return None
    named = re.search(r"(?:called|named|name it|save (?:it )?as)\s+[\"']?"
                      r"([a-z0-9][a-z0-9 _.-]{1,40})", text)
    name = named.group(1).strip().title() if named else rule_name(words)
    return Rule(" and ".join(parts), name)


def _money_near(text: str, match: re.Match[str]) -> bool:
    tail = text[match.end(): match.end() + 12]
    return bool(re.match(r"\s*(?:\d|k\b|dollars|\$|元|orders|purchases)", tail)) or "$" in text[
        max(0, match.start() - 2): match.end()]


def _gender_value(schema: Schema, gender: str) -> str | None:
    for low, (_, column, value) in schema.values.items():
        if column == "gender" and low == gender:
            return value
    return None
