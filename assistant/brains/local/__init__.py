"""The local brain: offline and deterministic, English and Chinese."""

from assistant.brains.local.model import LocalBrain

__all__ = ["LocalBrain"]
