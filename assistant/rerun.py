"""Change what an answer computed and run it again, without retyping the question.

An answer's "understood as" (its computation, the rule that chose whom, its settings) is
shown on the page as editable fields. The edited version is carried out as a plan of
tool calls, never as text for a model: the rule goes to the safe rule engine, the
settings are typed by the tool's own parameter model and refused with its words when they
cannot hold. The turn then runs like any other, so it is recorded, grounded and answered
in the conversation's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, get_args, get_origin

from assistant.agent import respond_to_plan
from assistant.brains.local.plans import Plan
from assistant.brains.local.segments import SegmentRef
from assistant.events import Event
from assistant.session import Session
from assistant.toolkit import assistant_tools
from assistant.understood import understood_line
from tools.errors import ToolError

_HIDDEN = {"segment", "save_as", "name", "filter", "conditions", "top"}
"""Settings the editor does not show: who is computed on is edited as the rule."""
_YES = {"yes", "true", "1", "y", "是", "对"}
_NO = {"no", "false", "0", "n", "否", "不"}


@dataclass
class Edit:
    """An answer's computation as the page shows it, changed or not."""

    tool: str
    settings: dict[str, str] = field(default_factory=dict)
    rule: str = ""
    """Conditions in the rule language (`region = "Texas" and age > 50`); empty = everyone
    (or the segment the answer ran on, when it was a saved one)."""
    on: str | None = None
    within: str | None = None


def editable(found: dict[str, Any]) -> Edit:
    """The fields of an answer's `understood` structure, as text a marketer can change."""
    spec = assistant_tools().get(found["tool"])
    shown = [n for n in (spec.params.model_fields if spec else {}) if n not in _HIDDEN]
    current = found.get("settings") or {}
    settings = {name: _text(current.get(name)) for name in shown}
    rule = found.get("rule") or ""
    return Edit(found["tool"], settings, rule, None if rule else found.get("on"),
                found.get("within"))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def typed_settings(tool: str, texts: dict[str, str]) -> dict[str, Any]:
    """The settings as the tool takes them: lists split on commas, yes/no as booleans, empty
    ones left to the tool's default. An unknown setting is refused by name."""
    spec = assistant_tools().get(tool)
    if spec is None:
        raise ToolError(f"There is no computation called '{tool}'.")
    fields = spec.params.model_fields
    typed: dict[str, Any] = {}
    for name, text in texts.items():
        text = str(text).strip()
        if not text:
            continue
        if name not in fields or name in _HIDDEN:
            raise ToolError(f"'{name}' is not a setting of {spec.title}.")
        annotation = fields[name].annotation
        if _is_list(annotation):
            typed[name] = [part.strip() for part in re.split(r"[,，、]", text) if part.strip()]
        elif annotation is bool and text.lower() in _YES | _NO:
            typed[name] = text.lower() in _YES
        else:
            typed[name] = text
    return typed


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) is list:
        return True
    return any(get_origin(a) is list for a in get_args(annotation))


def edited_plan(edit: Edit, chinese: bool, turn: int) -> Plan:
    """The tool calls the edit stands for: a rule segment first when a rule is given."""
    spec = assistant_tools()[edit.tool]
    args = typed_settings(edit.tool, edit.settings)
    steps: list[tuple[str, dict[str, Any]]] = []
    focus: list[SegmentRef] | None = None
    on = edit.on
    if edit.rule.strip():
        on = f"Edited selection {turn}"
        define: dict[str, Any] = {"name": on, "filter": edit.rule.strip()}
        if edit.within:
            define["segment"] = edit.within
        steps.append(("define_segment", define))
        focus = [SegmentRef("rule", on)]
    if on and edit.tool != "define_segment":
        if "segment" not in spec.params.model_fields:
            raise ToolError(f"{spec.title_in(chinese)} cannot be limited to some customers; "
                            "clear the rule to run it on everyone.")
        args["segment"] = on
    if edit.tool != "define_segment":
        steps.append((edit.tool, args))
    return Plan(steps=steps, focus=focus, chinese=chinese)


def edit_line(edit: Edit, made: Plan, chinese: bool) -> str:
    """The edited computation in the words of an "understood as" line."""
    spec = assistant_tools()[edit.tool]
    tool, args = made.steps[-1]
    on = args.get("name") if tool == "define_segment" else args.get("segment")
    settings = {k: v for k, v in args.items() if k not in _HIDDEN}
    found = {"tool": edit.tool, "title": spec.title, "title_zh": spec.title_zh, "on": on,
             "rule": edit.rule.strip() or None, "customers": None, "settings": settings}
    line = understood_line(found, chinese)
    return line.replace("理解为：", "按修改后的设置重新计算：").replace(
        "Understood as: ", "Run again with changed settings: ")


def rerun_question(session: Session, edit: Edit, chinese: bool) -> str:
    """The words the re-run turn stands under in the conversation."""
    return edit_line(edit, edited_plan(edit, chinese, len(session.turns) + 1), chinese)


def rerun(session: Session, edit: Edit, chinese: bool) -> Iterator[Event]:
    """Carry out the edited computation as one turn of the conversation."""
    made = edited_plan(edit, chinese, len(session.turns) + 1)
    yield from respond_to_plan(session, edit_line(edit, made, chinese), made)
