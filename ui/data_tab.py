"""The Data tab: load a file in two steps (check, then confirm), and look at the tables.

Why two steps: the quality report and the inferred column roles are shown before
anything is stored, so a marketer can correct a role ("net" is the amount) first. A
file that cannot be read gives a message and leaves the workspace as it was. Uploads go
to the session's own workspace ("My data"); the demo copy stays as it was.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from knowledge.indexing import index_file
from knowledge.sources import read_documents
from knowledge.store import KnowledgeStore
from tools.errors import ToolError
from tools.ingest import IngestOptions, QualityReport, Role, load_into_workspace, read_table
from tools.registry import run_tool
from tools.workspace import Workspace
from ui.errors import friendly
from ui.labels import label, message
from ui.language import Relabeler
from ui.load_options import (
    date_order_choices,
    date_spans_markdown,
    encoding_choices,
    header_choices,
    ingest_options,
    outlier_columns,
    questions_markdown,
    separator_choices,
    sheet_names,
)
from ui.state import DEMO, MINE, PendingUpload, SessionRegistry, UiSession
from ui.status import UploadNote

PREVIEW_ROWS = 200
TABLE_KINDS = ("customers", "orders", "tickets")
FEEDBACK_KINDS = ("review", "survey", "transcript", "note")
DATASET_NAMES = {"customers": "customers", "orders": "orders", "tickets": "tickets",
                 "review": "reviews", "survey": "surveys", "transcript": "transcripts",
                 "note": "notes"}
ROLE_COLUMNS = ["name", "dtype", "role", "missing", "distinct", "example"]
ROLE_COLUMN = ROLE_COLUMNS.index("role")


def table_view(workspace: Workspace, name: str | None) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    """A one-line summary of a dataset, its first rows, and its columns with their roles."""
    if not name:
        return "", pd.DataFrame(), pd.DataFrame()
    try:
        frame = workspace.read_dataset(name)
        info = workspace.dataset_info(name)
    except ToolError as exc:
        return f"⚠ {exc}", pd.DataFrame(), pd.DataFrame()
    report = QualityReport.from_dict(info["report"]) if "report" in info else None
    columns = report.columns_frame() if report else pd.DataFrame({"name": frame.columns})
    summary = f"**{name}**: {len(frame):,} rows × {frame.shape[1]} columns."
    return summary, frame.head(PREVIEW_ROWS), columns


def datasets_listing(ui: UiSession) -> dict[str, Any]:
    """The current workspace and its tables with their row counts (JSON-able)."""
    datasets = ui.workspace.manifest["datasets"]
    return {"workspace": ui.workspace.name, "which": ui.which,
            "datasets": {name: int(datasets[name]["rows"]) for name in sorted(datasets)}}


def datasets_markdown(listing: dict[str, Any]) -> str:
    rows = [f"| {name} | {rows:,} |" for name, rows in listing["datasets"].items()]
    return "\n".join([f"**{listing['workspace']}**", "", "| table | rows |", "|---|---:|",
                      *rows])


def is_document(path: Path, kind: str) -> bool:
    """Markdown, or plain text given as feedback, is read as one document, not a table."""
    suffix = path.suffix.lower()
    return suffix == ".md" or (suffix == ".txt" and kind not in TABLE_KINDS)


def preview_upload(ui: UiSession, path: str | Path, kind: str, name: str | None,
                   max_bytes: int, options: dict[str, Any] | None = None
                   ) -> tuple[str, pd.DataFrame]:
    """Read and check the file (nothing is stored yet): the report and the roles table.

    The session moves to its own workspace at once, whatever the outcome: from now on the
    marketer believes the chat speaks about their data, so it must never answer on the
    demo. A file that cannot be read is remembered, so the chat can say why it is empty.
    """
    ui.pending = None
    if kind not in DATASET_NAMES:
        raise ToolError(f"'{kind}' is not a kind of file. Use one of: "
                        f"{', '.join(DATASET_NAMES)}.")
    source = Path(path)
    ui.switch(MINE)
    try:
        return _check(ui, source, kind, name, max_bytes, dict(options or {}))
    except ToolError as exc:
        ui.last_upload = UploadNote(source.name, "failed", str(exc))
        raise
    except Exception:
        ui.last_upload = UploadNote(source.name, "failed", message(
            ui.lang, "failed", what="checking the file"))
        raise


def _check(ui: UiSession, source: Path, kind: str, name: str | None, max_bytes: int,
           options: dict[str, Any]) -> tuple[str, pd.DataFrame]:
    kept = ui.folder / "uploads" / source.name
    kept.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, kept)
    dataset = (name or "").strip() or DATASET_NAMES[kind]
    if is_document(kept, kind):
        batch = read_documents(kept, source_type=kind, max_bytes=max_bytes)
        chars = int(batch.documents["text"].astype(str).str.len().sum())
        ui.pending = PendingUpload(kept, dataset, kind, document=True)
        ui.last_upload = UploadNote(source.name, "waiting")
        return (message(ui.lang, "document", name=kept.name, chars=chars,
                        kind=batch.report.source_type), pd.DataFrame(columns=ROLE_COLUMNS))
    table = read_table(kept, IngestOptions(**options, max_bytes=max_bytes))
    ui.pending = PendingUpload(kept, dataset, kind, document=False, roles=table.report.roles,
                               options=options, report=table.report)
    ui.last_upload = UploadNote(source.name, "waiting")
    spans = date_spans_markdown(table.report, ui.lang)
    text = table.report.to_markdown() + (f"\n\n{spans}" if spans else "")
    return text, table.report.columns_frame()[ROLE_COLUMNS]


def role_overrides(lang: str, roles_table: pd.DataFrame | None,
                   inferred: dict[str, str]) -> dict[str, str]:
    """The roles the marketer changed in the table (checked against the known roles)."""
    if roles_table is None or roles_table.empty or "role" not in roles_table.columns:
        return {}
    known = [role.value for role in Role]
    changed = {}
    for column, role in zip(roles_table["name"].astype(str), roles_table["role"], strict=True):
        role = str(role).strip().lower()
        if column not in inferred or role == inferred[column]:
            continue
        if role not in known:
            raise ToolError(message(lang, "bad_role", role=role, roles=", ".join(known)))
        changed[column] = role
    return changed


def confirm_upload(ui: UiSession, roles_table: pd.DataFrame | None, max_bytes: int,
                   progress: Any = None) -> str:
    """Store the checked file in the session's own workspace, indexing text for search."""
    pending = ui.pending
    if pending is None:
        return message(ui.lang, "no_preview")
    step = progress or (lambda *args, **kwargs: None)
    workspace = ui.own_workspace()
    lines = []
    if pending.document:
        step(0.2, desc="Indexing")
        try:
            report = index_file(KnowledgeStore(workspace), pending.path,
                                source_type=pending.kind, source=pending.path.name)
        except ToolError as exc:
            ui.last_upload = UploadNote(pending.path.name, "failed", str(exc))
            raise
        lines.append(message(ui.lang, "indexed", source=report.source,
                             documents=report.documents, passages=report.chunks))
    else:
        overrides = role_overrides(ui.lang, roles_table, pending.roles)
        step(0.2, desc="Loading")
        try:
            report = load_into_workspace(workspace, pending.name, pending.path, IngestOptions(
                **pending.options, roles=overrides, max_bytes=max_bytes))
        except ToolError as exc:  # the workspace is as it was; say why on the chat too
            ui.last_upload = UploadNote(pending.path.name, "failed", str(exc))
            raise
        lines.append(message(ui.lang, "loaded", name=pending.name, rows=report.rows_kept,
                             workspace=workspace.name))
        if pending.kind in FEEDBACK_KINDS:
            step(0.5, desc="Indexing")
            try:
                result = run_tool("index_feedback", workspace, dataset=pending.name,
                                  source_type=pending.kind)
            except ToolError as exc:
                lines.append(f"⚠ {exc}")
            else:
                lines.append(message(ui.lang, "indexed", source=pending.name,
                                     documents=int(result.fact("documents_indexed")),
                                     passages=int(result.fact("passages_indexed"))))
    step(1.0, desc="Done")
    ui.pending = None
    ui.last_upload = UploadNote(pending.path.name, "loaded")
    ui.switch(MINE)
    return "\n\n".join(lines)


@dataclass
class DataTab:
    workspace_choice: gr.Radio
    overview: gr.Markdown
    listing: gr.JSON
    table_choice: gr.Dropdown
    workspace_changes: list[Any]
    """Events after which the session may work on another workspace."""
    on_load: Any


def workspace_choices(lang: str) -> list[tuple[str, str]]:
    return [(label(lang, "workspace_demo"), DEMO), (label(lang, "workspace_mine"), MINE)]


def kind_choices(lang: str) -> list[tuple[str, str]]:
    return [(label(lang, f"kind_{kind}"), kind) for kind in (*TABLE_KINDS, *FEEDBACK_KINDS)]


def build_data_tab(sessions: SessionRegistry, labels: Relabeler, max_bytes: int) -> DataTab:
    labels.add(gr.Markdown(labels.text("workspace_heading")), value="workspace_heading")
    choice = labels.add(gr.Radio(workspace_choices(labels.lang), value=DEMO,
                                 label=labels.text("workspace_choice"), elem_id="workspace"),
                        label="workspace_choice", choices=workspace_choices)
    labels.add(gr.Markdown(labels.text("upload_heading")), value="upload_heading")
    with gr.Row():
        upload = labels.add(gr.File(label=labels.text("upload_file"), elem_id="upload-file",
                                    file_count="single", type="filepath"), label="upload_file")
        with gr.Column():
            kind = labels.add(gr.Dropdown(kind_choices(labels.lang), value="customers",
                                          label=labels.text("upload_kind"),
                                          elem_id="upload-kind"),
                              label="upload_kind", choices=kind_choices)
            name = labels.add(gr.Textbox(label=labels.text("upload_name"), elem_id="upload-name",
                                         placeholder="customers"), label="upload_name")
            preview = labels.add(gr.Button(labels.text("preview"), elem_id="preview"),
                                 value="preview")
        with labels.add(gr.Accordion(labels.text("load_options"), open=False,
                                     elem_id="load-options"), label="load_options"):
            header = labels.add(gr.Radio(header_choices(labels.lang), value="auto",
                                         label=labels.text("opt_header"),
                                         elem_id="opt-header"),
                                label="opt_header", choices=header_choices)
            separator = labels.add(gr.Dropdown(separator_choices(labels.lang), value="auto",
                                               label=labels.text("opt_separator"),
                                               elem_id="opt-separator"),
                                   label="opt_separator", choices=separator_choices)
            encoding = labels.add(gr.Dropdown(encoding_choices(labels.lang), value="auto",
                                              label=labels.text("opt_encoding"),
                                              elem_id="opt-encoding"),
                                  label="opt_encoding", choices=encoding_choices)
            sheet = labels.add(gr.Dropdown([], value="", label=labels.text("opt_sheet"),
                                           allow_custom_value=True, elem_id="opt-sheet"),
                               label="opt_sheet")
            date_order = labels.add(gr.Radio(date_order_choices(labels.lang), value="auto",
                                             label=labels.text("opt_date_order"),
                                             elem_id="opt-date-order"),
                                    label="opt_date_order", choices=date_order_choices)
            outliers = labels.add(gr.Dropdown([], value=[], multiselect=True,
                                              label=labels.text("opt_outliers"),
                                              elem_id="opt-outliers"), label="opt_outliers")
            keep_copies = labels.add(gr.Checkbox(False, label=labels.text("opt_keep_copies"),
                                                 elem_id="opt-keep-copies"),
                                     label="opt_keep_copies")
    report = labels.add(gr.Markdown(label=labels.text("quality_report"),
                                    elem_id="quality-report"), label="quality_report")
    roles = labels.add(gr.Dataframe(label=labels.text("roles_table"), elem_id="roles",
                                    interactive=True, headers=ROLE_COLUMNS,
                                    static_columns=[i for i in range(len(ROLE_COLUMNS))
                                                    if i != ROLE_COLUMN]),
                       label="roles_table")
    questions = gr.Markdown(elem_id="upload-questions")
    confirm = labels.add(gr.Button(labels.text("confirm"), variant="primary", elem_id="confirm"),
                         value="confirm")
    status = gr.Markdown(elem_id="upload-status")
    labels.add(gr.Markdown(labels.text("datasets_heading")), value="datasets_heading")
    overview = gr.Markdown(elem_id="datasets")
    listing = gr.JSON(visible=False)
    refresh = labels.add(gr.Button(labels.text("refresh"), size="sm", elem_id="datasets-refresh"),
                         value="refresh")
    table_choice = labels.add(gr.Dropdown([], label=labels.text("table_choice"),
                                          allow_custom_value=True, elem_id="table-choice"),
                              label="table_choice")
    summary = gr.Markdown()
    rows = labels.add(gr.Dataframe(label=labels.text("table_rows"), interactive=False,
                                   max_height=360), label="table_rows")
    columns = labels.add(gr.Dataframe(label=labels.text("table_columns"), interactive=False),
                         label="table_columns")

    def describe(ui: UiSession) -> tuple[Any, ...]:
        found = datasets_listing(ui)
        names = list(found["datasets"])
        return (datasets_markdown(found), found,
                gr.update(choices=names, value=names[0] if names else None))

    @friendly("checking the file")
    def on_preview(path: str | None, kind_value: str, name_value: str, header_value: str,
                   separator_value: str, encoding_value: str, sheet_value: str | None,
                   date_order_value: str, outliers_value: list[str] | None,
                   keep_copies_value: bool | None, request: gr.Request) -> tuple[Any, ...]:
        ui = sessions.get(request)
        empty = pd.DataFrame(columns=ROLE_COLUMNS)
        ui.pending = None
        if not path:
            return (message(ui.lang, "no_file"), empty, "", gr.skip(), gr.skip(), gr.skip(),
                    *describe(ui))
        try:
            options = ingest_options(header_value, separator_value, encoding_value,
                                     sheet_value, date_order_value, outliers_value,
                                     keep_copies_value)
            text, found = preview_upload(ui, path, kind_value, name_value, max_bytes, options)
        except ToolError as exc:
            text, found = f"⚠ {exc}", empty
        checked = ui.pending.report if ui.pending is not None else None
        asked = questions_markdown(checked, ui.lang) if checked is not None else ""
        names = sheet_names(checked) if checked is not None else []
        sheet_update = (gr.update(choices=names, value=checked.sheet or names[0])
                        if checked is not None and names else gr.skip())
        unusual = outlier_columns(checked) if checked is not None else []
        chosen = [c for c in outliers_value or [] if c in unusual]
        outliers_update = gr.update(choices=unusual, value=chosen)
        return (text, found, asked, sheet_update, outliers_update, gr.update(value=ui.which),
                *describe(ui))

    @friendly("loading the file")
    def on_confirm(roles_table: pd.DataFrame | None, request: gr.Request,
                   progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        ui = sessions.get(request)
        try:
            text = confirm_upload(ui, roles_table, max_bytes, progress)
        except ToolError as exc:
            text = f"⚠ {exc}"
        return (text, gr.update(value=ui.which), *describe(ui))

    @friendly("switching the workspace")
    def on_switch(which: str, request: gr.Request) -> tuple[Any, ...]:
        ui = sessions.get(request)
        ui.switch(which)
        return describe(ui)

    @friendly("listing the tables")
    def on_refresh(request: gr.Request) -> tuple[Any, ...]:
        return describe(sessions.get(request))

    @friendly("showing the table")
    def on_table(table: str | None, request: gr.Request) -> tuple[Any, ...]:
        return table_view(sessions.get(request).workspace, table)

    listed = [overview, listing, table_choice]
    previewed = preview.click(
        on_preview, [upload, kind, name, header, separator, encoding, sheet, date_order,
                     outliers, keep_copies],
        [report, roles, questions, sheet, outliers, choice, *listed], api_name="upload_preview")
    confirmed = confirm.click(on_confirm, [roles], [status, choice, *listed],
                              api_name="confirm_upload")
    confirmed.then(lambda: "", None, questions, api_visibility="private")
    upload.change(lambda: (gr.update(choices=[], value=""), gr.update(choices=[], value=[])),
                  None, [sheet, outliers], api_visibility="private")  # a new file: its own
    # sheets and unusual values, after its check
    switched = choice.input(on_switch, [choice], listed, api_name="use_workspace")
    refresh.click(on_refresh, None, listed, api_name="datasets")
    table_choice.change(on_table, [table_choice], [summary, rows, columns], api_name="table")
    return DataTab(choice, overview, listing, table_choice, [previewed, confirmed, switched],
                   on_refresh)
