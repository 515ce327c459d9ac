"""The knowledge store as tools: search customer feedback, find its themes, index it.

They follow the same contract as every segmentation tool (typed parameters in, a
`Result` out), so the assistant and the evals treat them alike. Document text only
ever appears in result tables and quotes, as data: it never becomes an instruction.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd
from pydantic import Field

from knowledge.indexing import dataset_source, ensure_indexed, index_dataset
from knowledge.search import Filters, search
from knowledge.store import KnowledgeStore
from knowledge.themes import ThemeReport, find_themes, segment_themes
from tools.data import parse_date
from tools.registry import ToolParams, tool
from tools.result import Fact, Provenance, Result, say
from tools.segments import load_segmentation, resolve_segment
from tools.workspace import Workspace

SourceType = Literal["transcript", "review", "survey", "note"]


class FeedbackScope(ToolParams):
    segment: str | None = Field(
        None, description="Only feedback from this segment's customers, e.g. 'Champions'."
    )
    source_types: list[SourceType] | None = Field(
        None, description="Only these kinds of feedback: transcript, review, survey, note."
    )
    language: str | None = Field(None, description="Only this language code, e.g. 'en', 'zh'.")
    rating_min: float | None = Field(None, ge=0, le=10, description="Lowest star rating kept.")
    rating_max: float | None = Field(None, ge=0, le=10, description="Highest star rating kept.")
    nps_min: float | None = Field(None, ge=0, le=10, description="Lowest NPS score kept (0-10).")
    nps_max: float | None = Field(None, ge=0, le=10, description="Highest NPS score kept (0-10).")
    date_from: str | None = Field(None, description="First day kept, YYYY-MM-DD.")
    date_to: str | None = Field(None, description="Last day kept, YYYY-MM-DD.")


def _indexed(ws: Workspace) -> tuple[KnowledgeStore, pd.DataFrame]:
    """The workspace's store with every text dataset indexed, and its passages."""
    store = KnowledgeStore(ws)
    ensure_indexed(store)
    return store, store.chunks()


def _filters(ws: Workspace, p: FeedbackScope, with_segment: bool = True) -> Filters:
    start, end = parse_date(p.date_from, "date_from"), parse_date(p.date_to, "date_to")
    members = None
    if with_segment and p.segment:
        _, _, ids = resolve_segment(ws, p.segment)
        members = frozenset(str(i) for i in ids)
    return Filters(
        source_types=tuple(p.source_types or ()),
        languages=(p.language.lower(),) if p.language else (),
        rating_min=p.rating_min,
        rating_max=p.rating_max,
        nps_min=p.nps_min,
        nps_max=p.nps_max,
        date_from=start.date() if start is not None else None,
        date_to=end.date() if end is not None else None,
        customer_ids=members,
    )


class SearchParams(FeedbackScope):
    query: str = Field(
        description="What to look for, in the customer's words, e.g. 'coupon did not work'."
    )
    results: int = Field(10, ge=1, le=50, description="How many passages to return.")


@tool("search_feedback", SearchParams)
def search_feedback(ws: Workspace, p: SearchParams) -> Result:
    store, chunks = _indexed(ws)
    filters = _filters(ws, p)
    hits = search(store, p.query, k=p.results, filters=filters)
    table = pd.DataFrame(
        [
            {
                "doc_id": h.doc_id,
                "source_type": h.source_type,
                "text": h.text,
                "date": h.date,
                "rating": h.rating,
                "nps": h.nps,
                "language": h.language,
                "customer_id": h.customer_id,
                "score": h.score,
            }
            for h in hits
        ],
        columns=["doc_id", "source_type", "text", "date", "rating", "nps", "language",
                 "customer_id", "score"],
    )  # fmt: skip
    in_scope = int(filters.mask(chunks).sum()) if filters.active else len(chunks)
    facts = {
        "passages_found": Fact(len(hits), "count", "Passages found"),
        "passages_searched": Fact(in_scope, "count", "Passages searched"),
    }
    summary = (
        say("Found {passages_found} passages among {passages_searched} searched.", facts)
        if hits
        else say("No passage among {passages_searched} matches; try other words.", facts)
    )
    return Result(
        table=table,
        facts=facts,
        summary=summary,
        provenance=Provenance(
            tool="search_feedback",
            datasets=sorted(set(chunks["source"].dropna())),
            rows_in=in_scope,
            rows_out=len(hits),
        ),
    )


class ThemeParams(FeedbackScope):
    top: int = Field(5, ge=1, le=15, description="How many themes to show.")
    quotes: int = Field(3, ge=1, le=5, description="Verbatim quotes per theme.")


@tool("feedback_themes", ThemeParams)
def feedback_themes(ws: Workspace, p: ThemeParams) -> Result:
    store, chunks = _indexed(ws)
    scope = _filters(ws, p, with_segment=False)
    if p.segment:
        seg_name, label, ids = resolve_segment(ws, p.segment)
        labels = load_segmentation(ws, seg_name).labels.astype(str)
        if labels.nunique() < 2:  # a rule segment: compare with every other customer
            everyone = pd.Series("everyone else", index=chunks["customer_id"].dropna().unique())
            labels = pd.concat([pd.Series(label, index=ids.astype(str)), everyone])
            labels = labels[~labels.index.duplicated()]
        report = segment_themes(store, labels, label, scope, p.top, p.quotes)
    else:
        in_group = scope.mask(chunks)
        comparison = ~in_group if scope.active else in_group & False
        report = find_themes(
            store,
            in_group,
            comparison,
            "the chosen feedback" if scope.active else "all feedback",
            "the rest" if scope.active else None,
            p.top,
            p.quotes,
        )
    return _theme_result(report, sorted(set(chunks["source"].dropna())))


def _theme_result(report: ThemeReport, sources: list[str]) -> Result:
    facts = {
        "documents": Fact(report.documents, "count", f"Documents from {report.group}"),
        "themes_found": Fact(len(report.themes), "count", "Themes found"),
    }
    for key, unit, label in (
        ("rating_mean", "score", "Average star rating"),
        ("nps", "score", "NPS"),
        ("share_1_2_stars", "share", "Share of 1-2 star ratings"),
        ("detractors", "share", "Share of NPS detractors"),
    ):
        if key in report.mix:
            facts[key] = Fact(report.mix[key], unit, label)
    for rank, theme in enumerate(report.themes, start=1):
        facts[f"theme_{rank}"] = Fact(theme.label, "", f"Theme {rank}")
        facts[f"theme_{rank}_share"] = Fact(theme.share, "share", f"{theme.label}: share")
        if theme.lift is not None:
            facts[f"theme_{rank}_lift"] = Fact(theme.lift, "ratio", f"{theme.label}: lift")
    if report.themes and report.themes[0].lift is not None:
        summary = say(
            "In {documents} documents the most distinctive theme is {theme_1} "
            "({theme_1_share} of them, {theme_1_lift} times as often as "
            + (report.comparison or "the rest")
            + ").",
            facts,
        )
    elif report.themes:
        summary = say("In {documents} documents the most common theme is {theme_1} "
                      "({theme_1_share} of them).", facts)  # fmt: skip
    else:
        summary = say("No theme stands out in these {documents} documents.", facts)
    table = report.table()
    if table.empty:
        table = pd.DataFrame({"theme": ["(none)"], "documents": [0]})
    quotes = pd.DataFrame(
        [{"theme": t.label, **q.to_dict()} for t in report.themes for q in t.quotes]
    )
    return Result(
        table=table,
        facts=facts,
        summary=summary,
        provenance=Provenance(
            tool="feedback_themes",
            datasets=sources,
            rows_in=report.documents + report.comparison_documents,
            rows_out=len(report.themes),
            notes=report.notes,
        ),
        tables={"quotes": quotes, "keywords": report.keywords},
        warnings=list(report.notes),
    )


class IndexParams(ToolParams):
    dataset: str | None = Field(
        None, description="The text dataset to (re-)index; empty = every text dataset."
    )
    source_type: SourceType | None = Field(
        None, description="What the dataset holds, if it cannot be told from its columns."
    )
    text_column: str | None = Field(None, description="The column with the text, if unclear.")


@tool("index_feedback", IndexParams)
def index_feedback(ws: Workspace, p: IndexParams) -> Result:
    store = KnowledgeStore(ws)
    reports = (
        [index_dataset(store, p.dataset, p.source_type, p.text_column)]
        if p.dataset
        else ensure_indexed(store)
    )
    sources = store.sources()
    table = pd.DataFrame(
        [{"source": name, **{k: v for k, v in info.items() if k != "warnings"}}
         for name, info in sorted(sources.items())]
    )  # fmt: skip
    facts = {
        "documents_indexed": Fact(
            int(sum(i.get("documents", 0) for i in sources.values())), "count", "Documents indexed"
        ),
        "passages_indexed": Fact(len(store.chunks()), "count", "Passages indexed"),
        "passages_added": Fact(sum(r.chunks_added for r in reports), "count", "Passages added"),
    }
    summary = say(
        "The knowledge store holds {documents_indexed} documents in {passages_indexed} "
        "passages; {passages_added} were added now.",
        facts,
    )
    return Result(
        table=table,
        facts=facts,
        summary=summary,
        provenance=Provenance(
            tool="index_feedback",
            datasets=[dataset_source(p.dataset)] if p.dataset else sorted(sources),
            rows_in=sum(r.documents for r in reports),
            rows_out=len(store.chunks()),
        ),
        warnings=[w for r in reports for w in r.warnings],
    )
