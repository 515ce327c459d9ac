"""Segment health: per-segment value, risk, support load and satisfaction, and comparisons.

Importing the package registers the tools `segment_health` and `compare_segments`.
"""

from tools.health.compare import compare_segments
from tools.health.report import segment_health

__all__ = ["compare_segments", "segment_health"]
