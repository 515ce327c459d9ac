"""Yes/no label columns of a customers table: Churn Yes/No, Exited 0/1, a boolean `churned`.

A label is recognised by its values, not its name: a column with exactly two values
that read as yes and no (yes/no, y/n, true/false, 1/0, 是/否, churned/retained, …).
Its name then says what it is about ("Exited", "Churn", "Response"), and the words a
marketer uses for that ("churn", "流失", "responded") are matched against the name and
the values by `assistant.brains.local.labels`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tools.ingest.naming import name_tokens

POSITIVE = frozenset({"yes", "y", "true", "t", "1", "1.0", "churned", "churn", "exited",
                      "left", "cancelled", "canceled", "attrited", "lost", "responded",
                      "accepted", "converted", "positive", "是", "有", "流失", "已流失"})
NEGATIVE = frozenset({"no", "n", "false", "f", "0", "0.0", "retained", "stayed", "active",
                      "existing", "kept", "not churned", "negative", "否", "无", "未流失",
                      "留存"})


STATUS_VALUES = frozenset({"churned", "exited", "left", "cancelled", "canceled", "attrited",
                           "lost", "流失", "已流失"})
"""A value of a status column (Stayed / Churned / Joined) that marks the label's yes side."""


@dataclass(frozen=True)
class Flag:
    """A yes/no column: the stored value meaning yes, and the one meaning no (None for a
    status column, where 'no' is every other value)."""

    column: str
    positive: object
    negative: object = None

    @property
    def is_status(self) -> bool:
        return self.negative is None

    @property
    def words(self) -> list[str]:
        """The column's name as words: 'MonthlyCharges' → ['monthly', 'charges']."""
        return name_tokens(self.column)

    def condition(self, yes: bool = True) -> str:
        """The rule text selecting the yes (or no) side, in the define_segment grammar."""
        if self.is_status and not yes:
            return f"{quoted_column(self.column)} != {literal(self.positive)}"
        value = self.positive if yes else self.negative
        return f"{quoted_column(self.column)} = {literal(value)}"

    def value_text(self, yes: bool = True) -> str:
        if self.is_status and not yes:
            return "not " + _text(self.positive)
        return _text(self.positive if yes else self.negative)


def quoted_column(column: str) -> str:
    return column if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", column) else f"`{column}`"


def literal(value: object) -> str:
    """A value as the rule grammar writes it: true, 1, "Yes"."""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        return str(int(number)) if number.is_integer() else str(number)
    return '"' + str(value).replace('"', "") + '"'


def _text(value: object) -> str:
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


def flag_of(column: str, values: pd.Series) -> Flag | None:
    """The column as a yes/no label, or None when its values do not read as yes and no."""
    distinct = pd.unique(values.dropna())
    if len(distinct) != 2:
        return None
    texts = [_text(v).strip().lower() for v in distinct]
    yes = [v for v, t in zip(distinct, texts, strict=True) if t in POSITIVE]
    no = [v for v, t in zip(distinct, texts, strict=True) if t in NEGATIVE]
    if len(yes) != 1 or len(no) != 1:
        return None
    return Flag(column, _plain(yes[0]), _plain(no[0]))


def status_flag_of(column: str, values: pd.Series) -> Flag | None:
    """A status column with one churn-like value among a few others ('Churned' among
    'Stayed' and 'Joined'): its yes side is that value, its no side everything else."""
    distinct = [v for v in pd.unique(values.dropna()) if isinstance(v, str)]
    marked = [v for v in distinct if v.strip().lower() in STATUS_VALUES]
    if len(marked) != 1 or not 3 <= len(distinct) <= 12:
        return None
    return Flag(column, marked[0], None)


def _plain(value: object) -> object:
    """numpy scalars as Python ones (they end up in rule text and in JSON arguments)."""
    return value.item() if isinstance(value, np.generic) else value
