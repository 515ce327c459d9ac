"""A few values far from the rest (beyond Tukey's far fences) are reported with a question,
never changed unless the marketer asks; long tails are the column's shape and get no note."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tools.ingest import IngestOptions, read_table

ROWS = 1000


def customers(**columns: list[float]) -> pd.DataFrame:
    frame = pd.DataFrame({"customer_id": [f"C{i:04d}" for i in range(ROWS)]})
    return frame.assign(**columns)


def write(tmp_path: Path, frame: pd.DataFrame) -> Path:
    path = tmp_path / "customers.csv"
    frame.to_csv(path, index=False)
    return path


def birth_years(planted: dict[int, int]) -> list[float]:
    """Plausible years 1955–1985, with the planted {row: year} typos."""
    years = [1955 + (i * 7) % 31 for i in range(ROWS)]
    for row, year in planted.items():
        years[row] = year
    return years


def spend(planted: dict[int, float]) -> list[float]:
    """Spend spread evenly on a log scale from 10 to 300, with planted {row: value}s."""
    values = list(np.round(np.geomspace(10, 300, ROWS), 2))
    for row, value in planted.items():
        values[row] = value
    return values


def outlier_questions(report) -> dict[str, dict]:
    return {q["column"]: q for q in report.questions if q["kind"] == "outliers"}


PLANTED_YEARS = {17: 1893, 400: 1899, 803: 1900}


def test_a_few_far_values_are_reported_and_kept(tmp_path: Path) -> None:
    years = birth_years(PLANTED_YEARS)
    table = read_table(write(tmp_path, customers(Year_Birth=years)))
    assert table.frame["Year_Birth"].tolist() == years  # nothing changed
    note = next(w for w in table.report.warnings if "unusual value" in w)
    assert note.startswith("3 unusual value(s) in 'Year_Birth' (e.g. 1893, 1899, 1900)")
    asked = outlier_questions(table.report)["Year_Birth"]
    assert (asked["options"], asked["chosen"]) == (["keep", "leave_out"], "keep")
    assert "1893, 1899, 1900" in table.report.to_markdown()


def test_far_values_are_left_out_only_when_asked(tmp_path: Path) -> None:
    years = birth_years(PLANTED_YEARS)
    options = IngestOptions(leave_out_outliers=["Year_Birth"])
    table = read_table(write(tmp_path, customers(Year_Birth=years)), options)
    stored = table.frame["Year_Birth"]
    assert stored.isna().tolist() == [i in PLANTED_YEARS for i in range(ROWS)]
    expected = pd.Series(years).drop(index=list(PLANTED_YEARS)).mean()
    assert stored.mean() == pytest.approx(expected)
    assert len(table.frame) == ROWS  # rows stay; only the values are empty
    assert any(w.startswith("Left out 3 unusual value(s) in 'Year_Birth'")
               for w in table.report.warnings)
    assert outlier_questions(table.report)["Year_Birth"]["chosen"] == "leave_out"


def test_at_most_five_examples_furthest_first(tmp_path: Path) -> None:
    rows = 2 * ROWS
    years = [1955 + (i * 7) % 31 for i in range(rows)]
    for i in range(1, 8):  # seven typos 1801 … 1807 (0.35% of the rows); 2200 the furthest of all
        years[i * 97] = 1800 + i
    years[1500] = 2200
    frame = pd.DataFrame({"customer_id": [f"C{i}" for i in range(rows)], "Year_Birth": years})
    note = next(w for w in read_table(write(tmp_path, frame)).report.warnings
                if "unusual value" in w)
    assert note.startswith("8 unusual value(s) in 'Year_Birth' (e.g. 1801, 1802, 1803, 1804, "
                           "2200)")


def test_a_typo_in_skewed_spend_is_reported_but_big_spenders_are_not(tmp_path: Path) -> None:
    # 25000 is far on both scales, yet under the 1000×-spread rule for extreme values
    values = spend({5: 2000.0, 500: 2100.0, 900: 25000.0})
    frame = customers(total_spend=values)
    # the big spenders lie beyond the straight-scale far fences, as computed here
    q1, q3 = pd.Series(values).quantile([0.25, 0.75])
    assert q3 + 3 * (q3 - q1) < 2000
    report = read_table(write(tmp_path, frame)).report
    notes = [w for w in report.warnings if "unusual value" in w]
    assert len(notes) == 1 and notes[0].startswith("1 unusual value(s) in 'total_spend' "
                                                   "(e.g. 25000)")


def test_a_long_tail_is_the_columns_shape(tmp_path: Path) -> None:
    # 2% of customers far above the rest: more than 1% beyond the fences, so no note
    values = [10.0 + i % 50 for i in range(ROWS)]
    for i in range(20):
        values[i * 50] = 5000.0 + i
    report = read_table(write(tmp_path, customers(spend=values))).report
    assert not outlier_questions(report)
    assert not any("unusual value" in w for w in report.warnings)


@pytest.mark.parametrize("planted", [8, 25])
def test_more_than_a_few_far_values_get_no_note(tmp_path: Path, planted: int) -> None:
    """8 of 1,000 is over 0.5%; 25 of 5,000 is within 0.5% but over 20 values."""
    rows = ROWS if planted == 8 else 5 * ROWS
    years = [1955 + (i * 7) % 31 for i in range(rows)]
    for i in range(planted):
        years[i * 37] = 1850
    frame = pd.DataFrame({"customer_id": [f"C{i}" for i in range(rows)], "Year_Birth": years})
    report = read_table(write(tmp_path, frame)).report
    assert not outlier_questions(report)


def test_a_column_mostly_one_value_has_no_fences(tmp_path: Path) -> None:
    complaints = [0] * ROWS
    complaints[3], complaints[600] = 4, 7
    report = read_table(write(tmp_path, customers(complaints=complaints))).report
    assert not any("unusual value" in w for w in report.warnings)


def test_real_marketing_campaign_gets_notes_for_its_known_quirks(shared_data: Path) -> None:
    """The dataset's README names these quirks: birth years 1893, 1899, 1900 and one
    income of 666666. Spend columns (MntWines …) are long-tailed, not wrong."""
    report = read_table(shared_data / "marketing_campaign.csv").report
    asked = outlier_questions(report)
    assert set(asked) == {"Year_Birth", "Income"}
    assert "1893, 1899, 1900" in asked["Year_Birth"]["question"]
    assert "666666" in asked["Income"]["question"]
    assert not any("'Mnt" in w for w in report.warnings)


@pytest.mark.parametrize(
    "name",
    ["Mall_Customers.csv", "womens_clothing_reviews.csv", "CDNOW_sample.txt"],
)
def test_other_real_files_get_no_outlier_notes(shared_data: Path, name: str) -> None:
    assert not outlier_questions(read_table(shared_data / name).report)
