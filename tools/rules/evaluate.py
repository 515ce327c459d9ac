"""Evaluate a typed filter on the customer table with plain, vectorised pandas comparisons.

Values are coerced to each column's type first, so a mistake reads as a sentence
("age is a number; 'abc' is not") rather than an empty segment. Text equality
ignores case; a value the column never holds is refused with the closest values.
Missing values never match a comparison (so `!=` and `not in` leave them out, as
in SQL); only `is missing` finds them. Top-N keeps exactly N customers: ties at the
cut are broken by customer id (ascending), so the same filter always gives the same
members.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tools.errors import ToolError, closest
from tools.rules.columns import CustomerTable, column_kind
from tools.rules.model import (
    LIST_OPS,
    MISSING_OPS,
    ORDER_OPS,
    Condition,
    Filter,
    Group,
    Scalar,
    TopN,
    Where,
    conditions_of,
)

_TRUE = {"true", "yes", "y", "1", "是", "真"}
_FALSE = {"false", "no", "n", "0", "否", "假"}
_SUGGEST_LIMIT = 20_000


@dataclass
class Selection:
    """The members of a rule, the rule with real column names and values, and any warnings."""

    ids: pd.Index
    mask: np.ndarray
    rule: Filter
    used_columns: list[str]
    warnings: list[str] = field(default_factory=list)


def select(table: CustomerTable, rule: Filter, within: pd.Index | None = None) -> Selection:
    """Customers matching `rule`, optionally only among `within` (a saved segment's ids)."""
    warnings: list[str] = []
    mask = np.ones(table.customers, dtype=bool)
    where = None
    if rule.where is not None:
        where_mask, where = _where(table, rule.where, warnings)
        mask &= where_mask
    if within is not None:
        mask &= positions_mask(table.frame.index, within)
    top = None
    if rule.top is not None:
        mask, top = _top(table, rule.top, mask, warnings)
    resolved = Filter(where=where, top=top)
    used = [c.column for c in conditions_of(where)] + ([top.metric] if top else [])
    return Selection(table.frame.index[mask], mask, resolved, list(dict.fromkeys(used)),
                     warnings)


def positions_mask(index: pd.Index, ids: pd.Index) -> np.ndarray:
    """Which rows of a unique `index` are in `ids` (hash lookup; fast on long id lists)."""
    found = index.get_indexer(pd.Index(ids).astype(index.dtype))
    mask = np.zeros(len(index), dtype=bool)
    mask[found[found >= 0]] = True
    return mask


def _where(table: CustomerTable, where: Where, warnings: list[str]) -> tuple[np.ndarray, Where]:
    if isinstance(where, Condition):
        return _condition(table, where, warnings)
    results = [_where(table, item, warnings) for item in where.items]
    masks = [m for m, _ in results]
    items = [w for _, w in results]
    if where.all_of is not None:
        return np.logical_and.reduce(masks), Group(all_of=items)
    return np.logical_or.reduce(masks), Group(any_of=items)


def _condition(table: CustomerTable, cond: Condition,
               warnings: list[str]) -> tuple[np.ndarray, Condition]:
    column = table.resolve(cond.column)
    series = table.series(column)
    present = series.notna().to_numpy()
    if cond.op in MISSING_OPS:
        mask = ~present if cond.op == "is missing" else present
        return mask, Condition(column=column, op=cond.op)
    kind = column_kind(series)
    values = cond.value if isinstance(cond.value, list) else [cond.value]
    if cond.op == "contains":
        if kind != "text":
            raise ToolError(f"'contains' works on text; {column} is {_KIND_WORDS[kind]}. "
                            "Use =, >, < or between.")
        return _contains(series, column, str(values[0])), Condition(
            column=column, op="contains", value=str(values[0]))
    if (cond.op in ORDER_OPS or cond.op == "between") and kind in ("text", "bool"):
        raise ToolError(
            f"'{cond.op}' needs numbers, dates or an ordered column; {column} is "
            f"{_KIND_WORDS[kind]}. Use =, in or contains.")
    if kind == "text":
        found, shown = _text_matches(series, column, cond.op, values, warnings)
        mask = found if cond.op in ("=", "in") else present & ~found
        return mask, _rebuilt(column, cond.op, shown)
    keys, coerced = _comparable(series, column, kind, values)
    return _compare(keys, cond.op, coerced) & present, _rebuilt(column, cond.op, [
        _shown(v, kind, series) for v in coerced])


_KIND_WORDS = {"number": "a number", "date": "a date", "bool": "yes/no",
               "ordered": "an ordered category", "text": "text"}


def _rebuilt(column: str, op: str, values: list[Scalar]) -> Condition:
    if op == "between":
        return Condition(column=column, op=op, value=values)
    value: Scalar | list[Scalar] = values if op in LIST_OPS else values[0]
    return Condition(column=column, op=op, value=value)  # type: ignore[arg-type]


def _folded_uniques(series: pd.Series) -> tuple[np.ndarray, pd.Series, pd.Series]:
    """Codes per row (-1 for missing), the distinct values, and them case-folded."""
    codes, uniques = pd.factorize(series)
    uniques = pd.Series(np.asarray(uniques, dtype=object))
    return codes, uniques, uniques.astype(str).str.casefold()


def _spread(codes: np.ndarray, hit: np.ndarray) -> np.ndarray:
    """A per-distinct-value answer spread to every row; missing rows are False."""
    return np.append(np.asarray(hit, dtype=bool), False)[codes]


def _contains(series: pd.Series, column: str, needle: str) -> np.ndarray:
    codes, _, folded = _folded_uniques(series)
    return _spread(codes, folded.str.contains(needle.casefold(), regex=False).to_numpy())


def _as_text(value: Scalar) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _text_matches(series: pd.Series, column: str, op: str, values: list[Scalar],
                  warnings: list[str]) -> tuple[np.ndarray, list[Scalar]]:
    """Rows equal (ignoring case) to a wanted value, and the values as the column spells them."""
    codes, uniques, folded = _folded_uniques(series)
    wanted = [_as_text(v) for v in values]
    hit = folded.isin([w.casefold() for w in wanted]).to_numpy()
    spelled: dict[str, list[str]] = {}
    for key, original in zip(folded[hit], uniques[hit], strict=True):
        spelled.setdefault(key, []).append(str(original))
    shown: list[Scalar] = []
    unknown: list[str] = []
    for text in wanted:
        hits = spelled.get(text.casefold())
        if hits is None:
            unknown.append(text)
        shown.append(hits[0] if hits and len(hits) == 1 else text)
    if unknown:
        message = _unknown_values(column, unknown, uniques)
        if op in ("=", "in") and not hit.any():
            raise ToolError(message)
        warnings.append(message)
    return _spread(codes, hit), shown


def _unknown_values(column: str, unknown: list[str], uniques: pd.Series) -> str:
    shown = ", ".join(f"'{u}'" for u in unknown[:5])
    message = f"No customer has {column} {shown}."
    if len(uniques) <= _SUGGEST_LIMIT:
        options = [str(u) for u in uniques]
        hits = [h for u in unknown[:5] for h in closest(u, options)]
        if hits:
            return message + " Did you mean " + " or ".join(
                f"'{h}'" for h in dict.fromkeys(hits)) + "?"
        if len(options) <= 12:
            return message + " Its values are " + ", ".join(
                f"'{o}'" for o in sorted(options)) + "."
    return message


def _comparable(series: pd.Series, column: str, kind: str,
                values: list[Scalar]) -> tuple[np.ndarray, list]:
    """The column as sortable numbers, and the wanted values on the same scale."""
    if kind == "number":
        keys = pd.to_numeric(series, errors="coerce").to_numpy(float, na_value=np.nan)
        return keys, [_number(column, v) for v in values]
    if kind == "date":
        dates = pd.to_datetime(series)
        if getattr(dates.dt, "tz", None) is not None:
            dates = dates.dt.tz_localize(None)
        keys = dates.dt.normalize().to_numpy("datetime64[ns]")
        return keys, [_date(column, v) for v in values]
    if kind == "bool":
        keys = series.astype("boolean").to_numpy(float, na_value=np.nan)
        return keys, [_bool(column, v) for v in values]
    categories = list(series.cat.categories)
    keys = series.cat.codes.to_numpy()
    return keys, [_category(column, v, categories) for v in values]


def _number(column: str, value: Scalar) -> float:
    if isinstance(value, bool):
        raise ToolError(f"{column} is a number; {value!r} is not.")
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(",", "").removesuffix("%")
    try:
        number = float(text)
    except ValueError:
        raise ToolError(f"{column} is a number; '{value}' is not.") from None
    if not math.isfinite(number):
        raise ToolError(f"{column} is a number; '{value}' is not a usable one.")
    return number / 100 if str(value).strip().endswith("%") else number


def _date(column: str, value: Scalar) -> np.datetime64:
    if isinstance(value, bool | int | float):
        raise ToolError(f"{column} is a date; {value!r} is not. Write dates as YYYY-MM-DD.")
    try:
        stamp = pd.Timestamp(str(value))
    except (ValueError, TypeError):
        stamp = pd.NaT
    if stamp is pd.NaT:
        raise ToolError(f"{column} is a date; '{value}' is not. Write dates as YYYY-MM-DD.")
    if stamp.tz is not None:
        stamp = stamp.tz_localize(None)
    return stamp.normalize().to_datetime64().astype("datetime64[ns]")


def _bool(column: str, value: Scalar) -> float:
    if isinstance(value, bool):
        return float(value)
    text = _as_text(value).strip().casefold()
    if text in _TRUE:
        return 1.0
    if text in _FALSE:
        return 0.0
    raise ToolError(f"{column} is yes/no; '{value}' is not. Use true or false.")


def _category(column: str, value: Scalar, categories: list) -> int:
    text = _as_text(value).casefold()
    for code, category in enumerate(categories):
        if str(category).casefold() == text:
            return code
    options = [str(c) for c in categories]
    hint = closest(_as_text(value), options)
    suffix = (" Did you mean " + " or ".join(f"'{h}'" for h in hint) + "?") if hint else ""
    raise ToolError(f"No customer has {column} '{value}'.{suffix} In order, its values are "
                    + ", ".join(f"'{o}'" for o in options) + ".")


def _compare(keys: np.ndarray, op: str, values: list) -> np.ndarray:
    value = values[0]
    with np.errstate(invalid="ignore"):
        if op == "=":
            return keys == value
        if op == "!=":
            return keys != value
        if op == ">":
            return keys > value
        if op == ">=":
            return keys >= value
        if op == "<":
            return keys < value
        if op == "<=":
            return keys <= value
        if op == "between":
            low, high = sorted(values[:2])
            return (keys >= low) & (keys <= high)
        found = np.isin(keys, np.asarray(values, dtype=keys.dtype))
        return found if op == "in" else ~found


def _shown(value: object, kind: str, series: pd.Series) -> Scalar:
    """A coerced value written back for the canonical filter text."""
    if kind == "number":
        number = float(value)  # type: ignore[arg-type]
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if kind == "date":
        return str(pd.Timestamp(value).date())
    if kind == "bool":
        return bool(value)
    return str(series.cat.categories[int(value)])  # type: ignore[call-overload]


def _top(table: CustomerTable, top: TopN, mask: np.ndarray,
         warnings: list[str]) -> tuple[np.ndarray, TopN]:
    metric = table.resolve(top.metric)
    series = table.series(metric)
    kind = column_kind(series)
    if kind not in ("number", "date", "ordered"):
        raise ToolError(f"'top … by {metric}' needs a number to rank by; {metric} is "
                        f"{_KIND_WORDS[kind]}. Try revenue, orders or avg_order_value.")
    keys, _ = _comparable(series, metric, kind, [])
    keys = keys.astype(np.int64) if kind == "date" else keys
    keys = keys.astype(float)
    pool = np.flatnonzero(mask & series.notna().to_numpy())
    wanted = top.n if top.n is not None else max(1, round((top.share or 0) * len(pool)))
    if top.n is not None and wanted > len(pool):
        warnings.append(f"Only {len(pool)} customers have a value of {metric} here, "
                        f"fewer than the {wanted} asked for; all of them are kept.")
    # The table is sorted by customer id, so a stable sort breaks ties by id.
    ranked = pool[np.argsort(keys[pool] if top.ascending else -keys[pool], kind="stable")]
    out = np.zeros_like(mask)
    out[ranked[:wanted]] = True
    return out, TopN(metric=metric, n=top.n, share=top.share, ascending=top.ascending)
