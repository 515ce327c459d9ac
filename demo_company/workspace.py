"""The built-in demo workspace: generated once per seed, then read from disk.

The demo is what a newcomer sees first, so it must be there at once on later starts:
the generated tables are cached in the workspace and regenerated only when the seed
or the generator changes (or an earlier generation was interrupted).
"""

from __future__ import annotations

import time
from pathlib import Path

from demo_company import GENERATOR_VERSION, generate_demo
from tools.ingest import describe_table
from tools.settings import DataSettings
from tools.workspace import Workspace

DEMO_NAME = "demo"
GROUND_TRUTH = "ground_truth.json"
TABLES = ("customers", "orders", "tickets", "reviews", "surveys", "transcripts")


def demo_workspace(
    settings: DataSettings | None = None, root: Path | None = None, n_customers: int = 6000
) -> Workspace:
    """Open the demo workspace, generating it first if it is missing or out of date."""
    settings = settings or DataSettings.from_env()
    workspace = Workspace(root or settings.workspaces_dir / DEMO_NAME, name="Demo: Lumen & Co.")
    wanted = {
        "generator_version": GENERATOR_VERSION,
        "seed": settings.demo_seed,
        "n_customers": n_customers,
    }
    cached = workspace.get_meta("demo")
    if (
        cached
        and {k: cached.get(k) for k in wanted} == wanted
        and all(workspace.has_dataset(t) for t in TABLES)
    ):
        return workspace
    started = time.perf_counter()
    data = generate_demo(seed=settings.demo_seed, n_customers=n_customers)
    for table in TABLES:
        frame = getattr(data, table)
        report = describe_table(frame, source=f"demo {table}")
        workspace.save_dataset(table, frame, {"roles": report.roles, "report": report.to_dict()})
    workspace.write_json(GROUND_TRUTH, data.ground_truth)
    workspace.set_meta("demo", {**wanted, "seconds": round(time.perf_counter() - started, 2)})
    return workspace
