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
from pathlib import Path
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool, ToolException
from pydantic import ValidationError

from assistant.privacy import Redactor
from tools.errors import ToolError
from tools.registry import ToolSpec, all_tools, explain
from tools.result import Result, jsonable
from tools.workspace import Workspace

VIEW_ROWS = 12
"""Rows of a result table the model sees; the page shows the whole table."""
_CELL_CHARS = 300


def assistant_tools() -> dict[str, ToolSpec]:
    """Every tool the assistant may call: the registered ones plus persona drafting."""
    specs = dict(all_tools())
    from assistant.personas.tool import DRAFT_PERSONAS

    specs[DRAFT_PERSONAS.name] = DRAFT_PERSONAS
    return specs


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
        description=f"{spec.title}. {spec.description}",
        args_schema=spec.params,
        response_format="content_and_artifact",
        handle_tool_error=_tool_error,
        handle_validation_error=_validation_error,
    )


def _tool_error(exc: ToolException) -> str:
    return f"Error: {exc}"


def _validation_error(exc: ValidationError | Any) -> str:
    if isinstance(exc, ValidationError):
        return f"Error: {explain(exc)}"
    return f"Error: {exc}"


def langchain_tools(workspace: Callable[[], Workspace], redactor: Redactor) -> list[BaseTool]:
    return [as_langchain_tool(spec, workspace, redactor) for spec in assistant_tools().values()]
