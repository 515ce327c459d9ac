"""Persona checks: quotes must be verbatim customer words, files written, no personal data."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.questions import GroundingRule
from evals.quotes import FeedbackCorpus, score_persona
from tools.workspace import Workspace

RULE = GroundingRule(quotes=1, files=1, personal_data=False)


@pytest.fixture(scope="module")
def corpus(demo_root: Path) -> FeedbackCorpus:
    return FeedbackCorpus(Workspace(demo_root))


@pytest.fixture(scope="module")
def real_quote(demo_root: Path) -> str:
    ws = Workspace(demo_root)
    import pandas as pd

    reviews = pd.read_parquet(ws.root / ws.dataset_info("reviews")["file"])
    text = next(t for t in reviews["text"] if len(t) > 60)
    return text[:60].strip()


def persona_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "persona.md"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_persona_with_a_real_quote_and_a_file_passes(corpus: FeedbackCorpus, real_quote: str,
                                                       tmp_path: Path) -> None:
    file = persona_file(tmp_path, f'# Champions\nThey say: "{real_quote}"')
    checks = score_persona(RULE, "I wrote the persona.", [file], corpus)
    assert all(c.passed for c in checks), checks


def test_an_invented_quote_fails(corpus: FeedbackCorpus, tmp_path: Path) -> None:
    file = persona_file(tmp_path, '"I would buy a golden toaster every single week"')
    checks = {c.name: c for c in score_persona(RULE, "", [file], corpus)}
    assert not checks["quotes"].passed and "golden toaster" in checks["quotes"].detail


def test_a_quote_cut_with_an_ellipsis_is_still_verbatim(corpus: FeedbackCorpus,
                                                        real_quote: str) -> None:
    first, second = real_quote[:25], real_quote[30:]
    assert corpus.contains(f"{first} … {second}")


def test_a_missing_file_and_personal_data_fail(corpus: FeedbackCorpus, real_quote: str) -> None:
    text = f'"{real_quote}" Contact: hall.katherine@gmail.com'
    checks = {c.name: c for c in score_persona(RULE, text, [], corpus)}
    assert checks["quotes"].passed
    assert not checks["files"].passed
    assert not checks["personal-data"].passed
