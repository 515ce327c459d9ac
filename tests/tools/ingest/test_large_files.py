"""Large files take quick paths, yet every messy value is cleaned, however late it appears."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from tools.errors import IngestError
from tools.ingest import IngestOptions, read_table

ROWS = 200_000
CITIES = ["Lyon", "Oslo", "Porto", "Graz"]
START = pd.Timestamp("2024-01-01")

# Messy cells placed far beyond the first rows any check looks at first.
MESSY_AMOUNTS = {
    150_001: ("$1,234.50", 1234.5),
    160_002: ("(£3.50)", -3.5),
    170_003: (" 12.75 ", 12.75),
    175_004: ("1 250.00", 1250.0),
}
MESSY_CITIES = {
    180_004: ("\u3000Oslo\u3000", "Oslo"),
    180_005: ("\x1cGraz\x85", "Graz"),
    180_006: ("   ", None),
    180_007: ("N/A", None),
}
BAD_DATE_ROW = 190_006


def plain_amount(i: int) -> float:
    return (i % 1000) + 0.25


def write_orders(path: Path) -> Path:
    lines = ["order_id,customer_id,order_date,amount,city"]
    for i in range(ROWS):
        amount = MESSY_AMOUNTS.get(i, (f"{plain_amount(i):.2f}",))[0]
        city = MESSY_CITIES.get(i, (CITIES[i % 4],))[0]
        date = (
            "not a date" if i == BAD_DATE_ROW else f"{START + pd.Timedelta(days=i % 365):%Y-%m-%d}"
        )
        quoted = f'"{amount}"' if "," in amount else amount
        lines.append(f"O{i},C{i % 7000:05d},{date},{quoted},{city}")
    lines.append(lines[-1])  # an exact copy of the last row
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def large_orders(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    path = write_orders(tmp_path_factory.mktemp("large") / "orders.csv")
    assert path.stat().st_size > 4 * 1024 * 1024
    return read_table(path, IngestOptions(max_bytes=2**30))


def test_every_late_messy_amount_is_cleaned(large_orders) -> None:
    frame = large_orders.frame
    expected = [MESSY_AMOUNTS[i][1] if i in MESSY_AMOUNTS else plain_amount(i) for i in range(ROWS)]
    assert frame["amount"].dtype == "float64"
    assert frame["amount"].tolist() == expected


def test_late_text_is_trimmed_like_python_strip(large_orders) -> None:
    frame = large_orders.frame
    for row, (_, cleaned) in MESSY_CITIES.items():
        value = frame["city"].iloc[row]
        assert pd.isna(value) if cleaned is None else value == cleaned, (row, value)
    assert int(frame["city"].isna().sum()) == 2
    assert frame["customer_id"].iloc[-1] == f"C{(ROWS - 1) % 7000:05d}"  # zero padding kept


def test_late_problems_are_counted_and_reported(large_orders) -> None:
    frame, report = large_orders.frame, large_orders.report
    assert (report.rows_read, report.rows_kept) == (ROWS + 1, ROWS)
    assert report.dropped == {"exact duplicate of another row": 1}
    assert (report.encoding, report.delimiter) == ("UTF-8", "comma")
    assert frame["order_date"].isna().tolist().index(True) == BAD_DATE_ROW
    assert int(frame["order_date"].isna().sum()) == 1
    assert any("1 value(s) in 'order_date'" in w for w in report.warnings)
    assert frame["order_date"].iloc[400] == START + pd.Timedelta(days=400 % 365)
    assert report.returns_flagged == 1  # the accounting negative
    assert frame.index[frame["is_return"]].tolist() == [160_002]
    assert report.roles["amount"] == "amount"
    assert report.roles["order_date"] == "transaction_date"


def test_trimming_knows_every_python_whitespace_character() -> None:
    from tools.ingest.cleaning import PYTHON_WHITESPACE

    python_whitespace = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(PYTHON_WHITESPACE) == python_whitespace


def test_large_file_with_an_unclosed_quote_is_still_explained(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    body = "".join(f"C{i},fine note {i}\n" for i in range(300_000))
    path.write_text("customer_id,note\n" + body + 'C9,"never closed\n', encoding="utf-8")
    with pytest.raises(IngestError, match="never closed"):
        read_table(path, IngestOptions(max_bytes=2**30))
