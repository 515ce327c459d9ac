"""The Segments and personas tab: what has been saved, the persona documents, downloads.

The numbers come from the registered `list_segments` tool (size, share of customers,
share of revenue) and member lists from `export_segment`, exactly as in the chat.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from tools.registry import run_tool
from tools.workspace import Workspace
from ui.chat import shown_table
from ui.errors import friendly
from ui.labels import label, message
from ui.language import Relabeler
from ui.state import SessionRegistry, UiSession

PERSONA_FOLDER = "personas"
SEGMENT_COLUMNS = ["segmentation", "segment", "kind", "customers", "share_of_customers",
                   "revenue", "revenue_share"]


def segments_table(workspace: Workspace) -> pd.DataFrame:
    """Every saved segment with its size and revenue share (empty when none is saved)."""
    if not workspace.get_meta("segmentations"):
        return pd.DataFrame(columns=SEGMENT_COLUMNS)
    table = run_tool("list_segments", workspace).table
    return table[[c for c in SEGMENT_COLUMNS if c in table.columns]]


def segment_refs(table: pd.DataFrame) -> list[str]:
    """'segmentation/segment' names, as `export_segment` takes them."""
    return [f"{seg}/{label}" for seg, label in zip(table["segmentation"], table["segment"],
                                                   strict=True)]


def persona_files(workspace: Workspace) -> list[Path]:
    folder = workspace.path(PERSONA_FOLDER)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".md", ".docx") and p.is_file())


def persona_markdown(workspace: Workspace, stem: str | None) -> str:
    """One persona document's text (Markdown), found by its file name without suffix."""
    if not stem:
        return ""
    path = workspace.path(f"{PERSONA_FOLDER}/{Path(stem).name}.md")
    return path.read_text(encoding="utf-8") if path.is_file() else ""


@dataclass
class SegmentsTab:
    tab_refresh: Any
    outputs: list[Any]


def segments_overview(ui: UiSession) -> dict[str, Any]:
    """What the tab shows, computed once: segments, export choices, personas, files."""
    workspace = ui.workspace
    table = segments_table(workspace)
    personas = [p.stem for p in persona_files(workspace) if p.suffix == ".md"]
    return {
        "table": table,
        "refs": segment_refs(table),
        "personas": personas,
        "persona": persona_markdown(workspace, personas[0]) if personas else "",
        "files": ui.downloadable(persona_files(workspace)),
    }


def build_segments_tab(sessions: SessionRegistry, labels: Relabeler) -> SegmentsTab:
    labels.add(gr.Markdown(labels.text("segments_heading")), value="segments_heading")
    refresh = labels.add(gr.Button(labels.text("refresh"), size="sm", elem_id="segments-refresh"),
                         value="refresh")
    note = gr.Markdown(elem_id="segments-note")
    table = labels.add(gr.Dataframe(label=labels.text("segments_table"), interactive=False,
                                    elem_id="segments-table"), label="segments_table")
    with gr.Row():
        export_choice = labels.add(gr.Dropdown([], label=labels.text("export_segment"),
                                               allow_custom_value=True,
                                               elem_id="export-segment"),
                                   label="export_segment")
        export = labels.add(gr.Button(labels.text("export_button"), elem_id="export"),
                            value="export_button")
    export_status = gr.Markdown()
    export_files = labels.add(gr.File(label=labels.text("export_files"), elem_id="export-files",
                                      file_count="multiple", interactive=False),
                              label="export_files")
    labels.add(gr.Markdown(labels.text("personas_heading")), value="personas_heading")
    persona_choice = labels.add(gr.Dropdown([], label=labels.text("persona_choice"),
                                            allow_custom_value=True, elem_id="persona-choice"),
                                label="persona_choice")
    persona_view = gr.Markdown(elem_id="persona-view")
    persona_downloads = labels.add(gr.File(label=labels.text("persona_files"),
                                           elem_id="persona-files", file_count="multiple",
                                           interactive=False), label="persona_files")

    @friendly("listing the segments")
    def on_refresh(request: gr.Request) -> tuple[Any, ...]:
        ui = sessions.get(request)
        found = segments_overview(ui)
        empty = found["table"].empty
        personas = found["personas"]
        return (message(ui.lang, "no_segments") if empty else "",
                shown_table(found["table"]),
                gr.update(choices=found["refs"], value=found["refs"][0] if found["refs"]
                          else None),
                gr.update(choices=personas, value=personas[0] if personas else None),
                found["persona"] or ("" if personas else label(ui.lang, "no_personas")),
                found["files"] or None)

    @friendly("exporting the segment")
    def on_export(ref: str | None, request: gr.Request) -> tuple[Any, ...]:
        ui = sessions.get(request)
        if not ref:
            return message(ui.lang, "no_segments"), None
        result = run_tool("export_segment", ui.workspace, segment=ref, file_format="both")
        paths = [Path(p) for p in result.table["path"]]
        text = message(ui.lang, "exported", customers=int(result.fact("customers")))
        return text, ui.downloadable(paths) or None

    @friendly("showing the persona")
    def on_persona(stem: str | None, request: gr.Request) -> str:
        return persona_markdown(sessions.get(request).workspace, stem)

    outputs = [note, table, export_choice, persona_choice, persona_view, persona_downloads]
    refresh.click(on_refresh, None, outputs, api_name="segments")
    export.click(on_export, [export_choice], [export_status, export_files],
                 api_name="export_segment")
    persona_choice.input(on_persona, [persona_choice], [persona_view], api_name="persona")
    return SegmentsTab(on_refresh, outputs)

