"""The rating and NPS mix of a set of documents, and whether a theme is a pain or a praise.

A theme is a pain point when the documents that mention it are rated lower than the
group's documents overall (by a quarter of a star, or half an NPS point when there are
no star ratings), and a praise when they are rated higher. Without ratings, or with
fewer than 5 rated documents, the kind is left open rather than guessed.
"""

from __future__ import annotations

from typing import Any

import numpy as np

_MIN_RATED = 5
_STAR_GAP = 0.25
_NPS_GAP = 0.5


def feedback_mix(rating: np.ndarray, nps: np.ndarray) -> dict[str, Any]:
    """Counts and shares of star ratings and of NPS promoters / passives / detractors."""
    mix: dict[str, Any] = {}
    stars = rating[~np.isnan(rating)]
    if stars.size:
        mix["rated_documents"] = int(stars.size)
        mix["rating_mean"] = round(float(stars.mean()), 2)
        mix["rating_counts"] = {
            f"{v:g}": int((stars == v).sum()) for v in np.unique(np.round(stars))
        }
        mix["share_1_2_stars"] = round(float((stars <= 2).mean()), 4)
        mix["share_4_5_stars"] = round(float((stars >= 4).mean()), 4)
    scores = nps[~np.isnan(nps)]
    if scores.size:
        promoters = float((scores >= 9).mean())
        detractors = float((scores <= 6).mean())
        mix["nps_responses"] = int(scores.size)
        mix["promoters"] = round(promoters, 4)
        mix["passives"] = round(1 - promoters - detractors, 4)
        mix["detractors"] = round(detractors, 4)
        mix["nps"] = round(100 * (promoters - detractors), 1)
    return mix


def theme_kind(
    rating: np.ndarray, nps: np.ndarray, in_theme: np.ndarray, in_group: np.ndarray
) -> str | None:
    for values, gap in ((rating, _STAR_GAP), (nps, _NPS_GAP)):
        theme_values = values[in_theme & ~np.isnan(values)]
        group_values = values[in_group & ~np.isnan(values)]
        if theme_values.size >= _MIN_RATED and group_values.size >= _MIN_RATED:
            difference = theme_values.mean() - group_values.mean()
            if difference <= -gap:
                return "pain"
            if difference >= gap:
                return "praise"
            return None
    return None
