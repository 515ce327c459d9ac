"""Segment Assistant's web page (Gradio). Run: `.venv/bin/python app.py`."""

from __future__ import annotations

import os

# Keep Gradio and Hugging Face libraries off the network: the product works offline.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import atexit
import logging
import sys
import threading
from pathlib import Path

import gradio as gr

from assistant.demo import prepared_demo
from assistant.settings import BrainSettings
from assistant.warmup import warm_up
from tools.settings import DataSettings
from ui.config import ConfigError, LaunchConfig, launch_config
from ui.page import build

CONCURRENT_TURNS = 4
"""Turns answered at once across sessions; each session still answers one at a time."""


def build_app(workspaces_dir: Path | None = None, demo_root: Path | None = None,
              settings: BrainSettings | None = None,
              max_upload_mb: float | None = None) -> gr.Blocks:
    """The page. Each browser session works on its own copy of the demo at `demo_root`
    (default: the demo under SEGMENT_WORKSPACES, generated on first use), kept under
    `<workspaces_dir>/.sessions/`. The session registry is `page.segment_sessions`."""
    data = DataSettings.from_env()
    workspaces_dir = Path(workspaces_dir or data.workspaces_dir)
    if demo_root is None:
        demo_root = prepared_demo(data).root
    limit = max_upload_mb or data.max_upload_mb
    page, sessions = build(workspaces_dir, Path(demo_root), int(limit * 1024 * 1024), settings)
    page.segment_sessions = sessions  # type: ignore[attr-defined]
    return page


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: "
                                                   "%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        config: LaunchConfig = launch_config()
    except ConfigError as exc:
        print(f"Segment Assistant did not start: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    print("Preparing the demo workspace…", flush=True)
    demo = prepared_demo(DataSettings.from_env())
    page = build_app(demo_root=demo.root, max_upload_mb=config.max_upload_mb)
    atexit.register(page.segment_sessions.close_all)  # type: ignore[attr-defined]
    # the first question should not wait for the intent model or the embedder
    threading.Thread(target=warm_up, args=(demo,), daemon=True, name="warm-up").start()
    # a few turns at once: a quick question need not wait behind a clustering
    page.queue(default_concurrency_limit=CONCURRENT_TURNS).launch(**config.launch_kwargs())


if __name__ == "__main__":
    main()
