"""A tool's card: everything the product knows about a tool besides its code.

One YAML file beside the tool's module (`<tool>.card.yaml`) holds its titles in both
languages, its purpose, what it gives (the words a clarifying question uses), a slot kind
for every argument, example questions in English and Chinese (some with the arguments
they must produce), and the next questions worth asking after it. The brains, the page,
the evals and the contract test all read the cards; nothing else lists tools.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

SlotKind = Literal[
    "column",       # one column of a table, by name, synonym or meaning
    "columns",      # several columns
    "value",        # a value of a column, resolved against the data
    "number",       # a plain number (a threshold, a cut point)
    "count",        # a whole number of things (groups, rows, resamples)
    "money",        # an amount in the data's currency
    "share",        # a share or percentage
    "days",         # a length of time in days
    "months",       # a length of time in months
    "date",         # one date
    "aggregate",    # mean, median, total, count, share, rate
    "segment",      # a saved segment or segmentation, by name
    "segmentation",  # a saved segmentation, by name
    "name",         # a name to save something under
    "rule",         # conditions of the safe rule language
    "text",         # free text (a topic to search)
    "choice",       # one of a fixed set of options
    "flag",         # yes or no
    "table",        # one of the workspace's tables
    "file_format",  # the format of an exported file
    "customer",     # one customer, by id or name
]
Language = Literal["en", "zh"]


class Example(BaseModel):
    """A question the tool answers; `arguments` are those it must be called with, `after` the
    question asked just before it when it reads a previous answer ("export these")."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    after: str | None = None


class NextQuestion(BaseModel):
    """A question worth asking after this tool, in both languages, and the tool it leads to.
    `{a}` and `{b}` stand for the first two segments just computed."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    en: str
    zh: str
    tool: str


class Words(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    en: str
    zh: str

    def text(self, chinese: bool) -> str:
        return self.zh if chinese else self.en


class Cues(BaseModel):
    """Words near which a question states a setting's number ('at risk after 60 days':
    'at risk' is the cue of at_risk_days)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)
    window: bool = True
    """Whether 'in the last 90 days' states it: yes for 'new' (a first order in the last 90
    days), no for 'churned' ('churned in the last 90 days' is a period, not the limit)."""


class ToolCard(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    tool: str
    title: Words
    purpose: str
    gives: Words
    """What the tool gives, as a clarifying question names it ("RFM segments")."""
    needs_orders: bool = False
    slots: dict[str, SlotKind]
    cues: dict[str, Cues] = Field(default_factory=dict)
    """For settings of a number, days, share or date kind: the words that name them."""
    examples: dict[Language, list[Example]]
    next: list[NextQuestion] = Field(default_factory=list)

    @field_validator("examples", mode="before")
    @classmethod
    def _plain_strings(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {lang: [{"text": e} if isinstance(e, str) else e for e in items or []]
                    for lang, items in value.items()}
        return value

    def examples_in(self, language: Language) -> list[Example]:
        return list(self.examples.get(language, []))

    def all_examples(self) -> list[tuple[Language, Example]]:
        return [(lang, e) for lang, items in self.examples.items() for e in items]


def card_path(module_file: str | Path, tool: str) -> Path:
    return Path(module_file).with_name(f"{tool}.card.yaml")


@cache
def load_card(path: Path) -> ToolCard:
    """The card at `path`; a missing or malformed card stops the program at start-up."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return ToolCard.model_validate(data)
