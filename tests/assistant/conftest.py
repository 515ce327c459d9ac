"""Fixtures of the assistant tests: a local OpenAI-compatible server and sessions using it."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from assistant.events import Answer, Event
from assistant.session import Session
from assistant.settings import BrainSettings
from tools.workspace import Workspace

STUB_MODEL = "stub-model"
STUB_KEY = "test-key"


def _load_stub_module() -> ModuleType:
    """openai_stub.py by path (tests run with --import-mode=importlib, not on sys.path)."""
    name = "assistant_openai_stub"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("openai_stub.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


openai_stub_module = _load_stub_module()


@pytest.fixture(scope="session")
def stub_module() -> ModuleType:
    """The stub's module, for its reply types and `KeywordModel`."""
    return openai_stub_module


@pytest.fixture
def openai_stub(monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """A running OpenAI-compatible stub; no test waits longer than 10 s for it by default."""
    monkeypatch.setenv("SEGMENT_TIMEOUT", "10")
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SEGMENT_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    with openai_stub_module.OpenAIStub() as stub:
        yield stub


@pytest.fixture
def stub_settings(openai_stub) -> BrainSettings:
    return BrainSettings(brain="openai", model=STUB_MODEL, base_url=openai_stub.url + "/v1",
                         api_key=STUB_KEY)


@pytest.fixture
def stub_session(stub_settings: BrainSettings) -> Callable[[Workspace], Session]:
    """stub_session(ws) → a session whose brain is the stub, through the real openai client."""

    def make(ws: Workspace) -> Session:
        return Session(ws, settings=stub_settings)

    return make


def ask(session: Session, text: str) -> tuple[list[Event], Answer]:
    """Run one turn; the events in order and the final answer."""
    from assistant.agent import respond

    events = list(respond(session, text))
    answer = events[-1]
    assert isinstance(answer, Answer), f"a turn must end with an Answer, got {answer!r}"
    return events, answer


@pytest.fixture(scope="session")
def ask_turn() -> Callable[[Session, str], tuple[list[Event], Answer]]:
    return ask
