"""Two or three next questions after an answer, in the language the marketer used.

They follow the usual path of an analysis: describe → segment → compare → listen to the
customers' words → draft personas → export. Segment names are the ones just computed.
"""

from __future__ import annotations

import re

from assistant.brains.local.alternatives import column_questions
from assistant.brains.local.context import schema_of
from assistant.events import AnswerKind
from assistant.session import Session
from assistant.toolkit import tool_cards
from tools.cards import ToolCard

_CJK = re.compile(r"[\u3400-\u9fff]")
START = [("Give me an overview of my data", "概览一下我的数据", "overview"),
         ("Segment my customers with RFM", "用RFM给客户分群", "rfm"),
         ("What do customers complain about most?", "客户最常抱怨什么？", "feedback_themes")]


def suggest(session: Session, tools: list[str], question: str, kind: AnswerKind) -> list[str]:
    """Up to three next questions for the last tool of the turn (starters if there is none)."""
    chinese = bool(_CJK.search(question))
    cards = tool_cards()
    card = cards.get(tools[-1]) if tools and kind == "answer" else None
    options = [(n.en, n.zh, n.tool) for n in card.next] if card else START
    first, second = two_segments(session)
    picked = []
    for english, zh, leads_to in options:
        if not _answerable(session, cards.get(leads_to)):
            continue
        text = zh if chinese else english
        if ("{a}" in text and not first) or ("{b}" in text and not second):
            continue
        picked.append(text.format(a=first, b=second))
    return _on_columns_present(session, picked, chinese)[:3]


def _answerable(session: Session, card: ToolCard | None) -> bool:
    """A next question that needs orders is not offered on a workspace without them."""
    return card is None or not card.needs_orders or schema_of(session.workspace).has_orders


def _on_columns_present(session: Session, picked: list[str], chinese: bool) -> list[str]:
    """Without an orders table, questions on the customers' own columns replace the ones
    that need orders (a suggestion must be answerable here)."""
    schema = schema_of(session.workspace)
    if schema.has_orders or schema.customers is None:
        return picked
    extra = [q for q in column_questions(schema, chinese) if q not in picked]
    return picked + extra


def two_segments(session: Session) -> tuple[str | None, str | None]:
    """The largest and the most worrying segment of the current segmentation."""
    name = session.current_segmentation
    sizes = session.saved_segmentations.get(name, {}).get("sizes", {}) if name else {}
    if len(sizes) < 2:
        return None, None
    ordered = sorted(sizes, key=lambda label: -sizes[label])
    risky = [s for s in ordered if re.search(r"risk|lose|hibernat|churn|sleep", s, re.I)]
    first = next((s for s in ordered if s not in risky), ordered[0])
    second = risky[0] if risky else ordered[1]
    return first, second if second != first else ordered[1]
