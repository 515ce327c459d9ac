"""Each browser session works on its own copy of the demo, removed when it ends."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from ui.state import MINE, SessionRegistry


def request(session_hash: str) -> SimpleNamespace:
    return SimpleNamespace(session_hash=session_hash)


def test_sessions_get_private_copies_that_are_removed(demo_root: Path, tmp_path: Path) -> None:
    registry = SessionRegistry(tmp_path, demo_root)
    first, second = registry.get(request("a")), registry.get(request("b"))
    assert registry.get(request("a")) is first and len(registry) == 2
    assert first.folder.parent == second.folder.parent == (tmp_path / ".sessions").resolve()
    assert first.folder != second.folder
    assert first.workspace.dataset_names() == sorted(
        demo_table_names(demo_root)) and not (first.folder / "demo" / ".lock").exists()
    first.switch(MINE)
    assert first.workspace.dataset_names() == [] and second.which == "demo"
    registry.release(request("a"))
    assert not first.folder.exists() and not first.downloads.exists()
    assert second.folder.exists()
    registry.close_all()
    assert list((tmp_path / ".sessions").iterdir()) == []


def test_idle_sessions_are_removed_when_another_starts(demo_root: Path, tmp_path: Path) -> None:
    registry = SessionRegistry(tmp_path, demo_root, idle_seconds=60)
    old = registry.get(request("old"))
    old.last_seen -= 120
    registry.get(request("new"))
    assert not old.folder.exists() and len(registry) == 1
    registry.close_all()


def demo_table_names(root: Path) -> list[str]:
    """The demo's table names, read from its manifest file."""
    import json

    return list(json.loads((root / "workspace.json").read_text())["datasets"])
