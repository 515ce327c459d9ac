"""Cut documents into chunks that each keep one meaning, with exact offsets into the text.

    >>> chunks = chunk_documents(documents)       # one row per speaker turn / answer / sentences
    >>> doc_text[start : start + len(chunk_text)] == chunk_text   # always true

Why verbatim spans: a quote shown to a marketer must be the customer's own words, so a
chunk is never rewritten, only located. Why per source type: a transcript's unit of
meaning is a speaker turn, a survey's is the answer, a review's is a few sentences.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from knowledge.documents import as_chunks, chunk_ids, empty_chunks

HARD_LIMIT = 2_000  # no chunk is longer than this, whatever the punctuation
HARD_TARGET = 1_000  # where an over-long piece is cut (at whitespace when there is some)
SURVEY_SPLIT = 2_000  # a survey answer stays whole up to this length

Span = tuple[int, int]

# A sentence ends after . ! ? … (with closing quotes or brackets) before whitespace, after
# Chinese 。！？； (no space needed), or at a line break.
_BOUNDARY = re.compile(
    r"[.!?…]+[\"'”’)\]]*(?=\s|$)|[。！？；]+[」』”’）)]*|[!?！？]+[」』”’）)]*(?=[^\x00-\x7f])|\n"
)
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "e.g", "i.e", "u.s", "u.k",
    "approx", "inc", "ltd", "dept", "fig", "mt", "a.m", "p.m", "cf",
}  # fmt: skip
# "Label: words" at a line start; a label is 1-4 short words (Agent, Customer 2, 客服).
_LABEL_WORD = r"[\w.'()#&/-]"
LABEL_LINE = re.compile(
    rf"(?m)^[ \t]*(?P<label>[^\W\d_]{_LABEL_WORD}*(?:[ \t]{_LABEL_WORD}+){{0,3}}?)"
    r"[ \t]*[:：](?!//)[ \t]*"
)
_AGENT_WORDS = {
    "agent", "rep", "representative", "support", "advisor", "adviser", "associate", "staff",
    "service", "operator", "consultant", "specialist", "客服", "坐席", "售后", "工作人员",
}  # fmt: skip
_CUSTOMER_WORDS = {"customer", "caller", "client", "buyer", "shopper", "客户", "顾客", "用户"}
_TOKEN = re.compile(r"[a-z]+|[\u4e00-\u9fff]+")


# ----- sentences -----------------------------------------------------------------------
def sentence_spans(text: str) -> list[Span]:
    """(start, end) of each sentence, without surrounding whitespace, in text order."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        _add_stripped(text, start, end, spans)
        start = end
    _add_stripped(text, start, len(text), spans)
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    """'Dr.' or 'e.g.' is not the end of a sentence (only single dots are checked)."""
    if text[dot : dot + 2] == "..":
        return False
    begin = dot
    while begin > 0 and dot - begin < 8 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
    if begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        return False  # a long word, not an abbreviation
    return text[begin:dot].lower() in _ABBREVIATIONS


def _add_stripped(text: str, start: int, end: int, spans: list[Span]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        left = start + len(piece) - len(piece.lstrip())
        spans.append((left, left + len(stripped)))


def hard_split(text: str, start: int, end: int) -> list[Span]:
    """Cut a piece longer than HARD_LIMIT near every HARD_TARGET characters.

    Cuts fall at whitespace when there is some nearby, else anywhere (Chinese has no spaces).
    """
    spans: list[Span] = []
    while end - start > HARD_LIMIT:
        target = start + HARD_TARGET
        window = text[target - HARD_TARGET // 2 : target + HARD_TARGET // 2]
        left = window.rfind(" ", 0, HARD_TARGET // 2)
        right = window.find(" ", HARD_TARGET // 2)
        if left < 0 and right < 0:
            cut = target
        elif right < 0 or (left >= 0 and HARD_TARGET // 2 - left <= right - HARD_TARGET // 2):
            cut = target - HARD_TARGET // 2 + left
        else:
            cut = target - HARD_TARGET // 2 + right
        _add_stripped(text, start, cut, spans)
        start = cut
    _add_stripped(text, start, end, spans)
    return spans


def sentence_groups(text: str, start: int, end: int, max_chars: int) -> list[Span]:
    """Pack consecutive sentences of text[start:end] into spans of at most max_chars.

    A single sentence longer than max_chars is a chunk of its own (cut only past HARD_LIMIT).
    """
    units: list[Span] = []
    for a, b in sentence_spans(text[start:end]):
        if b - a > HARD_LIMIT:
            units.extend(hard_split(text, start + a, start + b))
        else:
            units.append((start + a, start + b))
    groups: list[Span] = []
    for a, b in units:
        if groups and b - groups[-1][0] <= max_chars:
            groups[-1] = (groups[-1][0], b)
        else:
            groups.append((a, b))
    return groups


def _whole_or_groups(text: str, start: int, end: int, max_chars: int, limit: int) -> list[Span]:
    """The stripped text as one span when short enough, else its sentence groups."""
    spans: list[Span] = []
    _add_stripped(text, start, end, spans)
    if not spans or spans[0][1] - spans[0][0] <= min(limit, HARD_LIMIT):
        return spans
    return sentence_groups(text, spans[0][0], spans[0][1], max_chars)


# ----- transcripts -----------------------------------------------------------------------
def speaker_role(label: str, agent_name: str | None = None) -> str:
    """'agent' or 'customer' for the usual labels, else the label in lower case."""
    lowered = label.strip().lower()
    tokens = set(_TOKEN.findall(lowered))
    if tokens & _AGENT_WORDS or any(w in lowered for w in ("客服", "坐席")):
        return "agent"
    if agent_name and lowered in {agent_name.lower(), agent_name.split()[0].lower()}:
        return "agent"
    if tokens & _CUSTOMER_WORDS or any(w in lowered for w in ("客户", "顾客")):
        return "customer"
    return lowered


def turn_spans(text: str, max_chars: int) -> list[tuple[int, int, str | None]]:
    """(start, end, speaker) per speaker turn; a long turn becomes several sentence groups.

    Lines without a label continue the turn above; text before the first label has no
    speaker. A text with no labelled line is packed into sentence groups.
    """
    labels = list(LABEL_LINE.finditer(text))
    if not labels:
        return [(a, b, None) for a, b in _whole_or_groups(text, 0, len(text), max_chars, max_chars)]
    turns: list[tuple[int, int, str | None]] = [(0, labels[0].start(), None)]
    for index, match in enumerate(labels):
        stop = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        turns.append((match.end(), stop, speaker_role(match.group("label"))))
    pieces = []
    for start, stop, speaker in turns:
        for a, b in _whole_or_groups(text, start, stop, max_chars, max_chars):
            pieces.append((a, b, speaker))
    return pieces


# ----- documents → chunks ----------------------------------------------------------------
def document_spans(
    text: str, source_type: str | None, max_chars: int
) -> list[tuple[int, int, str | None]]:
    """(start, end, speaker) of every chunk of one document."""
    max_chars = min(max_chars, HARD_LIMIT)
    if source_type == "transcript":
        return turn_spans(text, max_chars)
    limit = SURVEY_SPLIT if source_type == "survey" else max_chars
    return [(a, b, None) for a, b in _whole_or_groups(text, 0, len(text), max_chars, limit)]


_CARRIED = ("doc_id", "source_type", "source", "title", "customer_id", "date", "rating", "nps")


def chunk_documents(documents: pd.DataFrame, max_chars: int = 240) -> pd.DataFrame:
    """Chunks of every document in the chunk schema, each carrying its document's fields."""
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    if documents.empty:
        return empty_chunks()
    texts = documents["text"].astype("object").tolist()
    types = documents["source_type"].astype("object").tolist()
    rows, starts, lengths, speakers, chunk_texts = [], [], [], [], []
    for row, (text, source_type) in enumerate(zip(texts, types, strict=True)):
        if not isinstance(text, str):
            continue
        for start, end, speaker in document_spans(text, source_type, max_chars):
            rows.append(row)
            starts.append(start)
            lengths.append(end - start)
            speakers.append(speaker)
            chunk_texts.append(text[start:end])
    if not rows:
        return empty_chunks()
    take = np.asarray(rows)
    frame = pd.DataFrame({c: documents[c].to_numpy()[take] for c in _CARRIED if c in documents})
    frame["language"] = documents["language"].to_numpy()[take] if "language" in documents else None
    frame["position"] = _positions(take)
    frame["start"] = starts
    frame["speaker"] = speakers
    frame["text"] = chunk_texts
    # Documents are identified within their source: two files may both have a review "17".
    doc_ids = frame["doc_id"].astype("string")
    missing = pd.Series(pd.NA, index=frame.index, dtype="string")
    source = frame["source"].astype("string") if "source" in frame else missing
    key = (source + "/" + doc_ids).fillna(doc_ids)
    frame["chunk_id"] = chunk_ids(key, frame["position"], frame["text"])
    return as_chunks(frame)


def _positions(rows: np.ndarray) -> np.ndarray:
    """0, 1, 2 … within each run of equal row numbers (rows are sorted)."""
    index = np.arange(len(rows))
    run_start = np.r_[0, np.flatnonzero(np.diff(rows)) + 1]
    run_lengths = np.diff(np.r_[run_start, len(rows)])
    return index - np.repeat(run_start, run_lengths)
