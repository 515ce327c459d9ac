"""Where the page listens, who may open it and how big an upload may be, read from the
environment and checked before anything starts.

Why refuse: a page bound to a public address without a login would let anyone on the
network read a company's customer data. Binding beyond this machine therefore needs
`SEGMENT_USER` and `SEGMENT_PASSWORD`, or an explicit `SEGMENT_ALLOW_OPEN=1`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tools.errors import ToolError
from tools.settings import DEFAULT_MAX_UPLOAD_MB, positive_number

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
DEFAULT_PORT = 7860


class ConfigError(ValueError):
    """A setting that stops the page from starting; the message says how to fix it."""


@dataclass(frozen=True)
class LaunchConfig:
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    login: tuple[str, str] | None = field(default=None, repr=False)
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB

    @property
    def max_file_size(self) -> int:
        """The upload limit in bytes, as Gradio's `launch(max_file_size=...)` takes it."""
        return int(self.max_upload_mb * 1024 * 1024)

    def launch_kwargs(self) -> dict[str, Any]:
        """Arguments for `Blocks.launch` (the login only when one is set)."""
        kwargs: dict[str, Any] = {
            "server_name": self.host,
            "server_port": self.port,
            "max_file_size": self.max_file_size,
        }
        if self.login:
            kwargs["auth"] = [self.login]
        return kwargs


def launch_config(env: Mapping[str, str] | None = None) -> LaunchConfig:
    """Read and check SEGMENT_HOST, SEGMENT_PORT, SEGMENT_USER, SEGMENT_PASSWORD,
    SEGMENT_ALLOW_OPEN and SEGMENT_MAX_UPLOAD_MB; raise `ConfigError` when unsafe or wrong."""
    env = os.environ if env is None else env
    host = (env.get("SEGMENT_HOST") or "127.0.0.1").strip()
    port = _port(env.get("SEGMENT_PORT"))
    user = (env.get("SEGMENT_USER") or "").strip()
    password = env.get("SEGMENT_PASSWORD") or ""
    if bool(user) != bool(password):
        missing = "SEGMENT_PASSWORD" if user else "SEGMENT_USER"
        raise ConfigError(f"A login needs both SEGMENT_USER and SEGMENT_PASSWORD; {missing} "
                          "is not set.")
    login = (user, password) if user else None
    allow_open = (env.get("SEGMENT_ALLOW_OPEN") or "").strip().lower() in ("1", "true", "yes")
    if host not in LOCAL_HOSTS and login is None and not allow_open:
        raise ConfigError(
            f"Refusing to serve on {host} without a login: anyone on the network could read "
            "your customer data. Set SEGMENT_USER and SEGMENT_PASSWORD, or use "
            "SEGMENT_HOST=127.0.0.1, or set SEGMENT_ALLOW_OPEN=1 if the network is private."
        )
    return LaunchConfig(host=host, port=port, login=login,
                        max_upload_mb=_upload_limit(env))


def _port(raw: str | None) -> int:
    if raw is None or not raw.strip():
        return DEFAULT_PORT
    try:
        port = int(raw)
    except ValueError:
        raise ConfigError(f"SEGMENT_PORT={raw!r} is not a port number, e.g. 7860.") from None
    if not 1 <= port <= 65535:
        raise ConfigError(f"SEGMENT_PORT={port} is not between 1 and 65535.")
    return port


def _upload_limit(env: Mapping[str, str]) -> float:
    try:
        return positive_number("SEGMENT_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB, env)
    except ToolError as exc:
        raise ConfigError(str(exc)) from None
