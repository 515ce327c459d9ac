"""Customer value: revenue concentration (Pareto), value tiers and consumer types.

Importing the package registers the tools `pareto`, `value_tiers` and `consumer_types`.
"""

from tools.value.consumer_types import consumer_types
from tools.value.pareto import pareto
from tools.value.tiers import value_tiers

__all__ = ["consumer_types", "pareto", "value_tiers"]
