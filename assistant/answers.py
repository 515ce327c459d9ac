"""Turn a brain's words and the turn's tool results into the answer a marketer sees.

The words come first, then the key numbers, the tables, the charts, the files and two or
three suggested next questions. Before anything is shown, every number in the words must
equal a fact of a tool result of this conversation (or an argument the marketer gave),
and every quotation must be verbatim in the sources; the rest is marked unverified.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from langchain_core.messages import AIMessage

from assistant.events import Answer, AnswerKind, KeyNumber, ToolFinished
from assistant.grounding import GroundingPack, check, mark_ungrounded, numbers_in
from assistant.session import Session
from assistant.suggestions import suggest
from assistant.understood import understood, understood_line
from knowledge.catalogue import load_catalogue
from knowledge.sources.frames import DATASET_SOURCE_PREFIX
from knowledge.store import META_KEY
from tools.result import Fact, Result

KEY_NUMBERS = 4
CELL_ROWS = 20
"""Rows of a result table whose figures an answer may name (dense curves are not read)."""
_QUOTE_COLUMNS = ("quote", "text", "passage")


def infer_kind(message: AIMessage, calls: list[ToolFinished]) -> AnswerKind:
    """What kind of answer the brain gave: its own label, else read from the turn."""
    kind = message.additional_kwargs.get("kind") or message.response_metadata.get("kind")
    if kind in ("answer", "clarify", "refuse", "error"):
        return kind
    if calls:
        return "answer" if any(c.ok for c in calls) else "error"
    text = str(message.content).strip()
    return "clarify" if text.endswith(("?", "？")) else "refuse"


def assemble(session: Session, text: str, kind: AnswerKind, calls: list[ToolFinished],
             question: str, suggested: list[str] | None = None) -> Answer:
    results = [c for c in calls if c.ok and c.result is not None]
    answer = Answer(text=text.strip(), kind=kind, tool_calls=calls)
    for call in results:
        result = call.result
        assert result is not None
        title = result.provenance.tool.replace("_", " ")
        answer.tables.append((title, result.table))
        if result.chart is not None:
            answer.charts.append((title, result.chart))
        answer.files.extend(_files(result))
    if results:
        main = results[-1].result
        assert main is not None
        answer.key_numbers = _key_numbers(main)
    answer.suggestions = list(suggested or []) or suggest(
        session, [c.tool for c in results], question, kind)
    return answer


def datasets_read(calls: list[ToolFinished]) -> list[str]:
    """The datasets the turn's finished tools read, in the order they were first read (the
    knowledge store's documents of a dataset are named as the dataset)."""
    found: list[str] = []
    for call in calls:
        if call.result is not None:
            found.extend(str(d).removeprefix(DATASET_SOURCE_PREFIX)
                         for d in call.result.provenance.datasets if d)
    return list(dict.fromkeys(found))


def source_line(workspace: str, datasets: list[str], chinese: bool) -> str:
    """'On My shop · customers, orders': which workspace and data the answer rests on."""
    if chinese:
        where = f"工作区：{workspace}"
        return where + (f" · 数据：{'、'.join(datasets)}" if datasets else "")
    return f"On {workspace}" + (f" · {', '.join(datasets)}" if datasets else "")


def source_of(session: Session, calls: list[ToolFinished], question: str) -> str:
    """The answer's head: the line naming the session's workspace and the datasets these
    calls read, then what was computed, on whom and with which settings."""
    chinese = bool(_CJK.search(question))
    line = source_line(session.workspace.name, datasets_read(calls), chinese)
    found = understood(calls)
    return line + ("\n" + understood_line(found, chinese) if found is not None else "")


def with_source(session: Session, answer: Answer, question: str) -> None:
    """Name the workspace and datasets on the answer and as the first line of its text
    (added after the grounding check: names are not figures to verify)."""
    answer.workspace = session.workspace.name
    answer.datasets = datasets_read(answer.tool_calls)
    line = source_of(session, answer.tool_calls, question)
    answer.understood = understood(answer.tool_calls)
    answer.text = f"{line}\n\n{answer.text}" if answer.text else line


_CJK = re.compile(r"[\u3400-\u9fff]")


def _key_numbers(result: Result) -> list[KeyNumber]:
    numeric = [
        (name, fact) for name, fact in result.facts.items()
        if not isinstance(fact.value, str) and fact.unit != ""
    ]
    numeric = numeric or [(n, f) for n, f in result.facts.items() if not isinstance(f.value, str)]
    return [KeyNumber(fact.label or name.replace("_", " "), fact.text, result.provenance.tool)
            for name, fact in numeric[:KEY_NUMBERS]]


def _files(result: Result) -> list[Path]:
    found: list[Path] = []
    for table in (result.table, result.tables.get("files")):
        if table is not None and "path" in table.columns:
            found.extend(Path(str(p)) for p in table["path"].dropna())
    return [p for p in dict.fromkeys(found) if p.exists()]


def grounding_pack(session: Session) -> GroundingPack:
    """Facts and quotes of every result of this conversation, and the numbers it was given."""
    pack = GroundingPack()
    for index, record in enumerate(session.records):
        for name, value in record.arguments.items():
            for number in _numbers_of(value):
                pack.facts[f"{index}.arg.{name}.{number}"] = Fact(number)
        if record.result is None:
            _add_numbers(pack, record.error or "", f"{index}.error.")
            continue
        pack.add_facts(record.result.facts, prefix=f"{index}.")
        for name, fact in record.result.facts.items():
            _add_numbers(pack, f"{name.replace('_', ' ')} {fact.label}", f"{index}.{name}.")
        _add_cells(pack, record.result.table, f"{index}.table.")
        for table in [record.result.table, *record.result.tables.values()]:
            for column in _QUOTE_COLUMNS:
                if column in table.columns:
                    pack.quotes.extend(str(v) for v in table[column].dropna())
        for w, warning in enumerate(record.result.warnings):
            _add_numbers(pack, warning, f"{index}.warning.{w}.")
    return pack


def _add_numbers(pack: GroundingPack, text: str, prefix: str) -> None:
    """Numbers written in a tool's own words (a label, a warning, an error message)."""
    for n, mention in enumerate(numbers_in(re.sub(r"[_-]", " ", text))):
        value = mention.value / 100 if mention.percent else mention.value
        pack.facts[f"{prefix}{n}"] = Fact(value, "share" if mention.percent else "")


def _add_cells(pack: GroundingPack, table: pd.DataFrame, prefix: str) -> None:
    """Numeric cells of a result table (first rows): an answer may name a row's figures."""
    head = table.head(CELL_ROWS)
    for column in head.columns:
        values = pd.to_numeric(head[column], errors="coerce") if head[column].dtype == object \
            else head[column]
        if pd.api.types.is_bool_dtype(values):
            continue
        if not pd.api.types.is_numeric_dtype(values):
            labels = head[column].dropna().astype(str).unique()[:CELL_ROWS]
            for row, label in enumerate(labels):
                if len(label) <= 60:
                    _add_numbers(pack, label, f"{prefix}{column}.label.{row}.")
            continue
        unit = "share" if "share" in str(column).lower() or str(column).startswith("month_") \
            else ""
        for row, value in enumerate(values):
            if pd.notna(value):
                pack.facts[f"{prefix}{column}.{row}"] = Fact(float(value), unit)


def _numbers_of(value: object) -> list[float]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int | float):
        return [float(value)]
    if isinstance(value, list | tuple):
        return [n for v in value for n in _numbers_of(v)]
    return []


def grounding_of(session: Session, text: str, said: str = "") -> tuple[str, list[str]]:
    """The text with ungrounded numbers and quotes marked, and what was marked.

    `said`: the marketer's own words that the text may repeat (a question asked back names
    the setting they typed, '-5 groups'); numbers there are theirs, not the assistant's."""
    pack = grounding_pack(session)
    _add_numbers(pack, said, "said.")
    report = check(text, pack, quote_exists=_quote_lookup(session))
    if report.grounded:
        return text, []
    flagged = [m.text for m in report.ungrounded_numbers] + list(report.ungrounded_quotes)
    return mark_ungrounded(text, report), flagged


def _quote_lookup(session: Session) -> Callable[[str], bool] | None:
    """The knowledge store's verbatim test, when the workspace has indexed feedback."""
    relative = (session.workspace.get_meta(META_KEY) or {}).get("catalogue")
    if not relative:
        return None
    workspace = session.workspace
    # read the catalogue only when the words hold a quote
    return lambda quote: load_catalogue(workspace, relative).contains(quote)
