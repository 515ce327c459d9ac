"""The sides of a customers table's yes/no label that a question names, as rule segments.

"Churned customers" is Churn = Yes where the data says so: the label's sides take the
place of a lifecycle stage or a saved segment of the same words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.brains.local.labels import label_in, segment_name
from assistant.brains.local.segments import SegmentRef

if TYPE_CHECKING:
    from assistant.brains.local.plans import Question


def label_segments(q: Question) -> list[tuple[SegmentRef, dict[str, Any]]]:
    """The label's sides the question names, as rule segments with the call defining each."""
    mention = label_in(q.text, q.schema) if q.schema.customers else None
    if mention is None or mention.others:
        return []
    sides = [mention.yes, not mention.yes] if mention.both else [mention.yes]
    found = []
    for n, yes in enumerate(sides):
        name = segment_name(mention.flag, mention.concept, yes)
        define = {"filter": mention.flag.condition(yes), "name": name}
        found.append((SegmentRef("rule", name, mention.at + n), define))
    return found


def with_label_refs(q: Question, refs: list[SegmentRef]) -> list[SegmentRef]:
    """Segment references with the label's sides in place of a lifecycle stage or a saved
    segment of the same words ('churned' is Churn = Yes where the data says so)."""
    sides = label_segments(q)
    if not sides:
        return refs
    mention = label_in(q.text, q.schema)
    assert mention is not None
    names = {ref.label.lower() for ref, _ in sides}
    kept = [r for r in refs if r.label.lower() not in names and r.segmentation != "lifecycle"
            and not mention.at <= r.at < mention.end]
    return sorted([*kept, *(ref for ref, _ in sides)], key=lambda r: r.at)
