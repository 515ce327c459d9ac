"""Which brain answers, read from environment variables (documented in the README)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from tools.errors import ToolError

BRAINS = ("local", "openai")


@dataclass(frozen=True)
class BrainSettings:
    """The brain and, for a remote one, its model and endpoint. The key is never shown."""

    brain: str = "local"
    model: str = "gpt-4o-mini"
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls) -> BrainSettings:
        brain = os.environ.get("SEGMENT_BRAIN", "local").strip().lower() or "local"
        if brain not in BRAINS:
            raise ToolError(
                f"SEGMENT_BRAIN={brain!r} is not a brain. Use one of: {', '.join(BRAINS)}."
            )
        return cls(
            brain=brain,
            model=os.environ.get("SEGMENT_MODEL", cls.model),
            base_url=os.environ.get("SEGMENT_BASE_URL") or os.environ.get("OPENAI_BASE_URL"),
            api_key=os.environ.get("OPENAI_API_KEY"),
        )
