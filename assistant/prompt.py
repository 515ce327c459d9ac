"""The instructions a brain gets each turn: its rules and what the workspace holds.

Only schemas and aggregates: dataset names, columns and their roles, and the saved
segments with their sizes. No rows, no personal values.
"""

from __future__ import annotations

from langchain_core.messages import SystemMessage

from assistant.brains.local.context import schema_of
from assistant.brains.local.flags import literal
from assistant.privacy import personal_columns
from assistant.session import Session

RULES = """You are Segment Assistant, helping a marketer understand their customers.
Rules:
- Every number you write must come from a tool result in this conversation. Never compute,
  estimate or invent numbers yourself, and never write code.
- Call the tool that answers the question with typed arguments; use the column and segment
  names listed below exactly. Prefer one tool call; chain a second only when needed (e.g. run
  rfm before asking about 'Champions' if no RFM segmentation is saved).
- If the question is ambiguous, ask one short clarifying question offering the closest options.
- If a request is outside customer segmentation and feedback analysis (or asks for personal
  data of individuals, deleting data or running code), politely decline and say what you can do.
- Answer in the user's language: a short plain answer first, then the key numbers.
- Quote customers only verbatim from search_feedback or feedback_themes results."""


def system_message(session: Session) -> SystemMessage:
    ws = session.workspace
    lines = [RULES, "", f"Workspace: {ws.name}", "Datasets:"]
    for name in ws.dataset_names():
        info = ws.dataset_info(name)
        roles = info.get("roles") or {}
        hidden = personal_columns(ws, name, list(roles))
        columns = ", ".join(
            f"{c} ({r}{', personal: never shown' if c in hidden else ''})"
            for c, r in roles.items())
        lines.append(f"- {name}: {info.get('rows', 0):,} rows; columns: {columns}")
    lines += _what_the_data_has(session)
    segmentations = session.saved_segmentations
    if segmentations:
        lines.append("Saved segmentations and their segments (customers):")
        for name, entry in segmentations.items():
            sizes = ", ".join(
                f"{label} ({size:,})" for label, size in entry.get("sizes", {}).items())
            lines.append(f"- {name}: {sizes}")
    else:
        lines.append("No segmentation is saved yet.")
    current = session.current_segmentation
    if current:
        lines.append(f"The conversation is about the segmentation '{current}'.")
    return SystemMessage("\n".join(lines))


def _what_the_data_has(session: Session) -> list[str]:
    """Yes/no labels of the customers table, and what a workspace without orders cannot do."""
    schema = schema_of(session.workspace)
    lines = []
    if schema.flags:
        labels = ", ".join(f"{f.column} (yes = {literal(f.positive)})" for f in schema.flags)
        lines.append(f"Yes/no label columns of '{schema.customers}': {labels}. Questions about "
                     "churn or response use them: breakdown with metric 'rate' and measure = "
                     "the label for 'X rate by Y', define_segment on the label for counts, "
                     "compare_segments or draft_personas on that segment.")
    if not schema.has_orders:
        lines.append("There is no orders table: rfm, lifecycle, clv, cohort_retention, "
                     "behaviour_cohorts, pareto, value_tiers, consumer_types and "
                     "segment_migration cannot run. Say what is missing and offer questions "
                     "the customer columns answer (breakdowns with mean, median or rate, rule "
                     "segments, clustering).")
    return lines
