"""Describe each segment against the whole base: means, lift, traits in words, and a name.

A segment is only useful once a marketer can say what it is. For every feature the
segment's mean (or a category's share) is compared with everyone's; the features on
which the segment stands out most (in standard deviations) become its traits
("order value 2.3× the average", "mostly female (78% vs 51%)") and its name.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tools.clustering.matrix import OTHER
from tools.clustering.sources import KIND_CATEGORICAL, KIND_DATE, KIND_ORDERED
from tools.clustering.words import Words, plain_name, words_for
from tools.result import MIN_RELIABLE

MIN_EFFECT = 0.3
"""A difference smaller than this many standard deviations is not called a trait."""
MAX_TRAITS = 3
GENERIC_NOUN = "customers"


@dataclass(frozen=True)
class Trait:
    feature: str
    level: str  # the category for categorical features, '' otherwise
    effect: float  # signed difference in standard deviations
    text: str
    adjective: str
    noun: str


def profile_table(readable: pd.DataFrame, kinds: dict[str, str], labels: pd.Series) -> pd.DataFrame:
    """Long table: segment, feature, level, segment_value, overall_value, lift, effect."""
    counts = labels.value_counts()
    frames = []
    for feature in readable.columns:
        column = readable[feature]
        kind = kinds.get(feature)
        if kind == KIND_CATEGORICAL:
            frames.append(_categorical_rows(feature, column, labels))
            continue
        numbers = column.cat.codes.astype(float) if kind == KIND_ORDERED else column.astype(float)
        by_segment = numbers.groupby(labels).mean()
        overall, spread = float(numbers.mean()), float(numbers.std(ddof=0))
        frames.append(pd.DataFrame({
            "segment": by_segment.index,
            "feature": feature,
            "level": _modes(column, labels).reindex(by_segment.index).to_numpy()
            if kind == KIND_ORDERED else "",
            "segment_value": by_segment.to_numpy(),
            "overall_value": overall,
            "lift": by_segment.to_numpy() / overall if overall else np.nan,
            "effect": (by_segment.to_numpy() - overall) / spread if spread else 0.0,
        }))
    table = pd.concat(frames, ignore_index=True)
    table["customers"] = table["segment"].map(counts).astype(int)
    table["low_confidence"] = table["customers"] < MIN_RELIABLE
    return table


def segment_traits(profile: pd.DataFrame, kinds: dict[str, str]) -> dict[object, list[Trait]]:
    """The strongest traits of each segment, strongest first (at most MAX_TRAITS)."""
    traits: dict[object, list[Trait]] = {}
    for segment, rows in profile.groupby("segment", sort=True):
        best = rows.assign(strength=rows["effect"].abs())
        categorical = best["feature"].map(kinds) == KIND_CATEGORICAL
        best = best[~(categorical & (best["level"] == OTHER))]  # 'other' describes nobody
        categorical = categorical.reindex(best.index)
        # a categorical feature speaks through its most over-represented level only
        best = pd.concat([best[~categorical],
                          best[categorical & (best["effect"] > 0)]
                          .sort_values("effect", ascending=False).drop_duplicates("feature")])
        best = best[best["strength"] >= MIN_EFFECT].sort_values(
            ["strength", "feature"], ascending=[False, True]).head(MAX_TRAITS)
        traits[segment] = [_trait(row, kinds.get(row.feature)) for row in best.itertuples()]
    return traits


def segment_names(traits: dict[object, list[Trait]]) -> dict[object, str]:
    """A short descriptive name per segment, unique within the result."""
    depth = dict.fromkeys(traits, 2)
    names = {s: _name(t, depth[s]) for s, t in traits.items()}
    for _ in range(MAX_TRAITS):
        clashes = _clashing(names)
        if not clashes:
            return names
        for segment in clashes:
            depth[segment] += 1
            names[segment] = _name(traits[segment], depth[segment])
    seen: dict[str, int] = {}
    for segment in traits:
        seen[names[segment]] = seen.get(names[segment], 0) + 1
        if seen[names[segment]] > 1:
            names[segment] = f"{names[segment]} {seen[names[segment]]}"
    return names


def _clashing(names: dict[object, str]) -> list[object]:
    counts = pd.Series(list(names.values())).value_counts()
    return [s for s, n in names.items() if counts[n] > 1]


def _name(traits: list[Trait], depth: int) -> str:
    used = traits[:depth]
    if not used:
        return "Typical customers"
    specific = [t for t in used if t.noun != GENERIC_NOUN]
    head = specific[0] if specific else None
    adjectives = [t.adjective for t in used if t is not head]
    noun = head.noun if head else GENERIC_NOUN
    glue = ", " if any(" " in a for a in adjectives) else " "
    text = (glue.join(adjectives) + " " + noun).strip() if adjectives else noun
    return text[0].upper() + text[1:]


def _trait(row: object, kind: str | None) -> Trait:
    feature, effect = row.feature, float(row.effect)
    seg, overall = float(row.segment_value), float(row.overall_value)
    if kind == KIND_CATEGORICAL:
        level, label = str(row.level), plain_name(feature)
        lead = "mostly" if seg >= 0.5 else "more often"
        adjective = level if any(c.isalpha() for c in level) else f"{label} {level}"
        return Trait(feature, level, effect,
                     f"{lead} {level} ({label} {seg:.0%} vs {overall:.0%})",
                     adjective, GENERIC_NOUN)
    words: Words = words_for(feature, kind == KIND_DATE)
    adjective, noun = words.high if effect > 0 else words.low
    if kind == KIND_ORDERED:
        direction = "higher" if effect > 0 else "lower"
        text = f"{direction} {words.label} (most often {row.level})"
    elif words.share or (0 <= overall <= 1 and 0 <= seg <= 1 and _is_rate(feature)):
        text = f"{words.label} {seg:.0%} vs {overall:.0%} overall"
    elif overall > 0 and seg >= 0 and abs(seg / overall - 1) >= 0.25 and feature != "age":
        text = f"{words.label} {seg / overall:.1f}× the average"
    else:
        text = f"{words.label} {_short(seg)} vs {_short(overall)} on average"
    return Trait(feature, "", effect, text, adjective, noun)


def _is_rate(feature: str) -> bool:
    lowered = feature.lower()
    return any(w in lowered for w in ("share", "rate", "ratio", "pct", "percent"))


def _short(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def _modes(column: pd.Series, labels: pd.Series) -> pd.Series:
    pairs = pd.DataFrame({"segment": labels.to_numpy(), "value": column.astype(str).to_numpy()})
    counts = pairs.value_counts().reset_index(name="n").sort_values(
        ["segment", "n", "value"], ascending=[True, False, True])
    return counts.drop_duplicates("segment").set_index("segment")["value"]


def _categorical_rows(feature: str, column: pd.Series, labels: pd.Series) -> pd.DataFrame:
    shares = pd.crosstab(labels.to_numpy(), column.astype(str).to_numpy(), normalize="index")
    overall = column.astype(str).value_counts(normalize=True).reindex(shares.columns)
    long = shares.stack().rename("segment_value").reset_index()
    long.columns = ["segment", "level", "segment_value"]
    long["overall_value"] = long["level"].map(overall).to_numpy()
    spread = np.sqrt(long["overall_value"] * (1 - long["overall_value"]))
    long["lift"] = long["segment_value"] / long["overall_value"]
    long["effect"] = np.where(spread > 0, (long["segment_value"] - long["overall_value"])
                              / spread.where(spread > 0, 1.0), 0.0)
    long["feature"] = feature
    return long[["segment", "feature", "level", "segment_value", "overall_value", "lift",
                 "effect"]]
