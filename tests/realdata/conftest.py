"""The real-data suite: real public exports loaded through the page's own path, then asked.

Each fixture file under `fixtures/` is a trimmed copy of a public export (see SOURCES.md).
A test module loads its file once the way the Data tab does (`preview_upload`, then
`confirm_upload` with the roles table the page shows, corrected where a marketer would),
and asks marketer questions through `respond`, as the chat does. Every expected number is
computed in the test itself with plain pandas from the fixture file, read with the format
the source is known to use, never from the product's own code.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from assistant.agent import respond
from assistant.events import Answer
from assistant.session import Session
from ui.data_tab import confirm_upload, preview_upload
from ui.state import UiSession

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LIMIT = 5 * 1024 * 1024
"""The page's upload limit in these tests (every fixture is far below it)."""


@dataclass
class Loaded:
    """A fixture as the page holds it after the marketer checked and confirmed it."""

    ui: UiSession
    report: str
    """The quality report shown before confirming (Markdown)."""
    roles: pd.DataFrame
    """The roles table shown before confirming."""
    status: str
    """What the page said after confirming."""
    dataset: str

    def ask(self, question: str) -> Answer:
        """One question in a new conversation on this workspace (the page's brain)."""
        session = Session(self.ui.workspace, settings=self.ui.session.settings)
        return last_answer(respond(session, question))

    def stored(self) -> pd.DataFrame:
        return self.ui.workspace.read_dataset(self.dataset)

    def role(self, column: str) -> str:
        return str(self.roles.set_index("name").loc[column, "role"])


def last_answer(events: Iterable[object]) -> Answer:
    answers = [event for event in events if isinstance(event, Answer)]
    assert answers, "respond() ended without an Answer"
    return answers[-1]


def load_fixture(folder: Path, demo_root: Path, file_name: str, kind: str,
                 corrections: dict[str, str] | None = None) -> Loaded:
    """Check the file, correct roles in the page's roles table, confirm (as the Data tab)."""
    ui = UiSession(folder / "session", demo_root, None)
    report, roles = preview_upload(ui, FIXTURES / file_name, kind, "", LIMIT)
    edited = roles.copy()
    for column, role in (corrections or {}).items():
        edited.loc[edited["name"] == column, "role"] = role
    status = confirm_upload(ui, edited, LIMIT)
    assert ui.pending is None
    return Loaded(ui, report, roles, status, dataset_name(ui))


def dataset_name(ui: UiSession) -> str:
    names = ui.workspace.dataset_names()
    assert len(names) == 1, f"expected one dataset in the marketer's workspace, found {names}"
    return names[0]


@pytest.fixture(scope="module")
def load(demo_root: Path, tmp_path_factory: pytest.TempPathFactory
         ) -> Callable[..., Loaded]:
    """load(file_name, kind, corrections) → the fixture loaded in a fresh page session."""

    def loader(file_name: str, kind: str, corrections: dict[str, str] | None = None) -> Loaded:
        folder = tmp_path_factory.mktemp(Path(file_name).stem)
        return load_fixture(folder, demo_root, file_name, kind, corrections)

    return loader


# ----- reading numbers back from an answer ------------------------------------------

NUMBER = re.compile(r"(?<![\d.])-?\d[\d,]*(?:\.\d+)?")


def numbers_in(text: str) -> list[float]:
    """Every number written in a text: '$1,204.50' → 1204.5, '20.8%' → 20.8."""
    return [float(match.replace(",", "")) for match in NUMBER.findall(text)]


def key_number(answer: Answer, *words: str) -> float:
    """The first number of the key number whose label holds all the words."""
    for key in answer.key_numbers:
        if all(word.lower() in key.label.lower() for word in words):
            found = numbers_in(key.text)
            assert found, f"key number {key.label!r} has no number: {key.text!r}"
            return found[0]
    labels = [f"{k.label}: {k.text}" for k in answer.key_numbers]
    raise AssertionError(f"no key number about {words}; the answer has {labels}\n{answer.text}")


def close(value: float, expected: float, rel: float = 1e-4, absolute: float = 0.005) -> bool:
    return (not math.isnan(value)) and abs(value - expected) <= max(absolute, rel * abs(expected))


def label_forms(value: object) -> set[str]:
    """How a group's label may be written: the value itself, and yes/no words for 0/1."""
    text = str(value).strip().lower()
    forms = {text}
    if isinstance(value, float) and value.is_integer():
        forms.add(str(int(value)))
    if text in ("1", "true", "1.0"):
        forms |= {"1", "true", "yes"}
    if text in ("0", "false", "0.0"):
        forms |= {"0", "false", "no"}
    return forms


def answer_tables(answer: Answer) -> list[pd.DataFrame]:
    """The tables the page shows, then the tables of every tool result of the turn."""
    tables = [table for _, table in answer.tables]
    tables += [call.result.table for call in answer.tool_calls if call.result is not None]
    return [table for table in tables if isinstance(table, pd.DataFrame) and not table.empty]


def _label_column(table: pd.DataFrame, labels: list[object]) -> str | None:
    wanted = [label_forms(label) for label in labels]
    for column in table.columns:
        shown = {str(v).strip().lower() for v in table[column].dropna()}
        if all(forms & shown for forms in wanted):
            return column
    return None


def _numeric_columns(table: pd.DataFrame) -> list[str]:
    return [c for c in table.columns
            if pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])]


def assert_by_group(answer: Answer, expected: pd.Series, rel: float = 1e-4,
                    percent_ok: bool = False) -> None:
    """Some table of the answer has one row per group of `expected` and a column equal to it.

    Groups are matched by their label (0/1 may be shown as no/yes); the value column may
    be a share written as a fraction or, with percent_ok, as a percentage.
    """
    assert answer.kind == "answer", f"no answer ({answer.kind}): {answer.text}"
    labels = list(expected.index)
    scales = (1.0, 100.0) if percent_ok else (1.0,)
    tried = []
    for table in answer_tables(answer):
        column = _label_column(table, labels)
        if column is None:
            tried.append(table.head(8).to_string())
            continue
        rows = {}
        for label in labels:
            forms = label_forms(label)
            match = table[table[column].astype(str).str.strip().str.lower().isin(forms)]
            rows[label] = match
        if any(len(match) != 1 for match in rows.values()):
            tried.append(f"(groups not one row each)\n{table.head(8).to_string()}")
            continue
        for value_column in _numeric_columns(table):
            for scale in scales:
                if all(close(float(rows[label][value_column].iloc[0]), expected[label] * scale,
                             rel) for label in labels):
                    return
        tried.append(table.head(12).to_string())
    shown = "\n\n".join(tried) or "(no table)"
    raise AssertionError(f"no table of the answer holds the expected values\n"
                         f"expected:\n{expected.to_string()}\n\ntables:\n{shown}\n\n"
                         f"answer: {answer.text}")


def number_shown(answer: Answer, expected: float, rel: float = 1e-3) -> bool:
    """Whether some numeric cell of the answer's tables equals the expected value."""
    for table in answer_tables(answer):
        for column in _numeric_columns(table):
            if any(close(float(v), expected, rel) for v in table[column].dropna()):
                return True
    return False


def quotes_of(answer: Answer) -> list[str]:
    """Verbatim passages the answer cites: its 'quote' / 'text' / 'passage' table cells."""
    quotes = []
    for table in answer_tables(answer):
        for column in table.columns:
            if str(column).lower() in ("quote", "text", "passage", "quotes", "example"):
                quotes += [str(v) for v in table[column].dropna() if str(v).strip()]
    return quotes


def mentions_workspace(answer: Answer, workspace: str, dataset: str) -> bool:
    text = answer.text
    return workspace in text and dataset in text
