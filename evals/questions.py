"""The question file: loading, expanding Chinese variants, and checking it is well formed.

The schema is documented at the top of `evals/questions.yaml`. A file is a list of
entries; each entry is one question (`question` + `expect`) or a conversation (`turns`,
each with `ask` + `expect`). When every turn has a `zh` text, the Chinese version is
scored as its own conversation with the id suffix `-zh`; `zh_expect` overrides parts of
`expect` for it (an answer in Chinese may word things differently).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CATEGORIES = (
    "overview", "demographic", "geographic", "technographic", "behavioural", "needs-based",
    "source-channel", "lifecycle-rfm", "value-clv-pareto", "clustering-personas",
    "cohorts-retention", "comparison-health", "knowledge", "persona-drafting", "follow-ups",
    "clarification", "out-of-scope", "bad-input",
)
KINDS = ("answer", "clarify", "refuse", "error")
EXPECT_KEYS = {"kind", "tools", "forbidden_tools", "args", "numbers", "include", "exclude",
               "grounding", "conditions"}
NUMBER_KEYS = {"compute", "value", "tolerance", "rel_tolerance", "percent", "label"}
GROUNDING_KEYS = {"quotes", "files", "personal_data"}
QUESTION_FILE = Path(__file__).with_name("questions.yaml")
HELDOUT_FILE = Path(__file__).with_name("heldout.yaml")
"""Questions written apart from the brain and never used to tune it: how well it generalises."""


class QuestionFileError(ValueError):
    """The question file cannot be used; the message names the entry and the problem."""


@dataclass(frozen=True)
class NumberCheck:
    """A number that must appear in the answer: computed by name or given literally."""

    compute: str | None = None
    value: float | None = None
    tolerance: float = 0.0
    rel_tolerance: float = 0.0
    percent: bool = False
    label: str = ""

    @property
    def name(self) -> str:
        return self.label or self.compute or f"{self.value:g}"


@dataclass(frozen=True)
class GroundingRule:
    """Extra requirements for persona documents: verbatim quotes, files, no personal data."""

    quotes: int = 0
    files: int = 0
    personal_data: bool = False


@dataclass(frozen=True)
class Expectation:
    kinds: tuple[str, ...] = ("answer",)
    tools: tuple[tuple[str, ...], ...] = ()  # each entry must be called; inner = any of
    forbidden_tools: tuple[str, ...] = ()  # "*" forbids every tool
    args: dict[str, dict[str, Any]] = field(default_factory=dict)
    numbers: tuple[NumberCheck, ...] = ()
    include: tuple[tuple[str, ...], ...] = ()  # each entry must appear; inner = any of
    exclude: tuple[str, ...] = ()
    grounding: GroundingRule | None = None
    conditions: tuple[str, ...] = ()
    """Filter conditions the turn's segments must apply, in the rule grammar, as a set."""


@dataclass(frozen=True)
class Turn:
    ask: str
    expect: Expectation


@dataclass(frozen=True)
class Conversation:
    id: str
    category: str
    turns: tuple[Turn, ...]
    language: str = "en"

    @property
    def tool_names(self) -> set[str]:
        names: set[str] = set()
        for turn in self.turns:
            for choice in turn.expect.tools:
                names.update(choice)
            names.update(t for t in turn.expect.forbidden_tools if t != "*")
            names.update(turn.expect.args)
        return names


def load_questions(path: str | Path = QUESTION_FILE, categories: list[str] | None = None,
                   known_categories: tuple[str, ...] | None = None) -> list[Conversation]:
    """Read, check and expand a question file (Chinese variants become their own entries).

    `known_categories` limits the category names (the built-in set for the demo file);
    a marketer's own file may use any category names.
    """
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise QuestionFileError(f"Cannot read the question file {path}: {exc}") from exc
    if not isinstance(raw, list) or not raw:
        raise QuestionFileError(f"{path} must hold a list of questions.")
    conversations: list[Conversation] = []
    seen: set[str] = set()
    for position, entry in enumerate(raw, start=1):
        for conversation in _parse_entry(entry, position, known_categories):
            if conversation.id in seen:
                raise QuestionFileError(f"The id '{conversation.id}' is used twice.")
            seen.add(conversation.id)
            conversations.append(conversation)
    if categories:
        wanted = {c.strip().lower() for c in categories}
        conversations = [c for c in conversations if c.category.lower() in wanted]
    return conversations


def _parse_entry(entry: Any, position: int,
                 known: tuple[str, ...] | None) -> list[Conversation]:
    where = f"entry {position}"
    if not isinstance(entry, dict) or "id" not in entry:
        raise QuestionFileError(f"{where} needs an 'id'.")
    qid = str(entry["id"]).strip()
    where = f"'{qid}'"
    category = str(entry.get("category", "")).strip()
    if not category or (known is not None and category not in known):
        raise QuestionFileError(f"{where} has the category '{category}'; use one of {known}.")
    if "turns" in entry:
        raw_turns = entry["turns"]
        if not isinstance(raw_turns, list) or not raw_turns:
            raise QuestionFileError(f"{where}: 'turns' must be a non-empty list.")
    elif "question" in entry:
        raw_turns = [{"ask": entry["question"], "zh": entry.get("zh"),
                      "expect": entry.get("expect"), "zh_expect": entry.get("zh_expect")}]
    else:
        raise QuestionFileError(f"{where} needs a 'question' or 'turns'.")
    english, chinese = [], []
    for number, turn in enumerate(raw_turns, start=1):
        turn_where = f"{where} turn {number}"
        if not isinstance(turn, dict) or not str(turn.get("ask") or "").strip():
            raise QuestionFileError(f"{turn_where} needs the text to 'ask'.")
        expect = turn.get("expect") or {}
        english.append(Turn(str(turn["ask"]).strip(), parse_expectation(expect, turn_where)))
        if turn.get("zh"):
            merged = {**expect, **(turn.get("zh_expect") or {})}
            chinese.append(Turn(str(turn["zh"]).strip(), parse_expectation(merged, turn_where)))
    written_in = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in english[0].ask) else "en"
    found = [Conversation(qid, category, tuple(english), written_in)]
    if chinese and len(chinese) == len(english):
        found.append(Conversation(f"{qid}-zh", category, tuple(chinese), "zh"))
    elif chinese:
        raise QuestionFileError(f"{where}: give 'zh' for every turn or for none.")
    return found


def parse_expectation(raw: Any, where: str) -> Expectation:
    if not isinstance(raw, dict):
        raise QuestionFileError(f"{where}: 'expect' must be a mapping.")
    unknown = set(raw) - EXPECT_KEYS
    if unknown:
        raise QuestionFileError(f"{where}: unknown expectation {sorted(unknown)}; "
                                f"use {sorted(EXPECT_KEYS)}.")
    kinds = tuple(k.strip() for k in str(raw.get("kind", "answer")).split("|"))
    if not set(kinds) <= set(KINDS):
        raise QuestionFileError(f"{where}: kind '{raw.get('kind')}' is not one of {KINDS}.")
    args = raw.get("args") or {}
    if not isinstance(args, dict) or not all(isinstance(v, dict) for v in args.values()):
        raise QuestionFileError(f"{where}: 'args' maps a tool name to its key arguments.")
    return Expectation(
        kinds=kinds,
        tools=tuple(_alternatives(t) for t in _listed(raw.get("tools"), where, "tools")),
        forbidden_tools=tuple(str(t).strip() for t in _listed(raw.get("forbidden_tools"),
                                                                where, "forbidden_tools")),
        args={str(tool).strip(): dict(values) for tool, values in args.items()},
        numbers=tuple(_number(n, where) for n in _listed(raw.get("numbers"), where, "numbers")),
        include=tuple(_phrases(p) for p in _listed(raw.get("include"), where, "include")),
        exclude=tuple(str(p) for p in _listed(raw.get("exclude"), where, "exclude")),
        grounding=_grounding(raw.get("grounding"), where),
        conditions=tuple(_condition(c, where) for c in _listed(raw.get("conditions"), where,
                                                                "conditions")),
    )


def _condition(raw: Any, where: str) -> str:
    """One condition in the rule grammar; refused here when it does not parse."""
    from evals.conditions import canonical_conditions

    text = str(raw).strip()
    try:
        canonical_conditions(text)
    except ValueError as exc:
        raise QuestionFileError(f"{where}: condition {text!r} does not parse: {exc}") from None
    return text


def _listed(value: Any, where: str, name: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise QuestionFileError(f"{where}: '{name}' must be a list.")
    return value


def _alternatives(entry: Any) -> tuple[str, ...]:
    return tuple(part.strip() for part in str(entry).split("|") if part.strip())


def _phrases(entry: Any) -> tuple[str, ...]:
    return tuple(str(p) for p in entry) if isinstance(entry, list) else (str(entry),)


def _number(raw: Any, where: str) -> NumberCheck:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return NumberCheck(value=float(raw))
    if not isinstance(raw, dict) or set(raw) - NUMBER_KEYS:
        raise QuestionFileError(f"{where}: a number is {{compute: name}} or {{value: 12}} "
                                f"with optional {sorted(NUMBER_KEYS - {'compute', 'value'})}.")
    if ("compute" in raw) == ("value" in raw):
        raise QuestionFileError(f"{where}: give a number either 'compute' or 'value'.")
    return NumberCheck(
        compute=str(raw["compute"]) if "compute" in raw else None,
        value=float(raw["value"]) if "value" in raw else None,
        tolerance=float(raw.get("tolerance", 0)),
        rel_tolerance=float(raw.get("rel_tolerance", 0)),
        percent=bool(raw.get("percent", False)),
        label=str(raw.get("label", "")),
    )


def _grounding(raw: Any, where: str) -> GroundingRule | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) - GROUNDING_KEYS:
        raise QuestionFileError(f"{where}: 'grounding' takes {sorted(GROUNDING_KEYS)}.")
    return GroundingRule(quotes=int(raw.get("quotes", 0)), files=int(raw.get("files", 0)),
                         personal_data=bool(raw.get("personal_data", False)))


def problems_with_tools(conversations: list[Conversation], tool_params: dict[str, set[str]],
                        compute_names: set[str]) -> list[str]:
    """Expected tools, argument names and computations that do not exist (empty = fine)."""
    problems = []
    for conversation in conversations:
        for number, turn in enumerate(conversation.turns, start=1):
            where = f"{conversation.id} turn {number}"
            for name in conversation.tool_names - set(tool_params):
                problems.append(f"{where}: there is no tool '{name}'")
            for tool, values in turn.expect.args.items():
                for arg in set(values) - tool_params.get(tool, set(values)):
                    problems.append(f"{where}: '{arg}' is not a parameter of {tool}")
            for check in turn.expect.numbers:
                if check.compute and check.compute not in compute_names:
                    problems.append(f"{where}: no expected computation '{check.compute}'")
    return sorted(set(problems))
