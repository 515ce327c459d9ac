"""Expected answers computed with plain pandas, independently of the tools under test.

Each public function takes a workspace and returns one number (or label). A question's
`numbers: [{compute: NAME}]` names one of them. They read the datasets directly and
follow the documented definitions a marketer would use:

- revenue counts completed orders only (returned, cancelled and refunded orders excluded);
- a buyer is a customer with at least one counted order;
- "top 20% of customers" is the first ceil(20% × buyers) customers ranked by revenue;
- percentages are returned in percent (9.6, not 0.096), counts as whole numbers.

Nothing here imports `tools/` (beyond the workspace reader) or `knowledge/`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

import pandas as pd

from tools.workspace import Workspace

EXCLUDED_STATUSES = {"cancelled", "canceled", "returned", "refunded", "void"}
COMPUTE: dict[str, Callable[[Workspace], float | int | str]] = {}


def expected(func: Callable[[Workspace], float | int | str]) -> Callable:
    """Register a computation under its function name."""
    COMPUTE[func.__name__] = func
    return func


class ExpectedValues:
    """Computes each named expected value once per workspace."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._cache: dict[str, float | int | str] = {}

    def __call__(self, name: str) -> float | int | str:
        if name not in COMPUTE:
            raise KeyError(f"no expected computation named {name!r}")
        if name not in self._cache:
            self._cache[name] = COMPUTE[name](self.ws)
        return self._cache[name]


# ----- the data, read plainly ------------------------------------------------------


def _customers(ws: Workspace) -> pd.DataFrame:
    return _read(ws.root, ws.dataset_info("customers")["file"])


def _orders(ws: Workspace) -> pd.DataFrame:
    """Counted orders: statuses that are not returns or cancellations."""
    frame = _read(ws.root, ws.dataset_info("orders")["file"])
    if "status" in frame.columns:
        frame = frame[~frame["status"].astype(str).str.lower().isin(EXCLUDED_STATUSES)]
    return frame


@cache
def _read(root: object, relative: str) -> pd.DataFrame:
    return pd.read_parquet(f"{root}/{relative}")


def _revenue_per_buyer(ws: Workspace) -> pd.Series:
    return _orders(ws).groupby("customer_id")["amount"].sum().sort_values(ascending=False)


def _as_of(ws: Workspace) -> pd.Timestamp:
    return pd.Timestamp(_orders(ws)["order_date"].max()).normalize()


def _percent(part: float, whole: float) -> float:
    return 100.0 * part / whole if whole else float("nan")


# ----- overview ---------------------------------------------------------------------


@expected
def customers(ws: Workspace) -> int:
    return int(_customers(ws)["customer_id"].nunique())


@expected
def buyers(ws: Workspace) -> int:
    return int(_orders(ws)["customer_id"].nunique())


@expected
def orders(ws: Workspace) -> int:
    return len(_orders(ws))


@expected
def revenue(ws: Workspace) -> float:
    return float(_orders(ws)["amount"].sum())


@expected
def avg_order_value(ws: Workspace) -> float:
    return float(_orders(ws)["amount"].mean())


@expected
def repeat_buyer_share(ws: Workspace) -> float:
    counts = _orders(ws).groupby("customer_id").size()
    return _percent(int((counts > 1).sum()), len(counts))


@expected
def orders_per_buyer(ws: Workspace) -> float:
    return orders(ws) / buyers(ws)


# ----- who they are -----------------------------------------------------------------


def _top(ws: Workspace, column: str) -> pd.Series:
    return _customers(ws)[column].value_counts()


@expected
def largest_region(ws: Workspace) -> str:
    return str(_top(ws, "region").index[0])


@expected
def largest_region_customers(ws: Workspace) -> int:
    return int(_top(ws, "region").iloc[0])


@expected
def largest_region_share(ws: Workspace) -> float:
    return _percent(largest_region_customers(ws), customers(ws))


@expected
def largest_country(ws: Workspace) -> str:
    return str(_top(ws, "country").index[0])


@expected
def largest_country_customers(ws: Workspace) -> int:
    return int(_top(ws, "country").iloc[0])


@expected
def top_region_by_revenue(ws: Workspace) -> str:
    return str(_region_revenue(ws).index[0])


@expected
def top_region_revenue(ws: Workspace) -> float:
    return float(_region_revenue(ws).iloc[0])


def _region_revenue(ws: Workspace) -> pd.Series:
    regions = _customers(ws).set_index("customer_id")["region"]
    frame = _orders(ws)
    return frame.groupby(frame["customer_id"].map(regions))["amount"].sum().sort_values(
        ascending=False)


@expected
def female_customers(ws: Workspace) -> int:
    return int((_customers(ws)["gender"] == "Female").sum())


@expected
def male_customers(ws: Workspace) -> int:
    return int((_customers(ws)["gender"] == "Male").sum())


@expected
def median_age(ws: Workspace) -> float:
    return float(_customers(ws)["age"].median())


@expected
def mean_age(ws: Workspace) -> float:
    return float(_customers(ws)["age"].mean())


@expected
def largest_income_band(ws: Workspace) -> str:
    return str(_top(ws, "income_band").index[0])


@expected
def largest_income_band_customers(ws: Workspace) -> int:
    return int(_top(ws, "income_band").iloc[0])


@expected
def mobile_customers(ws: Workspace) -> int:
    return int((_customers(ws)["device"] == "mobile").sum())


@expected
def mobile_share(ws: Workspace) -> float:
    return _percent(mobile_customers(ws), customers(ws))


@expected
def largest_os(ws: Workspace) -> str:
    return str(_top(ws, "os").index[0])


@expected
def largest_os_customers(ws: Workspace) -> int:
    return int(_top(ws, "os").iloc[0])


@expected
def top_source_channel(ws: Workspace) -> str:
    return str(_top(ws, "source_channel").index[0])


@expected
def top_source_channel_customers(ws: Workspace) -> int:
    return int(_top(ws, "source_channel").iloc[0])


@expected
def social_media_customers(ws: Workspace) -> int:
    return int((_customers(ws)["source_channel"] == "social media").sum())


@expected
def top_first_touch(ws: Workspace) -> str:
    return str(_top(ws, "first_touch_content").index[0])


@expected
def california_customers(ws: Workspace) -> int:
    return int((_customers(ws)["region"] == "California").sum())


# ----- behaviour --------------------------------------------------------------------


@expected
def discount_order_share(ws: Workspace) -> float:
    return _percent(int(_orders(ws)["discount_used"].astype(bool).sum()), orders(ws))


@expected
def top_category_by_revenue(ws: Workspace) -> str:
    frame = _orders(ws)
    return str(frame.groupby("product_category")["amount"].sum().idxmax())


@expected
def top_category_orders(ws: Workspace) -> str:
    return str(_orders(ws)["product_category"].value_counts().index[0])


@expected
def top_sales_channel(ws: Workspace) -> str:
    return str(_orders(ws)["sales_channel"].value_counts().index[0])


@expected
def top_sales_channel_orders(ws: Workspace) -> int:
    return int(_orders(ws)["sales_channel"].value_counts().iloc[0])


@expected
def top_ticket_topic(ws: Workspace) -> str:
    tickets = _read(ws.root, ws.dataset_info("tickets")["file"])
    return str(tickets["topic"].value_counts().index[0])


# ----- value ------------------------------------------------------------------------


def _top_count(n: int, percent: float) -> int:
    return max(1, math.ceil(n * percent / 100 - 1e-9))


@expected
def top20_revenue_share(ws: Workspace) -> float:
    revenue_sorted = _revenue_per_buyer(ws)
    top = revenue_sorted.iloc[: _top_count(len(revenue_sorted), 20)].sum()
    return _percent(top, revenue_sorted.sum())


@expected
def top10_revenue_share(ws: Workspace) -> float:
    revenue_sorted = _revenue_per_buyer(ws)
    top = revenue_sorted.iloc[: _top_count(len(revenue_sorted), 10)].sum()
    return _percent(top, revenue_sorted.sum())


@expected
def customers_for_80_share(ws: Workspace) -> float:
    """The smallest share of buyers (best first) that brings 80% of revenue."""
    revenue_sorted = _revenue_per_buyer(ws)
    cumulative = revenue_sorted.cumsum() / revenue_sorted.sum()
    needed = int((cumulative < 0.8 - 1e-12).sum()) + 1
    return _percent(needed, len(revenue_sorted))


# ----- lifecycle (the documented rules: new 90 days, at risk 120, churned 365, loyal 10) --


def _lifecycle(ws: Workspace) -> pd.Series:
    frame = _orders(ws)
    as_of = _as_of(ws)
    per = frame.groupby("customer_id")["order_date"].agg(["min", "max", "size"])
    first_days = (as_of - pd.to_datetime(per["min"]).dt.normalize()).dt.days
    last_days = (as_of - pd.to_datetime(per["max"]).dt.normalize()).dt.days
    status = pd.Series("active", index=per.index)
    status[per["size"] >= 10] = "loyal"
    status[last_days > 120] = "at risk"
    status[last_days > 365] = "churned"
    status[first_days <= 90] = "new"
    return status


@expected
def lifecycle_new(ws: Workspace) -> int:
    return int((_lifecycle(ws) == "new").sum())


@expected
def lifecycle_at_risk(ws: Workspace) -> int:
    return int((_lifecycle(ws) == "at risk").sum())


@expected
def lifecycle_churned(ws: Workspace) -> int:
    return int((_lifecycle(ws) == "churned").sum())


@expected
def lifecycle_loyal(ws: Workspace) -> int:
    return int((_lifecycle(ws) == "loyal").sum())


# ----- RFM champions (quintile scores; R = 5 and F of 4 or 5) -----------------------


def _score(values: pd.Series) -> pd.Series:
    """1 + floor(5 × share of customers with a strictly lower value); ties share a score."""
    below = values.rank(method="min") - 1
    return (1 + (5 * below / len(values)).apply(math.floor)).clip(1, 5).astype(int)


@expected
def rfm_champions(ws: Workspace) -> int:
    frame = _orders(ws)
    snapshot = _as_of(ws) + pd.Timedelta(days=1)
    per = frame.groupby("customer_id").agg(last=("order_date", "max"), n=("order_id", "size"))
    recency = (snapshot - pd.to_datetime(per["last"])).dt.days
    r_score = _score(-recency)
    f_score = _score(per["n"])
    return int(((r_score == 5) & (f_score >= 4)).sum())


# ----- the planted ground truth -----------------------------------------------------


def _truth(ws: Workspace) -> dict:
    return ws.read_json("ground_truth.json")


@expected
def truth_customers(ws: Workspace) -> int:
    return int(_truth(ws)["n_customers"])


@expected
def truth_discount_hunters(ws: Workspace) -> int:
    return int(_truth(ws)["archetypes"]["discount_hunter"]["n_customers"])

# ----- single customers ---------------------------------------------------------------


@expected
def top_customer(ws: Workspace) -> str:
    return str(_revenue_per_buyer(ws).index[0])


@expected
def top_customer_revenue(ws: Workspace) -> float:
    return float(_revenue_per_buyer(ws).iloc[0])


@expected
def first_customer_orders(ws: Workspace) -> int:
    """Orders counted for the customer listed first in the customers table."""
    first = str(_customers(ws)["customer_id"].iloc[0])
    return int((_orders(ws)["customer_id"].astype(str) == first).sum())
