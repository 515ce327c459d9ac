"""Follow-ups: the local brain carries the last question's tool and settings into the next.

"now only in California", "compare them with Champions", "segment 3", "make it 5 groups
instead", "write a persona for that group": each is asked in the conversation that gives it
a meaning, and the test checks which tool ran and which settings were carried over.

Every conversation runs once (module fixtures) on one private copy of the demo. The copy has
no reviews, surveys or calls, so a persona is drafted from the numbers alone, in a second.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from assistant.agent import respond
from assistant.events import Answer
from assistant.session import Session
from assistant.settings import BrainSettings
from tools.workspace import Workspace

FEEDBACK = ("reviews", "surveys", "transcripts")


@pytest.fixture(scope="module")
def workspace(demo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = tmp_path_factory.mktemp("follow-ups") / "demo"
    shutil.copytree(demo_root, root)
    ws = Workspace(root)
    for name in FEEDBACK:
        ws.delete_dataset(name)
    return ws


@pytest.fixture(scope="module")
def customers(workspace: Workspace) -> pd.DataFrame:
    return workspace.read_dataset("customers")


class Conversation:
    """One session with the local brain; every turn's answer is kept."""

    def __init__(self, ws: Workspace) -> None:
        self.session = Session(ws, settings=BrainSettings(brain="local"))
        self.answers: list[Answer] = []

    def ask(self, text: str) -> Answer:
        answer = list(respond(self.session, text))[-1]
        assert isinstance(answer, Answer)
        self.answers.append(answer)
        return answer


def talk(ws: Workspace, *turns: str) -> list[Answer]:
    conversation = Conversation(ws)
    return [conversation.ask(turn) for turn in turns]


def call(answer: Answer, tool: str) -> dict:
    """The arguments of the turn's call to `tool` (which must have run and succeeded)."""
    calls = [c for c in answer.tool_calls if c.tool == tool]
    assert calls, f"{tool} not called: {answer.tools} / {answer.text}"
    assert calls[-1].ok, calls[-1].message
    return calls[-1].arguments


# -- a breakdown, narrowed to one region, then regrouped ---------------------------------
@pytest.fixture(scope="module")
def by_region(workspace: Workspace) -> list[Answer]:
    return talk(workspace, "Break customers down by region", "now only in California",
                "now by device")


def test_now_only_in_a_region_makes_a_rule_segment_and_repeats_the_breakdown(
        by_region, customers):
    first, narrowed, _ = by_region

    assert call(first, "breakdown")["by"] == ["region"]
    assert narrowed.tools == ["define_segment", "breakdown"]
    rule = call(narrowed, "define_segment")
    assert rule["filter"] == 'region = "California"'
    repeated = call(narrowed, "breakdown")
    assert repeated["by"] == ["region"], "the grouping of the last question is kept"
    assert repeated["segment"] == rule["name"]
    californians = int((customers["region"] == "California").sum())
    assert f"{californians:,}" in narrowed.text


def test_a_new_grouping_keeps_the_segment_the_conversation_narrowed_to(by_region):
    _, narrowed, regrouped = by_region

    assert regrouped.tools == ["breakdown"]
    arguments = call(regrouped, "breakdown")
    assert arguments["by"] == ["device"]
    assert arguments["segment"] == call(narrowed, "define_segment")["name"]


# -- RFM, one segment in focus, then "them" ----------------------------------------------
@pytest.fixture(scope="module")
def rfm_talk(workspace: Workspace) -> list[Answer]:
    return talk(workspace, "Run an RFM segmentation of my customers", "show me the At Risk group",
                "compare them with Champions")


def test_them_after_looking_at_a_segment_is_that_segment(rfm_talk):
    scored, looked, compared = rfm_talk

    assert scored.tools == ["rfm"]
    assert "At Risk" in looked.text
    assert compared.tools == ["compare_segments"]
    assert call(compared, "compare_segments") == {"first": "rfm/At Risk",
                                                  "second": "rfm/Champions"}


def test_compare_them_with_champions_right_after_rfm_compares_champions_with_the_rest(
        workspace):
    scored, compared = talk(workspace, "Score my customers with RFM",
                            "compare them with Champions")

    assert scored.tools == ["rfm"]
    arguments = call(compared, "compare_segments")
    assert "rfm/Champions" in arguments.values()
    assert compared.kind == "answer"


# -- clusters: segment 3, a persona for it; another number of groups -------------------
@pytest.fixture(scope="module")
def cluster_talk(workspace: Workspace) -> Conversation:
    conversation = Conversation(workspace)
    for turn in ("Group my customers into clusters", "segment 3",
                 "tell me more about segment 3", "write a persona for that group"):
        conversation.ask(turn)
    return conversation


@pytest.fixture(scope="module")
def regroup_talk(workspace: Workspace) -> Conversation:
    conversation = Conversation(workspace)
    for turn in ("Cluster customers on age and income", "make it 5 groups instead"):
        conversation.ask(turn)
    return conversation


def third_segment(conversation: Conversation) -> str:
    """The third segment in the table the marketer was shown after clustering."""
    _, table = conversation.answers[0].tables[0]
    return str(table["segment"].iloc[2])


def test_segment_3_names_the_third_segment_of_the_table_shown(cluster_talk):
    clustered, answer = cluster_talk.answers[:2]

    assert clustered.tools == ["cluster_customers"]
    assert answer.kind == "answer"
    assert third_segment(cluster_talk) in answer.text


def test_tell_me_more_about_segment_3_looks_at_that_segment(cluster_talk):
    answer = cluster_talk.answers[2]
    wanted = f"clusters/{third_segment(cluster_talk)}"

    assert answer.kind == "answer"
    assert len(answer.tools) == 1
    arguments = call(answer, answer.tools[0])
    assert wanted in (arguments.get("first"), arguments.get("segment"))


def test_a_persona_for_that_group_is_drafted_for_segment_3(cluster_talk):
    answer = cluster_talk.answers[3]

    assert answer.tools == ["draft_personas"]
    assert call(answer, "draft_personas") == {
        "segments": [f"clusters/{third_segment(cluster_talk)}"]}
    assert any(path.suffix == ".md" for path in answer.files)


def test_make_it_5_groups_instead_reclusters_with_the_same_features(regroup_talk):
    first, again = regroup_talk.answers

    assert call(first, "cluster_customers")["features"] == ["age", "income_band"]
    assert again.tools == ["cluster_customers"]
    arguments = call(again, "cluster_customers")
    assert arguments == {**call(first, "cluster_customers"), "n_segments": 5}
    _, table = again.tables[0]
    assert len(table) == 5


def test_make_it_5_groups_after_a_persona_still_means_the_clustering(cluster_talk):
    before = call(cluster_talk.answers[0], "cluster_customers")
    answer = list(respond(cluster_talk.session, "make it 5 groups instead"))[-1]

    assert answer.tools == ["cluster_customers"]
    assert call(answer, "cluster_customers") == {**before, "n_segments": 5}


def test_a_persona_for_a_group_that_reclustering_removed_names_the_groups_that_exist(
        cluster_talk):
    gone = third_segment(cluster_talk)
    reclustered = list(respond(cluster_talk.session, "Cluster my customers into 5 groups"))[-1]
    _, table = reclustered.tables[0]
    assert gone not in set(table["segment"]), "the old segment 3 is gone after reclustering"

    answer = list(respond(cluster_talk.session, "write a persona for that group"))[-1]

    assert answer.kind in ("error", "clarify")
    assert not answer.files, "no persona is drafted for a segment that no longer exists"
    assert gone in answer.text
    assert any(label in answer.text for label in table["segment"])
    assert "Traceback" not in answer.text
    assert answer.ungrounded == []


def test_every_follow_up_answer_is_grounded(by_region, rfm_talk, cluster_talk, regroup_talk):
    answers = [*by_region, *rfm_talk, *cluster_talk.answers, *regroup_talk.answers]

    assert [a.ungrounded for a in answers] == [[]] * len(answers)
    assert all(a.kind == "answer" for a in answers[:len(by_region) + len(rfm_talk)])
