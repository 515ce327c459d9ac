"""Turn "women under 30 in California who spent more than $1,000" into a segment rule.

The rule is text in the `define_segment` grammar, built only from recognised pieces
(a column, an operator word, a number or a known category value), so nothing the user
typed is passed through unread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.brains.local.context import Schema
from assistant.brains.local.slots import filter_values_at
from assistant.brains.local.stated import DAYS_PER_UNIT, day_quantities

_NUMBER = r"\$?(\d[\d,]*(?:\.\d+)?)\s*(k)?"
_MORE = r"(?:more than|over|above|at least|greater than|>=|>|超过|大于|多于|以上|至少|不少于)"
_LESS = r"(?:less than|under|below|fewer than|at most|<=|<|少于|小于|低于|以下|至多|不超过)"
_GENDER = {"women": "female", "woman": "female", "female": "female", "ladies": "female",
           "女性": "female", "女": "female", "men": "male", "man": "male", "male": "male",
           "男性": "male", "男": "male"}


@dataclass(frozen=True)
class Rule:
    filter: str
    name: str


@dataclass(frozen=True)
class Condition:
    """One condition a question names: the column it reads, its rule text, readable words
    for a segment name, and where in the question it was found."""

    column: str
    text: str
    words: str
    at: int = -1
    end: int = -1
    kind: str = ""
    """'value': a category value of the data (a place, a channel); 'number': a comparison
    on a number (age, spend, orders, recency …), which only a filter can apply."""

    @property
    def negated(self) -> bool:
        return self.words.startswith("not ")


def condition_text(column: str, value: str) -> str:
    return f'{column} = "{value}"'


def rule_name(parts: list[str], base: str | None = None) -> str:
    """A readable, safe segment name: 'Champions in California'."""
    clean = [re.sub(r"[^A-Za-z0-9 _.-]", "", str(p)).strip() for p in parts]
    label = " and ".join(p for p in clean if p) or "Custom segment"
    base_clean = re.sub(r"[^A-Za-z0-9 _.-]", "", base or "").strip()
    name = f"{base_clean} in {label}" if base_clean else label
    if len(name) > 80 and " and " in name:  # whole conditions only, never 'Texa'
        kept = name.split(" and ")
        while len(kept) > 1 and len(" and ".join(kept)) > 78:
            kept.pop()
        name = " and ".join(kept) + " …"
    return name[:80].strip() or "Custom segment"


def rule_from_text(text: str, schema: Schema) -> Rule | None:
    """The rule a sentence describes, or None when no condition can be read from it."""
    conditions = conditions_in_text(text, schema)
    if not conditions:
        return None
    named = re.search(r"(?:called|named|name it|save (?:it )?as)\s+[\"']?"
                      r"([a-z0-9][a-z0-9 _.-]{1,40})", text)
    name = named.group(1).strip().title() if named else rule_name([c.words for c in conditions])
    return Rule(" and ".join(c.text for c in conditions), name)


def conditions_in_text(text: str, schema: Schema) -> list[Condition]:
    """Every condition the sentence names that the rule grammar can state, in the order
    they are read: ages, spend, orders, inactivity, top/bottom shares, gender, values."""
    found: list[Condition] = []
    age = re.search(r"(?:aged?|ages|between|年龄在?)\s*(\d{1,2})\s*(?:to|-|and|–|到|至)\s*"
                    r"(\d{1,2})", text) or re.search(
        r"(?<!\d)(\d{1,2})\s*岁?\s*(?:到|至|-|–|~)\s*(\d{1,2})\s*岁", text)
    if age:
        found.append(Condition("age", f"age between {age.group(1)} and {age.group(2)}",
                               f"aged {age.group(1)}-{age.group(2)}", age.start(), age.end(),
                               kind="number"))
    else:
        older = _age_bound(text, rf"older than|aged? (?:over|above)|{_MORE}")
        younger = _age_bound(text, rf"younger than|aged? (?:under|below)|{_LESS}")
        if older and not _money_near(text, older):
            found.append(Condition("age", f"age > {older.group(1)}", f"over {older.group(1)}",
                                   older.start(), older.end(), kind="number"))
        if younger and not _money_near(text, younger):
            found.append(Condition("age", f"age < {younger.group(1)}",
                                   f"under {younger.group(1)}", younger.start(), younger.end(),
                                   kind="number"))
    compare = f"({_MORE}|{_LESS})"
    spend = re.search(rf"(?:spent|spend|spending|revenue|消费)\s*{compare}?\s*{_NUMBER}", text) \
        or re.search(rf"{compare}\s*{_NUMBER}\s*(?:dollars|\$|in revenue|spend|元)", text)
    if spend:
        op, said = comparison(spend.group(1))
        amount = float(spend.group(2).replace(",", "")) * (1000 if spend.group(3) else 1)
        found.append(Condition("revenue", f"revenue {op} {amount:g}", f"spent {said} {amount:g}",
                               spend.start(), spend.end(), kind="number"))
    orders = re.search(rf"({_MORE}|{_LESS}|exactly)\s*(?:下过|买过|购买过|购买)?\s*(\d+)\s*"
                       r"(?:orders|purchases|times|个订单|次)", text) \
        or re.search(r"(\d+)\s*(?:or more|\+)\s*(?:orders|purchases)", text)
    after = re.search(r"(?<!\d)(\d+)\s*(?:次|单|笔|个订单)\s*(?:及|或)?(以上|以下)(?:的?订单)?",
                      text)
    if after and not orders:  # '5次以上': the comparison after the number
        orders, word, count = after, after.group(2), after.group(1)
    elif orders:
        word, count = (orders.group(1), orders.group(2)) if orders.lastindex == 2 \
            else ("at least", orders.group(1))
    if orders:
        op, said = comparison(word)
        found.append(Condition("orders", f"orders {op} {count}", f"{said} {count} orders",
                               orders.start(), orders.end(), kind="number"))
    quiet = inactive_days(text)
    if quiet is not None:
        days, at, end = quiet
        found.append(Condition("recency_days", f"recency_days > {days}",
                               f"no order in {days} days", at, end, kind="number"))
    recent = recent_window(text)
    if recent is not None and quiet is None:  # 'hasn't ordered in the last 90 days' is quiet
        days, at, said = recent
        found.append(Condition("recency_days", f"recency_days <= {days}", said, at,
                               kind="number"))
    top = re.search(r"\b(top|bottom)\s*(\d+(?:\.\d+)?)\s*(%|percent)?\s*(?:of\s+customers\s+)?"
                    r"by\s+(revenue|orders|spend|value)", text)
    if top:
        metric = "revenue" if top.group(4) in ("spend", "value") else top.group(4)
        percent = "%" if top.group(3) else ""
        words = f"{top.group(1)} {top.group(2)}{percent} by {metric}"
        found.append(Condition(metric, words, words, top.start(), kind="number"))
    for word, gender in _GENDER.items():
        match = re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text) if word.isascii() \
            else re.search(re.escape(word), text)
        if match:
            stored = _gender_value(schema, gender)
            if stored:
                column, value = stored
                found.append(Condition(column, condition_text(column, value), value,
                                       match.start(), match.end(), "value"))
            break
    gender_columns = {c.column for c in found}
    found += value_conditions(text, [v for v in filter_values_at(text, schema)
                                     if v[2] not in gender_columns])
    return found


_EXCLUDING = re.compile(r"(?:\bnot (?:in|from)|\boutside(?: of)?|\bexcluding|\bexcept(?: for)?|"
                        r"\bother than|\bbesides|\bapart from|\bbut not|\bnon-?|\bexclud(?:e|ing)|"
                        r"\bleav(?:e|ing) out|除了|不在|不是|非|不包括|不包含|不含|排除|剔除|"
                        r"去掉|除去)"
                        r"\s*(?:the\s+)?$")
_LIST_JOIN = re.compile(r"^\s*(?:,|or|and|、|和|或|或者|及)?\s*(?:the\s+)?$")


def value_conditions(text: str, values: list[tuple[int, int, str, str]]) -> list[Condition]:
    """One condition per column: 'Canada or Japan' is either, never both at once;
    'not in Texas', 'excluding France', '除了法国' leave those values out."""
    by_column: dict[str, list[tuple[int, int, str, bool]]] = {}
    for at, end, column, value in values:
        earlier = by_column.setdefault(column, [])
        negated = bool(_EXCLUDING.search(text[max(0, at - 20):at]))
        if not negated and earlier and earlier[-1][3]:  # 'not in Texas or Ohio'
            negated = bool(_LIST_JOIN.match(text[earlier[-1][1]:at]))
        earlier.append((at, end, value, negated))
    found = []
    for column, named in by_column.items():
        for negated in (False, True):
            chosen = [(at, end, value) for at, end, value, n in named if n == negated]
            if not chosen:
                continue
            at = chosen[0][0]
            if len(chosen) == 1:
                value = chosen[0][2]
                rule = f'{column} != "{value}"' if negated else condition_text(column, value)
                words = f"not {value}" if negated else value
            else:
                listed = ", ".join(f'"{v}"' for _, _, v in chosen)
                rule = f"{column} {'not in' if negated else 'in'} ({listed})"
                words = " or ".join(v for _, _, v in chosen)
                words = f"not {words}" if negated else words
            found.append(Condition(column, rule, words, at, chosen[-1][1], "value"))
    return found


_PEOPLE = (r"(?:women|men|ladies|females|males|customers|clients|people|shoppers|buyers|users|"
           r"members|ones|those|adults|parents|女性|男性|客户|顾客|用户|人)")


def _age_bound(text: str, words: str) -> re.Match[str] | None:
    """'older than 50', 'women over 50', '50 years or older', '年龄超过50', '50岁以上': an age
    is a one- or two-digit number said of people or with years; 'more than 2 products' is
    not an age."""
    number = r"(\d{1,2})(?![\d,.%])"
    said = [
        rf"(?:older than|younger than|aged? (?:over|above|under|below))\s*{number}",
        rf"{_PEOPLE}\s*(?:who are\s*|aged?\s*)?(?:{words})\s*{number}(?!\s*(?:k\b|万|千|元|\$|"
        r"orders?|purchases?|products?|items?|days?|months?|weeks?|次|个|天|月))",
        rf"(?:{words})\s*{number}\s*(?:years?|yrs?|岁)",
        rf"年龄(?:{words})?\s*{number}",
        rf"{number}\s*(?:岁|years? old)\s*(?:or\s*)?(?:{words})",
    ]
    for pattern in said:
        match = re.search(pattern, text)
        if match and re.search(rf"(?:{words})", match.group(0)):
            return match
    return None


_AT_LEAST = ("at least", "no less than", ">=", "不少于", "至少", "or more", "以上")
_AT_MOST = ("at most", "<=", "no more than", "不超过", "至多", "以下")
_BELOW = ("less than", "under", "below", "fewer than", "lower than", "<", "少于", "小于",
          "低于")


def comparison(word: str | None) -> tuple[str, str]:
    """The rule operator and plain words of a comparison word: 'at least' → ('>=', 'at
    least'); 'more than', 'over', 超过 → ('>', 'over'); none → '>' (spent 500 = over)."""
    word = (word or "").strip().lower()
    if word in _AT_LEAST:
        return ">=", "at least"
    if word in _AT_MOST:
        return "<=", "at most"
    if word in _BELOW:
        return "<", "under"
    if word == "exactly":
        return "=", "exactly"
    return ">", "over"


_ZH_DIGITS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10, "半": 0.5}


_NOT_BOUGHT = re.compile(
    r"(?:hasn't|haven't|hadn't|has not|have not|did not|didn't|not|no|never|without)\s+"
    r"(?:\w+\s+){0,2}?(?:ordered|bought|purchased|shopped|orders?|purchases?|buying|"
    r"ordering)\b|\binactive\b|\blapsed\b"
    r"|没(?:有)?再?(?:下过?单|购买|买|消费|购物)|未(?:下单|购买|消费)|不再(?:购买|下单|买)")


def inactive_days(text: str) -> tuple[int, int, int] | None:
    """'hasn't ordered in 180 days', '超过半年没买', '3个月没有购买': (days, where) of
    customers whose last order is more than that many days before the data's last date;
    (days, start, end) of the words that say it."""
    said = _NOT_BOUGHT.search(text)
    if said is None:
        return None
    near = [q for q in day_quantities(text)
            if -40 <= q.start - said.end() <= 40 or -40 <= said.start() - q.end <= 40]
    if not near:
        return None
    closest = min(near, key=lambda q: min(abs(q.start - said.end()), abs(said.start() - q.end)))
    return int(closest.value), min(said.start(), closest.start), max(said.end(), closest.end)


def recent_window(text: str) -> tuple[int, int, str] | None:
    """'who ordered in the past 2 months', 'bought within the last 30 days', '最近三个月下过单':
    (days, where, words): customers whose last order is at most that many days before the
    data's last date (a month counts 30 days)."""
    english = re.search(r"(?:ordered|bought|purchased|shopped|placed an order|made a purchase)"
                        r"\s+(?:something\s+)?(?:in|within|during|over)\s+the\s+(?:past|last)"
                        r"\s+(\d+)?\s*(day|week|month|year)s?", text)
    if english:
        count = float(english.group(1) or 1)
        unit = english.group(2)
        days = round(count * DAYS_PER_UNIT[unit])
        shown = f"{count:g} {unit}{'s' if count != 1 else ''}"
        return days, english.start(), f"ordered in the last {shown}"
    chinese = re.search(r"(?:最近|近|过去)\s*(\d+|[一两二三四五六七八九十半]+)?\s*个?\s*"
                        r"(天|日|周|星期|月|年)\s*(?:内|里|之内)?\s*(?:有|曾)?\s*"
                        r"(?:下单|下过单|购买|买过|消费过|购物)", text)
    if chinese:
        raw = chinese.group(1) or "一"
        count = float(raw) if raw.isdigit() else float(sum(_ZH_DIGITS.get(c, 0) for c in raw))
        days = round(max(count, 0.5) * DAYS_PER_UNIT[chinese.group(2)])
        return days, chinese.start(), f"ordered in the last {days} days"
    return None


def _money_near(text: str, match: re.Match[str]) -> bool:
    tail = text[match.end(): match.end() + 12]
    return bool(re.match(r"\s*(?:\d|k\b|dollars|\$|元|orders|purchases)", tail)) or "$" in text[
        max(0, match.start() - 2): match.end()]


def _gender_value(schema: Schema, gender: str) -> tuple[str, str] | None:
    """(column, stored value) of the data's gender column ('gender', 'Gender', 'Sex' …):
    the column holding a value that reads as the gender word."""
    for low, (_, column, value) in schema.values.items():
        if low == gender:
            return column, value
    return None
