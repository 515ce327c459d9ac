"""The assistant's events as chat messages: tool steps, streamed words, the final answer.

Why a step per tool call: a marketer should see which computation produced a number,
with which settings, on how much data and how long it took, folded away until wanted.
Tables and charts go into the conversation itself (Gradio renders components inside
chat messages), so an earlier answer keeps its table when the next question is asked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import gradio as gr
import pandas as pd

from assistant.events import Answer, Event, TextDelta, ToolFinished, ToolStarted
from tools.registry import all_tools
from ui.labels import message

TABLE_ROWS = 100
"""Rows of a result table shown in the chat (the full table is in the exports)."""
ARGUMENT_CHARS = 300


def tool_title(tool: str, lang: str = "en") -> str:
    """The registered title of a tool in the page's language ('RFM segments', 'RFM分群'),
    else its name in words."""
    spec = all_tools().get(tool)
    return spec.title_in(lang == "zh") if spec else tool.replace("_", " ").capitalize()


def describe_arguments(arguments: dict[str, Any], lang: str) -> str:
    """`window_days=365, segment='Champions'`, or 'default settings' when none were given."""
    if not arguments:
        return message(lang, "step_defaults")
    parts = [f"{name}={json.dumps(value, ensure_ascii=False, default=str)}"
             for name, value in arguments.items()]
    text = ", ".join(parts)
    return text if len(text) <= ARGUMENT_CHARS else text[: ARGUMENT_CHARS - 1] + "…"


def step_message(event: ToolStarted | ToolFinished, lang: str) -> gr.ChatMessage:
    """One collapsible step: pending while the tool runs, done (or failed) after."""
    title = tool_title(event.tool, lang)
    settings = f"{message(lang, 'step_settings')}: {describe_arguments(event.arguments, lang)}"
    metadata: dict[str, Any] = {"id": event.call_id}
    if isinstance(event, ToolStarted):
        metadata.update(title=message(lang, "step_running", title=title), status="pending")
        return gr.ChatMessage(role="assistant", content=settings, metadata=metadata)
    lines = [event.message, "", settings]
    result = event.result
    if result is not None:
        provenance = result.provenance
        lines.append(message(
            lang, "step_data", datasets=", ".join(provenance.datasets) or "-",
            rows_in=int(provenance.rows_in), rows_out=int(provenance.rows_out or event.rows),
            seconds=float(event.seconds)))
        lines += [f"- {note}" for note in provenance.notes[:5]]
        lines += [f"- ⚠ {warning}" for warning in result.warnings[:5]]
    key = "step_done" if event.ok else "step_failed"
    metadata.update(title=("✓ " if event.ok else "⚠ ") + message(lang, key, title=title),
                    status="done", duration=round(float(event.seconds), 3))
    return gr.ChatMessage(role="assistant", content="\n".join(lines).strip(), metadata=metadata)


def key_numbers_markdown(answer: Answer, lang: str) -> str:
    """The answer's key numbers as a short bulleted list (empty when there are none)."""
    if not answer.key_numbers:
        return ""
    rows = [f"- {number.label}: **{number.text}**" for number in answer.key_numbers]
    return "\n".join([message(lang, "key_numbers"), *rows])


def answer_messages(answer: Answer, lang: str) -> list[gr.ChatMessage]:
    """The final words, then key numbers, tables and charts as their own messages."""
    text = answer.text
    if answer.ungrounded:
        text += "\n\n_" + message(lang, "unverified", items=", ".join(answer.ungrounded)) + "_"
    messages = [gr.ChatMessage(role="assistant", content=text)]
    numbers = key_numbers_markdown(answer, lang)
    if numbers:
        messages.append(gr.ChatMessage(role="assistant", content=numbers))
    for title, table in answer.tables:
        if isinstance(table, pd.DataFrame) and not table.empty:
            messages.append(gr.ChatMessage(role="assistant",
                                           content=table_markdown(title, shown_table(table))))
    for title, chart in answer.charts:
        messages.append(gr.ChatMessage(role="assistant", content=gr.Plot(value=chart,
                                                                         label=title)))
    return messages


def shown_table(table: pd.DataFrame) -> pd.DataFrame:
    """The first rows, with floats rounded for reading and odd cells as text."""
    head = table.head(TABLE_ROWS).copy()
    for column in head.columns:
        series = head[column]
        if pd.api.types.is_float_dtype(series):
            head[column] = series.round(4)
        elif series.dtype == object:
            head[column] = series.map(lambda v: v if isinstance(v, str | int | float | bool)
                                      or v is None else str(v))
    return head


def table_markdown(title: str, table: pd.DataFrame) -> str:
    """A table as Markdown text. Why not a `gr.Dataframe` message: Gradio 6.31's chatbot
    fails in the browser on a Dataframe inside a message and then stops showing answers."""

    def cell(value: Any) -> str:
        if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
            return ""
        return str(value).replace("|", "\\|").replace("\n", " ")

    header = [cell(c) for c in table.columns]
    lines = [f"**{title}**", "", "| " + " | ".join(header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |"
              for row in table.itertuples(index=False)]
    return "\n".join(lines)


def answer_summary(answer: Answer) -> dict[str, Any]:
    """What `/ask` returns to a script: the words and how they were obtained (JSON-able)."""
    return {
        "text": answer.text,
        "kind": answer.kind,
        "tools": answer.tools,
        "key_numbers": [{"label": n.label, "text": n.text, "tool": n.tool}
                        for n in answer.key_numbers],
        "tables": [title for title, _ in answer.tables],
        "charts": [title for title, _ in answer.charts],
        "files": [path.name for path in answer.files],
        "suggestions": list(answer.suggestions),
        "ungrounded": list(answer.ungrounded),
        "understood": answer.understood,
        "seconds": round(float(answer.seconds), 3),
    }


@dataclass
class ChatView:
    """The conversation as the page shows it, updated event by event."""

    messages: list[gr.ChatMessage] = field(default_factory=list)
    _steps: dict[str, int] = field(default_factory=dict)
    _streaming: int | None = None

    def ask(self, text: str) -> None:
        self.messages.append(gr.ChatMessage(role="user", content=text))
        self._steps.clear()
        self._streaming = None

    def apply(self, event: Event, lang: str) -> None:
        if isinstance(event, ToolStarted | ToolFinished):
            step = step_message(event, lang)
            index = self._steps.get(event.call_id)
            if index is None:
                self._steps[event.call_id] = len(self.messages)
                self.messages.append(step)
            else:
                self.messages[index] = step
        elif isinstance(event, TextDelta):
            if self._streaming is None:
                self._streaming = len(self.messages)
                self.messages.append(gr.ChatMessage(role="assistant", content=""))
            current = self.messages[self._streaming]
            current.content = f"{current.content}{event.text}"
        elif isinstance(event, Answer):
            # The checked answer replaces the streamed words (numbers may be marked).
            if self._streaming is not None:
                del self.messages[self._streaming]
                self._streaming = None
            self.messages.extend(answer_messages(event, lang))

    def fail(self, text: str) -> None:
        """Close any pending step and say what went wrong, in words."""
        for index in self._steps.values():
            step = self.messages[index]
            if step.metadata.get("status") == "pending":
                step.metadata["status"] = "done"
        self.messages.append(gr.ChatMessage(role="assistant", content=text))
