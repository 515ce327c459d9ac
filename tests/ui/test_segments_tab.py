"""The segments tab lists saved segments with their revenue share, and exports members."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tools.segments import Segmentation, save_segmentation
from ui.segments_tab import persona_markdown, segments_overview
from ui.state import UiSession


@pytest.fixture
def ui(demo_root: Path, tmp_path: Path) -> UiSession:
    return UiSession(tmp_path / "session", demo_root, None)


def test_saved_segments_show_size_and_revenue_share(ui: UiSession) -> None:
    assert segments_overview(ui)["table"].empty
    customers = pd.read_parquet(ui.workspace.root / ui.workspace.dataset_info(
        "customers")["file"])
    ids = customers["customer_id"].astype(str)
    labels = pd.Series(["A" if i % 3 == 0 else "B" for i in range(len(ids))], index=ids.values)
    save_segmentation(ui.workspace, Segmentation("planted", "rule", labels))
    found = segments_overview(ui)
    table = found["table"].set_index("segment")
    assert table.loc["A", "customers"] == (labels == "A").sum()
    orders = pd.read_parquet(ui.workspace.root / ui.workspace.dataset_info("orders")["file"])
    kept = orders[orders["status"] == "completed"]  # returns and cancellations left out
    revenue = kept.groupby(kept["customer_id"].astype(str))["amount"].sum()
    share_a = revenue[revenue.index.isin(labels.index[labels == "A"])].sum() / revenue.sum()
    assert table.loc["A", "revenue_share"] == pytest.approx(share_a, abs=0.01)
    assert found["refs"] == ["planted/A", "planted/B"]


def test_persona_documents_are_read_from_the_workspace(ui: UiSession) -> None:
    (ui.workspace.root / "personas" / "rfm-champions.md").write_text(
        "# Champions\nLoyal big spenders.", encoding="utf-8")
    found = segments_overview(ui)
    assert found["personas"] == ["rfm-champions"]
    assert found["persona"].startswith("# Champions")
    assert [Path(p).name for p in found["files"]] == ["rfm-champions.md"]
    assert persona_markdown(ui.workspace, "../../workspace") == ""
