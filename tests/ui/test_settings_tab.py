"""The brain settings: a typed key wins, is used, and is never shown back."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.settings import BrainSettings
from ui.settings_tab import apply_settings, brain_settings, settings_status
from ui.state import UiSession

KEY = "sk-typed-1234567890"


def test_a_typed_key_wins_over_the_environment() -> None:
    env = BrainSettings(brain="local", model="gpt-4o-mini", api_key="sk-env")
    chosen = brain_settings("openai", "", " http://127.0.0.1:11434/v1 ", KEY, env)
    assert (chosen.brain, chosen.model, chosen.base_url) == (
        "openai", "gpt-4o-mini", "http://127.0.0.1:11434/v1")
    assert chosen.api_key == KEY
    assert brain_settings("openai", "m", "", "", env).api_key == "sk-env"
    assert KEY not in repr(chosen)


def test_the_status_never_shows_the_key() -> None:
    settings = BrainSettings(brain="openai", model="qwen", api_key=KEY)
    for lang in ("en", "zh"):
        for typed in (True, False):
            assert KEY not in settings_status(settings, typed, lang)
    assert "from the environment" in settings_status(settings, False, "en")
    assert "local brain" in settings_status(BrainSettings(), False, "en")


def test_applying_keeps_the_key_in_memory_only(demo_root: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    ui = UiSession(tmp_path / "session", demo_root, None)
    status = apply_settings(ui, "openai", "qwen", "http://127.0.0.1:9/v1", KEY)
    assert KEY not in status and "typed for this session" in status
    assert ui.session.settings.api_key == KEY
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(KEY.encode() not in p.read_bytes() for p in written)
