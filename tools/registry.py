"""Every tool registered in one place, each with its pydantic parameter model.

A tool is a plain function `f(ws, params) -> Result`. The `@tool` decorator makes it
callable as `f(ws, window_days=365)` or `f(ws, Params(...))`, turns invalid arguments
into a `ToolError` a marketer can read, and fills in the provenance (parameters and
duration). The assistant builds its tool list from `all_tools()`; the contract test
runs every entry.
"""

from __future__ import annotations

import functools
import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from tools.alternatives import orders_needed
from tools.errors import MissingOrdersError, ToolError, did_you_mean
from tools.result import Result
from tools.workspace import Workspace

TOOL_MODULES = (
    "tools.profile",
    "tools.rules",
    "tools.rfm",
    "tools.clv",
    "tools.clustering",
    "tools.value",
    "tools.cohorts",
    "tools.health",
    "tools.stability",
    "tools.export",
    "tools.customers",  # top customers by a measure, one customer's summary
    "knowledge.feedback_tools",  # search, themes and indexing of customer feedback
)


class ToolParams(BaseModel):
    """Base for parameter models: unknown arguments are refused, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


@dataclass(frozen=True)
class ToolSpec:
    name: str
    title: str
    description: str
    params: type[ToolParams]
    run: Callable[..., Result]
    title_zh: str = ""
    """The title in Chinese, for answers, steps and messages in Chinese."""

    def title_in(self, chinese: bool) -> str:
        return self.title_zh if chinese and self.title_zh else self.title


_REGISTRY: dict[str, ToolSpec] = {}


def tool(name: str, params: type[ToolParams], title: str, description: str,
         title_zh: str = "") -> Callable:
    """Register `func(ws, params) -> Result` under `name`, with its titles in both languages."""

    def decorate(func: Callable[[Workspace, Any], Result]) -> Callable[..., Result]:
        run = runner(name, params, func, title)
        _REGISTRY[name] = ToolSpec(name, title, description, params, run, title_zh)
        return run

    return decorate


def runner(
    name: str, params: type[ToolParams], func: Callable[[Workspace, Any], Result],
    title: str | None = None,
) -> Callable[..., Result]:
    """`func` callable with validated settings and its provenance filled in (also for tools
    kept outside the registry). A tool that finds no orders says what it needs and what the
    workspace's own tables can answer instead."""

    @functools.wraps(func)
    def run(ws: Workspace, params_obj: ToolParams | None = None, /, **kwargs: Any) -> Result:
        checked = validate(params, params_obj, kwargs)
        started = time.perf_counter()
        try:
            result = func(ws, checked)
        except MissingOrdersError:
            raise ToolError(orders_needed(ws, f"'{title or name}'")) from None
        result.provenance.tool = name
        result.provenance.parameters = checked.model_dump(mode="json")
        result.provenance.seconds = time.perf_counter() - started
        return result

    run.params = params  # type: ignore[attr-defined]
    run.tool_name = name  # type: ignore[attr-defined]
    return run


def validate(
    model: type[ToolParams], given: ToolParams | None, kwargs: dict[str, Any]
) -> ToolParams:
    if given is not None:
        if kwargs:
            given = given.model_copy(update=kwargs)
        kwargs = given.model_dump()
    unknown = set(kwargs) - set(model.model_fields)
    if unknown:
        name = sorted(unknown)[0]
        raise ToolError(f"'{name}' is not a setting of this tool." + did_you_mean(
            name, list(model.model_fields)))
    try:
        return model.model_validate(kwargs)
    except ValidationError as exc:
        raise ToolError(explain(exc)) from None


def explain(exc: ValidationError) -> str:
    """A pydantic error in a marketer's words: which setting, what was given, what is allowed."""
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error["loc"]) or "the settings"
        message = error["msg"].removeprefix("Value error, ")
        given = error.get("input")
        shown = "" if isinstance(given, dict) else f" (you gave {given!r})"
        parts.append(f"'{where}': {message}{shown}")
    return "Some settings cannot be used: " + "; ".join(parts) + "."


def all_tools() -> dict[str, ToolSpec]:
    for module in TOOL_MODULES:
        importlib.import_module(module)
    return dict(_REGISTRY)


def get_tool(name: str) -> ToolSpec:
    tools = all_tools()
    if name not in tools:
        raise ToolError(f"There is no tool '{name}'." + did_you_mean(name, tools))
    return tools[name]


def run_tool(name: str, ws: Workspace, /, **arguments: Any) -> Result:
    """Run a registered tool by name with keyword arguments (as the assistant does)."""
    return get_tool(name).run(ws, **arguments)
