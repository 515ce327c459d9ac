"""The question set loads, covers every category, and names only things that exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.toolkit import assistant_tools
from evals.expected import COMPUTE
from evals.questions import (
    CATEGORIES,
    QuestionFileError,
    load_questions,
    problems_with_tools,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "evals" / "example_own_questions.yaml"


@pytest.fixture(scope="module")
def questions() -> list:
    return load_questions(known_categories=CATEGORIES)


def real_tools() -> dict[str, set[str]]:
    return {name: set(spec.params.model_fields) for name, spec in assistant_tools().items()}


def test_there_are_at_least_80_english_questions(questions: list) -> None:
    assert len([q for q in questions if q.language == "en"]) >= 80


def test_every_category_is_present(questions: list) -> None:
    assert {q.category for q in questions} == set(CATEGORIES)


def test_at_least_15_questions_are_in_chinese(questions: list) -> None:
    chinese = [q for q in questions if q.language == "zh"]
    assert len(chinese) >= 15
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in q.turns[0].ask) for q in chinese)


def test_multi_turn_conversations_have_two_to_four_turns(questions: list) -> None:
    follow_ups = [q for q in questions if q.category == "follow-ups"]
    assert follow_ups and all(2 <= len(q.turns) <= 4 for q in follow_ups)


def test_declines_and_clarifications_expect_the_right_kind(questions: list) -> None:
    for question in questions:
        kinds = question.turns[0].expect.kinds
        if question.category == "out-of-scope":
            assert kinds == ("refuse",), question.id
        if question.category == "clarification":
            assert kinds == ("clarify",), question.id


def test_expected_tools_arguments_and_computations_exist(questions: list) -> None:
    assert problems_with_tools(questions, real_tools(), set(COMPUTE)) == []


def test_the_validator_notices_a_made_up_tool_or_argument(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        "- id: x\n  category: mine\n  question: hi\n"
        "  expect: {tools: [teleport], args: {rfm: {colour: red}},"
        " numbers: [{compute: no_such_number}]}\n", encoding="utf-8")
    problems = problems_with_tools(load_questions(path), real_tools(), set(COMPUTE))
    assert any("teleport" in p for p in problems)
    assert any("colour" in p for p in problems)
    assert any("no_such_number" in p for p in problems)


@pytest.mark.parametrize("body", [
    "- id: x\n  category: mine\n",  # no question
    "- id: x\n  category: mine\n  question: hi\n  expect: {kind: shout}\n",
    "- id: x\n  category: mine\n  question: hi\n  expect: {colour: red}\n",
    "- id: x\n  category: mine\n  question: hi\n- id: x\n  category: mine\n  question: ho\n",
])
def test_a_broken_question_file_is_refused_with_a_reason(tmp_path: Path, body: str) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(QuestionFileError):
        load_questions(path)


def test_the_demo_file_refuses_unknown_categories(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text("- id: x\n  category: astrology\n  question: hi\n", encoding="utf-8")
    with pytest.raises(QuestionFileError):
        load_questions(path, known_categories=CATEGORIES)


def test_a_category_can_be_chosen(questions: list) -> None:
    chosen = load_questions(categories=["knowledge"])
    assert chosen and {q.category for q in chosen} == {"knowledge"}


def test_the_example_for_own_data_is_valid() -> None:
    own = load_questions(EXAMPLE)
    assert own and problems_with_tools(own, real_tools(), set(COMPUTE)) == []
    assert all(n.compute is None for q in own for t in q.turns for n in t.expect.numbers)


def test_the_demo_set_expects_every_tool_on_a_card(questions: list) -> None:
    from evals.cli import uncovered_tools

    assert not uncovered_tools(questions)
