"""Cohort tools: acquisition cohorts with a retention table, and behavioural cohorts.

    >>> cohort_retention(ws, max_months=12)                 # share buying k months later
    >>> behaviour_cohorts(ws, column="discount_used", at_least=3, within_days=60)

Importing the package registers the tools.
"""

from tools.cohorts.behaviour import behaviour_cohorts
from tools.cohorts.retention import cohort_retention

__all__ = ["behaviour_cohorts", "cohort_retention"]
