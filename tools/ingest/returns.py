"""Flag returns and cancellations (negative amounts, 'C' invoices, status words), kept and said."""

from __future__ import annotations

import re

import pandas as pd

from tools.ingest.cleaning import CleaningLog
from tools.ingest.naming import name_tokens

_RETURN_WORDS = re.compile(r"return|refund|cancel|void|reversal|退", re.IGNORECASE)


def flag_returns(frame: pd.DataFrame, roles: dict[str, str], log: CleaningLog) -> pd.DataFrame:
    """Add `is_return`: negative quantity or amount, invoice ids starting with 'C', status words."""
    flags = pd.Series(False, index=frame.index)
    reasons = []
    for column, role in roles.items():
        series = frame[column]
        if role in ("quantity", "amount") and pd.api.types.is_numeric_dtype(series):
            hit = series.fillna(0) < 0
            if hit.any():
                reasons.append(f"negative {column}")
            flags |= hit
        elif role == "order_id":
            hit = series.astype("string").str.match(r"^[Cc]\d").fillna(False).astype(bool)
            if hit.any():
                reasons.append(f"{column} starting with 'C'")
            flags |= hit
        elif role == "categorical" and "status" in name_tokens(column):
            hit = series.astype("string").str.contains(_RETURN_WORDS).fillna(False).astype(bool)
            if hit.any():
                reasons.append(f"{column} saying returned/cancelled")
            flags |= hit
    if not flags.any():
        return frame
    frame = frame.copy()
    frame["is_return"] = flags.astype(bool)
    log.warnings.append(
        f"{int(flags.sum()):,} rows are returns or cancellations "
        f"({'; '.join(reasons)}); they are flagged in 'is_return' and kept."
    )
    return frame
