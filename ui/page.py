"""The whole page: language switch, then the chat, data, segments and settings tabs.

Each browser session gets its state from the `SessionRegistry` on first use and loses
it (folders included) when the page is closed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from assistant.settings import BrainSettings
from ui.chat_tab import build_chat_tab, chat_refresh, current_workspace_line, suggestion_updates
from ui.data_tab import build_data_tab
from ui.errors import friendly
from ui.labels import DEFAULT_LANGUAGE, EXAMPLES, LANGUAGES, language_code
from ui.language import Relabeler
from ui.segments_tab import build_segments_tab
from ui.settings_tab import build_settings_tab
from ui.state import SessionRegistry


def build_page(sessions: SessionRegistry, max_upload_bytes: int,
               settings: BrainSettings | None = None) -> gr.Blocks:
    """The Gradio page over `sessions` (each browser session has its own workspaces)."""
    labels = Relabeler(DEFAULT_LANGUAGE)
    start = settings or BrainSettings.from_env()
    with gr.Blocks(title="Segment Assistant") as page:
        with gr.Row():
            labels.add(gr.Markdown(labels.text("title")), value="title")
            language = labels.add(gr.Radio(list(LANGUAGES), value="English",
                                           label=labels.text("language"), elem_id="language",
                                           scale=0, min_width=200), label="language")
        with gr.Tabs():
            with labels.add(gr.Tab(labels.text("tab_chat"), id="chat-tab"), label="tab_chat"):
                chat = build_chat_tab(sessions, labels)
            with labels.add(gr.Tab(labels.text("tab_data"), id="data-tab"), label="tab_data"):
                data = build_data_tab(sessions, labels, max_upload_bytes)
            with labels.add(gr.Tab(labels.text("tab_segments"), id="segments-tab"),
                            label="tab_segments") as segments_tab:
                segments = build_segments_tab(sessions, labels)
            with labels.add(gr.Tab(labels.text("tab_settings"), id="settings-tab"),
                            label="tab_settings"):
                build_settings_tab(sessions, labels, start)

        @friendly("changing the language")
        def on_language(choice: str, request: gr.Request) -> list[Any]:
            ui = sessions.get(request)
            ui.lang = language_code(choice)
            buttons = (suggestion_updates(EXAMPLES[ui.lang]) if not ui.chat.messages
                       else [gr.skip()] * len(chat.suggestions))
            return [*labels.updates(ui.lang), *buttons, current_workspace_line(ui)]

        language.input(on_language, [language],
                       [*labels.components, *chat.suggestions, chat.workspace_line],
                       api_name="language")
        refresh_chat, chat_outputs = chat_refresh(chat, sessions)
        for change in data.workspace_changes:
            change.then(refresh_chat, None, chat_outputs, api_visibility="private")
        segments_tab.select(segments.tab_refresh, None, segments.outputs,
                            api_visibility="private")
        page.load(data.on_load, None,
                  [data.overview, data.listing, data.table_choice], api_visibility="private")

        @friendly("showing the workspace")
        def on_open(request: gr.Request) -> str:
            return current_workspace_line(sessions.get(request))

        page.load(on_open, None, chat.workspace_line, api_visibility="private")
        page.unload(sessions.release)
    return page


def build(workspaces_dir: Path, demo_root: Path, max_upload_bytes: int,
          settings: BrainSettings | None = None) -> tuple[gr.Blocks, SessionRegistry]:
    """The page and its session registry (close it with `registry.close_all()`)."""
    sessions = SessionRegistry(workspaces_dir, demo_root, settings)
    return build_page(sessions, max_upload_bytes, settings), sessions
