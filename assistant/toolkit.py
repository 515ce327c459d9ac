"""The tools of `tools/` and `knowledge/` (and persona drafting) as LangChain tools.

Each LangChain tool keeps its pydantic parameter model as the argument schema, so a
remote model sees the same names, bounds and descriptions a marketer would. A call runs
the deterministic tool on the session's workspace and returns two things: a compact,
redacted JSON view for the model (summary, facts, first rows) and the whole `Result` as
the message's artifact, which stays on this machine for the page, the evals and grounding.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool, ToolException
from pydantic import ValidationError

from assistant import personas
from assistant.privacy import Redactor
from tools.cards import ToolCard
from tools.errors import ToolError
from tools.registry import ToolSpec, all_tools, explain
from tools.result import Result, jsonable
from tools.workspace import Workspace

VIEW_ROWS = 12
"""Rows of a result table the model sees; the page shows the whole table."""
_CELL_CHARS = 300


@cache
def assistant_tools() -> dict[str, ToolSpec]:
    """Every tool the assistant may call: the registered ones plus persona drafting."""
    import knowledge
    import tools

    return all_tools(tools, knowledge, personas)


def tool_cards() -> dict[str, ToolCard]:
    """Every assistant tool's card, by tool name."""
    return {name: spec.card for name, spec in assistant_tools().items()}


def default_save_name(tool: str) -> str | None:
    """The name a segmentation tool saves its result under when not told otherwise."""
    spec = assistant_tools().get(tool)
    field = spec.params.model_fields.get("save_as") if spec else None
    return field.default if field and isinstance(field.default, str) else None


def model_view(result: Result, redactor: Redactor) -> str:
    """What the model reads of a result: JSON with no personal columns and masked text."""
    dataset = result.provenance.datasets[0] if result.provenance.datasets else ""
    table = redactor.frame(result.table.head(VIEW_ROWS), dataset)
    rows = jsonable(table.to_dict(orient="records"))
    rows = [{k: _short(v) for k, v in row.items()} for row in rows]
    if "path" in table.columns:  # a file's place on this machine is not the model's business
        table = table.assign(path=[Path(str(p)).name for p in table["path"]])
    view = {
        "tool": result.provenance.tool,
        "summary": redactor.text(result.summary),
        "facts": {name: redactor.text(fact.text) for name, fact in result.facts.items()},
        "table_rows": len(result.table),
        "first_rows": rows,
        "warnings": [redactor.text(w) for w in result.warnings],
    }
    return json.dumps(view, ensure_ascii=False, default=str)


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > _CELL_CHARS:
        return value[:_CELL_CHARS] + "…"
    return value


def as_langchain_tool(
    spec: ToolSpec, workspace: Callable[[], Workspace], redactor: Redactor
) -> BaseTool:
    """One registry tool as a LangChain tool bound to a session's workspace."""

    def run(**arguments: Any) -> tuple[str, Result]:
        try:
            result = spec.run(workspace(), **arguments)
        except ToolError as exc:
            raise ToolException(str(exc)) from None
        return model_view(result, redactor), result

    return StructuredTool.from_function(
        func=run,
        name=spec.name,
        description=card_description(spec),
        args_schema=spec.params,
        response_format="content_and_artifact",
        handle_tool_error=_tool_error,
        handle_validation_error=_validation_error,
    )


SLOT_WORDS = {
    "column": "a column name", "columns": "column names", "value": "a value of a column",
    "number": "a number", "count": "a whole number", "money": "an amount of money",
    "share": "a share or percentage", "days": "a number of days", "months": "a number of months",
    "date": "a date (YYYY-MM-DD)", "aggregate": "count, share, sum, mean, median or rate",
    "segment": "a saved segment's name", "segmentation": "a saved segmentation's name",
    "name": "a name to save under", "rule": "conditions on columns", "text": "free text",
    "choice": "one of the listed options", "flag": "true or false", "table": "a table's name",
    "file_format": "a file format", "customer": "a customer's id or name",
}


def card_description(spec: ToolSpec) -> str:
    """What a remote model reads about a tool: its card's purpose, what each setting takes
    and two example questions (none that names a customer: names never leave)."""
    card = spec.card
    settings = "; ".join(f"{name}: {SLOT_WORDS[kind]}" for name, kind in card.slots.items())
    personal = {name for name, kind in card.slots.items() if kind == "customer"}
    shareable = [e.text for e in card.examples_in("en") if not personal & set(e.arguments)]
    examples = " | ".join(shareable[:2]) or "—"
    return f"{card.title.en}. {card.purpose} Settings: {settings}. Asked as: {examples}"


def _tool_error(exc: ToolException) -> str:
    return f"Error: {exc}"


def _validation_error(exc: ValidationError | Any) -> str:
    if isinstance(exc, ValidationError):
        return f"Error: {explain(exc)}"
    return f"Error: {exc}"


def langchain_tools(workspace: Callable[[], Workspace], redactor: Redactor) -> list[BaseTool]:
    return [as_langchain_tool(spec, workspace, redactor) for spec in assistant_tools().values()]
