"""One customer named in a question, found among the real ids and names of the data.

"customer 13047", "客户 AB-10015 的订单", "tell me about Alan Smith": the words are looked
up in the customers' and orders' id and name columns as stored, so only a customer the
workspace really holds is picked, whatever the id looks like.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from tools.ingest.naming import name_tokens

if TYPE_CHECKING:
    from assistant.brains.local.context import Schema
    from tools.workspace import Workspace

KEY_ROLES = ("customer_id", "person_name")
_PERSON_WORDS = ("customer", "client", "buyer", "contact", "member", "user", "account",
                 "shopper", "person", "cust")
MAX_WORDS = 5
"""The longest name looked up ('Mini Gifts Distributors Ltd.' has four words)."""
_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .,'&/_-]*")


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def people_of(ws: Workspace, schema: Schema) -> dict[str, tuple[str, str]]:
    """Lower-cased id or name → (column, value as written), customers table first."""
    found: dict[str, tuple[str, str]] = {}
    for dataset in (schema.customers, schema.orders):
        if dataset is None:
            continue
        roles = schema.columns.get(dataset, {})
        wanted = [c for c, r in roles.items() if r in KEY_ROLES or (
            r in ("categorical", "text") and _names_a_person(c, dataset == schema.customers))]
        if not wanted:
            continue
        frame = ws.read_dataset(dataset, columns=wanted)
        for column in wanted:
            for value in pd.unique(frame[column].dropna()):
                text = _text(value)
                if len(text) >= 2:
                    found.setdefault(text.lower(), (column, text))
    return found


def _names_a_person(column: str, of_customers: bool) -> bool:
    """'Customer Name', 'CUSTOMERNAME', 'contact_name' (or 'name' in a customers table)."""
    tokens = [t.lower() for t in name_tokens(column)]
    named = any(t == "name" or t.endswith("name") for t in tokens)
    person = of_customers or any(w in t for t in tokens for w in _PERSON_WORDS)
    return named and person


def customer_in(raw: str, schema: Schema) -> tuple[str, str] | None:
    """(column, value) of the customer the text names: the longest run of words that is
    an id or a name in the data ('Alan Smith' before 'Smith')."""
    if not schema.people:
        return None
    best: tuple[int, tuple[str, str]] | None = None
    for run in _RUN.finditer(raw):
        words = run.group().split()
        for size in range(min(MAX_WORDS, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start:start + size]).strip(" .,?!'")
                hit = schema.people.get(phrase.lower())
                if hit and (best is None or len(phrase) > best[0]):
                    best = (len(phrase), hit)
    return best[1] if best else None


def customer_word_in(raw: str) -> str | None:
    """The id or name written after 'customer' / '客户' when the data has no such customer
    (the tool then says it is not there and which are close)."""
    match = re.search(r"(?i:customer|client|客户|顾客)\s*(?i:id|number|no\.?|#)?\s*"
                      r"([A-Za-z0-9][\w-]*(?:\s+[A-Z][\w'-]*)?)", raw)
    if not match:
        return None
    word = match.group(1)
    return word if re.search(r"\d", word) or word[0].isupper() else None
