"""The remote brain: any OpenAI-compatible chat endpoint through langchain-openai.

OpenAI itself, Azure, Ollama, vLLM or a llama.cpp server all speak the same chat
completions protocol with tool calling, so one `ChatOpenAI` serves them all. What the
model is sent is decided elsewhere (the prompt, the redacted tool views); this module
only sets up the connection: a bounded wait, one retry, deterministic sampling, and a
key that stays a secret (pydantic `SecretStr`, never in a message, log or trace).
"""

from __future__ import annotations

from urllib.parse import urlparse

from langchain_core.language_models import BaseChatModel
from langchain_openai import ChatOpenAI

from assistant.settings import BrainSettings
from tools.errors import ToolError
from tools.settings import positive_number

DEFAULT_TIMEOUT = 60.0
"""Seconds to wait for one answer of the model (SEGMENT_TIMEOUT overrides it)."""
RETRIES = 1
"""A timed-out or failed request (HTTP 5xx, 429, connection) is sent once more."""
NO_KEY = "not-needed"
"""Sent to self-hosted servers (Ollama, vLLM, llama.cpp) that ask for no key."""
_KEYED_HOSTS = ("api.openai.com", ".openai.azure.com", ".azure.com")


class MissingKeyError(ToolError):
    """The endpoint needs an API key and none was given."""


def remote_brain(settings: BrainSettings) -> BaseChatModel:
    """A chat model on the settings' OpenAI-compatible endpoint, ready for tool calling."""
    return ChatOpenAI(
        model=settings.model,
        base_url=settings.base_url or None,
        api_key=_api_key(settings),
        timeout=timeout_seconds(),
        max_retries=RETRIES,
        temperature=0,
    )


def timeout_seconds() -> float:
    """SEGMENT_TIMEOUT in seconds, else the default; a bad value is a clear error."""
    return positive_number("SEGMENT_TIMEOUT", DEFAULT_TIMEOUT)


def needs_key(base_url: str | None) -> bool:
    """True for OpenAI and Azure; self-hosted servers usually run without a key."""
    if not base_url:
        return True
    host = (urlparse(base_url).hostname or "").lower()
    return any(host == h.lstrip(".") or host.endswith(h) for h in _KEYED_HOSTS)


def _api_key(settings: BrainSettings) -> str:
    if settings.api_key:
        return settings.api_key
    if needs_key(settings.base_url):
        where = settings.base_url or "the OpenAI API"
        raise MissingKeyError(
            f"The model at {where} needs an API key. Set OPENAI_API_KEY (or type the key in "
            "Settings), point SEGMENT_BASE_URL at a server that needs none, or switch to the "
            "local brain.")
    return NO_KEY
