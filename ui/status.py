"""Which workspace the chat answers on, and what an empty or partial one is missing.

Why this exists: after an upload the marketer believes the chat speaks about their own
data. So an upload switches the session to its own workspace (even when the file could
not be read), the page always shows the workspace and its tables next to the chat, and
a question asked while that workspace has nothing to answer from gets an answer that
says so (and why: the upload failed, or waits for confirmation) instead of demo figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.events import Answer
from knowledge.store import META_KEY as KNOWLEDGE_META
from tools.workspace import Workspace
from ui.labels import message

UploadState = Literal["failed", "waiting", "loaded"]
TABLES_SHOWN = 4


@dataclass(frozen=True)
class UploadNote:
    """The last file the marketer uploaded in this session and what became of it."""

    file: str
    state: UploadState
    reason: str = ""


def tables_text(workspace: Workspace, lang: str) -> str:
    """'customers (7,043 rows), orders (541,909 rows)', or 'no tables yet'."""
    datasets = workspace.manifest.get("datasets", {})
    if not datasets:
        return message(lang, "no_tables")
    parts = [message(lang, "table_rows_count", name=name, rows=int(info.get("rows", 0)))
             for name, info in sorted(datasets.items())]
    shown = ", ".join(parts[:TABLES_SHOWN])
    if len(parts) > TABLES_SHOWN:
        shown += message(lang, "more_tables", count=len(parts) - TABLES_SHOWN)
    return shown


def upload_text(note: UploadNote | None, lang: str) -> str:
    """One sentence on the last upload when it is not (yet) part of the workspace."""
    if note is None or note.state == "loaded":
        return ""
    if note.state == "waiting":
        return message(lang, "upload_waiting", file=note.file)
    return message(lang, "upload_failed", file=note.file, reason=note.reason.rstrip(". "))


def workspace_line(workspace: Workspace, note: UploadNote | None, lang: str) -> str:
    """The badge above the chat: 'Answering on: My data — customers (7,043 rows)'."""
    line = message(lang, "answering_on", workspace=workspace.name,
                   tables=tables_text(workspace, lang))
    extra = sentence(upload_text(note, lang))
    return f"{line}  \n⚠ {extra}" if extra else line


def sentence(text: str) -> str:
    """The text with a capital first letter (it may start a line)."""
    return text[:1].upper() + text[1:]


def has_content(workspace: Workspace) -> bool:
    """True when the workspace holds a table or indexed feedback to answer from."""
    if workspace.manifest.get("datasets"):
        return True
    return bool((workspace.get_meta(KNOWLEDGE_META) or {}).get("sources"))


def empty_answer(workspace: Workspace, note: UploadNote | None, lang: str) -> Answer:
    """The answer to any question on an own workspace with nothing in it (no demo figures)."""
    why = upload_text(note, lang)
    text = message(lang, "empty_workspace", workspace=workspace.name)
    if why:
        text = message(lang, "empty_workspace_because", workspace=workspace.name, why=why)
    text += " " + message(lang, "empty_workspace_fix")
    return Answer(text=text, kind="error")


def answered_on(answer: Answer, workspace: Workspace, note: UploadNote | None,
                lang: str) -> str:
    """What the page adds under an answer: a missing upload, and the workspace and tables
    when the answer's own first line does not already name them."""
    extra = sentence(upload_text(note, lang))
    warning = f"_⚠ {extra}_" if extra else ""
    if answer.workspace:
        return warning
    line = message(lang, "answered_on", workspace=workspace.name,
                   tables=", ".join(answer.datasets) or tables_text(workspace, lang))
    return f"_{line}_" + (f"  \n{warning}" if warning else "")
