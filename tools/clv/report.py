"""How CLV results are shown: the facts, the by-segment breakdown and the chart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.express as px

from tools.clv.bgnbd import BGNBDParams
from tools.clv.gamma_gamma import GammaGammaParams
from tools.result import MIN_RELIABLE, Fact

LIKELY_ALIVE = 0.5
"""A customer with P(alive) at or above this counts as likely still active."""

NOT_SEGMENTED = "(not in segmentation)"


def top_decile_share(values: pd.Series) -> float:
    """Share of the total held by the top 10% of customers (at least one customer)."""
    total = float(values.sum())
    if total <= 0:
        return float("nan")
    top = max(1, int(np.ceil(len(values) * 0.1)))
    return float(np.sort(values.to_numpy(float))[::-1][:top].sum() / total)


def predictive_facts(table: pd.DataFrame, months: int) -> dict[str, Fact]:
    few = len(table) < MIN_RELIABLE
    clv = table["predicted_clv"]
    alive = table["prob_alive"]
    return {
        "customers": Fact(len(table), "customers", "Customers valued", few),
        "repeat_customers": Fact(int((table["frequency"] > 0).sum()), "customers",
                                 "Customers with a repeat purchase", few),
        "total_predicted_value": Fact(float(clv.sum()), "currency",
                                      f"Predicted value over {months} months", few),
        "mean_predicted_clv": Fact(float(clv.mean()), "currency",
                                   "Mean predicted value per customer", few),
        "median_predicted_clv": Fact(float(clv.median()), "currency",
                                     "Median predicted value per customer", few),
        "top_decile_value_share": Fact(top_decile_share(clv), "share",
                                       "Share of predicted value from the top 10%", few),
        "expected_purchases": Fact(float(table["expected_purchases"].sum()), "count",
                                   f"Purchases expected over {months} months", few),
        "median_prob_alive": Fact(float(alive.median()), "share",
                                  "Median chance a customer is still active", few),
        "share_likely_alive": Fact(float((alive >= LIKELY_ALIVE).mean()), "share",
                                   "Customers more likely active than not", few),
        "mean_historical_clv": Fact(float(table["historical_clv"].mean()), "currency",
                                    "Mean historical lifetime value", few),
    }


def historical_facts(table: pd.DataFrame) -> dict[str, Fact]:
    few = len(table) < MIN_RELIABLE
    clv = table["historical_clv"]
    return {
        "customers": Fact(len(table), "customers", "Customers valued", few),
        "repeat_customers": Fact(int((table["frequency"] > 0).sum()), "customers",
                                 "Customers with a repeat purchase", few),
        "total_historical_value": Fact(float(clv.sum()), "currency",
                                       "Total historical lifetime value", few),
        "mean_historical_clv": Fact(float(clv.mean()), "currency",
                                    "Mean historical lifetime value", few),
        "median_historical_clv": Fact(float(clv.median()), "currency",
                                      "Median historical lifetime value", few),
        "top_decile_value_share": Fact(top_decile_share(clv), "share",
                                       "Share of value from the top 10%", few),
    }


def model_facts(purchases: BGNBDParams, spend: GammaGammaParams) -> dict[str, Fact]:
    """The fitted parameters, so a result can be checked against published ones."""
    return {
        "bgnbd_r": Fact(round(purchases.r, 4), "", "BG/NBD r (purchase rate shape)"),
        "bgnbd_alpha": Fact(round(purchases.alpha, 4), "", "BG/NBD α (purchase rate scale)"),
        "bgnbd_a": Fact(round(purchases.a, 4), "", "BG/NBD a (drop-out shape)"),
        "bgnbd_b": Fact(round(purchases.b, 4), "", "BG/NBD b (drop-out shape)"),
        "gg_p": Fact(round(spend.p, 4), "", "Gamma-Gamma p (spend shape)"),
        "gg_q": Fact(round(spend.q, 4), "", "Gamma-Gamma q (spend spread shape)"),
        "gg_gamma": Fact(round(spend.gamma, 4), "", "Gamma-Gamma γ (spend spread scale)"),
    }


def by_segment(table: pd.DataFrame, labels: pd.Series, value: str) -> pd.DataFrame:
    """Customers, mean and total value, share of value and mean P(alive) per segment."""
    segment = labels.reindex(table.index).fillna(NOT_SEGMENTED).astype(str)
    frame = pd.DataFrame({"segment": segment.to_numpy(), "value": table[value].to_numpy(),
                          "alive": table["prob_alive"].to_numpy(float)})
    grouped = frame.groupby("segment", sort=True)
    out = pd.DataFrame({
        "customers": grouped.size(),
        "mean_clv": grouped["value"].mean(),
        "total_value": grouped["value"].sum(),
        "mean_prob_alive": grouped["alive"].mean(),
    })
    total = float(out["total_value"].sum())
    out["share_of_value"] = out["total_value"] / total if total > 0 else np.nan
    out["low_confidence"] = out["customers"] < MIN_RELIABLE
    out = out.reset_index().sort_values("total_value", ascending=False, kind="stable")
    columns = ["segment", "customers", "mean_clv", "total_value", "share_of_value",
               "mean_prob_alive", "low_confidence"]
    return out[columns].reset_index(drop=True)


def segment_facts(segments: pd.DataFrame) -> dict[str, Fact]:
    named = segments[segments["segment"] != NOT_SEGMENTED]
    if named.empty or named["share_of_value"].isna().all():
        return {}
    top = named.iloc[0]
    few = bool(top["low_confidence"])
    return {
        "top_value_segment": Fact(str(top["segment"]), "", "Segment holding the most value", few),
        "top_value_segment_share": Fact(float(top["share_of_value"]), "share",
                                        "Its share of the value", few),
    }


def chart(table: pd.DataFrame, value: str, segments: pd.DataFrame | None, title: str):
    """A bar of mean value per segment, or the spread of customer values."""
    if segments is not None and not segments.empty:
        figure = px.bar(segments, x="segment", y="mean_clv", hover_data=[
            "customers", "total_value", "share_of_value", "mean_prob_alive"],
            labels={"mean_clv": "Mean value per customer", "segment": "Segment"},
            title=title)
        return figure
    values = table[value]
    cap = float(values.quantile(0.99)) if len(values) else 0.0
    shown = values.clip(upper=cap) if cap > 0 else values
    figure = px.histogram(x=shown.to_numpy(), nbins=40, title=title,
                          labels={"x": "Value per customer (top 1% grouped at the right)"})
    figure.update_layout(yaxis_title="Customers", showlegend=False)
    return figure
