"""Per-browser-session state: its own conversation and its own copy of the workspaces.

Why a private copy of the demo: tools save segmentations and personas into the workspace,
and uploads add tables. Two marketers on one server must never see each other's work, so
each browser session (and each `gradio_client.Client`, which keeps one session hash)
gets a fresh copy under `<workspaces>/.sessions/<random id>/`, removed when the page is
closed, when the session has been idle too long, or when the server stops.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.rerun import Edit
from assistant.session import Session
from assistant.settings import BrainSettings
from tools.ingest import QualityReport
from tools.workspace import Workspace
from ui.chat import ChatView
from ui.labels import DEFAULT_LANGUAGE
from ui.status import UploadNote

log = logging.getLogger(__name__)
SESSIONS_FOLDER = ".sessions"
IDLE_SECONDS = 12 * 3600
"""A session unused this long is removed (clients that never say goodbye)."""
DEMO, MINE = "demo", "mine"
MY_DATA_NAME = "My data"


@dataclass
class PendingUpload:
    """A checked file waiting for the marketer to confirm its roles."""

    path: Path
    name: str
    kind: str
    document: bool
    roles: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    """Load options chosen on the page (header row, separator, …), used again to load."""
    report: QualityReport | None = None


class UiSession:
    """One browser session: its folder, its workspaces, its conversation, its settings."""

    def __init__(self, folder: Path, demo_source: Path, settings: BrainSettings | None) -> None:
        self.folder = folder
        folder.mkdir(parents=True)
        self.demo = Workspace(demo_source).copy_to(folder / DEMO)
        self.session = Session(self.demo, settings=settings)
        self.chat = ChatView()
        self.lang = DEFAULT_LANGUAGE
        self.pending: PendingUpload | None = None
        self.last_upload: UploadNote | None = None
        self.key_typed = False
        self.last_edit: Edit | None = None
        """The last answer's computation as the page shows it for changing."""
        self.last_seen = time.time()
        self.downloads = Path(tempfile.mkdtemp(prefix="segment-downloads-"))

    @property
    def workspace(self) -> Workspace:
        return self.session.workspace

    @property
    def which(self) -> str:
        return MINE if self.workspace.root == (self.folder / MINE).resolve() else DEMO

    def own_workspace(self) -> Workspace:
        """The marketer's own workspace of this session (created empty when first needed)."""
        return Workspace(self.folder / MINE, name=MY_DATA_NAME)

    def switch(self, which: str) -> Workspace:
        """Work on the demo copy or on the marketer's own data; the chat starts afresh."""
        target = self.own_workspace() if which == MINE else self.demo
        if target.root != self.workspace.root:
            self.session.use(workspace=target, settings=self.session.settings)
            self.chat = ChatView()
        return target

    def downloadable(self, paths: list[Path]) -> list[str]:
        """Copies of workspace files in this session's download folder (served by the page)."""
        copies = []
        for path in paths:
            if path.is_file():
                target = self.downloads / path.name
                shutil.copyfile(path, target)
                copies.append(str(target))
        return copies

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        shutil.rmtree(self.downloads, ignore_errors=True)


class SessionRegistry:
    """Every live browser session of one page, by Gradio's session hash."""

    def __init__(self, workspaces_dir: Path, demo_source: Path,
                 settings: BrainSettings | None = None, idle_seconds: float = IDLE_SECONDS):
        self.root = Path(workspaces_dir).expanduser().resolve() / SESSIONS_FOLDER
        self.demo_source = Path(demo_source)
        self.settings = settings
        self.idle_seconds = idle_seconds
        self._sessions: dict[str, UiSession] = {}
        self._lock = threading.Lock()
        self.root.mkdir(parents=True, exist_ok=True)
        self._remove_leftovers()

    def get(self, request: gr.Request | None) -> UiSession:
        """This browser session's state, created (with a fresh demo copy) on first use."""
        key = getattr(request, "session_hash", None) or "local"
        with self._lock:
            found = self._sessions.get(key)
            if found is None:
                self._sweep()
                found = UiSession(self.root / uuid.uuid4().hex, self.demo_source,
                                  self.settings)
                self._sessions[key] = found
            found.last_seen = time.time()
            return found

    def release(self, request: gr.Request | None) -> None:
        """The page was closed: forget its state and delete its folders."""
        key = getattr(request, "session_hash", None) or "local"
        with self._lock:
            found = self._sessions.pop(key, None)
        if found is not None:
            found.remove()

    def close_all(self) -> None:
        with self._lock:
            sessions, self._sessions = list(self._sessions.values()), {}
        for found in sessions:
            found.remove()

    def __len__(self) -> int:
        return len(self._sessions)

    def _sweep(self) -> None:
        cutoff = time.time() - self.idle_seconds
        for key in [k for k, s in self._sessions.items() if s.last_seen < cutoff]:
            self._sessions.pop(key).remove()

    def _remove_leftovers(self) -> None:
        """Folders of sessions from an earlier run that stopped without cleaning up."""
        cutoff = time.time() - self.idle_seconds
        for folder in self.root.iterdir():
            try:
                if folder.is_dir() and folder.stat().st_mtime < cutoff:
                    shutil.rmtree(folder, ignore_errors=True)
            except OSError as exc:
                log.warning("could not remove old session folder %s: %s", folder.name, exc)
