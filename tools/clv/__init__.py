"""Customer lifetime value: the BG/NBD and Gamma-Gamma models, and the `clv` tool.

The models are plain functions, usable from a notebook:
`purchase_summary(orders)` → frequency/recency/T/monetary, `fit_bgnbd`, `prob_alive`,
`expected_purchases`, `fit_gamma_gamma`, `expected_average_spend`. Importing this package
registers the `clv` tool.
"""

from tools.clv.bgnbd import (
    BGNBDParams,
    expected_purchases,
    expected_purchases_new_customer,
    fit_bgnbd,
    prob_alive,
)
from tools.clv.gamma_gamma import GammaGammaParams, expected_average_spend, fit_gamma_gamma
from tools.clv.summary import purchase_summary
from tools.clv.tool import ClvParams, clv

__all__ = [
    "BGNBDParams",
    "ClvParams",
    "GammaGammaParams",
    "clv",
    "expected_average_spend",
    "expected_purchases",
    "expected_purchases_new_customer",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "prob_alive",
    "purchase_summary",
]
