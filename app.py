"""Segment Assistant's web page (Gradio). Run: `.venv/bin/python app.py`."""

from __future__ import annotations

import os

# Keep Gradio and Hugging Face libraries off the network: the product works offline.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import gradio as gr
import pandas as pd

from tools.demo_workspace import demo_workspace
from tools.errors import ToolError
from tools.ingest import QualityReport
from tools.workspace import Workspace

PREVIEW_ROWS = 200


def table_view(workspace: Workspace, name: str) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    """A one-line summary of a dataset, its first rows, and its columns with their roles."""
    try:
        frame = workspace.read_dataset(name)
        info = workspace.dataset_info(name)
    except ToolError as exc:
        return f"⚠ {exc}", pd.DataFrame(), pd.DataFrame()
    report = QualityReport.from_dict(info["report"]) if "report" in info else None
    columns = report.columns_frame() if report else pd.DataFrame({"name": frame.columns})
    summary = f"**{name}**: {len(frame):,} rows × {frame.shape[1]} columns."
    return summary, frame.head(PREVIEW_ROWS), columns


def workspace_overview(workspace: Workspace) -> str:
    datasets = workspace.manifest["datasets"]
    rows = [f"| {name} | {datasets[name]['rows']:,} |" for name in sorted(datasets)]
    return "\n".join(
        [f"### Workspace: {workspace.name}", "", "| table | rows |", "|---|---:|", *rows]
    )


def build_app(workspace: Workspace) -> gr.Blocks:
    names = workspace.dataset_names()
    first = names[0] if names else None
    with gr.Blocks(title="Segment Assistant") as page:
        gr.Markdown(
            "# Segment Assistant\nUnderstand your customers: every number is computed "
            "from your data."
        )
        gr.Markdown(workspace_overview(workspace))
        choice = gr.Dropdown(names, value=first, label="Table")
        summary, preview, columns = table_view(workspace, first) if first else ("", None, None)
        summary_box = gr.Markdown(summary)
        rows_box = gr.Dataframe(preview, label=f"First {PREVIEW_ROWS} rows", interactive=False)
        columns_box = gr.Dataframe(columns, label="Columns and their roles", interactive=False)
        choice.change(
            lambda name: table_view(workspace, name),
            choice,
            [summary_box, rows_box, columns_box],
            api_name="table",
        )
    return page


def main() -> None:
    host = os.environ.get("SEGMENT_HOST", "127.0.0.1")
    port = int(os.environ.get("SEGMENT_PORT", "7860"))
    print("Preparing the demo workspace…", flush=True)
    workspace = demo_workspace()
    build_app(workspace).queue().launch(server_name=host, server_port=port)


if __name__ == "__main__":
    main()
