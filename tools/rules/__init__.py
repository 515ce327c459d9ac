"""Rule segments: customers picked by a filter in a small, safe grammar, saved by name.

A filter arrives as text (``age between 25 and 40 and region in ("California",
"Texas")``, ``top 10% by revenue``) or as structured conditions, becomes typed models
(`Condition`, `Group`, `TopN`) and is evaluated with plain pandas comparisons: text is
never run as code. Importing this package registers the `define_segment` and
`list_segments` tools.
"""

from tools.rules.columns import CustomerTable, customer_table
from tools.rules.define import define_segment
from tools.rules.evaluate import Selection, select
from tools.rules.listing import list_segments
from tools.rules.model import Condition, Filter, Group, TopN, filter_text
from tools.rules.parser import parse_filter
from tools.rules.tokens import FilterSyntaxError

__all__ = [
    "Condition",
    "CustomerTable",
    "Filter",
    "FilterSyntaxError",
    "Group",
    "Selection",
    "TopN",
    "customer_table",
    "define_segment",
    "filter_text",
    "list_segments",
    "parse_filter",
    "select",
]
