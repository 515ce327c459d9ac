"""What the quality report says about a date column: notes with counts and examples, and
questions when the data cannot settle how a date is meant (the marketer chooses)."""

from __future__ import annotations

from typing import Any

from tools.ingest.dates import ORDER_WORDS, DateReading
from tools.ingest.report import question

MIN_SHARE_TO_MENTION = 0.5  # a column where half the values are dates is worth a word


def _quoted(values: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _span(reading: DateReading) -> str:
    values = reading.values.dropna()
    if values.empty:
        return "no dates"
    first, last = values.min(), values.max()
    days = (last.normalize() - first.normalize()).days + 1
    return f"{first:%Y-%m-%d} to {last:%Y-%m-%d} ({days:,} days)"


def _both_spans(reading: DateReading, other: DateReading | None) -> str:
    """' As month/day they run from … ; as day/month from …' — what the choice changes."""
    if other is None or reading.order is None or other.order is None:
        return ""
    return (
        f" As {ORDER_WORDS[reading.order]} the dates run from {_span(reading)}; as "
        f"{ORDER_WORDS[other.order]} from {_span(other)}."
    )


def explain(
    column: str,
    reading: DateReading,
    source: str,
    setting: str,
    other: DateReading | None = None,
) -> tuple[list[str], list[dict[str, Any]]]:
    """Warnings and questions for a column that was read as dates; `other` is the same
    column read in the other day/month order, to show both spans in the question."""
    notes: list[str] = []
    asks: list[dict[str, Any]] = []
    if reading.unparsed:
        notes.append(
            f"{reading.unparsed:,} value(s) in '{column}' could not be read as dates and were "
            f"left empty (e.g. {_quoted(reading.unparsed_examples)})."
        )
    if len(reading.formats) > 1:
        parts = [
            f"{count:,} as {label} (e.g. '{reading.examples[label]}')"
            for label, count in sorted(reading.formats.items(), key=lambda kv: -kv[1])
        ]
        notes.append(f"'{column}' mixes date formats: {'; '.join(parts)}.")
    if reading.time_zones:
        notes.append(
            f"Times in '{column}' carry time zones; they were converted to UTC and are "
            "shown without a zone."
        )
    order = reading.order
    flip = {"day_first": "month_first", "month_first": "day_first"}
    if order is None or reading.evidence is None:
        return notes, asks
    counts, examples = reading.order_counts, reading.order_examples
    if reading.evidence == "ambiguous":
        notes.append(
            f"Dates in '{column}' could be day/month or month/day; read as "
            f"{ORDER_WORDS[order]} (from {source}). To read them the other way, choose it "
            "under “Dates like 03/04/2024” in the load options (date_order from Python)."
        )
        asks.append(
            question(
                column,
                "date_order",
                f"Dates in '{column}' could be day/month or month/day (all values ≤ 12, e.g. "
                f"'{examples.get('either', '')}'). Read as {ORDER_WORDS[order]} "
                f"(chosen from {source})?" + _both_spans(reading, other),
                [order, flip[order]],
                order,
            )
        )
    elif reading.evidence == "mixed":
        either = counts.get("either", 0)
        notes.append(
            f"'{column}' holds both day/month dates ({counts.get('day_first', 0):,}, e.g. "
            f"'{examples.get('day_first', '')}') and month/day dates "
            f"({counts.get('month_first', 0):,}, e.g. '{examples.get('month_first', '')}'); "
            "each was read the only way it can be."
        )
        if either:
            asks.append(
                question(
                    column,
                    "date_order",
                    f"{either:,} date(s) in '{column}' could be either order (e.g. "
                    f"'{examples.get('either', '')}'). Read them as {ORDER_WORDS[order]} "
                    f"(chosen from {source})?" + _both_spans(reading, other),
                    [order, flip[order]],
                    order,
                )
            )
    elif setting in flip and setting != reading.evidence:
        notes.append(
            f"Dates in '{column}' can only be {ORDER_WORDS[reading.evidence]} (e.g. "
            f"'{examples.get(reading.evidence, '')}'), so they were read that way and the "
            f"date order setting ({ORDER_WORDS[setting]}) was not used for this column."
        )
    return notes, asks


def not_dates(column: str, reading: DateReading) -> tuple[str, dict[str, Any]] | None:
    """A column where many but not nearly all values are dates: say so and ask."""
    if reading.share < MIN_SHARE_TO_MENTION:
        return None
    formats = "; ".join(
        f"{count:,} as {label} (e.g. '{reading.examples[label]}')"
        for label, count in sorted(reading.formats.items(), key=lambda kv: -kv[1])
    )
    note = (
        f"'{column}' looks like dates but {reading.unparsed:,} of "
        f"{reading.parsed + reading.unparsed:,} values are not (e.g. "
        f"{_quoted(reading.unparsed_examples)}); it was kept as text. Dates found: {formats}."
    )
    ask = question(
        column,
        "date_column",
        f"Read '{column}' as dates anyway ({reading.unparsed:,} values that are not dates "
        "would be left empty)?",
        ["keep", "date"],
        "keep",
    )
    return note, ask
