"""Profile tools: what the data holds, how a column is distributed, a metric by group.

    >>> overview(ws)                                          # datasets, customers, revenue
    >>> distribution(ws, column="age")                        # age bands with shares
    >>> breakdown(ws, by=["region"], metric="sum", measure="revenue")
    >>> breakdown(ws, by=["quarter"], metric="count", measure="orders")
    >>> breakdown(ws, by=["Contract"], metric="rate", measure="Churn")  # churn rate by contract
    >>> breakdown(ws, by=["variation"], metric="mean", measure="rating", dataset="reviews")

Importing the package registers the tools.
"""

from tools.profile.breakdown import breakdown
from tools.profile.distribution import distribution
from tools.profile.overview import overview

__all__ = ["breakdown", "distribution", "overview"]
