"""Brains: the chat models that choose tools and words (local by default, or remote)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from langchain_core.language_models import BaseChatModel

from assistant.settings import BrainSettings

if TYPE_CHECKING:
    from assistant.session import Session


def make_brain(settings: BrainSettings, session: Session) -> BaseChatModel:
    """The chat model the settings name: the offline local brain, or an OpenAI-compatible one."""
    if settings.brain == "openai":
        from assistant.brains.remote import remote_brain

        return remote_brain(settings)
    from assistant.brains.local import LocalBrain

    return LocalBrain.for_session(session)
