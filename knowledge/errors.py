"""Errors from the knowledge store, with messages a marketer can act on."""

from __future__ import annotations

from tools.errors import ToolError


class KnowledgeError(ToolError):
    """A source could not be read or searched; the store is unchanged."""
