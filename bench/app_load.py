"""Benchmark: the web app's cold start, then many concurrent sessions asking eval questions.

    .venv/bin/python bench/app_load.py [--sessions 20] [--seconds 60] [--seed 0]

1. Cold start: `app.py` is started as its own process on a free port, with
   SEGMENT_WORKSPACES on a temporary copy of the workspaces folder (sessions write their
   folders there). "Usable" is when the page answers HTTP 200 and a `/ask` of the first
   question returns. Target: 20 s.
2. Load: N `gradio_client` sessions (threads) ask single-turn eval questions through
   `/ask` for the given time, each in its own shuffled order (fixed seed per session).
   Each session first saves a segment and uploads a table under names unique to it, then
   checks now and then (`/segments`, and `/datasets` of its own data at the end) that it
   never sees another session's names: a sighting is a leak. An error is an exception or
   an answer of kind "error" (questions that expect an error are left out of the pool).
3. Reference, in the same run after the server has stopped: the same questions through
   `assistant.agent.respond` in-process, one session, one after another.
Throughput (turns/s) is over the wall time of each phase (the load's includes set-up).
Exit status 1 when there was any error or leak.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from measure import print_table

from evals.questions import load_questions

ROOT = Path(__file__).resolve().parents[1]

COLD_START_TARGET = 20.0
FIRST_QUESTION = "How many customers do we have?"
WARM_UP_QUESTIONS = (
    "break down customers by gender",
    "what do customers say about delivery",
)
"""Asked once before the load (server) and the reference (in-process), not timed, so the
embedder and intent model are loaded in both."""
CHECK_EVERY = 3
"""Turns between two leak checks of a session."""
START_TIMEOUT = 180.0


@dataclass
class SessionLog:
    """What one simulated marketer saw."""

    index: int
    segment: str
    dataset: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)


def question_pool() -> list[str]:
    """Single-turn eval questions that should not end in an error (both languages)."""
    return [c.turns[0].ask for c in load_questions()
            if len(c.turns) == 1 and "error" not in c.turns[0].expect.kinds]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workspaces: Path, port: int, log_path: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SEGMENT_WORKSPACES": str(workspaces), "SEGMENT_PORT": str(port),
           "SEGMENT_HOST": "127.0.0.1", "SEGMENT_BRAIN": "local"}
    with log_path.open("wb") as log:
        return subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Stop the server process group this benchmark started."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


def wait_for_page(url: str, process: subprocess.Popen[bytes], started: float) -> float:
    """Seconds from `started` until the page answers HTTP 200."""
    while time.perf_counter() - started < START_TIMEOUT:
        if process.poll() is not None:
            raise RuntimeError(f"app.py stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the page did not answer within {START_TIMEOUT:.0f} s")


def cold_start(url: str, process: subprocess.Popen[bytes],
               started: float) -> tuple[float, float]:
    """(seconds to HTTP 200, seconds until a first `/ask` has answered)."""
    from gradio_client import Client

    page_seconds = wait_for_page(url, process, started)
    reply = Client(url, verbose=False).predict(FIRST_QUESTION, api_name="/ask")
    usable = time.perf_counter() - started
    if reply.get("kind") != "answer":
        raise RuntimeError(f"the first question was not answered: {reply}")
    return page_seconds, usable


def warm_server(url: str) -> None:
    from gradio_client import Client

    client = Client(url, verbose=False)
    for question in WARM_UP_QUESTIONS:
        client.predict(question, api_name="/ask")


def unique_names(sessions: int) -> list[tuple[str, str]]:
    """(segment name, dataset name) per session, unlikely to occur anywhere else."""
    names = []
    for index in range(sessions):
        token = uuid.uuid4().hex[:6]
        names.append((f"probe s{index:02d} {token}", f"upload_s{index:02d}_{token}"))
    return names


def segment_names(client: Any) -> set[str]:
    """Segmentation and segment names the session sees (lower case)."""
    _, table, *_ = client.predict(api_name="/segments")
    headers = table.get("headers") or []
    wanted = [headers.index(c) for c in ("segmentation", "segment") if c in headers]
    return {str(row[i]).strip().lower() for row in table.get("data") or [] for i in wanted}


def set_up(client: Any, log: SessionLog, scratch: Path) -> None:
    """Save a segment and load a table, both named only for this session."""
    from gradio_client import handle_file

    reply = client.predict(f"Customers in California, save as {log.segment}", api_name="/ask")
    if reply.get("kind") != "answer" or log.segment not in segment_names(client):
        log.errors.append(f"setup: segment '{log.segment}' was not saved ({reply.get('text')})")
    upload = scratch / f"{log.dataset}.csv"
    upload.write_text("customer_id,city\nU1,Oslo\nU2,Lima\nU3,Pune\n", encoding="utf-8")
    _, roles = client.predict(handle_file(str(upload)), "customers", log.dataset,
                              api_name="/upload_preview")
    client.predict(roles, api_name="/confirm_upload")
    client.predict("demo", api_name="/use_workspace")


def check_leaks(client: Any, log: SessionLog, others: set[str]) -> None:
    seen = segment_names(client) & others
    log.leaks += [f"segment '{name}'" for name in sorted(seen)]


def check_own_data(client: Any, log: SessionLog, others: set[str]) -> None:
    """Switch to the session's own data and look at its tables: only its own upload."""
    client.predict("mine", api_name="/use_workspace")
    listing = client.predict(api_name="/datasets")[1]
    names = {str(name).lower() for name in listing.get("datasets", {})}
    log.leaks += [f"dataset '{name}'" for name in sorted(names & others)]
    if log.dataset not in names:
        log.errors.append(f"own upload '{log.dataset}' missing from its data: {sorted(names)}")


def run_session(url: str, log: SessionLog, pool: list[str], seed: int, deadline: float,
                others: set[str], scratch: Path) -> None:
    """One marketer: set up, then ask until the deadline, checking for leaks."""
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
        set_up(client, log, scratch)
    except Exception as exc:
        log.errors.append(f"setup: {type(exc).__name__}: {exc}")
        return
    order = pool[:]
    random.Random(seed * 1000 + log.index).shuffle(order)
    turn = 0
    while time.perf_counter() < deadline:
        question = order[turn % len(order)]
        started = time.perf_counter()
        try:
            reply = client.predict(question, api_name="/ask")
        except Exception as exc:
            log.errors.append(f"{question!r}: {type(exc).__name__}: {exc}")
        else:
            if reply.get("kind") == "error":
                log.errors.append(f"{question!r}: error answer: {reply.get('text', '')[:120]}")
        log.latencies.append(time.perf_counter() - started)
        turn += 1
        if turn % CHECK_EVERY == 0:
            check_leaks(client, log, others)
    try:
        check_leaks(client, log, others)
        check_own_data(client, log, others)
    except Exception as exc:
        log.errors.append(f"final check: {type(exc).__name__}: {exc}")


def load(url: str, sessions: int, seconds: float, seed: int,
         scratch: Path) -> tuple[list[SessionLog], float]:
    """Run the concurrent sessions; returns their logs and the wall time of the load."""
    pool = question_pool()
    names = unique_names(sessions)
    logs = [SessionLog(i, segment, dataset) for i, (segment, dataset) in enumerate(names)]
    every_name = {n for pair in names for n in pair}
    started = time.perf_counter()
    deadline = started + seconds
    threads = [threading.Thread(target=run_session, name=f"session-{log.index}",
                                args=(url, log, pool, seed, deadline,
                                      every_name - {log.segment, log.dataset}, scratch))
               for log in logs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return logs, time.perf_counter() - started


def reference(workspace_root: Path, seed: int) -> tuple[list[float], int]:
    """Every pool question once, in-process, one session, one after another (warm):
    the turn latencies and the number of error answers."""
    from assistant.agent import respond
    from assistant.events import Answer
    from assistant.session import Session
    from assistant.settings import BrainSettings
    from assistant.warmup import warm_up
    from tools.workspace import Workspace

    workspace = Workspace(workspace_root)
    warm_up(workspace)
    session = Session(workspace, settings=BrainSettings(brain="local"))
    for question in (FIRST_QUESTION, *WARM_UP_QUESTIONS):
        list(respond(session, question))
    order = question_pool()
    random.Random(seed).shuffle(order)
    latencies, errors = [], 0
    for question in order:
        started = time.perf_counter()
        for event in respond(session, question):
            if isinstance(event, Answer):
                errors += event.kind == "error"
                break
        latencies.append(time.perf_counter() - started)
    return latencies, errors


def row(measure: str, sessions: int, latencies: list[float], seconds: float, errors: int,
        leaks: int | None) -> dict[str, Any]:
    values = np.array(latencies) if latencies else np.array([np.nan])
    return {"measure": measure, "sessions": sessions, "turns": len(latencies),
            "errors": errors, "leaks": "" if leaks is None else leaks,
            "p50 s": float(np.nanpercentile(values, 50)),
            "p95 s": float(np.nanpercentile(values, 95)),
            "max s": float(np.nanmax(values)),
            "turns/s": len(latencies) / seconds if seconds else 0.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    # Keep the server and the clients off the network (set before gradio is imported).
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

    with tempfile.TemporaryDirectory(prefix="segment-app-load-") as scratch_name:
        scratch = Path(scratch_name)
        workspaces = scratch / "workspaces"
        shutil.copytree(ROOT / "workspaces", workspaces,
                        ignore=shutil.ignore_patterns(".sessions", ".lock", ".tmp-*"))
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        log_path = scratch / "server.log"
        started = time.perf_counter()
        server = start_server(workspaces, port, log_path)
        try:
            page_seconds, usable = cold_start(url, server, started)
            verdict = "met" if usable <= COLD_START_TARGET else "MISSED"
            print(f"cold start: page answers after {page_seconds:.1f} s, usable (first /ask "
                  f"answered) after {usable:.1f} s; target ≤ {COLD_START_TARGET:.0f} s: "
                  f"{verdict}", flush=True)
            warm_server(url)
            print(f"load: {args.sessions} sessions for {args.seconds:.0f} s…", flush=True)
            logs, load_seconds = load(url, args.sessions, args.seconds, args.seed, scratch)
        except Exception:
            print(log_path.read_text(encoding="utf-8", errors="replace")[-3000:],
                  file=sys.stderr)
            raise
        finally:
            stop_server(server)
        print("reference: in-process, one session…", flush=True)
        reference_started = time.perf_counter()
        solo, solo_errors = reference(workspaces / "demo", args.seed)
        solo_seconds = time.perf_counter() - reference_started

    latencies = [s for log in logs for s in log.latencies]
    errors = [f"session {log.index}: {e}" for log in logs for e in log.errors]
    leaks = [f"session {log.index}: {leak}" for log in logs for leak in log.leaks]
    web = row(f"web /ask, {args.sessions} concurrent sessions", args.sessions, latencies,
              load_seconds, len(errors), len(leaks))
    solo_row = row("reference: respond in-process, 1 session, sequential", 1, solo,
                   solo_seconds, solo_errors, None)
    ratio = {"measure": "ratio web / reference", "p50 s": web["p50 s"] / solo_row["p50 s"],
             "p95 s": web["p95 s"] / solo_row["p95 s"]}
    print()
    print_table([web, solo_row, ratio])
    for line in [*errors[:10], *leaks[:10]]:
        print(f"- {line}")
    return 1 if errors or leaks else 0


if __name__ == "__main__":
    raise SystemExit(main())
