"""The held-out question set: large enough, in both languages, over every tool, well formed,
and reported by a full evals run only."""

from __future__ import annotations

from evals.cli import heldout_conversations, parser, tool_parameters, uncovered_tools
from evals.expected import COMPUTE
from evals.questions import HELDOUT_FILE, load_questions, problems_with_tools


def test_the_heldout_set_is_large_bilingual_and_covers_every_tool() -> None:
    conversations = load_questions(HELDOUT_FILE)
    assert len(conversations) >= 150
    assert sum(c.language == "zh" for c in conversations) >= 40
    assert not uncovered_tools(conversations)
    assert not problems_with_tools(conversations, tool_parameters(), set(COMPUTE))
    with_conditions = [t for c in conversations for t in c.turns if t.expect.conditions]
    assert len(with_conditions) >= 50


def test_only_a_full_run_of_the_demo_set_adds_the_heldout_set() -> None:
    full = parser().parse_args(["run"])
    assert len(heldout_conversations(full)) == len(load_questions(HELDOUT_FILE))
    for narrowed in (["run", "--limit", "3"], ["run", "--category", "overview"],
                     ["run", "--no-heldout"], ["run", "--language", "zh"]):
        assert heldout_conversations(parser().parse_args(narrowed)) == [], narrowed
