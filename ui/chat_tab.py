"""The chat: a question box, the streamed conversation, the last answer's chart, key
numbers and files, and suggested questions that send themselves when clicked.

`/ask` runs the same turn for scripts (`gradio_client`) and returns the answer as a
JSON-able dict; `/chat` is the page's streaming version.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import gradio as gr

from assistant.agent import respond
from assistant.events import Answer, Event
from assistant.rerun import Edit, rerun, rerun_question
from tools.errors import ToolError
from ui.chat import answer_summary, key_numbers_markdown
from ui.errors import friendly
from ui.labels import EXAMPLES, message
from ui.language import Relabeler
from ui.state import MINE, SessionRegistry, UiSession
from ui.status import answered_on, empty_answer, has_content, workspace_line
from ui.understood_panel import UnderstoodPanel, build_panel, edited, panel_updates

SUGGESTIONS = 3


@dataclass
class ChatTab:
    workspace_line: gr.Markdown
    chatbot: gr.Chatbot
    ask_box: gr.Textbox
    send: gr.Button
    suggestions: list[gr.Button]
    key_numbers: gr.Markdown
    chart: gr.Plot
    files: gr.File
    panel: UnderstoodPanel

    @property
    def turn_outputs(self) -> list[Any]:
        return [self.chatbot, self.ask_box, self.key_numbers, self.chart, self.files,
                *self.suggestions, *self.panel.outputs]


def suggestion_updates(questions: list[str]) -> list[Any]:
    """The suggestion buttons showing `questions` (unused buttons hidden)."""
    padded = [*questions[:SUGGESTIONS], *[""] * SUGGESTIONS][:SUGGESTIONS]
    return [gr.update(value=q, visible=bool(q)) for q in padded]


def turn(ui: UiSession, text: str, edit: Edit | None = None) -> Iterator[Event]:
    """One question through the assistant, recorded in the session's chat as it streams.

    On the marketer's own workspace with nothing loaded, the answer says what is missing
    (and why the upload did not arrive) without asking the assistant; every answer ends
    with the workspace and the tables it was computed from.
    """
    ui.chat.ask(text)
    workspace = ui.workspace
    note = ui.last_upload if ui.which == MINE else None
    if ui.which == MINE and not has_content(workspace):
        answer = empty_answer(workspace, note, ui.lang)
        ui.chat.apply(answer, ui.lang)
        yield answer
        return
    events = rerun(ui.session, edit, ui.lang == "zh") if edit else respond(ui.session, text)
    for event in events:
        if isinstance(event, Answer):
            footer = answered_on(event, workspace, note, ui.lang)
            if footer:
                event = replace(event, text=f"{event.text}\n\n{footer}")
        ui.chat.apply(event, ui.lang)
        yield event


def current_workspace_line(ui: UiSession) -> str:
    """The badge above the chat for this session, in its language."""
    return workspace_line(ui.workspace, ui.last_upload if ui.which == MINE else None, ui.lang)


def build_chat_tab(sessions: SessionRegistry, labels: Relabeler) -> ChatTab:
    lang = labels.lang
    line = gr.Markdown(elem_id="workspace-line")
    chatbot = labels.add(gr.Chatbot(label=labels.text("chat"), elem_id="chat", height=520,
                                    group_consecutive_messages=False), label="chat")
    with gr.Row():
        ask_box = labels.add(
            gr.Textbox(label=labels.text("ask_label"), placeholder=labels.text(
                "ask_placeholder"), elem_id="ask-box", scale=8, lines=1, max_lines=4),
            label="ask_label", placeholder="ask_placeholder")
        send = labels.add(gr.Button(labels.text("send"), variant="primary", elem_id="send",
                                    scale=1), value="send")
    with gr.Row(elem_id="suggestions"):
        labels.add(gr.Markdown(labels.text("suggestions")), value="suggestions")
        buttons = [gr.Button(question, size="sm", elem_id=f"suggestion-{i}",
                             elem_classes=["suggestion"])
                   for i, question in enumerate(EXAMPLES[lang][:SUGGESTIONS])]
    with gr.Row():
        key_numbers = gr.Markdown(elem_id="key-numbers")
    chart = labels.add(gr.Plot(label=labels.text("answer_chart"), elem_id="answer-chart"),
                       label="answer_chart")
    files = labels.add(gr.File(label=labels.text("answer_files"), elem_id="answer-files",
                               file_count="multiple", interactive=False),
                       label="answer_files")
    panel = build_panel(labels)
    tab = ChatTab(line, chatbot, ask_box, send, buttons, key_numbers, chart, files, panel)

    def chat_turn(text: str, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        ui = sessions.get(request)
        question = (text or "").strip()
        if not question:
            raise gr.Error(message(ui.lang, "empty_question"))
        yield from streamed(ui, question, None)

    def rerun_turn(rule: str, table: Any, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        ui = sessions.get(request)
        if ui.last_edit is None:
            raise gr.Error(message(ui.lang, "empty_question"))
        edit = edited(ui.last_edit, rule, table)
        try:
            question = rerun_question(ui.session, edit, ui.lang == "zh")
        except ToolError as exc:
            raise gr.Error(str(exc)) from None
        yield from streamed(ui, question, edit)

    @friendly("answering the question")
    def streamed(ui: UiSession, question: str, edit: Edit | None) -> Iterator[tuple[Any, ...]]:
        skip = gr.skip()

        def conversation(ask_box: Any = skip) -> tuple[Any, ...]:
            """The chat so far; every other output as it is."""
            return ([*ui.chat.messages], ask_box, skip, skip, skip, *[skip] * SUGGESTIONS,
                    *[skip] * len(panel.outputs))

        answer: Answer | None = None
        yield conversation(ask_box="" if edit is None else skip)
        try:
            for event in turn(ui, question, edit):
                if isinstance(event, Answer):
                    answer = event
                yield conversation()
        except Exception:
            ui.chat.fail(message(ui.lang, "failed", what="answering the question"))
            yield conversation()
            raise
        if answer is None:
            return
        chart = answer.charts[0][1] if answer.charts else None
        files = ui.downloadable(answer.files) or None
        shown_edit, fields = panel_updates(answer, ui.lang)
        ui.last_edit = shown_edit or ui.last_edit
        yield ([*ui.chat.messages], skip, key_numbers_markdown(answer, ui.lang), chart,
               files, *suggestion_updates(answer.suggestions),
               *(fields if shown_edit or edit is None else [skip] * len(fields)))

    @friendly("answering the question")
    def ask(text: str, request: gr.Request) -> dict[str, Any]:
        ui = sessions.get(request)
        question = (text or "").strip()
        if not question:
            raise gr.Error(message(ui.lang, "empty_question"))
        answer: Answer | None = None
        for event in turn(ui, question):
            if isinstance(event, Answer):
                answer = event
        if answer is None:
            raise gr.Error(message(ui.lang, "failed", what="answering the question"))
        return {**answer_summary(answer), "workspace": ui.workspace.name, "which": ui.which}

    ask_box.submit(chat_turn, [ask_box], tab.turn_outputs, api_name="chat")
    send.click(chat_turn, [ask_box], tab.turn_outputs, api_visibility="private")
    for button in buttons:
        button.click(chat_turn, [button], tab.turn_outputs, api_visibility="private")
    with gr.Row(visible=False):
        question = gr.Textbox()
        reply = gr.JSON()
        run = gr.Button()
    run.click(ask, [question], [reply], api_name="ask")
    panel.run.click(rerun_turn, [panel.rule, panel.settings], tab.turn_outputs,
                    api_visibility="private")
    return tab


def chat_refresh(tab: ChatTab, sessions: SessionRegistry):  # type: ignore[no-untyped-def]
    """A handler that redraws the chat from the session (after a switch of workspace)."""

    @friendly("showing the conversation")
    def refresh(request: gr.Request) -> tuple[Any, ...]:
        ui = sessions.get(request)
        examples = EXAMPLES[ui.lang] if not ui.chat.messages else None
        updates = suggestion_updates(examples) if examples else [gr.skip()] * SUGGESTIONS
        return (current_workspace_line(ui), [*ui.chat.messages], "", None, None, *updates)

    outputs = [tab.workspace_line, tab.chatbot, tab.key_numbers, tab.chart, tab.files,
               *tab.suggestions]
    return refresh, outputs
