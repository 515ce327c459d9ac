"""Infer what each column is for, so later tools know the customer id, date and amount.

A role comes from the column's name (English and Chinese words) and its values. The
special roles (customer id, order id, transaction date, amount, quantity, unit price)
go to at most one column each. A marketer can override any role.
"""

from __future__ import annotations

from enum import StrEnum

import pandas as pd

from tools.errors import IngestError, did_you_mean
from tools.ingest import words
from tools.ingest.column_stats import DistinctCounts
from tools.ingest.naming import mentions, name_tokens
from tools.ingest.text_bytes import inner_space_candidates


class Role(StrEnum):
    CUSTOMER_ID = "customer_id"
    ORDER_ID = "order_id"
    TRANSACTION_DATE = "transaction_date"
    AMOUNT = "amount"
    QUANTITY = "quantity"
    UNIT_PRICE = "unit_price"
    NUMERIC = "numeric"
    CATEGORICAL = "categorical"
    DATE = "date"
    TEXT = "text"
    BOOLEAN = "boolean"
    IDENTIFIER = "identifier"
    EMAIL = "email"
    PHONE = "phone"
    PERSON_NAME = "person_name"
    IGNORE = "ignore"


UNIQUE_ROLES = (
    Role.CUSTOMER_ID,
    Role.ORDER_ID,
    Role.TRANSACTION_DATE,
    Role.AMOUNT,
    Role.QUANTITY,
    Role.UNIT_PRICE,
)
_EMAIL_RE = r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"
_PHONE_RE = r"^\+?[\d\s().-]{7,20}$"
# The characters Python's str.split() splits on; a word is a run of anything else.
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_WORD = f"[^{_WHITESPACE}]+"
_FIRST_ROWS = 1000  # enough to rule out most costly whole-column checks


def _is_id_name(column: str) -> bool:
    tokens = name_tokens(column)
    return bool(tokens) and (
        tokens[-1] in words.ID or "id" in tokens or any(word in str(column) for word in words.ID_ZH)
    )


def _only_zeros_and_ones(values: pd.Series) -> bool:
    if not set(values.head(_FIRST_ROWS).unique()) <= {0, 1}:
        return False
    return set(values.unique()) <= {0, 1}


def _mostly_emails(text: pd.Series) -> bool:
    """More than 90% e-mail addresses; every address has an '@', a quick first test."""
    if text.str.contains("@", regex=False).sum() <= 0.9 * len(text):
        return False
    return bool(text.str.match(_EMAIL_RE).mean() > 0.9)


def _fixed_width_digits(text: pd.Series) -> bool:
    """Only digits, all the same length: zero-padded codes."""
    if not text.head(_FIRST_ROWS).str.fullmatch(r"\d+").all():
        return False
    return bool(text.str.fullmatch(r"\d+").all() and text.str.len().nunique() == 1)


def _mean_words(text: pd.Series) -> float:
    """Average number of words, as str.split() counts them, without building word lists.

    A cell without any whitespace is one word; only the others are counted one by one.
    """
    candidates = inner_space_candidates(text)
    if candidates is None:
        return float(text.str.count(_WORD).mean())
    words = len(text) - int(candidates.sum())
    if candidates.any():
        words += int(text[candidates].str.count(_WORD).sum())
    return words / len(text)


def _varies(series: pd.Series) -> bool:
    if series.head(_FIRST_ROWS).nunique() > 1:
        return True
    return series.nunique() > 1


def _repeats(series: pd.Series) -> bool:
    """Some value occurs twice (missing values aside): rows are events, not one per entity."""
    if series.head(50 * _FIRST_ROWS).dropna().duplicated().any():
        return True
    return bool(series.dropna().duplicated().any())


def _base_role(series: pd.Series, column: str, counts: DistinctCounts) -> Role:
    """The generic kind of a column from its values: numeric, date, text, …"""
    values = series.dropna()
    if pd.api.types.is_bool_dtype(series):
        return Role.BOOLEAN
    if pd.api.types.is_datetime64_any_dtype(series):
        return Role.DATE
    if pd.api.types.is_numeric_dtype(series):
        if _is_id_name(column):
            return Role.IDENTIFIER
        if len(values) and _only_zeros_and_ones(values) and values.nunique() == 2:
            return Role.BOOLEAN
        return Role.NUMERIC
    text = values.astype(str)
    if text.empty:
        return Role.CATEGORICAL
    if _mostly_emails(text):
        return Role.EMAIL
    if mentions(column, words.PHONE) and text.str.match(_PHONE_RE).mean() > 0.9:
        return Role.PHONE
    same_text = isinstance(series.dtype, pd.StringDtype)  # else str() may merge values
    distinct, rows = (counts.distinct(series) if same_text else text.nunique()), len(text)
    if _fixed_width_digits(text) and text.str.startswith("0").any() and distinct > 0.05 * rows:
        return Role.IDENTIFIER
    if (
        mentions(column, words.PERSON)
        and not mentions(column, words.NOT_PERSON)
        and distinct > 0.3 * rows
    ):
        return Role.PERSON_NAME
    if distinct > 0.5 * rows and _mean_words(text) >= 4:
        return Role.TEXT
    if distinct <= 50 or distinct <= 0.05 * rows:
        return Role.CATEGORICAL
    if _mean_words(text) >= 3 or text.str.len().mean() >= 20:
        return Role.TEXT
    if _is_id_name(column) or distinct > 0.5 * rows:
        return Role.IDENTIFIER
    return Role.CATEGORICAL


def infer_roles(frame: pd.DataFrame, counts: DistinctCounts | None = None) -> dict[str, Role]:
    """Give every column a role; the special roles go to the best-named candidate."""
    counts = counts or DistinctCounts()
    roles = {c: _base_role(frame[c], c, counts) for c in frame.columns}
    numeric = [c for c, r in roles.items() if r == Role.NUMERIC and _varies(frame[c])]
    ids = [c for c, r in roles.items() if r in (Role.IDENTIFIER, Role.CATEGORICAL, Role.NUMERIC)]

    def claim(role: Role, candidates: list[str]) -> None:
        if candidates and role not in roles.values():
            roles[candidates[0]] = role

    claim(
        Role.CUSTOMER_ID,
        [c for c in ids if is_customer_id_name(c)] or [c for c in ids if name_tokens(c) == ["id"]],
    )
    claim(
        Role.ORDER_ID,
        [
            c
            for c in ids
            if _is_id_name(c)
            and mentions(c, words.ORDER)
            and not mentions(c, words.ORDER_LINE)
            and roles[c] != Role.CUSTOMER_ID
        ],
    )
    claim(
        Role.QUANTITY,
        [
            c
            for c in numeric
            if mentions(c, words.QUANTITY) or name_tokens(c)[:2] == ["number", "of"]
        ],
    )
    claim(
        Role.AMOUNT, [c for c in numeric if roles[c] == Role.NUMERIC and mentions(c, words.AMOUNT)]
    )
    has_quantity = Role.QUANTITY in roles.values()
    claim(
        Role.UNIT_PRICE,
        [
            c
            for c in numeric
            if roles[c] == Role.NUMERIC
            and mentions(c, words.PRICE | ({"unit"} if has_quantity else set()))
        ],
    )
    if Role.AMOUNT not in roles.values() and not has_quantity:
        claim(
            Role.AMOUNT,
            [c for c in numeric if roles[c] == Role.NUMERIC and mentions(c, words.PRICE)],
        )

    if Role.CUSTOMER_ID not in roles.values() and _is_orders_table(roles):
        claim(Role.CUSTOMER_ID, [c for c in frame.columns if is_customer_name(c, roles[c])])

    # A transaction date needs rows that are purchases: an order id, amount or quantity,
    # or a date named for orders. Tickets and reviews repeat customers but are not sales.
    customer = next((c for c, r in roles.items() if r == Role.CUSTOMER_ID), None)
    money = {Role.ORDER_ID, Role.AMOUNT, Role.QUANTITY} & set(roles.values())
    dates = [c for c, r in roles.items() if r == Role.DATE]
    named = [c for c in dates if mentions(c, words.ORDER)]
    events = customer is None or _repeats(frame[customer])
    if named and events:
        claim(Role.TRANSACTION_DATE, named)
    elif dates and money and events:
        claim(Role.TRANSACTION_DATE, [c for c in dates if mentions(c, {"date"})] or dates)
    return roles


def is_customer_id_name(column: str) -> bool:
    """Named as a customer id: CustomerID, customer_no, CUSTOMERNUMBER, 客户编号."""
    return _is_id_name(column) and mentions(column, words.CUSTOMER)


def is_customer_name(column: str, role: Role) -> bool:
    """A column of customers' names (CUSTOMERNAME, customer_name, 客户名称), not their ids."""
    return (
        role in (Role.PERSON_NAME, Role.CATEGORICAL, Role.IDENTIFIER, Role.TEXT)
        and mentions(column, words.CUSTOMER)
        and mentions(column, words.NAME)
        and not _is_id_name(column)
    )


def _is_orders_table(roles: dict[str, Role]) -> bool:
    """Rows are purchases: an order id, or an amount with a date."""
    found = set(roles.values())
    return Role.ORDER_ID in found or (Role.AMOUNT in found and Role.DATE in found)


def apply_overrides(roles: dict[str, Role], overrides: dict[str, str] | None) -> dict[str, Role]:
    """Apply a marketer's corrections; unknown columns or roles get a message naming the fix."""
    if not overrides:
        return roles
    valid = [r.value for r in Role]
    roles = dict(roles)
    for column, wanted in overrides.items():
        if column not in roles:
            raise IngestError(
                f"There is no column '{column}' to set a role for." + did_you_mean(column, roles)
            )
        if str(wanted) not in valid:
            raise IngestError(
                f"'{wanted}' is not a column role." + did_you_mean(str(wanted), valid)
            )
        role = Role(str(wanted))
        if role in UNIQUE_ROLES:
            for other, current in roles.items():
                if current == role and other != column:
                    roles[other] = (
                        Role.NUMERIC
                        if role in (Role.AMOUNT, Role.QUANTITY, Role.UNIT_PRICE)
                        else Role.IDENTIFIER
                    )
        roles[column] = role
    return roles
