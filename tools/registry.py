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
import importlib.util
import inspect
import pkgutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from tools.alternatives import orders_needed
from tools.cards import ToolCard, card_path, load_card
from tools.errors import MissingOrdersError, ToolError, did_you_mean
from tools.result import Result
from tools.workspace import Workspace


class ToolParams(BaseModel):
    """Base for parameter models: unknown arguments are refused, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


@dataclass(frozen=True)
class ToolSpec:
    name: str
    params: type[ToolParams]
    run: Callable[..., Result]
    card: ToolCard
    module: str
    """The module that registered the tool: discovery keeps only the packages asked for."""

    @property
    def title(self) -> str:
        return self.card.title.en

    @property
    def title_zh(self) -> str:
        return self.card.title.zh

    @property
    def description(self) -> str:
        return self.card.purpose

    def title_in(self, chinese: bool) -> str:
        return self.card.title.text(chinese)


_REGISTRY: dict[str, ToolSpec] = {}


def tool(name: str, params: type[ToolParams]) -> Callable:
    """Register `func(ws, params) -> Result` under `name`; its card is `<name>.card.yaml`
    beside the module, and must describe every argument of `params`."""

    def decorate(func: Callable[[Workspace, Any], Result]) -> Callable[..., Result]:
        card = load_card(card_path(inspect.getfile(func), name))
        check_card(card, name, params)
        run = runner(name, params, func, card.title.en)
        _REGISTRY[name] = ToolSpec(name, params, run, card, func.__module__)
        return run

    return decorate


def check_card(card: ToolCard, name: str, params: type[ToolParams]) -> None:
    """A card that names another tool or misses an argument is a programming error."""
    if card.tool != name:
        raise ValueError(f"The card beside '{name}' describes '{card.tool}'.")
    missing = set(params.model_fields) ^ set(card.slots)
    if missing:
        raise ValueError(f"The card of '{name}' and its settings differ on {sorted(missing)}.")
    stray = set(card.cues) - set(card.slots)
    if stray:
        raise ValueError(f"The card of '{name}' has cues for unknown settings {sorted(stray)}.")


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


def all_tools(*packages: ModuleType) -> dict[str, ToolSpec]:
    """Every tool registered in `packages` (default: `tools` and `knowledge`).

    A module registers tools by decorating them with `@tool`; discovery imports each module
    of the packages whose source uses the decorator, so no list of modules is kept."""
    roots = packages or _default_packages()
    names = {root.__name__ for root in roots}
    for root in roots:
        for module in _tool_modules(root):
            importlib.import_module(module)
    return {name: spec for name, spec in _REGISTRY.items()
            if any(spec.module.startswith(f"{n}.") for n in names)}


def _default_packages() -> tuple[ModuleType, ...]:
    import knowledge
    import tools

    return (tools, knowledge)


@cache
def _tool_modules(root: ModuleType) -> tuple[str, ...]:
    found = []
    for info in pkgutil.walk_packages(root.__path__, f"{root.__name__}."):
        spec = importlib.util.find_spec(info.name)
        origin = Path(spec.origin) if spec and spec.origin else None
        if origin and origin.suffix == ".py" and _DECORATOR in origin.read_text("utf-8"):
            found.append(info.name)
    return tuple(sorted(found))


_DECORATOR = "\n@tool("


def registered(name: str) -> ToolSpec:
    """The tool registered under `name` by a module already imported."""
    return _REGISTRY[name]


def get_tool(name: str) -> ToolSpec:
    tools = all_tools()
    if name not in tools:
        raise ToolError(f"There is no tool '{name}'." + did_you_mean(name, tools))
    return tools[name]


def run_tool(name: str, ws: Workspace, /, **arguments: Any) -> Result:
    """Run a registered tool by name with keyword arguments (as the assistant does)."""
    return get_tool(name).run(ws, **arguments)
