"""Saved segmentations and named segments, so later tools and follow-up questions reuse them.

A segmentation maps customer ids to a segment label (RFM segments, clusters, value
tiers, consumer types, a rule segment). It is stored in the workspace as a small
Parquet file plus an entry in the manifest. A rule segment is a segmentation with one
label (its name) that lists only its members. A segment is referred to by its label
("Champions"), or as "segmentation/label" when a label exists in several.
"""

from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from tools.data import is_member
from tools.errors import ToolError, WorkspaceError, closest
from tools.workspace import Workspace, atomic_write

META_KEY = "segmentations"
_NAME = re.compile(r"^[^/\\]{1,80}$")


@dataclass
class Segmentation:
    name: str
    kind: str
    labels: pd.Series  # index: customer_id (str), values: segment label (str)
    parameters: dict[str, Any] = field(default_factory=dict)
    description: str = ""

    def sizes(self) -> pd.Series:
        return self.labels.value_counts().sort_index()

    def members(self, label: str) -> pd.Index:
        return self.labels.index[self.labels == label]


def save_segmentation(ws: Workspace, seg: Segmentation) -> None:
    """Store (or replace) a segmentation; the previous version is removed after the switch."""
    if not isinstance(seg.name, str) or not _NAME.match(seg.name.strip()):
        raise ToolError(
            f"'{seg.name}' cannot be used as a segment name: use 1 to 80 characters, no slashes."
        )
    frame = pd.DataFrame(
        {"customer_id": seg.labels.index.astype(str), "segment": seg.labels.astype(str).values}
    )
    relative = f"segmentations/{uuid.uuid4().hex[:12]}.parquet"
    try:
        atomic_write(ws.path(relative), lambda tmp: frame.to_parquet(tmp, index=False))
    except (OSError, ValueError) as exc:
        raise WorkspaceError(f"Could not save '{seg.name}': {exc}. Nothing was changed.") from exc
    entry = {
        "file": relative,
        "kind": seg.kind,
        "parameters": seg.parameters,
        "description": seg.description,
        "customers": len(frame),
        "sizes": {str(k): int(v) for k, v in seg.sizes().items()},
        "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "sequence": time.time_ns(),
    }
    previous = ws.update_meta(META_KEY, lambda saved: {**(saved or {}), seg.name.strip(): entry})
    old = (previous or {}).get(seg.name.strip())
    if old and old["file"] != relative:
        ws.path(old["file"]).unlink(missing_ok=True)


def saved(ws: Workspace) -> dict[str, dict[str, Any]]:
    return dict(ws.get_meta(META_KEY) or {})


def load_segmentation(ws: Workspace, name: str) -> Segmentation:
    entries = saved(ws)
    if name not in entries:
        lowered = {k.lower(): k for k in entries}
        if name.lower() in lowered:
            name = lowered[name.lower()]
        else:
            raise ToolError(_unknown("segmentation", name, list(entries)))
    entry = entries[name]
    frame = pd.read_parquet(ws.path(entry["file"]))
    labels = pd.Series(frame["segment"].astype(str).values,
                       index=pd.Index(frame["customer_id"].astype(str), name="customer_id"),
                       name="segment")
    return Segmentation(name, entry["kind"], labels, entry.get("parameters", {}),
                        entry.get("description", ""))


def delete_segmentation(ws: Workspace, name: str) -> None:
    entries = saved(ws)
    if name not in entries:
        raise ToolError(_unknown("segmentation", name, list(entries)))
    ws.update_meta(META_KEY, lambda current: {k: v for k, v in (current or {}).items()
                                              if k != name})
    ws.path(entries[name]["file"]).unlink(missing_ok=True)


def list_segments(ws: Workspace) -> pd.DataFrame:
    """One row per saved segment: segmentation, segment, kind, customers."""
    rows = [
        {"segmentation": name, "segment": label, "kind": entry["kind"], "customers": size}
        for name, entry in saved(ws).items()
        for label, size in entry.get("sizes", {}).items()
    ]
    return pd.DataFrame(rows, columns=["segmentation", "segment", "kind", "customers"])


def resolve_segment(ws: Workspace, ref: str) -> tuple[str, str, pd.Index]:
    """'Champions' or 'rfm/Champions' or a rule segment's name → (segmentation, label, ids)."""
    ref = ref.strip()
    entries = saved(ws)
    if "/" in ref:
        seg_name, label = (part.strip() for part in ref.split("/", 1))
        seg = load_segmentation(ws, seg_name)
        labels = {lab.lower(): lab for lab in seg.sizes().index}
        if label.lower() not in labels:
            raise ToolError(_unknown(f"segment in '{seg_name}'", label, list(labels.values())))
        label = labels[label.lower()]
        return seg.name, label, seg.members(label)
    matches = [
        (name, label)
        for name, entry in entries.items()
        for label in entry.get("sizes", {})
        if label.lower() == ref.lower()
    ]
    if not matches and ref in entries and len(entries[ref].get("sizes", {})) == 1:
        matches = [(ref, next(iter(entries[ref]["sizes"])))]
    if not matches:
        every = sorted({label for entry in entries.values() for label in entry.get("sizes", {})})
        if not every:
            raise ToolError(
                f"There is no saved segment '{ref}' yet. Run RFM, clustering or a rule "
                "segment first, or define the segment with a filter."
            )
        raise ToolError(_unknown("segment", ref, every))
    # Prefer the most recently saved segmentation when a label is in several.
    name, label = max(matches, key=lambda m: entries[m[0]].get("sequence", 0))
    seg = load_segmentation(ws, name)
    return name, label, seg.members(label)


def segment_orders(
    ws: Workspace, frame: pd.DataFrame, segment: str | None
) -> tuple[pd.DataFrame, pd.Index | None, list[str]]:
    """The orders of a saved segment's customers (all orders when `segment` is empty).

    Returns the orders, the segment's member ids (None without a segment) and a note for
    the provenance. Membership uses Arrow's hash lookup: fast on millions of text ids.
    """
    if not segment:
        return frame, None, []
    seg_name, label, members = resolve_segment(ws, segment)
    members = pd.Index(members.astype(str))
    picked = frame[is_member(frame["customer_id"], members)]
    if picked.empty:
        raise ToolError(f"No customer in the segment '{label}' has an order among these "
                        "orders. Choose another segment or a wider date window.")
    return picked, members, [f"Only customers in '{label}' ({seg_name}), "
                             f"{len(members):,} customers."]


def _unknown(what: str, name: str, options: list[str]) -> str:
    if not options:
        return f"There is no {what} '{name}', and none has been saved yet."
    hits = closest(name, options)
    if hits:
        return f"There is no {what} '{name}'. Did you mean " + " or ".join(
            f"'{h}'" for h in hits) + "?"
    return f"There is no {what} '{name}'. Saved: " + ", ".join(f"'{o}'" for o in options[:15])
