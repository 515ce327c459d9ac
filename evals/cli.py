"""`python -m evals run`: run the question set against the assistant and report.

Exit status: 0 when the run passes; 1 when the overall pass rate is below the threshold,
a category is below 80%, or any answer is ungrounded; 2 when the run cannot start
(a broken question file, a missing workspace).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.toolkit import assistant_tools
from evals.expected import COMPUTE, ExpectedValues
from evals.questions import (
    CATEGORIES,
    HELDOUT_FILE,
    QUESTION_FILE,
    Conversation,
    QuestionFileError,
    load_questions,
    problems_with_tools,
)
from evals.report import console_table, summarise, write_reports
from evals.runner import ConversationOutcome, RespondFn, SessionFactory, run_conversations
from tools.workspace import Workspace


def tool_parameters() -> dict[str, set[str]]:
    """Every tool the assistant may call, with the names of its settings (from the cards)."""
    return {name: set(spec.card.slots) for name, spec in assistant_tools().items()}


def uncovered_tools(conversations: list) -> list[str]:
    """Tools with a card that no question of the set expects: the set does not test them."""
    named = set().union(*(c.tool_names for c in conversations)) if conversations else set()
    return sorted(set(assistant_tools()) - named)


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="python -m evals",
                                          description="Evaluate the assistant on a question set.")
    commands = main_parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the questions and write a report")
    run.add_argument("--brain", choices=("local", "openai"),
                     help="which brain answers (default: SEGMENT_BRAIN or local)")
    run.add_argument("--category", action="append", default=[],
                     help="only this category (repeat or separate with commas)")
    run.add_argument("--questions", type=Path, default=QUESTION_FILE,
                     help="question file (default: the demo question set)")
    run.add_argument("--workspace", type=Path,
                     help="workspace folder (default: the demo workspace)")
    run.add_argument("--out", type=Path, help="report folder (default: ./eval-reports/<time>)")
    run.add_argument("--threshold", type=float, default=0.9,
                     help="lowest overall pass rate that passes (default 0.9)")
    run.add_argument("--id", action="append", default=[], dest="ids",
                     help="only the question with this id (repeat for several)")
    run.add_argument("--limit", type=int, help="run only the first N questions")
    run.add_argument("--language", choices=("en", "zh"), help="only questions in this language")
    run.add_argument("--judge", action="store_true",
                     help="rate narrative quality with the remote model (never decides)")
    run.add_argument("--no-index", action="store_true",
                     help="do not index the feedback first (it is indexed already or not asked)")
    run.add_argument("--no-heldout", action="store_true",
                     help="skip the held-out set that a full run of the demo set reports too")
    return main_parser


def main(argv: list[str] | None = None, make_session: SessionFactory | None = None,
         respond: RespondFn | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        conversations = select(args)
        base_source = open_workspace(args.workspace)
    except (QuestionFileError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    settings = brain_settings(args.brain)
    if make_session is None or respond is None:
        from assistant.agent import respond as assistant_respond
        from assistant.session import Session

        respond = respond or assistant_respond
        make_session = make_session or (lambda ws: Session(ws, settings=settings))
    judge = None
    if args.judge:
        from evals.judge import make_judge

        judge, note = make_judge(settings)
        print(note if judge else f"judge skipped: {note}")
    with tempfile.TemporaryDirectory(prefix="segment-evals-base-") as scratch:
        base = base_source.copy_to(Path(scratch) / "workspace")
        index_seconds = None if args.no_index else index_feedback(base)
        started = time.strftime("%Y-%m-%d %H:%M:%S")
        print(f"Running {len(conversations)} questions with the {settings.brain} brain …")
        outcomes = run_conversations(conversations, base, make_session, respond,
                                     ExpectedValues(base), judge=judge, progress=print_progress)
        heldout = heldout_conversations(args)
        held_outcomes = run_conversations(heldout, base, make_session, respond,
                                          ExpectedValues(base), progress=print_progress) \
            if heldout else []
    summary = summarise(outcomes, args.threshold)
    meta = {"started": started, "brain": settings.brain,
            "model": settings.model if settings.brain == "openai" else "local",
            "workspace": str(base_source.root), "questions_file": str(args.questions),
            "questions": len(conversations), "threshold": args.threshold,
            "index_seconds": index_seconds}
    out = args.out or Path("eval-reports") / time.strftime("%Y%m%d-%H%M%S")
    html_path, json_path = write_reports(outcomes, summary, meta, out)
    print()
    print(console_table(summary))
    if index_seconds is not None:
        print(f"feedback indexing (once, before the questions): {index_seconds:.1f} s")
    print("PASSED" if summary.ok else "FAILED: " + "; ".join(summary.failures))
    print(f"JSON report: {json_path.resolve()}")
    print(f"Report: {html_path.resolve()}")
    if held_outcomes:
        held = summarise(held_outcomes, args.threshold)
        held_html, _ = write_reports(held_outcomes, held, {**meta, "questions_file":
                                                           str(HELDOUT_FILE),
                                                           "questions": len(heldout)},
                                     out / "heldout")
        print()
        print(f"Held-out set ({len(heldout)} questions written apart and never used for "
              "tuning; reported beside the demo set, it does not decide PASSED):")
        print(console_table(held))
        print(f"Report: {held_html.resolve()}")
    return 0 if summary.ok else 1


def heldout_conversations(args: argparse.Namespace) -> list[Conversation]:
    """The held-out set, when this is a full run of the demo set (no filter chosen)."""
    full = (Path(args.questions).resolve() == QUESTION_FILE.resolve() and not args.category
            and not args.ids and not args.limit and not args.language)
    if args.no_heldout or not full or not HELDOUT_FILE.is_file():
        return []
    return load_questions(HELDOUT_FILE)


def select(args: argparse.Namespace) -> list[Conversation]:
    builtin = Path(args.questions).resolve() == QUESTION_FILE.resolve()
    categories = [c for entry in args.category for c in entry.split(",") if c.strip()]
    conversations = load_questions(args.questions, categories or None,
                                   known_categories=CATEGORIES if builtin else None)
    problems = problems_with_tools(conversations, tool_parameters(), set(COMPUTE))
    if problems:
        raise QuestionFileError("the question file names things that do not exist:\n  "
                                + "\n  ".join(problems))
    if args.ids:
        conversations = [c for c in conversations if c.id in set(args.ids)]
    if args.language:
        conversations = [c for c in conversations if c.language == args.language]
    if args.limit:
        conversations = conversations[: args.limit]
    if not conversations:
        raise QuestionFileError("no question matches the chosen category or language.")
    return conversations


def open_workspace(path: Path | None) -> Workspace:
    if path is None:
        from assistant.demo import prepared_demo

        return prepared_demo()
    if not (Path(path) / "workspace.json").is_file():
        raise FileNotFoundError(f"{path} is not a workspace folder (no workspace.json).")
    return Workspace(path)


def brain_settings(brain: str | None) -> Any:
    from assistant.settings import BrainSettings

    settings = BrainSettings.from_env()
    return dataclasses.replace(settings, brain=brain) if brain else settings


def index_feedback(ws: Workspace) -> float | None:
    """Index the copy's feedback once, before the questions; None when there is none."""
    from knowledge.errors import KnowledgeError
    from knowledge.indexing import ensure_indexed
    from knowledge.store import KnowledgeStore

    started = time.perf_counter()
    try:
        ensure_indexed(KnowledgeStore(ws))
    except KnowledgeError as exc:
        print(f"feedback not indexed: {exc}")
        return None
    return time.perf_counter() - started


def print_progress(outcome: ConversationOutcome) -> None:
    mark = "pass" if outcome.passed else "FAIL"
    seconds = sum(t.seconds for t in outcome.turns)
    failed = sorted({c.name for t in outcome.turns for c in t.failed})
    why = f"  ({', '.join(failed)})" if failed else ""
    print(f"  {mark}  {outcome.id:<28} {seconds:6.2f} s{why}", flush=True)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

