"""Shared test fixtures: the demo workspace, hand-made workspaces and the real public datasets."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest

from demo_company.workspace import demo_workspace
from tools.ingest import describe_table
from tools.settings import DataSettings
from tools.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("SEGMENT_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public datasets; tests that need them skip when the folder is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real datasets not found at {SHARED_DATA} (set SEGMENT_SHARED_DATA)")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never reach a model hub or analytics endpoint."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")


# ----- workspaces: the demo (built once per run) and small hand-made ones ---------


@pytest.fixture(scope="session")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("demo-ws")
    settings = DataSettings(workspaces_dir=base, max_upload_mb=10, demo_seed=7)
    return demo_workspace(settings).root


@pytest.fixture
def demo_ws(demo_root: Path, tmp_path: Path) -> Workspace:
    """A private copy of the demo workspace: tests may save segments without side effects."""
    return private_copy(demo_root, tmp_path / "demo")


def private_copy(root: Path, target: Path) -> Workspace:
    shutil.copytree(root, target)
    return Workspace(target)


@pytest.fixture(scope="session")
def demo_knowledge_root(demo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with its reviews, surveys and calls indexed in the knowledge store (once)."""
    from knowledge.indexing import ensure_indexed
    from knowledge.store import KnowledgeStore

    ws = private_copy(demo_root, tmp_path_factory.mktemp("demo-knowledge") / "demo")
    ensure_indexed(KnowledgeStore(ws))
    return ws.root


@pytest.fixture
def demo_knowledge_ws(demo_knowledge_root: Path, tmp_path: Path) -> Workspace:
    """A private copy of the indexed demo workspace."""
    return private_copy(demo_knowledge_root, tmp_path / "demo-knowledge")


@pytest.fixture(scope="session")
def demo_truth(demo_root: Path) -> dict:
    return Workspace(demo_root).read_json("ground_truth.json")


@pytest.fixture
def make_ws(tmp_path: Path) -> Callable[..., Workspace]:
    """make_ws(orders=df, customers=df, roles={"orders": {"col": "role"}}) → a workspace."""

    def make(roles: dict[str, dict[str, str]] | None = None, **tables: pd.DataFrame) -> Workspace:
        ws = Workspace(tmp_path / f"ws{len(list(tmp_path.iterdir()))}")
        for name, frame in tables.items():
            report = describe_table(frame, source=name)
            found = dict(report.roles)
            found.update((roles or {}).get(name, {}))
            ws.save_dataset(name, frame, {"roles": found, "report": report.to_dict()})
        return ws

    return make


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _served(workspaces: Path, demo_root: Path) -> Iterator[tuple[str, object]]:
    from app import build_app
    from assistant.settings import BrainSettings

    page = build_app(workspaces_dir=workspaces, demo_root=demo_root,
                     settings=BrainSettings(brain="local"), max_upload_mb=5)
    port = free_port()
    page.queue().launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True,
                        quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/", page
    finally:
        page.close()
        page.segment_sessions.close_all()


@pytest.fixture(scope="session")
def serve_app() -> Callable[[Path, Path], contextlib.AbstractContextManager]:
    """serve_app(workspaces_dir, demo_root) → context manager of (url, page): the web page
    on a free local port, local brain, 5 MB uploads; closed and its sessions removed after."""
    return _served
