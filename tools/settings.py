"""Data-side settings read from environment variables (documented in the README)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tools.errors import ToolError

DEFAULT_MAX_UPLOAD_MB = 200


@dataclass(frozen=True)
class DataSettings:
    """Where workspaces live and how big an upload may be."""

    workspaces_dir: Path
    max_upload_mb: float
    demo_seed: int

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @classmethod
    def from_env(cls) -> DataSettings:
        return cls(
            workspaces_dir=Path(os.environ.get("SEGMENT_WORKSPACES", "workspaces")).expanduser(),
            max_upload_mb=positive_number("SEGMENT_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB),
            demo_seed=int(positive_number("SEGMENT_DEMO_SEED", 7)),
        )


def positive_number(variable: str, default: float,
                    env: Mapping[str, str] | None = None) -> float:
    """A setting that must be a number above 0: `default` when unset, else a clear error."""
    raw = (os.environ if env is None else env).get(variable)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ToolError(
            f"{variable}={raw!r} is not a number. Set it to a number such as {default}."
        ) from None
    if value <= 0:
        raise ToolError(f"{variable} must be greater than 0 (it is {raw}).")
    return value
