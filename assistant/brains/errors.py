"""A brain's failure in words a marketer can act on (never a traceback)."""

from __future__ import annotations

import openai
from langgraph.errors import GraphRecursionError

from assistant.settings import BrainSettings
from tools.errors import ToolError

TOO_MANY_STEPS = ("I could not finish this question within the steps I allow myself. "
                  "Try asking for one thing at a time.")


def brain_error_message(exc: BaseException, settings: BrainSettings) -> str:
    """What went wrong with the brain and what to do about it."""
    if isinstance(exc, ToolError):
        return str(exc)
    where = settings.base_url or "the OpenAI API"
    local = " or switch to the local brain in Settings"
    if isinstance(exc, GraphRecursionError):
        return TOO_MANY_STEPS
    if isinstance(exc, openai.APITimeoutError):
        return (f"The model at {where} did not answer in time. Try again, choose a faster "
                f"model{local}.")
    if isinstance(exc, openai.APIConnectionError):
        return (f"Could not reach the model at {where}. Check the base URL and that the server "
                f"is running{local}.")
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return (f"The model at {where} refused the API key. Check OPENAI_API_KEY (or the key "
                f"typed in Settings){local}.")
    if isinstance(exc, openai.RateLimitError):
        return f"The model at {where} is rate-limited right now. Wait a moment and try again."
    if isinstance(exc, openai.NotFoundError):
        return f"The model '{settings.model}' was not found at {where}. Check the model name."
    if isinstance(exc, openai.APIStatusError):
        return (f"The model at {where} returned an error (HTTP {exc.status_code}). Try again"
                f"{local}.")
    if isinstance(exc, openai.APIError):
        return f"The model at {where} sent an answer that could not be read. Try again{local}."
    return (f"Something went wrong while answering ({type(exc).__name__}). Try rephrasing the "
            "question; if it keeps happening, switch to the local brain in Settings.")
