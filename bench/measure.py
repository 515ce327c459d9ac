"""Timing and peak memory of one step, measured in the running process.

Peak memory is sampled from /proc/self/status (VmRSS) every 20 ms while the step runs,
so it includes memory outside Python's allocator (Arrow buffers, DuckDB).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class Measured:
    seconds: float
    peak_mb: float
    value: Any


def measure(step: Callable[[], Any]) -> Measured:
    peak = rss_mb()
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.02):
            peak = max(peak, rss_mb())

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    started = time.perf_counter()
    try:
        value = step()
    finally:
        seconds = time.perf_counter() - started
        done.set()
        watcher.join()
    return Measured(seconds, max(peak, rss_mb()), value)


def print_table(rows: list[dict[str, Any]]) -> None:
    """A plain Markdown table, so the output can be pasted into a note."""
    columns = list(rows[0])
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join("---" for _ in columns) + "|")
    for row in rows:
        print("| " + " | ".join(_cell(row.get(c)) for c in columns) + " |")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
