"""Segment metrics from per-customer sums, and the performing / underperforming labels.

Every metric is a ratio of sums over the segment's customers:

| metric                      | computed as                                                |
|-----------------------------|------------------------------------------------------------|
| customer_share              | customers / customers in the base                          |
| revenue_share               | revenue / revenue of the base                              |
| avg_order_value             | revenue / orders                                           |
| orders_per_customer         | orders / customers                                         |
| revenue_per_customer        | revenue / customers                                        |
| historical_clv              | mean historical CLV (0 for members without purchases)      |
| at_risk_share               | customers whose lifecycle status is at risk or churned     |
| tickets_per_customer        | tickets / customers (and tickets_<topic> per topic)        |
| billing_issues_per_customer | billing, payment, refund or charge tickets / customers     |
| mean_nps                    | mean of the segment's NPS answers (0-10)                   |
| net_promoter_score          | % promoters (9-10) minus % detractors (0-6), -100 to 100   |
| mean_rating                 | mean of the segment's review ratings                       |
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tools.result import MIN_RELIABLE, format_value

UNITS = {
    "customers": "customers", "customer_share": "share", "revenue": "currency",
    "revenue_share": "share", "avg_order_value": "currency", "orders_per_customer": "ratio",
    "revenue_per_customer": "currency", "historical_clv": "currency", "at_risk_share": "share",
    "tickets_per_customer": "ratio", "billing_issues_per_customer": "ratio",
    "mean_nps": "score", "net_promoter_score": "score", "mean_rating": "score",
}
LABELS = {
    "customers": "customers", "customer_share": "share of customers", "revenue": "revenue",
    "revenue_share": "share of revenue", "avg_order_value": "average order value",
    "orders_per_customer": "orders per customer", "revenue_per_customer": "revenue per customer",
    "historical_clv": "historical CLV", "at_risk_share": "share at risk or churned",
    "tickets_per_customer": "support tickets per customer",
    "billing_issues_per_customer": "billing issues per customer",
    "mean_nps": "mean NPS answer (0-10)", "net_promoter_score": "net promoter score",
    "mean_rating": "mean review rating",
}
PERFORMING = "performing well"
POTENTIAL = "underperforming but high potential"
UNDERPERFORMING = "underperforming"
RULES = pd.DataFrame([
    {"order": 1, "label": PERFORMING,
     "rule": "revenue share ≥ customer share, and at-risk share ≤ the overall at-risk share"},
    {"order": 2, "label": POTENTIAL,
     "rule": "not performing well, but average order value, historical CLV or mean NPS "
             f"(from at least {MIN_RELIABLE} answers) ≥ overall"},
    {"order": 3, "label": UNDERPERFORMING, "rule": "everything else"},
])


def unit_of(metric: str) -> str:
    return UNITS.get(metric, "ratio")


def label_of(metric: str) -> str:
    if metric.startswith("tickets_") and metric not in LABELS:
        return f"'{metric.removeprefix('tickets_').replace('_', ' ')}' tickets per customer"
    return LABELS.get(metric, metric.replace("_", " "))


def _ratio(top: pd.Series, bottom: pd.Series | float) -> pd.Series:
    bottom = bottom.replace(0, np.nan) if isinstance(bottom, pd.Series) else (bottom or np.nan)
    return top.astype(float) / bottom


def metrics_from_sums(sums: pd.DataFrame, total: pd.Series, topics: list[str]) -> pd.DataFrame:
    """One row per group of `sums` (per-customer sums added up), shares against `total`."""
    customers = sums["customers"].astype(float)
    out = pd.DataFrame(index=sums.index)
    out["customers"] = sums["customers"].astype(int)
    out["customer_share"] = _ratio(customers, float(total["customers"]))
    out["revenue"] = sums["revenue"].astype(float)
    out["revenue_share"] = _ratio(sums["revenue"], float(total["revenue"]))
    out["avg_order_value"] = _ratio(sums["revenue"], sums["orders"])
    out["orders_per_customer"] = _ratio(sums["orders"], customers)
    out["revenue_per_customer"] = _ratio(sums["revenue"], customers)
    out["historical_clv"] = _ratio(sums["clv"], customers)
    out["at_risk_share"] = _ratio(sums["at_risk"], customers)
    if "tickets" in sums:
        out["tickets_per_customer"] = _ratio(sums["tickets"], customers)
        for column in topics:
            out[column] = _ratio(sums[column], customers)
        if "billing_issues" in sums:
            out["billing_issues_per_customer"] = _ratio(sums["billing_issues"], customers)
    if "nps_count" in sums:
        out["mean_nps"] = _ratio(sums["nps_sum"], sums["nps_count"])
        out["net_promoter_score"] = 100 * _ratio(sums["promoters"] - sums["detractors"],
                                                 sums["nps_count"])
        out["nps_answers"] = sums["nps_count"].astype(int)
    if "rating_count" in sums:
        out["mean_rating"] = _ratio(sums["rating_sum"], sums["rating_count"])
    out["low_confidence"] = out["customers"] < MIN_RELIABLE
    return out


def overall_metrics(total: pd.Series, topics: list[str]) -> pd.Series:
    return metrics_from_sums(total.to_frame().T, total, topics).iloc[0]


def health_labels(metrics: pd.DataFrame, overall: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The label and a one-sentence reason per segment, following `RULES` in order."""
    share = metrics["revenue_share"] >= metrics["customer_share"]
    safe = metrics["at_risk_share"] <= overall["at_risk_share"] + 1e-12
    performing = share & safe
    signals = [m for m in ("avg_order_value", "historical_clv", "mean_nps") if m in metrics]
    strong = {m: metrics[m] >= overall[m] - 1e-12 for m in signals}
    if "mean_nps" in strong:  # a handful of answers says little about a segment
        strong["mean_nps"] &= metrics["nps_answers"] >= MIN_RELIABLE
    potential = ~performing & np.logical_or.reduce([s.to_numpy() for s in strong.values()])
    labels = pd.Series(np.select([performing, potential], [PERFORMING, POTENTIAL],
                                 UNDERPERFORMING), index=metrics.index, name="health")
    why = []
    for segment in metrics.index:
        row = metrics.loc[segment]
        parts = [_compare("revenue share", row["revenue_share"], "customer share",
                          row["customer_share"], "share"),
                 _compare("at-risk share", row["at_risk_share"], "overall",
                          overall["at_risk_share"], "share")]
        text = f"{labels[segment].capitalize()}: " + "; ".join(parts)
        if labels[segment] == POTENTIAL:
            good = [m for m in signals if strong[m][segment]]
            text += "; but " + ", ".join(
                _compare(label_of(m), row[m], "overall", overall[m], unit_of(m)) for m in good)
        elif labels[segment] == UNDERPERFORMING and signals:
            text += "; no potential signal: " + ", ".join(label_of(m) for m in signals) + (
                " below overall")
        why.append(text + ".")
    return labels, pd.Series(why, index=metrics.index, name="why")


def _compare(name: str, value: float, other_name: str, other: float, unit: str) -> str:
    sign = "≥" if value >= other - 1e-12 else "<"
    if unit == "share" and name == "at-risk share":
        sign = "≤" if value <= other + 1e-12 else ">"
    return f"{name} {format_value(value, unit)} {sign} {other_name} {format_value(other, unit)}"
