"""Persona grounding: quotes must be verbatim customer words, documents must exist, and
no personal data may leak into a shareable persona.

Quotes are looked up in the workspace's own text datasets (reviews, survey answers,
call transcripts) read with pandas, not through the knowledge store under test.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from evals.questions import GroundingRule
from evals.scorers import Check
from tools.workspace import Workspace

_QUOTED = re.compile(r'"([^"\n]{12,})"|“([^”]{12,})”|「([^」]{6,})」')
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\])\s*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"\(\d{3}\)\s?\d{3}-\d{4}|\b\d{4} \d{3} \d{3}\b|\+\d[\d ]{8,}\d")
_TEXT_FILES = {".md", ".txt", ".html", ".htm", ".json"}
_MIN_PIECE = 8


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


class FeedbackCorpus:
    """All free text of a workspace's datasets, for verbatim look-ups."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            parts: list[str] = []
            for name in self.ws.dataset_names():
                if name == "customers":
                    continue
                frame = pd.read_parquet(self.ws.root / self.ws.dataset_info(name)["file"])
                for column in frame.columns:
                    values = frame[column].dropna()
                    if values.empty or not isinstance(values.iloc[0], str):
                        continue
                    if values.astype(str).str.len().mean() >= 20:
                        parts.extend(values.astype(str).tolist())
            self._text = "\n".join(normalise(p) for p in parts)
        return self._text

    def contains(self, quote: str) -> bool:
        """A quote is verbatim when each piece between ellipses is a passage of a document."""
        pieces = [p for p in _ELLIPSIS.split(normalise(quote)) if p.strip(" .,")]
        return bool(pieces) and all(
            p.strip(" .,") in self.text for p in pieces if len(p) >= _MIN_PIECE)


def quotes_in(text: str) -> list[str]:
    return [next(g for g in match.groups() if g) for match in _QUOTED.finditer(text or "")]


def readable_files(files: Sequence[Path | str]) -> str:
    """The text of the answer's text documents (persona files), for the checks."""
    texts = []
    for file in files:
        path = Path(file)
        if path.suffix.lower() in _TEXT_FILES and path.is_file():
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(texts)


def score_persona(rule: GroundingRule, text: str, files: Sequence[Path | str],
                  corpus: FeedbackCorpus) -> list[Check]:
    """Quotes found verbatim in the sources, documents written, no personal data."""
    checks = []
    document = text + "\n" + readable_files(files)
    if rule.quotes:
        quotes = quotes_in(document)
        invented = [q for q in quotes if not corpus.contains(q)]
        real = len(quotes) - len(invented)
        problems = []
        if real < rule.quotes:
            problems.append(f"{real} verbatim quote(s), expected at least {rule.quotes}")
        if invented:
            problems.append("not in the sources: " + "; ".join(q[:80] for q in invented))
        checks.append(Check("quotes", not problems, "; ".join(problems) or f"{real} verbatim"))
    if rule.files:
        existing = [f for f in files if Path(f).exists()]
        checks.append(Check("files", len(existing) >= rule.files,
                            f"{len(existing)} file(s) written, expected {rule.files}"))
    if not rule.personal_data:
        leaks = _EMAIL.findall(document) + _PHONE.findall(document)
        checks.append(Check("personal-data", not leaks,
                            ("personal data: " + ", ".join(leaks[:3])) if leaks else ""))
    return checks
