"""Turn a table (a loaded file or a workspace dataset) into documents, one per row of text.

Why one function for files and datasets: a review export loaded as a dataset and the same
file dropped into the knowledge store must give the same documents and the same ids.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from knowledge.chunking import LABEL_LINE
from knowledge.documents import as_documents, text_doc_id
from knowledge.errors import KnowledgeError
from knowledge.language import detect_language
from knowledge.sources import columns as pick
from knowledge.sources.ratings import find_rating_column
from knowledge.sources.report import SourceBatch, SourceReport
from tools.errors import ToolError, did_you_mean
from tools.workspace import Workspace

MAX_DOCUMENT_CHARS = 1_000_000
TRANSCRIPT_MIN_LABELS = 3  # a text with this many "Label: …" lines reads as a conversation
_TYPE_SAMPLE = 200
DATASET_SOURCE_PREFIX = "dataset:"  # how the store names a dataset's documents (indexing.py)
_NOT_TEXT_ROLES = ("numeric", "boolean", "date", "transaction_date", "signup_date", "amount",
                   "quantity", "unit_price", "customer_id", "order_id", "email", "phone",
                   "person_name", "ignore")


def documents_from_frame(
    frame: pd.DataFrame,
    roles: dict[str, str] | None,
    source: str,
    source_type: str | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
) -> SourceBatch:
    """One document per row with text; columns found by role and name (see the report)."""
    roles = {str(c): str(r) for c, r in (roles or {}).items()}
    if source_type is not None:
        source_type = pick.check_source_type(source_type)
    if frame.shape[0] == 0:
        raise KnowledgeError(f"'{source}' has no rows. Choose a table with one row per text.")
    text_col = pick.pick_text_column(frame, roles, text_column, source)
    if id_column is not None:
        pick.require_column(frame, id_column, source, "document id")
    all_texts = frame[text_col].astype("string")
    has_text = (all_texts.str.strip().str.len() > 0).fillna(False).to_numpy(dtype=bool)
    if not has_text.any():
        raise KnowledgeError(
            f"'{source}' has no text in column '{text_col}'; every row is empty. "
            "Pass text_column with the column that holds the words."
        )
    rows = frame.loc[has_text].reset_index(drop=True)
    texts = all_texts[has_text].reset_index(drop=True)
    report = SourceReport(source=source, source_type="", skipped_empty=int((~has_text).sum()))
    report.columns["text"] = str(text_col)
    if report.skipped_empty:
        report.warnings.append(
            f"Skipped {report.skipped_empty:,} row(s) with no text in '{text_col}'."
        )

    found = _metadata_columns(rows, roles, text_col, id_column)
    rating, notes = find_rating_column(rows, {str(c) for c in found.values()} | {str(text_col)})
    if rating is not None:
        found["rating"] = rating.column
        if rating.form != "stars 1-5":
            report.warnings.append(rating.describe())
    report.warnings.extend(notes)
    report.columns.update({role: str(column) for role, column in found.items()})
    source_type = source_type or infer_source_type(texts, str(text_col), found, source)
    report.source_type = source_type
    ids = _document_ids(rows, texts, found.get("doc_id"), source_type, report)
    _check_lengths(texts, ids, source)

    documents = pd.DataFrame({"doc_id": ids, "text": texts})
    documents["source_type"] = source_type
    documents["source"] = source
    if "customer_id" in found:
        documents["customer_id"] = pick.id_strings(rows[found["customer_id"]]).to_numpy()
    if "title" in found:
        titles = rows[found["title"]].astype("string").str.strip()
        documents["title"] = titles.replace("", pd.NA).to_numpy()
    if "date" in found:
        documents["date"] = pick.as_dates(rows[found["date"]]).to_numpy()
    if rating is not None:
        documents["rating"] = rating.stars(rows[rating.column]).to_numpy()
    if "nps" in found:
        documents["nps"] = pd.to_numeric(rows[found["nps"]], errors="coerce").to_numpy()
    documents["language"] = _languages(rows, texts, found.get("language"))

    repeated = documents["doc_id"].duplicated().to_numpy()
    if repeated.any():
        report.duplicate_ids = int(repeated.sum())
        report.warnings.append(
            f"{report.duplicate_ids:,} row(s) repeat an id in '{found.get('doc_id')}'; "
            "kept the first row for each id."
        )
        documents = documents.loc[~repeated]
    report.documents = len(documents)
    return SourceBatch(as_documents(documents.reset_index(drop=True)), report)


def _metadata_columns(
    rows: pd.DataFrame, roles: dict[str, str], text_col: str, id_column: str | None
) -> dict[str, str]:
    """role → column for every field the table has (the text column excluded)."""
    found: dict[str, str | None] = {}
    customers = {
        c
        for c in rows.columns
        if pick.normalized(c) in pick.CUSTOMER_NAMES
        or (roles.get(str(c)) == "customer_id" and pick.normalized(c) not in pick.ID_NAMES)
    }
    doc_id = id_column or pick.pick_id_column(rows, roles, {text_col} | customers)
    found["doc_id"] = doc_id
    found["customer_id"] = pick.pick_customer_column(rows, roles, {text_col, doc_id})
    found["date"] = pick.pick_date_column(rows, roles)
    found["nps"] = pick.pick_score_column(rows, pick.NPS_NAMES)
    found["title"] = pick.pick_named(rows, pick.TITLE_NAMES, {text_col})
    found["language"] = pick.pick_named(rows, pick.LANGUAGE_NAMES, {text_col})
    return {role: column for role, column in found.items() if column is not None}


def infer_source_type(texts: pd.Series, text_col: str, found: dict[str, str], source: str) -> str:
    """transcript, survey, review or note, from column names, scores and the texts."""
    name = pick.normalized(text_col)
    if "transcript" in name or "call" in name or labelled_share(texts) > 0.5:
        return "transcript"
    if "nps" in found or "answer" in name or "response" in name:
        return "survey"
    if "rating" in found or "review" in name or "review" in pick.normalized(source):
        return "review"
    return "note"


def labelled_share(texts: pd.Series) -> float:
    """Share of (the first few hundred) texts with at least 3 'Label: …' lines."""
    sample = texts.head(_TYPE_SAMPLE).tolist()
    if not sample:
        return 0.0
    hits = sum(len(LABEL_LINE.findall(t)) >= TRANSCRIPT_MIN_LABELS for t in sample)
    return hits / len(sample)


def _document_ids(
    rows: pd.DataFrame,
    texts: pd.Series,
    id_col: str | None,
    source_type: str,
    report: SourceReport,
) -> pd.Series:
    """Ids from the id column; rows without one get a hash of their text.

    Repeated texts without an id get '#2', '#3' … so two customers who wrote the same
    words stay two documents, and reading the file again gives the same ids.
    """
    ids = (
        pick.id_strings(rows[id_col])
        if id_col is not None
        else pd.Series(pd.NA, index=rows.index, dtype="string")
    )
    missing = ids.isna().to_numpy()
    if not missing.any():
        return ids
    made = pd.Series(
        [text_doc_id(source_type, t) for t in texts[missing]], dtype="string"
    ).reset_index(drop=True)
    occurrence = made.groupby(made, sort=False).cumcount().to_numpy()
    suffix = np.where(occurrence > 0, "#" + (occurrence + 1).astype(str), "")
    ids = ids.copy()
    ids[missing] = (made + suffix).to_numpy()
    if id_col is None:
        report.warnings.append("No unique id column was found; document ids come from the text.")
    else:
        report.warnings.append(
            f"{int(missing.sum()):,} row(s) have no '{id_col}'; their ids come from the text."
        )
    return ids


def _check_lengths(texts: pd.Series, ids: pd.Series, source: str) -> None:
    lengths = texts.str.len().to_numpy()
    longest = int(lengths.argmax())
    if lengths[longest] > MAX_DOCUMENT_CHARS:
        raise KnowledgeError(
            f"Document '{ids.iloc[longest]}' in '{source}' has {lengths[longest]:,} characters; "
            f"the limit is {MAX_DOCUMENT_CHARS:,}. Split it into smaller documents "
            "(e.g. one row per answer or per call)."
        )


def _languages(rows: pd.DataFrame, texts: pd.Series, column: str | None) -> np.ndarray:
    """The language column's primary code ('en-US' → 'en'), detected where it is empty."""
    detected = detect_language(texts)
    if column is None:
        return detected.to_numpy()
    given = rows[column].astype("string").str.strip().str.lower()
    given = given.str.split(r"[-_]", n=1, regex=True).str[0].replace("", pd.NA)
    return given.fillna(detected).to_numpy()


# ----- workspace datasets -------------------------------------------------------------
def documents_from_dataset(
    ws: Workspace, name: str, source_type: str | None = None, text_column: str | None = None
) -> SourceBatch:
    """Documents from a dataset already in the workspace, using its stored column roles."""
    if not ws.has_dataset(name):
        names = ws.dataset_names()
        hint = did_you_mean(name, names) if names else " The workspace has no datasets yet."
        raise KnowledgeError(f"There is no dataset '{name}'." + hint)
    try:
        frame = ws.read_dataset(name)
        roles = ws.dataset_info(name).get("roles", {})
    except ToolError as exc:
        raise KnowledgeError(str(exc)) from exc
    return documents_from_frame(frame, roles, name, source_type, text_column)


def qualitative_datasets(ws: Workspace) -> list[str]:
    """Datasets with a column of customers' text, found by content (see `columns.is_prose`).

    Order tables are left out whatever their text: product descriptions repeated on order
    lines ("MAGIC DRAWING SLATE") are a catalogue, not feedback.
    """
    return [name for name in ws.dataset_names() if feedback_text_columns(ws, name)]


def feedback_text_columns(ws: Workspace, name: str) -> list[str]:
    """The columns of dataset `name` that hold customers' text (empty for order tables)."""
    info = ws.dataset_info(name)
    roles = {str(c): str(r) for c, r in (info.get("roles") or {}).items()}
    if pick.is_order_table(roles):
        return []
    stats = {c.get("name"): c for c in (info.get("report") or {}).get("columns", [])}
    rows = int(info.get("rows") or 0)
    candidates = []
    for column, role in roles.items():
        if role in _NOT_TEXT_ROLES:
            continue
        found = stats.get(column)
        if found and rows and (found.get("distinct", 0) < pick.PROSE_MIN_DISTINCT_SHARE * (
                rows - int(found.get("missing", 0)))) and role != "text":
            continue  # repeats across rows (from the stored report): no need to read it
        candidates.append(column)
    if not candidates:
        return []
    frame = ws.read_dataset(name, columns=candidates)
    return [c for c in candidates
            if pick.is_prose(frame[c], roles.get(c), pick.normalized(c) in pick.TEXT_NAMES)]


def is_feedback_source(ws: Workspace, source: str) -> bool:
    """False for a store source that is an orders dataset: its text names products.

    Files and folders were given as feedback; a dataset is feedback unless it is a table
    of orders (even one the marketer chose to index: it may be searched, never quoted as
    what customers said).
    """
    name = str(source)
    if not name.startswith(DATASET_SOURCE_PREFIX):
        return True
    dataset = name.removeprefix(DATASET_SOURCE_PREFIX)
    if not ws.has_dataset(dataset):
        return False
    roles = {str(c): str(r) for c, r in (ws.dataset_info(dataset).get("roles") or {}).items()}
    return not pick.is_order_table(roles)
