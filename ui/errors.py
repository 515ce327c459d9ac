"""Every handler of the page speaks in words, never in tracebacks.

A `ToolError` already carries a message for the marketer and is shown as it is. Any
other exception becomes a short apology in the page and one log line naming the
handler and the exception type: no traceback, no arguments, no values (which could
hold customer data or an API key).
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from typing import Any

import gradio as gr

from tools.errors import ToolError
from ui.labels import message

log = logging.getLogger("ui")


def explain(exc: BaseException, what: str, lang: str = "en") -> str:
    """The words the page shows for a failed action."""
    if isinstance(exc, ToolError):
        return str(exc)
    log.error("%s failed: %s", what, type(exc).__name__)
    return message(lang, "failed", what=what)


def friendly(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap a handler (plain or generator) so any exception reaches the page as words."""

    def decorate(handler: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.isgeneratorfunction(handler):
            @functools.wraps(handler)
            def stream(*args: Any, **kwargs: Any) -> Any:
                try:
                    yield from handler(*args, **kwargs)
                except gr.Error:
                    raise
                except Exception as exc:
                    raise gr.Error(explain(exc, what), print_exception=False) from None

            return stream

        @functools.wraps(handler)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return handler(*args, **kwargs)
            except gr.Error:
                raise
            except Exception as exc:
                raise gr.Error(explain(exc, what), print_exception=False) from None

        return run

    return decorate
