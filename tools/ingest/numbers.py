"""Read numbers written as text: currency symbols, thousands separators, decimal commas.

`parse_numbers` is the full set of rules. `read_numbers` gives the same values faster
for a long column: values that are already plain numbers ("1234.5", "-7") go straight
to pandas' C parser, and only the rest pass through the cleaning rules.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_CURRENCY = re.compile(
    r"^(?:USD|EUR|GBP|CNY|RMB|JPY|CAD|AUD|US\$|C\$|A\$|[$€£¥￥₹₩₽¢])\s*|"
    r"\s*(?:USD|EUR|GBP|CNY|RMB|JPY|CAD|AUD|元|[$€£¥￥₹₩₽¢])$",
    re.IGNORECASE,
)
_US_NUMBER = re.compile(
    r"^[-+]?(?:\d{1,3}(?:[,'\u00a0\u202f ]\d{3})+|\d+)?(?:\.\d+)?(?:[eE][-+]?\d{1,3})?$"
)  # with an optional exponent: exports write 1e+18 for very large values
_EU_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:[.'\u00a0\u202f ]\d{3})+|\d+)(?:,\d+)?$")
_EU_HINT = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+,\d+$|^[-+]?\d+,\d{1,2}$")
# ASCII digits only, with nothing for the cleaning rules to change: "12", "-3.5", ".5".
_PLAIN_NUMBER = r"^[-+]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)\Z"
_EXACT_INTEGERS = 2**53  # beyond this, text → int → float can round differently
_EXACT_DIGITS = 15  # up to 15 digits every parser rounds a decimal to the same double


def parse_numbers(values: pd.Series, european: bool | None = None) -> pd.Series:
    """Read numbers written with currency symbols, thousands separators or decimal commas.

    `european` (decimal comma) is decided from the values unless given.
    """
    text = values.str.strip()
    negative = text.str.fullmatch(r"\(.*\)")
    text = text.str.strip("()").str.replace(_CURRENCY, "", regex=True).str.strip()
    text = text.str.replace(r"\s+", " ", regex=True)
    if european is None:
        european = text.str.fullmatch(_EU_HINT).mean() > 0.5
    if european:
        valid = text.str.fullmatch(_EU_NUMBER)
        cleaned = text.str.replace(r"[.'\u00a0\u202f ]", "", regex=True).str.replace(",", ".")
    else:
        valid = text.str.fullmatch(_US_NUMBER) & text.str.contains(r"\d")
        cleaned = text.str.replace(r"[,'\u00a0\u202f ]", "", regex=True)
    numbers = pd.to_numeric(cleaned.where(valid), errors="coerce")
    return numbers.where(~negative, -numbers)


def _decimal_comma_hints(values: pd.Series) -> int:
    """How many values look like European numbers, counted as `parse_numbers` counts them."""
    text = values.str.strip().str.strip("()").str.replace(_CURRENCY, "", regex=True).str.strip()
    text = text.str.replace(r"\s+", " ", regex=True)
    return int(text.str.fullmatch(_EU_HINT).sum())


def decimal_comma_share(values: pd.Series) -> float:
    """The share of values written with a decimal comma ('12,5', '1.234,50')."""
    return _decimal_comma_hints(values) / len(values) if len(values) else 0.0


def read_numbers(values: pd.Series) -> pd.Series:
    """`parse_numbers` for text without missing values, quick when most values are plain.

    Plain numbers pass through every cleaning rule unchanged and cannot look European,
    so in a column read with decimal points they only need the final conversion; the
    others get the full rules. The decimal-comma decision is taken over the whole column,
    as `parse_numbers` takes it; a decimal-comma column gets the full rules throughout.
    Returns float64 or int64 values equal to `parse_numbers(values)`.
    """
    plain = values.str.contains(_PLAIN_NUMBER, regex=True).to_numpy(dtype=bool)
    if plain.all():
        return _plain_to_numbers(values)
    messy = values[~plain]
    if plain.sum() * 4 < len(values):
        return parse_numbers(values)  # mostly messy: nothing to gain
    if _decimal_comma_hints(messy) / len(values) > 0.5:
        return parse_numbers(values)  # decimal commas: "1.250" means 1250, not plain
    simple = _plain_to_numbers(values[plain])
    cleaned = parse_numbers(messy, european=False)
    if not (_is_real(simple) and _is_real(cleaned)):
        return parse_numbers(values)
    result = np.empty(len(values), dtype="float64")
    result[plain] = simple.to_numpy(dtype="float64", na_value=np.nan)
    result[~plain] = cleaned.to_numpy(dtype="float64", na_value=np.nan)
    if np.nanmax(np.abs(result), initial=0.0) >= _EXACT_INTEGERS:
        return parse_numbers(values)
    return pd.Series(result, index=values.index, name=values.name)


def _plain_to_numbers(values: pd.Series) -> pd.Series:
    """`pd.to_numeric` of plain numbers, by Arrow's parser where it provably agrees.

    pandas turns every cell into a Python object first. With at most 15 digits both
    parsers give the correctly rounded double, and whole numbers stay int64 as in pandas.
    """
    dtype = values.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow") or values.hasnans:
        return pd.to_numeric(values, errors="coerce")
    data = pa.array(values.array)
    if not len(data) or pc.max(pc.utf8_length(data)).as_py() > _EXACT_DIGITS:
        return pd.to_numeric(values, errors="coerce")
    decimals = pc.any(pc.match_substring(data, ".")).as_py()
    try:
        parsed = pc.cast(data, pa.float64() if decimals else pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):  # e.g. "+5" as a whole number
        return pd.to_numeric(values, errors="coerce")
    return pd.Series(parsed.to_numpy(), index=values.index, name=values.name)


def _is_real(numbers: pd.Series) -> bool:
    return pd.api.types.is_integer_dtype(numbers) or pd.api.types.is_float_dtype(numbers)
