"""The demo workspace as a newcomer meets it: generated, and its feedback already indexed.

Every session works on a copy of the demo, so indexing its reviews, surveys and call
transcripts once here (about half a minute, on the first start only) spares each copy
from doing it on its first feedback question or persona.
"""

from __future__ import annotations

import logging
from pathlib import Path

from demo_company.workspace import demo_workspace
from knowledge.errors import KnowledgeError
from knowledge.indexing import ensure_indexed
from knowledge.store import KnowledgeStore
from tools.settings import DataSettings
from tools.workspace import Workspace

log = logging.getLogger(__name__)


def prepared_demo(settings: DataSettings | None = None, root: Path | None = None) -> Workspace:
    """The demo workspace with its feedback indexed (re-indexed only when it changed)."""
    workspace = demo_workspace(settings, root)
    try:
        ensure_indexed(KnowledgeStore(workspace))
    except KnowledgeError as exc:  # e.g. a remote embedder that cannot be reached
        log.warning("The demo's feedback is not indexed yet (%s); the first feedback "
                    "question of each session will index it.", exc)
    return workspace
