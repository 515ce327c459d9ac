"""Saved segmentations survive, can be found by label, and never corrupt each other."""

from __future__ import annotations

import pandas as pd
import pytest

from tools.errors import ToolError
from tools.segments import (
    Segmentation,
    delete_segmentation,
    list_segments,
    load_segmentation,
    resolve_segment,
    save_segmentation,
)
from tools.workspace import Workspace


def labels(mapping: dict[str, str]) -> pd.Series:
    return pd.Series(mapping, name="segment")


def test_a_saved_segmentation_reads_back_exactly(tmp_path):
    ws = Workspace(tmp_path / "ws")
    seg = Segmentation("tiers", "value", labels({"a": "Top", "b": "Rest", "c": "Rest"}))
    save_segmentation(ws, seg)
    back = load_segmentation(Workspace(tmp_path / "ws"), "tiers")
    assert back.labels.to_dict() == {"a": "Top", "b": "Rest", "c": "Rest"}
    assert back.kind == "value"
    assert list_segments(ws).set_index("segment")["customers"].to_dict() == {"Rest": 2, "Top": 1}


def test_segments_are_found_by_label_and_the_newest_wins(tmp_path):
    ws = Workspace(tmp_path / "ws")
    save_segmentation(ws, Segmentation("old", "rfm", labels({"a": "Champions"})))
    save_segmentation(ws, Segmentation("new", "rfm", labels({"b": "Champions", "c": "Other"})))
    name, label, ids = resolve_segment(ws, "champions")
    assert (name, label, list(ids)) == ("new", "Champions", ["b"])
    assert list(resolve_segment(ws, "old/Champions")[2]) == ["a"]


def test_replacing_a_segmentation_removes_the_old_file(tmp_path):
    ws = Workspace(tmp_path / "ws")
    save_segmentation(ws, Segmentation("s", "rule", labels({"a": "s"})))
    save_segmentation(ws, Segmentation("s", "rule", labels({"b": "s"})))
    assert len(list((ws.root / "segmentations").glob("*.parquet"))) == 1
    assert list(resolve_segment(ws, "s")[2]) == ["b"]
    delete_segmentation(ws, "s")
    assert list((ws.root / "segmentations").glob("*.parquet")) == []


def test_unknown_segments_suggest_close_names(tmp_path):
    ws = Workspace(tmp_path / "ws")
    with pytest.raises(ToolError, match=r"none has been saved|no saved segment"):
        resolve_segment(ws, "Champions")
    save_segmentation(ws, Segmentation("rfm", "rfm", labels({"a": "Champions"})))
    with pytest.raises(ToolError, match="Did you mean 'Champions'"):
        resolve_segment(ws, "Champoins")
    with pytest.raises(ToolError, match="slashes"):
        save_segmentation(ws, Segmentation("a/b", "rule", labels({"a": "x"})))
