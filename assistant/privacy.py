"""What a language model may see of a workspace: schemas, aggregates and redacted text.

A tool result stays whole on this machine (the page shows it). What goes into the
conversation, and so possibly to a remote model, is a compact view of it: the summary,
the facts, the first rows of the table without personal columns, and free text with
e-mail addresses, phone numbers, street addresses and the customers' own names masked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from tools.caching import LruCache
from tools.data import roles_of
from tools.ingest.naming import name_tokens
from tools.rules.columns import PII_ROLES
from tools.workspace import Workspace

_PII_NAME = re.compile(
    r"(^|_)(e?mail|email_address|phone|mobile|tel|telephone|address|street|addr|zip|"
    r"postcode|postal_code|first_name|last_name|full_name|name|ssn|passport)($|_)"
    r"|姓名|电话|手机|邮箱|地址",
    re.IGNORECASE,
)
_NOT_PERSONAL = re.compile(r"(product|category|segment|company|campaign)", re.IGNORECASE)
_NAME_WORDS = frozenset({"name", "surname", "firstname", "fullname"})
_NAME_ROLES = frozenset({"customer_id", "identifier", "categorical"})

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w])\+?\(?\d[\d\s().-]{6,}\d(?![\w])")
STREET = re.compile(
    r"\b\d{1,5}\s+(?:[A-Z][a-z]+\s){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|"
    r"Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Parkway|Square)\b\.?"
)
_NAME_TOKEN = re.compile(r"[A-Z][a-z'’-]{2,}")
_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_HONORIFIC = re.compile(r"[\u4e00-\u9fff](先生|女士|小姐)")
MASK = {"email": "[email]", "phone": "[phone]", "address": "[address]", "name": "[name]"}


def personal_columns(ws: Workspace, dataset: str, columns: list[str]) -> set[str]:
    """Columns that hold personal data: by their role, else by their name."""
    roles = roles_of(ws, dataset) if dataset and ws.has_dataset(dataset) else {}
    found = {c for c in columns if roles.get(c) in PII_ROLES
             or (roles.get(c) != "customer_id" and holds_names(c, roles.get(c)))}
    found |= {c for c in columns if _PII_NAME.search(str(c)) and not _NOT_PERSONAL.search(str(c))}
    return found


@dataclass(frozen=True)
class _People:
    """What the workspace's data says about its people, read once per data version."""

    name_tokens: frozenset[str]
    cjk_names: re.Pattern[str] | None


_PEOPLE: LruCache[str, _People] = LruCache(16)


def _people(ws: Workspace) -> _People:
    """Shared by every session on the same data (each browser session has its own copy)."""
    return _PEOPLE.get(ws.data_version(), lambda: _read_people(ws))


def _read_people(ws: Workspace) -> _People:
    names = _name_values(ws)
    tokens = {token for value in names for token in _NAME_TOKEN.findall(value)}
    return _People(frozenset(tokens - _category_words(ws)), _cjk_pattern(names))


def holds_names(column: str, role: str | None) -> bool:
    """A column of people's names: the person-name role, or a customer key, identifier or
    category named for names ("Customer Name", CUSTOMERNAME used as the customer key,
    "Surname"), which would otherwise reach a model as ids or category values."""
    if role == "person_name":
        return True
    named = bool(set(name_tokens(column)) & _NAME_WORDS) or "姓名" in column or "客户名称" in column
    return role in _NAME_ROLES and named and not _NOT_PERSONAL.search(column)


def _name_values(ws: Workspace) -> list[str]:
    """Every value of the workspace's name columns (customers, agents)."""
    found: list[str] = []
    for dataset in ws.dataset_names():
        roles = roles_of(ws, dataset)
        columns = [c for c, role in roles.items() if holds_names(c, role)]
        columns += [c for c in roles if c.lower() in ("agent_name", "agent", "rep_name")]
        if columns:
            frame = ws.read_dataset(dataset, columns=sorted(set(columns)))
            for column in frame.columns:
                found.extend(frame[column].dropna().astype(str).unique())
    return found


def _category_words(ws: Workspace) -> set[str]:
    """Capitalised words of category values: a region called "Virginia" stays readable."""
    words: set[str] = set()
    for dataset in ws.dataset_names():
        roles = roles_of(ws, dataset)
        personal = personal_columns(ws, dataset, list(roles))
        wanted = [c for c, r in roles.items()
                  if r == "categorical" and c not in personal and not holds_names(c, r)]
        if not wanted:
            continue
        frame = ws.read_dataset(dataset, columns=wanted)
        for column in wanted:
            values = frame[column].dropna().astype(str).unique()
            if len(values) <= 500:
                for value in values:
                    words.update(_NAME_TOKEN.findall(value))
    return words


def _cjk_pattern(names: list[str]) -> re.Pattern[str] | None:
    """Chinese names (full names and given names), longest first."""
    found: set[str] = set()
    for value in names:
        for part in _CJK_NAME.findall(value):
            found.add(part)
            if len(part) >= 3:
                found.add(part[1:])
    if not found:
        return None
    return re.compile("|".join(map(re.escape, sorted(found, key=len, reverse=True))))


@dataclass
class Redactor:
    """Masks personal data in text, using the names found in the workspace's data."""

    ws: Workspace | None = None
    extra_names: set[str] = field(default_factory=set)

    @cached_property
    def name_tokens(self) -> frozenset[str]:
        """First and last names of the workspace's people, minus category words.

        A token that is also a category value of the data stays readable in tables and
        summaries; full names are still masked by their other part.
        """
        if self.ws is None:
            return frozenset(self.extra_names)
        return _people(self.ws).name_tokens | frozenset(self.extra_names)

    @cached_property
    def cjk_names(self) -> re.Pattern[str] | None:
        return None if self.ws is None else _people(self.ws).cjk_names

    def text(self, value: str) -> str:
        """The text with e-mails, phones, street addresses and known names masked."""
        value = EMAIL.sub(MASK["email"], value)
        value = STREET.sub(MASK["address"], value)
        value = PHONE.sub(_mask_phone, value)
        names = self.name_tokens
        if names:
            value = _NAME_TOKEN.sub(lambda m: _masked_name(m.group(), names), value)
            value = _UPPER_TOKEN.sub(
                lambda m: MASK["name"] if m.group().title() in names else m.group(), value)
        if self.cjk_names is not None and _CJK_NAME.search(value):
            value = self.cjk_names.sub(MASK["name"], value)
        return _HONORIFIC.sub(MASK["name"] + r"\1", value)

    def frame(self, frame: pd.DataFrame, dataset: str = "") -> pd.DataFrame:
        """A table without personal columns; free-text cells masked."""
        drop = personal_columns(self.ws, dataset, list(frame.columns)) if self.ws else {
            c for c in frame.columns if _PII_NAME.search(str(c))}
        kept = frame.drop(columns=sorted(drop))
        out = kept.copy()
        for column in out.columns:
            if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
                out[column] = out[column].map(lambda v: self.text(v) if isinstance(v, str) else v)
        return out


_POSSESSIVE = re.compile(r"['’]s?$")
_UPPER_TOKEN = re.compile(r"\b[A-Z]{3,}\b")


def _masked_name(token: str, names: frozenset[str]) -> str:
    """A known name, also with a possessive ("Hall's" → "[name]'s")."""
    if token in names:
        return MASK["name"]
    bare = _POSSESSIVE.sub("", token)
    if bare != token and bare in names:
        return MASK["name"] + token[len(bare):]
    return token


_NOT_PHONE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+")


def _mask_phone(match: re.Match[str]) -> str:
    """Seven or more digits with phone punctuation; dates and grouped amounts are kept."""
    found = match.group()
    if sum(ch.isdigit() for ch in found) < 7 or _NOT_PHONE.fullmatch(found.strip()):
        return found
    return MASK["phone"]
