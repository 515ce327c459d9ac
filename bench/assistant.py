"""Benchmark: local-brain turn latency on the demo workspace, warm, over the eval questions.

    .venv/bin/python bench/assistant.py [--limit N] [--category C] [--workspace PATH]

Every eval conversation runs once, in order, each on its own copy of the demo workspace
(the copy is not timed). The demo is prepared as the app prepares it at start: generated,
and its feedback indexed once, so a persona is drafted from the index every copy shares.
The process is warmed first with a few questions that are not in the set, so no row
includes loading the intent model, the embedder or the workspace files.
A turn is timed from the question to the final answer, as the app sees it.

The reference, measured in the same run, is the time the tools themselves took inside
those turns: the ratio says how much the brain, the agent loop and the answer checks add.
Targets: warm p50 at most 200 ms and p95 at most 1 s.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from measure import print_table, rss_mb

from assistant.agent import respond
from assistant.events import Answer, ToolFinished
from assistant.session import Session
from assistant.warmup import warm_up
from evals.questions import load_questions
from tools.workspace import Workspace

TARGET_P50 = 0.200
TARGET_P95 = 1.0
WARM_UP_QUESTIONS = (
    "how many customers are there",
    "break down customers by gender",
    "what do customers say about delivery",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N conversations")
    parser.add_argument("--category", help="only this eval category")
    parser.add_argument("--workspace", type=Path, help="workspace folder (default: the demo)")
    args = parser.parse_args()

    conversations = load_questions(categories=[args.category] if args.category else None)
    if args.limit:
        conversations = conversations[: args.limit]
    source = args.workspace or _demo_root()
    with tempfile.TemporaryDirectory(prefix="segment-bench-") as scratch:
        started = time.perf_counter()
        warm_ws = _copy(source, Path(scratch), "warm")
        warm_up(warm_ws)
        warm_session = Session(warm_ws)
        for question in WARM_UP_QUESTIONS:
            list(respond(warm_session, question))
        print(f"warm-up: {time.perf_counter() - started:.1f} s, RSS {rss_mb():,.0f} MB")

        turns: list[tuple[str, str, float, float]] = []
        for number, conversation in enumerate(conversations):
            ws = _copy(source, Path(scratch), f"c{number:04d}")
            session = Session(ws)
            for turn in conversation.turns:
                total, tools = _timed_turn(session, turn.ask)
                turns.append((conversation.id, conversation.category, total, tools))
            shutil.rmtree(ws.root, ignore_errors=True)
    _report(turns)


def _timed_turn(session: Session, text: str) -> tuple[float, float]:
    started = time.perf_counter()
    tool_seconds = 0.0
    for event in respond(session, text):
        if isinstance(event, ToolFinished):
            tool_seconds += event.seconds
        elif isinstance(event, Answer):
            break
    return time.perf_counter() - started, tool_seconds


def _report(turns: list[tuple[str, str, float, float]]) -> None:
    total = np.array([t[2] for t in turns])
    tools = np.array([t[3] for t in turns])
    overhead = total - tools
    rows = []
    for label, values in (("turn (question to answer)", total),
                          ("reference: tools alone", tools),
                          ("brain + agent loop + checks", overhead)):
        rows.append({"measure": label, "turns": len(values),
                     "p50 ms": 1000 * float(np.percentile(values, 50)),
                     "p95 ms": 1000 * float(np.percentile(values, 95)),
                     "max ms": 1000 * float(values.max()),
                     "mean ms": 1000 * float(values.mean())})
    ratio_p50 = float(np.percentile(total, 50)) / max(float(np.percentile(tools, 50)), 1e-9)
    rows.append({"measure": "ratio turn / tools (p50)", "turns": len(turns),
                 "p50 ms": ratio_p50})
    print_table(rows)
    print()
    slowest = sorted(turns, key=lambda t: -t[2])[:8]
    print_table([{"question": q, "category": c, "turn ms": 1000 * s, "tools ms": 1000 * t}
                 for q, c, s, t in slowest])
    p50, p95 = float(np.percentile(total, 50)), float(np.percentile(total, 95))
    print()
    print(f"target p50 ≤ {TARGET_P50 * 1000:.0f} ms: {'met' if p50 <= TARGET_P50 else 'MISSED'}"
          f" ({p50 * 1000:.0f} ms); target p95 ≤ {TARGET_P95 * 1000:.0f} ms: "
          f"{'met' if p95 <= TARGET_P95 else 'MISSED'} ({p95 * 1000:.0f} ms)")


def _copy(source: Path, parent: Path, name: str) -> Workspace:
    return Workspace(source).copy_to(parent / name)


def _demo_root() -> Path:
    from assistant.demo import prepared_demo

    return prepared_demo().root


if __name__ == "__main__":
    main()
