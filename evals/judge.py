"""Optional narrative-quality judge: a remote model rates each answer 1–5.

It never decides pass or fail; the scores are shown in the report next to the checks.
It runs only with `--judge` and a remote brain, and is skipped with a reason otherwise.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from assistant.settings import BrainSettings

Judge = Callable[[str, str], dict[str, Any]]

PROMPT = """You rate answers of a customer-segmentation assistant for marketers.
Question: {question}
Answer: {answer}
Rate how clear, relevant and useful the answer is for a non-technical marketer, from 1
(useless) to 5 (excellent). Do not check the numbers. Reply with JSON only:
{{"score": <1-5>, "reason": "<one sentence>"}}"""


def make_judge(settings: BrainSettings) -> tuple[Judge | None, str]:
    """The judge, or None and why it is skipped."""
    if settings.brain != "openai":
        return None, "the judge needs a remote brain (--brain openai)"
    if not (settings.api_key or settings.base_url):
        return None, "no remote model configured (OPENAI_API_KEY or SEGMENT_BASE_URL)"
    try:
        from langchain_openai import ChatOpenAI
    except ImportError:
        return None, "langchain-openai is not installed"
    model = ChatOpenAI(model=settings.model, base_url=settings.base_url,
                       api_key=settings.api_key or "not-needed", max_retries=0, temperature=0)

    def judge(question: str, answer: str) -> dict[str, Any]:
        try:
            reply = model.invoke(PROMPT.format(question=question, answer=answer))
        except Exception as exc:  # a judge failure never fails the run
            return {"error": f"{type(exc).__name__}: {exc}"}
        return parse_verdict(str(reply.content))

    return judge, f"judge: {settings.model}"


def parse_verdict(text: str) -> dict[str, Any]:
    match = re.search(r"\{.*\}", text, re.DOTALL)
    try:
        data = json.loads(match.group()) if match else {}
        score = int(data["score"])
    except (ValueError, KeyError, TypeError):
        return {"error": "unreadable verdict", "raw": text[:200]}
    return {"score": max(1, min(5, score)), "reason": str(data.get("reason", ""))[:300]}
