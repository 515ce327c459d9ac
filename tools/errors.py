"""Errors a marketer can act on.

Every failure that reaches a person is a `ToolError`: its message says what went
wrong in plain words and what to do about it. Tracebacks are for developers only.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class ToolError(ValueError):
    """A problem with the user's data or request, with a message that names the fix."""


class MissingOrdersError(ToolError):
    """The workspace has no usable orders table; the tool runner adds what can be asked instead."""


class IngestError(ToolError):
    """A file could not be read into a table; nothing in the workspace changed."""


class WorkspaceError(ToolError):
    """The workspace folder could not be read or written."""


def closest(name: str, options: Iterable[str], n: int = 3) -> list[str]:
    """Return up to `n` options that look like `name` (case-insensitive)."""
    options = list(options)
    by_lower = {o.lower(): o for o in options}
    hits = difflib.get_close_matches(name.lower(), list(by_lower), n=n, cutoff=0.5)
    return [by_lower[h] for h in hits]


def did_you_mean(name: str, options: Iterable[str]) -> str:
    """A ' Did you mean …?' suffix, or a list of what exists when nothing is close."""
    options = list(options)
    hits = closest(name, options)
    if hits:
        return " Did you mean " + " or ".join(f"'{h}'" for h in hits) + "?"
    shown = ", ".join(f"'{o}'" for o in options[:12])
    more = f" and {len(options) - 12} more" if len(options) > 12 else ""
    return f" The options are {shown}{more}."
